"""The fold's handlers for the ledgers: notes, actions, credit, conflicts, off the record
(see `fold_flow.py`; each meeting process folds its own events in its `model.py`).

They fill their own table, `HANDLERS`, which `fold_flow.py` merges with its own:
no registration happens as a side effect of importing.
"""

from __future__ import annotations

from collections.abc import Callable

from facilitator.core import payloads as P
from facilitator.core.events import Event, payload
from facilitator.core.state import (
    Action,
    Conflict,
    Credit,
    ItemState,
    MeetingState,
    Note,
    OffPeriod,
)

Handler = Callable[[MeetingState, Event], None]
HANDLERS: dict[str, Handler] = {}
"""Event type -> handler, for the ledgers."""


def _on(kind: P.CoreEventType) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn

    return register


def _item(state: MeetingState, event: Event) -> ItemState:
    return state.items[event["item_id"]]


# --- ledgers ------------------------------------------------------------------------


def _confidential(state: MeetingState, item_id: str | None) -> bool:
    item = state.item(item_id)
    return bool(item and item.confidential)


@_on("NoteAdded")
def _note(state: MeetingState, e: Event) -> None:
    d = payload(e, P.NoteAdded)
    _item(state, e).notes.append(Note(note_id=d["note_id"], text=d["text"], at=e.at))


@_on("ActionAdded")
def _action(state: MeetingState, e: Event) -> None:
    d = payload(e, P.ActionAdded)
    state.actions.append(
        Action(
            action_id=d["action_id"],
            item_id=d["item_id"],
            text=d["text"],
            owner=d["owner"],
            due=d["due"],
            confidential=_confidential(state, d["item_id"]),
            off_record=state.off_record,
        )
    )


@_on("ActionStatusSet")
def _action_status(state: MeetingState, e: Event) -> None:
    d = payload(e, P.ActionStatusSet)
    for action in [*state.actions, *state.carried]:
        if action.action_id == d["action_id"]:
            action.status = d["status"]


@_on("CreditLogged")
def _credit(state: MeetingState, e: Event) -> None:
    d = payload(e, P.CreditLogged)
    state.credits.append(
        Credit(
            credit_id=d["credit_id"],
            item_id=d["item_id"],
            name=d["name"],
            text=d["text"],
            kind=d["kind"],
            confidential=_confidential(state, d["item_id"]),
            off_record=state.off_record,
        )
    )


@_on("ConflictRaised")
def _conflict(state: MeetingState, e: Event) -> None:
    d = payload(e, P.ConflictRaised)
    state.conflicts.append(
        Conflict(
            conflict_id=d["conflict_id"],
            item_id=d["item_id"],
            text=d["text"],
            raised_by=d["raised_by"],
            parties=list(d["parties"]),
            confidential=bool(d["confidential"]) or _confidential(state, d["item_id"]),
            next_step=d["next_step"],
            owner=d["owner"],
            off_record=state.off_record,
        )
    )


@_on("ConflictUpdated")
def _conflict_updated(state: MeetingState, e: Event) -> None:
    d = payload(e, P.ConflictUpdated)
    for c in state.conflicts:
        if c.conflict_id == d["conflict_id"]:
            changes = []
            for key in ("status", "next_step", "owner"):
                if e[key] is not None and e[key] != getattr(c, key):
                    setattr(c, key, e[key])
                    changes.append(f"{key.replace('_', ' ')}: {e[key]}")
            c.history.append(f"{e.at}: " + "; ".join(changes))


@_on("OffRecordSet")
def _off_record(state: MeetingState, e: Event) -> None:
    d = payload(e, P.OffRecordSet)
    state.off_record = bool(d["off"])
    if state.off_record:
        open_off_period(state, e.mono)
    else:
        close_off_period(state, e.mono)


def close_off_period(state: MeetingState, mono: float) -> None:
    """End the open off-the-record stretch, if any."""
    if state.off_periods and state.off_periods[-1].end is None:
        state.off_periods[-1].end = mono


def open_off_period(state: MeetingState, mono: float) -> None:
    """Begin an off-the-record stretch on the current item."""
    state.off_periods.append(OffPeriod(item_id=state.current, start=mono))


@_on("Undone")
def _undone(state: MeetingState, e: Event) -> None:  # handled in fold_one / fold_all
    raise AssertionError("Undone is folded by fold_one")
