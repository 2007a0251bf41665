"""The run screen's Footer is rebuilt only when the keys it shows change (issue 12).

Textual's Footer recomposes every key whenever the screen says its bindings were updated,
which it says on every mount and focus change: around the first frame of a meeting it
rebuilt four times with the same keys. Counted here: compositions, not time.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.core import commands as C
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from facilitator.tui.screens.run_screen import RunScreen
from facilitator.tui.widgets.footer import MeetingFooter
from tests.test_tui_footer_order import agenda, footer_actions
from tests.tui_helpers import settle


async def test_the_footer_composes_once_per_change_of_keys(tmp_path: Path) -> None:
    app = build_app(
        None, agenda=agenda(), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("N", "enter")  # the roll, and the proposal starts
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        footer = run.query_one(MeetingFooter)
        for _ in range(5):
            await settle(pilot)
        start = footer.composed
        assert footer.shown() is not None
        assert "stage" in footer_actions(app)  # the consent panel's keys are shown
        # Keys that change the stack, not the bindings: focus moves, the Footer stays.
        for key in ("q", "escape", "n", "e"):
            await pilot.press(key)
            await settle(pilot)
        assert footer.composed == start
        # A new item with another process: new keys, one recompose shows them.
        run.do(C.FinishItem())
        run.do(C.StartItem())
        for _ in range(5):
            await settle(pilot)
        assert "stage" not in footer_actions(app)
        assert footer.composed == start + 1
        assert footer.shown() == footer._shown
