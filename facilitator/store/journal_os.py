"""The journal writer's system calls: a new file published whole, the lock and its pid
file, whole reads and writes, and the words for what went wrong (`journal` uses them)."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from facilitator.i18n import _
from facilitator.store.journal_format import JournalExistsError, JournalLockedError


def publish(path: Path, data: bytes) -> None:
    """Put a file holding `data` at `path`, atomically, never replacing an existing one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # the umask may have stripped bits; never looser than 0600
        write_all(os.write, fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        os.link(tmp, path)  # fails if `path` exists: no overwrite, and no half-made file
    except FileExistsError:
        raise JournalExistsError(exists_message(path)) from None
    except OSError:
        # No hard links here (e.g. a FAT-formatted USB stick): exclusive create instead.
        publish_without_link(path, data)
    finally:
        tmp.unlink(missing_ok=True)


def publish_without_link(path: Path, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise JournalExistsError(exists_message(path)) from None
    try:
        write_all(os.write, fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def exists_message(path: Path) -> str:
    return _(
        "a meeting journal already exists at {path}; resume that meeting or pick another name"
    ).format(path=path)


def no_journal(path: Path) -> str:
    return _("there is no meeting journal at {path}").format(path=path)


def cannot_open(path: Path, e: OSError) -> str:
    return _("could not open the journal {path}: {reason}").format(path=path, reason=os_reason(e))


def lock(fd: int, path: Path, lock_path: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pid = read_pid(lock_path)
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


def write_pid(lock_path: Path) -> None:
    try:
        fd = os.open(lock_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, str(os.getpid()).encode("ascii"))
        finally:
            os.close(fd)
    except OSError:
        pass  # only the "locked" message uses it


def read_pid(lock_path: Path) -> int | None:
    try:
        return int(lock_path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    offset = 0
    while chunk := os.pread(fd, 1 << 20, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def write_all(write: Callable[[int, bytes], int], fd: int, data: bytes) -> None:
    done = 0
    while done < len(data):
        # A short write (rare, e.g. a signal or a nearly full disk) continues where it stopped.
        done += write(fd, data[done:] if done else data)


def os_reason(e: OSError) -> str:
    text = os.strerror(e.errno) if e.errno else str(e)
    return text[:1].lower() + text[1:]


def last_at(records: Sequence[Mapping[str, Any]]) -> str | None:
    for record in reversed(records):
        at = record.get("at")
        if isinstance(at, str):
            return at
    return None


def clock_time(at: str | None) -> str | None:
    """'14:02:11 UTC' from an ISO timestamp, or None when there is none to show."""
    if not at:
        return None
    try:
        when = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.astimezone(dt.UTC).strftime("%H:%M:%S UTC")
