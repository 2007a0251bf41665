"""What a member may see of the meeting: the public projection served to members' devices.

`public_view(state, now)` is the one function the members' view (`run --share`) reads
the meeting through, so what may leave the facilitator's process is decided here, in one
pure function, and tested with canaries:

- the current item and its timebox; a confidential item shows only "Confidential item":
  no title, no owner, no proposal text, no stack reasons, nothing of its consent process;
- who has the floor and since when, and the stack in the app's order (`stack.ordered`),
  each entry with its reason, except the "centred (priority)" part: the agenda has no way
  to mark a person's priority as public, so it never leaves the process;
- the proposal's text, version and consent stage, whose turn it is in a round, and the
  tally of the consent round (counts only: never anyone's reason);
- a dot vote's options, its dots per voter, who has placed their dots (names only), and
  the ranked totals only once every voting member present is in or the round is closed:
  never anyone's allocation (a device gets its own through the server's "you");
- a vote's motion, threshold and base, whether it is open, and its result in totals once
  closed (never a name in a secret vote); a role selection's role, stage, the nominees'
  counts once the nominations round is over, the proposed nominee and the consent round's
  progress: `core/public_process.py` decides these, for the presentation view too;
- off the record, nothing but the fact: "off the record";
- never the item log (notes, credits, actions, conflicts), prep notes, recusal reasons
  or out-of-order reasons.

The result is plain JSON-safe data (`to_json`). Clocks are sent as a base and the
monotonic reading they run from, with `now`, so a page ticks them by itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitator.core.public_process import (
    PublicDotVote,
    PublicSelection,
    PublicStanding,
    PublicVote,
    public_dot_vote,
    public_process,
)
from facilitator.core.stack import KINDS, ordered
from facilitator.core.state import MeetingState
from facilitator.i18n import N_, _
from facilitator.processes.consent.model import (
    consent_of,
    method_of,
    tally,
)
from facilitator.processes.round.model import last_round

CONFIDENTIAL_TITLE = N_("Confidential item")
"""All a member sees of a confidential item (marked; the view says it with `_()`)."""

OFF_RECORD = N_("off the record")
"""All a member sees while the meeting is off the record (marked, as above)."""

_PRIVATE_REASONS = (N_("centred (priority)"),)
"""Parts of a stack reason that stay in the process (see the module docstring): matched in
English and in the language in force, which is the one `ordered` said the reasons in."""


@dataclass(frozen=True)
class PublicPerson:
    """Someone on the roster, as a member choosing their name sees them."""

    name: str
    """As the agenda spells it."""
    role: str
    """member, guest or observer (observers watch and never queue)."""
    present: bool
    """Marked present and not left."""


@dataclass(frozen=True)
class PublicWaiting:
    """One waiting entry, in the order the floor will be given."""

    name: str
    """Who."""
    kind: str
    """speak, process, direct or clarify."""
    kind_label: str
    """How the kind reads ("point of process")."""
    reason: str
    """Why they stand there ("" on a confidential item)."""


@dataclass(frozen=True)
class PublicProposal:
    """The proposal of the current (open) item and where its consent process stands."""

    text: str
    """The current version's text."""
    version: int
    """Its version number (1 = as on the agenda)."""
    stage: str
    """present, clarify, reactions, consent, integrate or decided."""
    stage_label: str
    """How the stage reads ("Consent round")."""
    positions: tuple[str, ...]
    """The positions of the item's method (their ids, which a device sends back), in the
    order they are offered."""
    open: bool
    """The consent round is open: members may give their position from their device."""
    tally: dict[str, int]
    """Counted positions of the round on this version."""
    advisory: int
    """Positions recorded as advisory (guests)."""
    waiting_for: int
    """Voting members present who have not given a position yet."""
    responded: tuple[str, ...]
    """Who has given a position on this version (names only, never reasons)."""
    labels: tuple[str, ...] = ()
    """How each of `positions` reads ("Stand aside", "8 · Veto"), in the same order."""
    needs_reason: tuple[str, ...] = ()
    """The positions that cannot be given without a reason (objection, block, veto, fist)."""
    method: str = "consent"
    """The item's method ("sofa-consent"), and how it reads in `method_title`."""
    method_title: str = "Consent"
    """The method's name as people say it ("SoFA consent")."""


@dataclass(frozen=True)
class PublicItem:
    """The current item."""

    number: int
    """Its position in running order, from 1."""
    title: str
    """The title, or "Confidential item"."""
    kind: str
    """round, report, discussion, proposal or break."""
    confidential: bool
    """A confidential item: the title is replaced, and nothing else of it is shown."""
    planned: int
    """The timebox in seconds, with extensions."""
    elapsed: float
    """Seconds counted up to the last start or pause."""
    since: float | None
    """Monotonic reading the timebox runs from; None when paused or stopped."""
    status: str
    """running, paused, done, …"""
    round_turn: str | None = None
    """Whose turn it is in a go-around, if one is going."""
    proposal: PublicProposal | None = None
    """The proposal and its consent process (open items only)."""
    dot_vote: PublicDotVote | None = None
    """The dot vote (open items only)."""
    vote: PublicVote | None = None
    """The counted vote (open items only): see `core/public_process.py`."""
    selection: PublicSelection | None = None
    """The role selection (open items only): see `core/public_process.py`."""


@dataclass(frozen=True)
class PublicView:
    """Everything a member's device may receive."""

    title: str
    """The meeting's title."""
    now: float
    """The monotonic reading this view was taken at (clocks run from it)."""
    started: bool
    """The meeting has started."""
    ended: bool
    """The meeting has ended."""
    off_record: bool
    """Off the record: every field below is empty."""
    item: PublicItem | None = None
    """The current item."""
    speaker: str | None = None
    """Who has the floor."""
    speaker_kind: str = ""
    """What kind of turn."""
    turn_since: float | None = None
    """Monotonic start of the current turn."""
    speaker_limit: int | None = None
    """The agenda's per-speaker limit in seconds, if any."""
    stack: tuple[PublicWaiting, ...] = ()
    """Waiting entries in the order the floor will be given."""
    roster: tuple[PublicPerson, ...] = field(default=())
    """Everyone who can be chosen as a name, in circle order."""
    notice: str = ""
    """One line to show instead of the meeting ("off the record")."""

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-safe data."""
        out: dict[str, Any] = _plain(self)
        return out


def _plain(value: Any) -> Any:
    # dataclasses.asdict deep-copies every leaf, which made it most of the cost of a push
    # (5 ms for a 60-person room); these values are immutable strings and numbers.
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {name: _plain(getattr(value, name)) for name in fields}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _public_reason(reason: str) -> str:
    private = {*_PRIVATE_REASONS, *(_(r) for r in _PRIVATE_REASONS)}
    parts = [p for p in reason.split("; ") if p not in private]
    return "; ".join(parts)


def roster(state: MeetingState) -> tuple[PublicPerson, ...]:
    """Everyone on the agenda and every walk-in, in circle order."""
    return tuple(PublicPerson(p.name, p.role, p.present) for p in state.people.values())


def public_view(state: MeetingState, now: float) -> PublicView:
    """What a member may see at monotonic `now` (see the module docstring for the rules)."""
    base = PublicView(
        title=state.agenda.meeting.title,
        now=now,
        started=state.started,
        ended=state.ended,
        off_record=state.off_record,
        roster=roster(state),
    )
    if state.off_record:
        # Nothing but the fact: not the item, not who speaks, not who waits.
        return PublicView(
            title=base.title,
            now=now,
            started=base.started,
            ended=base.ended,
            off_record=True,
            roster=base.roster,
            notice=_(OFF_RECORD),
        )
    current = state.current_item
    confidential = bool(current and current.confidential)
    item = None
    if current is not None:
        number = state.order.index(current.id) + 1 if current.id in state.order else 0
        go = last_round(current)
        public = public_process(state, current)
        proposal = None
        consent = consent_of(current)
        if consent is not None and not confidential:
            method = method_of(state, consent)
            t = tally(state, consent, current.id)
            rnd = consent.round
            proposal = PublicProposal(
                text=consent.text,
                version=consent.version,
                stage=consent.stage,
                stage_label=method.stage_label(consent.stage),
                positions=method.ids(),
                labels=tuple(p.label for p in method.positions),
                needs_reason=tuple(p.id for p in method.positions if p.reason == "required"),
                method=method.name,
                method_title=method.title,
                open=consent.stage == "consent" and consent.decision_id is None,
                tally=dict(t.counts),
                advisory=t.advisory,
                waiting_for=len(t.missing),
                responded=tuple(rnd.by_name()) if rnd is not None else (),
            )
        item = PublicItem(
            number=number,
            title=_(CONFIDENTIAL_TITLE) if confidential else current.title,
            kind=current.kind,
            confidential=confidential,
            planned=current.planned,
            elapsed=current.elapsed,
            since=current.since,
            status=current.status,
            round_turn=go.current if go is not None and not go.off_record else None,
            proposal=proposal,
            dot_vote=public.dot_vote,
            vote=public.vote,
            selection=public.selection,
        )
    speaker = state.speaker
    stack = tuple(
        PublicWaiting(
            name=p.entry.name,
            kind=p.entry.kind,
            kind_label=_(KINDS[p.entry.kind]) if p.entry.kind in KINDS else p.entry.kind,
            reason="" if confidential else _public_reason(p.reason),
        )
        for p in ordered(state)
    )
    return PublicView(
        title=base.title,
        now=now,
        started=base.started,
        ended=base.ended,
        off_record=False,
        item=item,
        speaker=speaker.name if speaker else None,
        speaker_kind=speaker.kind if speaker else "",
        turn_since=speaker.start if speaker else None,
        speaker_limit=state.agenda.stack.speaker_limit,
        stack=stack,
        roster=base.roster,
    )


__all__ = [
    "CONFIDENTIAL_TITLE",
    "OFF_RECORD",
    "PublicDotVote",
    "PublicItem",
    "PublicPerson",
    "PublicProposal",
    "PublicSelection",
    "PublicStanding",
    "PublicView",
    "PublicVote",
    "PublicWaiting",
    "public_dot_vote",
    "public_view",
    "roster",
]
