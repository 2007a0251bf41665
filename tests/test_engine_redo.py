"""Redo: what the latest undo took back comes back, while nothing was recorded since.

Redo is the event `Redone(target_cmd)`; the fold reads `Undone` and `Redone` in
order, so replaying the journal gives the live state (checked in every test).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from facilitator.core import commands as C
from facilitator.core import fold_undo
from facilitator.core.redo import redo_stack, undone_set
from facilitator.store.journal import is_finished
from tests.engine_support import ANA, BO, CHEN, DEE, Meeting, on_item, without_log
from tests.test_engine_undo import CASES


@pytest.mark.parametrize(
    ("setup", "command", "what"), CASES, ids=[type(c).__name__ for _, c, _ in CASES]
)
def test_redo_brings_back_any_command(setup: list[Any], command: Any, what: str) -> None:
    m = Meeting()
    for step in setup:
        m.tick(10)
        m.do(step)
    m.tick(10)
    done = m.do(command)
    after = copy.deepcopy(m.state)
    m.tick(10)
    m.do(C.Undo())
    m.tick(10)
    (redo,) = m.do(C.Redo())
    assert (redo.type, redo["target_cmd"]) == ("Redone", done[0].cmd)
    assert redo["what"].startswith(what)
    assert without_log(m.state) == without_log(after)
    assert m.state.undone == after.undone
    assert m.replayed() == m.state


def test_several_undos_are_redone_latest_first_then_refused() -> None:
    m = on_item()
    m.do(C.Queue(BO), C.Queue(CHEN), C.AddNote("x"))
    full = without_log(m.state)
    m.do(C.Undo(), C.Undo(), C.Undo())
    assert m.state.stack == []
    m.do(C.Redo())
    assert [e.name for e in m.state.stack] == [BO]
    m.do(C.Redo(), C.Redo())
    assert without_log(m.state) == full
    m.refused(C.Redo(), "nothing to redo: everything undone has been redone")
    assert m.replayed() == m.state


def test_redo_is_refused_once_something_came_between() -> None:
    m = on_item()
    m.do(C.Queue(BO), C.Undo(), C.Queue(DEE))
    err = m.refused(C.Redo(), "nothing to redo: queued Dee Okafor")
    assert "after the last undo" in str(err)
    m.do(C.Undo())  # taking Dee back does not make Bo redoable: Dee came between
    m.do(C.Redo())
    assert [e.name for e in m.state.stack] == [DEE]
    m.refused(C.Redo(), "everything undone has been redone")


def test_nothing_to_redo_before_any_undo() -> None:
    m = on_item()
    m.refused(C.Redo(), r"nothing to redo \(redo brings back what ctrl\+z just took back\)")


def test_undo_after_redo_takes_the_same_command_back_again() -> None:
    m = on_item()
    m.do(C.Queue(BO))
    (ana,) = m.do(C.Queue(ANA))
    m.do(C.Undo(), C.Redo(), C.Undo())
    assert [e.name for e in m.state.stack] == [BO]
    m.do(C.Redo())
    assert [e.name for e in m.state.stack] == [BO, ANA]
    targets = [(r["type"], r["target_cmd"]) for r in m.sink.records if "target_cmd" in r]
    n = ana.cmd
    assert targets == [("Undone", n), ("Redone", n), ("Undone", n), ("Redone", n)]
    assert m.replayed() == m.state


def test_redo_reopens_and_recloses_an_ended_meeting() -> None:
    m = on_item()
    m.do(C.EndMeeting())
    assert is_finished(m.sink.records)
    m.do(C.Undo())
    assert not m.state.ended and not is_finished(m.sink.records)
    m.do(C.Redo())
    assert m.state.ended and is_finished(m.sink.records)
    assert m.replayed() == m.state


def test_redo_across_checkpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fold_undo, "CHECKPOINT_EVERY", 2)
    m = on_item()
    for n in range(6):
        m.do(C.AddNote(f"note {n}"), C.Queue(BO), C.Withdraw(BO))
    full = without_log(m.state)
    for _ in range(13):
        m.do(C.Undo())
    for _ in range(13):
        m.do(C.Redo())
    assert without_log(m.state) == full
    assert m.replayed() == m.state


def test_undone_set_reads_undo_and_redo_in_order() -> None:
    pairs = [("Undone", 5), ("Undone", 4), ("Redone", 4), ("Undone", 4), ("Redone", 4)]
    assert undone_set(pairs) == {5}
    assert undone_set([("Undone", "5"), ("Undone", True)]) == set()  # hand-edited: ignored
    m = on_item()
    m.do(C.Queue(BO), C.Queue(ANA), C.Undo(), C.Undo(), C.Redo())
    stack, ends_in_undo = redo_stack(m.state.events)
    assert ends_in_undo and [what for _, what in stack] == ["queued Ana Lima (speak)"]
