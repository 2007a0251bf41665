"""How a dot vote reads in the minutes, pure: its record, its front matter and its body lines.

What is published. A dot vote is placed in silence, and circles publish the totals, not
who put which dot where: the minutes give each option's dots and rank, the names of the
voting members whose dots were counted, the guests whose dots were advisory (with the
advisory totals apart), and who was present but placed none before the round closed.
Nobody's own allocation is written anywhere but the journal.

A confidential item's dot vote is left out of the shared minutes (the private record
keeps it); the commands are refused off the record, so nothing of a dot vote is ever
off the record.

Front matter, one `[[dot_votes]]` table per dot-vote item that was opened (MINUTES_FORMAT,
"Added keys"): `item`, `results` (the first round, ranked: `{option, dots}`, with
`advisory` when guests placed any), `dots`, `max_per_option` (when set), `voters`, and,
when held, `second_round` (the tied options, ranked the same way); `tied` lists the
options still tied at the top of the last round; `cut_short = true` when the item ended
with a round open. In a draft, a round still open writes no totals (`results = []`,
`open = true`): the silence holds on disk as on screen.

The body lines take the inline escaper (`store.md_escape.escape_inline`) as an argument,
so this module stays pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from facilitator.processes.dot_vote.model import (
    DotRound,
    Standing,
    counted_placements,
    dot_vote_of,
    ranking,
    top_tie,
)

if TYPE_CHECKING:
    from facilitator.core.state import ItemState, MeetingState

Escape = Callable[[str], str]
"""Makes one line of typed text safe in Markdown."""


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


def dot_vote_records(state: MeetingState, private: bool = False) -> list[DotVoteRecord]:
    """Every dot vote that was opened, in running order; a confidential item's only in the
    private record."""
    out: list[DotVoteRecord] = []
    for item_id in state.order:
        item = state.items[item_id]
        vote = dot_vote_of(item)
        if vote is None or not vote.rounds or (item.confidential and not private):
            continue
        out.append(
            DotVoteRecord(
                item_id=item.id,
                item=item.title,
                dots=vote.settings.dots,
                max_per_option=vote.settings.max_per_option,
                rounds=tuple(_round_record(r, item) for r in vote.rounds),
                confidential=item.confidential,
            )
        )
    return out


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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _round_lines(rnd: DotRoundRecord, escape: Escape) -> list[str]:
    def names(found: tuple[str, ...]) -> str:
        return ", ".join(escape(n) for n in found)

    if rnd.number == 1:
        head = "**Dot vote**"
    else:
        head = f"**Second round**, among the tied: {names(tuple(s.option for s in rnd.results))}"
    facts = [head]
    if not rnd.closed:
        facts.append("still open: the totals are shown once it is closed")
    elif rnd.cut_short:
        facts.append("closed when the item ended")
    facts.append(
        f"dots counted from {_plural(len(rnd.voters), 'voting member')}"
        + (f": {names(rnd.voters)}" if rnd.voters else "")
    )
    if rnd.advisory:
        facts.append(f"advisory (guests): {names(rnd.advisory)}")
    if rnd.not_in:
        facts.append(f"placed no dots: {names(rnd.not_in)}")
    out = [" · ".join(facts)]
    if not rnd.closed:
        # Silence holds in a draft too: the totals of an open round are not written.
        return out
    advisory = any(s.advisory for s in rnd.results)
    header = ["Rank", "Option", "Dots", *(["Advisory"] if advisory else [])]
    out += [
        "",
        "| " + " | ".join(header) + " |",
        "|--:|:--|--:|" + ("--:|" if advisory else ""),
    ]
    for s in rnd.results:
        cells = [str(s.rank), escape(s.option) or "(blank)", str(s.dots)]
        if advisory:
            cells.append(str(s.advisory))
        out.append("| " + " | ".join(cells) + " |")
    if rnd.tied:
        out += ["", f"Tied at the top: {names(rnd.tied)}."]
    return out


def body_lines(record: DotVoteRecord, escape: Escape) -> list[str]:
    """The dot vote's part of its item's section in the minutes' body (blocks separated by
    blank lines): each round's voters and its ranked totals."""
    limit = (
        f", at most {_plural(record.max_per_option, 'dot')} on one option"
        if record.max_per_option is not None
        else ""
    )
    out = [
        f"Each voting member had {_plural(record.dots, 'dot')}{limit}; totals only are published."
    ]
    for rnd in record.rounds:
        out += ["", *_round_lines(rnd, escape)]
    return out


__all__ = ["DotRoundRecord", "DotVoteRecord", "body_lines", "dot_vote_records", "front_matter"]
