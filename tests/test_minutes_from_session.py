"""Minutes of meetings run through the real engine Session: content, readers, determinism.

Each meeting is scripted with commands on a FakeClock; the minutes are rendered
from the session's state and read back with tomllib, markdown-it-py and pandoc
(tests/minutes_parse.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.events import event_from_record
from facilitator.core.fold import replay
from facilitator.store.minutes import render_doc
from facilitator.store.minutes_view import build, render
from tests.minutes_parse import check_minutes, markdown_it_blocks, split_front_matter
from tests.session_meetings import GOVERNANCE, Driver, governance_meeting

SECRETS = (
    "Staff grievance",
    "Heard both sides",
    "friend of the person",
    "Book the mediator",
    "Pay scale dispute",
    "Hidden matter",
)


def _meta(text: str) -> dict[str, Any]:
    return tomllib.loads(split_front_matter(text)[0])


def _headings(text: str) -> list[str]:
    body = split_front_matter(text)[1]
    return [v for k, v in markdown_it_blocks(body) if k == "heading"]


def test_a_full_meeting_reads_back_whole_in_both_readers() -> None:
    state = governance_meeting().session.state
    for private in (False, True):
        meta, texts = check_minutes(render(state, private=private))
        assert meta["status"] == "final"
        assert "All well; Sam is late | on a train" in texts
        assert "7 nights is *too* long" in texts  # a reason, in the round's table
        assert "Residents book the guest room,\nat most 5 nights in a row." in texts


def test_the_body_follows_the_contract_order() -> None:
    text = render(governance_meeting().session.state)
    assert _headings(text) == [
        "General Circle — governance",
        "Attendance",
        "Agenda as it ran",
        "1. Opening round",
        "2. Consent to the agenda",
        "3. Adopt the guest-room booking policy",
        "4. Confidential item: recorded in the private record",
        "5. Select a delegate",
        "6. Reserve fund target",
        "7. Closing round",
        "Decisions",
        "Action items",
        "Credit log",
        "Conflict log",
        "Talk time",
    ]


def test_front_matter_holds_what_offline_review_needs() -> None:
    meta = _meta(render(governance_meeting().session.state))
    assert meta["date"] == dt.date(2026, 12, 3)
    assert meta["started"] == dt.datetime(2026, 12, 3, 19, 0, 30, tzinfo=dt.UTC)
    assert meta["ended"] > meta["started"]
    assert meta["present"][-1] == "Ines Duarte"  # a guest who spoke was marked present
    assert meta["absent"] == []
    assert (meta["quorum"], meta["quorum_met"]) == (4, True)  # 2/3 of 5 members
    [decision] = meta["decisions"]
    assert decision["id"] == "2026-12-03-general-circle-governance-1"  # <stem>-N
    assert decision["outcome"] == "adopted-with-concerns"
    assert decision["text"] == "Residents book the guest room,\nat most 5 nights in a row."
    # The last round's counted responses; Tomás's later concern replaced his consent.
    assert (decision["consent"], decision["concern"], decision["object"]) == (4, 1, 0)
    assert decision["review"] == dt.date(2027, 7, 1)
    actions = meta["actions"]
    assert actions[0] == {
        "what": "Publish the policy",
        "owner": "Jamal Price",
        "due": dt.date(2027, 1, 1),
        "item": "Adopt the guest-room booking policy",
        "status": "open",
    }
    assert actions[1]["what"] == "Tell residents (due: next week)" and "due" not in actions[1]
    [conflict] = meta["conflicts"]
    assert conflict["status"] == "in-progress" and conflict["owner"] == "Jamal Price"
    talk = {t["name"]: (t["turns"], t["seconds"]) for t in meta["talk_time"]}
    assert talk == {
        "Jamal Price": (1, 40),
        "Lin Zhou": (1, 50),  # her 200 s in the confidential item are not counted here
        "Tomás Herrera": (1, 60),
        "Priya Raman": (1, 70),  # her pass in the check-in round is no turn and no talk time
        "Sam Kowalski": (1, 45),
        "Ines Duarte": (0, 0),  # present and silent: listed, so the equity view shows it
    }


def test_the_agenda_table_shows_planned_actual_and_what_was_not_reached() -> None:
    doc = build(governance_meeting().session.state)
    rows = [(i.title, i.planned_seconds, i.actual_seconds, i.status) for i in doc.items]
    assert rows[0] == ("Opening round", 300, 305, "done")  # started at +60 s, ended at +365 s
    assert rows[2][:2] == ("Adopt the guest-room booking policy", 1800)
    assert rows[3][0] == "Staff grievance"
    assert rows[5] == ("Reserve fund target", 1200, None, "skipped")
    assert rows[6] == ("Closing round", 300, None, "deferred")
    assert doc.items[2].extensions[0].seconds == 300
    assert doc.items[3].added and doc.items[3].confidential
    assert doc.items[5].notes == ("Skipped: no time",)
    text = render(governance_meeting().session.state)
    assert "| 6 | Reserve fund target | 20 min |  | skipped |" in text


def test_the_consent_process_is_complete() -> None:
    record = build(governance_meeting().session.state).items[2].consent
    assert record is not None
    assert [v.text for v in record.versions] == [
        # Read as prose (issue 9): the agenda's line break was only the editor's wrapping.
        "Residents book the guest room through the shared calendar, at most 7 nights in a row.",
        "Residents book the guest room,\nat most 5 nights in a row.",
    ]
    assert record.versions[1].note == "Lin's cap"
    first, second = record.rounds
    assert [(r.record.name, r.word, r.record.reason) for r in first.heard][1:3] == [
        ("Lin Zhou", "object", "7 nights is *too* long"),
        ("Tomás Herrera", "concern", "who cleans?"),
    ]
    assert first.heard[-1].advisory  # the guest
    assert second.record.version == 2 and len(second.heard) == 6
    assert second.heard[2].word == "consent (changed later in this round)"
    [integration] = record.integrations
    assert (integration.objection, integration.record.how) == ("7 nights is *too* long", "cap at 5 nights")
    assert (record.outcome, record.quorum_met) == ("adopted-with-concerns", True)


def test_undone_commands_leave_no_trace() -> None:
    state = governance_meeting().session.state
    assert "A typo to take back" not in render(state, private=True)


def test_confidential_parts_stay_in_the_private_record_only() -> None:
    state = governance_meeting().session.state
    shared, private = render(state), render(state, private=True)
    for secret in SECRETS:
        assert secret not in shared, secret
        assert secret in private, secret
    # "Hidden matter" only: "Pay scale dispute" is part of the confidential item's one line.
    assert shared.count("Confidential conflict entry") == 1
    assert "Lin Zhou (3:20)" in private and "3:20" not in shared


def test_same_state_same_bytes_and_replay_gives_the_same_minutes() -> None:
    d = governance_meeting()
    events = [event_from_record(r) for r in d.sink.records]
    again = replay(d.agenda, events)
    for private in (False, True):
        first = render(d.session.state, private=private)
        assert render(d.session.state, private=private) == first
        assert render(again, private=private) == first
        assert render(governance_meeting().session.state, private=private) == first


def test_a_draft_counts_running_clocks_up_to_the_last_event_unless_told() -> None:
    d = governance_meeting(end=False)
    text = render(d.session.state)
    meta, _ = check_minutes(text)
    assert meta["status"] == "draft" and "ended" not in meta
    assert "still running" in text
    running = build(d.session.state).items[4]
    assert (running.title, running.status) == ("Select a delegate", "running")
    assert running.turns[-1].seconds == 0  # the floor was just given
    later = build(d.session.state, now=d.session.now()).items[4]
    assert later.turns[-1].seconds == 45
    assert later.actual_seconds == running.actual_seconds + 45  # type: ignore[operator]
    assert render(d.session.state) == text  # the clock moved on; the state did not


def test_status_can_be_forced_either_way() -> None:
    state = governance_meeting().session.state
    assert build(state, status="draft").status == "draft"
    assert build(governance_meeting(end=False).session.state, status="final").status == "final"


def _agenda(**meeting: Any) -> Agenda:
    data = dict(GOVERNANCE)
    data["meeting"] = {**GOVERNANCE["meeting"], **meeting}
    return Agenda.model_validate(data)


def _decide(d: Driver, outcome: str = "adopted") -> None:
    for name in ("Jamal Price", "Lin Zhou", "Tomás Herrera", "Priya Raman"):
        d.do(C.Respond(name, "consent"))
    d.do(C.RecordOutcome(outcome))


def test_decision_ids_never_reveal_confidential_decisions() -> None:
    data = dict(GOVERNANCE)
    items = [dict(i) for i in GOVERNANCE["items"]]
    items[2]["confidential"] = True  # the first proposal is confidential
    data["items"] = items
    d = Driver(Agenda.model_validate(data))
    d.do(C.StartMeeting(present=("Jamal Price", "Lin Zhou", "Tomás Herrera", "Priya Raman")))
    d.do(C.StartItem("item-3"))
    _decide(d)
    d.do(C.StartItem("item-5"))
    _decide(d, "adopted")
    shared, private = render(d.session.state), render(d.session.state, private=True)
    assert [x["id"] for x in _meta(shared)["decisions"]] == ["2026-12-03-general-circle-governance-1"]
    assert [x["id"] for x in _meta(private)["decisions"]] == [
        "2026-12-03-general-circle-governance-confidential-1",
        "2026-12-03-general-circle-governance-1",
    ]
    assert "confidential-1" not in shared


def test_decision_ids_use_the_title_without_a_circle_and_the_given_date() -> None:
    d = Driver(_agenda(circle=None, date=None, title="Tenants' union!"))
    d.do(C.StartMeeting(present=("Jamal Price", "Lin Zhou", "Tomás Herrera", "Priya Raman")))
    d.do(C.StartItem("item-3"))
    _decide(d)
    [decision] = build(d.session.state).decisions
    assert decision.id == "2026-12-03-tenants-union-1"  # no agenda date: the (UTC) start day
    doc = build(d.session.state, date=dt.date(2026, 12, 4))
    assert (doc.date, doc.decisions[0].id) == (dt.date(2026, 12, 4), "2026-12-04-tenants-union-1")


def test_quorum_counts_members_present_at_the_same_time() -> None:
    d = Driver(_agenda(quorum=3))
    d.do(C.StartMeeting(present=("Jamal Price", "Lin Zhou")))
    d.do(C.Leave("Lin Zhou"))
    d.do(C.Arrive("Tomás Herrera"))
    d.do(C.Leave("Jamal Price"))
    d.do(C.Arrive("Priya Raman"))
    doc = build(d.session.state)
    assert len(doc.present) == 4  # four members came ...
    assert (doc.members_present, doc.quorum_met) == (2, False)  # ... never three at once
    assert doc.left_early == ("Jamal Price", "Lin Zhou")
    d.do(C.Arrive("Sam Kowalski"))
    d.do(C.Arrive("Lin Zhou"))
    assert (build(d.session.state).members_present, build(d.session.state).quorum_met) == (4, True)


def test_no_quorum_rule_and_nothing_happened_yet() -> None:
    d = Driver(_agenda(quorum=None))
    doc = build(d.session.state)
    assert (doc.quorum, doc.quorum_met, doc.started, doc.status) == (None, None, None, "draft")
    assert all(i.status == "pending" and i.actual_seconds is None for i in doc.items)
    assert len(doc.absent) == 6  # everyone but the observer
    meta, _ = check_minutes(render(d.session.state))
    assert "quorum" not in meta and "decisions" not in meta


def test_shared_minutes_do_not_depend_on_confidential_timing() -> None:
    doc = build(governance_meeting().session.state)
    hidden = {i.id for i in doc.items if i.confidential}
    shifted = dataclasses.replace(
        doc,
        items=tuple(
            dataclasses.replace(i, planned_seconds=1, actual_seconds=99999, turns=())
            if i.id in hidden
            else i
            for i in doc.items
        ),
        talk=tuple(t for t in doc.talk if t.item_id not in hidden),
    )
    assert render_doc(shifted) == render_doc(doc)
