"""Quorum (count, percentage, fraction), talk time, the speaker's clock and the pace forecast."""

from __future__ import annotations

import pytest

from facilitator.core import commands as C
from facilitator.core.timing import (
    Talk,
    forecast,
    meeting_elapsed,
    minutes_label,
    planned_total,
    quorum,
    speaker_elapsed,
    speaker_over,
    talk,
)
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, FAY, make_agenda, on_item, started

# --- quorum -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "required", "met_with"),
    [
        (3, 3, 3),  # a count
        ("3", 3, 3),
        ("50%", 2, 2),  # 4 members: 2
        ("51%", 3, 3),  # 2.04 rounds up
        ("75%", 3, 3),
        ("100%", 4, 4),
        ("2/3", 3, 3),  # 2.67 rounds up
        ("1/2", 2, 2),
        ("1/4", 1, 1),
    ],
)
def test_quorum_by_count_percentage_and_fraction(
    rule: int | str, required: int, met_with: int
) -> None:
    m = started(make_agenda(meeting={"quorum": rule}), present=(ELI, FAY))
    q = quorum(m.state)
    assert (q.present, q.members, q.required) == (0, 4, required)
    assert not q.met, "guests and observers never count"
    for name in (ANA, BO, CHEN, DEE)[:met_with]:
        assert not quorum(m.state).met
        m.do(C.Arrive(name))
    assert quorum(m.state).met and quorum(m.state).present == met_with
    m.do(C.Leave(ANA))
    assert not quorum(m.state).met, "a departure can lose quorum"


def test_no_quorum_rule_is_always_met() -> None:
    m = started(present=())
    q = quorum(m.state)
    assert q.required is None and q.met and q.members == 4


# --- talk time ----------------------------------------------------------------------


def test_talk_per_person_for_the_item_and_the_meeting() -> None:
    m = on_item("item-2")
    m.do(C.GiveFloor(BO))
    m.tick(40)
    m.do(C.GiveFloor(CHEN))
    m.tick(20)
    m.do(C.EndTurn(), C.StartItem("item-3"), C.GiveFloor(BO))
    m.tick(15)
    whole = talk(m.state, m.now)
    assert set(whole) == {ANA, BO, CHEN, DEE, ELI}, "everyone but observers, silent ones too"
    assert whole[BO] == Talk(BO, 2, 55.0), "the running turn counts up to now"
    assert whole[CHEN] == Talk(CHEN, 1, 20.0)
    assert whole[ANA] == Talk(ANA, 0, 0.0)
    here = talk(m.state, m.now, "item-3")
    assert here[BO] == Talk(BO, 1, 15.0) and here[CHEN] == Talk(CHEN, 0, 0.0)
    assert talk(m.state, m.now, "item-2")[BO] == Talk(BO, 1, 40.0)


def test_talk_time_keeps_counting_off_the_record() -> None:
    m = on_item()
    m.do(C.SetOffRecord(True), C.GiveFloor(DEE))
    m.tick(33)
    m.do(C.EndTurn(), C.SetOffRecord(False))
    assert talk(m.state, m.now)[DEE] == Talk(DEE, 1, 33.0)
    assert m.state.items["item-3"].actual(m.now) == 33.0


# --- the speaker's clock ------------------------------------------------------------


def test_speaker_elapsed_and_over_the_limit() -> None:
    m = on_item()
    assert speaker_elapsed(m.state, m.now) == 0.0 and not speaker_over(m.state, m.now)
    m.do(C.GiveFloor(BO))
    m.tick(120)
    assert speaker_elapsed(m.state, m.now) == 120.0
    assert not speaker_over(m.state, m.now), "exactly at the limit is not over"
    m.tick(1)
    assert speaker_over(m.state, m.now)
    m.do(C.GiveFloor(CHEN))
    assert speaker_elapsed(m.state, m.now) == 0.0 and not speaker_over(m.state, m.now)


def test_no_speaker_limit_is_never_over() -> None:
    agenda = make_agenda()
    agenda = agenda.model_copy(
        update={"stack": agenda.stack.model_copy(update={"speaker_limit": None})}
    )
    m = on_item(agenda=agenda)
    m.do(C.GiveFloor(BO))
    m.tick(10_000)
    assert not speaker_over(m.state, m.now)


# --- the meeting's clock and the forecast -------------------------------------------


def test_meeting_elapsed() -> None:
    m = started()
    assert meeting_elapsed(m.state, m.now) == 0.0
    m.tick(75)
    assert meeting_elapsed(m.state, m.now) == 75.0
    m.do(C.EndMeeting())
    assert meeting_elapsed(m.state, m.now + 500) == 75.0


def test_meeting_elapsed_before_the_start_is_zero() -> None:
    m = on_item()
    m.do(C.Undo(), C.Undo())
    assert not m.state.started and meeting_elapsed(m.state, 5000.0) == 0.0


def test_planned_total_from_items_or_the_meeting_duration() -> None:
    m = started()
    assert planned_total(m.state) == 50 * 60
    m.do(C.AddItem("Extra", 600))
    assert planned_total(m.state) == 50 * 60, "live additions do not change the plan"
    timed = started(make_agenda(meeting={"duration": "1h"}))
    assert planned_total(timed.state) == 3600


def test_forecast_on_plan_then_running_over() -> None:
    m = on_item("item-1")
    f = forecast(m.state, m.now)
    assert (f.planned_end, f.projected_end, f.at_risk, f.over) == (3000.0, 3000.0, (), 0.0)
    m.tick(900)  # the 10-minute check-in has run 15 minutes
    f = forecast(m.state, m.now)
    assert f.projected_end == 900 + 300 + 900 + 1200 and f.over == 300.0
    assert f.at_risk == ("item-4",), "only the item that would end past the planned end"
    m.do(C.SkipItem("item-3"))
    assert forecast(m.state, m.now).at_risk == ()


def test_forecast_counts_extensions_and_live_items() -> None:
    m = on_item("item-1")
    m.do(C.ExtendTimebox(300, "everyone wants to speak"), C.AddItem("Extra", 60))
    f = forecast(m.state, m.now)
    assert f.projected_end == 3000 + 300 + 60
    assert f.at_risk == ("item-4",), "the extra 6 minutes push only the last item past the end"
    m.do(C.ExtendTimebox(2400, "a hard one"))
    assert forecast(m.state, m.now).at_risk == ("item-5", "item-2", "item-3", "item-4")


@pytest.mark.parametrize(
    ("seconds", "label"), [(0, "0m"), (1, "1m"), (60, "1m"), (61, "2m"), (3600, "60m")]
)
def test_minutes_label_rounds_up(seconds: float, label: str) -> None:
    assert minutes_label(seconds) == label
