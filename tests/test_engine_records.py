"""Issue 9 in the engine: passes, off the record, attendance, walk-ins, consent by exception,
the floor out of order, and the wording of objections, stand-asides and quorum."""

from __future__ import annotations

from facilitator.core import commands as C
from facilitator.core.stack import ordered
from facilitator.core.timing import decision_quorum, quorum, quorum_text
from facilitator.processes.consent.model import consent_of, suggested_outcome, tally
from facilitator.processes.round.model import last_round, rounds_of
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, Meeting, make_agenda, on_item, started

# --- a pass is not a turn ---------------------------------------------------------------


def test_a_pass_counts_for_nothing_in_talk_time_or_the_stack() -> None:
    m = on_item("item-1", present=(ANA, BO, CHEN))
    m.do(C.StartRound(BO))
    m.tick(40)
    m.do(C.RoundPass())  # Bo passes after 40 s of silence
    m.tick(30)
    m.do(C.RoundNext(), C.RoundNext())  # Chen speaks 30 s, Ana 0 s
    assert BO not in m.state.turn_totals
    assert BO not in m.state.spoke_on["item-1"]
    # Bo has not spoken on this item, Chen has: Bo goes first although queued second.
    m.do(C.Queue(CHEN), C.Queue(BO))
    placed = ordered(m.state)
    assert [p.entry.name for p in placed] == [BO, CHEN]
    assert placed[0].reason.startswith("hasn't spoken on this item; 0 turns")
    assert m.replayed() == m.state


def test_a_round_records_who_passed_and_who_did_not_respond() -> None:
    m = on_item("item-1", present=(ANA, BO, CHEN, DEE))
    m.do(C.StartRound(), C.RoundNext(), C.RoundPass(), C.Leave(DEE))
    m.tick(10)
    m.do(C.EndRound())
    item = m.state.items["item-1"]
    (go,) = rounds_of(item)
    assert (go.passed, go.not_reached) == ([BO], [CHEN, DEE])
    assert [(t.name, t.kind) for t in m.state.turns] == [(ANA, "round"), (BO, "pass")]
    assert CHEN not in m.state.turn_totals, "ending the round early is not Chen's turn"
    m.do(C.StartRound(CHEN))
    assert len(rounds_of(item)) == 2 and rounds_of(item)[0] is not last_round(item)


# --- off the record ---------------------------------------------------------------------


def test_off_the_record_marks_turns_and_ledgers_and_times_the_stretch() -> None:
    m = on_item("item-3")
    m.do(C.Queue(ANA), C.GiveFloor())
    m.tick(20)
    assert m.types(C.SetOffRecord(True)) == ["TurnEnded", "OffRecordSet"], "a turn is one side"
    m.do(C.Queue(BO), C.GiveFloor())
    m.do(C.AddAction("call the bank", CHEN), C.LogCredit(DEE, "hosting"))
    m.do(C.RaiseConflict("parking", (ANA, BO)))
    m.tick(300)
    m.do(C.SetOffRecord(False))
    m.do(C.AddAction("send minutes", ANA))
    s = m.state
    assert [(t.name, t.off_record) for t in s.all_turns()] == [(ANA, False), (BO, True)]
    assert [a.off_record for a in s.actions] == [True, False]
    assert s.credits[0].off_record and s.conflicts[0].off_record
    (stretch,) = s.off_periods
    assert (stretch.item_id, stretch.seconds(0)) == ("item-3", 300.0)
    assert m.replayed() == s


def test_a_decision_cannot_be_taken_off_the_record() -> None:
    m = on_item("item-4", present=(ANA, BO))
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "consent"), C.SetOffRecord(True))
    m.refused(C.RecordOutcome("adopted"), "a decision cannot be taken off the record: go back")
    m.refused(C.Respond(ANA, "concern"), "off the record: a consent response belongs in the")
    m.refused(C.ConsentByException(), "off the record")
    m.refused(C.Amend("v2"), "off the record: amending the proposal")
    m.refused(C.ExtendTimebox(60, "more"), "off the record: a timebox extension")
    m.refused(C.AddNote("x"), "notes are not kept")
    m.refused(C.Recuse(BO, "my sister"), "leave the reason empty")
    m.do(C.Recuse(BO))  # the recusal itself is a fact of the meeting
    m.do(C.SetOffRecord(False), C.RecordOutcome("adopted"))
    assert m.state.decisions[0].outcome == "adopted"


def test_an_on_record_conflict_is_not_updated_off_the_record() -> None:
    m = started()
    m.do(C.RaiseConflict("van"), C.SetOffRecord(True), C.RaiseConflict("rota"))
    m.refused(C.UpdateConflict("K1", status="resolved"), "updated on the record")
    m.do(C.UpdateConflict("K2", status="resolved"))


# --- attendance -------------------------------------------------------------------------


def test_arrivals_departures_returns_and_recusals_are_recorded_with_their_times() -> None:
    m = on_item("item-3", present=(ANA, BO))
    m.tick(60)
    m.do(C.Arrive(CHEN))
    m.tick(60)
    m.do(C.Leave(BO))
    m.tick(60)
    m.do(C.Queue(BO))  # queued again: evidently back, and the departure stays
    m.do(C.Recuse(CHEN, "drives the van"))
    log = [(a.name, a.event, a.item_id, a.reason) for a in m.state.attendance]
    assert log == [
        (CHEN, "arrived", None, ""),
        (BO, "left", None, ""),
        (BO, "returned", None, ""),
        (CHEN, "recused", "item-3", "drives the van"),
    ]
    assert [a.at for a in m.state.attendance][:3] == [
        "2026-11-24T18:01:00.000Z",
        "2026-11-24T18:02:00.000Z",
        "2026-11-24T18:03:00.000Z",
    ]
    assert m.state.person(BO).present  # type: ignore[union-attr]


def test_marking_present_before_the_start_is_not_an_arrival() -> None:
    m = Meeting()
    m.do(C.Arrive(ANA), C.StartMeeting((BO,)))
    assert m.state.attendance == []


def test_each_decision_records_quorum_and_voting_members_present_then() -> None:
    m = on_item("item-4", make_agenda(meeting={"quorum": 3}), present=(ANA, BO, CHEN))
    m.do(C.Recuse(CHEN), C.Respond(ANA, "consent"), C.Respond(BO, "consent"))
    assert decision_quorum(m.state, m.state.items["item-4"]) == (False, 2, 3)
    m.do(C.RecordOutcome("adopted"))
    d = m.state.decisions[0]
    assert (d.quorum_met, d.voting_present, d.quorum_required) == (False, 2, 3)


# --- walk-ins ---------------------------------------------------------------------------


def test_a_walk_in_joins_present_with_a_quick_key_and_undo_takes_them_back() -> None:
    m = on_item("item-3")
    keys = {p.key for p in m.state.people.values()}
    m.do(C.AddParticipant("  Gil Walker ", "guest", "Tenants' union"))
    gil = m.state.person("gil walker")
    assert gil is not None and (gil.name, gil.role, gil.org) == (
        "Gil Walker",
        "guest",
        "Tenants' union",
    )
    assert gil.present and gil.walk_in and gil.key and gil.key not in keys
    assert m.state.attendance[-1].event == "arrived"
    m.do(C.Queue("Gil Walker"), C.GiveFloor())
    assert m.state.speaker is not None and m.state.speaker.name == "Gil Walker"
    assert m.replayed() == m.state
    for _ in range(3):
        m.do(C.Undo())
    assert m.state.person("Gil Walker") is None


def test_a_walk_in_member_counts_for_quorum() -> None:
    m = started(make_agenda(meeting={"quorum": 3}), present=(ANA, BO))
    assert not quorum(m.state).met
    m.do(C.AddParticipant("Hana Sato", "member"))
    assert quorum(m.state).present == 3 and m.state.peak_voting == 3


def test_walk_in_names_must_be_new_and_roles_known() -> None:
    m = started()
    m.refused(C.AddParticipant("bo tran"), "Bo Tran is already on this meeting's participant list")
    m.refused(C.AddParticipant("  "), "the walk-in's name cannot be empty")
    m.refused(C.AddParticipant("Gil", "chair"), "'chair' is not a role; use one of: member")


# --- consent by exception ---------------------------------------------------------------


def test_consent_by_exception_for_a_room_of_55() -> None:
    people = [{"name": f"Member {n:02d}"} for n in range(1, 56)]
    items = [{"title": "Budget", "kind": "proposal", "duration": 20, "proposal": "Adopt it."}]
    m = Meeting(make_agenda(participants=people, items=items))
    m.do(C.StartMeeting(tuple(p["name"] for p in people)), C.StartItem())
    m.do(C.Respond("Member 03", "concern", "the reserve"), C.Respond("Member 07", "consent"))
    assert m.types(C.ConsentByException()) == ["ConsentByException"]
    consent = consent_of(m.state.items["item-1"])
    assert consent is not None
    t = tally(m.state, consent, "item-1")
    assert t.counts == {"concern": 1, "consent": 54} and t.missing == ()
    latest = consent.rounds[-1].by_name()
    assert latest["Member 03"].response == "concern" and not latest["Member 03"].by_exception
    assert sum(r.by_exception for r in latest.values()) == 53
    m.refused(C.ConsentByException(), "every voting member present has already responded")
    m.do(C.RecordOutcome("adopted-with-concerns"))
    assert m.state.decisions[0].by_exception == 53


def test_consent_by_exception_only_presumes_consent() -> None:
    m = on_item("item-4")
    m.refused(C.ConsentByException("concern"), "by exception, those not yet heard give consent")


# --- the floor out of order -------------------------------------------------------------


def test_the_floor_out_of_order_needs_a_reason_and_records_it() -> None:
    m = on_item("item-3")
    m.do(C.Queue(ANA), C.Queue(BO))
    m.refused(C.GiveFloorOutOfOrder(BO, " "), "the reason for giving the floor out of order")
    m.refused(C.GiveFloorOutOfOrder(ANA, "x"), "Ana Lima is next in the stack anyway")
    m.do(C.GiveFloorOutOfOrder(BO, "has to leave at 8"))
    assert m.state.speaker is not None
    assert (m.state.speaker.name, m.state.speaker.out_of_order) == (BO, "has to leave at 8")
    assert [e.name for e in m.state.stack] == [ANA], "Bo's waiting entry was taken"
    m.do(C.GiveFloorOutOfOrder(CHEN, "the treasurer answers"))  # not waiting at all
    assert m.state.turns[-1].out_of_order == "has to leave at 8"
    assert m.replayed() == m.state


# --- wording ----------------------------------------------------------------------------


def test_an_integrated_objection_no_longer_stands_until_it_is_raised_again() -> None:
    m = on_item("item-4", present=(ANA, BO))
    consent = consent_of(m.state.items["item-4"])
    assert consent is not None
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "object", "too soon"))
    assert tally(m.state, consent, "item-4").blocking == (BO,)
    m.do(C.Integrate(BO, "we wait a month"))
    t = tally(m.state, consent, "item-4")
    assert (t.blocking, t.integrated) == ((), (BO,))
    m.do(C.Respond(BO, "object", "still too soon"))  # objects again: it stands again
    assert tally(m.state, consent, "item-4").blocking == (BO,)
    m.do(C.Integrate(BO, "two months"), C.Respond(BO, "consent"))
    t = tally(m.state, consent, "item-4")
    assert (t.blocking, t.integrated, suggested_outcome(t)) == ((), (), "adopted")


def test_a_stand_aside_alone_is_adopted_not_adopted_with_concerns() -> None:
    m = on_item("item-4", present=(ANA, BO))
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "stand aside"))
    consent = consent_of(m.state.items["item-4"])
    assert consent is not None
    assert suggested_outcome(tally(m.state, consent, "item-4")) == "adopted"
    m.refused(C.RecordOutcome("adopted-with-concerns"), "no concerns were given")
    m.do(C.Respond(ANA, "concern", "cost"))
    assert suggested_outcome(tally(m.state, consent, "item-4")) == "adopted-with-concerns"
    m.refused(C.RecordOutcome("adopted"), "concerns were given: record adopted-with-concerns")


def test_one_quorum_wording() -> None:
    assert quorum_text(5, 3) == "5 voting members present, 3 needed"
    assert quorum_text(1, None) == "1 voting member present"
    m = started(make_agenda(meeting={"quorum": 3}), present=(ANA, BO, CHEN, ELI))
    assert quorum(m.state).text == "3 voting members present, 3 needed", "Eli is a guest"
    m.do(C.Leave(CHEN), C.Arrive(DEE))
    assert m.state.peak_voting == 3
