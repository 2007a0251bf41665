"""Commands: what a facilitator asks for. `Session.do(command)` is the one way anything happens.

Each command is a small frozen record of intent. The session checks it against
the current state (`decide`), and only then do events get written. Names are
as typed on screen; they are matched to participants case-insensitively.
The commands of a meeting process (a round, the consent process) are its own,
in `facilitator/processes/<name>/model.py`, and re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Each meeting process defines its own commands in its `model.py`; they are re-exported here so
# `commands.Respond(...)` keeps working in scripts and tests, one import for every command.
from facilitator.processes.consent.model import (
    Amend,
    ConsentByException,
    ConsentStage,
    Integrate,
    RecordOutcome,
    Respond,
    SetReview,
)
from facilitator.processes.round.model import EndRound, RoundNext, RoundPass, StartRound

# --- attendance ---------------------------------------------------------------------


@dataclass(frozen=True)
class StartMeeting:
    """Open the meeting. `present` lists who is here; everyone else starts absent."""

    present: tuple[str, ...] = ()
    """Names present at the start (can be empty: mark arrivals as they come)."""


@dataclass(frozen=True)
class Arrive:
    """Someone arrived (late, or back after leaving)."""

    name: str
    """Who."""


@dataclass(frozen=True)
class Leave:
    """Someone left the meeting."""

    name: str
    """Who."""


@dataclass(frozen=True)
class Recuse:
    """Someone recuses themself from the current item (a conflict of interest)."""

    name: str
    """Who."""
    reason: str = ""
    """Why, optional."""


@dataclass(frozen=True)
class AddParticipant:
    """Someone not on the agenda joins (a walk-in): marked present, with a quick key."""

    name: str
    """Their name (must not be taken by anyone else, in any case)."""
    role: str = "guest"
    """member, guest or observer."""
    org: str = ""
    """The organization they speak for, optional."""


@dataclass(frozen=True)
class EndMeeting:
    """Close the meeting; a running item is finished first."""


# --- agenda flow --------------------------------------------------------------------


@dataclass(frozen=True)
class StartItem:
    """Start an item: the chosen one, or the next pending one. A running item is finished first."""

    item_id: str | None = None
    """Which item ("item-3"); None for the next pending item."""


@dataclass(frozen=True)
class PauseItem:
    """Stop the current item's timebox clock (e.g. a technical problem)."""


@dataclass(frozen=True)
class ResumeItem:
    """Restart the current item's timebox clock."""


@dataclass(frozen=True)
class ExtendTimebox:
    """Give the current item more time, with a reason the minutes keep."""

    seconds: int
    """How much more."""
    reason: str
    """Why (required: the circle agreed to it for a reason)."""


@dataclass(frozen=True)
class FinishItem:
    """Mark the current item done."""


@dataclass(frozen=True)
class SkipItem:
    """Drop an item from this meeting (not reached, or no longer needed)."""

    item_id: str | None = None
    """Which item; None for the current one."""
    reason: str = ""
    """Why, optional."""


@dataclass(frozen=True)
class DeferItem:
    """Carry an item to a later meeting."""

    item_id: str | None = None
    """Which item; None for the current one."""
    reason: str = ""
    """Why, optional."""


@dataclass(frozen=True)
class AddItem:
    """Add an item live; it goes after the current one unless `position` is given."""

    title: str
    """The item's title."""
    seconds: int
    """Its timebox."""
    kind: str = "discussion"
    """round, report, discussion, proposal or break."""
    owner: str | None = None
    """Presenter, optional."""
    proposal: str | None = None
    """Proposal text, required for a proposal."""
    confidential: bool = False
    """Kept out of the shared minutes."""
    keys: Mapping[str, Any] = field(default_factory=dict)
    """The kind's process keys, as an agenda writes them (`motion`, `threshold` of a vote;
    `role` of a selection; `options` of a dot vote; `method` of a proposal), held to the
    rules `facilitator check` applies (`core.item_keys`)."""


@dataclass(frozen=True)
class ReorderItems:
    """Put the upcoming (pending) items in a new order."""

    order: tuple[str, ...]
    """Every pending item id, in the new order."""


# --- speaking stack -----------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    """Put someone on the stack.

    `kind` is "speak", "process" (point of process), "direct" (a direct
    response to the current speaker) or "clarify" (a clarifying question).
    """

    name: str
    """Who."""
    kind: str = "speak"
    """The kind of entry."""


@dataclass(frozen=True)
class Withdraw:
    """Take someone's waiting entry off the stack."""

    name: str
    """Who."""


@dataclass(frozen=True)
class RaiseHand:
    """A member raises a hand on their device, to wait in the inbox for the facilitator's key
    (`member_hands = "inbox"`); `kind` as for `Queue`."""

    name: str
    """Who."""
    kind: str = "speak"
    """The kind of entry asked for."""


@dataclass(frozen=True)
class LowerHand:
    """Take a hand out of the members' inbox (withdrawn on the device, or its claim released)."""

    name: str
    """Whose."""


@dataclass(frozen=True)
class AcceptHand:
    """The facilitator's key: the oldest hand in the members' inbox joins the stack."""


@dataclass(frozen=True)
class GiveFloor:
    """Give the floor: to the first in stack order, or to a chosen person."""

    name: str | None = None
    """Who; None for the first waiting entry."""


@dataclass(frozen=True)
class GiveFloorOutOfOrder:
    """Give the floor to a chosen person ahead of the stack order, for a reason the minutes keep."""

    name: str
    """Who."""
    reason: str
    """Why (required)."""


@dataclass(frozen=True)
class EndTurn:
    """The current speaker is done."""


# --- ledgers ------------------------------------------------------------------------


@dataclass(frozen=True)
class AddNote:
    """A note on the current item (refused while off the record)."""

    text: str
    """The note."""


@dataclass(frozen=True)
class AddAction:
    """An action item."""

    text: str
    """What is to be done."""
    owner: str
    """Who does it: a participant or a group."""
    due: str = ""
    """By when (free text, e.g. an ISO date)."""


@dataclass(frozen=True)
class SetActionStatus:
    """Mark an action open, done or dropped."""

    action_id: str
    """Which action ("A1")."""
    status: str
    """open, done or dropped."""


@dataclass(frozen=True)
class LogCredit:
    """Credit someone's contribution."""

    name: str
    """To whom."""
    text: str
    """For what."""
    kind: str = "work"
    """idea, work or care."""


@dataclass(frozen=True)
class RaiseConflict:
    """Record a conflict: about what, who raised it, who is involved."""

    text: str
    """What it is about."""
    parties: tuple[str, ...] = ()
    """Who is involved."""
    raised_by: str = ""
    """Who raised it."""
    confidential: bool = False
    """Kept out of the shared minutes."""
    next_step: str = ""
    """What happens next."""
    owner: str = ""
    """Who carries the next step."""


@dataclass(frozen=True)
class UpdateConflict:
    """Change a conflict's status, next step or owner."""

    conflict_id: str
    """Which conflict ("K1")."""
    status: str | None = None
    """open, in-progress or resolved; None keeps it."""
    next_step: str | None = None
    """New next step; None keeps it."""
    owner: str | None = None
    """New owner; None keeps it."""


@dataclass(frozen=True)
class SetOffRecord:
    """Go off the record or back on it.

    Off the record, nothing reaches the shared minutes but the fact and its length:
    notes are refused, so is anything of the consent process, and turns, actions,
    credits and conflicts go to the private record only.
    """

    off: bool
    """True: off the record."""


@dataclass(frozen=True)
class Undo:
    """Take back the latest command that is still in effect."""


@dataclass(frozen=True)
class Redo:
    """Bring back what the latest undo took back, when nothing was recorded since."""


Command = (
    StartMeeting
    | Arrive
    | Leave
    | Recuse
    | AddParticipant
    | EndMeeting
    | StartItem
    | PauseItem
    | ResumeItem
    | ExtendTimebox
    | FinishItem
    | SkipItem
    | DeferItem
    | AddItem
    | ReorderItems
    | Queue
    | Withdraw
    | GiveFloor
    | GiveFloorOutOfOrder
    | EndTurn
    | StartRound
    | RoundNext
    | RoundPass
    | EndRound
    | ConsentStage
    | Respond
    | ConsentByException
    | Integrate
    | Amend
    | RecordOutcome
    | SetReview
    | AddNote
    | AddAction
    | SetActionStatus
    | LogCredit
    | RaiseConflict
    | UpdateConflict
    | SetOffRecord
    | Undo
    | Redo
)
"""Every command the session accepts."""


__all__ = [
    "AcceptHand",
    "AddAction",
    "AddItem",
    "AddNote",
    "AddParticipant",
    "Amend",
    "Arrive",
    "ConsentByException",
    "ConsentStage",
    "DeferItem",
    "EndMeeting",
    "EndRound",
    "EndTurn",
    "ExtendTimebox",
    "FinishItem",
    "GiveFloor",
    "GiveFloorOutOfOrder",
    "Integrate",
    "Leave",
    "LogCredit",
    "LowerHand",
    "PauseItem",
    "Queue",
    "RaiseConflict",
    "RaiseHand",
    "RecordOutcome",
    "Recuse",
    "Redo",
    "ReorderItems",
    "Respond",
    "ResumeItem",
    "RoundNext",
    "RoundPass",
    "SetActionStatus",
    "SetOffRecord",
    "SetReview",
    "SkipItem",
    "StartItem",
    "StartMeeting",
    "StartRound",
    "Undo",
    "UpdateConflict",
    "Withdraw",
]
