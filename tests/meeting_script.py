"""A scripted meeting of about 200 events through real commands, and a random-command strategy.

The script is what the kill harness, the I/O injection tests and the
benchmark drive through the real `Session`. It touches every event type, and
it stays valid whatever the clock does: the floor goes to a named person
wherever the progressive order would depend on talk time, so a child process
on the real clock writes the same events as a run on a `FakeClock`
(`tests/test_engine_events.py` checks this).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.events import event_from_record
from facilitator.core.fold import replay
from facilitator.core.session import MemorySink, Session
from facilitator.core.state import MeetingState
from facilitator.processes.dot_vote import model as DV
from tests.journal_support import CREATED, sample_agenda

__all__ = ["CREATED"]

ANA, BO, CHEN, DEE, ELI, FAY = (
    "Ana Lima",
    "Bo Tran",
    "Chen Wu",
    "Dee Okafor",
    "Eli [bold]Guest[/]",
    "Fay Observer",
)
GIL = "Gil Walker"
"""A walk-in, added during the meeting."""


VAN, GARDEN, LIBRARY = "Van share", "Community garden", "Tool library"
"""The options of the scripted meeting's dot vote."""


def scripted_agenda() -> Agenda:
    """The agenda of the scripted meeting (tests/journal_support.py), with a dot vote
    sixth, so the script writes the dot vote's events too."""
    data = sample_agenda().to_toml_dict()
    dot_vote = {"title": "Priorities", "kind": "dot-vote", "duration": 600, "dots": 2}
    data["items"].append({**dot_vote, "options": [VAN, GARDEN, LIBRARY]})
    return Agenda.model_validate(data)


def fake_clock(start_mono: float = 1000.0) -> FakeClock:
    """A hand-driven clock at `start_mono`."""
    return FakeClock(mono=start_mono)


def _discussion(n: int) -> list[Any]:
    """One block of open discussion on the running item (about 20 events)."""
    return [
        C.Queue(BO),
        C.Queue(CHEN),
        C.Queue(DEE, "clarify"),
        C.GiveFloor(),  # the clarifying question goes first, whatever the talk times
        C.Queue(ANA, "direct"),
        C.GiveFloor(),  # then the direct response
        C.GiveFloor(CHEN),
        C.Queue(ELI, "process"),
        C.GiveFloor(),  # a point of process
        C.EndTurn(),
        C.GiveFloor(BO),
        C.AddNote(f"Point {n}: the van is booked most weekends."),
        C.Queue(ANA),
        C.Withdraw(ANA),
        C.EndTurn(),
        C.LogCredit(BO, f"idea {n}", "idea"),
        C.AddAction(f"Follow up {n}", CHEN, "2026-12-0" + str(1 + n % 9)),
        C.Undo(),
        C.Redo(),  # the action is back ...
        C.Undo(),  # ... and taken back again: the same meeting, with both in the trail
        C.AddAction(f"Follow up on point {n}", CHEN, ""),
    ]


def scripted_commands() -> list[Any]:
    """The whole scripted meeting, start to end, every command valid in turn."""
    out: list[Any] = [
        C.Arrive(CHEN),
        C.StartMeeting((ANA, BO, DEE, ELI)),
        C.StartItem(),  # 1: check-in round
        C.StartRound(BO),
        C.RoundNext(),
        C.RoundPass(),
        C.Arrive(FAY),
        C.RoundNext(),
        C.EndTurn(),
        C.RoundNext(),
        C.AddNote("Everyone arrived in good spirits."),
        C.StartItem(),  # 2: treasury report
        C.GiveFloor(CHEN),
        C.PauseItem(),
        C.ResumeItem(),
        C.ExtendTimebox(120, "questions on the reserve"),
        *_discussion(1),
        *_discussion(4),
        C.LogCredit(CHEN, "prepared the report", "work"),
        C.Queue(DEE),  # still waiting when the item ends: the stack is cleared
        C.StartItem(),  # 3: outreach
        C.AddItem("Roof repair", 300, owner="Dee Okafor"),
        C.AddItem("Staff matter", 600, confidential=True),
        C.ReorderItems(("item-8", "item-4", "item-7", "item-6", "item-5")),
        *_discussion(2),
        *_discussion(5),
        *_discussion(6),
        *_discussion(7),
        C.SetOffRecord(True),
        C.GiveFloor(DEE),
        C.EndTurn(),
        C.SetOffRecord(False),
        C.RaiseConflict("Use of the van", (BO, DEE), raised_by=ANA, next_step="talk on Friday"),
        C.UpdateConflict("K1", status="in-progress", owner=ANA),
        C.AddParticipant(GIL, "guest", "Tenants' union"),  # a walk-in
        C.Queue(BO),
        C.GiveFloorOutOfOrder(GIL, "a visitor who has to leave early"),
        C.EndTurn(),
        C.Withdraw(BO),
        C.RaiseHand(BO, "clarify"),  # the members' inbox: raised on a device, then accepted
        C.RaiseHand(ANA),
        C.LowerHand(ANA),
        C.AcceptHand(),
        C.Withdraw(BO),
        *_discussion(3)[:12],
        C.Recuse(DEE, "drives the van"),
        C.Leave(ELI),
        C.FinishItem(),
        C.StartItem(),  # 8: staff matter (confidential)
        C.RaiseConflict("Rota", (ANA,), confidential=True),
        C.AddNote("Handled in private."),
        C.DeferItem(reason="needs HR advice"),
        C.StartItem(),  # 4: the proposal
        C.ConsentStage("clarify"),
        C.Queue(CHEN, "clarify"),
        C.GiveFloor(),
        C.EndTurn(),
        C.ConsentStage("reactions"),
        C.RoundNext(),
        C.RoundPass(),
        C.RoundNext(),
        C.ConsentStage("consent"),
        C.Respond(ANA, "consent"),
        C.Respond(BO, "object", "the reserve is too thin"),
        C.Respond(CHEN, "concern", "timing"),
        C.Respond(DEE, "agree"),
        C.Arrive(ELI),
        C.Respond(ELI, "stand aside"),
        C.ConsentStage("integrate"),
        C.Integrate(BO, "a three-month reserve is added"),
        C.Amend("We adopt the 2027 budget with a three-month reserve.", "reserve added"),
        C.Respond(ANA, "consent"),
        C.Respond(BO, "consent"),
        C.Respond(CHEN, "stand aside"),
        C.ConsentByException(),  # Dee, the one member not yet heard
        C.SetReview(dt.date(2027, 3, 1)),
        C.RecordOutcome("adopted", "Chen stands aside on timing"),
        C.SkipItem("item-7", "no time"),
        C.StartItem(),  # 6: the dot vote, a tie at the top, one second round
        DV.OpenDotVote(),
        DV.PlaceDots(ANA, {VAN: 1, GARDEN: 1}),
        DV.PlaceDots(BO, {VAN: 2}),
        DV.PlaceDots(CHEN, {GARDEN: 2}),
        DV.PlaceDots(DEE, {LIBRARY: 1}),
        DV.CorrectDots(DEE, {LIBRARY: 2}),
        DV.CloseDotVote(),
        DV.SecondDotRound(),
        DV.PlaceDots(ANA, {VAN: 2}),
        DV.CloseDotVote(),
        C.StartItem(),  # 5: closing round
        C.Leave(GIL),
        C.StartRound(DEE),
        C.RoundNext(),
        C.Arrive(GIL),  # back mid-round: asked at its end (not reached: the round ends early)
        C.RoundPass(),
        C.Leave(ANA),  # on her turn: the round moves on to Bo, Ana skipped
        C.Arrive(ANA),
        C.EndRound(),
        C.SetActionStatus("A1", "done"),
        C.UpdateConflict("K1", status="resolved", next_step=""),
        C.Leave(BO),
        C.EndMeeting(),
    ]
    return out


def endless_commands() -> Iterator[Any]:
    """Valid commands forever (for long meetings in the benchmark): start, then discuss.

    Each cycle adds an item, takes it up and discusses it, so any number of
    cycles stays valid; a cycle starts at each `C.AddItem`.
    """
    yield C.StartMeeting((ANA, BO, CHEN, DEE, ELI))
    for n in itertools.count(1):
        yield C.AddItem(f"Topic {n}", 600)
        yield C.StartItem(f"item-{5 + n}")
        yield from _discussion(n)


def commands_done(records: list[dict[str, Any]]) -> int:
    """How many commands a journal's records hold (each command has its own number)."""
    return len({r["cmd"] for r in records})


def replayed_state(agenda: Agenda, records: list[dict[str, Any]]) -> MeetingState:
    """The state rebuilt from journal records."""
    return replay(agenda, [event_from_record(r) for r in records])


def reference_records(clock: FakeClock | None = None) -> list[dict[str, Any]]:
    """The records of the whole script on a fake clock that moves 7 s per command."""
    clock = clock or fake_clock()
    sink = MemorySink()
    session = Session(scripted_agenda(), sink, clock)
    for command in scripted_commands():
        clock.advance(7)
        session.do(command)
    return sink.records


def reference_event_types() -> list[str]:
    """The event types the whole script writes, in order."""
    return [r["type"] for r in reference_records()]


# --- random commands (hypothesis) ----------------------------------------------------


def command_strategy(valid_words: bool = False) -> st.SearchStrategy[Any]:
    """Commands of every kind, with small vocabularies so that they collide.

    With `valid_words`, every name, word, text and number is one the engine
    could accept (whether the command fits the moment is still up to chance);
    otherwise blanks, strangers, observers and bad numbers are mixed in.
    """
    s = st

    def pick(good: list[Any], bad: list[Any]) -> st.SearchStrategy[Any]:
        return s.sampled_from(good if valid_words else good + bad)

    names = pick([ANA, BO, CHEN, DEE, ELI, "bo tran", GIL], [FAY, "Zed", ""])
    roles = pick(["guest", "member", "observer"], ["chair"])
    items = pick([None, "item-1", "item-2", "item-4", "item-6", "item-7", "item-8"], ["nope"])
    text = pick(["ok", "[bold]x[/]", "A longer line, with ünïcode"], ["", "  "])
    seconds = pick([60, 300], [-60, 0])
    dates = pick([None, dt.date(2027, 1, 1)], [dt.date(2026, 11, 24)])
    kinds = pick(["speak", "process", "direct", "clarify"], ["shout"])
    item_kinds = pick(["discussion", "proposal", "round"], ["party"])
    stages = pick(["present", "clarify", "reactions", "consent", "integrate"], ["vote"])
    responses = pick(["consent", "agree", "concern", "stand aside", "object", "block"], ["no"])
    outcomes = pick(
        ["adopted", "adopted-with-concerns", "not-adopted", "withdrawn", "deferred"], ["won"]
    )
    return s.one_of(
        s.builds(C.StartMeeting, s.lists(names, max_size=5).map(tuple)),
        s.builds(C.Arrive, names),
        s.builds(C.Leave, names),
        s.builds(C.Recuse, names, text),
        s.builds(C.AddParticipant, pick([GIL, "Hana Sato"], [ANA, "", "bo tran"]), roles, text),
        s.just(C.EndMeeting()),
        s.builds(C.StartItem, items),
        s.just(C.PauseItem()),
        s.just(C.ResumeItem()),
        s.builds(C.ExtendTimebox, seconds, text),
        s.just(C.FinishItem()),
        s.builds(C.SkipItem, items, text),
        s.builds(C.DeferItem, items, text),
        s.builds(
            C.AddItem,
            text,
            seconds,
            item_kinds,
            s.sampled_from([None, BO, "Group"]),
            pick(["We do it."], [None, ""]),
            s.booleans(),
        ),
        s.builds(C.ReorderItems, s.permutations(["item-2", "item-3", "item-4"]).map(tuple)),
        s.builds(C.Queue, names, kinds),
        s.builds(C.Withdraw, names),
        s.builds(C.GiveFloor, s.one_of(s.none(), names)),
        s.builds(C.GiveFloorOutOfOrder, names, text),
        s.just(C.EndTurn()),
        s.builds(C.StartRound, s.one_of(s.none(), names)),
        s.just(C.RoundNext()),
        s.just(C.RoundPass()),
        s.just(C.EndRound()),
        s.builds(C.ConsentStage, stages),
        s.builds(C.Respond, names, responses, text),
        s.builds(C.ConsentByException, pick(["consent", "agree"], ["concern"])),
        s.builds(C.Integrate, names, text),
        s.builds(C.Amend, text, text),
        s.builds(C.RecordOutcome, outcomes, text),
        s.builds(C.SetReview, dates),
        s.builds(C.AddNote, text),
        s.builds(C.AddAction, text, names, text),
        s.builds(C.SetActionStatus, s.sampled_from(["A1", "A2"]), pick(["open", "done"], ["x"])),
        s.builds(C.LogCredit, names, text, pick(["idea", "work", "care"], ["x"])),
        s.builds(C.RaiseConflict, text, s.lists(names, max_size=3).map(tuple), names),
        s.builds(
            C.UpdateConflict,
            s.sampled_from(["K1", "K2"]),
            s.one_of(s.none(), pick(["open", "in-progress", "resolved"], ["x"])),
            s.one_of(s.none(), text),
            s.one_of(s.none(), names),
        ),
        s.builds(C.SetOffRecord, s.booleans()),
        s.just(C.Undo()),
        s.just(C.Redo()),
    )
