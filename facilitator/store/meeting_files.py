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

import contextlib
import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.store.atomic import cleanup_temp_files
from facilitator.store.minutes_paths import base_stem, stem_files, unique_stem
from facilitator.store.private_dir import private_dir_for

if TYPE_CHECKING:
    # The minutes stack (model, view, body, writer) is imported where minutes are made,
    # not here: `facilitator run` asks for a stem and a cleanup before its first frame,
    # and needs the minutes only when an item ends (issue 12: ~0.1 s of imports).
    from facilitator.core.agenda import Agenda
    from facilitator.core.state import MeetingState
    from facilitator.store.minutes_model import MinutesDoc
    from facilitator.store.minutes_writer import MinutesFiles, MinutesWriteError

PENDING_SUFFIX = ".pending.json"
"""`minutes_writer.PENDING_SUFFIX`, here so a cleanup with nothing pending imports no writer
(tests/test_run_imports.py checks the two agree)."""


def __getattr__(name: str) -> Any:
    # `MinutesWriteError` is part of this module's interface, loaded with the writer.
    if name == "MinutesWriteError":
        from facilitator.store.minutes_writer import MinutesWriteError

        return MinutesWriteError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MinutesWriteError",
    "agenda_reference",
    "cleanup",
    "export_stem",
    "new_stem",
    "stem_date",
    "write_minutes",
    "write_minutes_files",
]


def cleanup(minutes_dir: Path) -> int:
    """Finish two-file minutes swaps a killed writer left half done, then remove leftover
    temp files in the minutes folder and its `.private/`; how many temp files went."""
    try:
        pending = any(private_dir_for(minutes_dir).glob(f"*{PENDING_SUFFIX}"))
    except OSError:
        pending = False
    if pending:
        from facilitator.store.minutes_writer import finish_pending

        finish_pending(minutes_dir)  # first: its temp files are the new versions to keep
    return cleanup_temp_files(minutes_dir) + cleanup_temp_files(private_dir_for(minutes_dir))


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


def export_stem(minutes_dir: Path, stem: str, journal: Path, doc: MinutesDoc) -> str:
    """The stem an export of `journal` writes to in `minutes_dir`: `stem` itself if it is
    free or holds this same meeting, else the first `stem-2`, `stem-3`, ... that is.

    Another meeting's minutes are never replaced (a final version was once overwritten by a
    draft of another meeting exported with `-o`). A stem is this meeting's when its journal
    there is this journal, or when its minutes name the same title, circle, date and start.
    """
    from facilitator.store.minutes_frontmatter import front_matter_dict

    ours = _identity(front_matter_dict(doc))
    candidate, n = stem, 1
    while not _free_or_ours(minutes_dir, candidate, journal, ours):
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def _free_or_ours(minutes_dir: Path, stem: str, journal: Path, ours: tuple[object, ...]) -> bool:
    shared, private, journal_there = stem_files(minutes_dir, stem)
    if journal_there.exists() or journal_there.is_symlink():
        with contextlib.suppress(OSError):
            if journal_there.samefile(journal):
                return True
        return False  # another journal claims this name, whatever its minutes say
    for path in (shared, private):
        if path.is_symlink():
            return False
        if path.exists() and _identity(_front_of(path)) != ours:
            return False
    return True


def _front_of(path: Path) -> dict[str, Any]:
    """The TOML front matter of a minutes file; {} when it has none that can be read."""
    try:
        with path.open("rb") as f:
            head = f.read(_FRONT_MAX)
        text = head.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    if not text.startswith("+++\n"):
        return {}
    end = text.find("\n+++\n", 3)
    if end < 0:
        return {}
    try:
        return tomllib.loads(text[4 : end + 1])
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return {}


_FRONT_MAX = 1 << 20
"""Read at most this much of an existing file to find its front matter."""


def _identity(front: dict[str, Any]) -> tuple[object, ...]:
    """What tells one meeting's minutes from another's: title, circle, date and start.

    A file with no readable front matter has no identity, so it never matches (it is kept).
    """
    if not front:
        return (object(),)
    started = front.get("started")
    if isinstance(started, dt.datetime):
        started = started.astimezone(dt.UTC).replace(microsecond=0)
    return (front.get("title"), front.get("circle"), front.get("date"), started)


def write_minutes_files(
    state: MeetingState,
    minutes_dir: Path,
    stem: str,
    *,
    final: bool,
    agenda_path: str | None = None,
) -> MinutesFiles:
    """Like `write_minutes`, returning both paths (the private one is None when not written)."""
    from facilitator.store.minutes_view import build
    from facilitator.store.minutes_writer import write_minutes_doc

    doc = build(
        state,
        status="final" if final else "draft",
        date=stem_date(stem),
        agenda_path=agenda_path,
        id_prefix=stem,  # decision ids `<stem>-N`: unique across a network repository
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
