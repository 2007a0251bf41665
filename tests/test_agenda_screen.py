"""Agenda text with escape sequences shows as visible escapes on the run screen (issue 10)."""

from __future__ import annotations

from pathlib import Path

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from facilitator.tui.format import shown
from tests.tui_helpers import screen_text

CLEAR = "\x1b[2J\x1b[H"


def _agenda() -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": f"Call{CLEAR}", "circle": "Finance"},
            "participants": [{"name": "Ana Lima", "key": "a"}],
            "items": [
                {
                    "title": "Budget\x1b[31m red\u202e",
                    "duration": 5,
                    "owner": "Treasury\x07",
                    "notes": "line one\nline\x1b]0;owned\x07 two",
                },
            ],
        }
    )


def test_shown_escapes_controls_and_keeps_line_breaks() -> None:
    assert shown("a\x1b[2Jb\nc\u202ed\te") == "a\\x1b[2Jb\nc\\u202ed\\te"
    assert shown("José 👋🏽 [bold]x[/]") == "José 👋🏽 [bold]x[/]"


async def test_the_run_screen_shows_escape_sequences_as_escapes(tmp_path: Path) -> None:
    app = build_app(
        None,
        agenda=_agenda(),
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(),
        settings=Settings(),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("N")  # take the roll
        await pilot.pause()
        await pilot.press("enter")  # everyone present: the first item starts
        await pilot.pause()
        text = screen_text(app)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "Budget\\x1b[31m red\\u202e" in text
    assert "\\x1b]0;owned\\x07" in text
