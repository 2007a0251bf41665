"""The meeting state: what the journal's events add up to.

This module holds the `MeetingState` record and the small queries everyone
needs; it imports no fold. Building and advancing the state (`replay`,
`apply`, `advance`, `initial_state`) is `fold.py`'s, which loops over the core's
handlers and the processes' (`facilitator.processes`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from facilitator.core.records import (
    Action,
    Attendee,
    Conflict,
    Credit,
    Decision,
    Entry,
    Hand,
    ItemState,
    Note,
    OffPeriod,
    Presence,
    Turn,
)

if TYPE_CHECKING:
    from facilitator.core.agenda import Agenda
    from facilitator.core.events import Event

__all__ = [
    "Action",
    "Attendee",
    "Conflict",
    "Credit",
    "Decision",
    "Entry",
    "Hand",
    "ItemState",
    "MeetingState",
    "Note",
    "OffPeriod",
    "Presence",
    "Turn",
]


@dataclass
class MeetingState:
    """Everything the meeting has come to, at the last event."""

    agenda: Agenda
    """The agenda it runs."""
    people: dict[str, Attendee]
    """Participants by lower-cased name, in circle (agenda) order."""
    items: dict[str, ItemState]
    """Items by id."""
    order: list[str]
    """Item ids in running order."""
    started: bool = False
    """The meeting was started."""
    start_mono: float | None = None
    """Monotonic start."""
    start_at: str | None = None
    """Wall start."""
    ended: bool = False
    """The meeting was ended."""
    end_mono: float | None = None
    """Monotonic end."""
    end_at: str | None = None
    """Wall end."""
    current: str | None = None
    """The item being worked on (running or paused)."""
    stack: list[Entry] = field(default_factory=list)
    """Waiting entries, in the order they were queued."""
    hands: list[Hand] = field(default_factory=list)
    """Hands raised on members' devices that wait for the facilitator to accept them
    (the members' inbox), oldest first; never on the stack until accepted."""
    speaker: Turn | None = None
    """Who has the floor."""
    turns: list[Turn] = field(default_factory=list)
    """Finished turns, oldest first, and passes in rounds (kind "pass": not turns, no talk
    time; kept here so the minutes list them in the order they happened)."""
    turn_totals: dict[str, tuple[int, float]] = field(default_factory=dict)
    """Finished turns and their seconds per person, summed as turns end (the stack order
    reads these, so giving the floor does not slow down as the meeting grows)."""
    spoke_on: dict[str | None, set[str]] = field(default_factory=dict)
    """Item id (None between items) -> who has finished a turn on it."""
    off_record: bool = False
    """Off the record now."""
    off_periods: list[OffPeriod] = field(default_factory=list)
    """Every stretch off the record, oldest first."""
    attendance: list[Presence] = field(default_factory=list)
    """Arrivals after the start, departures, recusals and returns, in order."""
    peak_voting: int = 0
    """The most voting members present at the same time so far."""
    decisions: list[Decision] = field(default_factory=list)
    """The decisions register."""
    actions: list[Action] = field(default_factory=list)
    """Action items."""
    carried: list[Action] = field(default_factory=list)
    """Actions still open from earlier meetings (the agenda's `[[actions]]`, ids "P1", ...),
    followed up here with the same `SetActionStatus` as this meeting's own."""
    credits: list[Credit] = field(default_factory=list)
    """The credit log."""
    conflicts: list[Conflict] = field(default_factory=list)
    """The conflict log."""
    queued: int = 0
    """Stack entries ever queued (numbers arrival order)."""
    next_item: int = 1
    """Number for the next live-added item id."""
    events: list[Event] = field(default_factory=list)
    """Every event so far, including undone ones (undo replays from these)."""
    undone: set[int] = field(default_factory=set)
    """Command numbers taken back."""
    last_mono: float | None = None
    """The monotonic reading of the latest event."""
    checkpoints: list[tuple[int, bytes]] = field(default_factory=list, compare=False, repr=False)
    """(n, the state after the first n events, pickled) every so often, so undo refolds only the
    events since the nearest one (see `fold_undo._rebuild`); not part of what the state *is*."""
    ready: list[tuple[int, MeetingState]] = field(default_factory=list, compare=False, repr=False)
    """(n, the state after the first n events, live), newest first, made at idle by
    `fold.prepare_undo`: one before each of the latest commands in effect, so that undo, and
    the undo right after it, need not thaw a checkpoint on the key press. Each is used once."""
    redo: list[tuple[int, MeetingState]] = field(default_factory=list, compare=False, repr=False)
    """(command, the state its undo replaced), latest last: what a redo of that command gives
    back, so redo refolds nothing (`fold_undo._redo_from_copy`); emptied by anything new."""
    discarded: list[object] = field(default_factory=list, compare=False, repr=False)
    """What an undo replaced, freed at the next idle moment (`fold.prepare_undo`) rather than
    on the key press; nothing reads it."""

    # --- small queries ---------------------------------------------------------------

    def person(self, name: str) -> Attendee | None:
        """The participant with this name (case-insensitive), if any."""
        return self.people.get(name.strip().casefold())

    def item(self, item_id: str | None) -> ItemState | None:
        """The item with this id, if any."""
        return self.items.get(item_id) if item_id else None

    @property
    def current_item(self) -> ItemState | None:
        """The item being worked on."""
        return self.item(self.current)

    def pending(self) -> list[ItemState]:
        """Items not yet taken up, in running order."""
        return [self.items[i] for i in self.order if self.items[i].status == "pending"]

    def hand_of(self, name: str) -> Hand | None:
        """`name`'s hand waiting in the members' inbox, if any."""
        key = name.casefold()
        return next((h for h in self.hands if h.name.casefold() == key), None)

    def waiting(self, name: str) -> list[Entry]:
        """The waiting entries of one person."""
        key = name.casefold()
        return [e for e in self.stack if e.name.casefold() == key]

    def all_turns(self) -> Iterable[Turn]:
        """Finished turns, then the running one (passes are not turns: see `floor_log`)."""
        yield from (t for t in self.turns if t.kind != "pass")
        if self.speaker is not None:
            yield self.speaker

    def floor_log(self) -> Iterable[Turn]:
        """Turns and passes in the order they happened, then the running turn."""
        yield from self.turns
        if self.speaker is not None:
            yield self.speaker

    @property
    def last_cmd(self) -> int:
        """The number of the latest command journalled."""
        return self.events[-1].cmd if self.events else 0
