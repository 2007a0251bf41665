"""The consent process: stages, both vocabularies, reasons, amendments, outcomes, quorum, review."""

from __future__ import annotations

import datetime as dt

import pytest

from facilitator.core import commands as C
from facilitator.core.errors import DomainError
from facilitator.processes.consent.model import (
    Consent,
    consent_of,
    normalize,
    suggested_outcome,
    tally,
)
from facilitator.processes.round.model import last_round
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, FAY, Meeting, make_agenda, on_item

CONSENSUS = make_agenda(meeting={"decision_rule": "consensus"})


def consent(m: Meeting, item_id: str = "item-4") -> Consent:
    c = consent_of(m.state.items[item_id])
    assert c is not None
    return c


def all_consent(m: Meeting, *names: str) -> None:
    for name in names or (ANA, BO, CHEN, DEE):
        m.do(C.Respond(name, "consent"))


def test_the_stages_in_order() -> None:
    m = on_item("item-4")
    c = consent(m)
    assert (c.stage, c.version, c.text) == ("present", 1, "We adopt the 2027 budget.")
    m.do(C.ConsentStage("clarify"))
    m.do(C.Queue(BO, "clarify"), C.GiveFloor())
    assert m.types(C.ConsentStage("reactions")) == ["ConsentStageChanged", "RoundStarted"]
    go = last_round(m.state.items["item-4"])
    assert go is not None and go.purpose == "reactions" and go.order == [ANA, BO, CHEN, DEE, ELI]
    m.do(C.RoundNext(), C.RoundPass())
    assert m.types(C.ConsentStage("consent")) == ["RoundEnded", "ConsentStageChanged"]
    assert go.done and c.stage == "consent" and c.round is not None and c.round.version == 1
    m.do(C.Respond(BO, "object", "the reserve is too thin"))
    assert m.types(C.ConsentStage("integrate")) == ["ConsentStageChanged"]
    m.do(C.Integrate(BO, "we keep three months in reserve"))
    m.do(C.Amend("We adopt the 2027 budget with a 3-month reserve.", "reserve added"))
    assert (c.stage, c.version, c.round.version if c.round else None) == ("consent", 2, 2)
    assert c.versions == [
        "We adopt the 2027 budget.",
        "We adopt the 2027 budget with a 3-month reserve.",
    ]
    assert c.version_notes == ["", "reserve added"]
    assert c.integrations[0].name == BO and c.integrations[0].version == 1
    all_consent(m)
    m.do(C.RecordOutcome("adopted"))
    assert c.stage == "decided" and c.decision_id == "D1"
    assert [r.version for r in c.rounds] == [1, 2]


def test_stage_commands_are_checked() -> None:
    m = on_item("item-3")
    m.refused(C.ConsentStage("clarify"), "'Outreach plan' is not a proposal item")
    m.refused(C.Respond(BO, "consent"), "not a proposal item")
    m.do(C.StartItem("item-4"))
    m.refused(C.ConsentStage("present"), "already at: Present the proposal")
    m.refused(C.ConsentStage("vote"), "'vote' is not a stage; use one of: present, clarify")
    m.do(C.FinishItem())
    m.refused(C.ConsentStage("clarify"), "no item is running: start one before you run the consent")


def test_reactions_need_someone_present_for_the_round() -> None:
    m = on_item("item-4", present=())
    m.refused(C.ConsentStage("reactions"), "nobody is marked present")


def test_a_response_opens_the_consent_round_and_closes_the_reactions() -> None:
    m = on_item("item-4")
    m.do(C.ConsentStage("reactions"))
    assert m.types(C.Respond(ANA, "consent")) == [
        "RoundEnded",
        "ConsentStageChanged",
        "ConsentResponse",
    ]
    assert consent(m).stage == "consent"


@pytest.mark.parametrize(
    ("rule", "typed", "stored"),
    [
        ("consent", "consent", "consent"),
        ("consent", "Concern", "concern"),
        ("consent", "stand aside", "stand-aside"),
        ("consent", "stand_aside", "stand-aside"),
        ("consent", "standaside", "stand-aside"),
        ("consent", "object", "object"),
        ("consent", "objection", "object"),
        ("consent", "agree", "consent"),
        ("consent", "block", "object"),
        ("consensus", "agree", "agree"),
        ("consensus", " Stand Aside ", "stand-aside"),
        ("consensus", "stand-aside", "stand-aside"),
        ("consensus", "block", "block"),
        ("consensus", "consent", "agree"),
        ("consensus", "object", "block"),
        ("consensus", "objection", "block"),
    ],
)
def test_both_vocabularies_and_their_synonyms(rule: str, typed: str, stored: str) -> None:
    assert normalize(rule, typed) == stored


@pytest.mark.parametrize("rule", ["consent", "consensus"])
def test_a_word_outside_the_vocabulary_is_refused(rule: str) -> None:
    with pytest.raises(DomainError, match=f"'yes' is not a response under the {rule} method"):
        normalize(rule, "yes")


def test_consensus_rule_stores_its_own_words() -> None:
    m = on_item("item-4", agenda=CONSENSUS)
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "agree"))
    m.refused(C.Respond(CHEN, "object"), "a block needs its reason")
    m.do(C.Respond(CHEN, "object", "cost"))
    assert [r.response for r in consent(m).rounds[0].responses] == ["agree", "agree", "block"]
    m.refused(C.RecordOutcome("adopted"), r"cannot adopt while an objection stands \(Chen Wu\)")


def test_an_objection_needs_its_reason() -> None:
    m = on_item("item-4")
    m.refused(C.Respond(BO, "object"), "an objection needs its reason")
    m.refused(C.Respond(BO, "object", "   "), "an objection needs its reason")
    m.refused(C.Respond(BO, "maybe"), "'maybe' is not a response under the consent method")
    m.do(C.Respond(BO, "concern"))  # other responses may come without a reason


def test_who_may_respond_and_who_is_counted() -> None:
    m = on_item("item-4", present=(ANA, BO, CHEN))
    m.refused(C.Respond(FAY, "consent"), "observer")
    m.do(C.Recuse(CHEN))
    m.refused(C.Respond(CHEN, "consent"), "Chen Wu recused from this item")
    assert m.types(C.Respond(ELI, "object", "I would not")) == [
        "Arrived",
        "ConsentStageChanged",
        "ConsentResponse",
    ]
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "object", "too fast"))
    m.do(C.Respond(BO, "stand aside"))  # a later response replaces the earlier one
    t = tally(m.state, consent(m), "item-4")
    assert t.counts == {"consent": 1, "stand-aside": 1} and t.advisory == 1
    assert t.blocking == () and t.missing == (), "a guest's objection is advisory"
    # A stand-aside is not a concern: the proposal is adopted, the stand-aside kept with it.
    assert suggested_outcome(t) == "adopted"
    m.refused(C.RecordOutcome("adopted-with-concerns"), "no concerns were given: record adopted")
    m.do(C.RecordOutcome("Adopted", "Bo stands aside"))
    d = m.state.decisions[0]
    assert (d.outcome, d.note, d.tally) == ("adopted", "Bo stands aside", t.counts)


def test_a_response_given_before_recusing_is_not_counted() -> None:
    m = on_item("item-4", present=(ANA, BO))
    m.do(C.Respond(BO, "object", "mine"), C.Recuse(BO), C.Respond(ANA, "consent"))
    t = tally(m.state, consent(m), "item-4")
    assert t.counts == {"consent": 1} and t.blocking == ()
    m.do(C.RecordOutcome("adopted"))
    assert m.state.decisions[0].tally == {"consent": 1}
    assert m.state.decisions[0].voting_present == 1


def test_outcomes_the_tally_does_not_allow_are_refused_with_the_reason() -> None:
    m = on_item("item-4")
    m.refused(C.RecordOutcome("passed"), "'passed' is not an outcome; use one of: adopted")
    m.refused(C.RecordOutcome("adopted"), "no voting member has responded")
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "object", "cost"))
    m.refused(C.RecordOutcome("adopted-with-concerns"), "cannot adopt while an objection stands")
    m.do(C.Respond(BO, "consent"))
    m.refused(C.RecordOutcome("adopted"), "waiting for a response from Chen Wu, Dee Okafor")
    m.do(C.Leave(CHEN), C.Leave(DEE))
    m.do(C.RecordOutcome("adopted"))
    m.refused(C.Respond(ANA, "concern"), "already decided")
    m.refused(C.RecordOutcome("withdrawn"), "already decided")


@pytest.mark.parametrize("outcome", ["not-adopted", "deferred", "withdrawn", "not adopted"])
def test_closing_outcomes_need_no_responses(outcome: str) -> None:
    m = on_item("item-4")
    m.do(C.Respond(BO, "object", "no"))
    m.do(C.RecordOutcome(outcome))
    assert m.state.decisions[0].outcome == outcome.replace(" ", "-")


def test_an_objection_stands_until_the_proposal_is_amended() -> None:
    m = on_item("item-4")
    m.refused(C.Integrate(BO, "x"), "Bo Tran has not objected to this proposal")
    m.do(C.Respond(BO, "object", "too costly"))
    m.refused(C.Integrate(BO, " "), "how the objection was integrated cannot be empty")
    m.do(C.Integrate(BO, "we cut the cost"))
    t = tally(m.state, consent(m), "item-4")
    assert (t.blocking, t.integrated) == ((), (BO,)), "integrated: no longer standing"
    assert suggested_outcome(t) is None
    m.refused(C.RecordOutcome("adopted"), "the objection of Bo Tran was integrated: ask again")
    m.refused(C.Amend(" We adopt the 2027 budget. "), "the same as the current version")
    m.refused(C.Amend(""), "the amended proposal cannot be empty")
    m.do(C.Amend("We adopt a cheaper budget."))
    assert tally(m.state, consent(m), "item-4").counts == {}, "a new version, a new round"
    all_consent(m)
    m.do(C.RecordOutcome("adopted"))
    d = m.state.decisions[0]
    assert (d.text, d.version, d.tally) == ("We adopt a cheaper budget.", 2, {"consent": 4})


def test_a_decision_without_quorum_is_flagged() -> None:
    agenda = make_agenda(meeting={"quorum": "3"})
    m = on_item("item-4", agenda=agenda, present=(ANA, BO, CHEN))
    m.do(C.Recuse(CHEN))
    all_consent(m, ANA, BO)
    m.do(C.RecordOutcome("adopted"))
    d = m.state.decisions[0]
    assert (d.quorum_met, d.voting_present, d.quorum_required) == (False, 2, 3)
    m.do(C.Undo(), C.Arrive(DEE), C.Respond(DEE, "consent"), C.RecordOutcome("adopted"))
    d = m.state.decisions[0]
    assert (d.quorum_met, d.voting_present, d.quorum_required) == (True, 3, 3)


def test_the_decision_record() -> None:
    agenda = make_agenda(
        items=[
            {"title": "Pay rise", "kind": "proposal", "duration": 10, "proposal": "2% more."},
            {
                "title": "Sensitive",
                "kind": "proposal",
                "duration": 10,
                "proposal": "Settle.",
                "confidential": True,
            },
        ]
    )
    m = on_item("item-1", agenda=agenda)
    all_consent(m)
    m.tick(60)
    m.do(C.RecordOutcome("adopted", " unanimous "))
    m.do(C.StartItem(), C.RecordOutcome("withdrawn"))
    first, second = m.state.decisions
    assert (first.decision_id, first.item_id, first.title, first.text) == (
        "D1",
        "item-1",
        "Pay rise",
        "2% more.",
    )
    assert (first.rule, first.review, first.quorum_met, first.quorum_required) == (
        "consent",
        None,
        True,
        None,
    )
    assert first.note == "unanimous" and first.at == "2026-11-24T18:01:00.000Z"
    assert not first.confidential
    assert (second.decision_id, second.outcome, second.confidential) == ("D2", "withdrawn", True)


def test_review_date_from_the_agenda_or_set_live() -> None:
    m = on_item("item-4")
    assert consent(m).review == dt.date(2027, 6, 1)
    m.do(C.SetReview(dt.date(2026, 11, 20)))  # before the meeting: allowed (the screen warns)
    assert consent(m).review == dt.date(2026, 11, 20)
    m.do(C.SetReview(dt.date(2027, 1, 15)))
    assert consent(m).review == dt.date(2027, 1, 15)
    m.do(C.RecordOutcome("deferred"))
    assert m.state.decisions[0].review == dt.date(2027, 1, 15)
    m.do(C.SetReview(None))  # still allowed once decided: it updates the register
    assert consent(m).review is None and m.state.decisions[0].review is None
    m.do(C.StartItem("item-3"))
    m.refused(C.SetReview(dt.date(2027, 1, 1)), "'Outreach plan' is not a proposal item")


def test_an_amendment_during_reactions_closes_the_reactions_round() -> None:
    m = on_item("item-4")
    m.do(C.ConsentStage("reactions"))
    assert m.types(C.Amend("A better budget.")) == ["RoundEnded", "ProposalAmended"]
    assert m.types(C.ConsentStage("reactions")) == ["ConsentStageChanged", "RoundStarted"]


def test_moving_to_reactions_during_a_plain_round_keeps_that_round() -> None:
    m = on_item("item-4")
    m.do(C.StartRound())
    assert m.types(C.ConsentStage("reactions")) == ["ConsentStageChanged"]
