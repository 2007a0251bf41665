"""The history's words on a shared screen (`history.history`, `history.act_words`): items by
title, a confidential one by its neutral title, and nothing of what is confidential or off the
record. Pure: through the Session, in milliseconds."""

from __future__ import annotations

import random

from facilitator.core import commands as C
from facilitator.core import shared_screen as share
from facilitator.core.history import act_words, history
from tests.canary_meetings import canary_meeting
from tests.engine_support import ANA, BO, Meeting, make_agenda, started

SECRET = "Zsecretq"


def _meeting() -> Meeting:
    agenda = make_agenda(
        items=[
            {"title": "Open floor", "kind": "discussion", "duration": "10m"},
            {
                "title": f"Hardship loan {SECRET}",
                "kind": "proposal",
                "duration": "10m",
                "proposal": f"Lend {SECRET}.",
                "confidential": True,
            },
        ]
    )
    return started(agenda)


def _last(m: Meeting) -> tuple[str, str]:
    return act_words(m.state, m.state.last_cmd)


def test_items_are_named_by_title_and_a_confidential_one_neutrally() -> None:
    m = _meeting()
    m.do(C.StartItem("item-1"))
    assert _last(m) == ("started “Open floor”", "started “Open floor”")
    m.do(C.FinishItem(), C.StartItem("item-2"))
    what, shared = _last(m)
    assert what == f"started “Hardship loan {SECRET}”"
    assert shared == f"started “{share.CONFIDENTIAL_TITLE}”"


def test_what_is_said_on_a_confidential_item_is_masked_on_a_shared_screen() -> None:
    m = _meeting()
    m.do(C.StartItem("item-2"), C.ConsentStage("consent"), C.Respond(ANA, "object", "no"))
    what, shared = _last(m)
    assert what == f"{ANA}'s response (object)"
    assert shared.startswith("🔒 on a confidential item") and ANA not in shared
    m.do(C.LogCredit(BO, "the numbers"))
    assert _last(m)[1].startswith("🔒 on a confidential item")
    # Its flow is not masked: the shared agenda shows it under its neutral title.
    m.do(C.PauseItem())
    assert _last(m) == ("paused the timebox", "paused the timebox")


def test_off_the_record_records_are_masked_until_back_on_the_record() -> None:
    m = _meeting()
    m.do(C.StartItem("item-1"), C.SetOffRecord(True))
    assert _last(m)[1] == "went off the record"
    m.do(C.LogCredit(BO, "the idea"))
    credit = m.state.last_cmd
    assert _last(m) == (f"credited {BO}", "🔒 recorded off the record")
    m.do(C.AddAction("Call the bank", ANA))
    assert _last(m)[1] == "🔒 recorded off the record"
    action = m.state.actions[-1].action_id
    m.do(C.SetOffRecord(False), C.LogCredit(ANA, "care"))
    assert _last(m)[1] == f"credited {ANA}"
    # A later change to an action taken off the record stays masked.
    m.do(C.SetActionStatus(action, "done"))
    assert _last(m)[1] == "🔒 updated an action kept in the private record"
    # The history rows say the same, and undoing keeps the mask (the view puts "undo:"
    # before it, once: the row had it twice, "undo: undo: 🔒 …").
    m.do(C.Undo())
    rows = {r.cmd: r for r in history(m.state)}
    assert rows[credit].shared == "🔒 recorded off the record" and rows[credit].confidential
    undo = rows[m.state.last_cmd]
    assert (undo.kind, undo.shared) == ("undo", "🔒 updated an action kept in the private record")


def test_an_undone_off_the_record_leaves_what_followed_on_the_record() -> None:
    m = _meeting()
    m.do(C.StartItem("item-1"), C.SetOffRecord(True), C.Undo(), C.LogCredit(BO, "idea"))
    assert _last(m)[1] == f"credited {BO}"  # as the fold and the shared minutes have it


def test_no_canary_in_any_shared_history_text() -> None:
    rng = random.Random(1203)
    checked = 0
    for n in range(60):
        d, canaries = canary_meeting(rng, n)
        state = d.session.state
        rows = history(state)
        said = [r.shared for r in rows]
        text = "\n".join(said)
        # act_words reads what was in force backwards, history forwards: they agree.
        for row in rows:
            if row.kind == "done":
                assert act_words(state, row.cmd) == (row.what, row.shared), (n, row)
        assert not [c for c in canaries if c in text], n
        checked += len(said)
    assert checked > 1000


def test_an_arrival_that_joins_a_round_says_who_arrived() -> None:
    # Arriving mid-round also adds them to its end (a quiet event): the words are the arrival's.
    from facilitator.core.history import act_words as words
    from tests.engine_support import BO, CHEN, DEE, on_item

    m = on_item("item-1", present=(ANA, BO, CHEN))
    m.do(C.StartRound(), C.Arrive(DEE))
    assert words(m.state, m.state.last_cmd)[0] == f"marked {DEE} present"
