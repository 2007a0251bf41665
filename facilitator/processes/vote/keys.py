"""The agenda keys of a vote item, light: what `check` and the agenda loader need (the
model, its rules, the kind), without the vote's decide, fold and minutes (`model.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictBool, field_validator

from facilitator.i18n import _
from facilitator.processes.keys_unit import KeyPath, ProcessKeys

NAME = "vote"
"""The key of this process in the registry and in `ItemState.process`."""
KIND = "vote"
"""The item kind it owns."""


# --- agenda keys ----------------------------------------------------------------------


class Threshold(StrEnum):
    """What share of the base carries the motion."""

    MAJORITY = "majority"
    TWO_THIRDS = "2/3"
    THREE_QUARTERS = "3/4"
    UNANIMOUS = "unanimous"


class Base(StrEnum):
    """What the threshold is measured against."""

    CAST = "cast"
    PRESENT = "present"
    MEMBERS = "members"


def _choice(value: object, enum: type[StrEnum], key: str) -> object:
    if isinstance(value, str) and value.strip() in enum._value2member_map_:
        return enum(value.strip())
    names = [f'"{m}"' for m in enum]
    options = _("{some} or {last}").format(some=", ".join(names[:-1]), last=names[-1])
    shown = f'"{value}"' if isinstance(value, str) else repr(value)
    raise ValueError(
        _("{key} must be {options}, not {shown}").format(key=key, options=options, shown=shown)
    )


class VoteKeys(BaseModel):
    """The agenda keys of a `kind = "vote"` item."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    motion: str
    """The motion put to the vote, as the chair reads it; required."""
    threshold: Threshold = Threshold.MAJORITY
    """"majority" (default), "2/3", "3/4" or "unanimous"."""
    of: Base = Base.CAST
    """What the threshold counts: "cast" (default), "present" or "members"."""
    secret: StrictBool = False
    """true: counts only, no names anywhere."""

    @field_validator("threshold", mode="before")
    @classmethod
    def _threshold(cls, v: object) -> object:
        return _choice(v, Threshold, "threshold")

    @field_validator("of", mode="before")
    @classmethod
    def _of(cls, v: object) -> object:
        return _choice(v, Base, "of")


def _item_rules(item: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    motion = item.get("motion")
    if isinstance(motion, str) and not motion.strip():
        return [(("motion",), _('the motion is empty: write what is voted on, motion = "…"'))]
    return []


KEYS = ProcessKeys(name=NAME, kinds=(KIND,), agenda_keys=VoteKeys, item_rules=_item_rules)
"""The vote's agenda keys, as the registry lists them."""
