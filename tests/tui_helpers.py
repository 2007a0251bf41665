"""Helpers for the TUI tests: a host app for one widget or one modal screen.

The host-app pattern: mount the widget (or push the screen) alone, drive it
with Pilot, and assert on what it shows, on the value it dismisses with and on
the messages it posts up. Process-panel tests can use the same host.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from facilitator.tui.messages import RunCommand


class HostApp(App[None]):
    """Hosts one widget, or pushes one screen and records what it dismisses with."""

    CSS_PATH = [  # noqa: RUF012
        "../facilitator/tui/styles/app.tcss",
        "../facilitator/tui/styles/run.tcss",
        "../facilitator/tui/styles/modals.tcss",
    ]

    def __init__(self, widget: Widget | None = None, screen: Screen[Any] | None = None) -> None:
        super().__init__()
        self._widget = widget
        self._screen = screen
        self.results: list[Any] = []
        """Dismiss values of the pushed screen."""
        self.commands: list[Any] = []
        """Commands posted up with RunCommand."""

    def compose(self) -> ComposeResult:
        if self._widget is not None:
            yield self._widget

    def on_mount(self) -> None:
        if self._screen is not None:
            self.push_screen(self._screen, self.results.append)

    def on_run_command(self, message: RunCommand) -> None:
        self.commands.append(message.command)


def screen_text(app: App[Any]) -> str:
    """Everything visible on the active screen, as plain text lines."""
    # The compositor's strips are exactly what a terminal would show.
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def steady_cursors(monkeypatch: Any) -> None:
    """Text cursors that never blink, so a screenshot is the same however slow the machine.

    The blink is a real-time timer (0.5 s): under load a snapshot caught the cursor on or
    off at random. With the toggle a no-op the cursor is always drawn.
    """
    from textual.widgets import Input, TextArea

    def shown(self: Any) -> None:
        self._cursor_visible = True

    monkeypatch.setattr(Input, "_toggle_cursor", shown)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", shown)


async def settle(pilot: Any) -> None:
    """Wait on the app's own signals, never on the wall clock: messages, then animations."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def tick(pilot: Any) -> None:
    """Run the run screen's once-a-second tick now, instead of sleeping for the timer.

    The FakeClock decides what the tick shows; a real tick arriving as well changes nothing.
    Under the presentation view it is the run screen's tick (its timer runs behind it).
    """
    screen = pilot.app.screen
    tick_now = getattr(getattr(screen, "run_screen", screen), "tick", None)
    if callable(tick_now):
        tick_now()
    await settle(pilot)
