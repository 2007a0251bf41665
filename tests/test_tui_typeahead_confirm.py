"""Issue 9, the rest: destructive confirmations start on Cancel, the next item asks when
people wait, forms take the completion shown and ask before discarding, ctrl+q asks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from facilitator.tui.app import FacilitatorApp
from tests.test_tui_typeahead import burst, journal_events, make_app, queued, start
from tests.tui_helpers import screen_text


def types(tmp: Path) -> list[str]:
    return [e["type"] for e in journal_events(tmp)]


def top(app: FacilitatorApp) -> str:
    return type(app.screen).__name__


async def test_an_enter_typed_ahead_never_ends_the_meeting(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await start(app, pilot)
        # ⇧E opens the confirmation; the Enter typed right after it lands on Cancel.
        await burst(app, "E", "enter")
        assert top(app) == "RunScreen"
        await burst(app, "E")
        assert top(app) == "ConfirmScreen"
        assert app.focused is not None and app.focused.id == "confirm-no"
        await burst(app, "escape")
    assert "MeetingEnded" not in types(tmp_path)


async def test_next_item_with_people_waiting_asks_and_can_keep_them(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await start(app, pilot)
        await burst(app, "k", "a", "k", "b", "N")
        assert top(app) == "ChoiceScreen"
        assert "2 people are still waiting to speak: Bo Tran, Ana Lima." in screen_text(app)
        await burst(app, "enter")  # Cancel is the default: nothing happens
        assert top(app) == "RunScreen"
        assert app.meeting is not None and app.meeting.state.current == "item-1"
        await burst(app, "N", "k")  # keep them
        assert app.meeting.state.current == "item-2"
        # Queued again in the order they stood (Bo first: priority).
        assert [e.name for e in app.meeting.state.stack] == ["Bo Tran", "Ana Lima"]
        await burst(app, "N", "c")  # clear them
        assert app.meeting.state.current == "item-3"
        assert app.meeting.state.stack == []
    assert types(tmp_path).count("StackCleared") == 2
    assert queued(tmp_path)[-2:] == [("Bo Tran", "speak"), ("Ana Lima", "speak")]


async def test_next_item_with_nobody_waiting_does_not_ask(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await start(app, pilot)
        await burst(app, "N")
        assert top(app) == "RunScreen"
        assert app.meeting is not None and app.meeting.state.current == "item-2"


async def test_escape_on_a_form_with_typed_text_asks_before_discarding(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await start(app, pilot)
        await burst(app, "m", "escape")  # nothing typed: closes at once
        assert top(app) == "RunScreen"
        await burst(app, "m", "h", "i", "escape")
        assert top(app) == "ConfirmScreen"
        await burst(app, "enter")  # "Keep editing" is the default
        assert top(app) == "FormScreen"
        await burst(app, "!", "enter")
        assert top(app) == "RunScreen"
        await burst(app, "m", "x", "escape", "y")  # discard
        assert top(app) == "RunScreen"
    notes = [e["text"] for e in journal_events(tmp_path) if e["type"] == "NoteAdded"]
    assert notes == ["hi!"]


async def test_enter_takes_the_completion_shown_for_an_owner(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await start(app, pilot)
        await burst(app, "t", *"Minutes", "enter", *"efua", "enter", "enter")
        assert top(app) == "RunScreen"
    actions = [e for e in journal_events(tmp_path) if e["type"] == "ActionAdded"]
    assert [(a["text"], a["owner"]) for a in actions] == [("Minutes", "Efua Mensah")]


async def test_an_unlisted_owner_is_kept_only_when_confirmed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await start(app, pilot)
        await burst(app, "t", *"Book", "enter", *"zed", "enter", "enter")
        assert top(app) == "ConfirmScreen"
        assert '"zed" is not a participant' in screen_text(app)
        await burst(app, "enter")  # "Change it" is the default: back in the form
        assert top(app) in ("FormScreen", "PreviewFormScreen")
        assert app.focused is not None and app.focused.id == "field-owner"
        await burst(app, "enter", "enter", "y")  # keep it as written
        assert top(app) == "RunScreen"
    actions = [e for e in journal_events(tmp_path) if e["type"] == "ActionAdded"]
    assert [(a["text"], a["owner"]) for a in actions] == [("Book", "zed")]


async def test_ctrl_q_mid_meeting_asks_and_says_how_to_resume(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await start(app, pilot)
        await burst(app, "ctrl+q", "enter")  # an Enter typed ahead cancels
        assert top(app) == "RunScreen"
        await burst(app, "ctrl+q")
        assert top(app) == "ConfirmScreen"
        assert "facilitator resume" in screen_text(app).replace("\n", " ")
        await burst(app, "y")
        await pilot.pause()
    assert app.return_code == 0
    err: Any = capsys.readouterr().err
    (journal,) = (tmp_path / "minutes" / ".private").glob("*.journal.jsonl")
    assert "Resume it with:" in err and journal.name in err.replace("\n", "")
    assert "MeetingEnded" not in types(tmp_path)


async def test_f1_says_how_to_quit_and_resume(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 60)) as pilot:
        await start(app, pilot)
        await burst(app, "f1")
        text = " ".join(screen_text(app).split())
        assert "Quitting: ctrl+q" in text
        shown = str(app.screen.query_one("#help-quit", Static).render())
        assert "ctrl+q" in shown and "asks first" in shown and "`facilitator resume`" in shown
