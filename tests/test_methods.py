"""The decision methods (issue 13): each method's positions, reasons, blocking and outcome rule,
run through the real session in milliseconds; then properties over every method (replay
equals live, undo restores, a refused command writes nothing, consent by exception never
overrides a position given)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.errors import DomainError
from facilitator.core.events import event_from_record
from facilitator.core.fold import replay
from facilitator.core.session import MemorySink, Session
from facilitator.processes.consent import methods as M
from facilitator.processes.consent.model import (
    consent_of,
    item_method,
    positions_for,
    suggested_outcome,
    tally,
)
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, Meeting, make_agenda, on_item, without_log

PROPOSAL = "item-4"


def agenda_for(method: str | None, rule: str = "consent", **item: Any) -> Agenda:
    """The base agenda with its proposal decided by `method` (None: the meeting's `rule`)."""
    proposal: dict[str, Any] = {
        "title": "Adopt the budget",
        "kind": "proposal",
        "duration": "20m",
        "proposal": "We adopt the 2027 budget.",
        **item,
    }
    if method is not None:
        proposal["method"] = method
    return make_agenda(
        meeting={"decision_rule": rule},
        items=[{"title": "Check-in", "kind": "round", "duration": "10m"}] * 3 + [proposal],
    )


def meeting(method: str | None, rule: str = "consent", **item: Any) -> Meeting:
    return on_item(PROPOSAL, agenda_for(method, rule, **item))


def decided(m: Meeting) -> Any:
    return m.state.decisions[-1]


def suggestion(m: Meeting) -> str | None:
    c = consent_of(m.state.items[PROPOSAL])
    assert c is not None
    return suggested_outcome(tally(m.state, c, PROPOSAL))


# --- the table ------------------------------------------------------------------------


def test_the_table_has_the_contracts_methods_and_positions() -> None:
    assert M.NAMES == (
        "consent",
        "sofa-consent",
        "s3-consent",
        "consensus",
        "gradients",
        "fist-to-five",
    )
    ids = {name: m.ids() for name, m in M.METHODS.items()}
    assert ids["consent"] == ("consent", "concern", "stand-aside", "object")
    assert ids["sofa-consent"] == ("consent", "object")
    assert ids["s3-consent"] == ("no-objection", "concern", "object")
    assert ids["consensus"] == ("agree", "stand-aside", "block")
    assert ids["gradients"] == tuple(str(n) for n in range(1, 9))
    assert ids["fist-to-five"] == tuple(str(n) for n in range(6))
    gradients = M.METHODS["gradients"]
    assert gradients.positions[0].label == "1 · Whole-hearted endorsement"
    assert gradients.positions[-1].label == "8 · Veto"
    for m in M.METHODS.values():
        # Every method's yes is one of its positions, and needs no reason and does not block.
        yes = m.position(m.yes)
        assert yes is not None and not yes.blocks and yes.reason != "required"
        # Every blocking position asks for its reason, and every method has its stages.
        assert all(p.reason == "required" for p in m.positions if p.blocks)
        assert m.stage_ids()[0] == "present" and "consent" in m.stage_ids()
        assert all(s.help for s in m.stages)


def test_fist_to_five_pass_line_sets_what_blocks() -> None:
    default = M.method_named("fist-to-five")
    assert [p.id for p in default.positions if p.blocks] == ["0", "1", "2"]
    assert [p.id for p in default.positions if p.reason == "required"] == ["0", "1", "2"]
    low = M.method_named("fist-to-five", 1)
    assert [p.id for p in low.positions if p.blocks] == ["0"]
    high = M.method_named("fist-to-five", 5)
    assert [p.id for p in high.positions if p.blocks] == ["0", "1", "2", "3", "4"]
    assert high.yes == "5"


# --- per method, through the session --------------------------------------------------


@pytest.mark.parametrize("method", M.NAMES)
def test_a_position_outside_the_method_is_refused_naming_its_positions(method: str) -> None:
    m = meeting(method)
    err = m.refused(C.Respond(ANA, "maybe"), f"not a response under the {method} method")
    for p in M.METHODS[method].positions:
        assert p.label in str(err)


def test_the_item_method_overrides_the_meetings_rule() -> None:
    m = meeting("sofa-consent", rule="consensus")
    item = m.state.items[PROPOSAL]
    assert item_method(m.state, item) is M.METHODS["sofa-consent"]
    assert positions_for(m.state, item) == ("consent", "object")
    by_rule = meeting(None, rule="gradients").state
    assert item_method(by_rule, by_rule.items[PROPOSAL]) is M.METHODS["gradients"]
    assert positions_for(by_rule, by_rule.items[PROPOSAL])[-1] == "8"


def test_sofa_has_no_concerns_and_an_objection_is_integrated_then_asked_again() -> None:
    m = meeting("sofa-consent")
    m.refused(C.Respond(ANA, "concern"), "not a response under the sofa-consent method")
    m.refused(C.Respond(ANA, "stand aside"), "not a response under the sofa-consent method")
    m.refused(C.Respond(ANA, "object"), "an objection needs its reason")
    m.do(C.Respond(ANA, "objection", "no reserve"))
    m.do(C.Respond(BO, "consent"), C.Respond(CHEN, "consent"), C.Respond(DEE, "consent"))
    assert suggestion(m) is None
    m.refused(C.RecordOutcome("adopted"), "cannot adopt while an objection stands")
    m.do(C.Integrate(ANA, "a reserve of three months"))
    m.refused(C.RecordOutcome("adopted"), "was integrated: ask again")
    m.do(C.Respond(ANA, "consent"))
    assert suggestion(m) == "adopted"
    m.do(C.RecordOutcome("adopted"))
    d = decided(m)
    assert (d.method, d.rule) == ("sofa-consent", "sofa-consent")
    assert d.positions == {"consent": 4, "objection": 0}


def test_s3_concerns_never_block_and_are_kept_to_consider_after() -> None:
    m = meeting("s3-consent")
    m.do(C.Respond(ANA, "concern", "the audit date"), C.Respond(BO, "no objection"))
    m.do(C.Respond(CHEN, "object", "harms the reserve"), C.Respond(DEE, "object", "too fast"))
    # One at a time, in the order raised: Dee's waits for Chen's.
    m.refused(C.Integrate(DEE, "slower"), "one at a time, in the order raised: Chen Wu's first")
    m.do(C.Integrate(CHEN, "reserve kept"))
    m.do(C.Respond(CHEN, "no-objection"))
    m.do(C.Integrate(DEE, "slower"), C.Respond(DEE, "consent"))  # consent: its "no objection"
    assert suggestion(m) == "adopted-with-concerns"
    m.do(C.RecordOutcome("adopted-with-concerns"))
    d = decided(m)
    assert d.positions == {"no_objection": 3, "concern": 1, "objection": 0}
    assert d.concerns == ((ANA, "the audit date"),)


def test_consensus_a_block_stops_it() -> None:
    m = meeting("consensus")
    m.refused(C.Respond(ANA, "concern"), "not a response under the consensus method")
    m.refused(C.Respond(ANA, "block"), "a block needs its reason")
    m.do(C.Respond(ANA, "block", "against our principles"), C.Respond(BO, "agree"))
    m.do(C.Respond(CHEN, "stand aside"), C.Respond(DEE, "agree"))
    assert suggestion(m) == "not-adopted"
    m.refused(C.RecordOutcome("adopted"), "cannot adopt while an objection stands")
    m.refused(C.Integrate(ANA, "x"), "a blocking position stops the proposal")
    m.refused(C.ConsentStage("integrate"), "is not a stage")
    m.do(C.ConsentStage("discuss"))
    m.do(C.RecordOutcome("not-adopted"))
    assert decided(m).positions == {"agree": 2, "stand_aside": 1, "block": 1}


def test_an_old_consensus_journal_with_concern_still_replays() -> None:
    # Written before consensus lost its concern: the event holds "concern"; folding it is fine.
    old = meeting(None, rule="consent")
    old.do(C.Respond(ANA, "concern", "timing"), C.Respond(BO, "consent"))
    old.do(C.Respond(CHEN, "consent"), C.Respond(DEE, "consent"))
    old.do(C.RecordOutcome("adopted-with-concerns"))
    records = [json.loads(json.dumps(r)) for r in old.sink.records]
    consensus = agenda_for(None, rule="consensus")
    state = replay(consensus, [event_from_record(r) for r in records])
    d = state.decisions[-1]
    assert d.method == "consensus" and d.positions["concern"] == 1
    assert d.positions["agree"] == 0 and d.outcome == "adopted-with-concerns"


def test_gradients_the_spread_and_a_veto() -> None:
    m = meeting("gradients")
    m.refused(C.Respond(ANA, "veto"), "a veto needs its reason")
    m.do(C.Respond(ANA, "1"), C.Respond(BO, "3", "some doubts"), C.Respond(CHEN, "6"))
    m.do(C.Respond(DEE, "Support with reservations"))
    assert suggestion(m) == "adopted"
    m.do(C.Respond(DEE, "8", "it breaks our lease"))
    assert suggestion(m) == "not-adopted"
    m.do(C.RecordOutcome("not-adopted"))
    spread = decided(m).positions
    assert spread == {"1": 1, "2": 0, "3": 1, "4": 0, "5": 0, "6": 1, "7": 0, "8": 1}


def test_fist_to_five_passes_when_nobody_is_below_pass_min() -> None:
    m = meeting("fist-to-five")
    m.refused(C.Respond(ANA, "2"), "a count below 3 needs its reason")
    m.refused(C.Respond(ANA, "fist"), "a fist needs its reason")
    m.do(C.Respond(ANA, "2", "the timeline"), C.Respond(BO, "5"), C.Respond(CHEN, "3"))
    m.do(C.Respond(DEE, "4"))
    assert suggestion(m) == "not-adopted"
    m.refused(C.RecordOutcome("adopted"), "cannot adopt")
    m.do(C.Amend("We adopt the 2027 budget, over two years.", "timeline"))
    m.do(C.Respond(ANA, "3"), C.ConsentByException())
    assert suggestion(m) == "adopted"
    m.do(C.RecordOutcome("adopted"))
    assert decided(m).positions == {"0": 0, "1": 0, "2": 0, "3": 4, "4": 0, "5": 0}


def test_fist_to_five_with_its_own_pass_line() -> None:
    m = meeting("fist-to-five", pass_min=1)
    m.do(C.Respond(ANA, "1"), C.Respond(BO, "2"), C.Respond(CHEN, "1"), C.Respond(DEE, "5"))
    assert suggestion(m) == "adopted"


@pytest.mark.parametrize("method", M.NAMES)
def test_consent_by_exception_records_the_methods_yes(method: str) -> None:
    m = meeting(method)
    m.do(C.ConsentByException())
    c = consent_of(m.state.items[PROPOSAL])
    assert c is not None and c.round is not None
    yes = M.METHODS[method].yes
    assert {r.name: r.response for r in c.round.responses} == dict.fromkeys(
        (ANA, BO, CHEN, DEE), yes
    )
    m.do(C.RecordOutcome("adopted"))
    assert decided(m).by_exception == 4


@pytest.mark.parametrize("method", M.NAMES)
def test_guests_are_advisory_under_every_method(method: str) -> None:
    m = meeting(method)
    yes = M.METHODS[method].yes
    m.do(C.Respond(ELI, yes))
    c = consent_of(m.state.items[PROPOSAL])
    assert c is not None
    t = tally(m.state, c, PROPOSAL)
    assert (t.counts, t.advisory) == ({}, 1)


def test_a_stage_outside_the_method_is_refused() -> None:
    m = meeting("gradients")
    m.refused(C.ConsentStage("reactions"), "the stages of Gradients of agreement")
    m.do(C.ConsentStage("clarify"))


# --- properties over every method ------------------------------------------------------


def _commands(method: M.Method) -> st.SearchStrategy[Any]:
    people = st.sampled_from((ANA, BO, CHEN, DEE, ELI))
    words = st.sampled_from([*method.ids(), "maybe", *(w for w, _ in method.synonyms)])
    reasons = st.sampled_from(["", "because"])
    return st.one_of(
        st.builds(C.Respond, people, words, reasons),
        st.just(C.ConsentByException()),
        st.builds(C.Integrate, people, st.just("met")),
        st.builds(C.ConsentStage, st.sampled_from([*method.stage_ids(), "vote"])),
        st.just(C.Amend("A new text.", "")),
        st.builds(
            C.RecordOutcome, st.sampled_from(["adopted", "adopted-with-concerns", "not-adopted"])
        ),
        st.just(C.Undo()),
    )


@settings(max_examples=40, deadline=None)
@given(
    data=st.data(),
    method=st.sampled_from(M.NAMES),
    pass_min=st.sampled_from([None, 0, 2, 5]),
)
def test_every_method_replays_undoes_and_refuses_cleanly(
    data: st.DataObject, method: str, pass_min: int | None
) -> None:
    extra: dict[str, Any] = {}
    if method == "fist-to-five" and pass_min is not None:
        extra["pass_min"] = pass_min
    agenda = agenda_for(method, **extra)
    m = on_item(PROPOSAL, agenda)
    kind = M.method_named(method, pass_min)
    for command in data.draw(st.lists(_commands(kind), max_size=14)):
        before = replay(agenda, m.state.events)
        written = len(m.sink.records)
        given_before = _given(m)
        try:
            m.session.do(command)
        except DomainError:
            assert m.state == before and len(m.sink.records) == written
            continue
        if isinstance(command, C.ConsentByException):
            # Exception fills in the silent: it never overrides a position someone gave.
            after = _given(m)
            assert all(after[name] == word for name, word in given_before.items())
        if not isinstance(command, C.Undo):
            copy = Session(agenda, MemorySink(), FakeClock(m.clock.mono), m.state.events)
            copy.do(C.Undo())
            assert without_log(copy.state) == without_log(before)
        records = [json.loads(json.dumps(r)) for r in m.sink.records]
        assert replay(agenda, [event_from_record(r) for r in records]) == m.state
    for d in m.state.decisions:
        assert [k for k in d.positions][: len(kind.positions)] == [p.key for p in kind.positions]


def _given(m: Meeting) -> dict[str, str]:
    c = consent_of(m.state.items[PROPOSAL])
    rnd = c.round if c is not None else None
    return {n: r.response for n, r in rnd.by_name().items()} if rnd is not None else {}
