"""Event payloads have real types (issue 13), and the journal on disk is what it was.

`core/payloads.py` declares a `TypedDict` per core event, each process its own in its
`model.py`; the table the journal checks on reading is built from them. These tests pin
that table to the on-disk contract as it stood before the types (so old journals still
replay), check that every event a real meeting writes fits the class of its kind, and that
mypy --strict refuses a misspelt key on both sides.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from facilitator import processes as registry
from facilitator.core import commands as C
from facilitator.core.events import EVENT_TYPES, Event, event_types
from facilitator.core.payloads import CORE_PAYLOADS, CoreEventType, Payload, required_keys
from facilitator.processes.consent import model as K
from facilitator.processes.dot_vote import model as DV
from facilitator.processes.selection import model as S
from facilitator.processes.vote import model as V
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, Meeting, make_agenda
from tests.session_meetings import governance_meeting
from tests.test_every_method_golden import _meeting as every_method_meeting

CONTRACT: dict[str, tuple[str, ...]] = {
    "MeetingStarted": ("present",),
    "Arrived": ("name",),
    "Left": ("name",),
    "Recused": ("item_id", "name", "reason"),
    "ParticipantAdded": ("name", "role", "org", "key"),
    "MeetingEnded": (),
    "ItemStarted": ("item_id",),
    "ItemPaused": ("item_id",),
    "ItemResumed": ("item_id",),
    "TimeboxExtended": ("item_id", "seconds", "reason"),
    "ItemFinished": ("item_id",),
    "ItemSkipped": ("item_id", "reason"),
    "ItemDeferred": ("item_id", "reason"),
    "ItemAdded": (
        "item_id",
        "title",
        "kind",
        "seconds",
        "owner",
        "proposal",
        "confidential",
        "after",
    ),
    "ItemsReordered": ("order",),
    "SpeakerQueued": ("name", "kind", "to"),
    "SpeakerWithdrawn": ("name",),
    "StackCleared": ("names",),
    "HandRaised": ("name", "kind"),
    "HandLowered": ("name",),
    "HandAccepted": ("name",),
    "FloorGiven": ("name", "kind", "reason"),
    "TurnEnded": ("name",),
    "NoteAdded": ("note_id", "item_id", "text"),
    "ActionAdded": ("action_id", "item_id", "text", "owner", "due"),
    "ActionStatusSet": ("action_id", "status"),
    "CreditLogged": ("credit_id", "item_id", "name", "text", "kind"),
    "ConflictRaised": (
        "conflict_id",
        "item_id",
        "text",
        "raised_by",
        "parties",
        "confidential",
        "next_step",
        "owner",
    ),
    "ConflictUpdated": ("conflict_id", "status", "next_step", "owner"),
    "OffRecordSet": ("off",),
    "Undone": ("target_cmd", "what"),
    "Redone": ("target_cmd", "what"),
    "RoundStarted": ("item_id", "order", "purpose"),
    "RoundAdvanced": ("name", "passed"),
    "RoundEnded": (),
    "RoundJoined": ("item_id", "name"),
    "RoundSkipped": ("item_id", "name"),
    "ConsentStageChanged": ("item_id", "stage"),
    "ConsentResponse": ("item_id", "version", "name", "response", "reason", "counted"),
    "ConsentByException": ("item_id", "version", "names", "response"),
    "ObjectionIntegrated": ("item_id", "name", "how", "version"),
    "ProposalAmended": ("item_id", "version", "text", "note"),
    "ReviewSet": ("item_id", "review"),
    "DecisionRecorded": ("decision_id", "item_id", "outcome", "note"),
    "VoteOpened": ("item_id",),
    "VoteCast": ("item_id", "name", "choice"),
    "VoteTotals": ("item_id", "for", "against", "abstain"),
    "VoteClosed": ("item_id", "for", "against", "abstain", "base", "needed", "result", "present"),
    "SelectionStageChanged": ("item_id", "stage"),
    "NominationMade": ("item_id", "name", "nominee", "reason", "counted", "change", "was"),
    "NominationPassed": ("item_id", "name", "counted"),
    "NomineeProposed": ("item_id", "nominee", "reason"),
    "SelectionResponse": ("item_id", "nominee", "name", "response", "reason", "counted"),
    "SelectionByException": ("item_id", "nominee", "names", "response"),
    "SelectionObjectionResolved": ("item_id", "nominee", "name", "how"),
    "NomineeSelected": ("item_id", "nominee"),
    "DotVoteOpened": ("item_id", "round", "options"),
    "DotsPlaced": ("item_id", "round", "name", "dots", "counted"),
    "DotsCorrected": ("item_id", "round", "name", "dots", "counted"),
    "DotVoteClosed": ("item_id", "round"),
}
"""Every event type and the keys its record must carry, as journals were written before
the payloads had types (copied from the tables `events.py` and the processes held)."""

OPTIONAL = {"SpeakerWithdrawn": {"kind"}, "FloorGiven": {"out_of_order"}}
"""Keys some events carry that older journals lack (read with a default)."""


def _payloads() -> dict[str, type[Mapping[str, Any]]]:
    """Every event type's payload class: the core's, then each process's, in registry order."""
    out: dict[str, type[Mapping[str, Any]]] = dict(CORE_PAYLOADS.items())
    for process in registry.PROCESSES:
        out.update(process.payloads)
    return out


def _keys(payload: type[Mapping[str, Any]]) -> set[str]:
    annotations: dict[str, object] = payload.__annotations__
    return set(annotations)


def test_the_journal_contract_is_unchanged() -> None:
    assert event_types() == CONTRACT
    assert list(event_types()) == list(CONTRACT)


def test_the_core_table_is_its_payload_classes() -> None:
    assert {kind: required_keys(cls) for kind, cls in CORE_PAYLOADS.items()} == EVENT_TYPES
    assert set(CORE_PAYLOADS) == set(typing.get_args(CoreEventType))


def test_each_process_registers_its_payloads_explicitly() -> None:
    """A process's payload table and its fold table name the same events, and each of its
    payload classes is declared in its own `model.py`."""
    for process in registry.PROCESSES:
        assert set(process.payloads) == set(process.folds), process.name
        for cls in process.payloads.values():
            assert cls.__module__ == f"facilitator.processes.{process.name}.model"


@pytest.mark.parametrize("kind", sorted(CONTRACT))
def test_every_payload_may_carry_a_device_and_marks_its_optional_keys(kind: str) -> None:
    cls = _payloads()[kind]
    assert "device" in _keys(cls)
    assert _keys(cls) - set(required_keys(cls)) == {"device", *OPTIONAL.get(kind, ())}
    assert _keys(Payload) == {"device"}


def _the_rest() -> list[Event]:
    """The events the two sample meetings never write: hands, pauses, reordering, walk-ins,
    redo, by exception, totals, corrected dots, a device's command."""
    items: list[dict[str, Any]] = [
        {"title": "Talk", "kind": "discussion", "duration": "10m"},
        {"title": "Later", "kind": "discussion", "duration": "10m"},
        {"title": "Budget", "kind": "proposal", "duration": "10m", "proposal": "We adopt it."},
        {"title": "Bylaw", "kind": "vote", "duration": "10m", "motion": "We amend 4.2."},
        {"title": "Dots", "kind": "dot-vote", "duration": "10m", "options": ["A", "B"], "dots": 2},
        {"title": "Treasurer", "kind": "selection", "duration": "10m", "role": "Treasurer"},
    ]
    m = Meeting(make_agenda(items=items))
    m.do(C.StartMeeting((ANA, BO, CHEN, DEE)), C.AddParticipant("Walk In"))
    m.do(C.ReorderItems(("item-2", "item-1", "item-3", "item-4", "item-5", "item-6")))
    m.do(C.StartItem("item-1"), C.PauseItem(), C.ResumeItem())
    # Eli arrives mid-round (RoundJoined); Ana leaves on her turn (RoundSkipped), is back.
    m.do(C.StartRound(), C.Arrive(ELI), C.Leave(ANA), C.Arrive(ANA), C.EndRound())
    m.do(C.RaiseHand(ANA), C.LowerHand(ANA), C.RaiseHand(BO), C.AcceptHand())
    m.do(C.Queue(CHEN), C.Withdraw(CHEN), C.Queue(DEE))
    m.do(C.AddAction("Call the bank", ANA), C.SetActionStatus("A1", "done"))
    m.do(C.SetOffRecord(True), C.SetOffRecord(False), C.Undo(), C.Redo())
    m.session.do(C.AddNote("from a phone"), device="web:Ana Lima")
    m.do(C.FinishItem(), C.StartItem("item-3"), K.ConsentStage("consent"))
    m.do(K.Respond(ANA, "consent"), K.ConsentByException(), K.SetReview(None))
    m.do(K.RecordOutcome("adopted"), C.FinishItem())
    m.do(C.StartItem("item-4"), V.OpenVote(), V.SetVoteTotals(3, 1), V.CloseVote())
    m.do(C.FinishItem(), C.StartItem("item-5"), DV.OpenDotVote())
    m.do(DV.PlaceDots(ANA, {"A": 2}), DV.CorrectDots(ANA, {"A": 1, "B": 1}))
    m.do(DV.CloseDotVote(), C.FinishItem(), C.StartItem("item-6"))
    m.do(S.SelectionStage("nominate"), S.SelectionStage("nominations"))
    m.do(S.Nominate(CHEN, "keeps the books", name=ANA), S.NominationPass(name=BO))
    m.do(S.ProposeNominee(CHEN, "nominated"), S.SelectionByException())
    return list(m.state.events)


def test_every_event_a_meeting_writes_fits_the_class_of_its_kind() -> None:
    """Runs the governance meeting, the one that uses every method and `_the_rest`: each
    event's keys are its class's (a decider that built the payload of another kind would
    show here), and every event type is written at least once."""
    payloads = _payloads()
    seen: set[str] = set()
    events = [
        *governance_meeting().session.state.events,
        *every_method_meeting().state.events,
        *_the_rest(),
    ]
    for event in events:
        cls = payloads[event.type]
        keys = set(event.data)
        assert set(required_keys(cls)) <= keys <= _keys(cls), (event.type, sorted(keys))
        seen.add(event.type)
    assert seen == set(CONTRACT), sorted(set(CONTRACT) - seen)


SNIPPET = """
from facilitator.core import payloads as P
from facilitator.core.events import Event, payload

started = P.ItemStarted(item_idd="item-1")
added: P.ActionAdded = {"action_id": "A1", "item_id": None, "text": "x", "ownr": "y", "due": ""}
ended = P.TurnEnded(name=3)

def reason(e: Event) -> str:
    return payload(e, P.FloorGiven)["out_of_ordr"]
"""


def test_mypy_refuses_a_misspelt_key(tmp_path: Path) -> None:
    """The point of the types: a misspelt key, on building or on reading, fails mypy --strict."""
    api = pytest.importorskip("mypy.api")
    source = tmp_path / "misspelt.py"
    source.write_text(SNIPPET, encoding="utf-8")
    # Only the payloads and the events module are followed (a few seconds, no cache).
    flags = ["--strict", "--no-incremental", "--follow-imports=silent", "--cache-dir=/dev/null"]
    out, _, status = api.run([*flags, str(source)])
    assert status == 1
    assert 'Extra key "item_idd" for TypedDict "ItemStarted"' in out
    assert 'Extra key "ownr" for TypedDict "ActionAdded"' in out
    assert 'TypedDict item "name" has type "str"' in out
    assert 'TypedDict "FloorGiven" has no key "out_of_ordr"' in out
