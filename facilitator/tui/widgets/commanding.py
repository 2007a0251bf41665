"""What every widget that owns keys has: what it was last shown, and `run`.

Attributes go down, messages go up: the run screen hands each key owner the
engine state and the view as shown (redacted while sharing) on every change,
and the owner's actions read them, open their own dialogs (`tui/ask.py`) and
post one `RunCommand` up, which the screen journals. Nothing here draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.dom import NoScreen
from textual.widget import Widget

from facilitator.tui.messages import RunCommand
from facilitator.tui.translate import translate_bindings

if TYPE_CHECKING:
    from facilitator.core.state import MeetingState
    from facilitator.tui.view import MeetingView


class Commanding:
    """Mixed into a widget that owns keys (the stack, the item, the log, a process panel)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert isinstance(self, Widget)
        translate_bindings(self)  # the Footer's labels in the screen's language

    state: MeetingState | None = None
    """The engine state as last shown (actions read it; they never change it)."""
    shown: MeetingView | None = None
    """The meeting as last shown on this screen: redacted while sharing, so a picker
    opened then names confidential things neutrally too."""

    def show_meeting(self, state: MeetingState, view: MeetingView) -> None:
        """Keep what the actions read (no redraw: drawing has its own reactives)."""
        self.state, self.shown = state, view

    def run(
        self,
        command: object,
        *,
        done: str | None = None,
        confirm: str | None = None,
        then: Sequence[object] = (),
    ) -> None:
        """Ask the run screen to journal `command` (after `confirm`, when given).

        Posted to the screen itself, not bubbled up from here: no widget between handles
        it, and each step up was a message hop, with the type-ahead gate's callbacks and
        the timers running in between (the pause's RunCommand took ~3 ms from the item
        panel through the grid to the screen in a real terminal; issue 12)."""
        assert isinstance(self, Widget)
        try:
            screen = self.screen
        except NoScreen:  # removed meanwhile (a picker's answer after the panel went)
            return
        screen.post_message(RunCommand(command, done=done, confirm=confirm, then=then))

    def meeting_state(self) -> MeetingState:
        """The state, once shown (a key cannot arrive before the first show)."""
        assert self.state is not None, "a key reached a widget that was never shown"
        return self.state

    def meeting_view(self) -> MeetingView:
        """The view as shown, once shown."""
        assert self.shown is not None, "a key reached a widget that was never shown"
        return self.shown
