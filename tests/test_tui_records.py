"""The wiring of issue 9's commands: walk-in (⇧W), the floor out of order (⇧G) and consent by
exception (⇧C), through the real app on a real journal under Pilot."""

from __future__ import annotations

from pathlib import Path

from facilitator.core import commands as C
from facilitator.core.clock import FakeClock
from facilitator.processes.consent.panel import consent_text
from facilitator.store.journal import read_journal
from tests.engine_support import ANA, BO, CHEN, ELI, on_item
from tests.test_tui_run import _app, _journal
from tests.tui_helpers import screen_text


async def test_walk_in_floor_out_of_order_and_consent_by_exception(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")  # roll call: everyone; the check-in round starts
        await pilot.pause()
        await pilot.press("W")
        await pilot.pause()
        await pilot.press(*"Gil Walker", "enter", "enter", *"Tenants", "enter")
        await pilot.pause()
        assert any("Gil Walker added" in n.message for n in app._notifications)
        await pilot.press("q", *"ana", "enter")
        await pilot.pause()
        await pilot.press("G", *"gil", "enter")  # the walk-in, ahead of Ana
        await pilot.pause()
        await pilot.press(*"visiting", "enter")
        await pilot.pause()
        assert "Gil Walker" in screen_text(app)
        await pilot.press("N", "c")  # the proposal; Ana still waits: clear the stack
        await pilot.pause()
        await pilot.press("1")  # Ana consents
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()
        assert "Record consent for the 2 voting members not yet heard?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert "Supports: adopted" in screen_text(app)
    records = read_journal(_journal(tmp_path)).records
    added = next(r for r in records if r["type"] == "ParticipantAdded")
    assert (added["name"], added["role"], added["org"]) == ("Gil Walker", "guest", "Tenants")
    floor = [r for r in records if r["type"] == "FloorGiven"][-1]
    assert (floor["name"], floor["out_of_order"]) == ("Gil Walker", "visiting")
    (exception,) = [r for r in records if r["type"] == "ConsentByException"]
    assert exception["names"] == ["[bold]Alex[/]", "Bo Tran"]


def test_the_consent_panel_says_integrated_not_stands_after_integration() -> None:
    m = on_item("item-4", present=(ANA, BO))
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "object", "too soon"))
    assert "✗ Objection stands: Bo Tran" in consent_text(m.state, "item-4").plain
    m.do(C.Integrate(BO, "we wait a month"))
    text = consent_text(m.state, "item-4").plain
    assert "Objection stands" not in text
    assert "⤷ Objection integrated: Bo Tran — ⇧A amends (new version, round again)" in text


def test_a_decided_proposal_asks_for_nothing_more() -> None:
    """Once the outcome is recorded the panel says it and no longer asks for it: the tally's
    "O records the outcome" and the ▶ on whoever had not answered (a guest) are gone."""
    m = on_item("item-4", present=(ANA, BO, ELI))
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "consent"))
    before = consent_text(m.state, "item-4").plain
    assert "O records the outcome" in before
    assert f" ▶ {ELI}" in before  # the guest, advisory, not yet heard
    m.do(C.RecordOutcome("adopted"))
    text = consent_text(m.state, "item-4").plain
    assert "Outcome: adopted" in text
    assert "records the outcome" not in text
    assert "▶ " + ELI not in text and f" ○ {ELI}" in text


def test_a_proposal_decided_while_objected_or_waiting_gives_no_more_steps() -> None:
    m = on_item("item-4", present=(ANA, BO, CHEN))
    m.do(C.Respond(ANA, "object", "too soon"))
    assert "Objection stands" in consent_text(m.state, "item-4").plain
    m.do(C.RecordOutcome("not-adopted"))
    text = consent_text(m.state, "item-4").plain
    assert "Outcome: not-adopted" in text
    assert "Objection stands" not in text and "Waiting for" not in text
    assert "integrates" not in text and "amends" not in text
