"""A confidential item is marked on the run screen, which the facilitator often shares."""

from __future__ import annotations

from pathlib import Path

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from tests.tui_helpers import screen_text


async def test_the_agenda_marks_confidential_items_only(tmp_path: Path) -> None:
    agenda = Agenda.model_validate(
        {
            "meeting": {"title": "Call"},
            "items": [
                {"title": "Check-in", "duration": 5},
                {"title": "Tenant case", "duration": 10, "confidential": True},
            ],
        }
    )
    app = build_app(
        None, agenda=agenda, minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("N", "enter")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any("🔒 Tenant case" in line for line in lines)
        assert not any("🔒 Check-in" in line for line in lines)
