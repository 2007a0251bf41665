"""The speaking stack: queueing, the progressive and fifo orders with their reasons, the floor."""

from __future__ import annotations

from facilitator.core import commands as C
from facilitator.core.stack import next_entry, ordered
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, FAY, Meeting, make_agenda, on_item

FIFO = make_agenda(stack={"order": "fifo"})
PRIORITY_ANA = make_agenda(
    participants=[
        {"name": ANA, "priority": True},
        {"name": BO},
        {"name": CHEN},
        {"name": DEE},
        {"name": ELI, "role": "guest"},
        {"name": FAY, "role": "observer"},
    ]
)


def speak(m: Meeting, name: str, seconds: float) -> None:
    """`name` takes a turn of `seconds`."""
    m.do(C.GiveFloor(name))
    m.tick(seconds)
    m.do(C.EndTurn())


def order(m: Meeting) -> list[tuple[str, str]]:
    """(name, reason) of every waiting entry, in the order the floor will go."""
    return [(p.entry.name, p.reason) for p in ordered(m.state)]


def names(m: Meeting) -> list[str]:
    return [p.entry.name for p in ordered(m.state)]


# --- queueing -----------------------------------------------------------------------


def test_queue_and_withdraw() -> None:
    m = on_item()
    m.do(C.Queue("bo tran"), C.Queue(CHEN), C.Queue(BO, "clarify"))
    assert [(e.name, e.kind, e.number) for e in m.state.stack] == [
        (BO, "speak", 1),
        (CHEN, "speak", 2),
        (BO, "clarify", 3),
    ]
    m.refused(C.Queue(BO), r"Bo Tran is already waiting \(to speak\)")
    m.refused(C.Queue(BO, "shout"), "'shout' is not a stack entry; use one of: speak, process")
    m.do(C.Withdraw(BO))  # the latest entry goes first
    assert [(e.name, e.kind) for e in m.state.stack] == [(BO, "speak"), (CHEN, "speak")]
    m.do(C.Withdraw(BO))
    m.refused(C.Withdraw(BO), "Bo Tran is not in the stack")
    m.refused(C.Withdraw("Zed"), "Zed is not on this meeting's participant list")


def test_observers_cannot_be_queued_or_given_the_floor_but_guests_can() -> None:
    m = on_item()
    m.refused(C.Queue(FAY), "Fay Observer is an observer: observers are listed but never queued")
    m.refused(C.GiveFloor(FAY), "observer")
    m.do(C.Queue(ELI), C.GiveFloor())
    assert m.state.speaker is not None and m.state.speaker.name == ELI


def test_queueing_someone_absent_marks_them_present() -> None:
    m = on_item(present=(ANA,))
    assert m.types(C.Queue(DEE)) == ["Arrived", "SpeakerQueued"]
    assert m.state.people["dee okafor"].present


def test_queueing_works_between_items() -> None:
    m = on_item()
    m.do(C.FinishItem(), C.Queue(BO), C.GiveFloor())
    assert m.state.speaker is not None and m.state.speaker.item_id is None


def test_direct_response_needs_someone_else_to_have_the_floor() -> None:
    m = on_item()
    m.refused(C.Queue(BO, "direct"), "nobody has the floor")
    m.do(C.GiveFloor(BO))
    m.refused(C.Queue(BO, "direct"), "Bo Tran has the floor: a direct response is to someone else")
    m.do(C.Queue(CHEN, "direct"))
    assert m.state.stack[0].to == BO
    assert order(m) == [(CHEN, "direct response to Bo Tran")]


# --- the progressive order ----------------------------------------------------------


def test_kinds_go_process_then_direct_then_clarify_then_speakers() -> None:
    m = on_item()
    m.do(C.GiveFloor(ANA))
    m.do(C.Queue(BO), C.Queue(CHEN, "clarify"), C.Queue(DEE, "direct"), C.Queue(ELI, "process"))
    m.do(C.Queue(BO, "process"))
    assert order(m) == [
        (ELI, "point of process: goes first"),
        (BO, "point of process: goes first"),
        (DEE, "direct response to Ana Lima"),
        (CHEN, "clarifying question: before general discussion"),
        (BO, "hasn't spoken on this item; 0 turns so far"),
    ]


def test_not_yet_spoken_on_this_item_goes_before_priority() -> None:
    m = on_item(agenda=PRIORITY_ANA)
    speak(m, ANA, 30)
    m.do(C.Queue(ANA), C.Queue(BO))
    assert order(m) == [
        (BO, "hasn't spoken on this item; 0 turns so far"),
        (ANA, "spoke on this item; centred (priority); 1 turn so far, 0:30 talk"),
    ]


def test_the_current_speaker_counts_as_having_spoken_on_this_item() -> None:
    m = on_item()
    m.do(C.GiveFloor(BO), C.Queue(BO), C.Queue(CHEN))
    assert names(m) == [CHEN, BO]
    assert order(m)[1][1] == "spoke on this item; 0 turns so far"


def test_priority_goes_before_fewer_turns() -> None:
    m = on_item("item-2", agenda=PRIORITY_ANA)
    speak(m, ANA, 10)
    speak(m, ANA, 10)
    m.do(C.StartItem("item-3"), C.Queue(BO), C.Queue(ANA))
    assert order(m) == [
        (ANA, "hasn't spoken on this item; centred (priority); 2 turns so far, 0:20 talk"),
        (BO, "hasn't spoken on this item; 0 turns so far"),
    ]


def test_fewer_turns_goes_before_less_talk_time() -> None:
    m = on_item("item-2")
    speak(m, BO, 100)
    speak(m, CHEN, 2)
    speak(m, CHEN, 2)
    m.do(C.StartItem("item-3"), C.Queue(CHEN), C.Queue(BO))
    assert order(m) == [
        (BO, "hasn't spoken on this item; 1 turn so far, 1:40 talk"),
        (CHEN, "hasn't spoken on this item; 2 turns so far, 0:04 talk"),
    ]


def test_less_talk_time_goes_before_arrival_order() -> None:
    m = on_item("item-2")
    speak(m, BO, 100)
    speak(m, CHEN, 10)
    m.do(C.StartItem("item-3"), C.Queue(BO), C.Queue(CHEN))
    assert names(m) == [CHEN, BO]


def test_arrival_order_breaks_the_last_tie() -> None:
    m = on_item()
    m.do(C.Queue(DEE), C.Queue(BO), C.Queue(CHEN))
    assert names(m) == [DEE, BO, CHEN]
    m.do(C.Withdraw(DEE), C.Queue(DEE))  # requeueing goes to the back
    assert names(m) == [BO, CHEN, DEE]


def test_turns_and_talk_count_the_whole_meeting_but_only_finished_turns() -> None:
    m = on_item("item-2")
    speak(m, BO, 50)
    m.do(C.StartItem("item-3"), C.GiveFloor(CHEN))
    m.tick(500)  # Chen is still speaking: that turn does not count yet
    m.do(C.Queue(DEE), C.Queue(BO))
    assert names(m) == [DEE, BO]
    m.do(C.EndTurn(), C.Queue(CHEN))
    assert names(m) == [DEE, BO, CHEN], "Chen has spoken on this item now"


def test_all_the_rules_at_once() -> None:
    m = on_item("item-2", agenda=PRIORITY_ANA)
    speak(m, BO, 30)
    speak(m, DEE, 60)
    m.do(C.StartItem("item-3"))
    speak(m, CHEN, 20)
    m.do(C.GiveFloor(ELI))
    for name in (CHEN, DEE, BO, ANA):
        m.do(C.Queue(name))
    m.do(C.Queue(DEE, "direct"), C.Queue(CHEN, "process"))
    assert [(p.entry.name, p.entry.kind) for p in ordered(m.state)] == [
        (CHEN, "process"),
        (DEE, "direct"),
        (ANA, "speak"),  # priority, hasn't spoken here
        (BO, "speak"),  # 1 turn, 0:30
        (DEE, "speak"),  # 1 turn, 1:00
        (CHEN, "speak"),  # spoke on this item
    ]
    assert next_entry(m.state) == m.state.stack[-1]


# --- fifo ---------------------------------------------------------------------------


def test_fifo_keeps_arrival_order_after_points_of_process() -> None:
    m = on_item("item-2", agenda=FIFO)
    speak(m, BO, 30)
    m.do(C.GiveFloor(ANA))
    m.do(C.Queue(BO), C.Queue(CHEN, "clarify"), C.Queue(DEE, "direct"), C.Queue(ELI, "process"))
    assert order(m) == [
        (ELI, "point of process: goes first"),
        (BO, "arrival order; 1 turn so far, 0:30 talk"),
        (CHEN, "arrival order; 0 turns so far"),
        (DEE, "arrival order; 0 turns so far"),
    ]


# --- the floor ----------------------------------------------------------------------


def test_give_the_floor_to_the_next_in_order() -> None:
    m = on_item()
    m.refused(C.GiveFloor(), "nobody is waiting to speak")
    m.do(C.Queue(BO), C.Queue(CHEN, "clarify"))
    events = m.do(C.GiveFloor())
    assert events[0].data == {
        "name": CHEN,
        "kind": "clarify",
        "reason": "clarifying question: before general discussion",
    }
    speaker = m.state.speaker
    assert speaker is not None and (speaker.name, speaker.kind, speaker.item_id) == (
        CHEN,
        "clarify",
        "item-3",
    )
    m.tick(20)
    m.do(C.GiveFloor())  # ends Chen's turn and takes Bo's entry off the stack
    assert m.state.turns[-1].name == CHEN and m.state.turns[-1].seconds(m.now) == 20.0
    assert m.state.speaker is not None and m.state.speaker.name == BO and m.state.stack == []


def test_give_the_floor_to_a_chosen_person() -> None:
    m = on_item(present=(ANA, BO, CHEN))
    m.do(C.Queue(BO), C.Queue(CHEN))
    events = m.do(C.GiveFloor("chen wu"))
    assert events[0]["reason"] == (
        "chosen by the facilitator (was waiting: hasn't spoken on this item; 0 turns so far)"
    )
    assert [e.name for e in m.state.stack] == [BO]
    m.refused(C.GiveFloor(CHEN), "Chen Wu already has the floor")
    assert m.types(C.GiveFloor(DEE)) == ["Arrived", "FloorGiven"]
    assert m.state.speaker is not None and m.state.speaker.kind == "speak"
    assert m.sink.records[-1]["reason"] == "chosen by the facilitator"


def test_end_turn() -> None:
    m = on_item()
    m.refused(C.EndTurn(), "nobody has the floor")
    m.do(C.GiveFloor(BO))
    m.tick(42)
    assert m.types(C.EndTurn()) == ["TurnEnded"]
    assert m.state.speaker is None and m.state.turns[-1].end == 1042.0
