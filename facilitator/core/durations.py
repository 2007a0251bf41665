"""Durations as agendas write them: whole minutes (`10`) or strings with h/m/s units (`"1h30m"`).

Internally every duration is a whole number of seconds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from facilitator.i18n import _

_UNIT_RE = re.compile(r"(\d+)\s*([hms])")
_WHOLE_RE = re.compile(r"^\s*(?:\d+\s*[hms]\s*)+$")
_SECONDS = {"h": 3600, "m": 60, "s": 1}


class DurationError(ValueError):
    """A duration that cannot be read, or is zero or negative."""


def parse_duration(value: object) -> int:
    """Return seconds for an agenda duration: an int of minutes or a string like "1h30m".

    Raises DurationError with a plain message saying how to write it.
    """
    if isinstance(value, bool):
        raise DurationError(_('a duration is whole minutes (10) or a string like "90s", "1h30m"'))
    if isinstance(value, int):
        if value <= 0:
            raise DurationError(
                _("duration must be more than zero, got {value}").format(value=value)
            )
        return value * 60
    if isinstance(value, float):
        if not math.isfinite(value):
            # nan and inf come straight from TOML; round() on them would raise, not explain.
            raise DurationError(
                _('a duration is whole minutes (10) or a string like "1h30m", got {value}').format(
                    value=value
                )
            )
        raise DurationError(
            _('a duration in minutes must be whole, got {value}; write "{float_hint}"').format(
                value=value, float_hint=_float_hint(value)
            )
        )
    if isinstance(value, str):
        text = value.strip().lower()
        if text.isdigit():
            return parse_duration(int(text))
        if not _WHOLE_RE.match(text):
            raise DurationError(
                _(
                    'cannot read duration "{value}": use h, m and s, as in "10m", "90s" or "1h30m"'
                ).format(value=value)
            )
        seen: set[str] = set()
        total = 0
        for amount, unit in _UNIT_RE.findall(text):
            if unit in seen:
                raise DurationError(
                    _('duration "{value}" repeats the unit "{unit}"').format(value=value, unit=unit)
                )
            seen.add(unit)
            total += int(amount) * _SECONDS[unit]
        if total <= 0:
            raise DurationError(
                _('duration must be more than zero, got "{value}"').format(value=value)
            )
        return total
    raise DurationError(_('a duration is whole minutes (10) or a string like "90s", "1h30m"'))


def _float_hint(value: float) -> str:
    seconds = round(value * 60)
    return format_duration(seconds) if seconds > 0 else "1m"


def format_duration(seconds: int) -> str:
    """The canonical agenda spelling of `seconds`: "10m", "1h30m", "45s", "2m30s"."""
    if seconds <= 0:
        return "0s"
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    parts = []
    if h:
        parts.append(f"{h}h")
    if m:
        parts.append(f"{m}m")
    if s:
        parts.append(f"{s}s")
    return "".join(parts)


def whole_minutes(seconds: Sequence[int]) -> list[int]:
    """Each duration in whole minutes, adding up to the total rounded on its own (half up).

    Rounding each one alone does not add up (nine items of 2:30 are 27 minutes, their
    sum 23 minutes): this is the largest-remainder method. Each gets its whole minutes,
    and the minutes left to reach the rounded total go one each to the largest remainders,
    the earlier item first among equal ones. So each is within a minute of its exact value,
    and one that is already whole minutes keeps them. The durations are seconds, not
    negative.
    """
    assert all(s >= 0 for s in seconds), seconds
    out = [s // 60 for s in seconds]
    left = (sum(seconds) + 30) // 60 - sum(out)
    # Between 0 and the count of items with a remainder: each remainder is under a minute.
    by_remainder = sorted(range(len(seconds)), key=lambda n: (-(seconds[n] % 60), n))
    for n in by_remainder[:left]:
        out[n] += 1
    return out


def format_clock(seconds: float) -> str:
    """A countdown or elapsed time as people read it: "4:05", "1:02:03", "-0:30"."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    h, rem = divmod(total, 3600)
    m, s = divmod(rem, 60)
    if h:
        return f"{sign}{h}:{m:02d}:{s:02d}"
    return f"{sign}{m}:{s:02d}"
