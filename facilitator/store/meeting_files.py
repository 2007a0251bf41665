"""The minutes files of a running meeting: the few calls the TUI (and `export`) make.

- `cleanup(minutes_dir)` at start: remove temp files left by a writer that died.
- `new_stem(minutes_dir, agenda, today)`: the meeting's file stem, never one in use.
  Nothing is reserved here; creating the journal (`.private/<stem>.journal.jsonl`,
  which refuses to overwrite) is what claims the stem.
- `write_minutes(state, minutes_dir, stem, final=...)`: render and write `<stem>.md`
  and, when something is confidential, `.private/<stem>.private.md` (0600), both
  atomically. Safe to call as often as wanted (draft refreshes): the same state
  writes the same bytes, and a reader only ever sees a whole file.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from facilitator.core.agenda import Agenda
from facilitator.core.state import MeetingState
from facilitator.store.atomic import cleanup_temp_files
from facilitator.store.minutes_paths import base_stem, unique_stem
from facilitator.store.minutes_view import build
from facilitator.store.minutes_writer import MinutesFiles, MinutesWriteError, write_minutes_doc
from facilitator.store.private_dir import PRIVATE_DIR_NAME

__all__ = [
    "MinutesWriteError",
    "agenda_reference",
    "cleanup",
    "new_stem",
    "stem_date",
    "write_minutes",
    "write_minutes_files",
]


def cleanup(minutes_dir: Path) -> int:
    """Remove leftover temp files in the minutes folder and its `.private/`; how many."""
    return cleanup_temp_files(minutes_dir) + cleanup_temp_files(minutes_dir / PRIVATE_DIR_NAME)


def new_stem(minutes_dir: Path, agenda: Agenda, day: dt.date) -> str:
    """`YYYY-MM-DD-<circle>-<title>`, numbered (`-2`, ...) if any file of that stem exists.

    The date is `day`, the day the meeting takes place, which is not always the
    agenda's: an agenda dated 24 November run on 1 December makes minutes of 1 December.
    """
    meeting = agenda.meeting
    base = base_stem(day, meeting.circle, meeting.title)
    return unique_stem(minutes_dir, base)


def agenda_reference(agenda_path: Path, minutes_dir: Path) -> str:
    """How the minutes name the agenda file: relative to the minutes folder where it can be.

    Relative, so the reference still holds when the whole folder tree is moved or cloned
    (`facilitator next` looks beside the minutes first); absolute when no relative path
    exists (another drive on Windows).
    """
    target = agenda_path.absolute()
    try:
        return Path(os.path.relpath(target, minutes_dir.absolute())).as_posix()
    except ValueError:
        return str(target)


def stem_date(stem: str) -> dt.date | None:
    """The date a stem starts with, if it does (every stem `new_stem` makes does)."""
    try:
        return dt.date.fromisoformat(stem[:10])
    except ValueError:
        return None


def write_minutes_files(
    state: MeetingState,
    minutes_dir: Path,
    stem: str,
    *,
    final: bool,
    agenda_path: str | None = None,
) -> MinutesFiles:
    """Like `write_minutes`, returning both paths (the private one is None when not written)."""
    doc = build(
        state,
        status="final" if final else "draft",
        date=stem_date(stem),
        agenda_path=agenda_path,
    )
    return write_minutes_doc(doc, minutes_dir, stem)


def write_minutes(
    state: MeetingState,
    minutes_dir: Path,
    stem: str,
    *,
    final: bool,
    agenda_path: str | None = None,
) -> Path:
    """Write the draft (`final=False`) or final minutes of `state`; the shared file's path.

    The front matter's date is the stem's, so file name and contents agree.
    Raises `MinutesWriteError` with a message a screen can show as is.
    """
    return write_minutes_files(
        state, minutes_dir, stem, final=final, agenda_path=agenda_path
    ).shared
