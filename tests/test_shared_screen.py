"""The shared-screen rule (core/shared_screen.py) and the redacted view model: pure, milliseconds."""

from __future__ import annotations

from facilitator.core import commands as C
from facilitator.core import shared_screen as share
from facilitator.tui.screens.presentation import presented
from facilitator.tui.screens.summary import summary_text
from facilitator.tui.view import MeetingView
from facilitator.tui.view_model import build_view, shared_view
from tests.engine_support import ANA, BO, CHEN, Meeting, make_agenda

SECRET = "ZQX-SECRET"
"""A canary: in a confidential item's title, notes, proposal and log."""
OFF = "ZQX-OFFREC"
"""A canary: recorded off the record on an ordinary item."""


def _agenda() -> object:
    return make_agenda(
        items=[
            {"title": "Outreach plan", "kind": "discussion", "duration": "15m"},
            {
                "title": f"Hardship loan {SECRET}",
                "kind": "proposal",
                "duration": "20m",
                "owner": CHEN,
                "notes": f"Prep {SECRET}",
                "proposal": f"Lend {SECRET} 500.",
                "confidential": True,
            },
        ]
    )


def _meeting() -> Meeting:
    m = Meeting(_agenda())  # type: ignore[arg-type]
    m.do(C.StartMeeting((ANA, BO, CHEN)), C.StartItem("item-1"))
    m.do(C.AddAction("Print the flyer", ANA))
    m.do(C.SetOffRecord(True), C.AddAction(f"Call {OFF}", BO), C.SetOffRecord(False))
    m.do(C.FinishItem(), C.StartItem("item-2"))
    m.do(
        C.AddNote(f"Note {SECRET}"),
        C.AddAction(f"Pay {SECRET}", BO, "fri"),
        C.LogCredit(ANA, f"Work {SECRET}"),
        C.RaiseConflict(f"Dispute {SECRET}", (ANA, BO), ANA),
        C.ExtendTimebox(300, f"because {SECRET}"),
        C.ConsentStage("consent"),
        C.Respond(ANA, "concern", f"worry {SECRET}"),
    )
    return m


def _texts(view: MeetingView) -> str:
    return repr(view)


def test_the_rule_on_records() -> None:
    m = _meeting()
    public, off = m.state.actions[0], m.state.actions[1]
    secret = m.state.actions[2]
    assert share.record_shared(public)
    assert share.private_why(off) == share.OFF_RECORD
    assert share.private_why(secret) == "confidential"
    assert share.hidden_count(m.state.actions) == 2
    items = m.state.items
    assert share.shared_title(items["item-1"]) == "Outreach plan"
    assert share.shared_title(items["item-2"]) == share.CONFIDENTIAL_TITLE


def test_the_shared_view_holds_no_canary_and_the_full_view_does() -> None:
    m = _meeting()
    full = build_view(m.state, m.now)
    assert SECRET in _texts(full)
    shared = shared_view(full)
    assert SECRET not in _texts(shared)
    assert shared.sharing and shared.status.sharing
    assert shared.item is not None and shared.item.hidden
    assert shared.item.title == share.CONFIDENTIAL_TITLE
    assert shared.item.proposal == share.HIDDEN
    assert shared.item.extensions == ("+5m",)
    assert [e.text for e in shared.log] == [share.HIDDEN]
    # Its place and its clock stay: the room may know an item runs, and for how long.
    row = next(r for r in shared.agenda if r.item_id == "item-2")
    assert row.title == share.CONFIDENTIAL_TITLE and row.current
    assert shared_view(shared) == shared


def test_off_the_record_entries_are_hidden_and_on_record_ones_stay() -> None:
    m = _meeting()
    m.do(C.FinishItem(), C.StartItem("item-1"))
    full = build_view(m.state, m.now)
    assert OFF in _texts(full)
    shared = shared_view(full)
    assert OFF not in _texts(shared)
    texts = [e.text for e in shared.log]
    assert "Print the flyer" in texts
    assert f"{share.HIDDEN} ({share.OFF_RECORD})" in texts
    # Every key changes, so the append-only item log redraws when sharing starts.
    assert not {e.key for e in shared.log} & {e.key for e in full.log}


def test_off_the_record_the_stack_gives_no_reasons() -> None:
    m = _meeting()
    m.do(C.FinishItem(), C.StartItem("item-1"), C.Queue(ANA), C.SetOffRecord(True))
    shared = shared_view(build_view(m.state, m.now))
    assert [w.reason for w in shared.stack.waiting] == [share.OFF_RECORD]


def test_the_summary_hides_what_sharing_hides_and_counts_it() -> None:
    m = _meeting()
    m.do(C.ConsentByException(), C.RecordOutcome("adopted-with-concerns"), C.EndMeeting())
    shared = summary_text(m.state, None, sharing=True).plain
    assert SECRET not in shared and OFF not in shared
    assert "Print the flyer" in shared
    assert f"2 actions {share.HIDDEN}" in shared
    assert f"1 decision {share.HIDDEN}" in shared
    full = summary_text(m.state, None, sharing=False).plain
    assert f"🔒 Pay {SECRET}" in full
    assert f"Call {OFF}" in full and "(off the record)" in full
    assert f"🔒 Hardship loan {SECRET}" in full


def test_the_presentation_shows_the_room_nothing_confidential() -> None:
    m = _meeting()
    m.do(C.Queue(CHEN), C.GiveFloor(), C.Queue(ANA), C.Queue(BO, "direct"), C.GiveFloor())
    m.tick(75)
    p = presented(build_view(m.state, m.now), m.state, m.now)
    assert SECRET not in repr(p)
    assert p.title == f"Item 2 of 2 · {share.CONFIDENTIAL_TITLE}"
    assert p.process == ""  # not even the tally of a confidential item
    assert p.speaker == BO and p.turn == "1:15"
    assert p.speaker_note == "direct response · limit 2:00"
    assert p.waiting and p.waiting[0].startswith(f"1. {ANA} — ")


def test_the_presentation_of_a_consent_round() -> None:
    m = Meeting(make_agenda())
    m.do(C.StartMeeting((ANA, BO, CHEN)), C.StartItem("item-4"))
    m.do(C.ConsentStage("consent"), C.Respond(ANA, "consent"))
    m.tick(21 * 60)
    p = presented(build_view(m.state, m.now), m.state, m.now)
    assert p.title == "Item 4 of 4 · Adopt the budget"
    assert "Tally: consent 1" in p.process
    assert "1 of 3 responded · next: Bo Tran" in p.process
    assert p.timebox == "-1:00" and p.timebox_over and p.timebox_note == "over the timebox 20:00"
    assert p.speaker == "" and p.turn == ""


def test_the_presentation_of_a_round_and_off_the_record() -> None:
    m = Meeting(make_agenda())
    m.do(C.StartMeeting((ANA, BO, CHEN)), C.StartItem("item-1"), C.StartRound())
    m.do(C.RoundNext())
    p = presented(build_view(m.state, m.now), m.state, m.now)
    assert p.process == f"Round · 1 of 3 heard · now: {BO}"
    m.do(C.SetOffRecord(True))
    p = presented(build_view(m.state, m.now), m.state, m.now)
    assert p.title.endswith(f"Check-in · ● {share.OFF_RECORD}")


def test_the_summary_talk_time_leaves_out_confidential_and_off_record_turns() -> None:
    """Shared, talk time is the shared minutes': Chen's turn on the confidential item and
    Bo's off the record do not count; the facilitator's own view counts every turn."""
    m = Meeting(_agenda())  # type: ignore[arg-type]
    m.do(C.StartMeeting((ANA, BO, CHEN)), C.StartItem("item-1"))
    m.do(C.Queue(ANA), C.GiveFloor())
    m.tick(60)
    m.do(C.EndTurn(), C.SetOffRecord(True), C.Queue(BO), C.GiveFloor())
    m.tick(120)
    m.do(C.EndTurn(), C.SetOffRecord(False), C.FinishItem(), C.StartItem("item-2"))
    m.do(C.Queue(CHEN), C.GiveFloor())
    m.tick(180)
    m.do(C.EndTurn(), C.EndMeeting())

    def row(text: str, name: str) -> str:
        return next(line for line in text.splitlines() if line.strip().startswith(name))

    shared = summary_text(m.state, None, sharing=True).plain
    assert row(shared, ANA).endswith("1 · 1m")
    assert row(shared, BO).endswith("0 · 0m") and row(shared, CHEN).endswith("0 · 0m")
    assert f"off the record {share.HIDDEN}" in shared
    full = summary_text(m.state, None, sharing=False).plain
    assert row(full, BO).endswith("1 · 2m") and row(full, CHEN).endswith("1 · 3m")
    assert share.HIDDEN not in full.split("Talk time")[1]
