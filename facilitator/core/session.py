"""The session: the one way anything happens in a meeting.

`Session.do(command)`:
1. checks the command against the state (`decide`); a `DomainError` means
   nothing changed and nothing was written;
2. stamps the events with one clock reading and hands them to the sink
   (the journal), which returns only once they are on disk; a `StorageError`
   means nothing changed;
3. folds them into the state.

So what the screen shows is always on disk first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from facilitator.core.agenda import Agenda
from facilitator.core.clock import Clock
from facilitator.core.decide import decide
from facilitator.core.events import Event, event_to_record
from facilitator.core.fold import advance, replay
from facilitator.core.state import MeetingState


class EventSink(Protocol):
    """Where events go before they count: the journal, or a list in tests."""

    def append(self, records: Sequence[Mapping[str, Any]]) -> None:
        """Store the records durably, all or none; raise StorageError on failure."""
        ...


class Session:
    """A meeting in progress: agenda + events so far + where new events go + the clock."""

    def __init__(
        self, agenda: Agenda, sink: EventSink, clock: Clock, history: Sequence[Event] = ()
    ) -> None:
        self._sink = sink
        self._clock = clock
        self._state = replay(agenda, history)
        self._seq = history[-1].seq if history else 0

    @property
    def state(self) -> MeetingState:
        """The current state. Read it; never change it (the session advances it in place)."""
        return self._state

    @property
    def agenda(self) -> Agenda:
        """The agenda this meeting runs."""
        return self._state.agenda

    def now(self) -> float:
        """The clock's monotonic reading now."""
        return self._clock.now().mono

    def do(self, command: Any, *, device: str | None = None) -> list[Event]:
        """Run one command; returns the events written. Raises DomainError or StorageError.

        `device` marks a command sent from a member's device (the members' view): each of
        its events carries it as an optional `device` key, which the fold ignores.
        """
        drafts = decide(self._state, command)
        if device:
            drafts = [(kind, {**data, "device": device}) for kind, data in drafts]
        now = self._clock.now()
        # A clock may never make time run backwards inside one meeting.
        last = self._state.last_mono
        mono = now.mono if last is None else max(now.mono, last)
        cmd = self._state.last_cmd + 1
        events = [
            Event(type=kind, data=data, seq=self._seq + i, cmd=cmd, at=now.iso(), mono=mono)
            for i, (kind, data) in enumerate(drafts, start=1)
        ]
        self._sink.append([event_to_record(e) for e in events])
        self._seq += len(events)
        for event in events:
            advance(self._state, event)
        return events


class MemorySink:
    """An `EventSink` that keeps records in a list (tests, benchmarks, previews)."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        """Every record appended, in order."""

    def append(self, records: Sequence[Mapping[str, Any]]) -> None:
        """Keep copies of the records."""
        self.records.extend(dict(r) for r in records)
