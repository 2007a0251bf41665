"""Deciding the ledger commands: notes, actions, credit, conflicts, off the record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from facilitator.core import commands as C
from facilitator.core import payloads as P
from facilitator.core.errors import DomainError
from facilitator.core.events import Event
from facilitator.core.rules import Draft, canonical, current, text
from facilitator.core.state import MeetingState
from facilitator.i18n import N_, _, pgettext
from facilitator.processes import PROCESSES

CREDIT_KINDS = ("idea", "work", "care")
"""What a credit is for."""
ACTION_STATUSES = ("open", "done", "dropped")
"""An action's states."""
CONFLICT_STATUSES = ("open", "in-progress", "resolved")
"""A conflict's states."""


def _action_word(status: str) -> str:
    """An action's status in words: *abierta*, not a conflict's *abierto* (pgettext)."""
    words = {
        "open": pgettext("action status", "open"),
        "done": pgettext("action status", "done"),
        "dropped": pgettext("action status", "dropped"),
    }
    return words.get(status, status)


def _note(state: MeetingState, cmd: C.AddNote) -> list[Draft]:
    if state.off_record:
        raise DomainError(_("off the record: notes are not kept (go back on the record first)"))
    item = current(state, N_("add a note"))
    note_id = f"N{sum(len(i.notes) for i in state.items.values()) + 1}"
    return [
        (
            "NoteAdded",
            P.NoteAdded(note_id=note_id, item_id=item.id, text=text(cmd.text, N_("a note"))),
        ),
    ]


def _action(state: MeetingState, cmd: C.AddAction) -> list[Draft]:
    data: P.ActionAdded = {
        "action_id": f"A{len(state.actions) + 1}",
        "item_id": state.current,
        "text": text(cmd.text, N_("an action")),
        "owner": canonical(state, text(cmd.owner, N_("an action's owner"))),
        "due": cmd.due.strip(),
    }
    return [("ActionAdded", data)]


def _action_status(state: MeetingState, cmd: C.SetActionStatus) -> list[Draft]:
    actions = [*state.actions, *state.carried]
    action = next((a for a in actions if a.action_id == cmd.action_id), None)
    if action is None:
        raise DomainError(_("there is no action {action!r}").format(action=cmd.action_id))
    if cmd.status not in ACTION_STATUSES:
        raise DomainError(
            _("an action is {statuses}; not {status!r}").format(
                statuses=", ".join(ACTION_STATUSES), status=cmd.status
            )
        )
    if action.status == cmd.status:
        raise DomainError(
            _("action {action} is already {status}").format(
                action=action.action_id, status=_action_word(cmd.status)
            )
        )
    return [("ActionStatusSet", P.ActionStatusSet(action_id=action.action_id, status=cmd.status))]


def _credit(state: MeetingState, cmd: C.LogCredit) -> list[Draft]:
    if cmd.kind not in CREDIT_KINDS:
        raise DomainError(
            _("credit is for {kinds}; not {kind!r}").format(
                kinds=", ".join(CREDIT_KINDS), kind=cmd.kind
            )
        )
    data: P.CreditLogged = {
        "credit_id": f"C{len(state.credits) + 1}",
        "item_id": state.current,
        "name": canonical(state, text(cmd.name, N_("whom the credit is for"))),
        "text": text(cmd.text, N_("what the credit is for")),
        "kind": cmd.kind,
    }
    return [("CreditLogged", data)]


def _conflict(state: MeetingState, cmd: C.RaiseConflict) -> list[Draft]:
    parties: list[str] = []
    for name in cmd.parties:
        if name.strip() and canonical(state, name) not in parties:
            parties.append(canonical(state, name))
    data: P.ConflictRaised = {
        "conflict_id": f"K{len(state.conflicts) + 1}",
        "item_id": state.current,
        "text": text(cmd.text, N_("what the conflict is about")),
        "raised_by": canonical(state, cmd.raised_by) if cmd.raised_by.strip() else "",
        "parties": parties,
        "confidential": cmd.confidential,
        "next_step": cmd.next_step.strip(),
        "owner": canonical(state, cmd.owner) if cmd.owner.strip() else "",
    }
    return [("ConflictRaised", data)]


def _conflict_update(state: MeetingState, cmd: C.UpdateConflict) -> list[Draft]:
    conflict = next((c for c in state.conflicts if c.conflict_id == cmd.conflict_id), None)
    if conflict is None:
        raise DomainError(_("there is no conflict {conflict!r}").format(conflict=cmd.conflict_id))
    _conflict_update_on_record(state, conflict.off_record)
    if cmd.status is not None and cmd.status not in CONFLICT_STATUSES:
        raise DomainError(
            _("a conflict is {statuses}; not {status!r}").format(
                statuses=", ".join(CONFLICT_STATUSES), status=cmd.status
            )
        )
    owner = canonical(state, cmd.owner) if cmd.owner is not None else None
    next_step = cmd.next_step.strip() if cmd.next_step is not None else None
    if (cmd.status, next_step, owner) == (None, None, None) or (
        cmd.status in (None, conflict.status)
        and next_step in (None, conflict.next_step)
        and owner in (None, conflict.owner)
    ):
        raise DomainError(_("nothing to change"))
    data: P.ConflictUpdated = {
        "conflict_id": conflict.conflict_id,
        "status": cmd.status,
        "next_step": next_step,
        "owner": owner,
    }
    return [("ConflictUpdated", data)]


def _off_record(state: MeetingState, cmd: C.SetOffRecord) -> list[Draft]:
    if cmd.off == state.off_record:
        raise DomainError(_("already off the record") if cmd.off else _("already on the record"))
    # A turn is wholly on or off the record: going either way ends the one in progress
    # (a round's turn moves the pointer on, as if they had finished).
    switch: Draft = ("OffRecordSet", P.OffRecordSet(off=cmd.off))
    if state.speaker is None:
        return [switch]
    for process in PROCESSES:
        handed = process.hand_on(state)
        if handed is not None:
            # The switch first, so the next person's round turn is already on the new side.
            return [switch, *handed]
    return [("TurnEnded", P.TurnEnded(name=state.speaker.name)), switch]


def _conflict_update_on_record(state: MeetingState, conflict_off: bool) -> None:
    if state.off_record and not conflict_off:
        raise DomainError(
            _(
                "off the record: a conflict kept on the record is updated on the record "
                "(go back on the record first)"
            )
        )


WORDING: dict[str, Callable[[Event], str]] = {
    "NoteAdded": lambda e: _("added a note"),
    "ActionAdded": lambda e: _("added action {action}").format(action=e["action_id"]),
    "ActionStatusSet": lambda e: _("marked action {action} {status}").format(
        action=e["action_id"], status=_action_word(e["status"])
    ),
    "CreditLogged": lambda e: _("credited {name}").format(name=e["name"]),
    "ConflictRaised": lambda e: _("recorded conflict {conflict}").format(conflict=e["conflict_id"]),
    "ConflictUpdated": lambda e: _("updated conflict {conflict}").format(conflict=e["conflict_id"]),
    "OffRecordSet": lambda e: (
        _("went off the record") if e["off"] else _("went back on the record")
    ),
}
"""Event type -> how undo and the history describe it, for the ledgers' events."""


LEDGER: dict[type, Callable[[MeetingState, Any], list[Draft]]] = {
    C.AddNote: _note,
    C.AddAction: _action,
    C.SetActionStatus: _action_status,
    C.LogCredit: _credit,
    C.RaiseConflict: _conflict,
    C.UpdateConflict: _conflict_update,
    C.SetOffRecord: _off_record,
}
"""Command type -> decider, for the ledgers."""
