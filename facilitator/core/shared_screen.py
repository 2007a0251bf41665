"""What may be shown on a screen the facilitator shares with the members: the one rule.

The facilitator opened the agenda and sees everything; the members on the call see
what is shared. While sharing (and always in the presentation view), the screen shows
what the shared minutes would show, no more:

- a confidential item by a neutral title only (`CONFIDENTIAL_TITLE`): nothing of its
  title, owner, proposal text, notes, consent responses, actions, credits, conflicts
  or decision;
- a confidential conflict, wherever it was raised, not at all;
- what was recorded off the record (actions, credits, conflicts) not at all, and while
  the meeting is off the record only that it is ("off the record").

Everything here is a pure predicate on the engine's records, so the run screen's view
model, the end summary and the presentation view ask the same question, and a member's
browser view (`public_view`) can ask it too. No Textual, no Rich, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from facilitator.core.records import ItemState, Turn
from facilitator.i18n import N_, _

__all__ = [
    "CONFIDENTIAL_TITLE",
    "HIDDEN",
    "OFF_RECORD",
    "Recorded",
    "hidden_count",
    "item_shared",
    "private_why",
    "record_shared",
    "shared_title",
    "turn_shared",
]

CONFIDENTIAL_TITLE = N_("🔒 Confidential item")
"""How a confidential item is named on a shared screen (its real title never is). The three
texts here are marked English: a screen says them with `_()`, in its own language."""
HIDDEN = N_("🔒 hidden while sharing")
"""What stands in for anything that may not be shown on a shared screen."""
OFF_RECORD = N_("off the record")
"""What is said of the meeting (and of what it recorded) while off the record."""


class Recorded(Protocol):
    """An action, credit, conflict or decision: anything with a confidential flag."""

    @property
    def confidential(self) -> bool:
        """From a confidential item, or marked confidential itself."""


def item_shared(item: ItemState) -> bool:
    """Whether an item's own words (title, owner, notes, proposal, process) may be shown."""
    return not item.confidential


def private_why(record: Recorded) -> str:
    """Why a record may not be shown on a shared screen ("" when it may), in words of the
    language in force.

    A record is private when it is confidential (a confidential item's, or a conflict
    marked confidential) or was recorded off the record (decisions never are).
    """
    if record.confidential:
        return _("confidential")
    if getattr(record, "off_record", False):
        return _(OFF_RECORD)
    return ""


def record_shared(record: Recorded) -> bool:
    """Whether an action, credit, conflict or decision may be shown on a shared screen."""
    return not private_why(record)


def turn_shared(items: dict[str, ItemState], turn: Turn) -> bool:
    """Whether a turn may count in talk time on a shared screen: not taken off the record,
    and not on a confidential item (as in the shared minutes' talk time)."""
    if turn.off_record:
        return False
    item = items.get(turn.item_id) if turn.item_id else None
    return item is None or item_shared(item)


def shared_title(item: ItemState) -> str:
    """The item's title as a shared screen may show it."""
    return item.title if item_shared(item) else _(CONFIDENTIAL_TITLE)


def hidden_count(records: Iterable[Recorded]) -> int:
    """How many of `records` a shared screen leaves out (it says how many, not which)."""
    return sum(1 for r in records if not record_shared(r))
