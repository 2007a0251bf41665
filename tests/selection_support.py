"""Shared helpers for the selection tests: an agenda with a selection item, and its state."""

from __future__ import annotations

from typing import Any

from facilitator.core.agenda import Agenda
from facilitator.processes.selection.model import Selection, selection_of
from tests.engine_support import BASE, Meeting, make_agenda, on_item

ROLE = "Delegate to the regional network"
SELECTION_ITEM: dict[str, Any] = {
    "title": "Select our delegate to the regional network",
    "kind": "selection",
    "duration": "30m",
    "role": ROLE,
    "term": "1 year",
    "qualifications": "Reads the network's papers before each meeting.",
}
"""A selection item as an agenda holds it."""


def selection_agenda(**keys: Any) -> Agenda:
    """The base agenda with the selection item as item-5 (`keys` update it)."""
    return make_agenda(items=[*BASE["items"], {**SELECTION_ITEM, **keys}])


def on_selection(**keys: Any) -> Meeting:
    """A started meeting (the four members and the guest here) on the selection item."""
    return on_item("item-5", selection_agenda(**keys))


def sel_of(m: Meeting, item_id: str = "item-5") -> Selection:
    """The selection state of `item_id`."""
    found = selection_of(m.state.items[item_id])
    assert found is not None
    return found
