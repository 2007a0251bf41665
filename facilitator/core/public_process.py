"""What the public may see of the current item's process: a vote, a role selection, a dot vote.

One pure function, `public_process(state, item)`, answers it for the members' view
(`public_view`, the JSON a member's device receives) and for the presentation view (⇧P,
what the projector shows), so the room and the devices are told the same, and the rules
are tested once, with canaries:

- **a vote**: its motion, threshold and base, whether it is open, and once it is closed the
  result in totals (for, against, abstaining, the base, the votes needed, the share). An
  open (not secret) vote taken person by person also lists each vote, once it is closed, as
  the shared minutes do; a secret vote never carries a name (it records none), and no vote
  shows anyone's vote while it is open;
- **a role selection**: the role, its term and qualifications, the stage, and the nominees
  with their counts only once the nominations round is over (nominations are written in
  silence and then said in the round, as Sociocracy For All and S3 publish it): never during
  the silent nominations or the round itself, never who nominated whom and why. Then the
  proposed nominee, and the consent round's progress (how many heard of how many asked,
  who is next, the counts by response, how many objections stand): never a reason;
- **a dot vote**: its options, dots per voter, who has placed their dots (names only), and
  the ranked totals only once every voting member present is in or the round is closed;
  never anyone's allocation;
- **a confidential item**: nothing at all (None everywhere).

No Textual, no Rich, no I/O: plain frozen dataclasses of strings and numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.core.state import ItemState, MeetingState
from facilitator.processes.dot_vote import model as dots
from facilitator.processes.selection import model as sel_model
from facilitator.processes.vote import model as vote_model

NOMINEES_SHOWN_FROM = ("change", "propose", "consent", "resolve", "selected")
"""The selection stages at which the nominees' counts are public: after the nominations
round (in the change round they follow the changes as they are said)."""


@dataclass(frozen=True)
class PublicBallot:
    """One voting member's vote in an open (not secret) vote, once it is closed."""

    name: str
    """Who voted."""
    choice: str
    """for, against or abstain."""


@dataclass(frozen=True)
class PublicVoteResult:
    """A closed vote's result, in totals."""

    result: str
    """carried or failed."""
    votes_for: int
    """Votes for."""
    against: int
    """Votes against."""
    abstain: int
    """Abstentions."""
    base: int
    """What the threshold was measured against, counted."""
    needed: int
    """The fewest votes for that carry."""
    share: str
    """The votes for as a share of the base ("82%"; cut, never rounded up)."""


@dataclass(frozen=True)
class PublicVote:
    """The vote of the current item, as the room may see it."""

    motion: str
    """The motion put to the vote."""
    threshold: str
    """majority, 2/3, 3/4 or unanimous."""
    of: str
    """What the threshold is measured against: cast, present or members."""
    secret: bool
    """A secret vote: totals only, no names anywhere."""
    stage: str
    """waiting (not opened yet), open, or closed."""
    open: bool
    """The vote is open: the chair is taking the count."""
    voters: int
    """Voting members who may vote now (present, not recused)."""
    result: PublicVoteResult | None = None
    """Once closed."""
    ballots: tuple[PublicBallot, ...] = ()
    """Each vote of an open vote taken person by person, once closed; never when secret."""


@dataclass(frozen=True)
class PublicNominee:
    """Someone nominated, with their nominations as they stand."""

    name: str
    """Who is nominated."""
    nominations: int
    """Nominations by voting members."""
    advisory: int
    """Nominations by guests (never counted)."""


@dataclass(frozen=True)
class PublicSelection:
    """The role selection of the current item, as the room may see it."""

    role: str
    """The role being filled."""
    term: str
    """How long the term is ("" when the agenda does not say)."""
    qualifications: str
    """What the role asks ("" when the agenda does not say)."""
    stage: str
    """present, nominate, nominations, change, propose, consent, resolve or selected."""
    nominees: tuple[PublicNominee, ...] = ()
    """Most nominations first; empty until the nominations round is over."""
    proposed: str | None = None
    """The nominee proposed last, if any."""
    heard: int = 0
    """Responses heard in the consent round on the proposed nominee."""
    asked: int = 0
    """Who the consent round asks (present, not observers, not recused), the nominee last."""
    next: str | None = None
    """Whose turn it is in the consent round (the nominee comes last)."""
    tally: dict[str, int] | None = None
    """Counted responses in the consent round, by response (None before it opens)."""
    objections: int = 0
    """Objections standing (not yet resolved)."""
    selected: str | None = None
    """Who was selected, once consented."""


@dataclass(frozen=True)
class PublicStanding:
    """One option's place in a dot vote's result."""

    option: str
    """The option."""
    dots: int
    """Voting members' dots on it."""
    advisory: int
    """Guests' dots on it (never counted)."""
    rank: int
    """1 for the most; equal totals share a rank."""


@dataclass(frozen=True)
class PublicDotVote:
    """The dot vote of the current item: what a member needs to place dots, and the totals
    once they may be seen."""

    options: tuple[str, ...]
    """The options dots may go on now (the tied ones in a second round)."""
    dots: int
    """Dots per voter."""
    max_per_option: int | None
    """At most this many on one option (None: up to all of them)."""
    round: int
    """0 before it is opened, then 1, or 2 for the second round among the tied."""
    open: bool
    """A round is open: members may place their dots from their device."""
    hidden: bool
    """The totals are still secret (some voting member present is not in yet)."""
    placed: tuple[str, ...]
    """Who has placed their dots in this round (names only, never where they went)."""
    waiting_for: int
    """Voting members present who have not placed their dots yet."""
    results: tuple[PublicStanding, ...]
    """The ranked totals; empty while hidden or before it is opened."""
    tied: tuple[str, ...]
    """Options tied at the top of a closed round."""


@dataclass(frozen=True)
class PublicProcess:
    """What the public may see of one item's process (all None: none, or confidential)."""

    vote: PublicVote | None = None
    """The vote, on a vote item."""
    selection: PublicSelection | None = None
    """The role selection, on a selection item."""
    dot_vote: PublicDotVote | None = None
    """The dot vote, on a dot-vote item."""


def public_vote(state: MeetingState, item: ItemState) -> PublicVote | None:
    """The vote of `item` as the room may see it (None: no vote, or confidential)."""
    vote = vote_model.vote_of(item)
    if vote is None or item.confidential:
        return None
    r = vote.result
    result = None
    ballots: tuple[PublicBallot, ...] = ()
    if r is not None:
        result = PublicVoteResult(
            result=r.result,
            votes_for=r.for_,
            against=r.against,
            abstain=r.abstain,
            base=r.base,
            needed=r.needed,
            share=vote_model.percent(r.for_, r.base),
        )
        if not vote.secret and vote.totals is None:
            ballots = tuple(
                PublicBallot(n, c) for n, c in vote.ballots.items() if n not in item.recused
            )
    return PublicVote(
        motion=vote.motion,
        threshold=vote.threshold,
        of=vote.of,
        secret=vote.secret,
        stage="closed" if vote.closed else "open" if vote.opened else "waiting",
        open=vote.opened and not vote.closed,
        voters=len(vote_model.voters(state, item)),
        result=result,
        ballots=ballots,
    )


def public_selection(state: MeetingState, item: ItemState) -> PublicSelection | None:
    """The role selection of `item` as the room may see it (None: none, or confidential)."""
    sel = sel_model.selection_of(item)
    if sel is None or item.confidential:
        return None
    nominees: tuple[PublicNominee, ...] = ()
    if sel.stage in NOMINEES_SHOWN_FROM:
        nominees = tuple(
            PublicNominee(c.nominee, c.counted, c.advisory)
            for c in sel_model.counts(sel, item.recused)
        )
    heard = asked = objections = 0
    tally: dict[str, int] | None = None
    if sel.round is not None:
        asked_names = sel_model.consent_order(state, item, sel)
        answered = sel.round.by_name()
        asked = len(asked_names)
        heard = sum(1 for n in asked_names if n in answered)
        t = sel_model.tally(state, item, sel)
        tally = dict(t.counts)
        objections = len(t.blocking)
    return PublicSelection(
        role=sel.role,
        term=sel.term,
        qualifications=sel.qualifications,
        stage=sel.stage,
        nominees=nominees,
        proposed=sel.nominee,
        heard=heard,
        asked=asked,
        next=sel_model.next_responder(state, item),
        tally=tally,
        objections=objections,
        selected=sel.selected,
    )


def public_dot_vote(state: MeetingState, item: ItemState) -> PublicDotVote | None:
    """The dot vote of `item` as a member may see it (None: no dot vote, or confidential)."""
    vote = dots.dot_vote_of(item)
    if vote is None or item.confidential:
        return None
    rnd = vote.round
    secret = dots.hidden(state, item, rnd)
    result = dots.ranking(rnd, item) if rnd is not None and not secret else []
    return PublicDotVote(
        options=tuple(rnd.options if rnd is not None else vote.settings.options),
        dots=vote.settings.dots,
        max_per_option=vote.settings.max_per_option,
        round=rnd.number if rnd is not None else 0,
        open=rnd is not None and not rnd.closed,
        hidden=secret,
        placed=tuple(rnd.placements) if rnd is not None else (),
        waiting_for=len(dots.waiting_for(state, item, rnd)) if rnd is not None else 0,
        results=tuple(PublicStanding(s.option, s.dots, s.advisory, s.rank) for s in result),
        tied=dots.top_tie(result) if rnd is not None and rnd.closed else (),
    )


def public_process(state: MeetingState, item: ItemState | None) -> PublicProcess:
    """What the public may see of `item`'s process (see the module docstring for the rules)."""
    if item is None or item.confidential:
        return PublicProcess()
    return PublicProcess(
        vote=public_vote(state, item),
        selection=public_selection(state, item),
        dot_vote=public_dot_vote(state, item),
    )


__all__ = [
    "NOMINEES_SHOWN_FROM",
    "PublicBallot",
    "PublicDotVote",
    "PublicNominee",
    "PublicProcess",
    "PublicSelection",
    "PublicStanding",
    "PublicVote",
    "PublicVoteResult",
    "public_dot_vote",
    "public_process",
    "public_selection",
    "public_vote",
]
