"""The fold's own handlers (attendance, the agenda flow, the speaking stack), the state
before any event, and `HANDLERS`: these merged with the ledgers' (`fold_ledgers.py`) and
every meeting process's (`facilitator.processes`). `fold.py` folds with the table.
"""

from __future__ import annotations

from collections.abc import Callable

from facilitator.core import payloads as P
from facilitator.core.agenda import Agenda, Item
from facilitator.core.events import Event, payload
from facilitator.core.fold_ledgers import HANDLERS as _LEDGER
from facilitator.core.fold_ledgers import close_off_period
from facilitator.core.records import Action
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


def fold_event(state: MeetingState, event: Event) -> None:
    """Fold one event that is not an undo or a redo into `state` in place."""
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
