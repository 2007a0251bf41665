"""The minutes folder's `.private/` subfolder: where journals and full records live.

A circle may keep its minutes folder in git, so private files must never sit
where `git add .` picks them up (see MINUTES_FORMAT.md). The folder is created
with mode 0700 and holds its own `.gitignore` containing `*`. Both the journal
and the minutes writer call `ensure_private_dir` before writing anything there.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR_NAME = ".private"
"""The name of the private subfolder inside a minutes folder."""

_GITIGNORE = "*\n"


def ensure_private_dir(minutes_dir: Path) -> Path:
    """Create (or repair) `<minutes_dir>/.private/` and return its path.

    Creates the minutes folder too if needed. The private folder gets mode 0700
    and a `.gitignore` whose only line is `*`; an existing `.gitignore` without
    that line is rewritten, since a private file leaking into git is worse than
    losing a hand edit there. New directory entries are fsynced so that a
    journal created right after cannot vanish in a power cut with its folder.
    """
    minutes_dir.mkdir(parents=True, exist_ok=True)
    private = minutes_dir / PRIVATE_DIR_NAME
    created = False
    try:
        private.mkdir(mode=0o700)
        created = True
    except FileExistsError:
        if not private.is_dir():
            raise NotADirectoryError(
                f"{private} exists but is not a folder; move it away so private files can go there"
            ) from None
    # mkdir's mode is filtered by the umask, and an old folder may be looser: tighten it.
    if stat.S_IMODE(private.stat().st_mode) != 0o700:
        private.chmod(0o700)
    gitignore = private / ".gitignore"
    if not _ignores_everything(gitignore):
        _write_small_file(gitignore, _GITIGNORE)
        fsync_dir(private)
    if created:
        fsync_dir(minutes_dir)
    return private


def fsync_dir(directory: Path) -> None:
    """Flush a directory's entries (new or renamed files) to disk.

    Some platforms cannot open a directory for fsync; there the entries reach
    the disk on the filesystem's own schedule, which is all we can do.
    """
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # e.g. EINVAL on filesystems without directory fsync
    finally:
        os.close(fd)


def _ignores_everything(gitignore: Path) -> bool:
    try:
        lines = gitignore.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return False
    return "*" in (line.strip() for line in lines)


def _write_small_file(path: Path, text: str) -> None:
    """Write `text` to `path` with mode 0600, fsynced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
