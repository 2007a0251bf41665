"""Continuity on screen (issue 9), the real app under Pilot: the date warning at the start,
carried actions in the ⇧T picker, and the proposal read as prose in the item panel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.journal import read_journal
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from tests.tui_helpers import screen_text

RAN_ON = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def _agenda(date: str = "2026-11-24", *, carried: bool = False) -> Agenda:
    actions = [{"what": "Fix the gate", "owner": "Bo Tran", "since": "2026-10-20"}]
    return Agenda.model_validate(
        {
            "meeting": {"title": "Land Trust", "circle": "Land Trust", "date": date},
            "participants": [{"name": "Ana Lima", "key": "a"}, {"name": "Bo Tran", "key": "b"}],
            "items": [
                {
                    "title": "Adopt the lease",
                    "kind": "proposal",
                    "duration": 20,
                    "proposal": "We sign the lease\nfor plot 4.\n\nRent is paid monthly.",
                }
            ],
            **({"actions": actions} if carried else {}),
        }
    )


def _app(tmp_path: Path, agenda: Agenda) -> FacilitatorApp:
    return build_app(
        None,
        agenda=agenda,
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(wall=RAN_ON),
        settings=Settings(),
    )


async def test_an_agenda_dated_another_day_warns_at_the_start(tmp_path: Path) -> None:
    app = _app(tmp_path, _agenda())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("dated Tuesday 24 November 2026" in m for m in messages), messages


async def test_no_warning_on_the_agenda_s_own_day(tmp_path: Path) -> None:
    app = _app(tmp_path, _agenda("2026-12-01"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not any("dated" in n.message for n in app._notifications)


async def test_the_item_panel_shows_the_proposal_as_prose(tmp_path: Path) -> None:
    app = _app(tmp_path, _agenda())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")  # roll call: everyone; the proposal starts
        await pilot.pause()
        # The agenda's wrap is gone; the paragraph break is kept.
        assert "We sign the lease for plot 4." in screen_text(app)


async def test_carried_actions_are_listed_by_shift_t_and_followed_up(tmp_path: Path) -> None:
    app = _app(tmp_path, _agenda(carried=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        text = screen_text(app)
        assert "No actions yet" not in text
        assert "P1 Fix the gate" in text and "since 2026-10-20" in text
        await pilot.press("enter")  # P1
        await pilot.pause()
        await pilot.press(*"done", "enter")
        await pilot.pause()
        await pilot.press("E", "y")  # end: the summary says what became of it
        await pilot.pause()
        text = screen_text(app)
        assert "Actions carried from earlier meetings" in text
        assert "P1 Fix the gate — Bo Tran: done" in text
    (journal,) = (tmp_path / "minutes" / ".private").glob("*.journal.jsonl")
    records = read_journal(journal).records
    assert {"type": "ActionStatusSet", "action_id": "P1", "status": "done"}.items() <= next(
        r for r in records if r["type"] == "ActionStatusSet"
    ).items()
