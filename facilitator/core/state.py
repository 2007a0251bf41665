"""The meeting state: what the journal's events add up to.

`replay(agenda, events)` builds it from nothing; `apply(state, event)` returns
the state after one more event. Both are pure: the caller's state is never
changed (the session keeps a private copy that it advances in place, through
`advance`, for speed). The handlers for each event type live in `fold.py`;
this module holds the records and the small queries everyone needs.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field

from facilitator.core.agenda import Agenda, Item
from facilitator.core.events import Event
from facilitator.core.prose import prose
from facilitator.core.records import (
    Action,
    Attendee,
    Conflict,
    Consent,
    ConsentRound,
    Credit,
    Decision,
    Entry,
    GoAround,
    Integration,
    ItemState,
    Note,
    OffPeriod,
    Presence,
    Response,
    Turn,
)

__all__ = [
    "Action",
    "Attendee",
    "Conflict",
    "Consent",
    "ConsentRound",
    "Credit",
    "Decision",
    "Entry",
    "GoAround",
    "Integration",
    "ItemState",
    "MeetingState",
    "Note",
    "OffPeriod",
    "Presence",
    "Response",
    "Turn",
    "advance",
    "apply",
    "initial_state",
    "item_state",
    "replay",
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
    events since the nearest one (see `fold._rebuild`); not part of what the state *is*."""
    ready: tuple[int, MeetingState] | None = field(default=None, compare=False, repr=False)
    """(n, the state after the first n events, live) made at idle by `fold.prepare_undo`, so
    the next undo need not thaw a checkpoint on the key press; used once, then rebuilt."""

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


def initial_state(agenda: Agenda) -> MeetingState:
    """The state before any event: everyone absent, every item pending."""
    keys = agenda.quick_keys()
    people = {
        p.name.strip().casefold(): Attendee(
            name=p.name,
            role=str(p.role),
            priority=p.priority,
            key=keys.get(p.name, ""),
            org=p.org or "",
        )
        for p in agenda.participants
    }
    items = {}
    for n, item in enumerate(agenda.items, start=1):
        items[f"item-{n}"] = item_state(f"item-{n}", item)
    carried = [
        Action(
            action_id=f"P{n}",
            item_id=None,
            text=a.what,
            owner=a.owner,
            due=a.due.isoformat() if a.due else "",
            since=a.since,
            from_item=a.item,
        )
        for n, a in enumerate(agenda.actions, start=1)
    ]
    return MeetingState(
        agenda=agenda,
        people=people,
        items=items,
        order=list(items),
        next_item=len(items) + 1,
        carried=carried,
    )


def item_state(item_id: str, item: Item) -> ItemState:
    """A pending item from its agenda entry."""
    consent = None
    if item.proposal is not None:
        # Read as prose: the agenda's line breaks are the editor's, not the proposal's.
        consent = Consent(versions=[prose(item.proposal)], review=item.review)
    return ItemState(
        id=item_id,
        title=item.title,
        kind=str(item.kind),
        planned=item.duration,
        original=item.duration,
        owner=item.owner,
        prep=item.notes,
        confidential=item.confidential,
        standing=item.standing,
        consent=consent,
    )


def replay(agenda: Agenda, events: Iterable[Event]) -> MeetingState:
    """The state after `events`, built from nothing."""
    from facilitator.core.fold import fold_all

    return fold_all(initial_state(agenda), list(events))


def apply(state: MeetingState, event: Event) -> MeetingState:
    """The state after one more event; `state` itself is left as it was."""
    new = copy.deepcopy(state)
    advance(new, event)
    return new


def advance(state: MeetingState, event: Event) -> None:
    """Fold one event into `state` in place (the session's fast path)."""
    from facilitator.core.fold import fold_one

    fold_one(state, event)
