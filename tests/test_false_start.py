"""A meeting opened, then its agenda file edited before the meeting starts (a false start).

Resuming replays the journal, whose header holds the agenda as it was: the start screen must
say the file changed, and offer to start again with the edited agenda when nothing was
recorded. Real journals in a tmp minutes folder; the app under Pilot.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.commands import StartMeeting
from facilitator.store.journal import Journal, JournalLockedError
from facilitator.store.settings import Settings
from facilitator.store.unstarted import AgendaChange, agenda_change, discard_unstarted
from facilitator.tui import live
from facilitator.tui.app import build_app
from facilitator.tui.screens.start import StartScreen
from tests.meeting_script import scripted_agenda


def _with_guest(agenda: Agenda) -> Agenda:
    data = agenda.to_toml_dict()
    data["participants"].append({"name": "Guadalupe Ortiz", "role": "guest"})
    return Agenda.model_validate(data)


def _opened(minutes: Path, *, record: bool = False) -> Path:
    meeting = live.start_meeting(scripted_agenda(), None, minutes_dir=minutes, clock=FakeClock(5.0))
    try:
        if record:
            meeting.do(StartMeeting(present=()))
        return meeting.journal.path
    finally:
        meeting.close()


def test_the_same_agenda_is_not_a_change(tmp_path: Path) -> None:
    journal = _opened(tmp_path)
    assert agenda_change(journal, scripted_agenda()) is AgendaChange.SAME


def test_an_edit_before_anything_was_recorded_is_a_false_start(tmp_path: Path) -> None:
    journal = _opened(tmp_path)
    assert agenda_change(journal, _with_guest(scripted_agenda())) is AgendaChange.EDITED_UNSTARTED


def test_an_edit_after_the_meeting_recorded_something_keeps_its_record(tmp_path: Path) -> None:
    journal = _opened(tmp_path, record=True)
    assert agenda_change(journal, _with_guest(scripted_agenda())) is AgendaChange.EDITED
    before = journal.read_bytes()
    assert discard_unstarted(journal) is False  # it recorded something: left exactly as it was
    assert journal.read_bytes() == before


def test_discarding_an_unstarted_journal_removes_it_and_its_lock(tmp_path: Path) -> None:
    journal = _opened(tmp_path)
    assert discard_unstarted(journal) is True
    assert not journal.exists()
    assert not journal.with_name(journal.name + ".lock").exists()


def test_a_journal_open_in_another_window_is_not_discarded(tmp_path: Path) -> None:
    journal = _opened(tmp_path)
    elsewhere = Journal.open(journal)
    try:
        with pytest.raises(JournalLockedError):
            discard_unstarted(journal)
    finally:
        elsewhere.close()
    assert journal.exists()


def _labels(screen: StartScreen) -> list[str]:
    from textual.widgets import OptionList

    options = screen.query_one("#start-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_start_screen_offers_the_edited_agenda_first_and_starts_it(
    tmp_path: Path,
) -> None:
    old = _opened(tmp_path)
    edited = _with_guest(scripted_agenda())
    app = build_app(minutes_dir=tmp_path, agenda=edited, clock=FakeClock(6.0), settings=Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        labels = _labels(screen)
        assert labels[0].startswith("Start again with the edited agenda")
        assert "(agenda as it was)" in labels[1]
        assert not any(label.startswith("Start a new meeting") for label in labels)
        text = " ".join(str(s.render()) for s in screen.query("Static"))
        assert "has changed since it was opened" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.meeting is not None
        names = [p.name for p in app.meeting.state.agenda.participants]
        assert "Guadalupe Ortiz" in names
        new_path = app.meeting.journal.path  # type: ignore[attr-defined]
    # The new meeting took the unstarted one's name: no "-2" beside an empty journal.
    assert new_path == old
    header = Journal.open(new_path)
    try:
        assert any(
            p.get("name") == "Guadalupe Ortiz" for p in header.header["agenda"]["participants"]
        )
    finally:
        header.close()


async def test_after_a_recorded_start_the_screen_warns_and_resume_keeps_the_old_agenda(
    tmp_path: Path,
) -> None:
    old = _opened(tmp_path, record=True)
    app = build_app(
        minutes_dir=tmp_path,
        agenda=_with_guest(scripted_agenda()),
        clock=FakeClock(6.0),
        settings=Settings(),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        labels = _labels(screen)
        assert labels[0].startswith("Resume") and "(agenda as it was)" in labels[0]
        assert labels[-1].startswith("Start a new meeting")
        text = " ".join(str(s.render()) for s in screen.query("Static"))
        assert "Resuming keeps the agenda as it was then" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.meeting is not None
        names = [p.name for p in app.meeting.state.agenda.participants]
        assert "Guadalupe Ortiz" not in names
        assert app.meeting.journal.path == old  # type: ignore[attr-defined]


async def test_an_unchanged_agenda_shows_the_start_screen_as_before(tmp_path: Path) -> None:
    _opened(tmp_path)
    app = build_app(
        minutes_dir=tmp_path, agenda=scripted_agenda(), clock=FakeClock(6.0), settings=Settings()
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        labels = _labels(screen)
        assert labels[0].startswith("Resume") and "agenda as it was" not in labels[0]
        assert labels[-1].startswith("Start a new meeting")
