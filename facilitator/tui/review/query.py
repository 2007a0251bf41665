"""The search box of the decisions register: words for full text, plus `key:value` filters.

`budget circle:finance since:2025` searches for "budget" in Finance circles'
decisions from 2025 on. Pure functions, so the rules are tested without a screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from facilitator.i18n import _
from facilitator.store.archive import OUTCOMES, Filters

__all__ = ["SearchQuery", "parse_search"]

_KEYS = ("circle", "outcome", "since", "until")


@dataclass(frozen=True)
class SearchQuery:
    """What the search box asks for."""

    words: str = ""
    """Free words, searched in decision texts and item titles."""
    circle: str | None = None
    """`circle:` part of a circle name."""
    outcome: str | None = None
    """`outcome:` an outcome, or the start of one."""
    since: dt.date | None = None
    """`since:` a date, month or year."""
    until: dt.date | None = None
    """`until:` a date, month or year."""
    problems: list[str] = field(default_factory=list)
    """Parts that could not be read (shown under the box, never raised)."""

    def filters(self, today: dt.date, *, circle: str | None, outcome: str | None) -> Filters:
        """Filters for the archive; the box's own circle/outcome win over the cycled ones."""
        return Filters(
            today=today,
            grep=self.words or None,
            circle=self.circle or circle,
            outcome=self.outcome or outcome,
            since=self.since,
            until=self.until,
        )


def _period(text: str, *, end: bool) -> dt.date | None:
    try:
        if len(text) == 4 and text.isdigit():
            return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
        if len(text) == 7 and text[4] == "-":
            year, month = int(text[:4]), int(text[5:])
            if end:
                nxt = dt.date(year + month // 12, month % 12 + 1, 1)
                return nxt - dt.timedelta(days=1)
            return dt.date(year, month, 1)
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_search(text: str) -> SearchQuery:
    """Read the search box (never fails: unreadable parts are listed in `problems`)."""
    words: list[str] = []
    found: dict[str, object] = {}
    problems: list[str] = []
    for token in text.split():
        key, sep, value = token.partition(":")
        key = key.casefold()
        if not sep or key not in _KEYS:
            words.append(token)
            continue
        if not value:
            continue  # still typing
        if key == "circle":
            found["circle"] = value.replace("_", " ")
        elif key == "outcome":
            match = [o for o in OUTCOMES if o.startswith(value.casefold())]
            if match:
                found["outcome"] = match[0]
            else:
                problems.append(
                    _("no outcome {value!r}: {choices}").format(
                        value=value, choices=", ".join(OUTCOMES)
                    )
                )
        else:
            date = _period(value, end=key == "until")
            if date is None:
                problems.append(
                    _("{key}: wants a date like 2026-11-24, 2026-11 or 2026").format(key=key)
                )
            else:
                found[key] = date
    return SearchQuery(
        words=" ".join(words),
        circle=found.get("circle"),  # type: ignore[arg-type]
        outcome=found.get("outcome"),  # type: ignore[arg-type]
        since=found.get("since"),  # type: ignore[arg-type]
        until=found.get("until"),  # type: ignore[arg-type]
        problems=problems,
    )
