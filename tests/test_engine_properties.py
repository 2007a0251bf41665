"""Property test: random commands (valid and not) through a Session; the engine's invariants hold.

Each example starts from a point of the scripted meeting (so deep states such
as a consent round are reached) and then sends random commands with random
time steps. After every step:

- the records, through JSON and `event_from_record`, replay to the live state;
- a refused command (DomainError) changed nothing and wrote nothing;
- an accepted command wrote events with seq 1, 2, … and mono never going back;
- undoing an accepted command (on a copy of the session) returns the state it
  had before, apart from the event log itself.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from facilitator.core import commands as C
from facilitator.core import fold_undo
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.errors import DomainError
from facilitator.core.events import Event, event_from_record
from facilitator.core.fold import replay
from facilitator.core.session import MemorySink, Session
from facilitator.processes.consent.model import consent_of
from tests.engine_support import BO, without_log
from tests.meeting_script import command_strategy, scripted_agenda, scripted_commands

STATS: dict[str, Any] = {"sequences": 0, "steps": 0, "accepted": 0, "refused": 0, "types": set()}
"""Counted across the run, for the figures the issue asks for."""

PREFIXES = (0, 1, 3, 20, 60, 110, 130, 150, 170, 190)
"""Points of the scripted meeting a random walk may start from (commands already done)."""


class RandomMeeting(RuleBasedStateMachine):
    """A meeting driven by random commands, checked after every one."""

    @initialize(prefix=st.sampled_from(PREFIXES))
    def start(self, prefix: int) -> None:
        STATS["sequences"] += 1
        self.agenda = scripted_agenda()
        self.clock = FakeClock()
        self.sink = MemorySink()
        self.session = Session(self.agenda, self.sink, self.clock)
        for command in scripted_commands()[:prefix]:
            self.clock.advance(5)
            self.session.do(command)
        self.parsed: list[Event] = []

    @rule(command=command_strategy(valid_words=True), seconds=st.sampled_from([0, 7, 130]))
    def do_plausible(self, command: Any, seconds: float) -> None:
        self.do(command, seconds)

    @rule(command=command_strategy(valid_words=True), seconds=st.sampled_from([0.5, 4000]))
    def do_plausible_too(self, command: Any, seconds: float) -> None:
        self.do(command, seconds)

    @rule(data=st.data())
    def do_informed(self, data: st.DataObject) -> None:
        """A command built from the state, to reach what random words rarely hit."""
        state = self.session.state
        pending = [i.id for i in state.pending()]
        item = state.current_item
        proposal = consent_of(item)
        objectors = sorted(
            {
                r.name
                for rnd in (proposal.rounds if proposal else [])
                for r in rnd.responses
                if r.response in ("object", "block")
            }
        )
        waiting = sorted({e.name for e in state.stack})
        choices: list[st.SearchStrategy[Any]] = [
            st.just(C.Respond(BO, "object", "too soon")),
            st.just(C.ConsentByException()),
            st.just(C.SetOffRecord(not state.off_record)),
            st.just(C.RoundPass()),
            st.just(C.AddParticipant(f"Walk In {len(state.people)}", "member", "Org")),
        ]
        if pending:
            choices.append(st.permutations(pending).map(lambda p: C.ReorderItems(tuple(p))))
            choices.append(st.sampled_from(pending).map(C.StartItem))
        if objectors:
            choices.append(st.sampled_from(objectors).map(lambda n: C.Integrate(n, "met")))
        if waiting:
            choices.append(st.sampled_from(waiting).map(C.GiveFloor))
            choices.append(st.sampled_from(waiting).map(lambda n: C.GiveFloorOutOfOrder(n, "why")))
            choices.append(st.sampled_from(waiting).map(C.Withdraw))
        self.do(data.draw(st.one_of(choices)), 3)

    @rule(command=command_strategy(), seconds=st.sampled_from([0, 0.5, 7, 130, 4000]))
    def do(self, command: Any, seconds: float) -> None:
        STATS["steps"] += 1
        self.clock.advance(seconds)
        state = self.session.state
        # A fresh replay is an independent copy of the state, cheaper than deepcopy.
        before = replay(self.agenda, state.events)
        written = len(self.sink.records)
        try:
            events = self.session.do(command)
        except DomainError as e:
            STATS["refused"] += 1
            assert str(e) and "Traceback" not in str(e)
            assert self.session.state == before, f"{command} was refused but changed the state"
            assert len(self.sink.records) == written, f"{command} was refused but wrote"
            return
        STATS["accepted"] += 1
        STATS["types"].update(e.type for e in events)
        assert events, f"{command} was accepted but wrote nothing"
        assert [e.seq for e in events] == list(range(written + 1, written + len(events) + 1))
        assert len({e.cmd for e in events}) == 1
        if before.events:
            assert events[0].mono >= before.events[-1].mono
            assert events[0].cmd == before.events[-1].cmd + 1
        if not isinstance(command, C.Undo):
            self._undo_restores(before)

    def _undo_restores(self, before: Any) -> None:
        state = self.session.state
        copy = Session(self.agenda, MemorySink(), FakeClock(self.clock.mono), state.events)
        copy.do(C.Undo())
        assert without_log(copy.state) == without_log(before), "undo did not restore the state"

    @invariant()
    def a_pass_is_never_a_turn(self) -> None:
        state = self.session.state
        finished: dict[str, int] = {}
        for t in state.turns:
            if t.kind != "pass":
                finished[t.name] = finished.get(t.name, 0) + 1
        assert {n: c for n, (c, _) in state.turn_totals.items()} == finished
        assert all(t.kind != "pass" for t in state.all_turns())
        stretches = state.off_periods
        assert all(p.end is not None for p in stretches[:-1])
        assert state.off_record == bool(stretches and stretches[-1].end is None)

    @invariant()
    def replay_equals_live(self) -> None:
        records = self.sink.records
        for record in records[len(self.parsed) :]:
            self.parsed.append(event_from_record(json.loads(json.dumps(record, allow_nan=False))))
        assert self.parsed == self.session.state.events
        assert replay(self.agenda, self.parsed) == self.session.state


def test_random_commands_keep_the_engine_invariants() -> None:
    run_state_machine_as_test(
        RandomMeeting, settings=settings(max_examples=100, stateful_step_count=30)
    )
    print(
        "engine properties: {sequences} sequences, {steps} steps, {accepted} accepted, "
        "{refused} refused, {n} event types seen, 0 violations".format(
            n=len(STATS["types"]), **STATS
        )
    )
    assert STATS["sequences"] >= 100 and STATS["accepted"] > 0 and STATS["refused"] > 0


def test_undo_from_checkpoints_keeps_the_invariants(monkeypatch: pytest.MonkeyPatch) -> None:
    # Checkpoints every 3 events, so short random meetings undo across many of them.
    monkeypatch.setattr(fold_undo, "CHECKPOINT_EVERY", 3)
    run_state_machine_as_test(
        RandomMeeting, settings=settings(max_examples=40, stateful_step_count=40)
    )


def test_a_chain_of_undos_walks_back_past_checkpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fold_undo, "CHECKPOINT_EVERY", 4)
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
    for n in range(25):
        session.do(C.AddNote(f"note {n}"))
        session.do(C.Queue("Ana") if n % 2 else C.Queue("Bo"))
        session.do(C.GiveFloor())
    assert session.state.checkpoints, "the meeting is long enough to have checkpoints"
    for _ in range(60):
        session.do(C.Undo())
        assert session.state == replay(agenda, session.state.events)
    assert [n.text for n in session.state.items["item-1"].notes] == [f"note {n}" for n in range(5)]
