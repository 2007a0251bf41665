"""The value types of an agenda: enums, durations in seconds, quorum rules, rule errors.

Split from `agenda.py` so the cross-field rules (`agenda_rules.py`) can use them without a cycle.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    PlainValidator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from facilitator.core.durations import format_duration, parse_duration
from facilitator.i18n import _

Path = tuple[str | int, ...]

MAX_DURATION_SECONDS = 7 * 24 * 3600
"""The longest duration an agenda may give: a week. Longer is a typo (`duration = 9000000`),
and the clock maths of the run screen (start + duration) must never overflow."""

EARLIEST_DATE = dt.date(1900, 1, 1)
"""The earliest meeting or review date an agenda may give."""
LATEST_DATE = dt.date(2999, 12, 31)
"""The latest one: a year like 9999 is a typo, and local-time maths near year 1 or 9999 fail."""


def _at_most_a_week(seconds: int) -> int:
    if seconds > MAX_DURATION_SECONDS:
        raise ValueError(
            _(
                'duration {duration} is longer than a week; write minutes (10) or a string like "1h30m"'
            ).format(duration=format_duration(seconds))
        )
    return seconds


def check_date(value: dt.date) -> dt.date:
    """`value`, if it lies between EARLIEST_DATE and LATEST_DATE; else a plain ValueError."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(
            _(
                "date {date} is out of range: use a date between {earliest} and {latest} (check the year)"
            ).format(
                date=value.isoformat(),
                earliest=EARLIEST_DATE.isoformat(),
                latest=LATEST_DATE.isoformat(),
            )
        )
    return value


Seconds = Annotated[
    int,
    BeforeValidator(parse_duration),
    AfterValidator(_at_most_a_week),
    PlainSerializer(format_duration, return_type=str),
]
"""A duration in whole seconds; read from minutes or "1h30m", written as "1h30m"."""

AgendaDate = Annotated[dt.date, AfterValidator(check_date)]
"""A calendar date in the range the app's clock maths can handle (1900 to 2999)."""


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


def item_kinds() -> tuple[str, ...]:
    """Every kind an item may have: core's own, then those the processes' registry adds
    (`kind = "vote"` is the vote process's), each once."""
    # Imported here, not at the top: the processes' models import the core, so the
    # registry can only be read once the modules are loaded (validation time).
    from facilitator.processes import process_kinds

    out = [str(k) for k in ItemKind]
    out += [k for k in process_kinds() if k not in out]
    return tuple(out)


def _item_kind(value: object) -> str:
    """A core kind as its `ItemKind` member (so `kind is ItemKind.PROPOSAL` holds), a
    process's kind as its plain string; anything else is an `enum` error listing them all."""
    if isinstance(value, str):
        if value in ItemKind._value2member_map_:
            return ItemKind(value)
        if value in item_kinds():
            return value
    raise PydanticCustomError(
        "enum", "Input should be one of {expected}", {"expected": ", ".join(item_kinds())}
    )


Kind = Annotated[str, PlainValidator(_item_kind), PlainSerializer(str, return_type=str)]
"""An item's kind: one of `item_kinds()`."""


class DecisionRule(StrEnum):
    """How a proposal is decided."""

    CONSENT = "consent"
    CONSENSUS = "consensus"
    SOFA_CONSENT = "sofa-consent"
    S3_CONSENT = "s3-consent"
    GRADIENTS = "gradients"
    FIST_TO_FIVE = "fist-to-five"


class StackOrder(StrEnum):
    """How waiting speakers are ordered."""

    PROGRESSIVE = "progressive"
    FIFO = "fifo"


_FRACTION_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_PERCENT_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


class Quorum(BaseModel):
    """A quorum rule: a count of voting members, or a share of them ("50%", "2/3")."""

    # No `use_attribute_docstrings`: nothing reads descriptions (see agenda._Model).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    count: int | None = None
    """An absolute number of voting members present."""
    numerator: int = 0
    """For a share: numerator over denominator of the voting members (50% is 50/100)."""
    denominator: int = 1
    """For a share: the denominator."""
    text: str = ""
    """The rule as written in the agenda, kept for display and round trips."""

    @model_validator(mode="after")
    def _sane(self) -> Quorum:
        # However a Quorum is made, `required` must never divide by zero or go below 1.
        if self.count is not None:
            if self.count < 1:
                raise ValueError(
                    _("quorum must be at least 1, got {count}").format(count=self.count)
                )
        elif self.denominator < 1 or not 0 < self.numerator <= self.denominator:
            raise ValueError(_('a quorum share must be between 0 and 1, as in "50%" or "2/3"'))
        return self

    @classmethod
    def parse(cls, value: object) -> Quorum:
        """Read a count (`5`), a percentage (`"50%"`) or a fraction (`"2/3"`)."""
        if isinstance(value, Quorum):
            return value
        if isinstance(value, bool):
            raise ValueError(_('quorum is a count (5), a percentage ("50%") or a fraction ("2/3")'))
        if isinstance(value, int):
            if value < 1:
                raise ValueError(_("quorum must be at least 1, got {value}").format(value=value))
            return cls(count=value, text=str(value))
        if isinstance(value, str):
            if value.strip().isdigit():
                return cls.parse(int(value.strip()))
            m = _PERCENT_RE.match(value)
            if m:
                pct = float(m.group(1))
                if not 0 < pct <= 100:
                    raise ValueError(
                        _('quorum percentage must be between 0 and 100, got "{value}"').format(
                            value=value
                        )
                    )
                if pct < 0.01:  # would round to a share of 0/10000
                    raise ValueError(
                        _('quorum percentage must be at least 0.01%, got "{value}"').format(
                            value=value
                        )
                    )
                # Keep two decimals exactly: 66.67% is 6667/10000.
                return cls(numerator=round(pct * 100), denominator=10000, text=value.strip())
            m = _FRACTION_RE.match(value)
            if m:
                num, den = int(m.group(1)), int(m.group(2))
                if den == 0 or not 0 < num <= den:
                    raise ValueError(
                        _('quorum fraction must be between 0 and 1, got "{value}"').format(
                            value=value
                        )
                    )
                return cls(numerator=num, denominator=den, text=value.strip())
        raise ValueError(
            _(
                'cannot read quorum {value!r}: write a count (5), a percentage ("50%") or a fraction ("2/3")'
            ).format(value=value)
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
    if value is None or isinstance(value, Quorum):
        return value
    if isinstance(value, dict):
        # `{ count = -5 }`, `{}` or `{ text = "x" }` once slipped past `check` and then made
        # journals that neither resume nor export could read: only the written forms count.
        raise ValueError(
            _('quorum is a count (5), a percentage ("50%") or a fraction ("2/3"), not a table')
        )
    return Quorum.parse(value)


QuorumField = Annotated[
    Quorum,
    BeforeValidator(_parse_quorum),
    PlainSerializer(lambda q: q.toml_value(), return_type=int | str),
]


KEY_CHARS = frozenset(string.ascii_lowercase + string.digits)
"""The characters a participant's quick-pick key may be."""
