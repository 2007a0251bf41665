"""Role selection, pure: the stages in order, nominations and changes, the nominee asked last,
objections resolved or another nominee proposed, refusals that change nothing, undo."""

from __future__ import annotations

from facilitator.core import commands as C
from facilitator.core.decide import describe
from facilitator.processes.round.model import last_round
from facilitator.processes.selection import model as S
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, FAY, Meeting, without_log
from tests.selection_support import ROLE, on_selection, sel_of


def nominated(m: Meeting) -> None:
    """The role presented, the nominations round held: Dee has three, Chen one (a guest's)."""
    m.do(S.SelectionStage("nominate"), S.SelectionStage("nominations"))
    m.do(
        S.Nominate(DEE, "she knows the network"),
        S.Nominate(DEE, "she reads every paper"),
        S.NominationPass(),
        S.Nominate(DEE, "I have the time this year"),
        S.Nominate(CHEN, "a good listener"),
    )


def proposed(m: Meeting) -> None:
    nominated(m)
    m.do(S.ProposeNominee(DEE, "three nominations, and the time"))


def test_the_role_is_presented_from_the_agenda() -> None:
    m = on_selection()
    s = sel_of(m)
    assert (s.role, s.term, s.stage) == (ROLE, "1 year", "present")
    assert s.qualifications.startswith("Reads the network's papers")
    assert s.nominee is None and s.selected is None


def test_the_nominations_round_goes_around_in_circle_order() -> None:
    m = on_selection()
    m.do(S.SelectionStage("nominate"))
    assert m.types(S.SelectionStage("nominations")) == ["SelectionStageChanged", "RoundStarted"]
    go = last_round(m.state.items["item-5"])
    # The observer is not asked; the guest is, and her nomination is advisory.
    assert go is not None and go.purpose == "nominations" and go.order == [ANA, BO, CHEN, DEE, ELI]
    assert m.state.speaker is not None and m.state.speaker.name == ANA
    assert m.types(S.Nominate(DEE, " she knows the network ")) == [
        "RoundAdvanced",
        "NominationMade",
    ]
    assert m.state.speaker is not None and m.state.speaker.name == BO
    m.do(S.Nominate(DEE, "she reads every paper"), S.NominationPass())
    m.do(S.Nominate(DEE, "I have the time"), S.Nominate(CHEN, "a good listener"))
    assert go.done and go.passed == [CHEN] and m.state.speaker is None
    s = sel_of(m)
    assert [(n.name, n.nominee, n.counted) for n in s.nominations] == [
        (ANA, DEE, True),
        (BO, DEE, True),
        (CHEN, None, True),
        (DEE, DEE, True),
        (ELI, CHEN, False),
    ]
    assert s.nominations[0].reason == "she knows the network"
    rows = S.counts(s)
    assert [(c.nominee, c.counted, c.advisory) for c in rows] == [(DEE, 3, 0), (CHEN, 0, 1)]
    assert rows[0].reasons[2] == (DEE, "I have the time")
    assert m.replayed() == m.state


def test_nominations_are_checked() -> None:
    m = on_selection()
    m.refused(S.Nominate(DEE), "made in the nominations round")
    m.do(S.SelectionStage("nominations"))
    m.refused(S.Nominate(ELI), "Eli Guest is not a voting member of the circle")
    m.refused(S.Nominate(FAY), "not a voting member")
    m.refused(S.Nominate("Zed"), "Zed is not on this meeting's participant list")
    m.refused(S.Nominate(DEE, name=FAY), "Fay Observer is an observer")
    m.do(S.Nominate(DEE))
    m.refused(S.Nominate(BO, name=ANA), "Ana Lima already nominated Dee Okafor: changes are made")
    m.refused(S.NominationPass(ANA), "Ana Lima has already nominated or passed")
    m.do(C.Recuse(CHEN, "she is my partner"))
    m.refused(S.Nominate(CHEN), "Chen Wu recused from this item")
    m.do(C.SetOffRecord(True))
    m.refused(S.Nominate(DEE), "off the record: a selection belongs in the minutes")


def test_a_recused_person_is_skipped_by_the_rounds() -> None:
    m = on_selection()
    m.do(C.Recuse(BO, "conflict of interest"), S.SelectionStage("nominations"))
    go = last_round(m.state.items["item-5"])
    assert go is not None and BO not in go.order


def test_the_change_round_needs_a_reason_and_a_change() -> None:
    m = on_selection()
    m.refused(S.SelectionStage("change"), "nobody has been nominated yet")
    nominated(m)
    m.do(S.SelectionStage("nominate"))
    m.refused(S.SelectionStage("nominations"), "everyone here has nominated or passed")
    assert m.types(S.SelectionStage("change")) == ["SelectionStageChanged", "RoundStarted"]
    m.refused(S.Nominate(BO), "a change of nomination needs its reason")
    m.refused(S.Nominate(DEE, "still her"), "Ana Lima already nominates Dee Okafor")
    assert m.types(S.NominationPass()) == ["RoundAdvanced"]  # Ana keeps hers
    m.do(S.NominationPass(), S.Nominate(DEE, "her reasons convinced me"))
    m.refused(S.NominationPass(ANA), "Ana Lima keeps their nomination: there is nothing to record")
    s = sel_of(m)
    change = s.nominations[-1]
    assert (change.name, change.nominee, change.change, change.was) == (CHEN, DEE, True, None)
    assert [(c.nominee, c.counted) for c in S.counts(s)] == [(DEE, 4), (CHEN, 0)]
    assert m.replayed() == m.state


def test_the_nominee_is_asked_last() -> None:
    m = on_selection()
    proposed(m)
    s = sel_of(m)
    item = m.state.items["item-5"]
    assert s.stage == "consent" and s.nominee == DEE
    assert S.consent_order(m.state, item, s) == [ANA, BO, CHEN, ELI, DEE]
    assert S.next_responder(m.state) == ANA
    m.refused(
        S.SelectionRespond("consent", name=DEE), "Dee Okafor is the nominee and is asked last"
    )
    m.do(S.SelectionRespond("consent"), S.SelectionRespond("consent"))
    m.refused(S.SelectionRespond("consent", name=DEE), "first hear Chen Wu")
    m.do(S.SelectionByException())  # Chen; Eli is a guest, Dee still to be asked
    assert S.next_responder(m.state) == ELI
    m.do(S.SelectionRespond("consent"))
    assert S.next_responder(m.state) == DEE
    m.do(S.SelectionRespond("consent"))
    assert S.next_responder(m.state) is None
    assert [r.name for r in s.rounds[0].responses] == [ANA, BO, CHEN, ELI, DEE]
    assert m.types(S.SelectNominee()) == ["NomineeSelected"]
    assert (s.stage, s.selected) == ("selected", DEE)
    m.refused(S.SelectionRespond("consent", name=BO), "Dee Okafor is already selected")
    assert m.replayed() == m.state


def test_an_objection_is_resolved_and_the_objector_asked_again() -> None:
    m = on_selection()
    proposed(m)
    s = sel_of(m)
    m.refused(S.SelectionRespond("object"), "an objection needs its reason")
    m.do(S.SelectionRespond("consent"), S.SelectionRespond("object", "two years is too long"))
    m.refused(S.ResolveObjection(ANA, "x"), "Ana Lima has no objection standing to Dee Okafor")
    m.refused(S.ResolveObjection(BO, " "), "how the objection was resolved cannot be empty")
    m.do(S.SelectionByException(), S.SelectionRespond("consent"), S.SelectionRespond("consent"))
    m.refused(S.SelectNominee(), r"an objection stands \(Bo Tran\)")
    assert m.types(S.ResolveObjection(BO, "a one-year term, reviewed at six months")) == [
        "SelectionStageChanged",
        "SelectionObjectionResolved",
    ]
    assert s.stage == "resolve"
    m.refused(S.SelectNominee(), "ask Bo Tran again")
    assert m.types(S.SelectionRespond("consent", name=BO)) == [
        "SelectionStageChanged",
        "SelectionResponse",
    ]
    m.do(S.SelectNominee())
    assert s.selected == DEE and s.rounds[0].resolutions[0].how.startswith("a one-year term")
    assert m.replayed() == m.state


def test_another_nominee_can_be_proposed() -> None:
    m = on_selection()
    proposed(m)
    m.do(S.SelectionRespond("consent"), S.SelectionRespond("object", "she chairs the budget"))
    m.refused(S.ProposeNominee(BO), "Bo Tran has not been nominated")
    m.do(S.ProposeNominee(CHEN, "the next strongest reasons"))
    s = sel_of(m)
    item = m.state.items["item-5"]
    assert [r.nominee for r in s.rounds] == [DEE, CHEN] and s.round is not None
    assert not s.round.responses
    m.refused(S.ProposeNominee(CHEN), "Chen Wu is already proposed")
    assert S.consent_order(m.state, item, s)[-1] == CHEN
    m.do(S.SelectionByException(), S.SelectionRespond("consent"), S.SelectionRespond("consent"))
    m.do(S.SelectNominee())
    assert s.selected == CHEN


def test_proposing_and_selecting_are_checked() -> None:
    m = on_selection()
    m.refused(S.SelectionRespond("consent"), "propose a nominee first")
    m.refused(S.SelectNominee(), "propose a nominee first")
    m.refused(S.ProposeNominee(DEE), r"has not been nominated \(nominated: nobody yet\)")
    m.refused(S.SelectionStage("present"), "already at: Present the role")
    m.refused(S.SelectionStage("vote"), "'vote' is not a stage")
    nominated(m)
    m.do(C.Leave(DEE))
    m.refused(S.ProposeNominee(DEE), "Dee Okafor is not here")
    m.do(C.Arrive(DEE), S.ProposeNominee(DEE))
    m.refused(S.SelectNominee(), "waiting for Ana Lima, Bo Tran, Chen Wu, Dee Okafor")
    m.do(C.FinishItem())
    m.refused(S.SelectNominee(), "no item is running")
    m.do(C.StartItem("item-3"))
    m.refused(S.SelectionStage("nominate"), "'Outreach plan' is not a selection item")


def test_every_step_is_undone() -> None:
    m = on_selection()
    steps = [
        S.SelectionStage("nominate"),
        S.SelectionStage("nominations"),
        S.Nominate(DEE, "she knows the network"),
        S.NominationPass(),
        S.Nominate(DEE, "a reader"),
        S.Nominate(DEE, "I have the time"),
        S.Nominate(CHEN, "listens"),
        S.SelectionStage("change"),
        S.NominationPass(),
        S.Nominate(DEE, "convinced", name=BO),
        S.ProposeNominee(DEE),
        S.SelectionRespond("object", "too busy"),
        S.ResolveObjection(ANA, "she drops the budget role"),
        S.SelectionRespond("consent", name=ANA),
        S.SelectionByException(),
        S.SelectionRespond("consent"),
        S.SelectionRespond("consent"),
        S.SelectNominee(),
    ]
    befores = []
    for step in steps:
        befores.append(without_log(m.replayed()))
        m.do(step)
    assert sel_of(m).selected == DEE
    # The walk writes every event type of the process (the scripted meeting has none).
    written = {e.type for e in m.state.events}
    assert set(S.PROCESS.events) <= written
    for before in reversed(befores):
        m.do(C.Undo())
        assert without_log(m.state) == before
        assert m.replayed() == m.state


def test_undo_wording_names_the_act() -> None:
    m = on_selection()
    assert describe(m.do(S.SelectionStage("nominations"))) == "started the round"
    assert describe(m.do(S.Nominate(DEE, "why not"))) == "Ana Lima's nomination (Dee Okafor)"
    assert describe(m.do(S.NominationPass())) == "Bo Tran's pass in the nominations"
    m.do(S.Nominate(DEE, "x"), S.Nominate(DEE, "y"), S.NominationPass())
    assert describe(m.do(S.ProposeNominee(DEE))) == "proposed Dee Okafor"
    assert describe(m.do(S.SelectionRespond("consent"))) == (
        "Ana Lima's response on Dee Okafor (consent)"
    )


def test_a_nominee_who_left_is_not_selected_without_their_consent() -> None:
    m = on_selection()
    proposed(m)
    m.do(S.SelectionByException(), S.SelectionRespond("consent"))  # the members, then Eli
    m.do(C.Leave(DEE))
    assert S.next_responder(m.state) is None
    m.refused(S.SelectNominee(), "Dee Okafor has not been asked: the nominee consents last")


def test_the_nominations_of_someone_recused_no_longer_count() -> None:
    m = on_selection()
    nominated(m)
    m.do(C.Recuse(ELI, "she applied for the role elsewhere"))
    assert [c.nominee for c in S.counts(sel_of(m), m.state.items["item-5"].recused)] == [DEE]
    m.refused(S.ProposeNominee(CHEN), r"Chen Wu has not been nominated \(nominated: Dee Okafor\)")
