"""Undo: every command kind can be taken back, repeatedly, and the journal keeps the trail."""

from __future__ import annotations

import copy
import datetime as dt
import typing
from typing import Any

import pytest

from facilitator.core import commands as C
from facilitator.processes.consent.model import consent_of
from tests.engine_support import ANA, BO, CHEN, DEE, Meeting, on_item, without_log

P4 = C.StartItem("item-4")
R = C.Respond

CASES: list[tuple[list[Any], Any, str]] = [
    ([], C.StartMeeting((ANA, BO)), "started the meeting"),
    ([C.StartMeeting(())], C.Arrive(BO), "marked Bo Tran present"),
    ([C.StartMeeting((BO,))], C.Leave(BO), "marked Bo Tran as left"),
    ([C.StartMeeting((BO,)), C.StartItem(), C.GiveFloor(BO)], C.Recuse(BO), "recused Bo Tran"),
    ([C.StartMeeting((BO,)), C.StartItem(), C.Queue(BO)], C.EndMeeting(), "ended the meeting"),
    ([C.StartMeeting((BO,)), C.StartItem()], C.StartItem(), "started “Treasury report”"),
    ([C.StartMeeting(()), C.StartItem()], C.PauseItem(), "paused the timebox"),
    ([C.StartMeeting(()), C.StartItem(), C.PauseItem()], C.ResumeItem(), "resumed the timebox"),
    (
        [C.StartMeeting(()), C.StartItem()],
        C.ExtendTimebox(300, "more"),
        "extended the timebox by 5m",
    ),
    ([C.StartMeeting((BO,)), C.StartItem(), C.GiveFloor(BO)], C.FinishItem(), "finished “Check-in”"),
    ([C.StartMeeting(()), C.StartItem()], C.SkipItem(), "skipped “Check-in”"),
    ([C.StartMeeting(())], C.DeferItem("item-2", "later"), "deferred “Treasury report”"),
    ([C.StartMeeting(()), C.StartItem()], C.AddItem("New", 60), "added the item “New”"),
    (
        [C.StartMeeting(())],
        C.ReorderItems(("item-4", "item-3", "item-2", "item-1")),
        "reordered the agenda",
    ),
    ([C.StartMeeting(())], C.Queue(BO), "queued Bo Tran (speak)"),
    ([C.StartMeeting(()), C.Queue(BO)], C.Withdraw(BO), "withdrew Bo Tran"),
    ([C.StartMeeting(()), C.Queue(BO)], C.GiveFloor(), "gave the floor to Bo Tran"),
    ([C.StartMeeting(()), C.GiveFloor(BO)], C.EndTurn(), "ended Bo Tran's turn"),
    ([C.StartMeeting((ANA, BO)), C.StartItem()], C.StartRound(BO), "started the round"),
    (
        [C.StartMeeting((ANA, BO)), C.StartItem(), C.StartRound()],
        C.RoundNext(),
        "Ana Lima spoke in the round",
    ),
    (
        [C.StartMeeting((ANA, BO)), C.StartItem(), C.StartRound()],
        C.RoundPass(),
        "Ana Lima passed in the round",
    ),
    ([C.StartMeeting((ANA,)), C.StartItem(), C.StartRound()], C.EndRound(), "ended the round"),
    (
        [C.StartMeeting((ANA,)), P4, C.ConsentStage("clarify")],
        C.ConsentStage("reactions"),
        "started the round",
    ),
    ([C.StartMeeting((ANA,)), P4], C.Respond(ANA, "concern"), "Ana Lima's response (concern)"),
    (
        [C.StartMeeting((ANA,)), P4, R(ANA, "object", "no")],
        C.Integrate(ANA, "we listened"),
        "integrated Ana Lima's objection",
    ),
    ([C.StartMeeting(()), P4], C.Amend("v2"), "amended the proposal (version 2)"),
    (
        [C.StartMeeting((ANA,)), P4, R(ANA, "consent")],
        C.RecordOutcome("adopted"),
        "recorded the outcome (adopted)",
    ),
    ([C.StartMeeting(()), P4], C.SetReview(dt.date(2027, 2, 1)), "set the review date"),
    ([C.StartMeeting(()), C.StartItem()], C.AddNote("n"), "added a note"),
    ([C.StartMeeting(())], C.AddAction("a", BO), "added action A1"),
    ([C.StartMeeting(()), C.AddAction("a", BO)], C.SetActionStatus("A1", "done"), "marked"),
    ([C.StartMeeting(())], C.LogCredit(CHEN, "minutes", "care"), "credited Chen Wu"),
    ([C.StartMeeting(())], C.RaiseConflict("van", (BO, DEE)), "recorded conflict K1"),
    (
        [C.StartMeeting(()), C.RaiseConflict("van")],
        C.UpdateConflict("K1", status="resolved"),
        "updated conflict K1",
    ),
    ([C.StartMeeting(())], C.SetOffRecord(True), "went off the record"),
    ([C.StartMeeting(())], C.AddParticipant("Gil Walker", "guest"), "added Gil Walker (guest"),
    (
        [C.StartMeeting((ANA, BO)), C.StartItem(), C.Queue(ANA)],
        C.GiveFloorOutOfOrder(BO, "a visitor"),
        "gave the floor to Bo Tran out of order",
    ),
    (
        [C.StartMeeting((ANA, BO)), P4, R(ANA, "consent")],
        C.ConsentByException(),
        "consent by exception for 1",
    ),
    ([C.StartMeeting(()), C.SetOffRecord(True)], C.SetOffRecord(False), "went back on the record"),
]


def test_every_command_kind_has_an_undo_case() -> None:
    kinds = set(typing.get_args(C.Command)) - {C.Undo, C.Redo}
    assert kinds == {type(command) for _, command, _ in CASES}


@pytest.mark.parametrize(
    ("setup", "command", "what"), CASES, ids=[type(c).__name__ for _, c, _ in CASES]
)
def test_undo_takes_back_one_command(setup: list[Any], command: Any, what: str) -> None:
    m = Meeting()
    for step in setup:
        m.tick(10)
        m.do(step)
    m.tick(10)
    before = copy.deepcopy(m.state)
    done = m.do(command)
    assert done, "every command writes at least one event"
    m.tick(10)
    undo = m.do(C.Undo())
    assert [e.type for e in undo] == ["Undone"]
    assert undo[0]["target_cmd"] == done[0].cmd and undo[0]["what"].startswith(what)
    assert without_log(m.state) == without_log(before)
    assert m.state.undone == before.undone | {done[0].cmd}
    assert len(m.state.events) == len(before.events) + len(done) + 1, "the trail keeps it all"
    assert m.replayed() == m.state


def test_undo_repeatedly_walks_back_and_then_refuses() -> None:
    m = Meeting()
    m.refused(C.Undo(), "nothing to undo")
    m.do(C.StartMeeting((ANA,)), C.StartItem(), C.Queue(BO))
    states = [copy.deepcopy(m.state)]
    m.do(C.GiveFloor())
    states.append(copy.deepcopy(m.state))
    m.do(C.AddNote("x"))
    m.do(C.Undo())
    assert without_log(m.state) == without_log(states[-1])
    m.do(C.Undo())
    assert without_log(m.state) == without_log(states[0])
    m.do(C.Undo(), C.Undo(), C.Undo())
    assert not m.state.started
    m.refused(C.Undo(), "nothing to undo")
    targets = [r["target_cmd"] for r in m.sink.records if r["type"] == "Undone"]
    assert targets == [5, 4, 3, 2, 1]
    assert m.replayed() == m.state


def test_a_command_with_several_events_is_undone_as_one() -> None:
    m = on_item("item-4", present=(ANA,))
    m.do(C.ConsentStage("reactions"))
    done = m.do(C.Respond(BO, "consent"))  # Bo arrives, the reactions end, the round opens
    assert [e.type for e in done] == [
        "Arrived",
        "RoundEnded",
        "ConsentStageChanged",
        "ConsentResponse",
    ]
    assert len({e.cmd for e in done}) == 1
    m.do(C.Undo())
    assert not m.state.people["bo tran"].present
    consent = consent_of(m.state.items["item-4"])
    assert consent is not None and consent.stage == "reactions"


def test_undo_is_not_itself_undone_and_work_goes_on_after_it() -> None:
    m = on_item()
    m.do(C.Queue(BO), C.Queue(CHEN), C.Undo(), C.Queue(DEE))
    assert [(e.name, e.number) for e in m.state.stack] == [(BO, 1), (DEE, 2)]
    m.do(C.Undo(), C.Undo())
    assert m.state.stack == [], "the second undo skips the first undo and takes back Bo"
    assert m.replayed() == m.state


def test_undo_of_a_timer_action_gives_the_time_back() -> None:
    m = on_item()
    m.tick(60)
    m.do(C.PauseItem())
    m.tick(600)
    m.do(C.Undo())
    assert m.state.items["item-3"].status == "running"
    assert m.state.items["item-3"].actual(m.now) == 660.0, "as if never paused"
