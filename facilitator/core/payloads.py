"""The payload of each of the core's events, as a `TypedDict`: the journal's on-disk contract.

Each event kind has one class of the same name (`ItemStarted` for "ItemStarted"), and
`CORE_PAYLOADS` lists them all, explicitly: `events.EVENT_TYPES` (the keys every record
must carry, which the journal checks on reading) is built from it, so the contract is
written once. A decider builds its payload with the class (`ItemStarted(item_id=...)`)
and a fold handler reads it through `events.payload(event, ItemStarted)`, so mypy --strict
catches a misspelt or missing key, or a value of the wrong type, on both sides.

Keys marked `NotRequired` are optional: older journals lack them and the fold reads them
with a default. Every payload may carry `device` (see `Payload`). Each meeting process
declares its own payloads the same way in its `model.py` (`Process.payloads`).

The values are JSON-safe (str, int, float, bool, None, lists), as the journal writes them;
nothing here changes what is on disk.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

if TYPE_CHECKING:
    from facilitator.core.agenda_types import Kind

__all__ = [
    "CORE_PAYLOADS",
    "CoreEventType",
    "Payload",
    "PayloadType",
    "required_keys",
]


class Payload(TypedDict):
    """What every payload may carry, whatever its event."""

    device: NotRequired[str]
    """The command came from a member's device through the members' view (`run --share`),
    e.g. "web:Ana Lima"; nothing folds it: it is the record of where the act came from."""


PayloadType = type[Mapping[str, Any]]
"""A payload class (a `TypedDict`), as the registries list them."""


# --- attendance -------------------------------------------------------------------------


class MeetingStarted(Payload):
    present: list[str]
    """Who was there at the start."""


class Arrived(Payload):
    name: str


class Left(Payload):
    name: str


class Recused(Payload):
    item_id: str
    name: str
    reason: str


class ParticipantAdded(Payload):
    name: str
    role: str
    """member, guest or observer."""
    org: str
    key: str
    """Their quick-pick key ("" for observers, or when none is left)."""


class MeetingEnded(Payload):
    pass


# --- the agenda's flow ------------------------------------------------------------------


class ItemStarted(Payload):
    item_id: str


class ItemPaused(Payload):
    item_id: str


class ItemResumed(Payload):
    item_id: str


class TimeboxExtended(Payload):
    item_id: str
    seconds: int
    reason: str


class ItemFinished(Payload):
    item_id: str


class ItemSkipped(Payload):
    item_id: str
    reason: str


class ItemDeferred(Payload):
    item_id: str
    reason: str


class ItemAdded(Payload):
    item_id: str
    title: str
    kind: Kind
    """One of `agenda_types.item_kinds()`."""
    seconds: int
    owner: str | None
    proposal: str | None
    """The proposal text, for a proposal item."""
    confidential: bool
    after: str | None
    """The item it goes after (the current one), or None: at the end."""


class ItemsReordered(Payload):
    order: list[str]


# --- the speaking stack -----------------------------------------------------------------


class SpeakerQueued(Payload):
    name: str
    kind: str
    """speak, process, direct or clarify."""
    to: str | None
    """For a direct response: whom it answers."""


class SpeakerWithdrawn(Payload):
    name: str
    kind: NotRequired[str]
    """The kind of the entry withdrawn (newer journals)."""


class StackCleared(Payload):
    names: list[str]


class HandRaised(Payload):
    name: str
    kind: str


class HandLowered(Payload):
    name: str


class HandAccepted(Payload):
    name: str


class FloorGiven(Payload):
    name: str
    kind: str
    reason: str
    out_of_order: NotRequired[str]
    """The facilitator's reason for giving the floor out of stack order."""


class TurnEnded(Payload):
    name: str


# --- the ledgers ------------------------------------------------------------------------


class NoteAdded(Payload):
    note_id: str
    item_id: str
    text: str


class ActionAdded(Payload):
    action_id: str
    item_id: str | None
    text: str
    owner: str
    due: str
    """By when, as typed (free text)."""


class ActionStatusSet(Payload):
    action_id: str
    status: str


class CreditLogged(Payload):
    credit_id: str
    item_id: str | None
    name: str
    text: str
    kind: str


class ConflictRaised(Payload):
    conflict_id: str
    item_id: str | None
    text: str
    raised_by: str
    parties: list[str]
    confidential: bool
    next_step: str
    owner: str


class ConflictUpdated(Payload):
    conflict_id: str
    status: str | None
    """None: unchanged (so are `next_step` and `owner`)."""
    next_step: str | None
    owner: str | None


class OffRecordSet(Payload):
    off: bool


# --- undo and redo ----------------------------------------------------------------------


class Undone(Payload):
    target_cmd: int
    what: str


class Redone(Payload):
    target_cmd: int
    what: str


CoreEventType = Literal[
    "MeetingStarted",
    "Arrived",
    "Left",
    "Recused",
    "ParticipantAdded",
    "MeetingEnded",
    "ItemStarted",
    "ItemPaused",
    "ItemResumed",
    "TimeboxExtended",
    "ItemFinished",
    "ItemSkipped",
    "ItemDeferred",
    "ItemAdded",
    "ItemsReordered",
    "SpeakerQueued",
    "SpeakerWithdrawn",
    "StackCleared",
    "HandRaised",
    "HandLowered",
    "HandAccepted",
    "FloorGiven",
    "TurnEnded",
    "NoteAdded",
    "ActionAdded",
    "ActionStatusSet",
    "CreditLogged",
    "ConflictRaised",
    "ConflictUpdated",
    "OffRecordSet",
    "Undone",
    "Redone",
]
"""The core's event types (each process adds its own)."""

CORE_PAYLOADS: dict[CoreEventType, PayloadType] = {
    "MeetingStarted": MeetingStarted,
    "Arrived": Arrived,
    "Left": Left,
    "Recused": Recused,
    "ParticipantAdded": ParticipantAdded,
    "MeetingEnded": MeetingEnded,
    "ItemStarted": ItemStarted,
    "ItemPaused": ItemPaused,
    "ItemResumed": ItemResumed,
    "TimeboxExtended": TimeboxExtended,
    "ItemFinished": ItemFinished,
    "ItemSkipped": ItemSkipped,
    "ItemDeferred": ItemDeferred,
    "ItemAdded": ItemAdded,
    "ItemsReordered": ItemsReordered,
    "SpeakerQueued": SpeakerQueued,
    "SpeakerWithdrawn": SpeakerWithdrawn,
    "StackCleared": StackCleared,
    "HandRaised": HandRaised,
    "HandLowered": HandLowered,
    "HandAccepted": HandAccepted,
    "FloorGiven": FloorGiven,
    "TurnEnded": TurnEnded,
    "NoteAdded": NoteAdded,
    "ActionAdded": ActionAdded,
    "ActionStatusSet": ActionStatusSet,
    "CreditLogged": CreditLogged,
    "ConflictRaised": ConflictRaised,
    "ConflictUpdated": ConflictUpdated,
    "OffRecordSet": OffRecordSet,
    "Undone": Undone,
    "Redone": Redone,
}
"""Event type -> its payload class, for every core event (in `CoreEventType`'s order)."""


def _optional(annotation: object) -> bool:
    # The annotations are strings here (`from __future__ import annotations`, kept by
    # TypedDict as forward references), and Python 3.11's TypedDict does not see
    # `NotRequired` in a string: read the marker ourselves.
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    if isinstance(annotation, str):
        return annotation.startswith(("NotRequired[", "typing.NotRequired["))
    return typing.get_origin(annotation) is NotRequired


def required_keys(payload: PayloadType) -> tuple[str, ...]:
    """The keys every event of this payload must carry, in the order the class declares
    them: what the journal checks on reading."""
    annotations: dict[str, object] = payload.__annotations__
    return tuple(key for key, annotation in annotations.items() if not _optional(annotation))
