"""The audit trail in words: every act of the meeting, in order, with what undo and redo did.

Pure, from the state's event list (which keeps undone events too). The run
screen's history view, its undo and redo messages and the private record all
read it. Items are named by title. What a shared screen may not say
(`shared_screen`) carries `confidential=True` and a `shared` text that names no
more than the item log does there:

- a confidential conflict, or an item added as confidential;
- anything recorded on a confidential item beyond its flow (started, paused,
  finished…, said of its neutral title): notes, responses, votes, decisions,
  actions, credits;
- an action, credit or conflict recorded off the record, and a later change to
  such an action or conflict.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import groupby

from facilitator.core.decide import describe, describe_cmd, events_of, item_names
from facilitator.core.events import Event
from facilitator.core.redo import UNDO_EVENTS
from facilitator.core.shared_screen import item_shared, record_shared
from facilitator.core.state import MeetingState
from facilitator.i18n import _

__all__ = ["HistoryRow", "UndoneAct", "act_words", "history", "undone_acts"]

_FLOW = frozenset(
    {
        "ItemStarted",
        "ItemPaused",
        "ItemResumed",
        "TimeboxExtended",
        "ItemFinished",
        "ItemSkipped",
        "ItemDeferred",
    }
)
"""Events about an item that a shared screen shows of a confidential one too, under its
neutral title: the agenda's flow."""
_OFF_RECORD_KINDS = frozenset({"ActionAdded", "CreditLogged", "ConflictRaised"})
"""The records that going off the record keeps off a shared screen."""


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
    """It is about something confidential or off the record, or names a confidential item:
    a shared screen says `shared` instead."""
    shared: str
    """`what`, or what a shared screen may say of it when `confidential`."""


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
    names, shared_names = item_names(state), item_names(state, shared=True)
    context = _Context(state)
    for cmd, group in groupby(state.events, key=_cmd_of):
        events = list(group)
        first = events[0]
        if first.type in UNDO_EVENTS:
            target = int(first["target_cmd"])
            kind = "undo" if first.type == "Undone" else "redo"
            # Said again from the target's events, in the reader's language (the journal
            # keeps the English words, the fallback).
            what = describe_cmd(state, target, str(first["what"]))
            mask = secret.get(target)
            if mask is None and _names_a_secret_item(state, events_of(state, target)):
                mask = describe_cmd(state, target, str(first["what"]), shared=True)
            rows.append(
                HistoryRow(
                    cmd=cmd,
                    at=first.at,
                    kind=kind,
                    what=what,
                    target=target,
                    undone=False,
                    confidential=mask is not None,
                    shared=mask or what,  # the view says "undo:" or "redo:" before it
                )
            )
            continue
        what = describe(events, names)
        mask = context.mask(events)
        context.see(events)
        if mask is not None:
            secret[cmd] = mask
        elif _names_a_secret_item(state, events):
            mask = describe(events, shared_names)
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


def act_words(state: MeetingState, cmd: int, recorded: str = "") -> tuple[str, str]:
    """What command `cmd` did, in the language in force, with items named by title; and
    what a shared screen may say of it (`HistoryRow.shared`). For the messages of undo and
    redo, which are drawn over whatever screen is on top.

    What was in force when it was recorded is read backwards from it, so the cost is that
    of the acts since the meeting last went on or off the record (`history` reads
    forwards; the two agree: tests/test_history_shared.py)."""
    events = events_of(state, cmd)
    if not events:
        return recorded, recorded
    what = describe(events, item_names(state))
    first = bisect.bisect_left(state.events, cmd, key=_cmd_of)
    mask = _Context.before(state, first).mask(events)
    if mask is None and _names_a_secret_item(state, events):
        mask = describe(events, item_names(state, shared=True))
    return what, mask or what


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


_IN_FORCE = frozenset({"OffRecordSet", "MeetingEnded", "ItemStarted"})
"""The events that set what `_Context` keeps."""
_NAMING = frozenset({"ItemStarted", "ItemFinished", "ItemSkipped", "ItemDeferred", "ItemAdded"})
"""Events whose words name an item (`decide._ITEM_WORDING`)."""


def _cmd_of(event: Event) -> int:
    return event.cmd


def _names_a_secret_item(state: MeetingState, events: list[Event]) -> bool:
    """Whether the words for `events` name a confidential item (said otherwise when shared)."""
    for e in events:
        if e.type in _NAMING:
            item = state.items.get(str(e["item_id"]))
            if item is not None and not item_shared(item):
                return True
    return False


class _Context:
    """What was in force when an act was recorded: off the record or not, and the item that
    ran, from the acts before it that are in effect now (the fold's view: an undone
    "off the record" left what followed on the record)."""

    def __init__(self, state: MeetingState) -> None:
        self.state = state
        self.off_record = False
        self.current: str | None = None
        self._secret_conflicts = {c.conflict_id for c in state.conflicts if not record_shared(c)}
        self._secret_actions = {a.action_id for a in state.actions if not record_shared(a)}

    @classmethod
    def before(cls, state: MeetingState, index: int) -> _Context:
        """What was in force before `state.events[index]`, read backwards from it."""
        context = cls(state)
        undone, events = state.undone, state.events
        # A meeting that never went off the record (its fold kept no off-the-record
        # stretch) needs no search for it: the scan then stops at the item's start.
        off: bool | None = None if state.off_periods else False
        current: str | None = None
        for k in range(index - 1, -1, -1):
            e = events[k]
            kind = e.type
            if kind not in _IN_FORCE or e.cmd in undone:
                continue
            if off is None and kind == "OffRecordSet":
                off = bool(e["off"])
            elif off is None and kind == "MeetingEnded":
                off = False
            elif current is None and kind == "ItemStarted":
                current = str(e["item_id"])
            if off is not None and current is not None:
                break
        context.off_record, context.current = bool(off), current
        return context

    def see(self, events: list[Event]) -> None:
        for e in events:
            self.see_one(e)

    def see_one(self, e: Event) -> None:
        if e.cmd in self.state.undone:
            return
        if e.type == "OffRecordSet":
            self.off_record = bool(e["off"])
        elif e.type == "MeetingEnded":
            self.off_record = False
        elif e.type == "ItemStarted":
            self.current = str(e["item_id"])

    def mask(self, events: list[Event]) -> str | None:
        """The shared-screen text for an act a shared screen may not name, else None."""
        for e in events:
            if e.type == "ConflictRaised" and e["confidential"]:
                return _("🔒 confidential conflict {conflict}: kept in the private record").format(
                    conflict=e["conflict_id"]
                )
            if e.type == "ConflictUpdated" and e["conflict_id"] in self._secret_conflicts:
                return _("🔒 confidential conflict {conflict}: updated").format(
                    conflict=e["conflict_id"]
                )
            if e.type == "ItemAdded" and e["confidential"]:
                return _("🔒 added a confidential item")
            if e.type == "ActionStatusSet" and e["action_id"] in self._secret_actions:
                return _("🔒 updated an action kept in the private record")
            if self.off_record and e.type in _OFF_RECORD_KINDS:
                return _("🔒 recorded off the record")
            if e.type in _FLOW or e.type == "ItemAdded":
                continue
            iid = e.data.get("item_id", self.current)
            item = self.state.items.get(iid) if isinstance(iid, str) else None
            if item is not None and not item_shared(item):
                return _("🔒 on a confidential item: kept in the private record")
        return None
