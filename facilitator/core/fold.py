"""The fold: one handler per event type, each moving the state forward in place.

`replay(agenda, events)` builds the state from nothing; `apply(state, event)` returns
the state after one more event. Both are pure: the caller's state is never
changed (the session keeps a private copy that it advances in place, through
`advance`, for speed). The handlers are this module's (attendance, the agenda
flow, the stack), `fold_ledgers.py`'s, and each meeting process's
(`facilitator.processes`), merged into one table, `HANDLERS`.

Handlers trust their event: `decide.py` checked the command before the event
was written, and `event_from_record` checked the record's shape on reading.
Undo and redo are the events that look back: `Undone` and `Redone` rebuild the
state from the events of the commands still in effect (see `fold_all`).
"""

from __future__ import annotations

import bisect
import copy
import pickle
from collections.abc import Callable, Iterable

from facilitator.core import payloads as P
from facilitator.core.agenda import Agenda, Item
from facilitator.core.events import Event, gc_paused, payload
from facilitator.core.fold_ledgers import HANDLERS as _LEDGER
from facilitator.core.fold_ledgers import close_off_period
from facilitator.core.records import Action
from facilitator.core.redo import UNDO_EVENTS, undone_set
from facilitator.core.state import (
    Attendee,
    Entry,
    Hand,
    ItemState,
    MeetingState,
    Presence,
)
from facilitator.core.turns import end_turn, new_turn
from facilitator.processes import PROCESSES, process_folds

Handler = Callable[[MeetingState, Event], None]
_FLOW: dict[str, Handler] = {}


def _on(kind: P.CoreEventType) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _FLOW[kind] = fn
        return fn

    return register


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
    """A pending item from its agenda entry, with the state of each process it starts with."""
    state = ItemState(
        id=item_id,
        title=item.title,
        kind=str(item.kind),
        planned=item.duration,
        original=item.duration,
        owner=item.owner,
        prep=item.notes,
        confidential=item.confidential,
        standing=item.standing,
    )
    for process in PROCESSES:
        begun = process.from_agenda(item)
        if begun is not None:
            state.process[process.name] = begun
    return state


def replay(agenda: Agenda, events: Iterable[Event]) -> MeetingState:
    """The state after `events`, built from nothing."""
    return fold_all(initial_state(agenda), list(events))


def apply(state: MeetingState, event: Event) -> MeetingState:
    """The state after one more event; `state` itself is left as it was."""
    new = copy.deepcopy(state)
    advance(new, event)
    return new


def advance(state: MeetingState, event: Event) -> None:
    """Fold one event into `state` in place (the session's fast path)."""
    fold_one(state, event)


CHECKPOINT_EVERY = 500
"""Events between the checkpoints undo starts from: it then refolds at most this many."""


def fold_one(state: MeetingState, event: Event) -> None:
    """Fold `event` into `state` in place."""
    if event.type in UNDO_EVENTS:
        state.events.append(event)
        target = int(event["target_cmd"])
        if event.type == "Undone":
            state.undone.add(target)
        else:  # Redone: the command is in effect again
            state.undone.discard(target)
        _rebuild(state, target)
        return
    # A checkpoint goes *before* a command's first event, so undoing that very command
    # (the usual undo) starts from it.
    last = state.checkpoints[-1][0] if state.checkpoints else 0
    starts_command = not state.events or state.events[-1].cmd != event.cmd
    if starts_command and len(state.events) - last >= CHECKPOINT_EVERY:
        state.checkpoints.append((len(state.events), _frozen_copy(state)))
    state.events.append(event)
    _fold(state, event)


def _frozen_copy(state: MeetingState) -> bytes:
    """The state as bytes, without its events, checkpoints and (immutable) agenda.

    Pickle, in memory: about 7 times faster than `copy.deepcopy` for a long meeting, and
    compact. The live event list is a prefix-extension of the one at checkpoint time.
    """
    events, checkpoints, agenda, ready = state.events, state.checkpoints, state.agenda, state.ready
    discarded = state.discarded
    state.events, state.checkpoints, state.ready, state.discarded = [], [], [], []
    state.agenda = None  # type: ignore[assignment]
    try:
        return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        state.events, state.checkpoints, state.agenda = events, checkpoints, agenda
        state.ready, state.discarded = ready, discarded


def _thaw(data: bytes, agenda: Agenda) -> MeetingState:
    with gc_paused():
        state: MeetingState = pickle.loads(data)
    state.agenda = agenda
    return state


def fold_all(state: MeetingState, events: list[Event]) -> MeetingState:
    """Fold a whole history into a fresh `state`, skipping undone commands."""
    # Only undo events bear on the undone set; pairing every event cost replay ~3 ms at 10k.
    undone = undone_set((e.type, e.data.get("target_cmd")) for e in events if e.type in UNDO_EVENTS)
    handlers = HANDLERS
    with gc_paused():
        for event in events:
            kind = event.type
            if kind not in UNDO_EVENTS and event.cmd not in undone:
                handlers[kind](state, event)  # what `_fold` does, inlined for replay
        if events:
            state.last_mono = events[-1].mono
    state.events = list(events)
    state.undone = undone
    return state


def _rebuild(state: MeetingState, target: int) -> None:
    """The state without command `target`: refold from the last checkpoint before it.

    Undo always takes back the latest command still in effect, so every effective event
    after the target's first one belongs to it: a checkpoint taken before that event is
    still right, and the ones after it are dropped. Redo brings back the command the
    latest undo took back, with nothing recorded since, so the same holds for it. The
    ready copies (`prepare_undo`) obey the same rule: those made at or before the target's
    first event stay right; the latest of them is used up here, the others are kept for the
    next undo.
    """
    first = bisect.bisect_left(state.events, target, key=lambda e: e.cmd)
    kept = [c for c in state.checkpoints if c[0] <= first]
    usable = [r for r in state.ready if r[0] <= first]  # newest first, as `ready` is
    state.ready = []
    nearest = kept[-1][0] if kept else 0
    if usable and (usable[0][0] >= nearest or first - usable[0][0] <= CHECKPOINT_EVERY):
        # Made at idle: no thaw on the key press. Folding on from it costs less than a thaw
        # even when a checkpoint is nearer, while it is at most CHECKPOINT_EVERY events
        # behind (~2 ms at 500 events, against ~10-50 ms for a thaw at 10,000).
        start, fresh = usable.pop(0)
    elif kept:
        start, fresh = kept[-1][0], _thaw(kept[-1][1], state.agenda)
    else:
        start, fresh = 0, initial_state(state.agenda)
    for event in state.events[start:]:
        if event.type not in UNDO_EVENTS and event.cmd not in state.undone:
            _fold(fresh, event)
    fresh.events = state.events
    fresh.undone = state.undone
    fresh.last_mono = state.events[-1].mono
    fresh.checkpoints = kept
    fresh.ready = usable
    # The replaced values are kept until the next idle moment (`prepare_undo`): freeing a
    # long meeting's turns, notes and people here cost ~4 ms of the key press at 10,000 events.
    fresh.discarded = [*state.discarded, dict(state.__dict__)]
    state.__dict__.update(fresh.__dict__)


UNDO_READY = 2
"""How many undos in a row `prepare_undo` readies: the usual slip is one or two commands."""


def _effective_starts(state: MeetingState, n: int) -> list[int]:
    """The first event index of each of the latest `n` commands in effect, newest first."""
    events, undone = state.events, state.undone
    starts: list[int] = []
    i = len(events) - 1
    while i >= 0 and len(starts) < n:
        event = events[i]
        if event.type in UNDO_EVENTS or event.cmd in undone:
            i -= 1
            continue
        first = bisect.bisect_left(events, event.cmd, key=lambda e: e.cmd)
        starts.append(first)
        i = first - 1
    return starts


def prepare_undo(state: MeetingState) -> None:
    """At idle, not on a key: ready the states from before the latest commands in effect.

    Undo takes the latest back, so `_rebuild` can then start from a ready copy instead of
    thawing a checkpoint (about 25-50 ms at 10,000 events); the copy before the one but
    latest serves the undo after it, even when no idle moment comes between them. Cheap
    when already ready: nothing is done when nothing was recorded, and after a new command
    the oldest copy leapfrogs the others (it folds only the events in between, no thaw).
    Only after an undo is one copy made afresh. Every copy is folded with the same handlers
    and the same undone set, so it is exactly what a checkpoint would give.
    """
    state.discarded = []  # freed here, at idle, not on the undo that replaced them
    wanted = _effective_starts(state, UNDO_READY)
    have = dict(state.ready)  # n -> copy; the n are distinct
    made = {n: have.pop(n) for n in wanted if n in have}
    events = state.events
    for first in wanted:  # newest first: the furthest to go takes the latest leftover
        if first in made:
            continue
        below = [n for n in have if n <= first]
        if below:
            start = max(below)
            twin = have.pop(start)
        else:
            kept = [c for c in state.checkpoints if c[0] <= first]
            if kept:
                start, twin = kept[-1][0], _thaw(kept[-1][1], state.agenda)
            else:
                start, twin = 0, initial_state(state.agenda)
        with gc_paused():
            for event in events[start:first]:
                if event.type not in UNDO_EVENTS and event.cmd not in state.undone:
                    _fold(twin, event)
        made[first] = twin
    state.ready = [(n, made[n]) for n in wanted]


def _fold(state: MeetingState, event: Event) -> None:
    HANDLERS[event.type](state, event)
    state.last_mono = event.mono


def _item(state: MeetingState, event: Event) -> ItemState:
    return state.items[event["item_id"]]


def _count_peak(state: MeetingState) -> None:
    here = sum(1 for p in state.people.values() if p.role == "member" and p.present)
    state.peak_voting = max(state.peak_voting, here)


def _stop_clock(item: ItemState, mono: float) -> None:
    if item.since is not None:
        item.elapsed += max(0.0, mono - item.since)
        item.since = None


# --- attendance ---------------------------------------------------------------------


@_on("MeetingStarted")
def _started(state: MeetingState, e: Event) -> None:
    d = payload(e, P.MeetingStarted)
    state.started = True
    state.start_mono, state.start_at = e.mono, e.at
    for name in d["present"]:
        person = state.people[name.strip().casefold()]
        person.present = person.attended = True
    _count_peak(state)


@_on("Arrived")
def _arrived(state: MeetingState, e: Event) -> None:
    d = payload(e, P.Arrived)
    person = state.people[d["name"].strip().casefold()]
    # Marking someone present before the start is not arriving late, nor minuted.
    if state.started:
        # Back after leaving is a return: the departure stays in the record.
        event = "returned" if person.attended else "arrived"
        state.attendance.append(Presence(person.name, event, e.at))
        if not person.attended:
            person.arrived_late = True
    person.present = person.attended = True
    person.left = False
    _count_peak(state)


@_on("ParticipantAdded")
def _participant_added(state: MeetingState, e: Event) -> None:
    d = payload(e, P.ParticipantAdded)
    name = d["name"]
    state.people[name.strip().casefold()] = Attendee(
        name=name,
        role=d["role"],
        priority=False,
        key=d["key"],
        present=True,
        attended=True,
        arrived_late=state.started,
        org=d["org"],
        walk_in=True,
    )
    if state.started:
        state.attendance.append(Presence(name, "arrived", e.at))
    _count_peak(state)


@_on("Left")
def _left(state: MeetingState, e: Event) -> None:
    d = payload(e, P.Left)
    person = state.people[d["name"].strip().casefold()]
    person.present = False
    person.left = True
    state.attendance.append(Presence(person.name, "left", e.at))
    state.stack = [s for s in state.stack if s.name != person.name]
    if state.speaker is not None and state.speaker.name == person.name:
        end_turn(state, e.mono)


@_on("Recused")
def _recused(state: MeetingState, e: Event) -> None:
    d = payload(e, P.Recused)
    _item(state, e).recused[d["name"]] = d["reason"]
    state.attendance.append(Presence(d["name"], "recused", e.at, d["item_id"], d["reason"]))
    state.stack = [s for s in state.stack if s.name != d["name"]]


@_on("MeetingEnded")
def _ended(state: MeetingState, e: Event) -> None:
    state.ended = True
    state.end_mono, state.end_at = e.mono, e.at
    state.off_record = False
    close_off_period(state, e.mono)


# --- agenda flow --------------------------------------------------------------------


@_on("ItemStarted")
def _item_started(state: MeetingState, e: Event) -> None:
    item = _item(state, e)
    item.status = "running"
    item.since = e.mono
    item.started_at = item.started_at or e.at
    # Taken up again (after finishing, skipping or deferring it): it has not ended now.
    item.ended_at = None
    item.reason = ""
    state.current = item.id


@_on("ItemPaused")
def _item_paused(state: MeetingState, e: Event) -> None:
    item = _item(state, e)
    _stop_clock(item, e.mono)
    item.status = "paused"


@_on("ItemResumed")
def _item_resumed(state: MeetingState, e: Event) -> None:
    item = _item(state, e)
    item.status = "running"
    item.since = e.mono


@_on("TimeboxExtended")
def _extended(state: MeetingState, e: Event) -> None:
    d = payload(e, P.TimeboxExtended)
    item = _item(state, e)
    item.planned += int(d["seconds"])
    item.extensions.append((int(d["seconds"]), d["reason"]))


def _close_item(state: MeetingState, e: Event, status: str) -> None:
    item = _item(state, e)
    _stop_clock(item, e.mono)
    item.status = status
    item.ended_at = e.at
    item.reason = e.data.get("reason", "")
    for process in PROCESSES:
        process.closed(item)
    if state.current == item.id:
        state.current = None


@_on("ItemFinished")
def _finished(state: MeetingState, e: Event) -> None:
    _close_item(state, e, "done")


@_on("ItemSkipped")
def _skipped(state: MeetingState, e: Event) -> None:
    _close_item(state, e, "skipped")


@_on("ItemDeferred")
def _deferred(state: MeetingState, e: Event) -> None:
    _close_item(state, e, "deferred")


@_on("ItemAdded")
def _added(state: MeetingState, e: Event) -> None:
    d = payload(e, P.ItemAdded)
    item = ItemState(
        id=d["item_id"],
        title=d["title"],
        kind=d["kind"],
        planned=int(d["seconds"]),
        original=int(d["seconds"]),
        owner=d["owner"],
        confidential=bool(d["confidential"]),
        added_live=True,
    )
    for process in PROCESSES:
        begun = process.from_added(e.data)
        if begun is not None:
            item.process[process.name] = begun
    state.items[item.id] = item
    after = d["after"]
    at = state.order.index(after) + 1 if after in state.order else len(state.order)
    state.order.insert(at, item.id)
    state.next_item = max(state.next_item, int(item.id.rsplit("-", 1)[1]) + 1)


@_on("ItemsReordered")
def _reordered(state: MeetingState, e: Event) -> None:
    d = payload(e, P.ItemsReordered)
    new = list(d["order"])
    slots = [i for i, item_id in enumerate(state.order) if item_id in set(new)]
    for slot, item_id in zip(slots, new, strict=True):
        state.order[slot] = item_id


# --- speaking stack -----------------------------------------------------------------


@_on("SpeakerQueued")
def _queued(state: MeetingState, e: Event) -> None:
    d = payload(e, P.SpeakerQueued)
    state.queued += 1
    state.stack.append(Entry(name=d["name"], kind=d["kind"], number=state.queued, to=d["to"]))


@_on("SpeakerWithdrawn")
def _withdrawn(state: MeetingState, e: Event) -> None:
    d = payload(e, P.SpeakerWithdrawn)
    entries = state.waiting(d["name"])
    kind = d.get("kind")
    entry = next((x for x in entries if kind is None or x.kind == kind), None)
    if entry is not None:
        state.stack.remove(entry)


@_on("HandRaised")
def _hand_raised(state: MeetingState, e: Event) -> None:
    d = payload(e, P.HandRaised)
    state.hands.append(Hand(name=d["name"], kind=d["kind"]))


@_on("HandLowered")
def _hand_lowered(state: MeetingState, e: Event) -> None:
    d = payload(e, P.HandLowered)
    state.hands = [h for h in state.hands if h.name != d["name"]]


_on("HandAccepted")(_hand_lowered)


@_on("StackCleared")
def _cleared(state: MeetingState, e: Event) -> None:
    state.stack.clear()


@_on("FloorGiven")
def _floor(state: MeetingState, e: Event) -> None:
    d = payload(e, P.FloorGiven)
    end_turn(state, e.mono)
    name, kind = d["name"], d["kind"]
    entry = next((x for x in state.stack if x.name == name and x.kind == kind), None)
    if entry is None:
        entry = next((x for x in state.stack if x.name == name), None)
    if entry is not None:
        state.stack.remove(entry)
    state.speaker = new_turn(state, e, name, kind)


@_on("TurnEnded")
def _turn_ended(state: MeetingState, e: Event) -> None:
    end_turn(state, e.mono)


@_on("Redone")
def _redone(state: MeetingState, e: Event) -> None:  # handled in fold_one / fold_all
    raise AssertionError("Redone is folded by fold_one")


HANDLERS: dict[str, Handler] = {**_FLOW, **_LEDGER, **process_folds()}
"""Event type -> handler: this module's, the ledgers' and every process's."""
