"""The forms issue 9 found wanting, driven through the real app on a real journal.

An action's due date (friendly forms, shown before saving, free text only when
confirmed), the review date (`v`: opens on the current date, takes any real
date, warns before the meeting), a concern's words and a recusal's reason.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.journal import read_journal
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.screens.preview_form import PreviewFormScreen
from tests.tui_helpers import screen_text, settle


def _agenda(date: str | None = None) -> Agenda:
    meeting: dict[str, object] = {"title": "Budget call", "circle": "Finance"}
    if date:
        meeting["date"] = date
    return Agenda.model_validate(
        {
            "meeting": meeting,
            "participants": [{"name": "Ana Lima"}, {"name": "Bo Tran"}, {"name": "Cy Ode"}],
            "items": [
                {
                    "title": "Adopt the budget",
                    "kind": "proposal",
                    "duration": 20,
                    "proposal": "We adopt the 2027 budget.",
                    "review": "2027-06-01",
                },
            ],
        }
    )


def _app(tmp_path: Path, date: str | None = None) -> FacilitatorApp:
    # FakeClock: the meeting starts on Tuesday 2026-11-24.
    return build_app(
        None,
        agenda=_agenda(date),
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(),
        settings=Settings(),
    )


def _records(tmp_path: Path, kind: str) -> list[dict[str, object]]:
    (journal,) = (tmp_path / "minutes" / ".private").glob("*.journal.jsonl")
    return [r for r in read_journal(journal).records if r["type"] == kind]


async def _start(pilot: object) -> None:
    await pilot.press("N", "enter")  # type: ignore[attr-defined]
    await settle(pilot)


async def test_action_due_takes_friendly_dates_and_shows_the_day(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 36)) as pilot:
        await _start(pilot)
        await pilot.press("t", *"send the budget", "enter", *"Bo Tran", "enter", *"fri")
        await settle(pilot)
        assert isinstance(app.screen, PreviewFormScreen)
        assert "→ Fri 27 Nov 2026 (in 3 days)" in screen_text(app)  # before saving
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t", *"book the hall", "enter", *"Ana Lima", "enter", *"next month")
        await pilot.press("enter")
        await settle(pilot)
    added = _records(tmp_path, "ActionAdded")
    assert [(a["text"], a["due"]) for a in added] == [
        ("send the budget", "2026-11-27"),
        ("book the hall", "2026-12-24"),  # not "book the hall next month" with no due
    ]


async def test_due_text_that_is_no_date_is_kept_only_when_confirmed(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 36)) as pilot:
        await _start(pilot)
        await pilot.press("t", *"ask the bank", "enter", *"Bo Tran", "enter", *"after the AGM")
        await settle(pilot)
        assert "not a date: kept as free text, after you confirm" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert 'Keep "after the AGM" as free text' in screen_text(app)
        await pilot.press("n")  # back to the form, with what was typed
        await settle(pilot)
        assert isinstance(app.screen, PreviewFormScreen)
        assert app.screen.query_one("#field-text", Input).value == "ask the bank"
        due = app.screen.query_one("#field-due", Input)
        assert due.value == "after the AGM"
        assert _records(tmp_path, "ActionAdded") == []
        await pilot.press("enter", "enter", "enter")  # through the fields, then the form saves
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
    (added,) = _records(tmp_path, "ActionAdded")
    assert (added["text"], added["due"]) == ("ask the bank", "after the AGM")


async def test_review_date_opens_on_the_current_one_and_empty_clears_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 36)) as pilot:
        await _start(pilot)
        await pilot.press("v")
        await settle(pilot)
        field = app.screen.query_one("#field-review", Input)
        assert field.value == "2027-06-01"  # the agenda's review date, ready to edit
        field.value = ""
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert app.screen.query_one("#field-review", Input).value == ""
        await pilot.press(*"+6m", "enter")
        await settle(pilot)
    reviews = [r["review"] for r in _records(tmp_path, "ReviewSet")]
    assert reviews == [None, "2027-05-24"]


async def test_review_date_before_the_meeting_is_taken_with_a_warning(tmp_path: Path) -> None:
    # An agenda dated 10 November run on 24 November (the FakeClock's day): dates count
    # from the day the meeting takes place, and the warning names that day.
    app = _app(tmp_path, date="2026-11-10")
    async with app.run_test(size=(100, 36)) as pilot:
        await _start(pilot)
        await pilot.press("v")
        await settle(pilot)
        app.screen.query_one("#field-review", Input).value = "2026-11-27"
        await settle(pilot)
        assert "→ Fri 27 Nov 2026 (in 3 days)" in screen_text(app)  # after 24 Nov: no warning
        app.screen.query_one("#field-review", Input).value = "2026-11-01"
        await settle(pilot)
        assert "⚠ before the meeting (2026-11-24)" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "before the meeting" in " ".join(str(n.message) for n in app._notifications)
    assert [r["review"] for r in _records(tmp_path, "ReviewSet")] == ["2026-11-01"]


async def test_a_concern_asks_what_it_is_and_may_be_left_empty(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 36)) as pilot:
        await _start(pilot)
        await pilot.press("2")  # Ana: concern
        await settle(pilot)
        assert "What the concern is" in screen_text(app)
        await pilot.press(*"the reserve is thin", "enter")
        await settle(pilot)
        await pilot.press("2", "enter")  # Bo: a concern left unsaid
        await settle(pilot)
    responses = [
        (r["name"], r["response"], r["reason"]) for r in _records(tmp_path, "ConsentResponse")
    ]
    assert responses == [
        ("Ana Lima", "concern", "the reserve is thin"),
        ("Bo Tran", "concern", ""),
    ]


async def test_a_recusal_asks_a_reason_and_may_be_left_empty(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 36)) as pilot:
        await _start(pilot)
        await pilot.press("r", *"bo", "enter")
        await settle(pilot)
        assert "Bo Tran recuses from this item" in screen_text(app)
        await pilot.press(*"married to the treasurer", "enter")
        await settle(pilot)
        await pilot.press("r", *"cy", "enter", "enter")
        await settle(pilot)
    recused = [(r["name"], r["reason"]) for r in _records(tmp_path, "Recused")]
    assert recused == [("Bo Tran", "married to the treasurer"), ("Cy Ode", "")]


def test_meeting_day_is_the_day_the_meeting_takes_place_not_the_agenda_date() -> None:
    from facilitator.core.fold import initial_state
    from facilitator.tui.date_fields import meeting_day

    today = dt.date(2026, 12, 1)
    # Not started yet: today, whatever the agenda says (it may be a week old).
    assert meeting_day(initial_state(_agenda("2026-11-10")), today) == today
    assert meeting_day(initial_state(_agenda()), today) == today
    started = initial_state(_agenda("2026-11-10"))
    started.start_at = "2026-12-02T12:00:00Z"  # midday UTC: 2 December in every zone
    assert meeting_day(started, today) == dt.date(2026, 12, 2)
