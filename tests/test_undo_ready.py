"""Undo from the copy made at idle (`fold.prepare_undo`) equals undo from a checkpoint.

Issue 12: an undo at 10,000 events thawed a ~380 KB checkpoint on the key press. The
run screen now readies, once a second when idle, the state from before the latest
command; undo starts from it. These tests check that whatever is readied, and
whenever, replay still equals live, and that undo then does not thaw at all.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import rule, run_state_machine_as_test

from facilitator.core import commands as C
from facilitator.core import fold, fold_undo
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.fold import replay
from facilitator.core.session import MemorySink, Session
from tests.test_engine_properties import RandomMeeting


class IdleMeeting(RandomMeeting):
    """The random meeting, with idle moments (a tick) between its commands."""

    @rule(times=st.integers(min_value=1, max_value=2))
    def idle(self, times: int) -> None:
        for _ in range(times):
            fold.prepare_undo(self.session.state)
        assert replay(self.agenda, self.session.state.events) == self.session.state


def test_undo_from_the_idle_copy_keeps_the_invariants(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fold_undo, "CHECKPOINT_EVERY", 3)
    run_state_machine_as_test(
        IdleMeeting, settings=settings(max_examples=40, stateful_step_count=40, deadline=None)
    )


def _meeting(notes: int) -> tuple[Agenda, Session]:
    agenda = Agenda.model_validate(
        {
            "meeting": {"title": "T"},
            "participants": [{"name": "Ana"}, {"name": "Bo"}],
            "items": [{"title": "A", "duration": 10}],
        }
    )
    session = Session(agenda, MemorySink(), FakeClock())
    session.do(C.StartMeeting(("Ana", "Bo")))
    session.do(C.StartItem())
    for n in range(notes):
        session.do(C.AddNote(f"note {n}"))
        session.do(C.Queue("Ana") if n % 2 else C.Queue("Bo"))
        session.do(C.GiveFloor())
    return agenda, session


def test_an_undo_after_idle_thaws_no_checkpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fold_undo, "CHECKPOINT_EVERY", 4)
    agenda, session = _meeting(25)
    fold.prepare_undo(session.state)
    session.do(C.AddNote("after the idle moment"))  # the copy is one command behind: still fine
    thawed: list[int] = []
    thaw = fold_undo._thaw

    def counted(data: Any, a: Any) -> Any:
        thawed.append(1)
        return thaw(data, a)

    monkeypatch.setattr(fold_undo, "_thaw", counted)
    session.do(C.Undo())
    assert thawed == []
    assert session.state == replay(agenda, session.state.events)
    assert session.state.items["item-1"].notes[-1].text == "note 24"
    # The second undo at once, with no idle moment between, starts from the second copy.
    session.do(C.Undo())
    assert thawed == []
    assert session.state == replay(agenda, session.state.events)
    # Both copies were used up; a third undo at once falls back to a checkpoint, still right.
    session.do(C.Undo())
    assert thawed == [1]
    assert session.state == replay(agenda, session.state.events)


def test_idle_after_a_new_command_readies_both_undos_without_a_thaw(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The oldest copy leapfrogs the other: an idle moment after a command folds, never thaws."""
    monkeypatch.setattr(fold_undo, "CHECKPOINT_EVERY", 4)
    agenda, session = _meeting(25)
    fold.prepare_undo(session.state)
    thawed: list[int] = []
    thaw = fold_undo._thaw

    def counted(data: Any, a: Any) -> Any:
        thawed.append(1)
        return thaw(data, a)

    monkeypatch.setattr(fold_undo, "_thaw", counted)
    for n in range(5):
        session.do(C.AddNote(f"later {n}"))
        fold.prepare_undo(session.state)
    fold.prepare_undo(session.state)  # nothing new: nothing to do
    assert thawed == []
    assert [r[0] for r in session.state.ready] == [
        len(session.state.events) - 1,
        len(session.state.events) - 2,
    ]
    session.do(C.Undo())
    session.do(C.Undo())
    assert thawed == []
    assert session.state == replay(agenda, session.state.events)
    assert session.state.items["item-1"].notes[-1].text == "later 2"


def test_a_chain_of_undos_with_idle_between_walks_back_right(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fold_undo, "CHECKPOINT_EVERY", 4)
    agenda, session = _meeting(25)
    for _ in range(40):
        fold.prepare_undo(session.state)
        session.do(C.Undo())
        assert session.state == replay(agenda, session.state.events)
    session.do(C.Redo())
    fold.prepare_undo(session.state)
    session.do(C.Undo())
    assert session.state == replay(agenda, session.state.events)


def test_undos_with_no_idle_moment_keep_a_bounded_number_of_replaced_states() -> None:
    """Headless (no idle tick ever frees them), an undo's replaced state used to stay alive,
    nested in the next undo's: memory grew with every undo. Now at most `DISCARD_KEEP`."""
    agenda, session = _meeting(6)
    for n in range(12):
        session.do(C.AddNote(f"slip {n}"))
        session.do(C.Undo())
        session.do(C.Redo() if n % 2 else C.Undo())
        discarded = session.state.discarded
        assert len(discarded) <= fold_undo.DISCARD_KEEP
        assert len(session.state.redo) <= 2  # the undos in a row since the last new command
        assert all(not (isinstance(d, dict) and "discarded" in d) for d in discarded)
    assert session.state == replay(agenda, session.state.events)
    fold.prepare_undo(session.state)
    assert session.state.discarded == []


def test_a_resumed_meeting_leaves_a_checkpoint_at_its_first_idle_moment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Replay takes no checkpoints, so an undo after the idle copies were used refolded the
    whole meeting on the key press. The first idle moment now leaves one behind: counted in
    events folded, never timed."""
    monkeypatch.setattr(fold_undo, "CHECKPOINT_EVERY", 8)
    agenda, live = _meeting(25)
    resumed = Session(agenda, MemorySink(), FakeClock(), live.state.events)
    assert resumed.state.checkpoints == []
    fold.prepare_undo(resumed.state)
    marks = [c[0] for c in resumed.state.checkpoints]
    assert len(marks) == 1 and marks[0] % 8 == 0 and marks[0] > len(live.state.events) - 16
    folded: list[str] = []
    from facilitator.core.fold_flow import fold_event

    def counted(state: Any, event: Any) -> None:
        folded.append(event.type)
        fold_event(state, event)

    monkeypatch.setattr(fold_undo, "fold_event", counted)
    for _ in range(3):  # two from the idle copies, the third from the checkpoint
        resumed.do(C.Undo())
        live.do(C.Undo())
        assert resumed.state == replay(agenda, resumed.state.events)
    assert resumed.state == live.state
    assert len(folded) < 16, "folded from the checkpoint, not from the meeting's start"


def test_undo_redo_undo_with_no_idle_moment_refolds_nothing_after_the_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The usual slip: undo, redo ("no, it was right"), undo again, keys in a row. The redo
    gets back the state the undo replaced, and the undo after it the state the redo replaced:
    neither thaws nor folds an event. Anything new empties the redo copies."""
    monkeypatch.setattr(fold_undo, "CHECKPOINT_EVERY", 4)
    agenda, session = _meeting(25)
    session.do(C.AddNote("the slip"))
    session.do(C.Undo())  # no idle copy: this one thaws a checkpoint
    work: list[str] = []
    from facilitator.core.fold_flow import fold_event

    def folded(state: Any, event: Any) -> None:
        work.append(event.type)
        fold_event(state, event)

    def thawed(data: Any, a: Any) -> Any:
        raise AssertionError("no thaw expected")

    monkeypatch.setattr(fold_undo, "fold_event", folded)
    monkeypatch.setattr(fold_undo, "_thaw", thawed)
    session.do(C.Redo())
    assert session.state.items["item-1"].notes[-1].text == "the slip"
    assert session.state == replay(agenda, session.state.events)
    session.do(C.Undo())
    assert session.state.items["item-1"].notes[-1].text == "note 24"
    assert session.state == replay(agenda, session.state.events)
    assert work == []
    assert [r[0] for r in session.state.redo] == [session.state.events[-1]["target_cmd"]]
    session.do(C.AddNote("something new"))
    assert session.state.redo == []
    assert session.state == replay(agenda, session.state.events)
