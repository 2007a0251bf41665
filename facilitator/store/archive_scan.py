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
from pathlib import Path
from typing import NamedTuple

from facilitator.i18n import N_, _
from facilitator.store.archive_reason import Reason

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


def _links_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows the link, once
    except OSError:
        return True  # a loop (ELOOP) or an unreadable target: worth a note either way


def _drop_hard_links(
    folder: Path,
    found: dict[str, tuple[int, int]],
    twins: list[tuple[str, str]],
    skipped: list[Problem],
) -> None:
    """Keep one name (the first in path order) of each file that has several (hard links)."""
    names: dict[tuple[int, int], set[str]] = {}
    for pair in twins:
        for rel in pair:
            try:
                st = os.lstat(folder / rel)
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


class Scan(NamedTuple):
    """What `scan` found."""

    files: dict[str, tuple[int, int]]
    """Minutes to index: relative POSIX path -> (mtime_ns, size)."""
    skipped: list[Problem]
    """Entries left alone on purpose (links, second names, conflict copies), to note."""


def scan(folder: Path) -> Scan:
    """Shared minutes under `folder`, each file once.

    Hidden folders (`.private/`, the index, `.git`) are never entered, so the
    private record and the journals are never read. Symbolic links are never
    followed (a link can arrive through a shared repository and point out of
    the folder or back into it); a folder reached twice (a bind mount) is
    entered once, and a file with two names (a hard link) is read under the
    first name in path order.
    """
    found: dict[str, tuple[int, int]] = {}
    # inode -> first path seen with it; one dict operation per file keeps the warm path fast.
    inodes: dict[int, str] = {}
    twins: list[tuple[str, str]] = []
    skipped: list[Problem] = []
    seen_dirs: set[tuple[int, int]] = set()
    with contextlib.suppress(OSError):
        st = os.stat(folder)
        seen_dirs.add((st.st_dev, st.st_ino))
    stack = [(folder, "")]
    minutes_name = _MINUTES_NAME.match
    while stack:
        here, prefix = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = list(it)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                # The common case first, with the type scandir already knows: a real file.
                # The name tests are `is_minutes_name` inlined: this loop runs once per file
                # on every warm run, next to the one stat that cannot be skipped.
                if entry.is_file(follow_symlinks=False):
                    if not (minutes_name(name) and not name.endswith(".private.md")):
                        continue
                    rel = prefix + name
                    if ("sync-conflict" in name or "onflicted" in name) and (
                        tool := conflict_copy(name)
                    ):
                        skipped.append(Problem(rel, Reason(_COPY_NOTE, (("tool", tool),))))
                        continue
                    st = entry.stat(follow_symlinks=False)
                    found[rel] = (st.st_mtime_ns, st.st_size)
                    if inodes.setdefault(st.st_ino, rel) is not rel:
                        twins.append((inodes[st.st_ino], rel))
                elif entry.is_dir(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    if (st.st_dev, st.st_ino) not in seen_dirs:
                        seen_dirs.add((st.st_dev, st.st_ino))
                        stack.append((Path(entry.path), f"{prefix}{name}/"))
                elif entry.is_symlink() and (is_minutes_name(name) or _links_to_folder(entry)):
                    skipped.append(Problem(prefix + name, _LINK_NOTE))
            except OSError:
                continue
    if twins:
        _drop_hard_links(folder, found, twins, skipped)
    skipped.sort()
    return Scan(found, skipped)
