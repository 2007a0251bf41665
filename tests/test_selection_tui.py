"""Role selection from the keyboard, in the real app under Pilot: every step to the end,
one objection resolved and the objector asked again, the stage and what comes next on
screen, the keys only on a selection item, and F1 stating the steps."""

from __future__ import annotations

from pathlib import Path

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.events import event_from_record
from facilitator.core.fold import replay
from facilitator.processes.selection.model import selection_of
from facilitator.store.journal import read_journal
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from tests.tui_helpers import screen_text

ANA, BO, DEE = "Ana Lima", "Bo Tran", "Dee Okafor"


def _agenda() -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": "Delegate", "quorum": 1},
            "participants": [
                {"name": ANA, "key": "a"},
                {"name": BO, "key": "b"},
                {"name": DEE, "key": "d"},
            ],
            "items": [
                {
                    "title": "Select our delegate",
                    "kind": "selection",
                    "duration": 30,
                    "role": "Delegate to the regional network",
                    "term": "1 year",
                },
                {"title": "Open floor", "kind": "discussion", "duration": 10},
            ],
        }
    )


def _app(tmp_path: Path) -> FacilitatorApp:
    return build_app(
        None,
        agenda=_agenda(),
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(),
        settings=Settings(),
    )


def _records(tmp_path: Path) -> list[dict[str, object]]:
    (journal,) = (tmp_path / "minutes" / ".private").glob("*.journal.jsonl")
    return list(read_journal(journal).records)


def _active(app: FacilitatorApp) -> set[str]:
    return {b.binding.id for b in app.screen.active_bindings.values() if b.binding.id}


async def test_a_selection_runs_to_its_end_from_the_keyboard(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("N", "enter")  # the roll (everyone here), then the selection
        await pilot.pause()
        text = screen_text(app)
        assert "Stage 1/8" in text and "Present the role" in text
        assert "Delegate to the regional network" in text and "term: 1 year" in text
        assert "next: everyone writes down one name" in text
        assert {"selection-stage", "selection-nominate", "selection-select"} <= _active(app)

        await pilot.press("s", *"silence", "enter")
        await pilot.press("s", *"nominations round", "enter")
        await pilot.pause()
        assert "Stage 3/8" in screen_text(app) and "0 of 3 heard" in screen_text(app)
        # Ana nominates Dee, with a reason; Bo passes; Dee nominates herself.
        await pilot.press("y", *"dee", "enter", *"knows the network", "enter")
        await pilot.press("b")
        await pilot.press("y", *"dee", "enter", *"I have the time", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Ana Lima  → Dee Okafor: knows the network" in text
        assert "round done" in text

        # The change round: Ana and Dee keep theirs, Bo now nominates Dee, with a reason.
        await pilot.press("s", *"change", "enter", "b")
        await pilot.press("y", *"dee", "enter", *"her reasons convinced me", "enter", "b")
        await pilot.pause()
        # Propose: the panel lists the nominees with their counts, the facilitator picks.
        await pilot.press("K", "enter", *"three nominations", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Stage 6/8" in text and "Consent round" in text
        assert "(nominee: asked last)" in text

        # Ana consents; Bo objects, with his reason; the objection is resolved; Bo is asked
        # again and consents; Dee, the nominee, last.
        await pilot.press("1", "4", *"a year is long", "enter")
        await pilot.pause()
        assert "Objection stands: Bo Tran" in screen_text(app)
        await pilot.press("I", "enter", *"review after six months", "enter")
        await pilot.pause()
        assert "Stage 7/8" in screen_text(app)
        await pilot.press("R", *"bo", "enter", *"consent", "enter")
        await pilot.press("1")
        await pilot.pause()
        assert "select Dee Okafor" in screen_text(app)
        await pilot.press("O", "y")
        await pilot.pause()
        text = screen_text(app)
        assert "Stage 8/8" in text
        assert "Selected Dee Okafor as Delegate to the regional network, 1 year" in text

        # On the next item the selection's keys are gone.
        await pilot.press("N")
        await pilot.pause()
        assert "selection-nominate" not in _active(app)

    records = _records(tmp_path)
    types = [r["type"] for r in records]
    assert types.count("NominationMade") == 3 and types.count("NominationPassed") == 1
    assert types.count("SelectionResponse") == 4
    assert "SelectionObjectionResolved" in types and "NomineeSelected" in types
    state = replay(_agenda(), [event_from_record(r) for r in records])
    sel = selection_of(state.items["item-1"])
    assert sel is not None and sel.selected == DEE
    assert [r.name for r in sel.rounds[0].responses] == [ANA, BO, BO, DEE]
    assert sel.rounds[0].resolutions[0].how == "review after six months"


async def test_the_nominee_cannot_be_asked_first(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("N", "enter", "s", *"nominations round", "enter")
        await pilot.press("y", *"dee", "enter", "enter", "b", "b")
        await pilot.press("K", "enter", "enter")
        await pilot.press("R", *"dee", "enter", *"consent", "enter")
        await pilot.pause()
        refusals = [n.message for n in app._notifications]
        assert any("Dee Okafor is the nominee and is asked last" in m for m in refusals)
    types = [r["type"] for r in _records(tmp_path)]
    assert "NomineeProposed" in types and "SelectionResponse" not in types


async def test_f1_states_the_steps(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("N", "enter", "f1")
        await pilot.pause()
        text = screen_text(app)
        assert "Role selection (election by consent)" in text
        assert "the nominee is asked last" in text
