"""How a dot vote reads in the minutes, pure: its record, its front matter and its body lines.

What is published. A dot vote is placed in silence, and circles publish the totals, not
who put which dot where: the minutes give each option's dots and rank, the names of the
voting members whose dots were counted, the guests whose dots were advisory (with the
advisory totals apart), and who was present but placed none before the round closed.
Nobody's own allocation is written anywhere but the journal.

A confidential item's dot vote is left out of the shared minutes by the store, with the
item (the private record keeps it); the commands are refused off the record, so nothing
of a dot vote is ever off the record.

Front matter, one `[[dot_votes]]` table per dot-vote item that was opened (MINUTES_FORMAT,
"Added keys"): `item`, `results` (the first round, ranked: `{option, dots}`, with
`advisory` when guests placed any), `dots`, `max_per_option` (when set), `voters`, and,
when held, `second_round` (the tied options, ranked the same way); `tied` lists the
options still tied at the top of the last round; `cut_short = true` when the item ended
with a round open. In a draft, a round still open writes no totals (`results = []`,
`open = true`): the silence holds on disk as on screen.

The body section is plain text (`MinutesSection`): the store escapes every string and
lays it out, and leaves a confidential item's section and rows out of the shared minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from facilitator.i18n import N_, _, ngettext
from facilitator.processes.dot_vote.model import (
    TABLE,
    DotRound,
    Standing,
    counted_placements,
    dot_vote_of,
    ranking,
    top_tie,
)
from facilitator.processes.unit import MinutesSection, ProcessMinutes, Row

if TYPE_CHECKING:
    from facilitator.core.state import ItemState, MeetingState


@dataclass(frozen=True)
class DotRoundRecord:
    """One round of a dot vote, as the minutes give it."""

    number: int
    """1, or 2 for the second round among the tied."""
    results: tuple[Standing, ...]
    """The options of the round, ranked."""
    voters: tuple[str, ...]
    """Voting members whose dots were counted (a voter who placed none is among them)."""
    advisory: tuple[str, ...]
    """Guests who placed dots (advisory, never counted)."""
    not_in: tuple[str, ...]
    """Voting members present who had not placed dots when the round was closed."""
    closed: bool
    """The round was closed (False: still open in a draft)."""
    cut_short: bool
    """The item ended while the round was open."""
    tied: tuple[str, ...]
    """Options tied at the top of this round, if any."""


@dataclass(frozen=True)
class DotVoteRecord:
    """The dot vote of one item."""

    item_id: str
    """The item's id."""
    item: str
    """The item's title."""
    dots: int
    """Dots per voter."""
    max_per_option: int | None
    """At most this many on one option (None: no limit but `dots`)."""
    rounds: tuple[DotRoundRecord, ...]
    """The rounds held, first round first."""
    confidential: bool
    """From a confidential item: the private record only."""


def _round_record(rnd: DotRound, item: ItemState) -> DotRoundRecord:
    counted = counted_placements(rnd, item)
    result = tuple(ranking(rnd, item))
    return DotRoundRecord(
        number=rnd.number,
        results=result,
        voters=tuple(p.name for p in counted),
        advisory=tuple(
            p.name for p in rnd.placements.values() if not p.counted and p.name not in item.recused
        ),
        not_in=tuple(rnd.not_in),
        closed=rnd.closed,
        cut_short=rnd.cut_short,
        tied=top_tie(result),
    )


def dot_vote_record(item: ItemState) -> DotVoteRecord | None:
    """The dot vote of `item` for the minutes; None when it has none or it was never opened."""
    vote = dot_vote_of(item)
    if vote is None or not vote.rounds:
        return None
    return DotVoteRecord(
        item_id=item.id,
        item=item.title,
        dots=vote.settings.dots,
        max_per_option=vote.settings.max_per_option,
        rounds=tuple(_round_record(r, item) for r in vote.rounds),
        confidential=item.confidential,
    )


def _results(rnd: DotRoundRecord) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for s in rnd.results:
        entry: dict[str, Any] = {"option": s.option, "dots": s.dots}
        if s.advisory:
            entry["advisory"] = s.advisory
        out.append(entry)
    return out


def front_matter(record: DotVoteRecord) -> dict[str, Any]:
    """One `[[dot_votes]]` table (see the module docstring for its keys)."""
    first, last = record.rounds[0], record.rounds[-1]
    # Silence holds in a draft too: an open round's totals are not written, only that it is.
    table: dict[str, Any] = {
        "item": record.item,
        "results": _results(first) if first.closed else [],
        "dots": record.dots,
        "voters": len(first.voters),
    }
    if record.max_per_option is not None:
        table["max_per_option"] = record.max_per_option
    if len(record.rounds) > 1 and last.closed:
        table["second_round"] = _results(last)
    if not last.closed:
        table["open"] = True
    elif last.tied:
        table["tied"] = list(last.tied)
    if any(r.cut_short for r in record.rounds):
        table["cut_short"] = True
    return table


_HEADING = N_("Dot vote")


def _dots(n: int) -> str:
    return ngettext("{n} dot", "{n} dots", n).format(n=n)


def _names(found: tuple[str, ...]) -> str:
    return ", ".join(found)


def _round_line(rnd: DotRoundRecord) -> str:
    if rnd.number == 1:
        facts = [_("First round")]
    else:
        tied = _names(tuple(s.option for s in rnd.results))
        facts = [_("Second round, among the tied: {options}").format(options=tied)]
    if not rnd.closed:
        facts.append(_("still open: the totals are written once it is closed"))
    elif rnd.cut_short:
        facts.append(_("closed when the item ended"))
    n = len(rnd.voters)
    counted = ngettext(
        "dots counted from {n} voting member", "dots counted from {n} voting members", n
    ).format(n=n)
    facts.append(counted + (f": {_names(rnd.voters)}" if rnd.voters else ""))
    if rnd.advisory:
        facts.append(_("advisory (guests): {names}").format(names=_names(rnd.advisory)))
    if rnd.not_in:
        facts.append(_("placed no dots: {names}").format(names=_names(rnd.not_in)))
    if rnd.closed and rnd.number > 1:
        facts.append("; ".join(f"{s.option} {_dots(s.dots)}" for s in rnd.results))
    if rnd.closed and rnd.tied:
        facts.append(_("tied at the top: {options}").format(options=_names(rnd.tied)))
    return " · ".join(facts) + "."


def section(record: DotVoteRecord) -> MinutesSection:
    """The dot vote's part of its item in the body: the rules, each round's voters (never
    their dots), and one table of the ranked totals (a column for the second round)."""
    lines = [
        _("Each voting member had {dots}, at most {most} on one option; totals only.").format(
            dots=_dots(record.dots), most=_dots(record.max_per_option)
        )
        if record.max_per_option is not None
        else _("Each voting member had {dots}; totals only.").format(dots=_dots(record.dots))
    ]
    lines += [_round_line(r) for r in record.rounds]
    first = record.rounds[0]
    if not first.closed:
        # Silence holds in a draft too: an open round's totals are not written.
        return MinutesSection(heading=_(_HEADING), lines=tuple(lines))
    second = record.rounds[1] if len(record.rounds) > 1 and record.rounds[1].closed else None
    advisory = any(s.advisory for s in first.results)
    header = [_("Rank"), _("Option"), _("Dots")]
    header += [_("Advisory")] if advisory else []
    header += [_("Second round")] if second is not None else []
    again = {s.option: s.dots for s in second.results} if second is not None else {}
    table: list[tuple[str, ...]] = [tuple(header)]
    for s in first.results:
        row = [str(s.rank), s.option, str(s.dots)]
        row += [str(s.advisory)] if advisory else []
        row += [str(again[s.option]) if s.option in again else "–"] if second is not None else []
        table.append(tuple(row))
    return MinutesSection(heading=_(_HEADING), lines=tuple(lines), table=tuple(table))


def dot_vote_minutes(state: MeetingState, item: ItemState) -> ProcessMinutes | None:
    """The dot vote's minutes for one item (the `Process.minutes` hook)."""
    record = dot_vote_record(item)
    if record is None:
        return None
    return ProcessMinutes(section=section(record), rows={TABLE: [front_matter(record)]})


def outcome_line(table: str, row: Row) -> str:
    """One `[[dot_votes]]` row in one line, for `decisions`, `review` and `next`:
    "dot vote: Housing fund 31, Food hub 17, School garden 4; second round: …"."""

    def ranked(key: str) -> str:
        found = row.get(key)
        entries = found if isinstance(found, list) else []
        return ", ".join(
            f"{e.get('option')} {e.get('dots')}" for e in entries if isinstance(e, dict)
        )

    if row.get("open"):
        return _("dot vote: still open")
    out = _("dot vote: {results}").format(results=ranked("results") or _("no dots"))
    if row.get("second_round"):
        out += _("; second round: {results}").format(results=ranked("second_round"))
    tied = row.get("tied")
    if isinstance(tied, list) and tied:
        out += _("; tied: {options}").format(options=", ".join(str(t) for t in tied))
    return out


__all__ = [
    "DotRoundRecord",
    "DotVoteRecord",
    "dot_vote_minutes",
    "dot_vote_record",
    "front_matter",
    "outcome_line",
    "section",
]
