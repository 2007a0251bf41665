"""The private crash log: what went wrong inside the app, for a bug report, never on screen.

An unexpected exception's details (the traceback, and whatever the exception
says) can hold a confidential item's title or notes, so they go to
`<minutes_dir>/.private/crash-<UTC stamp>.log` with mode 0600, never to the
shared screen or the terminal.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from facilitator.store.atomic import PRIVATE_MODE
from facilitator.store.private_dir import ensure_private_dir


def write_crash_log(minutes_dir: Path, text: str, *, when: dt.datetime | None = None) -> Path:
    """Append `text` to this crash's log under `.private/` (0600, fsynced); its path.

    Raises OSError when the folder or the file cannot be written.
    """
    when = when or dt.datetime.now(dt.UTC)
    private = ensure_private_dir(minutes_dir)
    path = private / f"crash-{when.strftime('%Y%m%dT%H%M%SZ')}.log"
    # O_CREAT with 0600 from the first byte: the file is never readable by others, not even
    # for the moment between creating it and a chmod.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_MODE)
    try:
        os.fchmod(fd, PRIVATE_MODE)
        os.write(fd, text.encode("utf-8", "replace"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return path


__all__ = ["write_crash_log"]
