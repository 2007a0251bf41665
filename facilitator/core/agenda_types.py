"""The value types of an agenda: enums, durations in seconds, quorum rules, rule errors.

Split from `agenda.py` so the cross-field rules (`agenda_rules.py`) can use them without a cycle.
"""

from __future__ import annotations

import math
import re
import string
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer

from facilitator.core.durations import format_duration, parse_duration

Path = tuple[str | int, ...]

Seconds = Annotated[
    int,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
]
"""A duration in whole seconds; read from minutes or "1h30m", written as "1h30m"."""


class AgendaRuleError(ValueError):
    """One or more rule violations that span fields, each with the key path it concerns."""

    def __init__(self, issues: list[tuple[Path, str]]) -> None:
        self.issues = issues
        super().__init__("; ".join(msg for _, msg in issues))


class Role(StrEnum):
    """What a participant may do in the meeting."""

    MEMBER = "member"
    GUEST = "guest"
    OBSERVER = "observer"


class ItemKind(StrEnum):
    """The shape of an agenda item."""

    ROUND = "round"
    REPORT = "report"
    DISCUSSION = "discussion"
    PROPOSAL = "proposal"
    BREAK = "break"


class DecisionRule(StrEnum):
    """How a proposal is decided."""

    CONSENT = "consent"
    CONSENSUS = "consensus"


class StackOrder(StrEnum):
    """How waiting speakers are ordered."""

    PROGRESSIVE = "progressive"
    FIFO = "fifo"


_FRACTION_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_PERCENT_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


class Quorum(BaseModel):
    """A quorum rule: a count of voting members, or a share of them ("50%", "2/3")."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    count: int | None = None
    """An absolute number of voting members present."""
    numerator: int = 0
    """For a share: numerator over denominator of the voting members (50% is 50/100)."""
    denominator: int = 1
    """For a share: the denominator."""
    text: str = ""
    """The rule as written in the agenda, kept for display and round trips."""

    @classmethod
    def parse(cls, value: object) -> Quorum:
        """Read a count (`5`), a percentage (`"50%"`) or a fraction (`"2/3"`)."""
        if isinstance(value, Quorum):
            return value
        if isinstance(value, bool):
            raise ValueError('quorum is a count (5), a percentage ("50%") or a fraction ("2/3")')
        if isinstance(value, int):
            if value < 1:
                raise ValueError(f"quorum must be at least 1, got {value}")
            return cls(count=value, text=str(value))
        if isinstance(value, str):
            if value.strip().isdigit():
                return cls.parse(int(value.strip()))
            m = _PERCENT_RE.match(value)
            if m:
                pct = float(m.group(1))
                if not 0 < pct <= 100:
                    raise ValueError(f'quorum percentage must be between 0 and 100, got "{value}"')
                # Keep two decimals exactly: 66.67% is 6667/10000.
                return cls(numerator=round(pct * 100), denominator=10000, text=value.strip())
            m = _FRACTION_RE.match(value)
            if m:
                num, den = int(m.group(1)), int(m.group(2))
                if den == 0 or not 0 < num <= den:
                    raise ValueError(f'quorum fraction must be between 0 and 1, got "{value}"')
                return cls(numerator=num, denominator=den, text=value.strip())
        raise ValueError(
            f'cannot read quorum {value!r}: write a count (5), a percentage ("50%") '
            'or a fraction ("2/3")'
        )

    def required(self, voting_members: int) -> int:
        """How many voting members must be present, out of `voting_members` in total."""
        if self.count is not None:
            return self.count
        return max(1, math.ceil(voting_members * self.numerator / self.denominator))

    def toml_value(self) -> int | str:
        """The value to write back into an agenda file."""
        return self.count if self.count is not None else self.text


def _parse_quorum(value: object) -> object:
    if value is None or isinstance(value, Quorum | dict):
        return value
    return Quorum.parse(value)


QuorumField = Annotated[
    Quorum,
    BeforeValidator(_parse_quorum),
    PlainSerializer(lambda q: q.toml_value(), return_type=int | str),
]


KEY_CHARS = frozenset(string.ascii_lowercase + string.digits)
"""The characters a participant's quick-pick key may be."""
