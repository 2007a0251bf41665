"""Redo, the history view and hints that follow remapped keys, through the real app.

Also the private record's list of undone acts, rendered from a real session.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.history import history
from facilitator.core.session import MemorySink, Session
from facilitator.store.journal import read_journal
from facilitator.store.minutes_view import render
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from facilitator.tui.screens.history import HistoryScreen
from tests.tui_helpers import screen_text, settle


def _agenda() -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": "Budget call", "circle": "Finance"},
            "participants": [
                {"name": "Ana Lima", "key": "a"},
                {"name": "Bo Tran", "key": "b"},
                {"name": "Cy Ode", "key": "c"},
            ],
            "items": [{"title": "Open floor", "kind": "discussion", "duration": 20}],
        }
    )


def _app(tmp_path: Path, **settings: object) -> FacilitatorApp:
    return build_app(
        None,
        agenda=_agenda(),
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(),
        settings=Settings(**settings),  # type: ignore[arg-type]
    )


def _types(tmp_path: Path) -> list[str]:
    (journal,) = (tmp_path / "minutes" / ".private").glob("*.journal.jsonl")
    return [str(r["type"]) for r in read_journal(journal).records]


def _toasts(app: FacilitatorApp) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def test_ctrl_y_redoes_what_ctrl_z_undid(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await settle(pilot)
        await pilot.press("k", "b")
        await settle(pilot)
        assert "Bo Tran" in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.meeting is not None and app.meeting.state.stack == []
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert [e.name for e in app.meeting.state.stack] == ["Bo Tran"]
        assert "Redone: queued Bo Tran (speak)." in _toasts(app)
    assert _types(tmp_path)[-2:] == ["Undone", "Redone"]


async def test_redo_after_something_else_is_refused_in_a_sentence(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await settle(pilot)
        await pilot.press("k", "b", "ctrl+z", "k", "c")
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert "queued Cy Ode (speak) was recorded after the last undo" in _toasts(app)
        assert app.meeting is not None
        assert [e.name for e in app.meeting.state.stack] == ["Cy Ode"]
    assert "Redone" not in _types(tmp_path)


async def test_history_lists_acts_undos_and_redos_and_masks_confidential(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await settle(pilot)
        assert app.meeting is not None
        app.meeting.do(C.RaiseConflict("the treasurer's loan", ("Bo Tran",), confidential=True))
        await pilot.press("k", "b", "ctrl+z", "ctrl+y", "k", "a", "ctrl+z")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "started the meeting" in text
        # The facilitator's own screen says what it was, and 🔒 marks it.
        assert "🔒 recorded conflict K1" in text
        assert "treasurer" not in text and "loan" not in text
        assert "undo: queued Bo Tran (speak)" in text
        assert "redo: queued Bo Tran (speak)" in text
        assert "queued Ana Lima (speak)  (undone)" in text
        assert (
            "5 acts · 1 undone now · ctrl+z: undo · ctrl+y: redo “queued Ana Lima (speak)”" in text
        )
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HistoryScreen)
        # While sharing, it is masked as the item log masks it.
        await pilot.press("S", "h")
        await settle(pilot)
        text = screen_text(app)
        assert "🔒 confidential conflict K1: kept in the private record" in text
        assert "recorded conflict K1" not in text
        assert "undo: queued Bo Tran (speak)" in text


async def test_hints_name_the_remapped_keys(tmp_path: Path) -> None:
    app = _app(tmp_path, keys={"queue": "f6", "next-item": "f7", "quick-queue": "f8"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Press f7 to take the roll" in text and "⇧N" not in text
        await pilot.press("f7", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Nobody waiting. f6 queues someone, f8 then a" in text  # the rest wraps
        assert "q queues" not in text


def test_the_private_record_lists_undone_acts_and_the_shared_minutes_do_not() -> None:
    session = Session(_agenda(), MemorySink(), FakeClock())
    session.do(C.StartMeeting(("Ana Lima", "Bo Tran")))
    session.do(C.StartItem())
    session.do(C.AddNote("a note kept"))
    session.do(C.AddAction("call the bank", "Bo Tran"))
    session.do(C.Undo())
    session.do(C.Queue("Ana Lima"))
    session.do(C.Undo())
    session.do(C.Redo())  # brought back: not listed as undone
    private = render(session.state, private=True)
    assert "## Undone" in private
    section = private[private.index("## Undone") :]
    assert "| 18:00 | 18:00 | added action A1 |" in section
    assert "queued Ana Lima" not in section
    assert "Undone" not in render(session.state)
    rows = history(session.state)
    assert [r.kind for r in rows] == [
        "done",
        "done",
        "done",
        "done",
        "undo",
        "done",
        "undo",
        "redo",
    ]
