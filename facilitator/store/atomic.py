"""Atomic file writes: a reader sees the old file, the new file, or no file; never part of one.

The recipe (the atomicwrites one, measured in MEASURED.md): write a temp file
in the same folder, fsync it, then `os.link` it to the final name (refuses to
overwrite) or `os.replace` it (refreshes a file we own), and fsync the folder
so the new name survives a power cut. A killed process can leave temp files
behind; `cleanup_temp_files` removes them at the next start.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
from pathlib import Path

from facilitator.store.private_dir import fsync_dir

__all__ = ["TEMP_PREFIX", "cleanup_temp_files", "stage", "write_atomic"]

TEMP_PREFIX = ".tmp-facilitator-"
"""Temp files are `.tmp-facilitator-<pid>-<random>`, hidden and easy to recognise."""

SHARED_MODE = 0o644
"""Mode for shared minutes: readable by the circle's other tools."""
PRIVATE_MODE = 0o600
"""Mode for anything under `.private/`."""


def _full_fsync(fd: int) -> None:
    # On macOS plain fsync only reaches the drive's cache; F_FULLFSYNC reaches the platter.
    full = getattr(fcntl, "F_FULLFSYNC", None)
    if full is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, full)
            return
    os.fsync(fd)


def write_atomic(path: Path, data: str | bytes, *, mode: int, overwrite: bool) -> None:
    """Write `data` to `path` atomically, with permissions `mode`.

    With `overwrite=False` the final name is created with `os.link`, which
    fails with FileExistsError if something is already there, so an earlier
    file can never be replaced. With `overwrite=True` the file is swapped in
    with `os.replace`. Raises OSError on failure; the temp file is removed and
    whatever was under `path` before is untouched.
    """
    tmp = stage(path, data, mode=mode)
    try:
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
            os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def stage(path: Path, data: str | bytes, *, mode: int) -> Path:
    """Write `data` to a fsynced temp file beside `path`, for `os.replace` later; its path.

    For writing several files that must change together (see `minutes_writer`): stage
    them all, record the plan, then swap each in. Raises OSError; nothing is left behind.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.parent / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            # fchmod is not filtered by the umask, so the mode is exactly what was asked.
            os.fchmod(fd, mode)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            _full_fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def cleanup_temp_files(folder: Path) -> int:
    """Remove temp files left in `folder` by writers that died; returns how many.

    A temp file whose writer is still running (another window exporting right
    now) is left alone: its pid is in the name.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return 0
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX) or not entry.is_file(follow_symlinks=False):
            continue
        pid_text = entry.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and _pid_alive(int(pid_text)):
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(entry.path)
            removed += 1
    if removed:
        fsync_dir(folder)
    return removed
