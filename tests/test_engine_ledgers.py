"""The ledgers: notes per item, off the record, actions, credit and conflicts."""

from __future__ import annotations

import pytest

from facilitator.core import commands as C
from facilitator.core.timing import talk
from tests.engine_support import ANA, BO, CHEN, DEE, make_agenda, on_item, started

SECRET = make_agenda(
    items=[
        {"title": "Open", "duration": 10},
        {"title": "Staffing", "duration": 10, "confidential": True},
    ]
)


def test_notes_belong_to_the_current_item() -> None:
    m = started()
    m.refused(C.AddNote("x"), "no item is running: start one before you add a note")
    m.do(C.StartItem("item-2"), C.AddNote("  Reserve is 3 months.  "))
    m.tick(5)
    m.do(C.AddNote("[bold]not markup[/]"), C.StartItem("item-3"), C.AddNote("Next"))
    notes = m.state.items["item-2"].notes
    assert [(n.note_id, n.text) for n in notes] == [
        ("N1", "Reserve is 3 months."),
        ("N2", "[bold]not markup[/]"),
    ]
    assert notes[1].at == "2026-11-24T18:00:05.000Z"
    assert [n.note_id for n in m.state.items["item-3"].notes] == ["N3"]
    m.refused(C.AddNote("   "), "a note cannot be empty")


def test_off_the_record_refuses_notes_but_keeps_time_and_talk() -> None:
    m = on_item()
    m.refused(C.SetOffRecord(False), "already on the record")
    m.do(C.SetOffRecord(True))
    assert m.state.off_record
    m.refused(C.SetOffRecord(True), "already off the record")
    m.refused(C.AddNote("said in confidence"), "off the record: notes are not kept")
    m.do(C.GiveFloor(BO))
    m.tick(50)
    m.do(C.EndTurn(), C.SetOffRecord(False), C.AddNote("back on"))
    assert [n.text for n in m.state.items["item-3"].notes] == ["back on"]
    assert talk(m.state, m.now)[BO].seconds == 50.0
    assert m.state.items["item-3"].actual(m.now) == 50.0


def test_actions_with_owner_due_item_and_status() -> None:
    m = on_item("item-2", agenda=SECRET)
    m.do(C.AddAction(" Book the hall ", "bo tran", " 2026-12-01 "))
    m.do(C.FinishItem(), C.AddAction("Tell the bank", "Treasury circle"))
    first, second = m.state.actions
    assert (first.action_id, first.text, first.owner, first.due, first.item_id) == (
        "A1",
        "Book the hall",
        BO,
        "2026-12-01",
        "item-2",
    )
    assert first.status == "open" and first.confidential, "from a confidential item"
    assert (second.owner, second.item_id, second.confidential) == ("Treasury circle", None, False)
    m.do(C.SetActionStatus("A1", "done"))
    assert first.status == "done"
    m.refused(C.SetActionStatus("A1", "done"), "action A1 is already done")
    m.refused(C.SetActionStatus("A1", "finished"), "an action is open, done, dropped; not")
    m.refused(C.SetActionStatus("A9", "done"), "there is no action 'A9'")
    m.refused(C.AddAction(" ", BO), "an action cannot be empty")
    m.refused(C.AddAction("x", " "), "an action's owner cannot be empty")
    m.do(C.SetActionStatus("A2", "dropped"), C.SetActionStatus("A2", "open"))
    assert second.status == "open"


@pytest.mark.parametrize("kind", ["idea", "work", "care"])
def test_credit_kinds(kind: str) -> None:
    m = on_item()
    m.do(C.LogCredit("chen wu", " set up the call ", kind))
    credit = m.state.credits[0]
    assert (credit.credit_id, credit.name, credit.text, credit.kind, credit.item_id) == (
        "C1",
        CHEN,
        "set up the call",
        kind,
        "item-3",
    )


def test_credit_is_checked_and_can_go_to_someone_not_on_the_list() -> None:
    m = started()
    m.refused(C.LogCredit(BO, "x", "money"), "credit is for idea, work, care; not 'money'")
    m.refused(C.LogCredit(" ", "x"), "whom the credit is for cannot be empty")
    m.refused(C.LogCredit(BO, " "), "what the credit is for cannot be empty")
    m.do(C.LogCredit("The kitchen crew", "fed us"))
    credit = m.state.credits[0]
    assert (credit.name, credit.kind, credit.item_id) == ("The kitchen crew", "work", None)


def test_credit_on_a_confidential_item_is_confidential() -> None:
    m = on_item("item-2", agenda=SECRET)
    m.do(C.LogCredit(ANA, "listened", "care"))
    assert m.state.credits[0].confidential


def test_conflicts_with_status_next_step_owner_and_history() -> None:
    m = on_item()
    m.do(
        C.RaiseConflict(
            " Use of the van ",
            parties=("bo tran", "Chen Wu", "BO TRAN", " ", "The landlord"),
            raised_by="dee okafor",
            next_step=" talk on Friday ",
            owner="ana lima",
        )
    )
    k = m.state.conflicts[0]
    assert (k.conflict_id, k.item_id, k.text, k.raised_by) == (
        "K1",
        "item-3",
        "Use of the van",
        DEE,
    )
    assert k.parties == [BO, CHEN, "The landlord"], "canonical names, each once"
    assert (k.status, k.next_step, k.owner, k.confidential) == (
        "open",
        "talk on Friday",
        ANA,
        False,
    )
    m.tick(60)
    m.do(C.UpdateConflict("K1", status="in-progress", owner=DEE))
    assert (k.status, k.owner, k.next_step) == ("in-progress", DEE, "talk on Friday")
    assert k.history == ["2026-11-24T18:01:00.000Z: status: in-progress; owner: Dee Okafor"]
    m.do(C.UpdateConflict("K1", status="resolved", next_step="none"))
    assert k.status == "resolved" and len(k.history) == 2
    m.refused(C.UpdateConflict("K1", status="resolved"), "nothing to change")
    m.refused(C.UpdateConflict("K1"), "nothing to change")
    m.refused(C.UpdateConflict("K1", status="closed"), "a conflict is open, in-progress, resolved")
    m.refused(C.UpdateConflict("K2", status="open"), "there is no conflict 'K2'")
    m.refused(C.RaiseConflict("  "), "what the conflict is about cannot be empty")


def test_conflicts_can_be_confidential_or_inherit_it_from_the_item() -> None:
    m = on_item("item-1", agenda=SECRET)
    m.do(C.RaiseConflict("A", confidential=True), C.RaiseConflict("B"))
    m.do(C.StartItem(), C.RaiseConflict("C"))
    assert [(k.conflict_id, k.confidential) for k in m.state.conflicts] == [
        ("K1", True),
        ("K2", False),
        ("K3", True),
    ]
    assert m.state.conflicts[1].raised_by == "" and m.state.conflicts[1].parties == []


def test_ledgers_keep_going_after_an_undo_with_fresh_numbers() -> None:
    m = on_item()
    m.do(C.AddAction("a", BO), C.AddAction("b", BO), C.Undo(), C.AddAction("c", BO))
    assert [(a.action_id, a.text) for a in m.state.actions] == [("A1", "a"), ("A2", "c")]
