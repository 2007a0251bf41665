"""Rounds: a go-around in circle order from anyone, skipping absentees, with a pointer and pass."""

from __future__ import annotations

from facilitator.core import commands as C
from facilitator.processes.round.model import GoAround, last_round
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, FAY, Meeting, on_item


def go(m: Meeting) -> GoAround:
    item = m.state.current_item
    found = last_round(item)
    assert found is not None
    return found


def test_a_round_goes_around_in_circle_order_skipping_absentees_and_observers() -> None:
    m = on_item("item-1", present=(ANA, CHEN, DEE, ELI, FAY))
    m.do(C.StartRound())
    assert go(m).order == [ANA, CHEN, DEE, ELI], "Bo is absent, Fay observes"
    assert go(m).current == ANA and go(m).purpose == "round"
    speaker = m.state.speaker
    assert speaker is not None and (speaker.name, speaker.kind) == (ANA, "round")
    m.tick(30)
    m.do(C.RoundNext())
    m.tick(5)
    m.do(C.RoundPass())
    m.tick(20)
    assert m.types(C.EndTurn()) == ["RoundAdvanced"], "ending a round turn moves the pointer"
    assert go(m).current == ELI and go(m).passed == [CHEN]
    m.do(C.RoundNext())
    assert go(m).done and go(m).current is None and m.state.speaker is None
    # A pass is logged in its place, but it is no turn: no talk time, nothing for the stack.
    assert [(t.name, t.kind, t.seconds(0)) for t in m.state.turns] == [
        (ANA, "round", 30.0),
        (CHEN, "pass", 0.0),
        (DEE, "round", 20.0),
        (ELI, "round", 0.0),
    ]
    assert CHEN not in m.state.turn_totals and CHEN not in m.state.spoke_on["item-1"]
    assert [t.name for t in m.state.all_turns()] == [ANA, DEE, ELI]
    m.refused(C.RoundNext(), "no round is going")
    m.refused(C.RoundPass(), "no round is going")
    m.refused(C.EndRound(), "no round is going")
    m.do(C.StartRound(DEE))  # another round on the same item
    assert go(m).order == [DEE, ELI, ANA, CHEN] and go(m).passed == []


def test_a_round_can_start_anywhere_and_wraps_around() -> None:
    m = on_item("item-1")
    m.do(C.StartRound("chen wu"))
    assert go(m).order == [CHEN, DEE, ELI, ANA, BO]
    m.refused(C.StartRound(), "a round is already going")


def test_a_round_cannot_start_from_someone_not_in_it() -> None:
    m = on_item("item-1", present=(ANA, BO))
    m.refused(C.StartRound(CHEN), r"Chen Wu is not in this round \(absent, observer or recused\)")
    m.refused(C.StartRound(FAY), "not in this round")
    m.refused(C.StartRound("Nobody"), "not on this meeting's participant list")
    m.do(C.Recuse(BO))
    m.refused(C.StartRound(BO), "not in this round")


def test_a_round_needs_an_item_and_someone_present() -> None:
    m = on_item("item-1", present=())
    m.refused(C.StartRound(), "nobody is marked present to go around")
    m.do(C.FinishItem())
    m.refused(C.StartRound(), "start one before you start a round")


def test_ending_a_round_early_leaves_the_rest_not_reached() -> None:
    m = on_item("item-1")
    m.do(C.StartRound(), C.RoundNext())
    m.tick(12)
    assert m.types(C.EndRound()) == ["RoundEnded"]
    assert go(m).done and go(m).pointer == 1 and m.state.speaker is None
    # Bo was on the pointer when it ended: not a turn; Bo and the rest did not respond.
    assert [t.name for t in m.state.turns] == [ANA]
    assert go(m).not_reached == [BO, CHEN, DEE, ELI] and BO not in m.state.turn_totals


def test_someone_who_leaves_during_the_round_is_skipped_when_their_turn_comes() -> None:
    m = on_item("item-1")
    m.do(C.StartRound(), C.Leave(CHEN), C.Recuse(DEE), C.RoundNext())
    assert go(m).current == BO
    m.do(C.RoundNext())
    assert go(m).current == ELI and go(m).skipped == [CHEN, DEE]
    assert m.state.speaker is not None and m.state.speaker.name == ELI
    assert m.types(C.Leave(ELI)) == ["RoundSkipped", "Left"]
    assert m.state.speaker is None, "leaving ends the turn"
    assert go(m).done and go(m).skipped == [CHEN, DEE, ELI], "Eli left: she did not speak"
    m.refused(C.RoundNext(), "no round is going")


def test_a_round_whose_remaining_people_all_left_ends() -> None:
    m = on_item("item-1", present=(ANA, BO, CHEN))
    m.do(C.StartRound(), C.Leave(BO), C.Leave(CHEN), C.RoundPass())
    assert go(m).done and go(m).skipped == [BO, CHEN] and m.state.speaker is None


def test_a_round_turn_takes_the_person_off_the_stack() -> None:
    m = on_item("item-1")
    m.do(C.Queue(BO), C.Queue(CHEN), C.StartRound(BO))
    assert [e.name for e in m.state.stack] == [CHEN]


def test_finishing_the_item_closes_its_round() -> None:
    m = on_item("item-1")
    m.do(C.StartRound())
    assert m.types(C.FinishItem()) == ["RoundEnded", "ItemFinished"]
    go_around = last_round(m.state.items["item-1"])
    assert go_around is not None and go_around.done
    assert go_around.not_reached == [ANA, BO, CHEN, DEE, ELI] and m.state.turns == []


def test_giving_the_floor_outside_the_round_keeps_the_pointer() -> None:
    m = on_item("item-1")
    m.do(C.StartRound(), C.GiveFloor(DEE))
    assert go(m).current == ANA and m.state.speaker is not None
    assert m.types(C.EndTurn()) == ["TurnEnded"], "Dee's turn is not a round turn"
    m.do(C.RoundNext())
    assert go(m).current == BO and m.state.speaker is not None
    assert m.state.speaker.name == BO
