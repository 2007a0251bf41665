"""Undo and redo over the event list: which commands are taken back, and what redo would bring back.

Undo writes `Undone(target_cmd)`; redo writes `Redone(target_cmd)` for the command
the latest undo took back. Read in order, the two give the set of commands not in
effect (`undone_set`): the fold, the journal's "was it ended?" and every other
reader use this one rule, so replay equals live.

Redo is only for the undos at the very end of the journal: once anything else
was recorded after an undo, bringing the undone act back would put it after
something that happened later, so `redo_stack` is empty then.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from facilitator.core.events import Event

UNDO_EVENTS = frozenset({"Undone", "Redone"})
"""Events that take a command back or bring it back; they are never folded themselves."""


def undone_set(pairs: Iterable[tuple[Any, Any]]) -> set[int]:
    """The commands not in effect, from (event type, target_cmd) pairs in journal order."""
    out: set[int] = set()
    for kind, target in pairs:
        if not isinstance(target, int) or isinstance(target, bool):
            continue  # a hand-edited record: it targets nothing
        if kind == "Undone":
            out.add(target)
        elif kind == "Redone":
            out.discard(target)
    return out


def redo_stack(events: Sequence[Event]) -> tuple[list[tuple[int, str]], bool]:
    """What redo could bring back, latest last, as (command, what); and whether the
    journal ends in undos at all (False: something was recorded after the last one)."""
    start = len(events)
    while start > 0 and events[start - 1].type in UNDO_EVENTS:
        start -= 1
    stack: list[tuple[int, str]] = []
    for e in events[start:]:
        if e.type == "Undone":
            stack.append((int(e["target_cmd"]), str(e["what"])))
        elif stack:  # a Redone always brings back the latest undone command
            stack.pop()
    return stack, start < len(events)
