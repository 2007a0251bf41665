"""The consent process: stages, the response vocabularies, the tally and what outcome it allows.

Stages follow sociocratic consent: present the proposal → clarifying
questions → quick reactions (a round) → consent round → integrate objections
(amend: a new version, and the consent round runs again) → decided.

Vocabularies. Under `decision_rule = "consent"`: consent, concern,
stand-aside, object. Under "consensus": agree, concern, stand-aside, block.
Either vocabulary is accepted under either rule and stored in the rule's own
words: consent ⇄ agree and object ⇄ block are the same act. Only voting
members are counted; guests' responses are recorded as advisory.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.core.errors import DomainError
from facilitator.core.state import Consent, ConsentRound, MeetingState

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

BLOCKING = {"object", "block"}
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
