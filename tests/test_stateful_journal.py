"""Hypothesis stateful test: random commands, crashes and resumes; replay always equals live.

Random command sequences (valid and invalid) go through the real Session and
a real Journal in a temporary folder, from a random point of the scripted
meeting. At random points the process "dies": the journal is dropped without
any further write (closing the descriptor, as death does, releases the lock),
sometimes with its last append torn at a random byte, as a power cut
mid-write leaves it. The meeting is then resumed from disk exactly as the app
does. After every step the state replayed from the journal on disk equals the
live state; after a torn write, the resumed state equals the state before the
torn (never acknowledged) command.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from facilitator.core.agenda import Agenda
from facilitator.core.errors import DomainError
from facilitator.core.events import event_from_record, event_to_record
from facilitator.core.fold import replay
from facilitator.core.session import Session
from facilitator.core.state import MeetingState
from facilitator.store.journal import FileOps, Journal, make_header, read_journal
from tests.meeting_script import (
    CREATED,
    command_strategy,
    fake_clock,
    replayed_state,
    scripted_agenda,
    scripted_commands,
)

STATS = {"sequences": 0, "steps": 0, "accepted": 0, "refused": 0, "crashes": 0, "torn": 0}
"""Counted across the run, for the figures the issue asks for."""
VIOLATIONS: list[str] = []


class CrashingMeeting(RuleBasedStateMachine):
    """A journalled meeting that may be killed and resumed between any two commands."""

    @initialize(prefix=st.sampled_from((0, 2, 25, 70, 120, 160, 185)))
    def start(self, prefix: int) -> None:
        STATS["sequences"] += 1
        self.dir = Path(tempfile.mkdtemp(prefix="stateful-"))
        self.path = self.dir / ".private" / "m.journal.jsonl"
        self.agenda = scripted_agenda()
        self.clock = fake_clock()
        # The scripted prefix is set-up, not what is tested: skip its fsyncs.
        self.fast = True
        self.ops = FileOps(fsync=self._fsync)
        self.journal = Journal.create(
            self.path, make_header(self.agenda, None, CREATED), ops=self.ops
        )
        self.session = Session(self.agenda, self.journal, self.clock)
        for command in scripted_commands()[:prefix]:
            self.clock.advance(5)
            self.session.do(command)
        self.fast = False
        self.accepted_since_crash = 0
        self._mark()

    def _fsync(self, fd: int) -> None:
        if not self.fast:
            os.fsync(fd)

    def _mark(self) -> None:
        """Remember the state and size before the next command, for a torn write."""
        self.before_last = self._snapshot()
        self.last_size = self.path.stat().st_size

    def _snapshot(self) -> MeetingState:
        # The session advances its state in place; a replay is an independent copy.
        return replay(self.agenda, self.session.state.events)

    @rule(command=command_strategy(valid_words=True), seconds=st.sampled_from([0, 5, 200]))
    def do(self, command: Any, seconds: int) -> None:
        STATS["steps"] += 1
        self.clock.advance(seconds)
        before = self._snapshot()
        size = self.path.stat().st_size
        try:
            self.session.do(command)
        except DomainError:
            STATS["refused"] += 1
            assert self.session.state == before, "a refused command changed the state"
            assert self.path.stat().st_size == size, "a refused command wrote to the journal"
            return
        STATS["accepted"] += 1
        self.accepted_since_crash += 1
        self.before_last, self.last_size = before, size

    @rule(command=command_strategy(valid_words=True), seconds=st.sampled_from([1, 60]))
    def do_more(self, command: Any, seconds: int) -> None:
        self.do(command, seconds)

    @rule(command=command_strategy(), seconds=st.sampled_from([0, 5, 200]))
    def do_anything(self, command: Any, seconds: int) -> None:
        self.do(command, seconds)

    @precondition(lambda self: self.accepted_since_crash > 0)
    @rule(tear=st.booleans(), where=st.floats(0, 1, exclude_max=True))
    def crash_and_resume(self, tear: bool, where: float) -> None:
        STATS["steps"] += 1
        STATS["crashes"] += 1
        self.replay_equals_live()
        expected = self._snapshot()
        self.journal.close()  # the process died: its descriptor (and lock) are gone
        end = self.path.stat().st_size
        if tear and end > self.last_size:
            STATS["torn"] += 1
            cut = self.last_size + int((end - self.last_size) * where)
            with self.path.open("r+b") as f:
                f.truncate(cut)
            expected = self.before_last  # the torn command was never acknowledged
        self.journal = Journal.open(self.path, ops=self.ops)
        agenda = Agenda.model_validate(self.journal.header["agenda"])
        assert agenda == self.agenda, "the journal alone rebuilds the meeting"
        history = [event_from_record(r) for r in self.journal.records]
        self.session = Session(agenda, self.journal, self.clock, history=history)
        if self.session.state != expected:
            VIOLATIONS.append(f"resume after a crash (tear={tear}) differs from the live state")
        assert self.session.state == expected
        self.accepted_since_crash = 0
        self._mark()

    def teardown(self) -> None:
        self.replay_equals_live()
        self.journal.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    @invariant()
    def disk_holds_the_live_events(self) -> None:
        # Replay is deterministic, so equal records mean an equal replay; the full
        # replay is checked at every crash and at the end of every sequence.
        live = [event_to_record(e) for e in self.session.state.events]
        on_disk = read_journal(self.path).records
        if on_disk != live:
            VIOLATIONS.append("the journal on disk differs from the live events")
        assert on_disk == live

    def replay_equals_live(self) -> None:
        replayed = replayed_state(self.agenda, read_journal(self.path).records)
        if replayed != self.session.state:
            VIOLATIONS.append("replaying the journal differs from the live state")
        assert replayed == self.session.state


def test_replay_equals_live_through_random_crashes() -> None:
    run_state_machine_as_test(
        CrashingMeeting, settings=settings(max_examples=80, stateful_step_count=30)
    )
    print(
        "stateful journal: {sequences} sequences, {steps} steps ({accepted} accepted, "
        "{refused} refused, {crashes} crashes, {torn} torn writes), ".format(**STATS)
        + f"{len(VIOLATIONS)} violations"
    )
    assert STATS["sequences"] >= 80 and STATS["torn"] > 0
    assert VIOLATIONS == []
