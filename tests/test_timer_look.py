"""The timer line's paused look is inline styles (issue 12): the same cells as the class.

The class (`#item-timer.-paused` in run.tcss until then) restyled the line on every
space; `timer_look.show_paused` sets the same declarations inline. These compare what
is drawn, segment by segment, with the class's look, in every theme the app offers,
and check that the look goes again on resume and follows a theme change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.theme import Theme
from textual.widgets import Static

from facilitator.tui.theme import HIGH_CONTRAST
from facilitator.tui.widgets.item_panel import ItemPanel
from facilitator.tui.widgets.timer_look import show_paused
from tests.test_tui_render_counts import running_big
from tests.tui_helpers import settle

CSS = """
#t { height: 1; text-style: bold; }
#t.-warn { color: $warning; }
#t.-paused { color: $text-muted; text-style: italic; }
"""


OWN_MUTED = Theme(
    name="own-muted", primary="#004578", dark=True, variables={"text-muted": "#FF8800"}
)
"""A theme whose $text-muted is its own colour, not Textual's "auto 60%"."""


class Timer(App[None]):
    CSS = CSS

    def __init__(self, theme: str) -> None:
        super().__init__()
        self.register_theme(HIGH_CONTRAST)
        self.register_theme(OWN_MUTED)
        self.theme = theme

    def compose(self) -> ComposeResult:
        yield Static("⏸ PAUSED · 3:00 left   (timebox 10m)", id="t")


async def _drawn(theme: str, how: str) -> list[list[Segment]]:
    app = Timer(theme)
    async with app.run_test(size=(50, 3)) as pilot:
        line = app.query_one("#t", Static)
        if how == "class":
            line.add_class("-paused")
        elif how in ("inline", "inline, then not"):
            show_paused(line, True)
        if how == "inline, then not":
            await pilot.pause()
            show_paused(line, False)
        await pilot.pause()
        return [list(strip) for strip in line.render_lines(line.region.reset_offset)]


@pytest.mark.parametrize(
    "theme", ["textual-dark", "textual-light", "own-muted", "high-contrast", "nord"]
)
async def test_the_inline_look_draws_what_the_class_drew(theme: str) -> None:
    paused = await _drawn(theme, "class")
    assert any(s.style is not None and s.style.italic for s in paused[0])
    assert await _drawn(theme, "inline") == paused
    # Taken away, the line is as its CSS draws it: bold, in the text colour.
    assert await _drawn(theme, "inline, then not") == await _drawn(theme, "plain")


def _styles(screen: object) -> tuple[bool, bool]:
    line = screen.query_one("#item-timer", Static)  # type: ignore[attr-defined]
    first = next(s for s in line.render_lines(line.region.reset_offset)[0] if s.text.strip())
    return bool(first.style and first.style.italic), bool(first.style and first.style.bold)


async def test_space_pauses_with_the_muted_look_and_resumes_without_it(tmp_path: Path) -> None:
    async with running_big(tmp_path, 12) as (pilot, screen, _clock):
        assert _styles(screen) == (False, True)  # running: bold
        await pilot.press("space")
        await settle(pilot)
        assert screen.query_one(ItemPanel).item.paused  # type: ignore[union-attr]
        assert _styles(screen) == (True, False)  # paused: italic, not bold
        color = screen.query_one("#item-timer", Static).styles.color
        # The look follows a theme change.
        pilot.app.register_theme(OWN_MUTED)
        pilot.app.theme = OWN_MUTED.name
        await settle(pilot)
        assert _styles(screen) == (True, False)
        assert screen.query_one("#item-timer", Static).styles.color != color
        await pilot.press("space")
        await settle(pilot)
        assert _styles(screen) == (False, True)
