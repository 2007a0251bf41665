"""Shared helpers for the `decide_*` modules: drafts, name lookup, required checks."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from facilitator.core import payloads as P
from facilitator.core.errors import DomainError
from facilitator.core.state import Attendee, ItemState, MeetingState
from facilitator.i18n import _

Draft = tuple[str, Mapping[str, Any]]
"""An event before the session stamps it: (type, payload), the payload built with its class
(`payloads.py`, or the process's own), so mypy checks its keys."""


def person(state: MeetingState, name: str) -> Attendee:
    """The participant called `name`, or a DomainError with a did-you-mean."""
    found = state.person(name)
    if found is not None:
        return found
    names = [p.name for p in state.people.values()]
    close = difflib.get_close_matches(name.strip(), names, n=1, cutoff=0.6)
    hint = _("; did you mean {name}?").format(name=close[0]) if close else ""
    shown = name.strip() or _("(no name)")
    raise DomainError(
        _("{name} is not on this meeting's participant list{hint}").format(name=shown, hint=hint)
    )


def canonical(state: MeetingState, name: str) -> str:
    """A participant's name as the agenda spells it, or the free text as typed (stripped)."""
    found = state.person(name)
    return found.name if found is not None else name.strip()


def text(value: str, what: str) -> str:
    """`value` stripped; DomainError if nothing is left. `what` is marked with `N_` by the
    caller and translated here, when it is said."""
    stripped = value.strip()
    if not stripped:
        raise DomainError(_("{what} cannot be empty").format(what=_(what)))
    return stripped


def current(state: MeetingState, doing: str) -> ItemState:
    """The current item, or a DomainError saying an item must be started to do `doing`
    (marked with `N_` by the caller, translated here)."""
    item = state.current_item
    if item is None:
        raise DomainError(
            _("no item is running: start one before you {doing}").format(doing=_(doing))
        )
    return item


def arrival(state: MeetingState, name: str, role: str) -> list[Draft]:
    """What follows someone's arrival (or walking in) now, over every process: a round going
    asks them too, at its end."""
    # Imported here: the processes import this module.
    from facilitator.processes import PROCESSES

    return [d for p in PROCESSES for d in (p.arrival(state, name, role) or ())]


def departure(state: MeetingState, name: str) -> list[Draft]:
    """What follows someone's leaving, or recusing from the current item, now, over every
    process: a round whose turn was theirs moves on."""
    from facilitator.processes import PROCESSES

    return [d for p in PROCESSES for d in (p.departure(state, name) or ())]


def arrive_if_absent(state: MeetingState, who: Attendee, *, join: bool = True) -> list[Draft]:
    """Someone who speaks or responds is evidently here: mark them present first (and, with
    `join`, into a round going; not when what they do is their part in it, or ends it)."""
    if who.present:
        return []
    arrived: Draft = ("Arrived", P.Arrived(name=who.name))
    return [arrived, *arrival(state, who.name, who.role)] if join else [arrived]


def may_take_part(state: MeetingState, who: Attendee, item: ItemState | None) -> None:
    """Observers and people recused from `item` cannot be queued or respond."""
    if who.role == "observer":
        raise DomainError(
            _("{name} is an observer: observers are listed but never queued").format(name=who.name)
        )
    if item is not None and who.name in item.recused:
        raise DomainError(_("{name} recused from this item").format(name=who.name))


def on_record(state: MeetingState, doing: str) -> None:
    """Refuse `doing` off the record: it belongs in the minutes (the consent process, the
    agenda, a timebox's reasons), and nothing from off the record reaches them."""
    if state.off_record:
        raise DomainError(
            _(
                "off the record: {doing} belongs in the minutes; go back on the record first (o)"
            ).format(doing=_(doing))
        )


def no_reason_off_record(state: MeetingState, reason: str, what: str) -> None:
    """Off the record, a reason typed for `what` would reach the shared minutes: refuse it
    (the act itself, without a reason, is a fact of the meeting and is kept)."""
    if state.off_record and reason.strip():
        raise DomainError(
            _(
                "off the record: {what} is minuted, so its reason would be too; "
                "leave the reason empty, or go back on the record first (o)"
            ).format(what=_(what))
        )
