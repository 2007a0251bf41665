"""The audit trail in words: every act of the meeting, in order, with what undo and redo did.

Pure, from the state's event list (which keeps undone events too). The run
screen's history view and the private record both read it. Rows about a
confidential conflict, or an item added as confidential, carry
`confidential=True` and a `shared` text that names no more than the item log
does on a shared screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from facilitator.core.decide import describe, describe_cmd
from facilitator.core.events import Event
from facilitator.core.redo import UNDO_EVENTS
from facilitator.core.state import MeetingState
from facilitator.i18n import _

__all__ = ["HistoryRow", "UndoneAct", "history", "undone_acts"]


@dataclass(frozen=True)
class HistoryRow:
    """One command of the meeting, as the history view lists it."""

    cmd: int
    """The command's number (1, 2, …)."""
    at: str
    """When it was recorded (UTC, ISO 8601)."""
    kind: str
    """"done" (an act), "undo" or "redo"."""
    what: str
    """What it did, in a few words ("queued Ana Lima (speak)")."""
    target: int | None
    """For undo and redo: the command they took back or brought back."""
    undone: bool
    """For an act: it is taken back now (undone, and not redone)."""
    confidential: bool
    """It is about a confidential conflict or item: mask it on a shared screen."""
    shared: str
    """`what`, or its masked form when `confidential`."""


@dataclass(frozen=True)
class UndoneAct:
    """An act that is not in effect now, for the private record."""

    at: str
    """When it was recorded (UTC, ISO 8601)."""
    undone_at: str
    """When it was (last) undone."""
    what: str
    """What it had done."""


def history(state: MeetingState) -> list[HistoryRow]:
    """Every command so far, oldest first."""
    rows: list[HistoryRow] = []
    secret: dict[int, str] = {}
    for cmd, group in groupby(state.events, key=lambda e: e.cmd):
        events = list(group)
        first = events[0]
        if first.type in UNDO_EVENTS:
            target = int(first["target_cmd"])
            kind = "undo" if first.type == "Undone" else "redo"
            # Said again from the target's events, in the reader's language (the journal
            # keeps the English words, the fallback).
            what = describe_cmd(state, target, str(first["what"]))
            mask = secret.get(target)
            rows.append(
                HistoryRow(
                    cmd=cmd,
                    at=first.at,
                    kind=kind,
                    what=what,
                    target=target,
                    undone=False,
                    confidential=mask is not None,
                    shared=(_("undo: {what}") if kind == "undo" else _("redo: {what}")).format(
                        what=mask
                    )
                    if mask
                    else what,
                )
            )
            continue
        what = describe(events)
        mask = _mask(state, events)
        if mask is not None:
            secret[cmd] = mask
        rows.append(
            HistoryRow(
                cmd=cmd,
                at=first.at,
                kind="done",
                what=what,
                target=None,
                undone=cmd in state.undone,
                confidential=mask is not None,
                shared=mask or what,
            )
        )
    return rows


def undone_acts(state: MeetingState) -> list[UndoneAct]:
    """The acts taken back and not brought back, in the order they were recorded."""
    when: dict[int, str] = {}
    for e in state.events:
        if e.type == "Undone":
            when[int(e["target_cmd"])] = e.at
    return [
        UndoneAct(row.at, when.get(row.cmd, ""), row.what)
        for row in history(state)
        if row.kind == "done" and row.undone
    ]


def _mask(state: MeetingState, events: list[Event]) -> str | None:
    """The shared-screen text for a command about something confidential, else None."""
    secret_conflicts = {c.conflict_id for c in state.conflicts if c.confidential}
    for e in events:
        if e.type == "ConflictRaised" and e["confidential"]:
            return _("🔒 confidential conflict {conflict}: kept in the private record").format(
                conflict=e["conflict_id"]
            )
        if e.type == "ConflictUpdated" and e["conflict_id"] in secret_conflicts:
            return _("🔒 confidential conflict {conflict}: updated").format(
                conflict=e["conflict_id"]
            )
        if e.type == "ItemAdded" and e["confidential"]:
            return _("🔒 added a confidential item")
    return None
