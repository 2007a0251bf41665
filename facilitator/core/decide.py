"""Checking a command against the state and turning it into event drafts.

`decide(state, command)` is pure: it reads the state, raises `DomainError`
with a plain message when the command makes no sense now, and otherwise
returns the events to write. This module holds the dispatch, attendance, the
agenda flow, undo and redo; the stack is in `decide_stack`, the ledgers in
`decide_ledger`, and each meeting process decides its own commands in its
`model.py` (`facilitator.processes`). Each of those units also says how its
events read in undo messages (`WORDING`); `describe` looks them up.
"""

from __future__ import annotations

import bisect
import string
from collections.abc import Callable
from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda_types import item_kinds
from facilitator.core.decide_ledger import LEDGER
from facilitator.core.decide_ledger import WORDING as _LEDGER_WORDING
from facilitator.core.decide_stack import STACK
from facilitator.core.decide_stack import WORDING as _STACK_WORDING
from facilitator.core.errors import DomainError
from facilitator.core.events import Event
from facilitator.core.item_keys import checked_keys
from facilitator.core.redo import UNDO_EVENTS, redo_stack
from facilitator.core.rules import (
    Draft,
    current,
    no_reason_off_record,
    on_record,
    person,
    text,
)
from facilitator.core.state import ItemState, MeetingState
from facilitator.processes import PROCESSES, process_commands, process_wording

_ALWAYS = (C.StartMeeting, C.Arrive, C.Leave, C.AddParticipant, C.Undo, C.Redo)
ROLES = ("member", "guest", "observer")
"""Who a participant can be."""


def decide(state: MeetingState, command: Any) -> list[Draft]:
    """The events `command` produces now; DomainError (and nothing else) if it cannot run."""
    handler = _COMMANDS.get(type(command))
    if handler is None:
        raise DomainError(f"unknown command {type(command).__name__}")
    if state.ended and not isinstance(command, C.Undo | C.Redo):
        raise DomainError("the meeting has ended (undo, ctrl+z, reopens it)")
    if not state.started and not isinstance(command, _ALWAYS):
        raise DomainError("the meeting has not started yet: start it first")
    process_title = _ON_RECORD_ONLY.get(type(command))
    if process_title is not None:
        on_record(state, process_title)
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
    stopped = next((d for p in PROCESSES if (d := p.stop(state)) is not None), None)
    if stopped is not None:
        out += stopped
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
    kinds = list(item_kinds())
    if cmd.kind not in kinds:
        raise DomainError(f"{cmd.kind!r} is not an item kind; use one of: {', '.join(kinds)}")
    proposal = cmd.proposal.strip() if cmd.proposal else None
    if cmd.kind == "proposal" and not proposal:
        raise DomainError("a proposal item needs its proposal text")
    # The kind's process keys (a vote's motion), by the rules `check` applies to an agenda.
    keys = checked_keys(
        cmd.kind,
        cmd.keys,
        proposal=proposal if cmd.kind == "proposal" else None,
        decision_rule=state.agenda.meeting.decision_rule,
    )
    data = {
        **keys,
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


# --- undo and redo ------------------------------------------------------------------


def _undo(state: MeetingState, cmd: C.Undo) -> list[Draft]:
    taken = state.undone
    for event in reversed(state.events):
        if event.type in UNDO_EVENTS or event.cmd in taken:
            continue
        target = event.cmd
        # Events are in command order: the target's are one slice, found by bisection (a scan
        # of every event cost ~10 ms per undo at 10,000 events).
        lo = bisect.bisect_left(state.events, target, key=_cmd_of)
        hi = bisect.bisect_right(state.events, target, lo=lo, key=_cmd_of)
        events = state.events[lo:hi]
        return [("Undone", {"target_cmd": target, "what": describe(events)})]
    raise DomainError("nothing to undo")


def _cmd_of(event: Event) -> int:
    return event.cmd


def _redo(state: MeetingState, cmd: C.Redo) -> list[Draft]:
    stack, ends_in_undo = redo_stack(state.events)
    if stack:
        target, what = stack[-1]
        return [("Redone", {"target_cmd": target, "what": what})]
    if not ends_in_undo and any(e.type == "Undone" for e in state.events):
        last = [e for e in state.events if e.cmd == state.last_cmd]
        raise DomainError(
            f"nothing to redo: {describe(last)} was recorded after the last undo, "
            "and redo only brings back what was just undone"
        )
    if ends_in_undo:
        raise DomainError("nothing to redo: everything undone has been redone")
    raise DomainError("nothing to redo (redo brings back what ctrl+z just took back)")


def describe(events: list[Event]) -> str:
    """What a command did, in a few words ("queued Ana Lima to speak"), for undo messages."""
    main = next((e for e in reversed(events) if e.type not in _QUIET), events[-1])
    fn = _DESCRIBE.get(main.type)
    return fn(main) if fn else main.type


_QUIET = {"Arrived", "TurnEnded", "StackCleared"}.union(*(p.quiet for p in PROCESSES))
"""Events that go with a command's main event and do not describe it."""

_WORDING: dict[str, Callable[[Event], str]] = {
    "MeetingStarted": lambda e: "started the meeting",
    "Arrived": lambda e: f"marked {e['name']} present",
    "Left": lambda e: f"marked {e['name']} as left",
    "Recused": lambda e: f"recused {e['name']}",
    "ParticipantAdded": lambda e: f"added {e['name']} ({e['role']}, walk-in)",
    "MeetingEnded": lambda e: "ended the meeting",
    "ItemStarted": lambda e: f"started {e['item_id']}",
    "ItemPaused": lambda e: "paused the timebox",
    "ItemResumed": lambda e: "resumed the timebox",
    "TimeboxExtended": lambda e: f"extended the timebox by {int(e['seconds']) // 60}m",
    "ItemFinished": lambda e: f"finished {e['item_id']}",
    "ItemSkipped": lambda e: f"skipped {e['item_id']}",
    "ItemDeferred": lambda e: f"deferred {e['item_id']}",
    "ItemAdded": lambda e: f"added the item {e['title']!r}",
    "ItemsReordered": lambda e: "reordered the agenda",
}
"""Event type -> undo wording, for attendance and the agenda flow."""

_DESCRIBE: dict[str, Callable[[Event], str]] = {
    **_WORDING,
    **_STACK_WORDING,
    **_LEDGER_WORDING,
    **process_wording(),
}
"""Event type -> undo wording, over every unit."""

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
    C.Undo: _undo,
    C.Redo: _redo,
}

_ON_RECORD_ONLY = {
    cmd: f"the {p.title[:1].lower()}{p.title[1:]}"
    for p in PROCESSES
    if p.on_record_only
    for cmd in p.commands
}
"""Command type -> its process's title, for the processes kept wholly on the record."""

_COMMANDS: dict[type, Callable[[MeetingState, Any], list[Draft]]] = {
    **_FLOW,
    **STACK,
    **LEDGER,
    **process_commands(),
}
"""Command type -> decider, over the core's units and every process."""
