"""Write a meeting's minutes files: `<stem>.md` and, when needed, `.private/<stem>.private.md`.

Both are written atomically (see `atomic`), so a crash mid-write leaves the
previous version in place. The stem belongs to one meeting (its journal
reserves it, see `minutes_paths.unique_stem`), so refreshing its own files is
the one overwrite allowed; drafts are refreshed as the meeting goes and the
final minutes replace the last draft.

The private record is written only when something was confidential. Once a
meeting has one it keeps being refreshed, even if an undo removed the last
confidential part, so it never goes stale with private content in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from facilitator.store.atomic import PRIVATE_MODE, SHARED_MODE, write_atomic
from facilitator.store.minutes import render_doc
from facilitator.store.minutes_model import MinutesDoc, has_confidential
from facilitator.store.minutes_paths import stem_files
from facilitator.store.private_dir import ensure_private_dir

__all__ = ["MinutesFiles", "MinutesWriteError", "write_minutes_doc"]


class MinutesWriteError(Exception):
    """The minutes could not be written; `str()` is a plain message naming the file."""


@dataclass(frozen=True)
class MinutesFiles:
    """Where the minutes were written."""

    shared: Path
    """The shared minutes, `<stem>.md`."""
    private: Path | None
    """The full private record, when one was written."""


def write_minutes_doc(doc: MinutesDoc, minutes_dir: Path, stem: str) -> MinutesFiles:
    """Render `doc` and write its shared minutes, plus the private record when needed.

    Raises `MinutesWriteError` with a message a screen can show as is.
    """
    shared, private, _ = stem_files(minutes_dir, stem)
    wrote_private: Path | None = None
    target = shared
    try:
        minutes_dir.mkdir(parents=True, exist_ok=True)
        if has_confidential(doc) or private.exists():
            target = private
            ensure_private_dir(minutes_dir)
            write_atomic(private, render_doc(doc, private=True), mode=PRIVATE_MODE, overwrite=True)
            wrote_private = private
        target = shared
        write_atomic(shared, render_doc(doc), mode=SHARED_MODE, overwrite=True)
    except OSError as e:
        reason = e.strerror or str(e)
        raise MinutesWriteError(f"could not write the minutes to {target}: {reason}") from e
    return MinutesFiles(shared=shared, private=wrote_private)
