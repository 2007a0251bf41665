"""Shared helpers for the dot-vote tests: an agenda with a dot-vote item.

`dot_agenda()` is the engine tests' small agenda with a fifth item, "Priorities for
2027", a dot vote over four options with 3 dots each and at most 2 on one option.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from facilitator.core.agenda import Agenda, Item
from facilitator.processes.dot_vote import model as M
from tests.engine_support import BASE, make_agenda

HOUSING, FOOD, SCHOOL, TOOLS = "Housing fund", "Food hub", "School garden", "Tool library"
OPTIONS = (HOUSING, FOOD, SCHOOL, TOOLS)
"""The options of the dot-vote item, in the agenda's order."""
TITLE = "Priorities for 2027"
"""The dot-vote item's title."""
KEYS: dict[str, Any] = {"options": list(OPTIONS), "dots": 3, "max_per_option": 2}
"""Its dot-vote keys."""


def dot_item(**keys: Any) -> dict[str, Any]:
    """The dot-vote item as an agenda table (its keys replaced by `keys`, when given)."""
    return {"title": TITLE, "kind": "discussion", "duration": "10m", **(keys or {})}


def dot_agenda(**keys: Any) -> Agenda:
    """`BASE` with the dot-vote item fifth."""
    return make_agenda(items=[*BASE["items"], dot_item()])


@contextlib.contextmanager
def dot_items(keys: dict[str, Any] | None = None) -> Iterator[None]:
    """While the agenda cannot yet carry dot-vote keys, the item titled `TITLE` reads as a
    dot vote with `keys` (default `KEYS`)."""
    real = M.item_keys
    given = keys or KEYS

    def keyed(item: Item) -> dict[str, Any]:
        return {"kind": M.KIND, **given} if item.title == TITLE else dict(real(item))

    M.item_keys = keyed
    try:
        yield
    finally:
        M.item_keys = real
