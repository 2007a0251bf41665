"""The counted vote in the minutes, pure: its `[[votes]]` row, its body section, its one line.

`[[votes]]` as MINUTES_FORMAT.md gives it (motion, for, against, abstain,
threshold, of, result, secret), plus `item`, `base` (what the threshold was
measured against, counted), `needed` and `present`. A secret vote's section says
so and lists no names; an open vote entered person by person lists each vote.
The store escapes every string and leaves out confidential items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.processes.unit import MinutesSection, ProcessMinutes, Row
from facilitator.processes.vote.model import _BASE_WORDS, result_line, vote_of

if TYPE_CHECKING:
    from facilitator.core.state import ItemState, MeetingState

_CHOICE = {"for": "for", "against": "against", "abstain": "abstains"}


def vote_minutes(state: MeetingState, item: ItemState) -> ProcessMinutes | None:
    """The vote of `item` in the minutes; None for an item that is not a vote."""
    vote = vote_of(item)
    if vote is None:
        return None
    lines = [f"Motion: {vote.motion}"]
    measured = f"{vote.threshold} of {_BASE_WORDS.get(vote.of, vote.of)}"
    lines.append(f"Threshold: {measured}" + (" · secret ballot" if vote.secret else ""))
    rows: list[Row] = []
    table: tuple[tuple[str, ...], ...] = ()
    if vote.result is not None:
        r = vote.result
        lines.append(f"Result: {r.line(vote.threshold, vote.of)}")
        if vote.secret:
            lines.append("A secret vote: counted as totals, no names recorded.")
        elif vote.ballots:
            kept = [(n, c) for n, c in vote.ballots.items() if n not in item.recused]
            table = (("Voting member", "Vote"), *((n, _CHOICE.get(c, c)) for n, c in kept))
        else:
            lines.append("Counted as totals (a show of hands).")
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
        lines.append("The vote was opened, but no result was recorded.")
    elif item.status != "pending":
        lines.append("No vote was taken.")
    section = MinutesSection(heading="Counted vote", lines=tuple(lines), table=table)
    return ProcessMinutes(section=section, rows={"votes": rows} if rows else {})


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
