"""Rows for the review tables: each archive hit as a tuple of Rich `Text` cells, never markup.

Kept apart from the screen so the column choices are plain functions, and so
a name like `[bold]` is shown as typed (a `Text` is never parsed as markup).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

from facilitator.i18n import N_, _, pgettext
from facilitator.store.archive import ActionHit, ConflictHit, DecisionHit, OutcomeHit
from facilitator.tui.review.trends import TrendRow, sparkline
from facilitator.tui.words import conflict_statuses, word

__all__ = [
    "ACTION_COLUMNS",
    "CONFLICT_COLUMNS",
    "DECISION_COLUMNS",
    "DUE_COLUMNS",
    "NARROW_DECISION_COLUMNS",
    "TALK_COLUMNS",
    "action_rows",
    "conflict_rows",
    "cut",
    "decision_row",
    "due_row",
    "outcome_label",
    "talk_row",
]

DECISION_COLUMNS = (N_("Date"), N_("Circle"), N_("Outcome"), N_("Review"), N_("Decision"))
NARROW_DECISION_COLUMNS = (N_("Date"), N_("Circle"), N_("Outcome"), N_("Decision"))
"""Below 100 columns the review date gives its room to the text (the Due tab has it)."""
DUE_COLUMNS = (N_("Review"), N_("When"), N_("Circle"), N_("Decided"), N_("Decision"))
ACTION_COLUMNS = (N_("Owner"), N_("Due"), N_("Circle"), N_("Since"), N_("Action"))
CONFLICT_COLUMNS = (
    N_("Since"),
    N_("Circle"),
    N_("Status"),
    N_("Owner"),
    N_("About"),
    N_("Next step"),
)
TALK_COLUMNS = (
    N_("Name"),
    N_("Meetings"),
    N_("Turns"),
    N_("Time"),
    N_("Share"),
    N_("Last 12 months"),
)

CELL_PADDING = 2
"""What a DataTable adds to each column's widest cell (one cell of padding either side)."""
CIRCLE_WIDTH = 14
"""Circle names are cut to this, so the text column keeps its room at 80 columns."""


def cut(text: str, width: int) -> Text:
    """One line of `text`, cut with "…" to `width` cells."""
    flat = " ".join(text.split())
    t = Text(flat, no_wrap=True, overflow="ellipsis")
    t.truncate(max(1, width), overflow="ellipsis")
    return t


def _date(d: dt.date | None) -> Text:
    return Text(d.isoformat() if d else "")


def outcome_label(outcome: str) -> Text:
    """The short label of an outcome, 11 cells at most so the decision text keeps its room
    (unknown ones as written)."""
    # Said with the outcome context (a decision's words), each literal so Babel extracts it.
    said = {
        "adopted": pgettext("outcome", "adopted"),
        "adopted-with-concerns": pgettext("outcome", "w/ concerns"),
        "not-adopted": pgettext("outcome", "not adopted"),
        "deferred": pgettext("outcome", "deferred"),
        "withdrawn": pgettext("outcome", "withdrawn"),
    }
    return Text(said.get(outcome, outcome))


def decision_row(h: DecisionHit, text_width: int, *, narrow: bool = False) -> tuple[Text, ...]:
    """Date, circle, outcome, review (left out when `narrow`), decision text."""
    head = (_date(h.date), cut(h.circle, CIRCLE_WIDTH), outcome_label(h.outcome))
    review = () if narrow else (_date(h.review),)
    return (*head, *review, cut(h.text + _positions(h), text_width))


def _positions(h: DecisionHit) -> str:
    """A method's counts after its text (" [gradients: 1: 1, 3: 2, 6: 1]"); nothing for consent
    and consensus, whose outcome already says it (and minutes from before methods)."""
    method = h.method
    if method in ("consent", "consensus") or not h.positions:
        return ""
    taken = ", ".join(f"{k}: {n}" for k, n in h.positions.items() if n)
    said = taken or _("no positions")
    return f" [{method}: {said}]"


def outcome_row(h: OutcomeHit, text_width: int, *, narrow: bool = False) -> tuple[Text, ...]:
    """A process's outcome (a vote) as a register row: its result where a decision's outcome
    stands, no review date, and the process's one line as the text."""
    result = h.data.get("result")
    head = (_date(h.date), cut(h.circle, CIRCLE_WIDTH), _result_label(result, h.process))
    review = () if narrow else (Text(""),)
    return (*head, *review, cut(h.summary, text_width))


def _result_label(result: object, process: str) -> Text:
    """A process's result where a decision's outcome stands, in the screen's language: a
    vote's "carried"/"failed", else what the process is ("selection", "dot vote"); the
    minutes' own word when it is none of those (as written). It read "dot_vote"."""
    said = {
        "carried": pgettext("vote result", "carried"),
        "failed": pgettext("vote result", "failed"),
    }
    kinds = {
        "selection": pgettext("outcome", "selection"),
        "dot_vote": pgettext("outcome", "dot vote"),
        "vote": pgettext("outcome", "vote"),
    }
    if result:
        return Text(said.get(str(result), str(result)))
    return Text(kinds.get(process, process))


def _when(review: dt.date | None, today: dt.date) -> Text:
    if review is None:
        return Text("")
    days = (review - today).days
    if days < 0:
        return Text(_("{n} d overdue").format(n=-days), style="bold")
    return Text(_("today") if days == 0 else _("in {n} d").format(n=days))


def due_row(h: DecisionHit, today: dt.date, text_width: int) -> tuple[Text, ...]:
    """Review date, how far off, circle, decided on, decision text."""
    return (
        _date(h.review),
        _when(h.review, today),
        cut(h.circle, CIRCLE_WIDTH),
        _date(h.date),
        cut(h.text, text_width),
    )


def action_rows(hits: Sequence[ActionHit], text_width: int) -> list[tuple[Text, ...]]:
    """Owner (shown once per group), due, circle, open since, what: grouped by owner."""
    rows: list[tuple[Text, ...]] = []
    last = None
    for h in hits:
        owner = h.owner or _("(no owner)")
        shown = cut(owner, 18) if owner != last else Text("")
        last = owner
        rows.append(
            (
                shown,
                _date(h.due),
                cut(h.circle, CIRCLE_WIDTH),
                _date(h.first),
                cut(h.what, text_width),
            )
        )
    return rows


def conflict_rows(
    hits: Sequence[ConflictHit], headings: Sequence[str], width: int
) -> list[tuple[Text, ...]]:
    """Open since, circle, status, owner, about, next step: the last two share what the
    first four (as wide as their widest cell or heading) leave of `width` screen cells."""
    fixed = [
        (
            _date(h.first),
            cut(h.circle, CIRCLE_WIDTH),
            Text(word(conflict_statuses(), h.status)),
            cut(h.owner, 14),
        )
        for h in hits
    ]
    used = sum(
        max([cell_len(str(heading)), *(row[k].cell_len for row in fixed)]) + CELL_PADDING
        for k, heading in enumerate(headings[:4])
    )
    # Two cells' padding, and a column for the scroll bar a long register shows.
    half = max(8, (width - used - 2 * CELL_PADDING - 1) // 2)
    return [
        (*row, cut(h.about, half), cut(h.next_step, half))
        for row, h in zip(fixed, hits, strict=True)
    ]


def _hours(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}"


def talk_row(r: TrendRow) -> tuple[Text, ...]:
    """Name, meetings, turns, time (h:mm), share, monthly sparkline."""
    return (
        cut(r.name, 22),
        Text(str(r.meetings), justify="right"),
        Text(str(r.turns), justify="right"),
        Text(_hours(r.seconds), justify="right"),
        Text(f"{r.share:.0%}", justify="right"),
        Text(sparkline(r.monthly)),
    )
