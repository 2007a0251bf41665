"""Which files of a minutes folder are minutes, each once: `scan`, and the names it skips.

`scan` lists each minutes file once and never follows a symbolic link. Hidden
folders (`.private/`, the index, `.git`) are never entered. What it returns,
path -> (mtime_ns, size), is what the index is kept fresh by (`archive_sync`).

Stdlib only: this is on the fast path of `facilitator decisions`.
"""

from __future__ import annotations

import contextlib
import os
import re
from stat import S_ISDIR, S_ISLNK, S_ISREG

from facilitator.i18n import N_, _
from facilitator.store.archive_reason import Reason
from facilitator.store.fast_tuple import NamedTuple

__all__ = ["Problem", "Scan", "conflict_copy", "is_minutes_name", "scan"]

# Minutes are named YYYY-MM-DD-<circle>-<title>.md (MINUTES_FORMAT.md); anything else in the
# folder (a README, notes) is not minutes and is not reported as malformed.
_MINUTES_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-.*\.md$")
# Conflict copies that sync tools leave beside a file both sides changed: Syncthing's
# `name.sync-conflict-20261124-101500-ABCDEFG.md`, Dropbox's `name (Ana's conflicted copy
# 2026-11-24).md`. They would double every decision, so they are noted and not read.
_SYNCTHING_COPY = re.compile(r"\.sync-conflict-\d{8}-\d{6}(?:-[A-Za-z0-9]+)?\.md$")
_DROPBOX_COPY = re.compile(r"\(.*conflicted copy.*\)", re.IGNORECASE)
_LINK_NOTE = Reason(
    N_("is a symbolic link; not followed (only the files inside the folder are read)")
)
_COPY_NOTE = N_("is a {tool} conflict copy; not read (merge it into the original and delete it)")


class Problem(NamedTuple):
    """A minutes file that was skipped."""

    path: str
    """The file, relative to the minutes folder."""
    why: Reason
    """Why, in no language (as the index keeps it)."""

    @property
    def reason(self) -> str:
        """Why, in plain words of the language in force."""
        return str(self.why)

    def __str__(self) -> str:
        return _("{path}: {reason}; skipped").format(path=self.path, reason=self.reason)


def is_minutes_name(name: str) -> bool:
    """Whether a file name is a shared minutes file (`YYYY-MM-DD-….md`, not `.private.md`)."""
    return _MINUTES_NAME.match(name) is not None and not name.endswith(".private.md")


def conflict_copy(name: str) -> str | None:
    """The sync tool that made `name` a conflict copy ("Syncthing", "Dropbox"), or None."""
    if _SYNCTHING_COPY.search(name):
        return "Syncthing"
    if _DROPBOX_COPY.search(name):
        return "Dropbox"
    return None


def _links_to_folder(path: str) -> bool:
    try:
        return S_ISDIR(os.stat(path).st_mode)  # follows the link, once
    except OSError:
        return True  # a loop (ELOOP) or an unreadable target: worth a note either way


def _drop_hard_links(
    folder: str,
    found: dict[str, tuple[int, int]],
    twins: list[tuple[str, str]],
    skipped: list[Problem],
) -> None:
    """Keep one name (the first in path order) of each file that has several (hard links)."""
    names: dict[tuple[int, int], set[str]] = {}
    for pair in twins:
        for rel in pair:
            try:
                st = os.lstat(os.path.join(folder, rel))
            except OSError:
                continue
            # Some file systems report inode 0 for everything: no hard links can be told there.
            if st.st_ino:
                names.setdefault((st.st_dev, st.st_ino), set()).add(rel)
    for same in names.values():
        first, *others = sorted(same)
        for rel in others:
            found.pop(rel, None)
            why = Reason(N_("is the same file as {first} (a hard link)"), (("first", first),))
            skipped.append(Problem(rel, why))


NS_MAX = 2**63 - 1
"""The largest mtime an SQLite INTEGER holds (2262). A later one (`touch -d 3000-01-01`) is
kept as this: such a file is ahead of the clock, so racy, and re-read on every run
(`archive_sync`, 3.); no change to it can be missed for the clamp."""


def clamp_ns(ns: int) -> int:
    """`ns` within what the index can store (`NS_MAX`, and its negative)."""
    return ns if -NS_MAX <= ns <= NS_MAX else max(-NS_MAX, min(ns, NS_MAX))


class Scan(NamedTuple):
    """What `scan` found: the minutes to index, in the order they were listed."""

    paths: list[str]
    """Relative POSIX paths of the minutes to index."""
    stats: list[int]
    """Their (mtime_ns, size), flat: `stats[2 * i]`, `stats[2 * i + 1]` are `paths[i]`'s."""
    skipped: list[Problem]
    """Entries left alone on purpose (links, second names, conflict copies), to note."""

    @property
    def files(self) -> dict[str, tuple[int, int]]:
        """Relative POSIX path -> (mtime_ns, size), in the scan's order."""
        it = iter(self.stats)
        return dict(zip(self.paths, zip(it, it, strict=True), strict=True))


# Listing with a folder's descriptor and stat-ing names relative to it costs less than
# paths (no lookup of the folder's own path per file); both exist on every POSIX system.
_AT = os.stat in os.supports_dir_fd and os.listdir in os.supports_fd
_OPEN_DIR = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _list(here: str, top: bool) -> tuple[list[str], int | None]:
    """The names in folder `here` and a descriptor of it (None: stat by path). A folder
    below the top is opened without following a link (one swapped in since its stat)."""
    if not _AT:
        return os.listdir(here), None
    fd = os.open(here, _OPEN_DIR if top else _OPEN_DIR | _NOFOLLOW)
    try:
        return os.listdir(fd), fd
    except BaseException:
        os.close(fd)
        raise


def scan(folder: str | os.PathLike[str]) -> Scan:
    """Shared minutes under `folder`, each file once.

    Hidden folders (`.private/`, the index, `.git`) are never entered, so the
    private record and the journals are never read. Symbolic links are never
    followed (a link can arrive through a shared repository and point out of
    the folder or back into it); a folder reached twice (a bind mount) is
    entered once, and a file with two names (a hard link) is read under the
    first name in path order.

    One `listdir` per folder and one `lstat` per entry: this loop runs on every
    warm run, and its stats are the part of freshness that cannot be skipped
    (`archive_sync`), so it does little else per file.
    """
    top = os.fspath(folder)
    paths: list[str] = []
    stats: list[int] = []
    inos: list[int] = []
    skipped: list[Problem] = []
    seen_dirs: set[tuple[int, int]] = set()
    with contextlib.suppress(OSError):
        st = os.stat(top)
        seen_dirs.add((st.st_dev, st.st_ino))
    stack = [(top, "")]
    minutes_name = _MINUTES_NAME.match
    add_path, add_stat, add_ino = paths.append, stats.append, inos.append
    lstat, stat = os.lstat, os.stat
    while stack:
        here, prefix = stack.pop()
        try:
            names, fd = _list(here, not prefix)
        except OSError:
            continue
        base = here + "/"
        try:
            for name in names:
                if name[0] == ".":
                    continue
                try:
                    st = (
                        lstat(base + name)
                        if fd is None
                        else stat(name, dir_fd=fd, follow_symlinks=False)
                    )
                except OSError:
                    continue  # gone since the listing, or unreadable
                mode = st.st_mode
                if S_ISREG(mode):
                    # `is_minutes_name` inlined, the common case first.
                    if minutes_name(name) is None or name.endswith(".private.md"):
                        continue
                    if ("sync-conflict" in name or "onflicted" in name) and (
                        tool := conflict_copy(name)
                    ):
                        skipped.append(
                            Problem(prefix + name, Reason(_COPY_NOTE, (("tool", tool),)))
                        )
                        continue
                    add_path(prefix + name)
                    mtime = st.st_mtime_ns
                    add_stat(mtime if -NS_MAX <= mtime <= NS_MAX else clamp_ns(mtime))
                    add_stat(st.st_size)
                    add_ino(st.st_ino)
                elif S_ISDIR(mode):
                    if (st.st_dev, st.st_ino) not in seen_dirs:
                        seen_dirs.add((st.st_dev, st.st_ino))
                        stack.append((base + name, f"{prefix}{name}/"))
                elif S_ISLNK(mode) and (is_minutes_name(name) or _links_to_folder(base + name)):
                    skipped.append(Problem(prefix + name, _LINK_NOTE))
        finally:
            if fd is not None:
                os.close(fd)
    if len(set(inos)) != len(inos):  # two names of one inode, maybe: the rare slow path
        first: dict[int, str] = {}
        twins = [
            (first[i], rel)
            for rel, i in zip(paths, inos, strict=True)
            if first.setdefault(i, rel) is not rel
        ]
        found = Scan(paths, stats, skipped).files
        _drop_hard_links(top, found, twins, skipped)
        paths = list(found)
        stats = [n for pair in found.values() for n in pair]
    skipped.sort()
    return Scan(paths, stats, skipped)
