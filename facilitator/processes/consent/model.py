"""The consent process, pure: its state, vocabularies, tally, commands, decide and fold handlers.

Stages follow sociocratic consent: present the proposal → clarifying
questions → quick reactions (a round) → consent round → integrate objections
(amend: a new version, and the consent round runs again) → decided.

Vocabularies. Under `decision_rule = "consent"`: consent, concern,
stand-aside, object. Under "consensus": agree, concern, stand-aside, block.
Either vocabulary is accepted under either rule and stored in the rule's own
words: consent ⇄ agree and object ⇄ block are the same act. Only voting
members are counted; guests' responses are recorded as advisory.

Its state on a proposal item is `Consent`, at `item.process["consent"]`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from facilitator.core.errors import DomainError
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
from facilitator.processes.round import model as round_model
from facilitator.processes.unit import Process

if TYPE_CHECKING:
    from facilitator.core.agenda import Item
    from facilitator.core.events import Event
    from facilitator.core.state import Attendee, ItemState, MeetingState

NAME = "consent"
"""The key of this process in the registry and in `ItemState.process`."""

# --- state --------------------------------------------------------------------------


@dataclass
class Response:
    """One response in a consent round."""

    name: str
    """Who."""
    response: str
    """consent, concern, stand-aside, object / agree, concern, stand-aside, block."""
    reason: str
    """Why (always present for object and block)."""
    counted: bool
    """False for guests (advisory) and for anyone not a voting member."""
    by_exception: bool = False
    """Recorded by "everyone not yet heard consents", not given one by one."""


@dataclass
class ConsentRound:
    """The responses to one version of the proposal."""

    version: int
    """Which version (1 = as on the agenda)."""
    responses: list[Response] = field(default_factory=list)
    """In the order they were given; a later response by the same person replaces theirs."""

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


# --- the rules ----------------------------------------------------------------------

STAGES = ("present", "clarify", "reactions", "consent", "integrate")
"""The stages a facilitator can move a proposal to (decided comes from RecordOutcome)."""

STAGE_LABELS = {
    "present": "Present the proposal",
    "clarify": "Clarifying questions",
    "reactions": "Quick reactions round",
    "consent": "Consent round",
    "integrate": "Integrate objections",
    "decided": "Decided",
}
"""How each stage reads on screen and in the minutes."""

VOCABULARY = {
    "consent": ("consent", "concern", "stand-aside", "object"),
    "consensus": ("agree", "concern", "stand-aside", "block"),
}
"""The responses of each rule, in the order the panel offers them."""

_SYNONYMS = {
    "consent": {"agree": "consent", "block": "object", "objection": "object"},
    "consensus": {"consent": "agree", "object": "block", "objection": "block"},
}

OUTCOMES = ("adopted", "adopted-with-concerns", "not-adopted", "deferred", "withdrawn")
"""Every outcome a proposal can close with."""

BLOCKING = frozenset({"object", "block"})
"""Responses that stop adoption until integrated."""


def normalize(rule: str, response: str) -> str:
    """The response in the rule's own words; DomainError if it is not a response at all."""
    word = response.strip().lower().replace(" ", "-").replace("_", "-")
    word = {"standaside": "stand-aside", "stand-asides": "stand-aside"}.get(word, word)
    word = _SYNONYMS[rule].get(word, word)
    if word not in VOCABULARY[rule]:
        raise DomainError(
            f"{response!r} is not a response under the {rule} rule; "
            f"use one of: {', '.join(VOCABULARY[rule])}"
        )
    return word


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


def tally(state: MeetingState, consent: Consent, item_id: str) -> Tally:
    """The tally of the consent round on the current version."""
    rnd = consent.round or ConsentRound(version=consent.version)
    item = state.items[item_id]
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
    objecting = [n for n, r in latest.items() if r.counted and r.response in BLOCKING]
    # An integration answers the objection made before it; a later objection stands again.
    integrated = tuple(n for n in objecting if n in met and _integrated_after(consent, rnd, n))
    blocking = tuple(n for n in objecting if n not in integrated)
    missing = tuple(
        p.name
        for p in state.people.values()
        if p.role == "member" and p.present and p.name not in item.recused and p.name not in latest
    )
    return Tally(
        counts=counts, advisory=advisory, blocking=blocking, missing=missing, integrated=integrated
    )


def _integrated_after(consent: Consent, rnd: ConsentRound, name: str) -> bool:
    """Whether `name`'s latest objection on this version was integrated (counted by position:
    the n-th integration of theirs on this version answers their n-th objection on it)."""
    objections = sum(1 for r in rnd.responses if r.name == name and r.response in BLOCKING)
    integrations = sum(
        1 for g in consent.integrations if g.name == name and g.version == consent.version
    )
    return integrations >= objections


def suggested_outcome(t: Tally) -> str | None:
    """What the tally supports: None while objections stand or nobody has responded."""
    if t.blocking or t.integrated or not t.counts:
        return None
    # A stand-aside is not a concern: it is recorded with the decision, which is adopted.
    if "concern" in t.counts:
        return "adopted-with-concerns"
    return "adopted"


def check_outcome(outcome: str, t: Tally) -> None:
    """Refuse an outcome the tally does not allow, saying why."""
    if outcome not in OUTCOMES:
        raise DomainError(f"{outcome!r} is not an outcome; use one of: {', '.join(OUTCOMES)}")
    if outcome in ("adopted", "adopted-with-concerns"):
        if not t.counts:
            raise DomainError("no voting member has responded in a consent round on this version")
        if t.blocking:
            names = ", ".join(t.blocking)
            raise DomainError(
                f"cannot adopt while an objection stands ({names}): integrate it and amend "
                "the proposal, or record not-adopted, deferred or withdrawn"
            )
        if t.integrated:
            names = ", ".join(t.integrated)
            raise DomainError(
                f"the objection of {names} was integrated: ask again (R) or amend the "
                "proposal (A, a new version) before adopting"
            )
        if t.missing:
            raise DomainError(
                f"waiting for a response from {', '.join(t.missing)} (or mark them as left)"
            )
        if outcome == "adopted" and "concern" in t.counts:
            raise DomainError("concerns were given: record adopted-with-concerns")
        if outcome == "adopted-with-concerns" and "concern" not in t.counts:
            raise DomainError(
                "no concerns were given: record adopted (stand-asides are kept with the decision)"
            )


def vocabulary(state: MeetingState) -> tuple[str, ...]:
    """The responses under the agenda's decision rule, in the order the panel offers them."""
    return VOCABULARY[str(state.agenda.meeting.decision_rule)]


def positions_for(state: MeetingState, item: ItemState) -> tuple[str, ...]:
    """The positions a member may give on `item` now: the rule's vocabulary while its proposal
    is open, nothing for an item that is not a proposal or is already decided."""
    consent = consent_of(item)
    if consent is None or consent.stage == "decided":
        return ()
    return vocabulary(state)


def responders(state: MeetingState, item: ItemState) -> list[Attendee]:
    """Who is asked in the consent round on `item`, in circle order: present, not an observer,
    not recused (guests too: their responses are recorded as advisory)."""
    return [
        p
        for p in state.people.values()
        if p.present and p.role != "observer" and p.name not in item.recused
    ]


def next_responder(state: MeetingState, item: ItemState | None = None) -> str | None:
    """Whose turn it is in the consent round on `item` (default: the current item): the first
    of `responders` in circle order without a response on the current version."""
    item = item if item is not None else state.current_item
    consent = consent_of(item)
    if item is None or consent is None:
        return None
    rnd = consent.round
    answered = rnd.by_name() if rnd else {}
    return next((p.name for p in responders(state, item) if p.name not in answered), None)


def objectors(consent: Consent) -> list[str]:
    """Everyone who objected (or blocked) on any version, in the order they first did."""
    names: list[str] = []
    for rnd in consent.rounds:
        for r in rnd.responses:
            if r.response in BLOCKING and r.name not in names:
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

    Consent rule: consent, concern, stand-aside, object. Consensus rule: agree,
    concern, stand-aside, block. An objection or block needs its reason.
    """

    name: str
    """Who responds."""
    response: str
    """Their response."""
    reason: str = ""
    """Why (required for object and block; welcome for the others)."""


@dataclass(frozen=True)
class ConsentByException:
    """Every voting member present who has not yet responded gives `response` (consent by
    exception: the room is asked "does anyone object?"). Those who responded keep theirs."""

    response: str = "consent"
    """consent (agree under consensus)."""


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
    item = current(state, "run the consent process")
    consent = consent_of(item)
    if consent is None:
        raise DomainError(f"{item.title!r} is not a proposal item")
    if consent.stage == "decided":
        raise DomainError("this proposal is already decided (undo to reopen it)")
    return item, consent


def _end_reactions(state: MeetingState) -> list[Draft]:
    """Moving on from the quick reactions closes their round."""
    return round_model.end_drafts(state, "reactions")


def _to_consent_stage(state: MeetingState, item: ItemState, consent: Consent) -> list[Draft]:
    """A response opens the consent round, wherever the proposal stood."""
    if consent.stage == "consent":
        return []
    return [*_end_reactions(state), ("ConsentStageChanged", {"item_id": item.id, "stage": "consent"})]


def _stage(state: MeetingState, cmd: ConsentStage) -> list[Draft]:
    item, consent = _proposal(state)
    if cmd.stage not in STAGES:
        raise DomainError(f"{cmd.stage!r} is not a stage; use one of: {', '.join(STAGES)}")
    if cmd.stage == consent.stage:
        raise DomainError(f"the proposal is already at: {STAGE_LABELS[cmd.stage]}")
    out: list[Draft] = [
        *_end_reactions(state),
        ("ConsentStageChanged", {"item_id": item.id, "stage": cmd.stage}),
    ]
    if cmd.stage == "reactions" and round_model.active_round(state) is None:
        out.append(round_model.start_drafts(item, round_model.circle(state, item), "reactions"))
    return out


def _respond(state: MeetingState, cmd: Respond) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, "a consent response")
    rule = str(state.agenda.meeting.decision_rule)
    who = person(state, cmd.name)
    may_take_part(state, who, item)
    response = normalize(rule, cmd.response)
    reason = cmd.reason.strip()
    if response in BLOCKING and not reason:
        raise DomainError(
            f"{'a block' if response == 'block' else 'an objection'} needs its reason"
        )
    data = {
        "item_id": item.id,
        "version": consent.version,
        "name": who.name,
        "response": response,
        "reason": reason,
        "counted": who.role == "member",
    }
    return [
        *arrive_if_absent(state, who),
        *_to_consent_stage(state, item, consent),
        ("ConsentResponse", data),
    ]


def _by_exception(state: MeetingState, cmd: ConsentByException) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, "a consent round")
    rule = str(state.agenda.meeting.decision_rule)
    response = normalize(rule, cmd.response)
    if response != VOCABULARY[rule][0]:
        raise DomainError(
            f"by exception, those not yet heard give {VOCABULARY[rule][0]}; "
            "record any other response person by person"
        )
    names = list(tally(state, consent, item.id).missing)
    if not names:
        raise DomainError("every voting member present has already responded")
    data = {"item_id": item.id, "version": consent.version, "names": names, "response": response}
    return [*_to_consent_stage(state, item, consent), ("ConsentByException", data)]


def _integrate(state: MeetingState, cmd: Integrate) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, "integrating an objection")
    who = person(state, cmd.name)
    objected = [
        rnd.version
        for rnd in consent.rounds
        for r in rnd.responses
        if r.name == who.name and r.response in BLOCKING
    ]
    if not objected:
        raise DomainError(f"{who.name} has not objected to this proposal")
    how = text(cmd.how, "how the objection was integrated")
    out: list[Draft] = []
    if consent.stage != "integrate":
        out.append(("ConsentStageChanged", {"item_id": item.id, "stage": "integrate"}))
    out.append(
        (
            "ObjectionIntegrated",
            {"item_id": item.id, "name": who.name, "how": how, "version": objected[-1]},
        )
    )
    return out


def _amend(state: MeetingState, cmd: Amend) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, "amending the proposal")
    new = text(cmd.text, "the amended proposal")
    if new == consent.text:
        raise DomainError("the amended text is the same as the current version")
    data = {
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
            "a decision cannot be taken off the record: go back on the record (o), "
            "then record the outcome"
        )
    outcome = cmd.outcome.strip().lower().replace(" ", "-")
    check_outcome(outcome, tally(state, consent, item.id))
    data = {
        "decision_id": f"D{len(state.decisions) + 1}",
        "item_id": item.id,
        "outcome": outcome,
        "note": cmd.note.strip(),
    }
    return [("DecisionRecorded", data)]


def _review(state: MeetingState, cmd: SetReview) -> list[Draft]:
    item = current(state, "set a review date")
    on_record(state, "a review date")
    if consent_of(item) is None:
        raise DomainError(f"{item.title!r} is not a proposal item")
    # Any date is taken, one before the meeting too (minutes typed up later); the screen
    # warns about it. Refusing dates before *today* made past-dated meetings unusable.
    value = cmd.review.isoformat() if cmd.review else None
    return [("ReviewSet", {"item_id": item.id, "review": value})]


# --- fold ---------------------------------------------------------------------------


def _folded(state: MeetingState, e: Event) -> Consent:
    consent = consent_of(state.items[e["item_id"]])
    assert consent is not None
    return consent


def _open_round(consent: Consent) -> ConsentRound:
    if consent.round is None:
        consent.rounds.append(ConsentRound(version=consent.version))
    assert consent.round is not None
    return consent.round


def _fold_stage(state: MeetingState, e: Event) -> None:
    consent = _folded(state, e)
    consent.stage = e["stage"]
    if e["stage"] == "consent":
        _open_round(consent)


def _fold_response(state: MeetingState, e: Event) -> None:
    _open_round(_folded(state, e)).responses.append(
        Response(name=e["name"], response=e["response"], reason=e["reason"], counted=e["counted"])
    )


def _fold_by_exception(state: MeetingState, e: Event) -> None:
    rnd = _open_round(_folded(state, e))
    for name in e["names"]:
        rnd.responses.append(
            Response(name=name, response=e["response"], reason="", counted=True, by_exception=True)
        )


def _fold_integrated(state: MeetingState, e: Event) -> None:
    _folded(state, e).integrations.append(
        Integration(name=e["name"], how=e["how"], version=int(e["version"]))
    )


def _fold_amended(state: MeetingState, e: Event) -> None:
    consent = _folded(state, e)
    consent.versions.append(e["text"])
    consent.version_notes.append(e["note"])
    consent.stage = "consent"
    consent.rounds.append(ConsentRound(version=consent.version))


def _fold_review(state: MeetingState, e: Event) -> None:
    value = e["review"]
    review = dt.date.fromisoformat(value) if value else None
    _folded(state, e).review = review
    for decision in state.decisions:
        if decision.item_id == e["item_id"]:
            decision.review = review


def _fold_decision(state: MeetingState, e: Event) -> None:
    item = state.items[e["item_id"]]
    consent = _folded(state, e)
    met, present, required = decision_quorum(state, item)
    last = consent.rounds[-1] if consent.rounds else None
    counts: dict[str, int] = {}
    by_exception = 0
    for r in last.by_name().values() if last else ():
        if r.counted and r.name not in item.recused:
            counts[r.response] = counts.get(r.response, 0) + 1
            by_exception += r.by_exception
    consent.stage = "decided"
    consent.decision_id = e["decision_id"]
    state.decisions.append(
        Decision(
            decision_id=e["decision_id"],
            item_id=item.id,
            title=item.title,
            text=consent.text,
            version=consent.version,
            outcome=e["outcome"],
            note=e["note"],
            rule=str(state.agenda.meeting.decision_rule),
            review=consent.review,
            quorum_met=met,
            voting_present=present,
            quorum_required=required,
            tally=counts,
            by_exception=by_exception,
            confidential=item.confidential,
            at=e.at,
        )
    )


def _from_agenda(item: Item) -> Consent | None:
    if item.proposal is None:
        return None
    # Read as prose: the agenda's line breaks are the editor's, not the proposal's.
    return Consent(versions=[prose(item.proposal)], review=item.review)


def _from_added(data: Mapping[str, Any]) -> Consent | None:
    proposal = data.get("proposal")
    return Consent(versions=[proposal]) if proposal is not None else None


def _wording() -> Mapping[str, Any]:
    return {
        "ConsentStageChanged": lambda e: f"moved the proposal to {e['stage']}",
        "ConsentResponse": lambda e: f"{e['name']}'s response ({e['response']})",
        "ConsentByException": lambda e: f"{e['response']} by exception for {len(e['names'])}",
        "ObjectionIntegrated": lambda e: f"integrated {e['name']}'s objection",
        "ProposalAmended": lambda e: f"amended the proposal (version {e['version']})",
        "ReviewSet": lambda e: "set the review date",
        "DecisionRecorded": lambda e: f"recorded the outcome ({e['outcome']})",
    }


PROCESS = Process(
    name=NAME,
    title="Consent round",
    kinds=("proposal",),
    commands={
        ConsentStage: _stage,
        Respond: _respond,
        ConsentByException: _by_exception,
        Integrate: _integrate,
        Amend: _amend,
        RecordOutcome: _outcome,
        SetReview: _review,
    },
    events={
        "ConsentStageChanged": ("item_id", "stage"),
        "ConsentResponse": ("item_id", "version", "name", "response", "reason", "counted"),
        "ConsentByException": ("item_id", "version", "names", "response"),
        "ObjectionIntegrated": ("item_id", "name", "how", "version"),
        "ProposalAmended": ("item_id", "version", "text", "note"),
        "ReviewSet": ("item_id", "review"),
        "DecisionRecorded": ("decision_id", "item_id", "outcome", "note"),
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
)
"""The consent process, as the registry lists it."""
