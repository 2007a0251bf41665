"""The counted vote in the real app under Pilot: every step from the keyboard, F1's steps,
and what is on screen is on disk (the journal, then the final minutes)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.state import MeetingState
from facilitator.processes.vote.model import vote_of
from facilitator.processes.vote.panel import VotePanel
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from facilitator.tui.screens.help import HelpScreen
from tests.minutes_parse import split_front_matter
from tests.tui_helpers import screen_text

HOSTILE = "[bold]motion[/]"


def _agenda(**keys: object) -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": "Assembly", "circle": "Land Trust", "quorum": 2},
            "participants": [
                {"name": "Ana Lima", "key": "a"},
                {"name": "Bo Tran", "key": "b"},
                {"name": "Chen Wu", "key": "c"},
                {"name": "Gus Guest", "role": "guest"},
            ],
            "items": [
                {
                    "title": "Amend bylaw 4.2",
                    "kind": "vote",
                    "duration": 15,
                    "motion": f"Article 4.2 is amended {HOSTILE}.",
                    "threshold": "2/3",
                    **keys,
                },
            ],
        }
    )


def _state(app: FacilitatorApp) -> MeetingState:
    assert app.meeting is not None
    state: MeetingState = app.meeting.state
    return state


def _app(tmp_path: Path, agenda: Agenda) -> FacilitatorApp:
    return build_app(
        None,
        agenda=agenda,
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(),
        settings=Settings(),
    )


async def test_a_vote_person_by_person_to_its_end(tmp_path: Path) -> None:
    app = _app(tmp_path, _agenda())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N")  # the roll call
        await pilot.pause()
        await pilot.press("enter")  # everyone ticked
        await pilot.pause()
        await pilot.press("N")  # the vote item
        await pilot.pause()
        assert app.screen.query(VotePanel)
        text = screen_text(app)
        assert "Vote · not open yet · 2/3 of votes cast" in text
        assert HOSTILE in text  # typed text, never markup
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "A counted vote, for an assembly" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s", "1", "1", "2")  # open; Ana for, Bo for, Chen against
        await pilot.pause()
        assert "2 for · 1 against · 0 abstaining (so far)" in screen_text(app)
        await pilot.press("O")  # close: asks first
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        state = _state(app)
        vote = vote_of(state.items["item-1"])
        assert vote is not None and vote.result is not None
        line = "carried: 2 for, 1 against, 0 abstaining; 66.6% of votes cast, 2/3 needed (2 of 3)"
        assert vote.result.line(vote.threshold, vote.of) == line
        text = screen_text(app)
        assert "carried: 2 for, 1 against" in text, text
        await pilot.press("ctrl+z")  # undo reopens it
        await pilot.pause()
        assert vote_of(_state(app).items["item-1"]).result is None  # type: ignore[union-attr]
        await pilot.press("O", "y")
        await pilot.pause()
        await pilot.press("E")  # end the meeting: asks first
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    (minutes,) = (tmp_path / "minutes").glob("*.md")
    front = tomllib.loads(split_front_matter(minutes.read_text(encoding="utf-8"))[0])
    assert [(v["result"], v["for"], v["against"]) for v in front["votes"]] == [("carried", 2, 1)]


async def test_a_secret_vote_by_totals(tmp_path: Path) -> None:
    app = _app(tmp_path, _agenda(secret=True, threshold="majority"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("N", "s")
        await pilot.pause()
        await pilot.press("1")  # person by person is refused: nothing recorded
        await pilot.pause()
        assert not vote_of(_state(app).items["item-1"]).ballots  # type: ignore[union-attr]
        await pilot.press("v")  # the totals form
        await pilot.pause()
        await pilot.press("1", "enter", "2", "enter", "enter")
        await pilot.pause()
        await pilot.press("O", "y")
        await pilot.pause()
        vote = vote_of(_state(app).items["item-1"])
        assert vote is not None and vote.result is not None
        assert (vote.result.for_, vote.result.against, vote.result.result) == (1, 2, "failed")
        assert "failed: 1 for, 2 against" in screen_text(app)
