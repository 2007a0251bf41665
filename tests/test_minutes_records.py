"""Issue 9 in the minutes: they say exactly what happened.

Meetings run through the real Session on a FakeClock; the shared and private
minutes are rendered from the state and read back with tomllib, markdown-it-py
and pandoc (`check_minutes`), and the shared ones are written to disk exactly
as the app writes them.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.store.meeting_files import new_stem, write_minutes
from facilitator.store.minutes_view import render
from facilitator.store.private_dir import PRIVATE_DIR_NAME
from facilitator.tui.view_model import build_view
from tests.minutes_parse import check_minutes, split_front_matter
from tests.session_meetings import Driver

ANA, BO, CHEN, DEE, GUS = "Ana Lima", "Bo Tran", "Chen Wu", "Dee Okafor", "Gus Guest"


def _agenda(**meeting: Any) -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": "Co-op call", "circle": "GC", "quorum": 3, **meeting},
            "participants": [
                {"name": ANA},
                {"name": BO},
                {"name": CHEN},
                {"name": DEE},
                {"name": GUS, "role": "guest"},
            ],
            "items": [
                {"title": "Check-in", "kind": "round", "duration": 10},
                {"title": "Van rota", "kind": "discussion", "duration": 15},
                {"title": "Budget", "kind": "proposal", "duration": 20, "proposal": "Adopt it."},
            ],
        }
    )


def _run(d: Driver, *commands: Any) -> None:
    """Several commands at the same moment."""
    for command in commands:
        d.do(command, 0)


def _meta(text: str) -> dict[str, Any]:
    return tomllib.loads(split_front_matter(text)[0])


def _body(text: str) -> str:
    return split_front_matter(text)[1]


def _both(d: Driver) -> tuple[str, str]:
    state = d.session.state
    shared, private = render(state), render(state, private=True)
    check_minutes(shared)
    check_minutes(private)
    return shared, private


def test_a_pass_is_listed_as_a_pass_never_as_a_turn() -> None:
    d = Driver(_agenda())
    _run(d, C.StartMeeting((ANA, BO, CHEN, DEE)), C.StartItem())
    _run(d, C.StartRound())
    d.do(C.RoundNext(), 30)  # Ana speaks 30 s
    d.do(C.RoundPass(), 20)  # Bo is silent 20 s, then passes
    d.do(C.RoundNext(), 40)  # Chen
    d.do(C.EndRound(), 15)  # Dee is on the pointer: the round ends before her
    shared, _ = _both(d)
    body = _body(shared)
    assert "**Speakers, in order:** Ana Lima (0:30), Chen Wu (0:40)\n" in body
    assert "**Round**, 4 asked · passed: Bo Tran · did not respond: Dee Okafor" in body
    talk = {t["name"]: (t["turns"], t["seconds"]) for t in _meta(shared)["talk_time"]}
    assert talk[BO] == (0, 0) and talk[DEE] == (0, 0) and talk[CHEN] == (1, 40)


def _off_record_meeting() -> Driver:
    d = Driver(_agenda())
    _run(d, C.StartMeeting((ANA, BO, CHEN, DEE)), C.StartItem("item-2"))
    _run(d, C.Queue(ANA), C.GiveFloor())
    d.do(C.EndTurn(), 60)
    _run(d, C.SetOffRecord(True))
    _run(d, C.Queue(BO), C.GiveFloor())
    d.do(C.EndTurn(), 200)
    _run(d, C.AddAction("Zq secret action", CHEN, "2026-12-10"))
    _run(d, C.LogCredit(DEE, "Zq secret credit"))
    _run(d, C.RaiseConflict("Zq secret conflict", (ANA, BO), raised_by=CHEN))
    _run(d, C.Queue(CHEN), C.GiveFloor())
    d.do(C.SetOffRecord(False), 100)  # ends Chen's off-the-record turn: 5 min off in all
    _run(d, C.AddAction("Open action", ANA))
    _run(d, C.FinishItem())
    return d


def test_off_the_record_reaches_the_shared_minutes_only_as_its_length() -> None:
    shared, private = _both(_off_record_meeting())
    assert "Zq" not in shared
    body = _body(shared)
    assert "## 2. Van rota" in body and "Off the record for 5 min." in body
    assert body.index("Off the record for 5 min.") < body.index("## 3. Budget")
    assert "**Speakers, in order:** Ana Lima (1:00)\n" in body
    assert "No credits were logged." in body and "No conflicts were logged." in body
    meta = _meta(shared)
    assert [a["what"] for a in meta["actions"]] == ["Open action"]
    talk = {t["name"]: (t["turns"], t["seconds"]) for t in meta["talk_time"]}
    assert talk[BO] == (0, 0) and talk[ANA] == (1, 60)
    # All of it is kept, in the private record.
    for text in ("Zq secret action", "Zq secret credit", "Zq secret conflict"):
        assert text in private
    assert "Bo Tran (3:20; off the record)" in private
    assert "| Zq secret action (off the record) | Chen Wu |" in _body(private)


def test_off_the_record_writes_a_private_record_beside_the_shared_minutes(tmp_path: Path) -> None:
    d = _off_record_meeting()
    _run(d, C.EndMeeting())
    stem = new_stem(tmp_path, d.agenda, dt.date(2026, 12, 3))
    shared = write_minutes(d.session.state, tmp_path, stem, final=True).read_text("utf-8")
    private = (tmp_path / PRIVATE_DIR_NAME / f"{stem}.private.md").read_text("utf-8")
    assert "Zq" not in shared and "Zq secret conflict" in private
    assert "Confidential conflict entry" not in shared, "not even a neutral line"


def test_attendance_is_minuted_with_times_and_a_departure_survives_a_return() -> None:
    d = Driver(_agenda())
    _run(d, C.StartMeeting((ANA, BO, CHEN)), C.StartItem("item-2"))
    d.do(C.Arrive(DEE), 120)
    d.do(C.Leave(BO), 60)
    d.do(C.Queue(BO), 60)  # back: queued again
    _run(d, C.StartItem("item-3"))
    d.do(C.Recuse(CHEN, "treasurer"), 30)
    shared, _ = _both(d)
    rows = _meta(shared)["attendance"]
    assert [(r["name"], r["event"]) for r in rows] == [
        (DEE, "arrived"),
        (BO, "left"),
        (BO, "returned"),
        (CHEN, "recused"),
    ]
    assert rows[0]["at"] == dt.datetime(2026, 12, 3, 19, 2, tzinfo=dt.UTC)
    assert rows[3]["item"] == "Budget" and rows[3]["reason"] == "treasurer"
    body = _body(shared)
    assert "- 19:03 UTC: Bo Tran left\n- 19:04 UTC: Bo Tran came back\n" in body
    assert "- 19:04 UTC: Chen Wu recused from Budget (treasurer)" in body


def test_each_decision_says_its_method_positions_and_quorum_then() -> None:
    d = Driver(_agenda())
    _run(d, C.StartMeeting((ANA, BO, CHEN)), C.StartItem("item-3"))
    _run(d, C.Respond(ANA, "consent"), C.Respond(BO, "stand aside", "away in May"))
    _run(d, C.Respond(CHEN, "consent"), C.Leave(CHEN), C.RecordOutcome("adopted"))
    shared, _ = _both(d)
    (decision,) = _meta(shared)["decisions"]
    assert decision["outcome"] == "adopted"
    assert decision["method"] == "consent" and (decision["quorum_met"], decision["present"]) == (
        False,
        2,
    )
    # Chen consented before leaving: the response stands, but Chen is no longer present.
    assert decision["positions"] == {"consent": 2, "concern": 0, "stand_aside": 1, "objection": 0}
    assert "Quorum was NOT met: 2 voting members present, 3 needed." in _body(shared)


def test_a_walk_in_is_minuted_as_a_guest_and_undo_forgets_them() -> None:
    d = Driver(_agenda())
    _run(d, C.StartMeeting((ANA, BO, CHEN)), C.StartItem("item-2"))
    d.do(C.AddParticipant("Gil Walker", "guest", "Tenants' union"), 60)
    _run(d, C.Queue("Gil Walker"), C.GiveFloor())
    d.do(C.EndTurn(), 45)
    shared, _ = _both(d)
    assert "- **Guests:** Gil Walker (walk-in)" in _body(shared)
    meta = _meta(shared)
    assert "Gil Walker" in meta["present"]
    assert {"name": "Gil Walker", "turns": 1, "seconds": 45} in meta["talk_time"]
    assert meta["attendance"][0]["event"] == "arrived"
    view = build_view(d.session.state, d.session.now())
    assert any(p.name == "Gil Walker" and p.key and p.present for p in view.people)
    for _ in range(4):
        _run(d, C.Undo())
    assert "Gil Walker" not in render(d.session.state)


def test_consent_by_exception_is_said_in_the_minutes() -> None:
    d = Driver(_agenda())
    _run(d, C.StartMeeting((ANA, BO, CHEN, DEE, GUS)), C.StartItem("item-3"))
    _run(d, C.Respond(BO, "concern", "cost"))
    _run(d, C.ConsentByException(), C.RecordOutcome("adopted-with-concerns"))
    shared, _ = _both(d)
    body = _body(shared)
    assert "| Bo Tran | concern | cost |" in body
    assert (
        "Taken by exception: the 3 voting members not yet heard were asked whether anyone "
        "objects, and recorded as consent: Ana Lima, Chen Wu, Dee Okafor." in body
    )
    (decision,) = _meta(shared)["decisions"]
    assert (decision["consent"], decision["concern"], decision["by_exception"]) == (3, 1, 3)


def test_the_floor_given_out_of_order_is_minuted_with_its_reason() -> None:
    d = Driver(_agenda())
    _run(d, C.StartMeeting((ANA, BO, CHEN)), C.StartItem("item-2"))
    _run(d, C.Queue(ANA), C.Queue(BO))
    _run(d, C.GiveFloorOutOfOrder(CHEN, "the treasurer | answers"))
    d.do(C.EndTurn(), 30)
    shared, _ = _both(d)
    assert (
        "**Speakers, in order:** Chen Wu (0:30; given the floor out of order: "
        "the treasurer \\| answers)" in _body(shared)
    )


def test_the_header_and_the_minutes_give_the_same_count_in_the_same_words() -> None:
    d = Driver(_agenda())
    _run(d, C.StartMeeting((ANA, BO, CHEN, GUS)), C.StartItem("item-2"))
    status = build_view(d.session.state, d.session.now()).status
    assert status.quorum == "3 voting members present, 3 needed ✓"
    assert status.attendance == "1 guest · 1 absent"
    summary = _body(render(d.session.state)).split("\n")[3]
    assert "3 voting members present, 3 needed: quorum met · 1 guest · 1 absent" in summary
    assert "- **Present:** Ana Lima, Bo Tran, Chen Wu\n" in _body(render(d.session.state))
