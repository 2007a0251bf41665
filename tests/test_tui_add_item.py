"""Adding a vote, a dot vote or a selection during the meeting, from the keyboard alone (+,
its two pages), then running the vote to its result; the journal replayed equals the live
state. A key the rules refuse reopens the second page with what was typed (nothing is lost,
nothing is written)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, TextArea

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.events import events_from_records
from facilitator.core.fold import replay
from facilitator.processes.consent.model import consent_of
from facilitator.processes.dot_vote import model as D
from facilitator.processes.selection.model import selection_of
from facilitator.processes.vote import model as V
from facilitator.store.journal import read_journal
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from facilitator.tui.screens.forms import FormScreen
from tests.engine_support import without_log
from tests.tui_helpers import settle

PEOPLE = ("Ana Lima", "Bo Tran", "Chen Wu")


def agenda() -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": "Assembly", "quorum": 2},
            "participants": [{"name": n, "key": n[0].lower()} for n in PEOPLE],
            "items": [{"title": "Open floor", "kind": "discussion", "duration": 20}],
        }
    )


def app_on(tmp_path: Path) -> Any:
    return build_app(
        None,
        agenda=agenda(),
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(),
        settings=Settings(),
    )


async def type_into(pilot: Any, text: str, *, clear: bool = False) -> None:
    """Type `text` into the focused field (`clear`: what it held first is deleted)."""
    if clear:
        await pilot.press("ctrl+u")
    if text:
        await pilot.press(*text)


async def first_page(pilot: Any, title: str, kind: str) -> None:
    """+, then the item: title, the 10 minutes kept, `kind`, no owner, not confidential."""
    await pilot.press("plus")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FormScreen)
    await type_into(pilot, title)
    await pilot.press("enter", "enter")  # the title; the minutes as offered
    await type_into(pilot, kind, clear=True)
    await pilot.press("enter", "enter", "enter")  # the kind; no owner; not confidential
    await settle(pilot)


def replayed_equals_live(app: Any, tmp_path: Path) -> None:
    (journal,) = (tmp_path / "minutes" / ".private").glob("*.journal.jsonl")
    events = events_from_records(read_journal(journal).records)
    live = app.meeting.state
    assert without_log(replay(live.agenda, events)) == without_log(live)


async def test_a_vote_added_from_the_keyboard_runs_to_its_result(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")  # the roll, and the open floor starts
        await settle(pilot)
        await first_page(pilot, "Dues", "vote")
        form = app.screen
        assert isinstance(form, FormScreen), "a vote has keys: the second page opens"
        shown = [f.name for f in form._fields]
        assert shown == ["motion", "threshold", "of", "secret"]
        await type_into(pilot, "Dues rise by 5%.")
        await pilot.press("enter")
        await type_into(pilot, "3/4", clear=True)
        await pilot.press("enter", "enter", "enter")  # 3/4; of votes cast; not secret
        await settle(pilot)
        state = app.meeting.state
        added = state.order[1]
        vote = V.vote_of(state.items[added])
        assert vote is not None
        assert (vote.motion, vote.threshold, vote.of, vote.secret) == (
            "Dues rise by 5%.",
            "3/4",
            "cast",
            False,
        )
        # Run it: the next item, open, three votes from the panel's keys, close.
        await pilot.press("N")
        await settle(pilot)
        assert app.meeting.state.current == added
        await pilot.press("s", "1", "1", "2")
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        vote = V.vote_of(app.meeting.state.items[added])
        assert vote is not None and vote.result is not None
        assert (vote.result.for_, vote.result.against, vote.result.result) == (2, 1, "failed")
        replayed_equals_live(app, tmp_path)


async def test_a_refused_key_reopens_the_page_with_what_was_typed(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await settle(pilot)
        events = len(app.meeting.state.events)
        await first_page(pilot, "Priorities", "dot-vote")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert [f.name for f in form._fields] == ["options", "dots", "max_per_option"]
        # One option twice: the rules `check` applies say so, and the page opens again.
        await type_into(pilot, "Roof")
        await pilot.press("enter")
        await type_into(pilot, "roof")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("`options[2]`: 'roof' is listed twice (also option 1)" in m for m in said), said
        assert len(app.meeting.state.events) == events, "nothing was written"
        form = app.screen
        assert isinstance(form, FormScreen)
        box = form.query_one("#field-options", TextArea)
        assert box.text == "Roof\nroof"
        box.text = "Roof\nGarden\nBikes"
        form.query_one("#field-dots", Input).focus()
        await type_into(pilot, "2")
        await pilot.press("enter", "enter")
        await settle(pilot)
        added = app.meeting.state.order[1]
        dots = D.dot_vote_of(app.meeting.state.items[added])
        assert dots is not None and dots.settings.options == ("Roof", "Garden", "Bikes")
        assert dots.settings.dots == 2
        # A selection: its role is required, its term optional.
        await first_page(pilot, "Treasurer", "selection")
        assert [f.name for f in app.screen._fields] == ["role", "term", "qualifications"]
        await type_into(pilot, "Treasurer")
        await pilot.press("enter")
        await type_into(pilot, "2 years")
        await pilot.press("enter", "enter")
        await settle(pilot)
        sel = selection_of(app.meeting.state.items[app.meeting.state.order[1]])
        assert sel is not None and (sel.role, sel.term) == ("Treasurer", "2 years")
        replayed_equals_live(app, tmp_path)


async def test_a_proposal_is_added_with_its_text_and_method(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await settle(pilot)
        await first_page(pilot, "Values", "proposal")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert [f.name for f in form._fields] == ["proposal", "method", "pass_min"]
        await type_into(pilot, "We adopt the values.")
        await pilot.press("tab")  # out of the text's box
        await type_into(pilot, "consensus")
        await pilot.press("enter", "enter")
        await settle(pilot)
        consent = consent_of(app.meeting.state.items[app.meeting.state.order[1]])
        assert consent is not None and consent.method == "consensus"
        assert consent.versions == ["We adopt the values."]
        replayed_equals_live(app, tmp_path)
