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

from facilitator.i18n import _

PRIVATE_DIR_NAME = ".private"
"""The name of the private subfolder inside a minutes folder."""

SYNC_MARKERS = (".stfolder", ".stignore", ".dropbox", ".dropbox.cache")
"""Entries that mark the root of a folder a sync tool copies to every peer.

Syncthing (`.stfolder`, `.stignore`) and Dropbox (`.dropbox`, `.dropbox.cache`).
Nextcloud and ownCloud clients leave `.sync_*.db` / `._sync_*.db`, checked apart.
A `.dropbox` *folder* is Dropbox's own settings in the home folder, not a marker.
"""

POINTER_NAME = "minutes-folder"
"""Beside a relocated private folder: the minutes folder it belongs to, one line."""


def sync_root(minutes_dir: Path) -> Path | None:
    """The sync folder (Syncthing, Dropbox, Nextcloud) that holds `minutes_dir`, or None.

    Git protects `.private/` through its `.gitignore`; a sync tool ignores that
    file and would carry every confidential conflict and the whole journal to
    every peer, so private data must live elsewhere when this is not None.
    """
    try:
        here = minutes_dir.resolve()
    except OSError:
        return None
    for folder in (here, *here.parents):
        for marker in SYNC_MARKERS:
            entry = folder / marker
            if marker == ".dropbox" and not entry.is_file():
                continue
            if entry.exists():
                return folder
        if _has_nextcloud_db(folder):
            return folder
    return None


def _has_nextcloud_db(folder: Path) -> bool:
    """Nextcloud's `.sync_*.db` / `._sync_*.db` at the root of a synced folder.

    A plain scan with a prefix test: a minutes folder holds thousands of files, and
    `glob` matched every one of them with fnmatch on every new meeting name.
    """
    try:
        with os.scandir(folder) as entries:
            return any(
                e.name.startswith((".sync_", "._sync_")) and e.name.endswith(".db")
                for e in entries
            )
    except OSError:
        return False


def relocated_private_dir(minutes_dir: Path) -> Path:
    """Where private data of a minutes folder inside a sync folder goes: the user's data folder.

    One folder per minutes folder (named from its path), itself called `.private`,
    so a journal's folder name still says what it is.
    """
    import hashlib

    import platformdirs

    here = minutes_dir.resolve()
    tag = hashlib.sha256(str(here).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in here.name)[:40] or "minutes"
    base = Path(platformdirs.user_data_dir("facilitator")) / "private" / f"{safe}-{tag}"
    return base / PRIVATE_DIR_NAME


def private_dir_for(minutes_dir: Path) -> Path:
    """The private folder of `minutes_dir`: `<minutes_dir>/.private`, or, inside a sync
    folder, one under the user's data folder (see `relocated_private_dir`)."""
    if sync_root(minutes_dir) is None:
        return minutes_dir / PRIVATE_DIR_NAME
    return relocated_private_dir(minutes_dir)


def minutes_dir_for(private: Path) -> Path:
    """The minutes folder a private folder belongs to (reads the pointer of a relocated one)."""
    pointer = private.parent / POINTER_NAME
    try:
        text = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return private.parent
    return Path(text) if text else private.parent


_GITIGNORE = "*\n"


def ensure_private_dir(minutes_dir: Path) -> Path:
    """Create (or repair) the private folder of `minutes_dir` and return its path.

    That is `<minutes_dir>/.private/`, except inside a sync folder (`sync_root`),
    where it is `relocated_private_dir(minutes_dir)`.

    Creates the minutes folder too if needed. The private folder gets mode 0700
    and a `.gitignore` whose only line is `*`; an existing `.gitignore` without
    that line is rewritten, since a private file leaking into git is worse than
    losing a hand edit there. New directory entries are fsynced so that a
    journal created right after cannot vanish in a power cut with its folder.
    """
    minutes_dir.mkdir(parents=True, exist_ok=True)
    private = private_dir_for(minutes_dir)
    if private.parent != minutes_dir:
        # Inside a sync folder: the private folder lives under the user's data folder,
        # with a pointer back so `resume` and `export` find the minutes folder.
        private.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        pointer = private.parent / POINTER_NAME
        if not pointer.exists():
            _write_small_file(pointer, f"{minutes_dir.resolve()}\n")
        minutes_dir = private.parent
    created = False
    try:
        private.mkdir(mode=0o700)
        created = True
    except FileExistsError:
        if not private.is_dir():
            raise NotADirectoryError(
                _(
                    "{folder} exists but is not a folder; move it away so private files can go"
                    " there"
                ).format(folder=private)
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


def sync_note(minutes_dir: Path) -> str | None:
    """The sentence that tells the facilitator where private data goes, in a sync folder."""
    root = sync_root(minutes_dir)
    if root is None:
        return None
    return _(
        "{folder} is inside a synced folder ({root}): journals and confidential"
        " records go to {private}, not to every peer"
    ).format(folder=minutes_dir, root=root, private=relocated_private_dir(minutes_dir))
