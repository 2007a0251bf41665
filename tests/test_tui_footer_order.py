"""The Footer lists the current process panel's keys first, then the rest (the app-wide keys
last), and follows the panel when the process slot changes it: at 200 columns a consent
round's "3 Stand aside" used to be the key the footer cut."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets._footer import FooterKey

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from facilitator.tui.screens.run_screen import RunScreen
from facilitator.tui.widgets.process_slot import ProcessSlot
from tests.tui_helpers import screen_text, settle


def agenda() -> Agenda:
    """A proposal, a vote, then a discussion (no panel)."""
    people = [{"name": n, "key": n[0].lower()} for n in ("Ana Lima", "Bo Tran", "Chen Wu")]
    return Agenda.model_validate(
        {
            "meeting": {"title": "Member call", "quorum": 2},
            "participants": people,
            "items": [
                {
                    "title": "Join the campaign",
                    "kind": "proposal",
                    "duration": 10,
                    "proposal": "We join the regional buy-local campaign.",
                },
                {"title": "Dues", "kind": "vote", "duration": 10, "motion": "Dues rise 5%."},
                {"title": "Next steps", "kind": "discussion", "duration": 10},
            ],
        }
    )


def footer_actions(app: Any) -> list[str]:
    """The actions of the Footer's keys, in the order it shows them."""
    return [key.action for key in app.screen.query(FooterKey)]


async def footer_led_by(pilot: Any, lead: set[str]) -> list[str]:
    """The Footer's actions once it shows `lead` first (or after 20 turns of the message
    loop: its recompose comes a refresh after the bindings change, never on a timer)."""
    for _ in range(20):
        shown = footer_actions(pilot.app)
        if set(shown[: len(lead)]) == lead and len(shown) > len(lead):
            break
        await pilot.pause()
    return footer_actions(pilot.app)


def panel_actions(app: Any) -> set[str]:
    """The actions the mounted process panel binds and shows."""
    panel = app.screen.query_one(ProcessSlot).panel
    assert panel is not None
    return {b.action for _, b in panel._bindings if b.show}


async def test_the_panel_keys_lead_the_footer_and_follow_the_panel(tmp_path: Path) -> None:
    app = build_app(
        None, agenda=agenda(), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("N", "enter")  # the roll, and the proposal starts
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        run.do(C.ConsentStage("consent"))
        await settle(pilot)
        ours = {"stage", *(f"respond_key('{n}')" for n in "1234")}
        assert ours <= panel_actions(app)
        shown = await footer_led_by(pilot, ours)
        # Every key of the consent panel comes before any other key.
        assert set(shown[: len(ours)]) == ours, shown
        assert "3 Stand aside" in screen_text(app).splitlines()[-1]
        # The app-wide keys (help, the palette) are still there, after the panel's.
        assert shown[-2:] == ["help", "command_palette"], shown
        # The slot changes panel: the vote's keys lead now, and the consent ones are gone.
        run.do(C.FinishItem())
        run.do(C.StartItem())
        await settle(pilot)
        vote = panel_actions(app)
        assert vote and not vote & ours
        shown = await footer_led_by(pilot, vote & set(footer_actions(app)) or vote)
        vote &= set(shown)
        assert vote and not ours & set(shown), shown
        assert set(shown[: len(vote)]) == vote, shown
        # No panel (a discussion): the footer is the other keys in their own order.
        run.do(C.FinishItem())
        run.do(C.StartItem())
        await settle(pilot)
        assert app.screen.query_one(ProcessSlot).panel is None
        for _ in range(20):
            shown = footer_actions(app)
            if shown and not vote & set(shown):
                break
            await pilot.pause()
        assert not vote & set(shown), shown
        assert shown[0] == "queue('speak')" and shown[-2:] == ["help", "command_palette"], shown
