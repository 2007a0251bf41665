"""Attendance and the agenda flow: start, items and their clocks, live changes, the end."""

from __future__ import annotations

from facilitator.core import commands as C
from facilitator.core.timing import meeting_elapsed
from facilitator.processes.consent.model import consent_of
from tests.engine_support import (
    ANA,
    BO,
    CHEN,
    DEE,
    ELI,
    FAY,
    Meeting,
    make_agenda,
    on_item,
    started,
)

# --- attendance ---------------------------------------------------------------------


def test_start_marks_present_and_absent() -> None:
    m = Meeting()
    m.refused(C.StartItem(), "has not started yet")
    assert m.types(C.StartMeeting(("ana lima", BO, " Bo Tran "))) == ["MeetingStarted"]
    s = m.state
    assert s.started and s.start_mono == 1000.0 and s.start_at == "2026-11-24T18:00:00.000Z"
    assert m.sink.records[0]["present"] == [ANA, BO], "canonical spelling, no duplicates"
    assert [p.name for p in s.people.values() if p.present] == [ANA, BO]
    assert not s.people["chen wu"].present and not s.people["chen wu"].attended
    m.refused(C.StartMeeting(()), "already started")


def test_start_refuses_a_stranger_with_a_suggestion() -> None:
    m = Meeting()
    m.refused(C.StartMeeting(("Ana Lim",)), r"Ana Lim is not on .*did you mean Ana Lima\?")
    m.refused(C.StartMeeting(("",)), r"\(no name\) is not on")


def test_arrival_before_the_start_is_not_late() -> None:
    m = Meeting()
    m.do(C.Arrive(CHEN), C.StartMeeting((ANA,)))
    chen = m.state.people["chen wu"]
    assert chen.present and chen.attended and not chen.arrived_late
    assert m.sink.records[-1]["present"] == [ANA, CHEN], "early arrivals are present at the start"


def test_late_arrival_departure_and_return() -> None:
    m = started(present=(ANA,))
    m.tick(300)
    m.do(C.Arrive("bo tran"))
    bo = m.state.people["bo tran"]
    assert bo.present and bo.arrived_late
    m.refused(C.Arrive(BO), "Bo Tran is already marked present")
    m.do(C.Leave(BO))
    assert not bo.present and bo.left and bo.attended
    m.refused(C.Leave(BO), "Bo Tran is not marked present")
    m.do(C.Arrive(BO))
    assert bo.present and not bo.left and bo.arrived_late, "late once, late for good"


def test_leaving_takes_the_person_off_the_stack_and_the_floor() -> None:
    m = on_item()
    m.do(C.Queue(BO), C.Queue(CHEN), C.GiveFloor(CHEN))
    m.tick(40)
    m.do(C.Leave(CHEN), C.Leave(BO))
    assert m.state.speaker is None and m.state.stack == []
    assert m.state.turns[-1].name == CHEN and m.state.turns[-1].end == 1040.0


def test_recusal_is_per_item_and_ends_the_turn() -> None:
    m = on_item()
    m.do(C.Queue(DEE, "clarify"), C.GiveFloor(BO))
    assert m.types(C.Recuse(BO, " conflict of interest ")) == ["TurnEnded", "Recused"]
    assert m.types(C.Recuse(DEE)) == ["Recused"]
    item = m.state.items["item-3"]
    assert item.recused == {BO: "conflict of interest", DEE: ""}
    assert m.state.speaker is None and m.state.stack == [], "recused entries leave the stack"
    m.refused(C.Recuse(BO), "already recused")
    m.refused(C.Queue(BO), "Bo Tran recused from this item")
    m.refused(C.GiveFloor(BO), "recused")
    m.do(C.StartItem())
    m.do(C.Queue(BO))  # a new item: no longer recused
    assert [e.name for e in m.state.stack] == [BO]


def test_recusal_needs_a_running_item() -> None:
    m = started()
    m.refused(C.Recuse(BO), "no item is running: start one before you record a recusal")


# --- agenda flow --------------------------------------------------------------------


def test_items_run_in_order_and_each_start_closes_the_previous() -> None:
    m = started()
    assert m.types(C.StartItem()) == ["ItemStarted"]
    assert m.state.current == "item-1" and m.state.items["item-1"].status == "running"
    m.tick(120)
    m.do(C.Queue(BO), C.GiveFloor())
    m.do(C.Queue(CHEN))
    m.tick(60)
    assert m.types(C.StartItem()) == ["TurnEnded", "StackCleared", "ItemFinished", "ItemStarted"]
    first = m.state.items["item-1"]
    assert first.status == "done" and first.actual(m.now) == 180.0
    assert m.state.current == "item-2" and m.state.stack == [] and m.state.speaker is None
    m.refused(C.StartItem("item-2"), "'Treasury report' is already the current item")
    m.refused(C.StartItem("item-9"), "there is no item 'item-9'")


def test_planned_and_actual_with_pause_resume_and_extension() -> None:
    m = on_item("item-2")
    item = m.state.items["item-2"]
    assert (item.planned, item.original) == (300, 300)
    m.tick(100)
    m.do(C.PauseItem())
    assert item.status == "paused" and item.actual(m.now) == 100.0
    m.refused(C.PauseItem(), "already paused")
    m.tick(500)  # paused time does not count
    assert item.actual(m.now) == 100.0
    m.do(C.ResumeItem())
    m.refused(C.ResumeItem(), "not paused")
    m.tick(250)
    m.refused(C.ExtendTimebox(120, "   "), "the reason for the extension cannot be empty")
    m.refused(C.ExtendTimebox(0, "more"), "must add some time")
    m.do(C.ExtendTimebox(120, " budget questions "))
    assert (item.planned, item.original) == (420, 300)
    assert item.extensions == [(120, "budget questions")]
    m.tick(10)
    m.do(C.FinishItem())
    assert item.status == "done" and item.actual(m.now) == 360.0
    assert item.started_at == "2026-11-24T18:00:00.000Z"
    assert item.ended_at == "2026-11-24T18:14:20.000Z"
    m.refused(C.FinishItem(), "no item is running: start one before you finish an item")
    m.refused(C.PauseItem(), "start one before you pause")
    m.refused(C.ExtendTimebox(60, "x"), "start one before you extend a timebox")


def test_pausing_then_finishing_keeps_the_counted_time() -> None:
    m = on_item()
    m.tick(30)
    m.do(C.PauseItem())
    m.tick(30)
    m.do(C.FinishItem())
    assert m.state.items["item-3"].actual(m.now + 99) == 30.0


def test_skip_and_defer_the_current_or_a_pending_item() -> None:
    m = on_item("item-1")
    m.do(C.Queue(ANA))
    assert m.types(C.SkipItem(reason=" no time ")) == ["StackCleared", "ItemSkipped"]
    one = m.state.items["item-1"]
    assert one.status == "skipped" and one.reason == "no time" and m.state.current is None
    assert m.types(C.DeferItem("item-4", "treasurer away")) == ["ItemDeferred"]
    assert m.state.items["item-4"].status == "deferred"
    m.refused(C.SkipItem("item-4"), "'Adopt the budget' is deferred, not waiting to be taken up")
    m.refused(C.DeferItem(), "no item is running")
    m.do(C.StartItem())
    assert m.state.current == "item-2", "skipped and deferred items are not offered next"
    m.do(C.DeferItem())
    m.do(C.StartItem())
    assert m.state.current == "item-3"
    m.do(C.FinishItem())
    m.refused(C.StartItem(), "no items are left")
    m.do(C.StartItem("item-4"))  # a deferred item can still be taken up by choice
    assert m.state.items["item-4"].status == "running"


def test_add_an_item_live_after_the_current_one() -> None:
    m = on_item("item-1")
    m.refused(C.AddItem(" ", 300), "the item's title cannot be empty")
    m.refused(C.AddItem("X", 0), "more than zero minutes")
    m.refused(C.AddItem("X", 60, kind="party"), "'party' is not an item kind")
    m.refused(C.AddItem("X", 60, kind="proposal", proposal="  "), "needs its proposal text")
    m.do(C.AddItem(" Urgent: the roof ", 600, owner=" Dee Okafor ", confidential=True))
    new = m.state.items["item-5"]
    assert (new.title, new.planned, new.owner, new.kind) == (
        "Urgent: the roof",
        600,
        DEE,
        "discussion",
    )
    assert new.added_live and new.confidential and new.status == "pending"
    assert m.state.order == ["item-1", "item-5", "item-2", "item-3", "item-4"]
    m.do(C.StartItem())
    assert m.state.current == "item-5"
    m.do(C.AddItem("Vote", 60, kind="proposal", proposal=" We paint it green. "))
    added = consent_of(m.state.items["item-6"])
    assert added is not None
    assert added.text == "We paint it green."
    assert m.state.order[2] == "item-6"


def test_add_an_item_between_items_goes_to_the_end() -> None:
    m = started()
    m.do(C.AddItem("Any other business", 300))
    assert m.state.order[-1] == "item-5" and m.state.next_item == 6


def test_reorder_the_upcoming_items() -> None:
    m = on_item("item-1")
    m.do(C.ReorderItems(("item-4", "item-2", "item-3")))
    assert m.state.order == ["item-1", "item-4", "item-2", "item-3"]
    m.refused(C.ReorderItems(("item-2", "item-3")), "every upcoming item exactly once")
    m.refused(C.ReorderItems(("item-1", "item-2", "item-3", "item-4")), "exactly once")
    m.refused(C.ReorderItems(("item-2", "item-2", "item-3", "item-4")), "exactly once")
    m.do(C.StartItem())
    assert m.state.current == "item-4"


def test_end_meeting_finishes_the_running_item_and_freezes_everything() -> None:
    m = on_item("item-3")
    m.do(C.Queue(ANA), C.Queue(BO), C.GiveFloor(), C.SetOffRecord(True), C.GiveFloor())
    m.do(C.Queue(ANA))
    m.tick(90)
    assert m.types(C.EndMeeting()) == ["TurnEnded", "StackCleared", "ItemFinished", "MeetingEnded"]
    assert m.state.off_periods[-1].seconds(0) == 90.0, "the end closes the off-the-record stretch"
    s = m.state
    assert s.ended and s.end_mono == 1090.0 and s.current is None and not s.off_record
    assert meeting_elapsed(s, m.now + 1000) == 90.0
    for command in (C.StartItem(), C.Arrive(FAY), C.Queue(ELI), C.EndMeeting(), C.AddNote("x")):
        m.refused(command, "the meeting has ended")
    m.do(C.Undo())
    assert not m.state.ended, "undo reopens the meeting"


def test_end_meeting_between_items() -> None:
    m = started()
    assert m.types(C.EndMeeting()) == ["MeetingEnded"]


def test_a_clock_running_backwards_never_makes_negative_time() -> None:
    m = on_item()
    m.tick(60)
    m.do(C.Queue(BO))
    m.clock.mono -= 500  # a broken clock source
    events = m.do(C.GiveFloor())
    assert events[0].mono == 1060.0, "stamps never go below the last one"
    assert m.state.items["item-3"].actual(m.state.last_mono or 0) == 60.0


def test_a_name_written_with_spaces_around_it_still_works() -> None:
    agenda = make_agenda(participants=[{"name": " Ana Lima "}, {"name": BO}])
    m = Meeting(agenda)
    m.do(C.StartMeeting(("ana lima",)), C.StartItem(), C.Queue("Ana Lima"), C.Leave("ANA LIMA"))
    m.do(C.Arrive(" ana lima"))
    ana = m.state.person("Ana Lima")
    assert ana is not None and ana.present and ana.left is False
    assert m.replayed() == m.state


def test_an_item_taken_up_again_is_no_longer_ended() -> None:
    m = on_item("item-2")
    m.tick(60)
    m.do(C.DeferItem(reason="later"), C.StartItem("item-2"))
    item = m.state.items["item-2"]
    assert (item.status, item.ended_at, item.reason) == ("running", None, "")
    assert item.started_at == "2026-11-24T18:00:00.000Z" and item.actual(m.now) == 60.0


def test_a_clock_starting_at_zero_is_still_held_monotonic() -> None:
    m = Meeting()
    m.clock.mono = 0.0
    m.do(C.StartMeeting(()))
    m.clock.mono = -5.0
    assert m.do(C.Arrive(BO))[0].mono == 0.0
