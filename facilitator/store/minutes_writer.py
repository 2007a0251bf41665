"""Write a meeting's minutes files: `<stem>.md` and, when needed, `.private/<stem>.private.md`.

Both are written atomically (see `atomic`), so a crash mid-write leaves the
previous version in place. The stem belongs to one meeting (its journal
reserves it, see `minutes_paths.unique_stem`), so refreshing its own files is
the one overwrite allowed; drafts are refreshed as the meeting goes and the
final minutes replace the last draft.

The private record is written only when something was confidential. Once a
meeting has one it keeps being refreshed, even if an undo removed the last
confidential part, so it never goes stale with private content in it.

The two files change together. Both new versions are staged as fsynced temp
files first, then a small plan (`.private/<stem>.pending.json`, naming both
temps) is written, then each is swapped in and the plan removed. A process
killed between the two swaps leaves the plan behind, and `finish_pending`
(run by `meeting_files.cleanup` at every start and export, before stale temp
files are removed) completes it: the shared minutes and the private record are
never left one version apart.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from facilitator.i18n import Translator, _
from facilitator.store.atomic import PRIVATE_MODE, SHARED_MODE, TEMP_PREFIX, stage, write_atomic
from facilitator.store.minutes import render_doc
from facilitator.store.minutes_model import MinutesDoc, has_confidential
from facilitator.store.minutes_paths import stem_files
from facilitator.store.private_dir import (
    PRIVATE_DIR_NAME,
    ensure_private_dir,
    fsync_dir,
    private_dir_for,
)

__all__ = [
    "PENDING_SUFFIX",
    "MinutesFiles",
    "MinutesWriteError",
    "finish_pending",
    "write_minutes_doc",
]

PENDING_SUFFIX = ".pending.json"
"""`.private/<stem>.pending.json`: the plan of a two-file swap in progress."""


class MinutesWriteError(Exception):
    """The minutes could not be written; `str()` is a plain message naming the file."""


@dataclass(frozen=True)
class MinutesFiles:
    """Where the minutes were written."""

    shared: Path
    """The shared minutes, `<stem>.md`."""
    private: Path | None
    """The full private record, when one was written."""


def write_minutes_doc(
    doc: MinutesDoc, minutes_dir: Path, stem: str, *, tr: Translator | None = None
) -> MinutesFiles:
    """Render `doc` and write its shared minutes, plus the private record when needed.

    The body is in `tr`'s language (default: the agenda's `[meeting] language`, else the
    screen's). Raises `MinutesWriteError` with a message a screen can show as is.
    """
    shared, private, _journal = stem_files(minutes_dir, stem)
    wrote_private: Path | None = None
    target = shared
    try:
        minutes_dir.mkdir(parents=True, exist_ok=True)
        if has_confidential(doc) or private.exists():
            target = private
            ensure_private_dir(minutes_dir)
            _write_pair(
                minutes_dir,
                stem,
                (private, render_doc(doc, private=True, tr=tr), PRIVATE_MODE),
                (shared, render_doc(doc, tr=tr), SHARED_MODE),
            )
            wrote_private = private
        else:
            write_atomic(shared, render_doc(doc, tr=tr), mode=SHARED_MODE, overwrite=True)
    except OSError as e:
        reason = e.strerror or str(e)
        raise MinutesWriteError(
            _("could not write the minutes to {target}: {reason}").format(
                target=target, reason=reason
            )
        ) from e
    return MinutesFiles(shared=shared, private=wrote_private)


def _plan_name(minutes_dir: Path, path: Path) -> str:
    if path.parent == minutes_dir:
        return path.name
    return f"{PRIVATE_DIR_NAME}/{path.name}"


def _write_pair(minutes_dir: Path, stem: str, *files: tuple[Path, str, int]) -> None:
    """Swap in several files so that they change together, even across a kill (see above)."""
    plan_path = private_dir_for(minutes_dir) / f"{stem}{PENDING_SUFFIX}"
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text, mode in files:
            staged.append((stage(path, text, mode=mode), path))
        # "to" names the private folder as `.private/` even when it was relocated.
        plan = [{"tmp": tmp.name, "to": _plan_name(minutes_dir, path)} for tmp, path in staged]
        write_atomic(plan_path, json.dumps(plan), mode=PRIVATE_MODE, overwrite=True)
    except BaseException:
        for tmp, _path in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    _apply(minutes_dir, plan_path, staged)


def _apply(minutes_dir: Path, plan_path: Path, staged: list[tuple[Path, Path]]) -> None:
    for tmp, path in staged:
        if tmp.exists():
            os.replace(tmp, path)
    for folder in {path.parent for _tmp, path in staged}:
        fsync_dir(folder)
    plan_path.unlink(missing_ok=True)
    fsync_dir(plan_path.parent)


def finish_pending(minutes_dir: Path) -> int:
    """Complete the two-file swaps a killed writer left half done; how many were completed.

    A plan whose temp files are all gone was already applied; one that cannot be read,
    or that names a file outside the minutes folder, is removed without acting on it.
    """
    private = private_dir_for(minutes_dir)
    try:
        plans = sorted(private.glob(f"*{PENDING_SUFFIX}"))
    except OSError:
        return 0
    done = 0
    for plan_path in plans:
        staged = _read_plan(minutes_dir, plan_path)
        if staged is None:
            plan_path.unlink(missing_ok=True)
            continue
        if any(tmp.exists() for tmp, _path in staged):
            _apply(minutes_dir, plan_path, staged)
            done += 1
        else:
            plan_path.unlink(missing_ok=True)
    return done


def _read_plan(minutes_dir: Path, plan_path: Path) -> list[tuple[Path, Path]] | None:
    try:
        plan = json.loads(plan_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(plan, list):
        return None
    out: list[tuple[Path, Path]] = []
    private = private_dir_for(minutes_dir)
    allowed = {minutes_dir, private}
    for entry in plan:
        if not isinstance(entry, dict):
            return None
        tmp_name, to = entry.get("tmp"), entry.get("to")
        if not (isinstance(tmp_name, str) and isinstance(to, str)):
            return None
        path = minutes_dir / to
        if path.parent == minutes_dir / PRIVATE_DIR_NAME:
            path = private / path.name
        # Only our own temp names, only into the minutes folder or its .private/.
        if path.parent not in allowed or ".." in Path(to).parts:
            return None
        if not tmp_name.startswith(TEMP_PREFIX) or "/" in tmp_name:
            return None
        out.append((path.parent / tmp_name, path))
    return out
