"""The values the archive answers with: `Filters` and one NamedTuple per kind of hit.

Split from `archive.py` to keep it short. NamedTuples rather than dataclasses:
they are built faster at import, and `decisions` is the fast path.
"""

from __future__ import annotations

import datetime as dt

from facilitator.store.fast_tuple import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 12)
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "ActionHit",
    "ConflictHit",
    "DecisionHit",
    "Filters",
    "MeetingHit",
    "OutcomeHit",
    "TalkHit",
    "cited",
    "network_id",
]


class Filters(NamedTuple):
    """What to keep (see the module docstring for each meaning); None means no limit."""

    today: dt.date
    """The day `due_within` counts from."""
    grep: str | None = None
    """Full-text words."""
    circle: str | None = None
    """Part of the circle's name."""
    since: dt.date | None = None
    """First meeting date kept."""
    until: dt.date | None = None
    """Last meeting date kept."""
    outcome: str | None = None
    """Decisions: this outcome only."""
    due_within: int | None = None
    """Due for review (decisions) or due (actions) within N days, or overdue."""
    owner: str | None = None
    """Actions and conflicts: part of the owner's name."""
    status: str = "open"
    """Actions and conflicts: "open", "all", or one exact status."""


class DecisionHit(NamedTuple):
    """One decision found, with its meeting."""

    date: dt.date
    """The meeting date."""
    circle: str
    """The circle ("" when none)."""
    meeting: str
    """The meeting's title."""
    path: str
    """The minutes file, relative to the minutes folder."""
    id: str
    """The decision id."""
    item: str
    """The item it was made in."""
    text: str
    """The text as consented."""
    outcome: str
    """Its outcome."""
    rule: str
    """The method it was decided by (before methods: consent or consensus)."""
    counts: dict[str, int]
    """Counted responses by kind."""
    review: dt.date | None
    """When it comes up for review."""
    method: str = "consent"
    """The method it was decided by ("sofa-consent", "gradients"...)."""
    positions: dict[str, int] | None = None
    """Each of the method's positions and how many took it, zeros included (None in minutes
    from before methods)."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON and CSV (dates as ISO text).

        What `_plain` gives, field by field: the two dates are the only values it would
        change (no field is a tuple). Thousands of hits go through here on a common word.
        """
        row = self._asdict()
        row["date"] = self.date.isoformat()
        if self.review is not None:
            row["review"] = self.review.isoformat()
        return row


class ActionHit(NamedTuple):
    """An action, as the latest meeting that mentions it records it."""

    date: dt.date
    """The latest meeting that mentions it."""
    circle: str
    """The circle of that meeting."""
    meeting: str
    """That meeting's title."""
    path: str
    """That meeting's minutes file."""
    what: str
    """What is to be done."""
    owner: str
    """Who does it."""
    due: dt.date | None
    """By when."""
    item: str
    """The item it came from."""
    status: str
    """open, done or dropped."""
    first: dt.date
    """The first meeting that mentions it."""
    circles: tuple[str, ...] = ()
    """Every circle whose meetings speak of it, first mention first (`circle` is the latest's)."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON and CSV (dates as ISO text)."""
        return _plain(self._asdict())


class ConflictHit(NamedTuple):
    """A conflict log entry, as the latest meeting that mentions it records it."""

    date: dt.date
    """The latest meeting that mentions it."""
    circle: str
    """The circle of that meeting."""
    meeting: str
    """That meeting's title."""
    path: str
    """That meeting's minutes file."""
    about: str
    """What it is about."""
    raised_by: str
    """Who raised it."""
    parties: tuple[str, ...]
    """Who is involved."""
    status: str
    """open, in-progress or resolved."""
    next_step: str
    """What happens next."""
    owner: str
    """Who carries the next step."""
    item: str
    """The item it was raised in."""
    first: dt.date
    """The first meeting that mentions it."""
    circles: tuple[str, ...] = ()
    """Every circle whose meetings speak of it, first mention first (`circle` is the latest's)."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON and CSV (dates as ISO text)."""
        return _plain(self._asdict())


class TalkHit(NamedTuple):
    """One person's talk time in one meeting."""

    date: dt.date
    """The meeting date."""
    circle: str
    """The circle."""
    name: str
    """Who spoke."""
    turns: int
    """How many turns."""
    seconds: int
    """How long in total."""


class MeetingHit(NamedTuple):
    """One indexed meeting."""

    date: dt.date
    """The meeting date."""
    circle: str
    """The circle."""
    title: str
    """The title."""
    path: str
    """The minutes file, relative to the minutes folder."""
    status: str
    """draft or final."""


class OutcomeHit(NamedTuple):
    """One row of a process's table (a vote, a dot vote, a selection), with its meeting."""

    date: dt.date
    """The meeting date."""
    circle: str
    """The circle ("" when none)."""
    meeting: str
    """The meeting's title."""
    path: str
    """The minutes file, relative to the minutes folder."""
    process: str
    """The process that wrote it ("vote"; the table's name when no process claims it)."""
    table: str
    """Its front-matter table ("votes")."""
    item: str
    """The item it was held in."""
    summary: str
    """The process's one line about it ("carried: 41 for, 9 against, …")."""
    data: dict[str, Any]
    """The row as the front matter has it (dates as ISO text)."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON and CSV (dates as ISO text)."""
        return _plain(self._asdict())


def network_id(hit: DecisionHit) -> str:
    """The decision's id in the network-wide form `<minutes file stem>-N`.

    New minutes write ids this way, so it is `hit.id` itself. Minutes written before say
    `<date>-<circle>-N`, which two meetings of a circle on one day share; their decision
    number N and their file's stem make the unique form, so an old decision can be cited
    either way. An id that does not end in a number (hand-written) is kept as it is.
    """
    number = hit.id.rsplit("-", 1)[-1]
    stem = hit.path.rsplit("/", 1)[-1].removesuffix(".md")
    if not number.isdigit() or hit.id.startswith(stem + "-"):
        return hit.id
    return f"{stem}-{number}"


def cited(hits: list[DecisionHit], wanted: str) -> list[DecisionHit]:
    """The decisions `wanted` names: by the id their minutes give (old or new form) or by
    their network-wide form (`network_id`). An old id may name several."""
    key = wanted.strip()
    return [h for h in hits if key in (h.id, network_id(h))]


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[key] = value
    return out
