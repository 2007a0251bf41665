"""A dot vote run to its end from the keyboard, in the real app under Pilot: open, each
voter's dots typed in one line (checked as typed), a guest's advisory dots, a correction,
close with a confirmation, a tie to a second round, undo; the journal and the minutes hold
it, and the screen never shows anyone's allocation."""

from __future__ import annotations

import tomllib
from pathlib import Path

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.journal import read_journal
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from tests.minutes_parse import split_front_matter
from tests.tui_helpers import screen_text, settle

OPTIONS = ["Housing fund", "Food hub", "School garden"]


def _app(tmp_path: Path) -> FacilitatorApp:
    agenda = Agenda.model_validate(
        {
            "meeting": {"title": "Priorities", "quorum": 2, "date": "2026-12-02"},
            "participants": [
                {"name": "Ana Lima"},
                {"name": "Bo Tran"},
                {"name": "Chen Wu"},
                {"name": "Gus Guest", "role": "guest"},
                {"name": "Olu Observer", "role": "observer"},
            ],
            "items": [
                {
                    "title": "Priorities for 2027",
                    "kind": "dot-vote",
                    "duration": 10,
                    "options": OPTIONS,
                    "dots": 3,
                    "max_per_option": 2,
                },
            ],
        }
    )
    return build_app(
        None,
        agenda=agenda,
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(),
        settings=Settings(),
    )


def _records(tmp_path: Path) -> list[dict[str, object]]:
    (journal,) = (tmp_path / "minutes" / ".private").glob("*.journal.jsonl")
    return list(read_journal(journal).records)


def _placed(tmp_path: Path) -> list[tuple[object, object]]:
    return [
        (r["name"], r["dots"])
        for r in _records(tmp_path)
        if r["type"] in ("DotsPlaced", "DotsCorrected")
    ]


async def test_a_dot_vote_from_the_keyboard(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")  # roll call (everyone), then the dot-vote item
        await settle(pilot)
        assert "Dot vote: not opened" in screen_text(app)
        await pilot.press("s")  # open
        await settle(pilot)
        assert "0 of 3 voting members in" in screen_text(app)
        await pilot.press("1")  # the next voter not yet in: Ana
        await settle(pilot)
        assert "Ana Lima's dots" in screen_text(app)
        await pilot.press("3", "enter")  # over max_per_option: refused in place
        await settle(pilot)
        assert "at most 2 dots on one option" in screen_text(app)
        assert _placed(tmp_path) == []
        await pilot.press("backspace", *"2 1", "enter")
        await settle(pilot)
        assert _placed(tmp_path) == [("Ana Lima", {"Housing fund": 2, "Food hub": 1})]
        text = screen_text(app)
        assert "1 of 3 voting members in" in text and "Totals hidden" in text
        assert "2 dots" not in text, "nobody's allocation, no total while hidden"
        await pilot.press("1", *"0 2", "enter")  # Bo
        await pilot.press("R", *"gus", "enter")  # the guest, chosen by name
        await settle(pilot)
        await pilot.press(*"0 0 2", "enter")
        await settle(pilot)
        await pilot.press("A", *"bo", "enter")  # correct Bo's dots: the form has them
        await settle(pilot)
        assert "0 2 0" in screen_text(app)
        await pilot.press(*["backspace"] * 5, *"1 1", "enter")
        await settle(pilot)
        assert _placed(tmp_path)[-1] == ("Bo Tran", {"Housing fund": 1, "Food hub": 1})
        await pilot.press("O")  # Chen is not in: asks first, Cancel is the default
        await settle(pilot)
        assert "1 voting member present has not placed dots (Chen Wu)" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("1", *"1 2", "enter")  # Chen
        await settle(pilot)
        text = screen_text(app)
        assert "1. Housing fund  4 dots" in text and "1. Food hub  4 dots" in text
        assert "(+2 advisory)" in text
        await pilot.press("O")  # everyone in: closes at once
        await settle(pilot)
        assert "Tied at the top: Housing fund, Food hub" in screen_text(app)
        await pilot.press("2")  # the second round among the tied
        await settle(pilot)
        text = screen_text(app)
        assert "second round, among the tied" in text and "School garden" not in text
        await pilot.press("1", *"2", "enter", "1", *"1", "enter", "1", *"0 2", "enter")
        await settle(pilot)
        await pilot.press("ctrl+z")  # undo Chen's dots in the second round
        await settle(pilot)
        assert "2 of 3 voting members in" in screen_text(app)
        await pilot.press("1", *"2", "enter", "O")
        await settle(pilot)
        assert "1. Housing fund  5 dots" in screen_text(app)
        await pilot.press("N")  # finish the item
        await settle(pilot)
        await pilot.press("E", "y")  # end the meeting
        await settle(pilot)
    types = [r["type"] for r in _records(tmp_path)]
    assert types.count("DotVoteOpened") == 2 and types.count("DotVoteClosed") == 2
    assert "Undone" in types and "DotsCorrected" in types
    (minutes,) = (tmp_path / "minutes").glob("*.md")
    front = tomllib.loads(split_front_matter(minutes.read_text(encoding="utf-8"))[0])
    [vote] = front["dot_votes"]
    assert vote["results"][:2] == [
        {"option": "Housing fund", "dots": 4},
        {"option": "Food hub", "dots": 4},
    ]
    assert vote["second_round"] == [
        {"option": "Housing fund", "dots": 5},
        {"option": "Food hub", "dots": 0},
    ]


async def test_f1_states_the_steps_and_the_footer_has_the_keys(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await settle(pilot)
        active = {b.binding.id for b in app.screen.active_bindings.values() if b.binding.id}
        assert {"open-dot-vote", "next-voter-dots", "close-dot-vote"} <= active
        assert "respond-1" not in active, "the consent keys are not mounted on a dot vote"
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(app)
        assert "A dot vote: each voting member places their dots" in text
        assert "Open the dot vote" in text
