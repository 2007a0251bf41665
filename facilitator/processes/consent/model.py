"""The consent process, pure: its state, vocabularies, tally, commands, decide and fold handlers.

Stages follow sociocratic consent: present the proposal → clarifying
questions → quick reactions (a round) → consent round → integrate objections
(amend: a new version, and the consent round runs again) → decided.

Methods. Each proposal is decided by one method (`methods.py`): the item's
`method`, else the meeting's `decision_rule`, else consent. The method gives the
positions a person may take, which need a reason, which block, the stages and
the outcome rule; a response not in the item's method is refused, naming the
method's positions. Words of the same act are accepted and stored in the
method's own (consent ⇄ agree, object ⇄ block). Only voting members are
counted; guests' responses are recorded as advisory.

Its state on a proposal item is `Consent`, at `item.process["consent"]`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from facilitator.core.errors import DomainError
from facilitator.core.events import payload
from facilitator.core.payloads import Payload
from facilitator.core.prose import prose
from facilitator.core.records import Decision
from facilitator.core.rules import (
    Draft,
    arrive_if_absent,
    current,
    may_take_part,
    on_record,
    person,
    text,
)
from facilitator.core.timing import decision_quorum
from facilitator.i18n import N_, _, pgettext
from facilitator.processes.consent import methods as M
from facilitator.processes.consent.keys import (
    KEYS as KEYS,
)
from facilitator.processes.consent.keys import (
    NAME as NAME,
)
from facilitator.processes.consent.keys import (
    ConsentKeys as ConsentKeys,
)
from facilitator.processes.consent.methods import Method
from facilitator.processes.round import model as round_model
from facilitator.processes.unit import Process, mark

if TYPE_CHECKING:
    from facilitator.core.agenda import Item
    from facilitator.core.events import Event
    from facilitator.core.state import Attendee, ItemState, MeetingState


# --- state --------------------------------------------------------------------------


@dataclass
class Response:
    """One response in a consent round."""

    name: str
    """Who."""
    response: str
    """A position id of the item's method (consent, object, agree, block, "8", ...)."""
    reason: str
    """Why (always present for a position that needs one: objection, block, veto, fist)."""
    counted: bool
    """False for guests (advisory) and for anyone not a voting member."""
    by_exception: bool = False
    """Recorded by "everyone not yet heard consents", not given one by one."""
    seen: int = 0
    """How many entries the attendance record had when it was given (`came_late`)."""


@dataclass
class ConsentRound:
    """The responses to one version of the proposal."""

    version: int
    """Which version (1 = as on the agenda)."""
    responses: list[Response] = field(default_factory=list)
    """In the order they were given; a later response by the same person replaces theirs."""
    presence_mark: int = 0
    """How many entries the attendance record had when the round opened: who arrives (or
    comes back) after that arrived during the round, and is asked last (`arrived_during`)."""

    def by_name(self) -> dict[str, Response]:
        """The latest response per person."""
        return {r.name: r for r in self.responses}


@dataclass
class Integration:
    """How one objection was integrated."""

    name: str
    """Whose objection."""
    how: str
    """What was done to meet it."""
    version: int
    """The version the objection was made on."""


@dataclass
class Consent:
    """The consent process of one proposal item."""

    versions: list[str]
    """Proposal texts; versions[0] is version 1."""
    version_notes: list[str] = field(default_factory=lambda: [""])
    """What changed in each version."""
    stage: str = "present"
    """present, clarify, reactions, consent, integrate or decided."""
    rounds: list[ConsentRound] = field(default_factory=list)
    """Consent rounds held, oldest first."""
    integrations: list[Integration] = field(default_factory=list)
    """Objections integrated."""
    review: dt.date | None = None
    """When the decision comes up for review."""
    decision_id: str | None = None
    """Set once the outcome is recorded."""
    method: str | None = None
    """The item's own `method`; None: the meeting's `decision_rule` (see `method_of`)."""
    pass_min: int | None = None
    """Fist-to-five: the item's lowest count that lets it pass (None: the default, 3)."""

    @property
    def version(self) -> int:
        """The current version number."""
        return len(self.versions)

    @property
    def text(self) -> str:
        """The current proposal text."""
        return self.versions[-1]

    @property
    def round(self) -> ConsentRound | None:
        """The consent round on the current version, if one was held."""
        if self.rounds and self.rounds[-1].version == self.version:
            return self.rounds[-1]
        return None


def consent_of(item: ItemState | None) -> Consent | None:
    """The consent process of `item`, if it is a proposal."""
    found = item.process.get(NAME) if item is not None else None
    return found if isinstance(found, Consent) else None


def method_of(state: MeetingState, consent: Consent) -> Method:
    """The method `consent` is decided by: the item's, else the meeting's decision rule."""
    return M.method_named(
        consent.method or str(state.agenda.meeting.decision_rule), consent.pass_min
    )


def item_method(state: MeetingState, item: ItemState | None) -> Method | None:
    """The method of `item`'s proposal, if it is one."""
    consent = consent_of(item)
    return method_of(state, consent) if consent is not None else None


# --- the rules ----------------------------------------------------------------------

STAGES = M.METHODS[M.DEFAULT].stage_ids()
"""The stages of the consent method (each method has its own: `Method.stages`); decided
comes from RecordOutcome."""

STAGE_LABELS = M.STAGE_FALLBACK
"""How each stage reads under the consent method (others: `Method.stage_label`)."""

VOCABULARY = {name: m.ids() for name, m in M.METHODS.items()}
"""The position ids of each method, in the order the panel offers them."""

OUTCOMES = ("adopted", "adopted-with-concerns", "not-adopted", "deferred", "withdrawn")
"""Every outcome a proposal can close with."""

BLOCKING = frozenset({"object", "block"})
"""The objection-like words of consent and consensus (each method's: `methods.blocks`)."""

_OUTCOME_WORDS = {
    "adopted": mark.pgettext("outcome id", "adopted"),
    "adopted-with-concerns": mark.pgettext("outcome id", "adopted-with-concerns"),
    "not-adopted": mark.pgettext("outcome id", "not-adopted"),
    "deferred": mark.pgettext("outcome id", "deferred"),
    "withdrawn": mark.pgettext("outcome id", "withdrawn"),
}
"""Each outcome as a message names it (English: as it is written, "adopted-with-concerns")."""
_WORDS = {
    "consent": mark.pgettext("response id", "consent"),
    "concern": mark.pgettext("response id", "concern"),
    "stand-aside": mark.pgettext("response id", "stand-aside"),
    "object": mark.pgettext("response id", "object"),
    "agree": mark.pgettext("response id", "agree"),
    "block": mark.pgettext("response id", "block"),
    "no-objection": mark.pgettext("response id", "no-objection"),
}
"""The position ids of consent and consensus as history rows name them (English: the id)."""
_STAGE_WORDS = {
    "present": mark.pgettext("stage id", "present"),
    "clarify": mark.pgettext("stage id", "clarify"),
    "reactions": mark.pgettext("stage id", "reactions"),
    "discuss": mark.pgettext("stage id", "discuss"),
    "consent": mark.pgettext("stage id", "consent"),
    "integrate": mark.pgettext("stage id", "integrate"),
}


def outcome_word(outcome: str) -> str:
    """An outcome as messages name it: the id in English, its words in another language."""
    found = _OUTCOME_WORDS.get(outcome)
    return pgettext("outcome id", found) if found else outcome


def response_word(response: str) -> str:
    """A position id as a history row names it (a digit as it is)."""
    found = _WORDS.get(response)
    return pgettext("response id", found) if found else response


def _stage_word(stage: str) -> str:
    found = _STAGE_WORDS.get(stage)
    return pgettext("stage id", found) if found else stage


def normalize(method: str | Method, response: str) -> str:
    """The response as one of the method's positions; DomainError naming them if it is not."""
    found = method if isinstance(method, Method) else M.method_named(method)
    return M.normalize(found, response)


@dataclass(frozen=True)
class Tally:
    """Counted responses of one round."""

    counts: dict[str, int]
    """Response -> how many voting members gave it."""
    advisory: int
    """Responses recorded as advisory (guests)."""
    blocking: tuple[str, ...]
    """Names whose objection/block stands (not yet integrated on this version)."""
    missing: tuple[str, ...]
    """Voting members present, not recused, who have not responded yet."""
    integrated: tuple[str, ...] = ()
    """Names whose objection/block on this version was integrated, but who have not been
    asked again (nor the proposal amended): no longer standing, not yet consent either."""
    stops: bool = False
    """Under this method a standing blocking position stops the proposal (consensus, a
    veto, a count below the pass line): the tally then supports not-adopted."""


def tally(state: MeetingState, consent: Consent, item_id: str) -> Tally:
    """The tally of the consent round on the current version."""
    rnd = consent.round or ConsentRound(version=consent.version)
    item = state.items[item_id]
    method = method_of(state, consent)
    # Someone who recused after responding takes no part in the decision.
    latest = {n: r for n, r in rnd.by_name().items() if n not in item.recused}
    counts: dict[str, int] = {}
    advisory = 0
    for r in latest.values():
        if r.counted:
            counts[r.response] = counts.get(r.response, 0) + 1
        else:
            advisory += 1
    met = {g.name for g in consent.integrations if g.version == consent.version}
    # In the order raised: S3 resolves objections one at a time, in that order.
    objecting = [n for n, r in latest.items() if r.counted and M.blocks(method, r.response)]
    # An integration answers the objection made before it; a later objection stands again.
    integrated = tuple(
        n for n in objecting if n in met and _integrated_after(method, consent, rnd, n)
    )
    blocking = tuple(n for n in objecting if n not in integrated)
    missing = tuple(
        p.name
        for p in state.people.values()
        if p.role == "member" and p.present and p.name not in item.recused and p.name not in latest
    )
    return Tally(
        counts=counts,
        advisory=advisory,
        blocking=blocking,
        missing=missing,
        integrated=integrated,
        stops=method.stops,
    )


def _integrated_after(method: Method, consent: Consent, rnd: ConsentRound, name: str) -> bool:
    """Whether `name`'s latest objection on this version was integrated (counted by position:
    the n-th integration of theirs on this version answers their n-th objection on it)."""
    objections = sum(1 for r in rnd.responses if r.name == name and M.blocks(method, r.response))
    integrations = sum(
        1 for g in consent.integrations if g.name == name and g.version == consent.version
    )
    return integrations >= objections


def suggested_outcome(t: Tally) -> str | None:
    """What the tally supports: None while objections stand (to be integrated) or nobody has
    responded; not-adopted while a block, a veto or a low count stands under a method where
    that stops the proposal."""
    if t.blocking and t.stops:
        return "not-adopted"
    if t.blocking or t.integrated or not t.counts:
        return None
    # A stand-aside is not a concern: it is recorded with the decision, which is adopted.
    if "concern" in t.counts:
        return "adopted-with-concerns"
    return "adopted"


def check_outcome(outcome: str, t: Tally) -> None:
    """Refuse an outcome the tally does not allow, saying why."""
    if outcome not in OUTCOMES:
        raise DomainError(
            _("{outcome} is not an outcome; use one of: {outcomes}").format(
                outcome=repr(outcome), outcomes=", ".join(OUTCOMES)
            )
        )
    if outcome in ("adopted", "adopted-with-concerns"):
        if not t.counts:
            raise DomainError(
                _("no voting member has responded in a consent round on this version")
            )
        if t.blocking:
            raise DomainError(
                _(
                    "cannot adopt while an objection stands ({names}): integrate it and amend "
                    "the proposal, or record not-adopted, deferred or withdrawn"
                ).format(names=", ".join(t.blocking))
            )
        if t.integrated:
            raise DomainError(
                _(
                    "the objection of {names} was integrated: ask again (R) or amend the "
                    "proposal (A, a new version) before adopting"
                ).format(names=", ".join(t.integrated))
            )
        if t.missing:
            raise DomainError(
                _("waiting for a response from {names} (or mark them as left)").format(
                    names=", ".join(t.missing)
                )
            )
        if outcome == "adopted" and "concern" in t.counts:
            raise DomainError(_("concerns were given: record adopted-with-concerns"))
        if outcome == "adopted-with-concerns" and "concern" not in t.counts:
            raise DomainError(
                _(
                    "no concerns were given: record adopted (stand-asides are kept with the "
                    "decision)"
                )
            )


def vocabulary(state: MeetingState, item: ItemState | None = None) -> tuple[str, ...]:
    """The positions of `item`'s method (default: the current item's; with no proposal, the
    meeting's decision rule's), in the order the panel offers them."""
    method = item_method(state, item if item is not None else state.current_item)
    if method is None:
        method = M.method_named(str(state.agenda.meeting.decision_rule))
    return method.ids()


def positions_for(state: MeetingState, item: ItemState) -> tuple[str, ...]:
    """The positions a member may give on `item` now: its method's while its proposal is
    open, nothing for an item that is not a proposal or is already decided."""
    consent = consent_of(item)
    if consent is None or consent.stage == "decided":
        return ()
    return method_of(state, consent).ids()


def responders(state: MeetingState, item: ItemState) -> list[Attendee]:
    """Who is asked in the consent round on `item`, in circle order: present, not an observer,
    not recused (guests too: their responses are recorded as advisory)."""
    return [
        p
        for p in state.people.values()
        if p.present and p.role != "observer" and p.name not in item.recused
    ]


def arrived_during(state: MeetingState, consent: Consent, rnd: ConsentRound) -> list[str]:
    """Who arrived or came back while `rnd` was open (until the next version's round opened),
    in the order they did."""
    later = [r.presence_mark for r in consent.rounds if r.presence_mark > rnd.presence_mark]
    end = min(later, default=len(state.attendance))
    names: list[str] = []
    for seen in state.attendance[rnd.presence_mark : end]:
        if seen.event in ("arrived", "returned") and seen.name not in names:
            names.append(seen.name)
    return names


def came_late(state: MeetingState, rnd: ConsentRound, response: Response) -> bool:
    """Whether `response` was given by someone who arrived or came back after `rnd` opened
    (and before responding: who responded, left and came back did not come late to it)."""
    return any(
        p.name == response.name and p.event in ("arrived", "returned")
        for p in state.attendance[rnd.presence_mark : response.seen]
    )


def asking_order(state: MeetingState, item: ItemState) -> list[Attendee]:
    """`responders` in the order the consent round asks them: circle order, then whoever
    arrived while the round was open, last, in the order they arrived (a latecomer does
    not cut in ahead of those still waiting)."""
    people = responders(state, item)
    consent = consent_of(item)
    rnd = consent.round if consent is not None else None
    if consent is None or rnd is None:
        return people
    late = {name: i for i, name in enumerate(arrived_during(state, consent, rnd))}
    answered = rnd.by_name()
    # Only those not yet heard move: a response given stays where the circle put it.
    waiting = {p.name for p in people if p.name in late and p.name not in answered}
    moved = sorted((p for p in people if p.name in waiting), key=lambda p: late[p.name])
    return [p for p in people if p.name not in waiting] + moved


def next_responder(state: MeetingState, item: ItemState | None = None) -> str | None:
    """Whose turn it is in the consent round on `item` (default: the current item): the first
    of `asking_order` without a response on the current version."""
    item = item if item is not None else state.current_item
    consent = consent_of(item)
    if item is None or consent is None:
        return None
    rnd = consent.round
    answered = rnd.by_name() if rnd else {}
    return next((p.name for p in asking_order(state, item) if p.name not in answered), None)


def objectors(consent: Consent, method: Method | None = None) -> list[str]:
    """Everyone who objected (or blocked, vetoed...) on any version, in the order they first
    did; without a method, consent's and consensus's words (object, block)."""
    names: list[str] = []
    for rnd in consent.rounds:
        for r in rnd.responses:
            blocking = M.blocks(method, r.response) if method else r.response in BLOCKING
            if blocking and r.name not in names:
                names.append(r.name)
    return names


# --- commands -----------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentStage:
    """Move the current proposal to a stage of the consent process.

    Stages: present, clarify, reactions, consent, integrate.
    """

    stage: str
    """The stage to move to."""


@dataclass(frozen=True)
class Respond:
    """Record one person's response in the consent round.

    The positions are the item's method's (`methods.py`): consent, concern,
    stand-aside, object under consent; agree, stand-aside, block under consensus;
    1 to 8 under gradients... A position that needs a reason (objection, block,
    veto, a fist) is refused without one.
    """

    name: str
    """Who responds."""
    response: str
    """Their response."""
    reason: str = ""
    """Why (required for an objection, block, veto or low count; welcome for the others)."""


@dataclass(frozen=True)
class ConsentByException:
    """Every voting member present who has not yet responded gives `response` (consent by
    exception: the room is asked "does anyone object?"). Those who responded keep theirs."""

    response: str = ""
    """The method's "yes" position (consent; agree under consensus...); empty: that one."""


@dataclass(frozen=True)
class Integrate:
    """Record how an objection (or block) was integrated."""

    name: str
    """Whose objection."""
    how: str
    """What was changed or agreed to meet it."""


@dataclass(frozen=True)
class Amend:
    """A new version of the proposal text; the next consent round is on it."""

    text: str
    """The amended proposal."""
    note: str = ""
    """What changed, optional."""


@dataclass(frozen=True)
class RecordOutcome:
    """Close the proposal with an outcome.

    adopted, adopted-with-concerns, not-adopted, deferred or withdrawn.
    """

    outcome: str
    """The outcome."""
    note: str = ""
    """A note for the decisions register, optional."""


@dataclass(frozen=True)
class SetReview:
    """Set (or clear) the review date of the current proposal's decision."""

    review: dt.date | None
    """When it comes up for review."""


# --- decide -------------------------------------------------------------------------


def _proposal(state: MeetingState) -> tuple[ItemState, Consent]:
    item = current(state, _("run the consent process"))
    consent = consent_of(item)
    if consent is None:
        raise DomainError(_("{title} is not a proposal item").format(title=repr(item.title)))
    if consent.stage == "decided":
        raise DomainError(_("this proposal is already decided (undo to reopen it)"))
    return item, consent


def _what(method: Method, pid: str) -> str:
    """A position as the sentence "… needs its reason" names it."""
    if method.name == "fist-to-five":
        if pid == "0":
            return _("a fist needs its reason")
        return _("a count below {n} needs its reason").format(n=method.pass_min)
    named = {
        "object": N_("an objection needs its reason"),
        "block": N_("a block needs its reason"),
        "8": N_("a veto needs its reason"),
    }
    if pid in named:
        return _(named[pid])
    found = method.position(pid)
    return _("{position} needs its reason").format(position=f"“{found.label}”" if found else pid)


def _end_reactions(state: MeetingState) -> list[Draft]:
    """Moving on from the quick reactions closes their round."""
    return round_model.end_drafts(state, "reactions")


def _to_consent_stage(state: MeetingState, item: ItemState, consent: Consent) -> list[Draft]:
    """A response opens the consent round, wherever the proposal stood."""
    if consent.stage == "consent":
        return []
    return [
        *_end_reactions(state),
        ("ConsentStageChanged", ConsentStageChangedData(item_id=item.id, stage="consent")),
    ]


def _stage(state: MeetingState, cmd: ConsentStage) -> list[Draft]:
    item, consent = _proposal(state)
    method = method_of(state, consent)
    stages = method.stage_ids()
    if cmd.stage not in stages:
        raise DomainError(
            _("{stage} is not a stage; use one of: {stages} (the stages of {method})").format(
                stage=repr(cmd.stage), stages=", ".join(stages), method=method.title
            )
        )
    if cmd.stage == consent.stage:
        raise DomainError(
            _("the proposal is already at: {stage}").format(stage=method.stage_label(cmd.stage))
        )
    out: list[Draft] = [
        *_end_reactions(state),
        ("ConsentStageChanged", ConsentStageChangedData(item_id=item.id, stage=cmd.stage)),
    ]
    if cmd.stage == "reactions" and round_model.active_round(state) is None:
        out.append(round_model.start_drafts(item, round_model.circle(state, item), "reactions"))
    return out


def _respond(state: MeetingState, cmd: Respond) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, _("a consent response"))
    method = method_of(state, consent)
    who = person(state, cmd.name)
    may_take_part(state, who, item)
    response = M.normalize(method, cmd.response)
    reason = cmd.reason.strip()
    if M.needs_reason(method, response) and not reason:
        raise DomainError(_what(method, response))
    data: ConsentResponseData = {
        "item_id": item.id,
        "version": consent.version,
        "name": who.name,
        "response": response,
        "reason": reason,
        "counted": who.role == "member",
    }
    opening = _to_consent_stage(state, item, consent)
    # A response that ends the quick reactions does not add its giver to them.
    ends_round = any(kind == "RoundEnded" for kind, _data in opening)
    return [
        *arrive_if_absent(state, who, join=not ends_round),
        *opening,
        ("ConsentResponse", data),
    ]


def _by_exception(state: MeetingState, cmd: ConsentByException) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, _("a consent round"))
    method = method_of(state, consent)
    response = M.normalize(method, cmd.response) if cmd.response.strip() else method.yes
    if response != method.yes:
        yes = method.position(method.yes)
        raise DomainError(
            _(
                "by exception, those not yet heard give {yes}; record any other response "
                "person by person"
            ).format(yes=yes.label.lower() if yes else method.yes)
        )
    names = list(tally(state, consent, item.id).missing)
    if not names:
        raise DomainError(_("every voting member present has already responded"))
    data: ConsentByExceptionData = {
        "item_id": item.id,
        "version": consent.version,
        "names": names,
        "response": response,
    }
    return [*_to_consent_stage(state, item, consent), ("ConsentByException", data)]


def _integrate(state: MeetingState, cmd: Integrate) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, _("integrating an objection"))
    method = method_of(state, consent)
    if not method.integrates:
        raise DomainError(
            _(
                "under {method} a blocking position stops the proposal: amend it (a new "
                "version, asked again) or record the outcome"
            ).format(method=method.title)
        )
    who = person(state, cmd.name)
    objected = [
        rnd.version
        for rnd in consent.rounds
        for r in rnd.responses
        if r.name == who.name and M.blocks(method, r.response)
    ]
    if not objected:
        raise DomainError(_("{name} has not objected to this proposal").format(name=who.name))
    if method.one_at_a_time:
        standing = tally(state, consent, item.id).blocking
        if standing and who.name in standing and standing[0] != who.name:
            raise DomainError(
                _(
                    "{method} resolves objections one at a time, in the order raised: "
                    "{name}'s first"
                ).format(method=method.heading, name=standing[0])
            )
    how = text(cmd.how, _("how the objection was integrated"))
    out: list[Draft] = []
    if consent.stage != "integrate":
        out.append(
            ("ConsentStageChanged", ConsentStageChangedData(item_id=item.id, stage="integrate"))
        )
    out.append(
        (
            "ObjectionIntegrated",
            ObjectionIntegratedData(item_id=item.id, name=who.name, how=how, version=objected[-1]),
        )
    )
    return out


def _amend(state: MeetingState, cmd: Amend) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, _("amending the proposal"))
    new = text(cmd.text, _("the amended proposal"))
    if new == consent.text:
        raise DomainError(_("the amended text is the same as the current version"))
    data: ProposalAmendedData = {
        "item_id": item.id,
        "version": consent.version + 1,
        "text": new,
        "note": cmd.note.strip(),
    }
    return [*_end_reactions(state), ("ProposalAmended", data)]


def _outcome(state: MeetingState, cmd: RecordOutcome) -> list[Draft]:
    item, consent = _proposal(state)
    if state.off_record:
        raise DomainError(
            _(
                "a decision cannot be taken off the record: go back on the record (o), "
                "then record the outcome"
            )
        )
    outcome = cmd.outcome.strip().lower().replace(" ", "-")
    check_outcome(outcome, tally(state, consent, item.id))
    data: DecisionRecordedData = {
        "decision_id": f"D{len(state.decisions) + 1}",
        "item_id": item.id,
        "outcome": outcome,
        "note": cmd.note.strip(),
    }
    return [("DecisionRecorded", data)]


def _review(state: MeetingState, cmd: SetReview) -> list[Draft]:
    item = current(state, _("set a review date"))
    on_record(state, _("a review date"))
    if consent_of(item) is None:
        raise DomainError(_("{title} is not a proposal item").format(title=repr(item.title)))
    # Any date is taken, one before the meeting too (minutes typed up later); the screen
    # warns about it. Refusing dates before *today* made past-dated meetings unusable.
    value = cmd.review.isoformat() if cmd.review else None
    return [("ReviewSet", ReviewSetData(item_id=item.id, review=value))]


# --- fold ---------------------------------------------------------------------------


def _folded(state: MeetingState, e: Event) -> Consent:
    consent = consent_of(state.items[e["item_id"]])
    assert consent is not None
    return consent


def _open_round(state: MeetingState, consent: Consent) -> ConsentRound:
    if consent.round is None:
        consent.rounds.append(
            ConsentRound(version=consent.version, presence_mark=len(state.attendance))
        )
    assert consent.round is not None
    return consent.round


def _fold_stage(state: MeetingState, e: Event) -> None:
    d = payload(e, ConsentStageChangedData)
    consent = _folded(state, e)
    consent.stage = d["stage"]
    if d["stage"] == "consent":
        _open_round(state, consent)


def _fold_response(state: MeetingState, e: Event) -> None:
    d = payload(e, ConsentResponseData)
    _open_round(state, _folded(state, e)).responses.append(
        Response(
            name=d["name"],
            response=d["response"],
            reason=d["reason"],
            counted=d["counted"],
            seen=len(state.attendance),
        )
    )


def _fold_by_exception(state: MeetingState, e: Event) -> None:
    d = payload(e, ConsentByExceptionData)
    rnd = _open_round(state, _folded(state, e))
    for name in d["names"]:
        rnd.responses.append(
            Response(
                name=name,
                response=d["response"],
                reason="",
                counted=True,
                by_exception=True,
                seen=len(state.attendance),
            )
        )


def _fold_integrated(state: MeetingState, e: Event) -> None:
    d = payload(e, ObjectionIntegratedData)
    _folded(state, e).integrations.append(
        Integration(name=d["name"], how=d["how"], version=int(d["version"]))
    )


def _fold_amended(state: MeetingState, e: Event) -> None:
    d = payload(e, ProposalAmendedData)
    consent = _folded(state, e)
    consent.versions.append(d["text"])
    consent.version_notes.append(d["note"])
    consent.stage = "consent"
    consent.rounds.append(
        ConsentRound(version=consent.version, presence_mark=len(state.attendance))
    )


def _fold_review(state: MeetingState, e: Event) -> None:
    d = payload(e, ReviewSetData)
    value = d["review"]
    review = dt.date.fromisoformat(value) if value else None
    _folded(state, e).review = review
    for decision in state.decisions:
        if decision.item_id == d["item_id"]:
            decision.review = review


def _fold_decision(state: MeetingState, e: Event) -> None:
    d = payload(e, DecisionRecordedData)
    item = state.items[d["item_id"]]
    consent = _folded(state, e)
    met, present, required = decision_quorum(state, item)
    last = consent.rounds[-1] if consent.rounds else None
    method = method_of(state, consent)
    counts: dict[str, int] = {}
    by_exception = 0
    concerns: list[tuple[str, str]] = []
    for r in last.by_name().values() if last else ():
        if r.counted and r.name not in item.recused:
            counts[r.response] = counts.get(r.response, 0) + 1
            by_exception += r.by_exception
        if method.concerns_after and r.response == "concern" and r.name not in item.recused:
            concerns.append((r.name, r.reason))
    # Every position of the method, zeros included; an old journal's word the method no
    # longer offers (consensus's concern) is kept when it was given.
    positions = {p.key: counts.get(p.id, 0) for p in method.positions}
    for word, n in counts.items():
        if method.position(word) is None:
            positions[word.replace("-", "_")] = n
    consent.stage = "decided"
    consent.decision_id = d["decision_id"]
    state.decisions.append(
        Decision(
            decision_id=d["decision_id"],
            item_id=item.id,
            title=item.title,
            text=consent.text,
            version=consent.version,
            outcome=d["outcome"],
            note=d["note"],
            rule=method.name,
            review=consent.review,
            quorum_met=met,
            voting_present=present,
            quorum_required=required,
            tally=counts,
            by_exception=by_exception,
            confidential=item.confidential,
            at=e.at,
            method=method.name,
            positions=positions,
            concerns=tuple(concerns),
        )
    )


def _from_agenda(item: Item) -> Consent | None:
    if item.proposal is None:
        return None
    # Read as prose: the agenda's line breaks are the editor's, not the proposal's.
    keys = item.process_keys
    method = keys.method if isinstance(keys, ConsentKeys) else None
    pass_min = keys.pass_min if isinstance(keys, ConsentKeys) else None
    return Consent(
        versions=[prose(item.proposal)],
        review=item.review,
        method=method,
        pass_min=pass_min,
    )


def _from_added(data: Mapping[str, Any]) -> Consent | None:
    proposal = data.get("proposal")
    if proposal is None:
        return None
    method = data.get("method")
    pass_min = data.get("pass_min")
    return Consent(
        versions=[proposal],
        method=method if isinstance(method, str) else None,
        pass_min=pass_min if isinstance(pass_min, int) else None,
    )


def _carried_keys(state: object) -> dict[str, Any]:
    """A proposal's own method and pass line, when the agenda set them."""
    if not isinstance(state, Consent):
        return {}
    keys: dict[str, Any] = {"method": state.method, "pass_min": state.pass_min}
    return {k: v for k, v in keys.items() if v is not None}


def _wording() -> Mapping[str, Any]:
    return {
        "ConsentStageChanged": lambda e: _("moved the proposal to {stage}").format(
            stage=_stage_word(e["stage"])
        ),
        "ConsentResponse": lambda e: _("{name}'s response ({response})").format(
            name=e["name"], response=response_word(e["response"])
        ),
        "ConsentByException": lambda e: _("{response} by exception for {n}").format(
            response=response_word(e["response"]), n=len(e["names"])
        ),
        "ObjectionIntegrated": lambda e: _("integrated {name}'s objection").format(name=e["name"]),
        "ProposalAmended": lambda e: _("amended the proposal (version {n})").format(n=e["version"]),
        "ReviewSet": lambda e: _("set the review date"),
        "DecisionRecorded": lambda e: _("recorded the outcome ({outcome})").format(
            outcome=outcome_word(e["outcome"])
        ),
    }


# --- payloads: the journal's contract for this process's events (`core/payloads.py`) ---


class ConsentStageChangedData(Payload):
    """ "ConsentStageChanged": the proposal moved to a stage of the consent process."""

    item_id: str
    stage: str


class ConsentResponseData(Payload):
    """ "ConsentResponse": one person's response, on one version."""

    item_id: str
    version: int
    name: str
    response: str
    reason: str
    counted: bool


class ConsentByExceptionData(Payload):
    """ "ConsentByException": those not yet heard give the method's yes."""

    item_id: str
    version: int
    names: list[str]
    response: str


class ObjectionIntegratedData(Payload):
    """ "ObjectionIntegrated": how an objection (or block) was integrated."""

    item_id: str
    name: str
    how: str
    version: int


class ProposalAmendedData(Payload):
    """ "ProposalAmended": a new version of the proposal text."""

    item_id: str
    version: int
    text: str
    note: str


class ReviewSetData(Payload):
    """ "ReviewSet": the review date (ISO), or None: cleared."""

    item_id: str
    review: str | None


class DecisionRecordedData(Payload):
    """ "DecisionRecorded": the proposal's outcome."""

    decision_id: str
    item_id: str
    outcome: str
    note: str


PROCESS = Process(
    name=KEYS.name,
    title=N_("Consent round"),
    kinds=KEYS.kinds,
    commands={
        ConsentStage: _stage,
        Respond: _respond,
        ConsentByException: _by_exception,
        Integrate: _integrate,
        Amend: _amend,
        RecordOutcome: _outcome,
        SetReview: _review,
    },
    payloads={
        "ConsentStageChanged": ConsentStageChangedData,
        "ConsentResponse": ConsentResponseData,
        "ConsentByException": ConsentByExceptionData,
        "ObjectionIntegrated": ObjectionIntegratedData,
        "ProposalAmended": ProposalAmendedData,
        "ReviewSet": ReviewSetData,
        "DecisionRecorded": DecisionRecordedData,
    },
    folds={
        "ConsentStageChanged": _fold_stage,
        "ConsentResponse": _fold_response,
        "ConsentByException": _fold_by_exception,
        "ObjectionIntegrated": _fold_integrated,
        "ProposalAmended": _fold_amended,
        "ReviewSet": _fold_review,
        "DecisionRecorded": _fold_decision,
    },
    wording=_wording(),
    quiet=frozenset({"ConsentStageChanged"}),
    from_agenda=_from_agenda,
    from_added=_from_added,
    agenda_keys=KEYS.agenda_keys,
    item_rules=KEYS.item_rules,
    carried_keys=_carried_keys,
)
"""The consent process, as the registry lists it."""
