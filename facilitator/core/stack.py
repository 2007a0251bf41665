"""The speaking-stack policy: who speaks next, and a one-line reason for every position.

`progressive` (the default), as AGENDA_FORMAT.md specifies:

1. points of process, in arrival order;
2. direct responses to the current speaker;
3. clarifying questions (short, and they help everyone follow);
4. everyone else: those who have not yet spoken on this item before those who
   have; within each group `priority = true` first, then fewer turns in this
   meeting, then less talk time in this meeting, then arrival order.

Steps 2 and 3 keep arrival order within them. `fifo` keeps plain arrival order
after the points of process. Turns and talk time count *finished* turns only,
so the order never shifts while someone is speaking.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.core.durations import format_clock
from facilitator.core.state import Entry, MeetingState
from facilitator.i18n import N_, _, ngettext

KINDS = {
    "speak": N_("to speak"),
    "process": N_("point of process"),
    "direct": N_("direct response"),
    "clarify": N_("clarifying question"),
}
"""Stack entry kinds and how they read (marked: `_()` them where they are shown)."""

_KIND_RANK = {"process": 0, "direct": 1, "clarify": 2, "speak": 3}


@dataclass(frozen=True)
class Placed:
    """A waiting entry in speaking order, with why it stands there."""

    entry: Entry
    """The entry."""
    reason: str
    """One line, e.g. "hasn't spoken on this item; 1 turn so far", in the language in force
    when `ordered` ran (the screen's)."""


def ordered(state: MeetingState) -> list[Placed]:
    """The waiting entries in the order the floor will be given."""
    item = state.current
    # Totals kept by the fold as turns end: no walk over every turn of the meeting.
    turns = {name: count for name, (count, _secs) in state.turn_totals.items()}
    talk = {name: seconds for name, (_turns, seconds) in state.turn_totals.items()}
    spoke_here = set(state.spoke_on.get(item, ()))
    if state.speaker is not None and state.speaker.item_id == item:
        spoke_here.add(state.speaker.name)
    fifo = str(state.agenda.stack.order) == "fifo"

    def priority(e: Entry) -> bool:
        person = state.person(e.name)
        return bool(person and person.priority)

    def key(e: Entry) -> tuple[object, ...]:
        if fifo:
            return (e.kind != "process", e.number)
        rank = _KIND_RANK.get(e.kind, 3)
        if rank < 3:
            return (rank, e.number)
        return (
            rank,
            e.name in spoke_here,
            not priority(e),
            turns.get(e.name, 0),
            talk.get(e.name, 0.0),
            e.number,
        )

    def reason(e: Entry) -> str:
        count = turns.get(e.name, 0)
        if count:
            so_far = ngettext(
                "{n} turn so far, {clock} talk", "{n} turns so far, {clock} talk", count
            ).format(n=count, clock=format_clock(talk.get(e.name, 0.0)))
        else:
            so_far = ngettext("{n} turn so far", "{n} turns so far", count).format(n=count)
        if e.kind == "process":
            return _("point of process: goes first")
        if fifo:
            return _("arrival order; {so_far}").format(so_far=so_far)
        if e.kind == "direct":
            return (
                _("direct response to {name}").format(name=e.to) if e.to else _("direct response")
            )
        if e.kind == "clarify":
            return _("clarifying question: before general discussion")
        parts = [
            _("spoke on this item") if e.name in spoke_here else _("hasn't spoken on this item")
        ]
        if priority(e):
            parts.append(_("centred (priority)"))
        parts.append(so_far)
        return "; ".join(parts)

    return [Placed(e, reason(e)) for e in sorted(state.stack, key=key)]


def next_entry(state: MeetingState) -> Entry | None:
    """The entry the floor goes to next, if anyone is waiting."""
    order = ordered(state)
    return order[0].entry if order else None
