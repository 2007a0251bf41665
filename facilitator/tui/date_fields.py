"""Date fields of the run screen's forms: an action's due date and a decision's review date.

The text is read by the pure `core.dates.parse_date`, relative to the meeting's
day (the agenda's date, else the day it started, else today), so `fri` means
the Friday after the meeting even when the minutes are typed up later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from facilitator.core.dates import EXAMPLES, describe_date, parse_date
from facilitator.core.state import MeetingState
from facilitator.i18n import _
from facilitator.tui.fields import Cleaner
from facilitator.tui.screens.preview_form import Preview


def meeting_day(state: MeetingState, today: dt.date) -> dt.date:
    """The day friendly dates count from: the day the meeting takes place (local), else `today`.

    Not the agenda's date: an agenda dated 24 November run on 1 December is minuted on
    1 December, so `fri` means the Friday after the meeting that is happening.
    """
    if state.start_at:
        try:
            when = dt.datetime.fromisoformat(state.start_at.replace("Z", "+00:00"))
        except ValueError:
            return today
        return when.astimezone().date() if when.tzinfo else when.date()
    return today


@dataclass(frozen=True)
class Due:
    """What the due field was read as: a day, or text kept as it was typed."""

    text: str
    """What goes into the action's `due`: the ISO day, or the free text."""
    day: dt.date | None
    """The day, when the text named one."""
    problem: str = ""
    """Why the text is not a day (asked about before it is kept as free text)."""


def due_cleaner(base: dt.date) -> Cleaner:
    """A due date in any friendly form; other text comes back as free text with its problem."""

    def clean(text: str) -> Due:
        try:
            day = parse_date(text, base)
        except ValueError as exc:
            return Due(text.strip(), None, str(exc))
        return Due(day.isoformat(), day)

    return clean


def due_preview(base: dt.date) -> Preview:
    """ "→ Fri 4 Dec 2026 (in 3 days)", or what will happen to text that is not a date."""

    def preview(text: str) -> str:
        if not text.strip():
            return _("→ no due date · e.g. {examples}").format(examples=EXAMPLES)
        try:
            return f"→ {describe_date(parse_date(text, base), base)}"
        except ValueError:
            return _("→ not a date: kept as free text, after you confirm")

    return preview


def review_cleaner(base: dt.date) -> Cleaner:
    """A review date in any friendly form (empty clears it: the field is optional)."""

    def clean(text: str) -> dt.date:
        return parse_date(text, base)

    return clean


def review_preview(base: dt.date) -> Preview:
    """The day a review text names, with a warning when it is before the meeting."""

    def preview(text: str) -> str:
        if not text.strip():
            return _("→ no review date (the decision is not listed as due)")
        try:
            day = parse_date(text, base)
        except ValueError as exc:
            return f"✗ {exc}"
        return f"→ {describe_date(day, base)}{before_meeting(day, base)}"

    return preview


def before_meeting(day: dt.date | None, base: dt.date) -> str:
    """A warning, when a review date is before the meeting (allowed: minutes typed up late)."""
    if day is not None and day < base:
        return " " + _("⚠ before the meeting ({day})").format(day=base.isoformat())
    return ""
