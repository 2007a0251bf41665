"""The counted vote, pure: its agenda keys, commands, events, decide and fold handlers, state.

An assembly bound by bylaws votes on a motion (`kind = "vote"`). The chair opens
the vote, enters the count (totals from a show of hands, or each voting member's
vote), and closes it; the result states the threshold and the base it was measured
against. The rules, as AGENDA_FORMAT.md gives them:

- Only voting members present and not recused vote; guests and observers never do.
- Quorum is checked when the vote is taken: opening and closing a vote without
  quorum are refused (the chair waits for members, or moves on), never recorded as
  "no quorum".
- `threshold` is "majority" (more than half), "2/3", "3/4" or "unanimous", of
  `of`: "cast" (for + against; abstentions left out), "present" (the voting members
  present and not recused when it closes) or "members" (every voting member, less
  those recused). Exact integer arithmetic: 2/3 of 60 cast is 40 for.
- `secret = true`: counted as totals only, so no name is ever recorded, not even in
  the private journal.
- Nothing of a vote happens off the record (`on_record_only`).

Its state on an item is `Vote`, at `item.process["vote"]`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from facilitator.core.errors import DomainError
from facilitator.core.events import payload
from facilitator.core.payloads import Payload
from facilitator.core.rules import Draft, current, person
from facilitator.core.timing import decision_quorum, quorum_text
from facilitator.i18n import N_, _, ngettext, pgettext
from facilitator.processes.unit import Process, ProcessMinutes, Row, mark
from facilitator.processes.vote.keys import (
    KEYS as KEYS,
)
from facilitator.processes.vote.keys import (
    KIND as KIND,
)
from facilitator.processes.vote.keys import (
    NAME as NAME,
)
from facilitator.processes.vote.keys import (
    Base as Base,
)
from facilitator.processes.vote.keys import (
    Threshold as Threshold,
)
from facilitator.processes.vote.keys import (
    VoteKeys as VoteKeys,
)

if TYPE_CHECKING:
    from facilitator.core.agenda import Item
    from facilitator.core.events import Event
    from facilitator.core.state import ItemState, MeetingState

CHOICES = ("for", "against", "abstain")
"""What a voting member can vote."""


# --- the arithmetic -------------------------------------------------------------------


def needed(threshold: str, base: int) -> int:
    """The fewest votes for that carry the motion, out of `base` (exact: no floats).

    A majority is more than half; 2/3 and 3/4 are "at least" (2/3 of 60 is 40);
    unanimous is all of the base. With a base of 0 nothing carries (1 is needed).
    """
    if base <= 0:
        return 1
    if threshold == Threshold.MAJORITY:
        return base // 2 + 1
    if threshold == Threshold.TWO_THIRDS:
        return -(-2 * base // 3)
    if threshold == Threshold.THREE_QUARTERS:
        return -(-3 * base // 4)
    return base


def percent(part: int, whole: int) -> str:
    """`part` of `whole` as a percentage, cut (never rounded up) to one decimal: 40 of 60 is
    "66.6%", so a share shown never reads above what it is."""
    if whole <= 0:
        return "0%"
    tenths = part * 1000 // whole
    return f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}%"


_BASE_WORDS = {
    "cast": N_("votes cast"),
    "present": N_("voting members present"),
    "members": N_("voting members"),
}
"""What a threshold is measured against, in words (marked: `_()` where shown)."""
_SHARE = {
    "cast": N_("{percent} of votes cast"),
    "present": N_("{percent} of voting members present"),
    "members": N_("{percent} of voting members"),
}
_NO_BASE = {
    "cast": N_("no votes cast"),
    "present": N_("no voting members present"),
    "members": N_("no voting members"),
}
_MEASURED = {
    "cast": N_("{threshold} of votes cast"),
    "present": N_("{threshold} of voting members present"),
    "members": N_("{threshold} of voting members"),
}
_THRESHOLD_WORDS = {
    "majority": mark.pgettext("threshold", "majority"),
    "unanimous": mark.pgettext("threshold", "unanimous"),
}
_RESULT_WORDS = {
    "carried": mark.pgettext("vote result", "carried"),
    "failed": mark.pgettext("vote result", "failed"),
}
CHOICE_WORDS = {
    "for": mark.pgettext("vote", "for"),
    "against": mark.pgettext("vote", "against"),
    "abstain": mark.pgettext("vote", "abstain"),
}
"""A vote as it reads (marked; shown with `pgettext("vote", ...)`: `choice_words`)."""


def threshold_words(threshold: str) -> str:
    """A threshold as it reads: "majority", "2/3", in the language in force."""
    found = _THRESHOLD_WORDS.get(threshold)
    return pgettext("threshold", found) if found else threshold


def measured(threshold: str, of: str) -> str:
    """The threshold and what it is measured against: "2/3 of votes cast"."""
    found = _MEASURED.get(of)
    if found is None:
        return f"{threshold_words(threshold)} / {of}"
    return _(found).format(threshold=threshold_words(threshold))


def choice_words(choice: str) -> str:
    """A vote (for, against, abstain) as it reads, in the language in force."""
    found = CHOICE_WORDS.get(choice)
    return pgettext("vote", found) if found else choice


@dataclass(frozen=True)
class Result:
    """A vote's count and outcome, as recorded when it closed."""

    for_: int
    """Votes for."""
    against: int
    """Votes against."""
    abstain: int
    """Abstentions."""
    base: int
    """What the threshold was measured against, counted."""
    needed: int
    """The fewest votes for that carry."""
    result: str
    """carried or failed."""
    present: int
    """Voting members present and not recused when it closed."""

    def line(self, threshold: str, of: str) -> str:
        """ "carried: 41 for, 9 against, 3 abstaining; 82% of votes cast, 2/3 needed (34 of 50)"."""
        return result_line(
            self.result,
            self.for_,
            self.against,
            self.abstain,
            self.base,
            self.needed,
            threshold,
            of,
        )


def result_line(
    result: str,
    for_: int,
    against: int,
    abstain: int,
    base: int,
    need: int,
    threshold: str,
    of: str,
) -> str:
    """The result in the words the panel, the minutes and `decisions` all use."""
    abstaining = ngettext("{n} abstaining", "{n} abstaining", abstain).format(n=abstain)
    counts = _("{yes} for, {no} against, {abstaining}").format(
        yes=for_, no=against, abstaining=abstaining
    )
    found = _RESULT_WORDS.get(result)
    said = pgettext("vote result", found) if found else result
    if base <= 0:
        none = _NO_BASE.get(of)
        return _("{result}: {counts}; {none}").format(
            result=said, counts=counts, none=_(none) if none else of
        )
    share_of = _SHARE.get(of)
    share = (
        _(share_of).format(percent=percent(for_, base))
        if share_of
        else f"{percent(for_, base)} / {of}"
    )
    return _("{result}: {counts}; {share}, {threshold} needed ({need} of {base})").format(
        result=said,
        counts=counts,
        share=share,
        threshold=threshold_words(threshold),
        need=need,
        base=base,
    )


# --- state ----------------------------------------------------------------------------


@dataclass
class Vote:
    """The vote of one item, from the agenda's keys to its result."""

    motion: str
    """The motion."""
    threshold: str = "majority"
    """majority, 2/3, 3/4 or unanimous."""
    of: str = "cast"
    """cast, present or members."""
    secret: bool = False
    """Counts only: no ballots, no names."""
    opened: bool = False
    """The vote was opened (the chair called it)."""
    ballots: dict[str, str] = field(default_factory=dict)
    """Name -> for, against or abstain, when entered person by person (never when secret)."""
    totals: tuple[int, int, int] | None = None
    """(for, against, abstain), when entered as totals."""
    result: Result | None = None
    """Once closed."""

    @property
    def closed(self) -> bool:
        """Closed, with a result."""
        return self.result is not None

    def counts(self, recused: Mapping[str, str]) -> tuple[int, int, int]:
        """(for, against, abstain) so far; ballots of those since recused do not count."""
        if self.totals is not None:
            return self.totals
        kept = [c for n, c in self.ballots.items() if n not in recused]
        return (kept.count("for"), kept.count("against"), kept.count("abstain"))


def vote_of(item: ItemState | None) -> Vote | None:
    """The vote of `item`, if it is a vote item."""
    found = item.process.get(NAME) if item is not None else None
    return found if isinstance(found, Vote) else None


def voters(state: MeetingState, item: ItemState) -> list[str]:
    """Who may vote now, in circle order: voting members present and not recused."""
    return [
        p.name
        for p in state.people.values()
        if p.role == "member" and p.present and p.name not in item.recused
    ]


# --- commands ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenVote:
    """Open the vote on the current item's motion (quorum is checked)."""


@dataclass(frozen=True)
class CastVote:
    """Record one voting member's vote (not in a secret vote)."""

    name: str
    """Who votes."""
    choice: str
    """for, against or abstain."""


@dataclass(frozen=True)
class SetVoteTotals:
    """Enter the count as totals (a show of hands); again to correct it."""

    for_: int
    """Votes for."""
    against: int
    """Votes against."""
    abstain: int = 0
    """Abstentions."""


@dataclass(frozen=True)
class CloseVote:
    """Close the vote and record its result (quorum is checked again)."""


# --- decide -----------------------------------------------------------------------------


def _vote_here(state: MeetingState, doing: str) -> tuple[ItemState, Vote]:
    item = current(state, doing)
    vote = vote_of(item)
    if vote is None:
        raise DomainError(
            _('this item is not a vote: {doing} on an item with kind = "vote"').format(doing=doing)
        )
    return item, vote


def _open_here(state: MeetingState, doing: str) -> tuple[ItemState, Vote]:
    item, vote = _vote_here(state, doing)
    if vote.closed:
        raise DomainError(_("this vote is closed and its result recorded (undo reopens it)"))
    if not vote.opened:
        raise DomainError(_("the vote is not open yet: open it first"))
    return item, vote


_WITHOUT_QUORUM = {
    "taken": N_(
        "no quorum ({quorum}, not counting recusals): a vote cannot be taken without quorum; "
        "wait for members to arrive, or move on"
    ),
    "closed": N_(
        "no quorum ({quorum}, not counting recusals): a vote cannot be closed without quorum; "
        "wait for members to arrive, or move on"
    ),
}


def _quorum(state: MeetingState, item: ItemState, when: str) -> int:
    met, present, required = decision_quorum(state, item)
    if not met:
        raise DomainError(_(_WITHOUT_QUORUM[when]).format(quorum=quorum_text(present, required)))
    return present


def _open(state: MeetingState, cmd: OpenVote) -> list[Draft]:
    item, vote = _vote_here(state, _("open a vote"))
    if vote.closed:
        raise DomainError(_("this vote is closed and its result recorded (undo reopens it)"))
    if vote.opened:
        raise DomainError(_("the vote is already open: enter the count, then close it"))
    _quorum(state, item, "taken")
    return [("VoteOpened", VoteOpenedData(item_id=item.id))]


def _cast(state: MeetingState, cmd: CastVote) -> list[Draft]:
    item, vote = _open_here(state, _("record a vote"))
    if vote.secret:
        raise DomainError(
            _("this is a secret vote: it is entered as totals, so that no name is ever recorded")
        )
    if vote.totals is not None:
        raise DomainError(
            _(
                "this vote's count was entered as totals: correct the totals, or undo them to "
                "enter the votes person by person"
            )
        )
    if cmd.choice not in CHOICES:
        raise DomainError(
            _("a vote is for, against or abstain, not {choice}").format(choice=repr(cmd.choice))
        )
    who = person(state, cmd.name)
    if who.role != "member":
        said = (
            _("{name} is a guest: only voting members vote")
            if who.role == "guest"
            else _("{name} is an observer: only voting members vote")
        )
        raise DomainError(said.format(name=who.name))
    if who.name in item.recused:
        raise DomainError(
            _("{name} recused from this item, so does not vote on it").format(name=who.name)
        )
    if not who.present:
        raise DomainError(
            _("{name} is not marked present (mark them arrived first)").format(name=who.name)
        )
    if vote.ballots.get(who.name) == cmd.choice:
        raise DomainError(
            _("{name}'s vote is already recorded as {choice}").format(
                name=who.name, choice=choice_words(cmd.choice)
            )
        )
    return [("VoteCast", VoteCastData(item_id=item.id, name=who.name, choice=cmd.choice))]


def _totals(state: MeetingState, cmd: SetVoteTotals) -> list[Draft]:
    item, vote = _open_here(state, _("enter the totals"))
    if vote.ballots:
        raise DomainError(
            _(
                "this vote is being entered person by person ({n} so far): "
                "go on that way, or undo those votes to enter totals"
            ).format(n=len(vote.ballots))
        )
    counts = (cmd.for_, cmd.against, cmd.abstain)
    if any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in counts):
        raise DomainError(_("the totals are whole numbers, 0 or more"))
    eligible = len(voters(state, item))
    if sum(counts) > eligible:
        raise DomainError(
            ngettext(
                "{yes} + {no} + {abstain} = {total} votes, but only {n} voting member may "
                "vote (present, not recused); count again, or mark arrivals first",
                "{yes} + {no} + {abstain} = {total} votes, but only {n} voting members may "
                "vote (present, not recused); count again, or mark arrivals first",
                eligible,
            ).format(
                yes=cmd.for_, no=cmd.against, abstain=cmd.abstain, total=sum(counts), n=eligible
            )
        )
    if vote.totals == counts:
        raise DomainError(_("those are already the totals"))
    totals: VoteTotalsData = {
        "item_id": item.id,
        "for": cmd.for_,
        "against": cmd.against,
        "abstain": cmd.abstain,
    }
    return [("VoteTotals", totals)]


def _close(state: MeetingState, cmd: CloseVote) -> list[Draft]:
    item, vote = _open_here(state, _("close the vote"))
    if vote.totals is None and not vote.ballots:
        raise DomainError(_("no votes are entered yet: enter the totals, or each member's vote"))
    present = _quorum(state, item, "closed")
    for_, against, abstain = vote.counts(item.recused)
    if vote.totals is not None and sum(vote.totals) > len(voters(state, item)):
        raise DomainError(
            _(
                "the totals count {total} votes, but only {n} voting members may vote now "
                "(someone left or recused): enter the totals again"
            ).format(total=sum(vote.totals), n=len(voters(state, item)))
        )
    if vote.of == Base.CAST:
        base = for_ + against
    elif vote.of == Base.PRESENT:
        # Those who voted and have since left still voted: they are part of the base.
        gone = [n for n in vote.ballots if n not in item.recused and n not in voters(state, item)]
        base = present + len(gone)
    else:
        base = sum(
            1 for p in state.people.values() if p.role == "member" and p.name not in item.recused
        )
    need = needed(vote.threshold, base)
    result = "carried" if base > 0 and for_ >= need else "failed"
    closed: VoteClosedData = {
        "item_id": item.id,
        "for": for_,
        "against": against,
        "abstain": abstain,
        "base": base,
        "needed": need,
        "result": result,
        "present": present,
    }
    return [("VoteClosed", closed)]


# --- fold -------------------------------------------------------------------------------


def _vote(state: MeetingState, e: Event) -> Vote:
    vote = vote_of(state.items[e["item_id"]])
    assert vote is not None
    return vote


def _fold_opened(state: MeetingState, e: Event) -> None:
    _vote(state, e).opened = True


def _fold_cast(state: MeetingState, e: Event) -> None:
    d = payload(e, VoteCastData)
    _vote(state, e).ballots[d["name"]] = d["choice"]


def _fold_totals(state: MeetingState, e: Event) -> None:
    d = payload(e, VoteTotalsData)
    _vote(state, e).totals = (d["for"], d["against"], d["abstain"])


def _fold_closed(state: MeetingState, e: Event) -> None:
    d = payload(e, VoteClosedData)
    _vote(state, e).result = Result(
        for_=d["for"],
        against=d["against"],
        abstain=d["abstain"],
        base=d["base"],
        needed=d["needed"],
        result=d["result"],
        present=d["present"],
    )


def _from_agenda(item: Item) -> Vote | None:
    keys = item.process_keys
    if item.kind != KIND or not isinstance(keys, VoteKeys):
        return None
    return Vote(
        motion=keys.motion.strip(),
        threshold=str(keys.threshold),
        of=str(keys.of),
        secret=keys.secret,
    )


def _carried_keys(state: object) -> dict[str, Any]:
    """The vote's motion, threshold, base and secrecy, every one written out."""
    if not isinstance(state, Vote):
        return {}
    return {
        "motion": state.motion,
        "threshold": state.threshold,
        "of": state.of,
        "secret": state.secret,
    }


def _from_added(data: Mapping[str, Any]) -> Vote | None:
    """An item added during the meeting (`ItemAdded`, its keys checked by `core.item_keys`)."""
    motion = data.get("motion")
    if data.get("kind") != KIND or not isinstance(motion, str):
        return None
    return Vote(
        motion=motion.strip(),
        threshold=str(data.get("threshold", Threshold.MAJORITY)),
        of=str(data.get("of", Base.CAST)),
        secret=data.get("secret") is True,
    )


def _wording() -> Mapping[str, Any]:
    return {
        "VoteOpened": lambda e: _("opened the vote"),
        "VoteCast": lambda e: _("recorded {name}'s vote ({choice})").format(
            name=e["name"], choice=choice_words(e["choice"])
        ),
        "VoteTotals": lambda e: _(
            "entered the totals ({yes} for, {no} against, {abstain} abstaining)"
        ).format(yes=e["for"], no=e["against"], abstain=e["abstain"]),
        "VoteClosed": lambda e: _("closed the vote: {result}").format(
            result=pgettext("vote result", _RESULT_WORDS.get(e["result"], e["result"]))
        ),
    }


def _minutes(state: MeetingState, item: ItemState) -> ProcessMinutes | None:
    # Imported here: minutes.py reads this module's state, so it cannot be imported above.
    from facilitator.processes.vote.minutes import vote_minutes

    return vote_minutes(state, item)


def _outcome_line(table: str, row: Row) -> str:
    from facilitator.processes.vote.minutes import outcome_line

    return outcome_line(table, row)


STARTER = N_(
    """\
# A counted vote, for an assembly bound by bylaws. The chair opens it (when quorum
# is met), enters the count as totals or person by person, and closes it.
[[items]]
title = "Amend bylaw 4.2: quorum of the assembly"
kind = "vote"
duration = "15m"
motion = "Article 4.2 is amended to read: the quorum of the assembly is one third of members."
threshold = "2/3"   # "majority" (default), "2/3", "3/4" or "unanimous"
of = "cast"         # measured against: "cast" (default; abstentions left out), "present", "members"
secret = false      # true: counts only, no names anywhere
"""
)

# --- payloads: the journal's contract for this process's events (`core/payloads.py`) ---


class VoteOpenedData(Payload):
    """ "VoteOpened": the vote on the current item is open."""

    item_id: str


class VoteCastData(Payload):
    """ "VoteCast": one member's vote, entered person by person."""

    item_id: str
    name: str
    choice: str
    """for, against or abstain."""


VoteTotalsData = TypedDict(
    "VoteTotalsData",
    {"device": NotRequired[str], "item_id": str, "for": int, "against": int, "abstain": int},
)
""""VoteTotals": the totals of a show of hands (`for` is a keyword, hence this form)."""

VoteClosedData = TypedDict(
    "VoteClosedData",
    {
        "device": NotRequired[str],
        "item_id": str,
        "for": int,
        "against": int,
        "abstain": int,
        "base": int,
        "needed": int,
        "result": str,
        "present": int,
    },
)
""""VoteClosed": the result, with its base, the votes needed and those present."""


PROCESS = Process(
    name=KEYS.name,
    title=N_("Vote"),
    kinds=KEYS.kinds,
    commands={OpenVote: _open, CastVote: _cast, SetVoteTotals: _totals, CloseVote: _close},
    payloads={
        "VoteOpened": VoteOpenedData,
        "VoteCast": VoteCastData,
        "VoteTotals": VoteTotalsData,
        "VoteClosed": VoteClosedData,
    },
    folds={
        "VoteOpened": _fold_opened,
        "VoteCast": _fold_cast,
        "VoteTotals": _fold_totals,
        "VoteClosed": _fold_closed,
    },
    wording=_wording(),
    from_agenda=_from_agenda,
    from_added=_from_added,
    on_record_only=True,
    agenda_keys=KEYS.agenda_keys,
    item_rules=KEYS.item_rules,
    carried_keys=_carried_keys,
    minutes=_minutes,
    tables=("votes",),
    outcome_line=_outcome_line,
    starter=STARTER,
)
"""The counted vote, as the registry lists it."""
