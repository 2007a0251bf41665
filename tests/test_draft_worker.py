"""Draft minutes are written on a worker thread, from what was true when the item ended.

Issue 12: the draft of a 10,000-event meeting took 0.4 s to render, on the UI thread,
at every item end. The run screen now hands it to one writer thread. These tests hold
that thread at a gate (a threading.Event, never a sleep) to show that `do` returns
first, that the draft shows the meeting as it was when the item ended even though
the meeting went on meanwhile, and that the final minutes are never overwritten by a
late draft.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from facilitator.core import commands as C
from facilitator.core.clock import FakeClock
from facilitator.store import meeting_files
from facilitator.tui import live

SAMPLE = Path(__file__).parent.parent / "agendas" / "monthly-member-call.toml"


def _meeting(tmp_path: Path) -> live.JournalledMeeting:
    agenda = live.load_agenda(SAMPLE)
    meeting = live.start_meeting(agenda, None, minutes_dir=tmp_path, clock=FakeClock())
    meeting.background = True
    names = tuple(p.name for p in agenda.participants)[:3]
    meeting.do(C.StartMeeting(present=names))
    meeting.do(C.StartItem())
    meeting.do(C.AddNote("Before the end of the item"))
    return meeting


def _gated(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Hold every minutes write until `release` is set; `entered` says one is waiting."""
    entered, release = threading.Event(), threading.Event()
    write = meeting_files.write_minutes

    def held(*args: Any, **kwargs: Any) -> Path:
        entered.set()
        assert release.wait(timeout=30), "the test never released the writer"
        return write(*args, **kwargs)

    monkeypatch.setattr(meeting_files, "write_minutes", held)
    return entered, release


def test_do_returns_before_the_draft_is_written_and_the_draft_is_of_that_moment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered, release = _gated(monkeypatch)
    meeting = _meeting(tmp_path)
    try:
        meeting.do(C.FinishItem())  # the item ends: a draft is due
        assert entered.wait(timeout=30)  # the writer thread has it, and is held...
        assert not list(tmp_path.glob("*.md"))  # ...while `do` has already returned
        meeting.do(C.StartItem())
        meeting.do(C.AddNote("After the draft was handed over"))
        release.set()
        meeting.wait_for_writes()
        (draft,) = tmp_path.glob("*.md")
        text = draft.read_text(encoding="utf-8")
        assert 'status = "draft"' in text
        assert "Before the end of the item" in text
        assert "After the draft was handed over" not in text
    finally:
        release.set()
        meeting.close()


def test_the_final_minutes_wait_for_a_draft_still_being_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered, release = _gated(monkeypatch)
    meeting = _meeting(tmp_path)
    try:
        meeting.do(C.FinishItem())
        assert entered.wait(timeout=30)
        meeting.do(C.EndMeeting())
        # finish() waits for the draft first; let the writes go from another thread.
        threading.Timer(0, release.set).start()
        path = meeting.finish()
        assert path is not None
        assert 'status = "final"' in path.read_text(encoding="utf-8")
    finally:
        release.set()
        meeting.close()


def test_without_the_run_screen_drafts_are_written_before_do_returns(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    meeting.background = False  # the CLI paths and the fuzz harness: as before
    try:
        meeting.do(C.FinishItem())
        (draft,) = tmp_path.glob("*.md")
        assert "Before the end of the item" in draft.read_text(encoding="utf-8")
    finally:
        meeting.close()
