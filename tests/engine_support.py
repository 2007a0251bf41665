"""Shared helpers for the engine tests: agendas built from a base, and a meeting driven by hand.

`Meeting` wraps a real `Session` with a `FakeClock` and a `MemorySink`, so
tests read like the facilitator's key presses and move time explicitly
(never by sleeping). `refused` is how every test checks a DomainError: the
message, and that neither the state nor the journal changed.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from typing import Any

import pytest

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.errors import DomainError
from facilitator.core.events import Event, event_from_record
from facilitator.core.fold import replay
from facilitator.core.session import MemorySink, Session
from facilitator.core.state import MeetingState

ANA, BO, CHEN, DEE, ELI, FAY = (
    "Ana Lima",
    "Bo Tran",
    "Chen Wu",
    "Dee Okafor",
    "Eli Guest",
    "Fay Observer",
)
MEMBERS = (ANA, BO, CHEN, DEE)
"""The voting members, in circle order."""

BASE: dict[str, Any] = {
    "meeting": {"title": "General Circle", "date": "2026-11-24", "decision_rule": "consent"},
    "stack": {"order": "progressive", "speaker_limit": "2m"},
    "participants": [
        {"name": ANA},
        {"name": BO},
        {"name": CHEN},
        {"name": DEE},
        {"name": ELI, "role": "guest"},
        {"name": FAY, "role": "observer"},
    ],
    "items": [
        {"title": "Check-in", "kind": "round", "duration": "10m"},
        {"title": "Treasury report", "kind": "report", "duration": "5m", "owner": CHEN},
        {"title": "Outreach plan", "kind": "discussion", "duration": "15m"},
        {
            "title": "Adopt the budget",
            "kind": "proposal",
            "duration": "20m",
            "proposal": "We adopt the 2027 budget.",
            "review": "2027-06-01",
        },
    ],
}
"""A small agenda: four members, a guest, an observer, one item of each main kind."""


def make_agenda(
    *,
    meeting: dict[str, Any] | None = None,
    stack: dict[str, Any] | None = None,
    participants: list[dict[str, Any]] | None = None,
    items: list[dict[str, Any]] | None = None,
) -> Agenda:
    """`BASE` with its tables updated (meeting, stack) or replaced (participants, items)."""
    data = copy.deepcopy(BASE)
    data["meeting"].update(meeting or {})
    data["stack"].update(stack or {})
    if participants is not None:
        data["participants"] = participants
    if items is not None:
        data["items"] = items
    return Agenda.model_validate(data)


class Meeting:
    """A session driven by hand: commands in, time moved explicitly."""

    def __init__(self, agenda: Agenda | None = None) -> None:
        self.agenda = agenda or make_agenda()
        self.clock = FakeClock()
        self.sink = MemorySink()
        self.session = Session(self.agenda, self.sink, self.clock)

    @property
    def state(self) -> MeetingState:
        """The live state."""
        return self.session.state

    @property
    def now(self) -> float:
        """The fake monotonic reading."""
        return self.clock.mono

    def do(self, *commands: Any) -> list[Event]:
        """Run each command; the events of all of them."""
        out: list[Event] = []
        for command in commands:
            out += self.session.do(command)
        return out

    def tick(self, seconds: float) -> None:
        """Let time pass."""
        self.clock.advance(seconds)

    def types(self, *commands: Any) -> list[str]:
        """Run the commands; the types of the events they wrote."""
        return [e.type for e in self.do(*commands)]

    def refused(self, command: Any, match: str) -> DomainError:
        """Assert `command` is refused with a message matching `match`, changing nothing."""
        before = copy.deepcopy(self.state)
        written = len(self.sink.records)
        with pytest.raises(DomainError, match=match) as info:
            self.session.do(command)
        assert self.state == before, "a refused command changed the state"
        assert len(self.sink.records) == written, "a refused command wrote something"
        return info.value

    def replayed(self) -> MeetingState:
        """The state rebuilt from what the sink holds."""
        return replay(self.agenda, [event_from_record(r) for r in self.sink.records])


def started(
    agenda: Agenda | None = None, present: tuple[str, ...] = (ANA, BO, CHEN, DEE, ELI)
) -> Meeting:
    """A meeting already started with `present` here."""
    meeting = Meeting(agenda)
    meeting.do(C.StartMeeting(present))
    return meeting


def on_item(
    item_id: str = "item-3",
    agenda: Agenda | None = None,
    present: tuple[str, ...] = (ANA, BO, CHEN, DEE, ELI),
) -> Meeting:
    """A started meeting with `item_id` running."""
    meeting = started(agenda, present)
    meeting.do(C.StartItem(item_id))
    return meeting


def without_log(state: MeetingState) -> MeetingState:
    """The state with its event log, undo set and last reading blanked, for comparing effects."""
    return dataclasses.replace(state, events=[], undone=set(), last_mono=None)


def names_in(text: str) -> list[str]:
    """The participant names mentioned in `text`, in order (for message checks)."""
    return re.findall("|".join(map(re.escape, (ANA, BO, CHEN, DEE, ELI, FAY))), text)
