"""Issue 10: an unexpected exception never shows a traceback (with locals) on any screen.

The app is forced to fail inside a run-screen action while a confidential item
is open and its notes are in local variables. The screen, the terminal output
after exit, and the private crash log are checked.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from facilitator.tui.widgets.stack_panel import StackPanel
from tests.tui_helpers import screen_text

SECRET_TITLE = "Salary of the coordinator"
SECRET_NOTE = "Dana 41k"


class Boom(RuntimeError):
    """A bug inside the app, as far as the app knows."""


def agenda() -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": "Crash call", "circle": "Board"},
            "participants": [{"name": "Ana Lima"}, {"name": "Bo Tran"}],
            "items": [
                {"title": SECRET_TITLE, "duration": 10, "confidential": True},
                {"title": "Open item", "duration": 5},
            ],
        }
    )


def broken_end_turn(self: StackPanel) -> None:
    # Locals a traceback-with-locals would print: the confidential title and the note.
    view = self.meeting_view()
    title = view.item.title if view.item else ""
    notes = [e for e in view.log]
    raise Boom(f"cannot end the turn in {title!r} with {len(notes)} notes")


TRACEBACK_MARKS = ("Traceback", 'File "', ".py", "locals", "Boom", "raise ")


async def test_an_unexpected_error_shows_a_plain_sentence_and_logs_privately(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    minutes = tmp_path / "minutes"
    app = build_app(
        None, agenda=agenda(), minutes_dir=minutes, clock=FakeClock(), settings=Settings()
    )
    monkeypatch.setattr(StackPanel, "action_end_turn", broken_end_turn)
    with pytest.raises(Boom):
        async with app.run_test(size=(110, 36)) as pilot:
            await pilot.press("N", "enter")  # roll call: the confidential item starts
            await pilot.press("m", *SECRET_NOTE, "enter")
            before = screen_text(app)
            assert SECRET_NOTE in before  # the facilitator's own view shows the note
            await pilot.press("e")  # the broken action
            await pilot.pause()
            after = screen_text(app)
    assert app.return_code == 1
    for mark in TRACEBACK_MARKS:
        assert mark not in after
    out = capsys.readouterr()
    terminal = out.out + out.err
    assert "unexpected error" in terminal
    assert "The meeting is safe in its journal" in terminal
    (journal,) = (minutes / ".private").glob("*.journal.jsonl")
    (log,) = (minutes / ".private").glob("crash-*.log")
    assert f"Resume it with:  facilitator resume {journal}" in terminal
    assert f"Details for a bug report are in {log}" in terminal
    rest = terminal.replace(str(journal), "").replace(str(log), "")
    for leak in (SECRET_TITLE, SECRET_NOTE, *TRACEBACK_MARKS):
        assert leak not in rest
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    details = log.read_text()
    assert "Traceback" in details and "Boom" in details and "broken_end_turn" in details
    assert str(journal) in details


async def test_a_crash_before_any_meeting_opens_says_nothing_was_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    minutes = tmp_path / "minutes"
    app = build_app(
        None, agenda=agenda(), minutes_dir=minutes, clock=FakeClock(), settings=Settings()
    )
    app.meeting = None
    message = app.crash_message(None, "there is no minutes folder to put it in")
    assert "No meeting was open" in message
    assert "The details were not saved: there is no minutes folder" in message
