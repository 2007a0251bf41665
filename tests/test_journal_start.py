"""Starting a meeting's journal: the name it takes, and a second run of the same agenda.

Real files in a tmp minutes folder; the app under Pilot where the wiring matters.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.core.clock import FakeClock
from facilitator.store.minutes_paths import stem_taken, unique_stem
from facilitator.tui import live
from tests.meeting_script import scripted_agenda

STEM = "2026-11-24-general-circle-november"


def test_a_symlink_with_the_new_name_pointing_outside_moves_on_to_the_next_name(
    tmp_path: Path,
) -> None:
    minutes = tmp_path / "minutes"
    minutes.mkdir()
    outside = tmp_path / "elsewhere.md"
    outside.write_text("someone else's file")
    (minutes / f"{STEM}.md").symlink_to(outside)
    (minutes / f"{STEM}-x.md").symlink_to(tmp_path / "missing")  # dangling, elsewhere
    assert stem_taken(minutes, STEM) and stem_taken(minutes, f"{STEM}-x")
    assert unique_stem(minutes, STEM) == f"{STEM}-2"
    # Before, `run` died here with ValueError("refusing to write ... outside ...").
    meeting = live.start_meeting(
        scripted_agenda(), None, minutes_dir=minutes, clock=FakeClock(mono=100.0)
    )
    try:
        assert meeting.stem == f"{STEM}-2"
        assert meeting.journal.path == minutes / ".private" / f"{STEM}-2.journal.jsonl"
    finally:
        meeting.close()
    assert outside.read_text() == "someone else's file"


async def test_choosing_resume_of_a_meeting_open_elsewhere_exits_with_status_1(
    tmp_path: Path,
) -> None:
    from facilitator.store.journal import Journal
    from facilitator.store.settings import Settings
    from facilitator.tui.app import build_app
    from facilitator.tui.screens.start import StartScreen

    minutes = tmp_path / "minutes"
    first = live.start_meeting(scripted_agenda(), None, minutes_dir=minutes, clock=FakeClock(5.0))
    first.close()
    elsewhere = Journal.open(first.journal.path)  # another window has it open
    try:
        app = build_app(
            minutes_dir=minutes, agenda=scripted_agenda(), clock=FakeClock(5.0), settings=Settings()
        )
        assert app.launch.unfinished == [first.journal.path]
        async with app.run_test() as pilot:
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
            await pilot.press("enter")  # "Resume" is highlighted first
            await pilot.pause()
        # Before, the refusal ("open in another facilitator window") exited with status 0.
        assert app.return_code == 1
    finally:
        elsewhere.close()


def test_a_second_run_finds_the_first_by_file_however_the_path_is_written(
    tmp_path: Path, monkeypatch: object
) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.chdir(tmp_path)
    agenda_file = tmp_path / "agendas" / "gc.toml"
    agenda_file.parent.mkdir()
    agenda_file.write_text("")
    minutes = tmp_path / "minutes"
    agenda = scripted_agenda()
    first = live.start_meeting(
        agenda, Path("agendas/gc.toml"), minutes_dir=minutes, clock=FakeClock(5.0)
    )
    first.close()
    # The title was corrected in the file before the second run, which names it another way.
    retitled = agenda.model_copy(
        update={"meeting": agenda.meeting.model_copy(update={"title": "General Circle, Nov."})}
    )
    for spelling in [agenda_file, Path("./agendas/gc.toml"), Path("agendas/../agendas/gc.toml")]:
        assert live.unfinished_for(retitled, spelling, minutes) == [first.journal.path], spelling
    # Another agenda file with another title is not this meeting.
    assert live.unfinished_for(retitled, Path("agendas/other.toml"), minutes) == []
    # The same meeting (same file stem: date, circle and title) with no path at all is.
    assert live.unfinished_for(agenda, None, minutes) == [first.journal.path]
