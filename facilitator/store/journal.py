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
The on-disk format and the reading rules are in `journal_format`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from facilitator.core.agenda import Agenda
from facilitator.core.errors import StorageError
from facilitator.core.redo import undone_set
from facilitator.i18n import N_, _
from facilitator.store.clock import read_boot_id
from facilitator.store.journal_format import (
    CHAIN_KEY,
    CHAIN_NAME,
    JOURNAL_KIND,
    JOURNAL_SCHEMA,
    JournalContents,
    JournalCorruptError,
    JournalError,
    JournalExistsError,
    JournalLockedError,
    encode_header,
    encode_records,
    parse_journal,
)
from facilitator.store.journal_proof import RunningProof, note_clean_reading, proven_bytes
from facilitator.store.private_dir import (
    PRIVATE_DIR_NAME,
    ensure_private_dir,
    fsync_dir,
    private_dir_for,
)

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

JOURNAL_SUFFIX = ".journal.jsonl"
"""Journal files are `.private/<stem>.journal.jsonl`."""


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


def journal_path(minutes_dir: Path, stem: str) -> Path:
    """Where the journal for minutes `<stem>.md` lives (the folder is made on create)."""
    return private_dir_for(minutes_dir) / f"{stem}{JOURNAL_SUFFIX}"


def make_header(agenda: Agenda, agenda_path: str | None, created: dt.datetime) -> dict[str, Any]:
    """The header line: the agenda embedded, so the journal alone rebuilds the meeting."""
    return {
        "kind": JOURNAL_KIND,
        "schema": JOURNAL_SCHEMA,
        CHAIN_KEY: CHAIN_NAME,
        "agenda": agenda.to_json_dict(),
        "agenda_path": agenda_path,
        "created": created.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
    }


_DROPPABLE = {
    ("meeting", "quorum"): N_("its quorum rule"),
    ("meeting", "date"): N_("its date"),
    ("meeting", "start"): N_("its planned start"),
    ("meeting", "duration"): N_("its planned length"),
    ("stack", "speaker_limit"): N_("its speaker limit"),
}


def agenda_from_header(header: Mapping[str, Any], path: Path) -> tuple[Agenda, list[str]]:
    """The agenda a journal's header holds, and warnings about what had to be set aside.

    A meeting may have started from an agenda that an older version accepted and this
    one refuses (`quorum = { count = -5 }`, `date = 0001-01-01`). What was recorded must
    still resume and export, so such optional values are left out, each with a warning,
    rather than the whole journal refused. Raises `JournalCorruptError` when even that fails.
    """
    from pydantic import ValidationError

    data = header.get("agenda")
    if not isinstance(data, dict):
        raise JournalCorruptError(
            _("{path}, line 1: the header does not hold the meeting's agenda").format(path=path)
        )
    warnings: list[str] = []
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    for _attempt in range(len(_DROPPABLE) + 2):
        try:
            return Agenda.model_validate(data), warnings
        except ValidationError as exc:
            errors = exc.errors()
            dropped = False
            for err in errors:
                loc = tuple(err["loc"])[:2]
                table = data.get(str(loc[0])) if loc else None
                if loc in _DROPPABLE and isinstance(table, dict) and loc[1] in table:
                    value = table.pop(str(loc[1]))
                    warnings.append(
                        _(
                            "the agenda in this journal has {what} set to {value}, which cannot"
                            " be used ({error}); the meeting goes on without it"
                        ).format(what=_(_DROPPABLE[loc]), value=repr(value), error=err["msg"])
                    )
                    dropped = True
            if not dropped:
                problems = "; ".join(
                    f"{'.'.join(map(str, e['loc'])) or 'agenda'}: {e['msg']}" for e in errors[:3]
                )
                raise JournalCorruptError(
                    _("{path}, line 1: the agenda in the journal is not valid ({problems})").format(
                        path=path, problems=problems
                    )
                ) from None
    raise JournalCorruptError(
        _("{path}, line 1: the agenda in the journal is not valid").format(path=path)
    )


def read_journal(path: Path) -> JournalContents:
    """Read a journal without locking or repairing it (for export, review, listing).

    A damaged tail is skipped and reported in `.warnings`, as on open.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise JournalError(_no_journal(path)) from None
    except OSError as e:
        raise JournalError(
            _("could not read the journal {path}: {reason}").format(path=path, reason=_reason(e))
        ) from e
    return _parse_proven(data, path)


def _parse_proven(data: bytes, path: Path) -> JournalContents:
    """`parse_journal`, skipping the line hashes of a prefix its proof file proves, and
    leaving a proof after a clean reading (store/journal_proof.py)."""
    proven = proven_bytes(path, data)
    contents = parse_journal(data, path, proven)
    note_clean_reading(path, data, contents, proven)
    return contents


def is_finished(records: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the meeting was ended: a MeetingEnded that no later undo took back."""
    undone = undone_set((r.get("type"), r.get("target_cmd")) for r in records)
    return any(r.get("type") == "MeetingEnded" and r.get("cmd") not in undone for r in records)


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
        self._last_saved: str | None = _last_at(contents.records)
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
                raise JournalExistsError(_exists_message(path))
            _publish(path, data)
            fsync_dir(parent)
        except JournalError:
            raise
        except OSError as e:
            raise JournalError(
                _("could not create the journal {path}: {reason}").format(
                    path=path, reason=_reason(e)
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
            raise JournalError(_no_journal(path)) from None
        except OSError as e:
            raise JournalError(_cannot_open(path, e)) from e
        lock_path = path.with_name(path.name + ".lock")
        try:
            _lock(fd, path, lock_path)
            data = _read_all(fd)
            contents = _parse_proven(data, path)
            if contents.good_size < len(data):
                # Appending after a cut-off line would glue two lines together.
                os.ftruncate(fd, contents.good_size)
                os.fsync(fd)
            if os.fstat(fd).st_mode & 0o077:
                os.fchmod(fd, 0o600)
        except BaseException as e:
            os.close(fd)
            if isinstance(e, OSError):
                raise JournalError(_cannot_open(path, e)) from e
            raise
        _write_pid(lock_path)
        journal = cls(path, fd, contents, ops, lock_path)
        if contents.chain is not None and not contents.warnings and contents.good_size == len(data):
            journal._proof = RunningProof(path, data, contents.good_size)
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
            _write_all(self._ops.write, fd, payload)
            self._ops.fsync(fd)
        except OSError as e:
            self._dirty = True
            self._proof = None  # the file's bytes past _size are not known now: no more proofs
            # If this fails too we stay dirty: the next append cuts the file back first.
            with contextlib.suppress(OSError):
                self._truncate_back(fd)
            raise StorageError(self._failure_message(e)) from e
        self._size += len(payload)
        if self._proof is not None:
            self._proof.appended(payload, len(records))
        self._chain = chain
        self._boot_to_write = None
        self._last_saved = _last_at(records) or self._last_saved

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
        when = _clock_time(self._last_saved)
        safe = (
            _("everything up to {time} is saved").format(time=when)
            if when
            else _("the meeting file is safe")
        )
        return _(
            "could not save to disk: {reason} ({path}); {safe}, but this last action was not"
            " recorded. {advice}"
        ).format(reason=_reason(e), path=self.path, safe=safe, advice=advice)

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
        started: its header holds only a copy of an older agenda). True if it was removed."""
        if self._fd is None:
            raise ValueError("the journal is closed")
        unstarted = not self.records
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


# ---- helpers ---------------------------------------------------------------------------


def _publish(path: Path, data: bytes) -> None:
    """Put a file holding `data` at `path`, atomically, never replacing an existing one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # the umask may have stripped bits; never looser than 0600
        _write_all(os.write, fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        os.link(tmp, path)  # fails if `path` exists: no overwrite, and no half-made file
    except FileExistsError:
        raise JournalExistsError(_exists_message(path)) from None
    except OSError:
        # No hard links here (e.g. a FAT-formatted USB stick): exclusive create instead.
        _publish_without_link(path, data)
    finally:
        tmp.unlink(missing_ok=True)


def _publish_without_link(path: Path, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise JournalExistsError(_exists_message(path)) from None
    try:
        _write_all(os.write, fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _exists_message(path: Path) -> str:
    return _(
        "a meeting journal already exists at {path}; resume that meeting or pick another name"
    ).format(path=path)


def _no_journal(path: Path) -> str:
    return _("there is no meeting journal at {path}").format(path=path)


def _cannot_open(path: Path, e: OSError) -> str:
    return _("could not open the journal {path}: {reason}").format(path=path, reason=_reason(e))


def _lock(fd: int, path: Path, lock_path: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pid = _read_pid(lock_path)
        message = (
            _(
                "this meeting is open in another facilitator window (pid {pid}); close it there"
                " first ({path})"
            ).format(pid=pid, path=path)
            if pid
            else _(
                "this meeting is open in another facilitator window; close it there first ({path})"
            ).format(path=path)
        )
        raise JournalLockedError(message) from None


def _write_pid(lock_path: Path) -> None:
    try:
        fd = os.open(lock_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, str(os.getpid()).encode("ascii"))
        finally:
            os.close(fd)
    except OSError:
        pass  # only the "locked" message uses it


def _read_pid(lock_path: Path) -> int | None:
    try:
        return int(lock_path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    offset = 0
    while chunk := os.pread(fd, 1 << 20, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _write_all(write: Callable[[int, bytes], int], fd: int, data: bytes) -> None:
    done = 0
    while done < len(data):
        # A short write (rare, e.g. a signal or a nearly full disk) continues where it stopped.
        done += write(fd, data[done:] if done else data)


def _reason(e: OSError) -> str:
    text = os.strerror(e.errno) if e.errno else str(e)
    return text[:1].lower() + text[1:]


def _last_at(records: Sequence[Mapping[str, Any]]) -> str | None:
    for record in reversed(records):
        at = record.get("at")
        if isinstance(at, str):
            return at
    return None


def _clock_time(at: str | None) -> str | None:
    """'14:02:11 UTC' from an ISO timestamp, or None when there is none to show."""
    if not at:
        return None
    try:
        when = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.astimezone(dt.UTC).strftime("%H:%M:%S UTC")
