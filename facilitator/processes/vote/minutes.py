"""The counted vote in the minutes, pure: its `[[votes]]` row, its body section, its one line.

`[[votes]]` as MINUTES_FORMAT.md gives it (motion, for, against, abstain,
threshold, of, result, secret), plus `item`, `base` (what the threshold was
measured against, counted), `needed` and `present`. A secret vote's section says
so and lists no names; an open vote entered person by person lists each vote.
The store escapes every string and leaves out confidential items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.i18n import N_, _, pgettext
from facilitator.processes.unit import MinutesSection, ProcessMinutes, Row, mark
from facilitator.processes.vote.model import measured, result_line, vote_of

if TYPE_CHECKING:
    from facilitator.core.state import ItemState, MeetingState

_CHOICE = {
    "for": mark.pgettext("ballot", "for"),
    "against": mark.pgettext("ballot", "against"),
    "abstain": mark.pgettext("ballot", "abstains"),
}
"""How each ballot reads in the table of who voted what (marked, with its context)."""
_HEADING = N_("Counted vote")


def vote_minutes(state: MeetingState, item: ItemState) -> ProcessMinutes | None:
    """The vote of `item` in the minutes; None for an item that is not a vote."""
    vote = vote_of(item)
    if vote is None:
        return None
    lines = [_("Motion: {motion}").format(motion=vote.motion)]
    against = measured(vote.threshold, vote.of)
    lines.append(
        _("Threshold: {measured} · secret ballot").format(measured=against)
        if vote.secret
        else _("Threshold: {measured}").format(measured=against)
    )
    rows: list[Row] = []
    table: tuple[tuple[str, ...], ...] = ()
    if vote.result is not None:
        r = vote.result
        lines.append(_("Result: {result}").format(result=r.line(vote.threshold, vote.of)))
        if vote.secret:
            lines.append(_("A secret vote: counted as totals, no names recorded."))
        elif vote.ballots:
            kept = [(n, c) for n, c in vote.ballots.items() if n not in item.recused]
            header = (_("Voting member"), pgettext("ballot", "Vote"))
            table = (header, *((n, _ballot(c)) for n, c in kept))
        else:
            lines.append(_("Counted as totals (a show of hands)."))
        rows.append(
            {
                "item": item.title,
                "motion": vote.motion,
                "for": r.for_,
                "against": r.against,
                "abstain": r.abstain,
                "threshold": vote.threshold,
                "of": vote.of,
                "result": r.result,
                "secret": vote.secret,
                "base": r.base,
                "needed": r.needed,
                "present": r.present,
            }
        )
    elif vote.opened:
        lines.append(_("The vote was opened, but no result was recorded."))
    elif item.status != "pending":
        lines.append(_("No vote was taken."))
    section = MinutesSection(heading=_(_HEADING), lines=tuple(lines), table=table)
    return ProcessMinutes(section=section, rows={"votes": rows} if rows else {})


def _ballot(choice: str) -> str:
    found = _CHOICE.get(choice)
    return pgettext("ballot", found) if found else choice


def outcome_line(table: str, row: Row) -> str:
    """A `[[votes]]` row in one line, for `decisions`, `review` and `next`."""
    line = result_line(
        str(row["result"]),
        int(row["for"]),
        int(row["against"]),
        int(row["abstain"]),
        int(row.get("base", int(row["for"]) + int(row["against"]))),
        int(row.get("needed", 0)),
        str(row.get("threshold", "majority")),
        str(row.get("of", "cast")),
    )
    return f"{row.get('motion', '')} ({line})" if row.get("motion") else line
