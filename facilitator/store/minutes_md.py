"""The Markdown building blocks of the minutes' body: one escaped line, a list of names, a
table with its column count fixed, and the durations and times as the body writes them.

Every string that came from a person or an agenda goes through `inline` (`md_escape`),
so no typed text can break a table or inject markup. The words are looked up with `_`
where they are written, in the minutes' language (the renderer runs under `i18n.using`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from facilitator.i18n import _
from facilitator.store.md_escape import escape_inline

__all__ = ["clock", "inline", "minutes_text", "mmss", "names", "table", "word"]


def inline(text: str | None) -> str:
    """`text` escaped for one line of Markdown (a table cell, a paragraph)."""
    return escape_inline(text or "")


def names(people: Iterable[str]) -> str:
    """Names, escaped, comma-separated."""
    return ", ".join(inline(n) for n in people)


def word(words: dict[str, str], key: str) -> str:
    """`key`'s word from `words` (marked with `N_`) in the minutes' language; an unknown key
    as it is, in words (`-` and `_` as spaces)."""
    return _(words[key]) if key in words else key.replace("-", " ").replace("_", " ")


def minutes_text(seconds: int) -> str:
    """A duration on its own: "45 s" under a minute, else whole minutes (half up)."""
    if seconds < 60:
        return _("{n} s").format(n=seconds)
    return _("{n} min").format(n=(seconds + 30) // 60)


def mmss(seconds: int) -> str:
    """A duration as m:ss (talk time and turns)."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def clock(moment: dt.datetime) -> str:
    """A UTC time of day, HH:MM."""
    return moment.astimezone(dt.UTC).strftime("%H:%M")


def table(header: Sequence[str], align: str, rows: Iterable[Sequence[str]]) -> list[str]:
    """A GFM table: the header, the alignment row (`l` or `r` per column), the rows, each
    of the header's width."""
    marks = {"l": ":--", "r": "--:"}
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(marks[a] for a in align) + "|"]
    for row in rows:
        assert len(row) == len(header)
        out.append("| " + " | ".join(row) + " |")
    return out
