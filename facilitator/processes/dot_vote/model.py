"""The dot vote, pure: its agenda keys, state, commands, decide and fold handlers, and results.

A `kind = "dot-vote"` item lists `options` (at least 2, distinct). Each voting member
present places up to `dots` dots on them (default: one per 4 options, at least 1), at
most `max_per_option` on any one option (default: no limit but `dots`). The steps:

1. open the vote (`OpenDotVote`);
2. each voter's dots are placed (`PlaceDots`), typed in by the facilitator person by
   person or sent from the member's own device; a mistake is corrected (`CorrectDots`)
   while the round is open;
3. the facilitator closes the round (`CloseDotVote`); the result ranks the options;
4. when the top is tied, one second round among the tied options may be held
   (`SecondDotRound`), run the same way, with the same dots; a tie that stands after it
   is for the circle to settle in discussion.

Silence: while a round is open and some voting member present has not placed their
dots, nobody sees the totals (`hidden`); the shared screen and the members' devices
show only who is in. Guests' dots are recorded as advisory and never counted;
observers and people recused from the item place none. A recusal after placing takes
those dots out of the count, as with consent. Undo is the journal's; a refused command
writes nothing.

Its state on a dot-vote item is `DotVote`, at `item.process["dot_vote"]`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from facilitator.core.errors import DomainError
from facilitator.core.events import payload
from facilitator.core.payloads import Payload
from facilitator.core.rules import (
    Draft,
    arrive_if_absent,
    current,
    may_take_part,
    on_record,
    person,
)
from facilitator.i18n import N_, _, ngettext
from facilitator.processes.dot_vote.keys import (
    KEYS as KEYS,
)
from facilitator.processes.dot_vote.keys import (
    KIND as KIND,
)
from facilitator.processes.dot_vote.keys import (
    NAME as NAME,
)
from facilitator.processes.dot_vote.keys import (
    DotVoteKeys as DotVoteKeys,
)
from facilitator.processes.dot_vote.keys import (
    _is_int as _is_int,
)
from facilitator.processes.dot_vote.keys import (
    agenda_issues as agenda_issues,
)
from facilitator.processes.dot_vote.keys import (
    default_dots as default_dots,
)
from facilitator.processes.unit import Process, ProcessMinutes, Row

if TYPE_CHECKING:
    from facilitator.core.agenda import Item
    from facilitator.core.events import Event
    from facilitator.core.state import ItemState, MeetingState

TABLE = "dot_votes"
"""The front-matter table of its rows (`[[dot_votes]]`)."""


@dataclass(frozen=True)
class Settings:
    """A dot vote's rules, from its agenda keys."""

    options: tuple[str, ...]
    """The options, as the agenda spells them, in its order."""
    dots: int
    """Dots per voter."""
    max_per_option: int | None = None
    """At most this many of a voter's dots on one option (None: up to all of them)."""


def settings_from(data: Mapping[str, Any]) -> Settings | None:
    """The rules of a dot-vote item from its keys (None for any other item). The keys were
    checked at loading (`agenda_issues`)."""
    if str(data.get("kind", "")) != KIND or not data.get("options"):
        return None
    options = tuple(str(o).strip() for o in data["options"])
    dots = data.get("dots")
    most = data.get("max_per_option")
    return Settings(
        options=options,
        dots=int(dots) if dots is not None else default_dots(len(options)),
        max_per_option=int(most) if most is not None else None,
    )


# --- state --------------------------------------------------------------------------


@dataclass
class Placement:
    """One voter's dots in one round."""

    name: str
    """Who."""
    dots: dict[str, int]
    """Option -> how many of their dots are on it (options with none left out)."""
    counted: bool
    """False for guests: their dots are advisory."""
    corrected: bool = False
    """Changed after they were first placed."""

    @property
    def total(self) -> int:
        """How many dots they placed."""
        return sum(self.dots.values())


@dataclass
class DotRound:
    """One round of the dot vote."""

    number: int
    """1 for the first round, 2 for the second round among the tied."""
    options: list[str]
    """The options on which dots may be placed in this round."""
    placements: dict[str, Placement] = field(default_factory=dict)
    """Voter name -> their dots, in the order they were first placed."""
    closed: bool = False
    """The facilitator closed it (or the item ended while it was open)."""
    cut_short: bool = False
    """Closed because the item was finished, skipped or deferred while it was open."""
    not_in: list[str] = field(default_factory=list)
    """Voting members present who had not placed their dots when the facilitator closed it."""


@dataclass
class DotVote:
    """The dot vote of one item."""

    settings: Settings
    """Its options and dots."""
    rounds: list[DotRound] = field(default_factory=list)
    """Rounds held, oldest first; the last is the current or latest one."""

    @property
    def round(self) -> DotRound | None:
        """The current or latest round."""
        return self.rounds[-1] if self.rounds else None

    @property
    def stage(self) -> str:
        """ready (not opened), open, or closed."""
        rnd = self.round
        return "ready" if rnd is None else ("closed" if rnd.closed else "open")


def dot_vote_of(item: ItemState | None) -> DotVote | None:
    """The dot vote of `item`, if it is a dot-vote item."""
    found = item.process.get(NAME) if item is not None else None
    return found if isinstance(found, DotVote) else None


# --- results ------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """One option's place in a round's result."""

    option: str
    """The option."""
    dots: int
    """Dots of voting members on it."""
    advisory: int
    """Guests' dots on it (never counted)."""
    rank: int
    """1 for the most dots; options with as many dots share a rank (1, 1, 3)."""


def counted_placements(rnd: DotRound, item: ItemState) -> list[Placement]:
    """The placements that count: voting members' who did not recuse from the item since."""
    return [p for p in rnd.placements.values() if p.counted and p.name not in item.recused]


def ranking(rnd: DotRound, item: ItemState) -> list[Standing]:
    """The round's options, most dots first; equal totals keep the agenda's order."""
    dots = dict.fromkeys(rnd.options, 0)
    advisory = dict.fromkeys(rnd.options, 0)
    for p in rnd.placements.values():
        if p.name in item.recused:
            continue
        into = dots if p.counted else advisory
        for option, n in p.dots.items():
            into[option] = into.get(option, 0) + n
    order = sorted(rnd.options, key=lambda o: -dots[o])
    out: list[Standing] = []
    for i, option in enumerate(order):
        rank = out[-1].rank if out and out[-1].dots == dots[option] else i + 1
        out.append(Standing(option, dots[option], advisory[option], rank))
    return out


def top_tie(result: Sequence[Standing]) -> tuple[str, ...]:
    """The options tied at the top (two or more sharing rank 1 with at least one dot)."""
    top = tuple(s.option for s in result if s.rank == 1 and s.dots > 0)
    return top if len(top) > 1 else ()


def voters(state: MeetingState, item: ItemState) -> list[str]:
    """Who places dots that count, in circle order: voting members present, not recused."""
    return [
        p.name
        for p in state.people.values()
        if p.role == "member" and p.present and p.name not in item.recused
    ]


def waiting_for(state: MeetingState, item: ItemState, rnd: DotRound) -> list[str]:
    """Voting members present who have not placed their dots in `rnd`, in circle order."""
    return [n for n in voters(state, item) if n not in rnd.placements]


def hidden(state: MeetingState, item: ItemState, rnd: DotRound | None) -> bool:
    """Whether the totals of `rnd` are still secret: it is open and a voting member present
    has not placed their dots. A closed round, or one everyone is in, shows its totals."""
    if rnd is None or rnd.closed:
        return False
    return bool(waiting_for(state, item, rnd)) or not counted_placements(rnd, item)


def budget_of(settings: Settings, rnd: DotRound) -> tuple[int, int | None]:
    """(dots per voter, most on one option) in `rnd` (the same in every round)."""
    return settings.dots, settings.max_per_option


# --- commands -----------------------------------------------------------------------


@dataclass(frozen=True)
class OpenDotVote:
    """Open the dot vote of the current item: voters may place their dots."""


@dataclass(frozen=True)
class PlaceDots:
    """Place one voter's dots: option -> how many (options left out get none)."""

    name: str
    """The voter."""
    dots: Mapping[str, int]
    """Option (as listed, any case) -> dots on it."""


@dataclass(frozen=True)
class CorrectDots:
    """Replace the dots a voter placed in the open round (a typing mistake, a change of mind
    before the round is closed)."""

    name: str
    """The voter."""
    dots: Mapping[str, int]
    """Their dots, in full, as in `PlaceDots`."""


@dataclass(frozen=True)
class CloseDotVote:
    """Close the open round: the totals are shown and the options ranked. Voters who have
    not placed their dots by then are recorded as not voting."""


@dataclass(frozen=True)
class SecondDotRound:
    """Hold another round among the options tied at the top of the last one."""


# --- decide -------------------------------------------------------------------------


def _vote(state: MeetingState, doing: str) -> tuple[ItemState, DotVote]:
    item = current(state, doing)
    vote = dot_vote_of(item)
    if vote is None:
        raise DomainError(_("{title} is not a dot-vote item").format(title=repr(item.title)))
    return item, vote


def _open_round(state: MeetingState, doing: str) -> tuple[ItemState, DotVote, DotRound]:
    item, vote = _vote(state, doing)
    rnd = vote.round
    if rnd is None:
        raise DomainError(_("the dot vote is not open yet: open it first"))
    if rnd.closed:
        raise DomainError(
            _("round {n} of the dot vote is closed (undo the close to change its dots)").format(
                n=rnd.number
            )
        )
    return item, vote, rnd


def allocation(
    settings: Settings, rnd: DotRound, name: str, dots: Mapping[str, int]
) -> dict[str, int]:
    """`dots` checked against the round: each option one of the round's (matched without
    regard to case), each count a whole number from 0, the total within the voter's dots and
    each option within `max_per_option`. Options with no dots are left out."""
    if not isinstance(dots, Mapping):
        raise DomainError(_("dots are given per option: option -> how many"))
    by_key = {" ".join(o.casefold().split()): o for o in rnd.options}
    out: dict[str, int] = {}
    for raw, count in dots.items():
        option = by_key.get(" ".join(str(raw).casefold().split()))
        if option is None:
            listed = "; ".join(rnd.options)
            said = (
                _("{option} is not an option: the options are {listed}")
                if rnd.number == 1
                else _("{option} is not an option in round {n}: the options are {listed}")
            )
            raise DomainError(
                said.format(option=repr(str(raw).strip()), n=rnd.number, listed=listed)
            )
        if not _is_int(count) or count < 0:
            raise DomainError(
                _("the dots on {option} must be a whole number, 0 or more").format(
                    option=repr(option)
                )
            )
        if option in out:
            raise DomainError(_("{option} is given twice").format(option=repr(option)))
        if count:
            out[option] = count
    budget, most = budget_of(settings, rnd)
    total = sum(out.values())
    if total > budget:
        raise DomainError(
            ngettext(
                "{name} has {n} dot, and {total} were placed",
                "{name} has {n} dots, and {total} were placed",
                budget,
            ).format(name=name, n=budget, total=total)
        )
    over = [o for o, n in out.items() if most is not None and n > most]
    if over and most is not None:
        raise DomainError(
            ngettext(
                "at most {n} dot on one option: {option} has {placed}",
                "at most {n} dots on one option: {option} has {placed}",
                most,
            ).format(n=most, option=repr(over[0]), placed=out[over[0]])
        )
    # Keep the options' own order, whatever order they were typed in.
    return {o: out[o] for o in rnd.options if o in out}


def _open(state: MeetingState, cmd: OpenDotVote) -> list[Draft]:
    item, vote = _vote(state, _("open the dot vote"))
    on_record(state, _("a dot vote"))
    if vote.round is not None:
        if not vote.round.closed:
            raise DomainError(_("the dot vote is already open"))
        raise DomainError(
            _(
                "the dot vote was held: a tie at the top goes to a second round; undo the "
                "close to reopen it"
            )
        )
    data: DotVoteOpenedData = {
        "item_id": item.id,
        "round": 1,
        "options": list(vote.settings.options),
    }
    return [("DotVoteOpened", data)]


def _placing(state: MeetingState, name: str, dots: Mapping[str, int], correct: bool) -> list[Draft]:
    doing = _("correct dots") if correct else _("place dots")
    item, vote, rnd = _open_round(state, doing)
    on_record(state, _("a dot vote"))
    who = person(state, name)
    may_take_part(state, who, item)
    placed = rnd.placements.get(who.name)
    if correct and placed is None:
        raise DomainError(
            _("{name} has not placed dots in this round: place them instead").format(name=who.name)
        )
    if not correct and placed is not None:
        raise DomainError(
            _("{name} has already placed their dots: correct them instead").format(name=who.name)
        )
    checked = allocation(vote.settings, rnd, who.name, dots)
    if correct and placed is not None and checked == placed.dots:
        raise DomainError(_("{name}'s dots are already placed that way").format(name=who.name))
    data: DotsPlacedData = {
        "item_id": item.id,
        "round": rnd.number,
        "name": who.name,
        "dots": checked,
        "counted": who.role == "member",
    }
    kind = "DotsCorrected" if correct else "DotsPlaced"
    return [*arrive_if_absent(state, who), (kind, data)]


def _place(state: MeetingState, cmd: PlaceDots) -> list[Draft]:
    return _placing(state, cmd.name, cmd.dots, correct=False)


def _correct(state: MeetingState, cmd: CorrectDots) -> list[Draft]:
    return _placing(state, cmd.name, cmd.dots, correct=True)


def _close(state: MeetingState, cmd: CloseDotVote) -> list[Draft]:
    item, _vote_of_item, rnd = _open_round(state, _("close the dot vote"))
    on_record(state, _("closing a dot vote"))
    if not counted_placements(rnd, item):
        raise DomainError(_("no voting member has placed dots yet: there is nothing to count"))
    return [("DotVoteClosed", DotVoteClosedData(item_id=item.id, round=rnd.number))]


def _second(state: MeetingState, cmd: SecondDotRound) -> list[Draft]:
    item, vote = _vote(state, _("hold a second round"))
    on_record(state, _("a dot vote"))
    rnd = vote.round
    if rnd is None or not rnd.closed:
        raise DomainError(_("a second round follows a closed round: close this one first"))
    tied = top_tie(ranking(rnd, item))
    if not tied:
        raise DomainError(_("the top of the result is not tied: there is no second round to hold"))
    if rnd.number >= 2:
        # One second round, as the method has it; a tie that stands after it is the
        # circle's to settle (a round of discussion, or the options taken together).
        raise DomainError(
            _("the second round is tied too: settle it in discussion and note how in the log")
        )
    opened = DotVoteOpenedData(item_id=item.id, round=rnd.number + 1, options=list(tied))
    return [("DotVoteOpened", opened)]


# --- fold ---------------------------------------------------------------------------


def _folded(state: MeetingState, e: Event) -> DotVote:
    vote = dot_vote_of(state.items[e["item_id"]])
    assert vote is not None
    return vote


def _fold_opened(state: MeetingState, e: Event) -> None:
    d = payload(e, DotVoteOpenedData)
    _folded(state, e).rounds.append(DotRound(number=int(d["round"]), options=list(d["options"])))


def _fold_placed(state: MeetingState, e: Event) -> None:
    d = payload(e, DotsPlacedData)
    rnd = _folded(state, e).round
    assert rnd is not None
    rnd.placements[d["name"]] = Placement(
        name=d["name"],
        dots={str(k): int(v) for k, v in d["dots"].items()},
        counted=bool(d["counted"]),
        corrected=e.type == "DotsCorrected",
    )


def _fold_closed(state: MeetingState, e: Event) -> None:
    d = payload(e, DotVoteClosedData)
    rnd = _folded(state, e).round
    assert rnd is not None
    rnd.closed = True
    rnd.not_in = waiting_for(state, state.items[d["item_id"]], rnd)


def _closed(item: ItemState) -> None:
    """Finishing (or skipping, deferring) the item mid-round closes the round as it stands."""
    vote = dot_vote_of(item)
    if vote is not None and vote.round is not None and not vote.round.closed:
        vote.round.closed = True
        vote.round.cut_short = True


def item_keys(item: Item) -> Mapping[str, Any]:
    """The dot-vote keys of an agenda item, with its kind (empty for other kinds)."""
    keys = item.process_keys
    if str(item.kind) != KIND or not isinstance(keys, DotVoteKeys):
        return {}
    return {"kind": KIND, **keys.model_dump()}


def _from_agenda(item: Item) -> DotVote | None:
    settings = settings_from(item_keys(item))
    return DotVote(settings) if settings is not None else None


def _from_added(data: Mapping[str, Any]) -> DotVote | None:
    settings = settings_from(data)
    return DotVote(settings) if settings is not None else None


def _carried_keys(state: object) -> dict[str, Any]:
    """The options, the dots per voter (the default written out) and the limit per option."""
    if not isinstance(state, DotVote):
        return {}
    s = state.settings
    keys: dict[str, Any] = {"options": list(s.options), "dots": s.dots}
    if s.max_per_option is not None:
        keys["max_per_option"] = s.max_per_option
    return keys


def _minutes(state: MeetingState, item: ItemState) -> ProcessMinutes | None:
    # Imported here: minutes.py reads this module's state, so it cannot be imported above.
    from facilitator.processes.dot_vote.minutes import dot_vote_minutes

    return dot_vote_minutes(state, item)


def _outcome_line(table: str, row: Row) -> str:
    from facilitator.processes.dot_vote.minutes import outcome_line

    return outcome_line(table, row)


def _dots_words(e: Event) -> str:
    total = sum(int(v) for v in e["dots"].values())
    return ngettext("{n} dot", "{n} dots", total).format(n=total)


def _wording() -> Mapping[str, Any]:
    return {
        "DotVoteOpened": lambda e: (
            _("opened the dot vote")
            if int(e["round"]) == 1
            else _("opened round {n} of the dot vote ({tied} tied options)").format(
                n=e["round"], tied=len(e["options"])
            )
        ),
        "DotsPlaced": lambda e: _("{name}'s dots ({dots})").format(
            name=e["name"], dots=_dots_words(e)
        ),
        "DotsCorrected": lambda e: _("the correction of {name}'s dots").format(name=e["name"]),
        "DotVoteClosed": lambda e: _("closed round {n} of the dot vote").format(n=e["round"]),
    }


STARTER = N_(
    """\
[[items]]
title = "Priorities for 2027"
kind = "dot-vote"               # each voting member places dots on the options, in silence
options = ["Housing fund", "Worker co-op academy", "Food hub"]   # at least 2
dots = 3                        # per voter; default: one per 4 options, at least 1
max_per_option = 2              # optional; default: all of a voter's dots may go on one
duration = "10m"
"""
)
"""The item `facilitator new --with dot-vote` adds."""

# --- payloads: the journal's contract for this process's events (`core/payloads.py`) ---


class DotVoteOpenedData(Payload):
    """ "DotVoteOpened": a round of the dot vote is open, on these options."""

    item_id: str
    round: int
    options: list[str]


class DotsPlacedData(Payload):
    """ "DotsPlaced" (and "DotsCorrected"): one person's dots, by option."""

    item_id: str
    round: int
    name: str
    dots: dict[str, int]
    counted: bool


class DotVoteClosedData(Payload):
    """ "DotVoteClosed": the round is closed and its ranking shown."""

    item_id: str
    round: int


PROCESS = Process(
    name=KEYS.name,
    title=N_("Dot vote"),
    kinds=KEYS.kinds,
    commands={
        OpenDotVote: _open,
        PlaceDots: _place,
        CorrectDots: _correct,
        CloseDotVote: _close,
        SecondDotRound: _second,
    },
    payloads={
        "DotVoteOpened": DotVoteOpenedData,
        "DotsPlaced": DotsPlacedData,
        "DotsCorrected": DotsPlacedData,
        "DotVoteClosed": DotVoteClosedData,
    },
    folds={
        "DotVoteOpened": _fold_opened,
        "DotsPlaced": _fold_placed,
        "DotsCorrected": _fold_placed,
        "DotVoteClosed": _fold_closed,
    },
    wording=_wording(),
    from_agenda=_from_agenda,
    from_added=_from_added,
    closed=_closed,
    on_record_only=True,
    agenda_keys=KEYS.agenda_keys,
    item_rules=KEYS.item_rules,
    carried_keys=_carried_keys,
    minutes=_minutes,
    tables=(TABLE,),
    outcome_line=_outcome_line,
    starter=STARTER,
)
"""The dot vote, as the registry lists it."""
