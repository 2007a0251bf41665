"""Property test: random selection commands (valid and not) through a real Session.

After every step: the records, through JSON, replay to the live state; a refused command
changed nothing and wrote nothing; undoing an accepted command (on a copy of the session)
restores the state before it; and the nominee's own response is only ever taken once every
other voting member here has been heard (the nominee is asked last).
"""

from __future__ import annotations

import json
from typing import Any

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
from facilitator.core.clock import FakeClock
from facilitator.core.errors import DomainError
from facilitator.core.events import Event, event_from_record
from facilitator.core.fold import replay
from facilitator.core.session import MemorySink, Session
from facilitator.processes.round.model import active_round
from facilitator.processes.selection import model as S
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, FAY, without_log
from tests.selection_support import selection_agenda

NAMES = st.sampled_from([ANA, BO, CHEN, DEE, ELI, FAY, "Zed"])
MAYBE = st.one_of(st.none(), NAMES)
WORDS = st.sampled_from(["", "she knows the network", "  ", "too busy"])
STATS = {"steps": 0, "accepted": 0, "refused": 0, "selected": 0, "nominee_answers": 0}

COMMANDS = st.one_of(
    st.sampled_from([*S.STAGES, "consent", "bogus"]).map(S.SelectionStage),
    st.builds(S.Nominate, NAMES, WORDS, MAYBE),
    st.builds(S.NominationPass, MAYBE),
    st.builds(S.ProposeNominee, NAMES, WORDS),
    st.builds(
        S.SelectionRespond,
        st.sampled_from(["consent", "concern", "stand-aside", "object", "maybe"]),
        WORDS,
        MAYBE,
    ),
    st.just(S.SelectionByException()),
    st.builds(S.ResolveObjection, NAMES, WORDS),
    st.just(S.SelectNominee()),
    st.just(C.Undo()),
    st.builds(C.Leave, NAMES),
    st.builds(C.Arrive, NAMES),
    st.builds(C.Recuse, NAMES, WORDS),
    st.just(C.RoundNext()),
    st.just(C.SetOffRecord(True)),
    st.just(C.SetOffRecord(False)),
)
"""Selection commands with plausible and wrong arguments, and what may happen around them."""


class RandomSelection(RuleBasedStateMachine):
    """A selection item driven by random commands, checked after every one."""

    @initialize()
    def start(self) -> None:
        self.agenda = selection_agenda()
        self.clock = FakeClock()
        self.sink = MemorySink()
        self.session = Session(self.agenda, self.sink, self.clock)
        self.session.do(C.StartMeeting((ANA, BO, CHEN, DEE, ELI)))
        self.session.do(C.StartItem("item-5"))
        self.parsed: list[Event] = []

    @rule(data=st.data())
    def informed(self, data: st.DataObject) -> None:
        """A command that fits the state, so deep stages are reached often."""
        state = self.session.state
        sel = S.selection_of(state.items["item-5"])
        assert sel is not None
        choices: list[Any] = [S.NominationPass(), S.SelectionByException(), S.SelectNominee()]
        choices += [S.Nominate(n, "reason") for n in (ANA, DEE)]
        choices += [S.ProposeNominee(c.nominee) for c in S.counts(sel)]
        choices += [S.SelectionRespond("consent"), S.SelectionRespond("object", "why")]
        if sel.round is not None:
            choices += [S.ResolveObjection(r.name, "met") for r in sel.round.responses]
            choices.append(S.SelectionRespond("consent", name=sel.round.nominee))
        choices += [S.SelectionStage(s) for s in S.STAGES]
        self.do(data.draw(st.sampled_from(choices)))

    @rule(objects=st.booleans())
    def forward(self, objects: bool) -> None:
        """The step a facilitator would take next, so walks reach the end of a selection."""
        state = self.session.state
        item = state.items["item-5"]
        sel = S.selection_of(item)
        assert sel is not None
        after = {"present": "nominate", "nominate": "nominations", "nominations": "change"}
        go = active_round(state)
        if sel.stage in ("nominations", "change") and go is not None and go.current:
            self.do(S.Nominate(DEE, "reason") if sel.stage == "nominations" else S.NominationPass())
        elif sel.stage in after:
            self.do(S.SelectionStage(after[sel.stage]))
        elif sel.stage in ("change", "propose") or sel.round is None:
            self.do(S.ProposeNominee(S.counts(sel)[0].nominee if S.counts(sel) else DEE))
        else:
            t = S.tally(state, item, sel)
            if t.blocking:
                self.do(S.ResolveObjection(t.blocking[0], "met"))
            elif t.integrated:
                self.do(S.SelectionRespond("consent", name=t.integrated[0]))
            elif t.missing:
                self.do(S.SelectionRespond("object" if objects else "consent", "why"))
            else:
                self.do(S.SelectNominee())

    @rule(command=COMMANDS)
    def do(self, command: Any) -> None:
        STATS["steps"] += 1
        self.clock.advance(3)
        state = self.session.state
        before = replay(self.agenda, state.events)
        written = len(self.sink.records)
        sel = S.selection_of(state.items["item-5"])
        assert sel is not None
        missing = (
            S.tally(state, state.items["item-5"], sel).missing if sel.round is not None else ()
        )
        try:
            events = self.session.do(command)
        except DomainError as refusal:
            STATS["refused"] += 1
            assert str(refusal)
            assert self.session.state == before, f"{command} was refused but changed the state"
            assert len(self.sink.records) == written, f"{command} was refused but wrote"
            return
        STATS["accepted"] += 1
        assert events
        for e in events:
            if e.type == "SelectionResponse" and e["name"] == e["nominee"]:
                STATS["nominee_answers"] += 1
                others = [n for n in missing if n != e["nominee"]]
                assert not others, f"the nominee answered before {others}"
            if e.type == "SelectionByException":
                assert e["nominee"] not in e["names"], "by exception answered for the nominee"
            STATS["selected"] += e.type == "NomineeSelected"
        if not isinstance(command, C.Undo):
            copy = Session(self.agenda, MemorySink(), FakeClock(self.clock.mono), state.events)
            copy.do(C.Undo())
            assert without_log(copy.state) == without_log(before), f"undo of {command} failed"

    @invariant()
    def replay_equals_live(self) -> None:
        if not hasattr(self, "sink"):
            return
        for record in self.sink.records[len(self.parsed) :]:
            self.parsed.append(event_from_record(json.loads(json.dumps(record, allow_nan=False))))
        assert self.parsed == self.session.state.events
        assert replay(self.agenda, self.parsed) == self.session.state


def test_random_selection_commands_keep_the_invariants() -> None:
    run_state_machine_as_test(
        RandomSelection, settings=settings(max_examples=100, stateful_step_count=40, deadline=None)
    )
    print("selection properties:", STATS)
    assert STATS["accepted"] and STATS["refused"]
    assert STATS["selected"] and STATS["nominee_answers"], "the walk never reached the end"
