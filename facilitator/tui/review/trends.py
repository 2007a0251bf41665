"""Talk time across meetings: totals and a monthly sparkline per person or per circle. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from facilitator.i18n import _
from facilitator.store.archive import TalkHit

__all__ = ["TrendRow", "months_back", "sparkline", "talk_trends"]

BARS = " ▁▂▃▄▅▆▇█"
"""Nine levels: a blank for nothing, then eighths."""


@dataclass(frozen=True)
class TrendRow:
    """One person's (or circle's) talk time over the archive."""

    name: str
    """The person or circle."""
    meetings: int
    """Meetings in which they spoke."""
    turns: int
    """Turns in total."""
    seconds: int
    """Talk time in total."""
    share: float
    """Their part of all talk time in the group (0..1)."""
    monthly: tuple[int, ...]
    """Seconds per month, oldest first, over the last months of the archive."""


def months_back(last: dt.date, count: int) -> list[tuple[int, int]]:
    """The `count` (year, month) pairs ending with `last`'s month, oldest first."""
    y, m = last.year, last.month
    out = []
    for _month in range(count):
        out.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def sparkline(values: Sequence[int]) -> str:
    """One character per value, scaled to the largest (a blank for zero)."""
    top = max(values, default=0)
    if top <= 0:
        return " " * len(values)
    return "".join(BARS[0 if v <= 0 else max(1, round(v / top * 8))] for v in values)


class _Acc:
    __slots__ = ("meetings", "monthly", "seconds", "turns")

    def __init__(self, months: int) -> None:
        self.meetings: set[tuple[dt.date, str]] = set()
        self.turns = 0
        self.seconds = 0
        self.monthly = [0] * months


def talk_trends(hits: Iterable[TalkHit], *, by: str = "person", months: int = 12) -> list[TrendRow]:
    """Totals per person (`by="person"`) or per circle, most talk first, with monthly figures."""
    rows = list(hits)
    if not rows:
        return []
    axis = months_back(max(h.date for h in rows), months)
    slot = {ym: i for i, ym in enumerate(axis)}
    acc: dict[str, _Acc] = {}
    for h in rows:
        name = h.name if by == "person" else (h.circle or _("(no circle)"))
        entry = acc.setdefault(name, _Acc(months))
        entry.meetings.add((h.date, h.circle))
        entry.turns += h.turns
        entry.seconds += h.seconds
        i = slot.get((h.date.year, h.date.month))
        if i is not None:
            entry.monthly[i] += h.seconds
    total = sum(h.seconds for h in rows) or 1
    out = [
        TrendRow(name, len(e.meetings), e.turns, e.seconds, e.seconds / total, tuple(e.monthly))
        for name, e in acc.items()
    ]
    out.sort(key=lambda r: (-r.seconds, r.name.casefold()))
    return out
