"""The agenda keys of a selection item, light: what `check` and the agenda loader need (the
model, its rules, the kind), without the selection's decide, fold and minutes (`model.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from facilitator.i18n import _
from facilitator.processes.keys_unit import KeyPath, ProcessKeys

NAME = "selection"
"""The key of this process in the registry and in `ItemState.process`."""
KIND = "selection"
"""The agenda item kind whose panel this process is."""


class SelectionKeys(BaseModel):
    """The agenda keys of a `kind = "selection"` item."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    role: str
    """The role being filled ("Delegate to the regional network"); required."""
    term: str | None = None
    """How long the term is ("1 year"), optional."""
    qualifications: str | None = None
    """What the role asks of whoever holds it, optional."""


def _item_rules(item: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    out: list[tuple[KeyPath, str]] = []
    for key, what in (("role", _('the role is empty: write the role being filled, role = "…"')),):
        value = item.get(key)
        if isinstance(value, str) and not value.strip():
            out.append(((key,), what))
    for key in ("term", "qualifications"):
        value = item.get(key)
        if isinstance(value, str) and not value.strip():
            out.append(((key,), _("{key} is empty: leave it out, or write it").format(key=key)))
    return out


KEYS = ProcessKeys(name=NAME, kinds=(KIND,), agenda_keys=SelectionKeys, item_rules=_item_rules)
"""The selection's agenda keys, as the registry lists them."""
