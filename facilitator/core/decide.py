"""Checking a command against the state and turning it into event drafts.

`decide(state, command)` is pure: it reads the state, raises `DomainError`
with a plain message when the command makes no sense now, and otherwise
returns the events to write. This module holds the dispatch, attendance and
the agenda flow; the stack, rounds and consent are in `decide_talk`, the
ledgers and undo in `decide_ledger`.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda import ItemKind
from facilitator.core.decide_ledger import LEDGER
from facilitator.core.decide_talk import TALK
from facilitator.core.errors import DomainError
from facilitator.core.rules import (
    Draft,
    current,
    no_reason_off_record,
    on_record,
    person,
    text,
)
from facilitator.core.state import ItemState, MeetingState

_ALWAYS = (C.StartMeeting, C.Arrive, C.Leave, C.AddParticipant, C.Undo, C.Redo)
ROLES = ("member", "guest", "observer")
"""Who a participant can be."""


def decide(state: MeetingState, command: Any) -> list[Draft]:
    """The events `command` produces now; DomainError (and nothing else) if it cannot run."""
    handler = _FLOW.get(type(command)) or TALK.get(type(command)) or LEDGER.get(type(command))
    if handler is None:
        raise DomainError(f"unknown command {type(command).__name__}")
    if state.ended and not isinstance(command, C.Undo | C.Redo):
        raise DomainError("the meeting has ended (undo, ctrl+z, reopens it)")
    if not state.started and not isinstance(command, _ALWAYS):
        raise DomainError("the meeting has not started yet: start it first")
    return handler(state, command)


# --- attendance ---------------------------------------------------------------------


def _start_meeting(state: MeetingState, cmd: C.StartMeeting) -> list[Draft]:
    if state.started:
        raise DomainError("the meeting has already started")
    names: list[str] = []
    for name in cmd.present:
        who = person(state, name)
        if who.name not in names:
            names.append(who.name)
    names += [p.name for p in state.people.values() if p.present and p.name not in names]
    return [("MeetingStarted", {"present": names})]


def _arrive(state: MeetingState, cmd: C.Arrive) -> list[Draft]:
    who = person(state, cmd.name)
    if who.present:
        raise DomainError(f"{who.name} is already marked present")
    return [("Arrived", {"name": who.name})]


def _leave(state: MeetingState, cmd: C.Leave) -> list[Draft]:
    who = person(state, cmd.name)
    if not who.present:
        raise DomainError(f"{who.name} is not marked present")
    return [("Left", {"name": who.name})]


def _recuse(state: MeetingState, cmd: C.Recuse) -> list[Draft]:
    item = current(state, "record a recusal")
    who = person(state, cmd.name)
    if who.name in item.recused:
        raise DomainError(f"{who.name} has already recused from this item")
    no_reason_off_record(state, cmd.reason, "a recusal")
    out: list[Draft] = []
    if state.speaker is not None and state.speaker.name == who.name:
        out.append(("TurnEnded", {"name": who.name}))
    out.append(("Recused", {"item_id": item.id, "name": who.name, "reason": cmd.reason.strip()}))
    return out


def _add_participant(state: MeetingState, cmd: C.AddParticipant) -> list[Draft]:
    name = text(cmd.name, "the walk-in's name")
    taken = state.person(name)
    if taken is not None:
        raise DomainError(f"{taken.name} is already on this meeting's participant list")
    role = cmd.role.strip().lower() or "guest"
    if role not in ROLES:
        raise DomainError(f"{cmd.role!r} is not a role; use one of: {', '.join(ROLES)}")
    return [
        (
            "ParticipantAdded",
            {"name": name, "role": role, "org": cmd.org.strip(), "key": _free_key(state, role)},
        )
    ]


def _free_key(state: MeetingState, role: str) -> str:
    """A quick key nobody has: a free letter, then a digit ("" for observers, or none left)."""
    if role == "observer":
        return ""
    taken = {p.key for p in state.people.values()}
    return next((c for c in string.ascii_lowercase + string.digits if c not in taken), "")


def _end_meeting(state: MeetingState, cmd: C.EndMeeting) -> list[Draft]:
    return [*_close_current(state, "ItemFinished"), ("MeetingEnded", {})]


# --- agenda flow --------------------------------------------------------------------


def _close_current(state: MeetingState, how: str, reason: str = "") -> list[Draft]:
    """End the turn, clear the stack and close the current item (if any)."""
    out: list[Draft] = []
    item = state.current_item
    go = item.go_around if item is not None else None
    if state.speaker is not None and state.speaker.kind == "round" and go and not go.done:
        # Moving on mid-round ends the round: whoever was on the pointer did not respond.
        out.append(("RoundEnded", {}))
    elif state.speaker is not None:
        out.append(("TurnEnded", {"name": state.speaker.name}))
    if state.stack:
        out.append(("StackCleared", {"names": [e.name for e in state.stack]}))
    if state.current is not None:
        data: dict[str, Any] = {"item_id": state.current}
        if how != "ItemFinished":
            data["reason"] = reason
        out.append((how, data))
    return out


def _item_arg(state: MeetingState, item_id: str) -> ItemState:
    item = state.item(item_id)
    if item is None:
        raise DomainError(f"there is no item {item_id!r}")
    return item


def _start_item(state: MeetingState, cmd: C.StartItem) -> list[Draft]:
    if cmd.item_id is None:
        pending = state.pending()
        if not pending:
            raise DomainError("no items are left: add one, or end the meeting")
        item = pending[0]
    else:
        item = _item_arg(state, cmd.item_id)
        if item.id == state.current:
            raise DomainError(f"{item.title!r} is already the current item")
    return [*_close_current(state, "ItemFinished"), ("ItemStarted", {"item_id": item.id})]


def _pause(state: MeetingState, cmd: C.PauseItem) -> list[Draft]:
    item = current(state, "pause")
    if item.status == "paused":
        raise DomainError("the timebox is already paused")
    return [("ItemPaused", {"item_id": item.id})]


def _resume(state: MeetingState, cmd: C.ResumeItem) -> list[Draft]:
    item = current(state, "resume")
    if item.status != "paused":
        raise DomainError("the timebox is not paused")
    return [("ItemResumed", {"item_id": item.id})]


def _extend(state: MeetingState, cmd: C.ExtendTimebox) -> list[Draft]:
    item = current(state, "extend a timebox")
    on_record(state, "a timebox extension")
    if cmd.seconds <= 0:
        raise DomainError("an extension must add some time")
    reason = text(cmd.reason, "the reason for the extension")
    return [("TimeboxExtended", {"item_id": item.id, "seconds": cmd.seconds, "reason": reason})]


def _finish(state: MeetingState, cmd: C.FinishItem) -> list[Draft]:
    current(state, "finish an item")
    return _close_current(state, "ItemFinished")


def _skip_or_defer(how: str) -> Callable[[MeetingState, Any], list[Draft]]:
    def handler(state: MeetingState, cmd: C.SkipItem | C.DeferItem) -> list[Draft]:
        item = current(state, "do that") if cmd.item_id is None else _item_arg(state, cmd.item_id)
        no_reason_off_record(state, cmd.reason, "skipping or deferring an item")
        if item.id == state.current:
            return _close_current(state, how, cmd.reason.strip())
        if item.status != "pending":
            raise DomainError(f"{item.title!r} is {item.status}, not waiting to be taken up")
        return [(how, {"item_id": item.id, "reason": cmd.reason.strip()})]

    return handler


def _add_item(state: MeetingState, cmd: C.AddItem) -> list[Draft]:
    title = text(cmd.title, "the item's title")
    on_record(state, "adding an item")
    if cmd.seconds <= 0:
        raise DomainError("an item needs a timebox of more than zero minutes")
    kinds = [str(k) for k in ItemKind]
    if cmd.kind not in kinds:
        raise DomainError(f"{cmd.kind!r} is not an item kind; use one of: {', '.join(kinds)}")
    proposal = cmd.proposal.strip() if cmd.proposal else None
    if cmd.kind == "proposal" and not proposal:
        raise DomainError("a proposal item needs its proposal text")
    data = {
        "item_id": f"item-{state.next_item}",
        "title": title,
        "kind": cmd.kind,
        "seconds": cmd.seconds,
        "owner": cmd.owner.strip() if cmd.owner and cmd.owner.strip() else None,
        "proposal": proposal if cmd.kind == "proposal" else None,
        "confidential": cmd.confidential,
        "after": state.current,
    }
    return [("ItemAdded", data)]


def _reorder(state: MeetingState, cmd: C.ReorderItems) -> list[Draft]:
    pending = [i.id for i in state.pending()]
    if sorted(cmd.order) != sorted(pending) or len(set(cmd.order)) != len(cmd.order):
        raise DomainError("a new order must list every upcoming item exactly once")
    return [("ItemsReordered", {"order": list(cmd.order)})]


_FLOW: dict[type, Callable[[MeetingState, Any], list[Draft]]] = {
    C.StartMeeting: _start_meeting,
    C.Arrive: _arrive,
    C.Leave: _leave,
    C.Recuse: _recuse,
    C.AddParticipant: _add_participant,
    C.EndMeeting: _end_meeting,
    C.StartItem: _start_item,
    C.PauseItem: _pause,
    C.ResumeItem: _resume,
    C.ExtendTimebox: _extend,
    C.FinishItem: _finish,
    C.SkipItem: _skip_or_defer("ItemSkipped"),
    C.DeferItem: _skip_or_defer("ItemDeferred"),
    C.AddItem: _add_item,
    C.ReorderItems: _reorder,
}
