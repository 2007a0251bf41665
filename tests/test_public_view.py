"""The public projection (`core.public_view`): what a member's device may receive.

Pure and fast: engine sessions on a FakeClock. The canary tests type a unique word in
every confidential context (a confidential item, a confidential conflict, anything off
the record) and look for it in the JSON of the projection after every command.
"""

from __future__ import annotations

import json
import random
from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.fold import fold_one, initial_state
from facilitator.core.public_view import CONFIDENTIAL_TITLE, OFF_RECORD, public_view
from tests.canary_meetings import canary_meeting
from tests.session_meetings import Driver

SECRET = "Zq9secretk"


def agenda(**extra: Any) -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": "Open meeting", "circle": "GC", "quorum": 2},
            "participants": [
                {"name": "Ana Lima"},
                {"name": "Bo Tran", "priority": True},
                {"name": "Chen Wu"},
                {"name": "Gus Guest", "role": "guest"},
                {"name": "Olu Observer", "role": "observer"},
            ],
            "items": [
                {
                    "title": "Budget",
                    "kind": "proposal",
                    "duration": 20,
                    "proposal": "We adopt the budget.",
                },
                {
                    "title": SECRET + " title",
                    "kind": "proposal",
                    "duration": 10,
                    "confidential": True,
                    "proposal": SECRET + " proposal",
                    "owner": SECRET,
                    "notes": SECRET + " prep",
                },
            ],
            **extra,
        }
    )


def started() -> Driver:
    d = Driver(agenda())
    d.do(C.StartMeeting(present=("Ana Lima", "Bo Tran", "Chen Wu", "Gus Guest")))
    d.do(C.StartItem())
    return d


def dump(d: Driver) -> str:
    return json.dumps(public_view(d.session.state, d.session.now()).to_json())


def test_stack_in_app_order_with_reasons_and_the_floor() -> None:
    d = started()
    d.do(C.Queue("Ana Lima"))
    d.do(C.Queue("Chen Wu", "process"))
    d.do(C.GiveFloor())  # Chen, point of process
    d.do(C.Queue("Bo Tran"))
    v = public_view(d.session.state, d.session.now())
    assert v.speaker == "Chen Wu"
    assert v.speaker_kind == "process"
    assert v.turn_since is not None
    assert [w.name for w in v.stack] == ["Bo Tran", "Ana Lima"]  # priority first, as in the app
    assert v.stack[0].reason.startswith("hasn't spoken on this item")
    # Priority is how the app orders, never something the agenda marks as public.
    assert "priority" not in dump(d)
    assert v.item is not None and v.item.title == "Budget" and v.item.number == 1
    assert v.item.planned == 20 * 60 and v.item.since is not None


def test_proposal_stage_tally_and_round_turn() -> None:
    d = started()
    d.do(C.ConsentStage("consent"))
    d.do(C.Respond("Ana Lima", "consent"))
    d.do(C.Respond("Gus Guest", "object", SECRET + " guest reason"))
    v = public_view(d.session.state, d.session.now())
    assert v.item is not None and v.item.proposal is not None
    p = v.item.proposal
    assert (p.text, p.version, p.stage, p.open) == ("We adopt the budget.", 1, "consent", True)
    assert p.stage_label == "Consent round"
    assert p.positions == ("consent", "concern", "stand-aside", "object")
    assert p.tally == {"consent": 1} and p.advisory == 1 and p.waiting_for == 2
    assert set(p.responded) == {"Ana Lima", "Gus Guest"}
    assert SECRET not in dump(d)  # reasons never leave
    d.do(C.ConsentStage("reactions"))  # a quick-reactions round in circle order
    v = public_view(d.session.state, d.session.now())
    assert v.item is not None and v.item.round_turn == "Ana Lima"
    assert v.item.proposal is not None and not v.item.proposal.open


def test_confidential_item_shows_only_its_marker() -> None:
    d = started()
    d.do(C.StartItem("item-2"))
    d.do(C.Queue("Bo Tran"))
    d.do(C.ConsentStage("consent"))
    v = public_view(d.session.state, d.session.now())
    assert v.item is not None
    assert v.item.title == CONFIDENTIAL_TITLE and v.item.confidential
    assert v.item.proposal is None
    assert [(w.name, w.reason) for w in v.stack] == [("Bo Tran", "")]
    assert SECRET not in dump(d)


def test_off_the_record_shows_only_the_fact() -> None:
    d = started()
    d.do(C.Queue("Ana Lima"))
    d.do(C.GiveFloor())
    d.do(C.SetOffRecord(True))
    v = public_view(d.session.state, d.session.now())
    assert v.off_record and v.notice == OFF_RECORD
    assert v.item is None and v.speaker is None and v.stack == ()
    assert "Budget" not in dump(d) and "Ana Lima" in dump(d)  # the roster stays for claims
    d.do(C.SetOffRecord(False))
    assert public_view(d.session.state, d.session.now()).item is not None


def test_conflicts_and_the_log_never_appear() -> None:
    d = started()
    d.do(C.RaiseConflict(SECRET + " conflict", ("Ana Lima",), "Bo Tran", confidential=True))
    d.do(C.RaiseConflict("open conflict words", ("Ana Lima",), "Bo Tran"))
    d.do(C.AddNote("open note words"))
    d.do(C.Recuse("Chen Wu", SECRET + " recusal"))
    out = dump(d)
    assert SECRET not in out
    assert "open conflict words" not in out and "open note words" not in out


def test_canaries_never_reach_the_projection_in_random_meetings() -> None:
    leaks = []
    checked = 0
    for n in range(40):
        d, canaries = canary_meeting(random.Random(n), n)
        # Replay step by step: the projection after every event, not only at the end.
        state = initial_state(d.agenda)
        for event in list(d.session.state.events):
            fold_one(state, event)
            out = json.dumps(public_view(state, event.mono).to_json())
            checked += 1
            leaks += [(n, c) for c in canaries if c in out]
    assert checked > 1000
    assert leaks == []


def test_to_json_is_the_plain_form_of_the_view() -> None:
    import dataclasses

    for n in range(10):
        d, _ = canary_meeting(random.Random(100 + n), n)
        v = public_view(d.session.state, d.session.now())
        assert json.loads(json.dumps(v.to_json())) == json.loads(json.dumps(dataclasses.asdict(v)))
