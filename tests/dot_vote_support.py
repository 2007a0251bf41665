"""Shared helpers for the dot-vote tests: an agenda with a dot-vote item.

`dot_agenda()` is the engine tests' small agenda with a fifth item, "Priorities for
2027", a dot vote over four options with 3 dots each and at most 2 on one option.
"""

from __future__ import annotations

from typing import Any

from facilitator.core.agenda import Agenda
from tests.engine_support import BASE, make_agenda

HOUSING, FOOD, SCHOOL, TOOLS = "Housing fund", "Food hub", "School garden", "Tool library"
OPTIONS = (HOUSING, FOOD, SCHOOL, TOOLS)
"""The options of the dot-vote item, in the agenda's order."""
TITLE = "Priorities for 2027"
"""The dot-vote item's title."""
KEYS: dict[str, Any] = {"options": list(OPTIONS), "dots": 3, "max_per_option": 2}
"""Its dot-vote keys."""


def dot_item(**keys: Any) -> dict[str, Any]:
    """The dot-vote item as an agenda table (`KEYS` updated with `keys`)."""
    return {"title": TITLE, "kind": "dot-vote", "duration": "10m", **KEYS, **keys}


def dot_agenda(**keys: Any) -> Agenda:
    """`BASE` with the dot-vote item fifth (its keys updated with `keys`)."""
    return make_agenda(items=[*BASE["items"], dot_item(**keys)])
