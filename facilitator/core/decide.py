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
from typing import Any, cast

from facilitator.core import commands as C
from facilitator.core import payloads as P
from facilitator.core.agenda import ItemKind
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
    arrival,
    current,
    departure,
    no_reason_off_record,
    on_record,
    person,
    text,
)
from facilitator.core.shared_screen import shared_title
from facilitator.core.state import ItemState, MeetingState
from facilitator.i18n import N_, _, translator, using
from facilitator.processes import PROCESSES, process_commands, process_wording

_ALWAYS = (C.StartMeeting, C.Arrive, C.Leave, C.AddParticipant, C.Undo, C.Redo)
ROLES = ("member", "guest", "observer")
"""Who a participant can be."""
_ROLE = {"member": N_("member"), "guest": N_("guest"), "observer": N_("observer")}
"""A role as a word (the journal and the agenda keep the English keys)."""
_STATUS = {
    "done": N_("done"),
    "running": N_("running"),
    "paused": N_("paused"),
    "skipped": N_("skipped"),
    "deferred": N_("deferred"),
    "pending": N_("not reached"),
}
"""An item's status in a refusal ("'Budget' is done, not waiting to be taken up")."""


def decide(state: MeetingState, command: Any) -> list[Draft]:
    """The events `command` produces now; DomainError (and nothing else) if it cannot run."""
    handler = _COMMANDS.get(type(command))
    if handler is None:
        raise DomainError(_("unknown command {name}").format(name=type(command).__name__))
    if state.ended and not isinstance(command, C.Undo | C.Redo):
        raise DomainError(_("the meeting has ended (undo, ctrl+z, reopens it)"))
    if not state.started and not isinstance(command, _ALWAYS):
        raise DomainError(_("the meeting has not started yet: start it first"))
    process_title = _ON_RECORD_ONLY.get(type(command))
    if process_title is not None:
        # "the dot vote": the title in the screen's language, its first letter lowered.
        said = _(process_title)
        on_record(state, _("the {process}").format(process=said[:1].lower() + said[1:]))
    return handler(state, command)


# --- attendance ---------------------------------------------------------------------


def _start_meeting(state: MeetingState, cmd: C.StartMeeting) -> list[Draft]:
    if state.started:
        raise DomainError(_("the meeting has already started"))
    names: list[str] = []
    for name in cmd.present:
        who = person(state, name)
        if who.name not in names:
            names.append(who.name)
    names += [p.name for p in state.people.values() if p.present and p.name not in names]
    return [("MeetingStarted", P.MeetingStarted(present=names))]


def _arrive(state: MeetingState, cmd: C.Arrive) -> list[Draft]:
    who = person(state, cmd.name)
    if who.present:
        raise DomainError(_("{name} is already marked present").format(name=who.name))
    return [("Arrived", P.Arrived(name=who.name)), *arrival(state, who.name, who.role)]


def _leave(state: MeetingState, cmd: C.Leave) -> list[Draft]:
    who = person(state, cmd.name)
    if not who.present:
        raise DomainError(_("{name} is not marked present").format(name=who.name))
    # A round whose turn was theirs moves on first: that turn was no turn at speaking.
    return [*departure(state, who.name), ("Left", P.Left(name=who.name))]


def _recuse(state: MeetingState, cmd: C.Recuse) -> list[Draft]:
    item = current(state, N_("record a recusal"))
    who = person(state, cmd.name)
    if who.name in item.recused:
        raise DomainError(_("{name} has already recused from this item").format(name=who.name))
    no_reason_off_record(state, cmd.reason, N_("a recusal"))
    out: list[Draft] = departure(state, who.name)  # a round on their turn moves on first
    if not out and state.speaker is not None and state.speaker.name == who.name:
        out.append(("TurnEnded", P.TurnEnded(name=who.name)))
    out.append(("Recused", P.Recused(item_id=item.id, name=who.name, reason=cmd.reason.strip())))
    return out


def _add_participant(state: MeetingState, cmd: C.AddParticipant) -> list[Draft]:
    name = text(cmd.name, N_("the walk-in's name"))
    taken = state.person(name)
    if taken is not None:
        raise DomainError(
            _("{name} is already on this meeting's participant list").format(name=taken.name)
        )
    role = cmd.role.strip().lower() or "guest"
    if role not in ROLES:
        raise DomainError(
            _("{role!r} is not a role; use one of: {roles}").format(
                role=cmd.role, roles=", ".join(ROLES)
            )
        )
    return [
        (
            "ParticipantAdded",
            P.ParticipantAdded(
                name=name, role=role, org=cmd.org.strip(), key=_free_key(state, role)
            ),
        ),
        *arrival(state, name, role),
    ]


def _free_key(state: MeetingState, role: str) -> str:
    """A quick key nobody has: a free letter, then a digit ("" for observers, or none left)."""
    if role == "observer":
        return ""
    taken = {p.key for p in state.people.values()}
    return next((c for c in string.ascii_lowercase + string.digits if c not in taken), "")


def _end_meeting(state: MeetingState, cmd: C.EndMeeting) -> list[Draft]:
    return [*_close_current(state, "ItemFinished"), ("MeetingEnded", P.MeetingEnded())]


# --- agenda flow --------------------------------------------------------------------


def _close_current(state: MeetingState, how: P.CoreEventType, reason: str = "") -> list[Draft]:
    """End the turn, clear the stack and close the current item (if any)."""
    out: list[Draft] = []
    stopped = next((d for p in PROCESSES if (d := p.stop(state)) is not None), None)
    if stopped is not None:
        out += stopped
    elif state.speaker is not None:
        out.append(("TurnEnded", P.TurnEnded(name=state.speaker.name)))
    if state.stack:
        out.append(("StackCleared", P.StackCleared(names=[e.name for e in state.stack])))
    if state.current is not None:
        data: dict[str, Any] = {"item_id": state.current}
        if how != "ItemFinished":
            data["reason"] = reason
        out.append((how, data))
    return out


def _item_arg(state: MeetingState, item_id: str) -> ItemState:
    item = state.item(item_id)
    if item is None:
        raise DomainError(_("there is no item {item!r}").format(item=item_id))
    return item


def _start_item(state: MeetingState, cmd: C.StartItem) -> list[Draft]:
    if cmd.item_id is None:
        pending = state.pending()
        if not pending:
            raise DomainError(_("no items are left: add one, or end the meeting"))
        item = pending[0]
    else:
        item = _item_arg(state, cmd.item_id)
        if item.id == state.current:
            raise DomainError(_("{title!r} is already the current item").format(title=item.title))
    return [*_close_current(state, "ItemFinished"), ("ItemStarted", P.ItemStarted(item_id=item.id))]


def _pause(state: MeetingState, cmd: C.PauseItem) -> list[Draft]:
    item = current(state, N_("pause"))
    if item.status == "paused":
        raise DomainError(_("the timebox is already paused"))
    return [("ItemPaused", P.ItemPaused(item_id=item.id))]


def _resume(state: MeetingState, cmd: C.ResumeItem) -> list[Draft]:
    item = current(state, N_("resume"))
    if item.status != "paused":
        raise DomainError(_("the timebox is not paused"))
    return [("ItemResumed", P.ItemResumed(item_id=item.id))]


def _extend(state: MeetingState, cmd: C.ExtendTimebox) -> list[Draft]:
    item = current(state, N_("extend a timebox"))
    on_record(state, N_("a timebox extension"))
    if cmd.seconds <= 0:
        raise DomainError(_("an extension must add some time"))
    reason = text(cmd.reason, N_("the reason for the extension"))
    return [
        ("TimeboxExtended", P.TimeboxExtended(item_id=item.id, seconds=cmd.seconds, reason=reason))
    ]


def _finish(state: MeetingState, cmd: C.FinishItem) -> list[Draft]:
    current(state, N_("finish an item"))
    return _close_current(state, "ItemFinished")


def _skip_or_defer(how: P.CoreEventType) -> Callable[[MeetingState, Any], list[Draft]]:
    def handler(state: MeetingState, cmd: C.SkipItem | C.DeferItem) -> list[Draft]:
        item = (
            current(state, N_("do that")) if cmd.item_id is None else _item_arg(state, cmd.item_id)
        )
        no_reason_off_record(state, cmd.reason, N_("skipping or deferring an item"))
        if item.id == state.current:
            return _close_current(state, how, cmd.reason.strip())
        if item.status != "pending":
            raise DomainError(
                _("{title!r} is {status}, not waiting to be taken up").format(
                    title=item.title, status=_(_STATUS.get(item.status, item.status))
                )
            )
        return [(how, {"item_id": item.id, "reason": cmd.reason.strip()})]

    return handler


def _add_item(state: MeetingState, cmd: C.AddItem) -> list[Draft]:
    title = text(cmd.title, N_("the item's title"))
    on_record(state, N_("adding an item"))
    if cmd.seconds <= 0:
        raise DomainError(_("an item needs a timebox of more than zero minutes"))
    kinds = list(item_kinds())
    if cmd.kind not in kinds:
        raise DomainError(
            _("{kind!r} is not an item kind; use one of: {kinds}").format(
                kind=cmd.kind, kinds=", ".join(kinds)
            )
        )
    proposal = cmd.proposal.strip() if cmd.proposal else None
    if cmd.kind == ItemKind.PROPOSAL and not proposal:
        raise DomainError(_("a proposal item needs its proposal text"))
    # The kind's process keys (a vote's motion), by the rules `check` applies to an agenda.
    keys = checked_keys(
        cmd.kind,
        cmd.keys,
        proposal=proposal if cmd.kind == "proposal" else None,
        decision_rule=state.agenda.meeting.decision_rule,
    )
    data: P.ItemAdded = {
        "item_id": f"item-{state.next_item}",
        "title": title,
        "kind": cmd.kind,
        "seconds": cmd.seconds,
        "owner": cmd.owner.strip() if cmd.owner and cmd.owner.strip() else None,
        "proposal": proposal if cmd.kind == ItemKind.PROPOSAL else None,
        "confidential": cmd.confidential,
        "after": state.current,
    }
    # The kind's process keys ride along flat, as an agenda item holds them (core/item_keys.py);
    # each process reads its own (`from_added`), so the core's payload type does not name them.
    return [("ItemAdded", cast(P.ItemAdded, {**keys, **data}))]


def _reorder(state: MeetingState, cmd: C.ReorderItems) -> list[Draft]:
    pending = [i.id for i in state.pending()]
    if sorted(cmd.order) != sorted(pending) or len(set(cmd.order)) != len(cmd.order):
        raise DomainError(_("a new order must list every upcoming item exactly once"))
    return [("ItemsReordered", P.ItemsReordered(order=list(cmd.order)))]


# --- undo and redo ------------------------------------------------------------------


def _undo(state: MeetingState, cmd: C.Undo) -> list[Draft]:
    taken = state.undone
    for event in reversed(state.events):
        if event.type in UNDO_EVENTS or event.cmd in taken:
            continue
        target = event.cmd
        # The journal keeps it in English, like all its data: a reader says it again in
        # its own language from the target's events (`describe_cmd`).
        with using(translator(None)):
            what = describe(events_of(state, target), item_names(state))
        return [("Undone", P.Undone(target_cmd=target, what=what))]
    raise DomainError(_("nothing to undo"))


def _cmd_of(event: Event) -> int:
    return event.cmd


def events_of(state: MeetingState, cmd: int) -> list[Event]:
    """The events of command `cmd` (none when it is not in `state`)."""
    # Events are in command order: a command's are one slice, found by bisection (a scan
    # of every event cost ~10 ms per undo at 10,000 events).
    lo = bisect.bisect_left(state.events, cmd, key=_cmd_of)
    hi = bisect.bisect_right(state.events, cmd, lo=lo, key=_cmd_of)
    return state.events[lo:hi]


def describe_cmd(
    state: MeetingState, cmd: int, recorded: str = "", *, shared: bool = False
) -> str:
    """What command `cmd` did, in the language in force (`Undone` and `Redone` keep it in
    English, as `recorded`, which is the fallback when its events are not in `state`);
    `shared`: items named as a shared screen may name them (`history.act_words` also masks
    what a shared screen may not say at all)."""
    events = events_of(state, cmd)
    return describe(events, item_names(state, shared=shared)) if events else recorded


def item_names(state: MeetingState, *, shared: bool = False) -> ItemNames:
    """How `describe` names the items of `state`: by title, or, for a shared screen, a
    confidential item by its neutral title only (`shared_screen.shared_title`)."""

    def name(item_id: str) -> str | None:
        item = state.items.get(item_id)
        if item is None:
            return None
        return shared_title(item) if shared else item.title

    return name


def _redo(state: MeetingState, cmd: C.Redo) -> list[Draft]:
    stack, ends_in_undo = redo_stack(state.events)
    if stack:
        target, what = stack[-1]
        return [("Redone", P.Redone(target_cmd=target, what=what))]
    if not ends_in_undo and any(e.type == "Undone" for e in state.events):
        last = [e for e in state.events if e.cmd == state.last_cmd]
        raise DomainError(
            _(
                "nothing to redo: {what} was recorded after the last undo, "
                "and redo only brings back what was just undone"
            ).format(what=describe(last))
        )
    if ends_in_undo:
        raise DomainError(_("nothing to redo: everything undone has been redone"))
    raise DomainError(_("nothing to redo (redo brings back what ctrl+z just took back)"))


ItemNames = Callable[[str], str | None]
"""An item's id -> its title as the reader may see it (None: say the id)."""


def describe(events: list[Event], names: ItemNames | None = None) -> str:
    """What a command did, in a few words ("queued Ana Lima to speak", "started “Budget”"),
    for undo messages and the history; `names` says how items are named (by id without)."""
    # All quiet: the first says it ("marked Efua present", not the round it added her to).
    main = next((e for e in reversed(events) if e.type not in _QUIET), events[0])
    item = _ITEM_WORDING.get(main.type)
    if item is not None:
        iid = str(main["item_id"])
        title = names(iid) if names is not None else None
        if title is None and main.type == "ItemAdded":
            title = str(main["title"])
        return _(item).format(item=f"“{title}”" if title is not None else iid)
    fn = _DESCRIBE.get(main.type)
    return fn(main) if fn else main.type


_QUIET = {"Arrived", "TurnEnded", "StackCleared"}.union(*(p.quiet for p in PROCESSES))
"""Events that go with a command's main event and do not describe it."""

_WORDING: dict[str, Callable[[Event], str]] = {
    "MeetingStarted": lambda e: _("started the meeting"),
    "Arrived": lambda e: _("marked {name} present").format(name=e["name"]),
    "Left": lambda e: _("marked {name} as left").format(name=e["name"]),
    "Recused": lambda e: _("recused {name}").format(name=e["name"]),
    "ParticipantAdded": lambda e: _("added {name} ({role}, walk-in)").format(
        name=e["name"], role=_(_ROLE.get(e["role"], e["role"]))
    ),
    "MeetingEnded": lambda e: _("ended the meeting"),
    "ItemPaused": lambda e: _("paused the timebox"),
    "ItemResumed": lambda e: _("resumed the timebox"),
    "TimeboxExtended": lambda e: _("extended the timebox by {minutes}m").format(
        minutes=int(e["seconds"]) // 60
    ),
    "ItemsReordered": lambda e: _("reordered the agenda"),
}
"""Event type -> undo wording, for attendance and the agenda flow."""

_ITEM_WORDING: dict[str, str] = {
    "ItemStarted": N_("started {item}"),
    "ItemFinished": N_("finished {item}"),
    "ItemSkipped": N_("skipped {item}"),
    "ItemDeferred": N_("deferred {item}"),
    "ItemAdded": N_("added the item {item}"),
}
"""Event type -> undo wording, for the events that name an item: said with the item's title
as the reader may see it (`ItemNames`), its id when no title is known."""

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

_ON_RECORD_ONLY = {cmd: p.title for p in PROCESSES if p.on_record_only for cmd in p.commands}
"""Command type -> its process's title, for the processes kept wholly on the record."""

_COMMANDS: dict[type, Callable[[MeetingState, Any], list[Draft]]] = {
    **_FLOW,
    **STACK,
    **LEDGER,
    **process_commands(),
}
"""Command type -> decider, over the core's units and every process."""
