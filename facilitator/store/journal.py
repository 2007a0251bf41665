"""The meeting journal: an append-only, fsynced JSON Lines file; the only truth.

`Journal` implements core's `EventSink`: `append(records)` returns only once
the records are on disk (written in one write, then fsynced). If anything
fails it truncates the file back to its last good size and raises
`StorageError` with a message a screen can show as is, so the session leaves
its state unchanged and the file matches it exactly.

Lifecycle::

    journal = Journal.create(path, make_header(agenda, agenda_path, created))
    journal.append([...]); ...; journal.close()
    journal = Journal.open(path)          # resume: .header, .records, .warnings
    contents = read_journal(path)         # read-only (export, review): no lock

Files live under the minutes folder's `.private/` (see `journal_path`), mode
0600. A writer holds an exclusive `flock` on the journal for as long as it is
open, so a second window gets `JournalLockedError` rather than interleaving
writes; its pid sits in a `<journal>.lock` file beside it, for the message.
The on-disk format and the reading rules are in `journal_format`; reading without a lock,
the header and the agenda in it are in `journal_read`; the system calls in `journal_os`.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from facilitator.core.errors import StorageError
from facilitator.i18n import _
from facilitator.store.clock import read_boot_id
from facilitator.store.journal_format import (
    JournalContents,
    JournalCorruptError,
    JournalError,
    JournalExistsError,
    JournalLockedError,
    encode_header,
    encode_records,
)
from facilitator.store.journal_os import (
    cannot_open,
    clock_time,
    exists_message,
    last_at,
    lock,
    no_journal,
    os_reason,
    publish,
    read_all,
    write_all,
    write_pid,
)
from facilitator.store.journal_proof import RunningProof
from facilitator.store.journal_read import (
    JOURNAL_SUFFIX,
    agenda_from_header,
    is_finished,
    journal_path,
    make_header,
    parse_proven,
    read_journal,
)
from facilitator.store.private_dir import PRIVATE_DIR_NAME, ensure_private_dir, fsync_dir

__all__ = [
    "JOURNAL_SUFFIX",
    "FileOps",
    "Journal",
    "JournalContents",
    "JournalCorruptError",
    "JournalError",
    "JournalExistsError",
    "JournalLockedError",
    "agenda_from_header",
    "is_finished",
    "journal_path",
    "make_header",
    "read_journal",
]


@dataclass(frozen=True)
class FileOps:
    """The three system calls `append` makes, injectable so tests can make them fail."""

    write: Callable[[int, bytes], int] = os.write
    """Write bytes to a file descriptor; returns how many were written."""
    fsync: Callable[[int], None] = os.fsync
    """Flush a file descriptor to disk."""
    ftruncate: Callable[[int, int], None] = os.ftruncate
    """Cut a file back to a length."""


_OS = FileOps()


class Journal:
    """An open, locked journal file; use `Journal.create` or `Journal.open`."""

    def __init__(
        self, path: Path, fd: int, contents: JournalContents, ops: FileOps, lock_path: Path
    ) -> None:
        self.path = path
        """The journal file."""
        self.header: dict[str, Any] = contents.header
        """The header line (kind, schema, agenda, agenda_path, created)."""
        self.records: list[dict[str, Any]] = contents.records
        """The event records found when the journal was opened (appends are not added)."""
        self.warnings: list[str] = contents.warnings
        """What was dropped from a damaged tail when opening, in plain words."""
        self._fd: int | None = fd
        self._ops = ops
        self._lock_path = lock_path
        self._size = contents.good_size
        # True after a failed append whose truncation also failed: the file may
        # hold junk past _size, so the next append must cut it first.
        self._dirty = False
        # Event records in the file: those found at open plus every append since (self.records
        # holds only the former), so discard_if_unstarted never removes what this run recorded.
        self._recorded = len(contents.records)
        self._last_saved: str | None = last_at(contents.records)
        self._chain: str | None = contents.chain
        self.boot_id: str | None = contents.boot_id
        """The boot id recorded by the last process that wrote this journal (None: none)."""
        # This boot's id goes on the first line this process writes, if it is news.
        now = read_boot_id()
        self._boot_to_write: str | None = now if now != contents.boot_id else None
        self._proof: RunningProof | None = None
        """The proof carried on over the appends (`Journal.open` of a clean journal)."""

    # ---- creating and opening --------------------------------------------------------

    @classmethod
    def create(cls, path: Path, header: Mapping[str, Any], *, ops: FileOps = _OS) -> Journal:
        """Create a new journal holding only `header`, fsynced with its folder, and open it.

        Refuses to overwrite (`JournalExistsError`). A parent folder called
        `.private` is created with its `.gitignore` if needed. The header is
        written to a temporary file and hard-linked into place, so the journal
        path never exists without a complete header, even after a power cut.
        """
        data = encode_header(header)
        parent = path.parent
        try:
            if parent.name == PRIVATE_DIR_NAME:
                ensure_private_dir(parent.parent)
            else:
                parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                raise JournalExistsError(exists_message(path))
            publish(path, data)
            fsync_dir(parent)
        except JournalError:
            raise
        except OSError as e:
            raise JournalError(
                _("could not create the journal {path}: {reason}").format(
                    path=path, reason=os_reason(e)
                )
            ) from e
        return cls.open(path, ops=ops)

    @classmethod
    def open(cls, path: Path, *, ops: FileOps = _OS) -> Journal:
        """Open an existing journal for appending: lock it, read it, cut off a damaged tail.

        Raises `JournalLockedError` if another process has it open, and
        `JournalCorruptError` (naming the line) if it is damaged before its end.
        """
        flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags)
        except FileNotFoundError:
            raise JournalError(no_journal(path)) from None
        except OSError as e:
            raise JournalError(cannot_open(path, e)) from e
        lock_path = path.with_name(path.name + ".lock")
        try:
            lock(fd, path, lock_path)
            data = read_all(fd)
            contents, check = parse_proven(data, path)
            if contents.good_size < len(data):
                # Appending after a cut-off line would glue two lines together.
                os.ftruncate(fd, contents.good_size)
                os.fsync(fd)
            if os.fstat(fd).st_mode & 0o077:
                os.fchmod(fd, 0o600)
        except BaseException as e:
            os.close(fd)
            if isinstance(e, OSError):
                raise JournalError(cannot_open(path, e)) from e
            raise
        write_pid(lock_path)
        journal = cls(path, fd, contents, ops, lock_path)
        if contents.chain is not None and not contents.warnings and contents.good_size == len(data):
            journal._proof = RunningProof(check)  # the open's one pass, carried on
        return journal

    # ---- the EventSink -----------------------------------------------------------------

    def append(self, records: Sequence[Mapping[str, Any]]) -> None:
        """Write `records` as one write and fsync; all of them are on disk when this returns.

        On failure nothing of this call stays in the file (it is cut back) and
        `StorageError` is raised with a message for the screen.
        """
        if self._fd is None:
            raise ValueError("the journal is closed")
        if not records:
            return
        payload, chain = encode_records(records, self._chain, self._boot_to_write)
        fd = self._fd
        try:
            if self._dirty:
                self._truncate_back(fd)
            write_all(self._ops.write, fd, payload)
            self._ops.fsync(fd)
        except OSError as e:
            self._dirty = True
            self._proof = None  # the file's bytes past _size are not known now: no more proofs
            # If this fails too we stay dirty: the next append cuts the file back first.
            with contextlib.suppress(OSError):
                self._truncate_back(fd)
            raise StorageError(self._failure_message(e)) from e
        self._size += len(payload)
        self._recorded += len(records)
        if self._proof is not None:
            self._proof.appended(payload, len(records))
        self._chain = chain
        self._boot_to_write = None
        self._last_saved = last_at(records) or self._last_saved

    def _truncate_back(self, fd: int) -> None:
        self._ops.ftruncate(fd, self._size)
        self._ops.fsync(fd)
        self._dirty = False

    def _failure_message(self, e: OSError) -> str:
        advice = {
            errno.ENOSPC: _("Free some disk space, then press the key again"),
            errno.EDQUOT: _("Free some space (your disk quota is full), then press the key again"),
            errno.EFBIG: _(
                "Free some space or raise the file size limit, then press the key again"
            ),
            errno.EROFS: _("Make the disk writable again, then press the key again"),
            errno.EIO: _("Check the disk or USB stick, then press the key again"),
        }.get(e.errno or 0) or _("Fix the problem, then press the key again")
        when = clock_time(self._last_saved)
        safe = (
            _("everything up to {time} is saved").format(time=when)
            if when
            else _("the meeting file is safe")
        )
        return _(
            "could not save to disk: {reason} ({path}); {safe}, but this last action was not"
            " recorded. {advice}"
        ).format(reason=os_reason(e), path=self.path, safe=safe, advice=advice)

    # ---- closing -----------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        """Whether `close` has been called."""
        return self._fd is None

    def close(self) -> None:
        """Release the lock and close the file (appends were already durable)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if self._proof is not None:
            self._proof.write()
        try:
            if self._lock_path.read_text(encoding="ascii").strip() == str(os.getpid()):
                self._lock_path.unlink()
        except (OSError, ValueError):
            pass  # the pid file is only a courtesy for the "locked" message
        os.close(fd)  # closing the descriptor releases the flock

    def discard_if_unstarted(self) -> bool:
        """Close this journal, and remove it if it records nothing (a meeting opened and never
        started: its header holds only a copy of an older agenda). True if it was removed.

        Counts the records appended through this Journal too, not only those it was opened
        with, and keeps a journal whose last append failed (its tail is not known)."""
        if self._fd is None:
            raise ValueError("the journal is closed")
        unstarted = self._recorded == 0 and not self._dirty
        if unstarted:
            self.path.unlink()
            fsync_dir(self.path.parent)
        self.close()
        return unstarted

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
