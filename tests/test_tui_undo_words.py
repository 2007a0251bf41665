"""What undo, redo and the history say, through the real app: in the screen's language, items
by title, and, while the screen is shared or presented, nothing a shared screen may not show.

The toast of an undo is drawn over whatever screen is on top, the presentation view included;
before, it said the journal's English words whatever the language ("Undone: Ana Lima's
response (concern)."), even of a confidential item on a shared screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator import i18n
from facilitator.core import commands as C
from facilitator.core import shared_screen as share
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from facilitator.tui.screens.history import HistoryScreen
from facilitator.tui.screens.presentation import PresentationScreen
from facilitator.tui.screens.run_screen import RunScreen
from tests.test_tui_sharing import OFF, SECRET, _confidential_item, agenda, all_text
from tests.tui_helpers import screen_text, settle


def _app(tmp_path: Path, **settings: Any) -> FacilitatorApp:
    return build_app(
        None,
        agenda=agenda(),
        minutes_dir=tmp_path,
        clock=FakeClock(),
        settings=Settings(**settings),
    )


def _last_toast(app: FacilitatorApp) -> str:
    return str(list(app._notifications)[-1].message)


async def test_undo_and_redo_of_a_confidential_response_while_sharing(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _confidential_item(pilot)  # ends with Ana's concern on the confidential item
        await pilot.press("S", "ctrl+z")
        await settle(pilot)
        said = _last_toast(app)
        assert said.startswith("Undone: 🔒 on a confidential item"), said
        assert "Ana Lima" not in said and "concern" not in said and SECRET not in said
        await pilot.press("ctrl+y")
        await settle(pilot)
        said = _last_toast(app)
        assert said.startswith("Redone: 🔒 on a confidential item"), said
        # The history's redo hint and rows keep to the rule too.
        await pilot.press("ctrl+z", "h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        text = all_text(app)
        assert "Ana Lima's response" not in text and SECRET not in text and OFF not in text
        assert "ctrl+y: redo “🔒 on a confidential item" in text
        await pilot.press("escape", "S", "ctrl+y")
        await settle(pilot)
        # Not sharing: the facilitator's own screen says what it was.
        assert _last_toast(app) == "Redone: Ana Lima's response (concern)."
        await pilot.press("h")
        await settle(pilot)
        text = all_text(app)
        assert "🔒 Ana Lima's response (concern)" in text
        assert "started “Hardship loan" in text and "started “Outreach plan”" in text


async def test_undo_in_the_presentation_view_names_nothing_confidential(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        run = await _confidential_item(pilot)
        run.do(C.ConsentByException())
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, PresentationScreen)
        await pilot.press("ctrl+z")  # the run screen's key works behind the view
        await settle(pilot)
        said = _last_toast(app)
        assert said.startswith("Undone: 🔒 on a confidential item"), said
        assert "consent by exception" not in said.lower()
        # Undoing back to the item's start names it by its neutral title only.
        for _ in range(6):  # the response, the stage, the credit, the action, the note, the start
            await pilot.press("ctrl+z")
        await settle(pilot)
        said = _last_toast(app)
        assert said == f"Undone: started “{share.CONFIDENTIAL_TITLE}”.", said
        assert SECRET not in screen_text(app)


async def test_undo_of_a_credit_given_off_the_record_while_sharing(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        run.do(C.SetOffRecord(True))
        run.do(C.LogCredit("Bo Tran", f"Work {OFF}"))
        await pilot.press("S", "ctrl+z")
        await settle(pilot)
        assert _last_toast(app) == "Undone: 🔒 recorded off the record."
        await pilot.press("S", "ctrl+y")
        await settle(pilot)
        assert _last_toast(app) == "Redone: credited Bo Tran."


@pytest.fixture
def spanish() -> Iterator[None]:
    previous = i18n.set_screen_language("es")
    yield
    i18n.set_screen_language(previous)


async def test_undo_speaks_the_screens_language(tmp_path: Path, spanish: None) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert _last_toast(app) == "Deshecho: se inició “Outreach plan”."
        await pilot.press("ctrl+y")
        await settle(pilot)
        said = _last_toast(app)
        assert said.startswith("Rehecho: ") and "started" not in said, said
