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
