"""The journal's lock against a second writer, and how a failed append leaves the file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from facilitator.core.errors import StorageError
from facilitator.store.journal import FileOps, Journal, JournalLockedError, read_journal
from tests.journal_support import new_journal, note


def test_second_open_in_the_same_process_is_locked_out(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        with pytest.raises(JournalLockedError) as info:
            Journal.open(j.path)
        message = str(info.value)
        assert "open in another facilitator window" in message
        assert f"pid {os.getpid()}" in message
    Journal.open(j.path).close()  # free again once closed


def test_a_second_process_gets_a_clear_message(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        j.append([note(1)])
        code = textwrap.dedent(
            f"""
            import sys
            from pathlib import Path
            from facilitator.store.journal import Journal, JournalLockedError
            try:
                Journal.open(Path({str(j.path)!r}))
            except JournalLockedError as e:
                print(e)
                sys.exit(3)
            sys.exit(0)
            """
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
        assert out.returncode == 3, out.stderr
        assert f"another facilitator window (pid {os.getpid()})" in out.stdout
        assert "Traceback" not in out.stderr
    # After the holder closes, the other process may open it.
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def _failing(name: str, err: int, *, after_bytes: int = 0) -> tuple[FileOps, Callable[[], None]]:
    """FileOps whose `name` call fails with `err` until `heal()` is called.

    A failing write first writes `after_bytes` bytes for real, like a disk that
    fills up part way through.
    """
    broken = [True]

    def write(fd: int, data: bytes) -> int:
        if name == "write" and broken[0]:
            if after_bytes and len(data) > after_bytes:
                return os.write(fd, data[:after_bytes])
            raise OSError(err, os.strerror(err))
        return os.write(fd, data)

    def fsync(fd: int) -> None:
        if name == "fsync" and broken[0]:
            raise OSError(err, os.strerror(err))
        os.fsync(fd)

    def ftruncate(fd: int, size: int) -> None:
        if name == "ftruncate" and broken[0]:
            raise OSError(err, os.strerror(err))
        os.ftruncate(fd, size)

    def heal() -> None:
        broken[0] = False

    return FileOps(write=write, fsync=fsync, ftruncate=ftruncate), heal


@pytest.mark.parametrize(
    ("name", "err", "words"),
    [
        ("write", errno.ENOSPC, "no space left on device"),
        ("write", errno.EIO, "input/output error"),
        ("fsync", errno.EIO, "input/output error"),
        ("fsync", errno.ENOSPC, "no space left on device"),
        ("write", errno.EFBIG, "file too large"),
    ],
)
def test_a_failed_append_leaves_nothing_behind_and_says_so(
    tmp_path: Path, name: str, err: int, words: str
) -> None:
    with new_journal(tmp_path) as j:
        path = j.path
        j.append([note(61)])
    ops, heal = _failing(name, err, after_bytes=10)
    with Journal.open(path, ops=ops) as j:
        size = path.stat().st_size
        with pytest.raises(StorageError) as info:
            j.append([note(62, cmd=62), note(63, cmd=62)])
        message = str(info.value)
        assert message.startswith(f"could not save to disk: {words}")
        assert "everything up to 23:01:01 UTC is saved" in message
        assert str(path) in message and "press the key again" in message
        assert path.stat().st_size == size, "the partial write was cut back"
        heal()
        j.append([note(64)])
    assert read_journal(path).records == [note(61), note(64)]


def test_when_even_the_cut_back_fails_the_next_append_cuts_first(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        path = j.path
    calls = {"write": 0}
    broken = [True]

    def write(fd: int, data: bytes) -> int:
        calls["write"] += 1
        if broken[0]:
            os.write(fd, data[:7])  # leave junk, then fail
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return os.write(fd, data)

    def ftruncate(fd: int, size: int) -> None:
        if broken[0]:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        os.ftruncate(fd, size)

    with Journal.open(path, ops=FileOps(write=write, ftruncate=ftruncate)) as j:
        size = path.stat().st_size
        with pytest.raises(StorageError, match="the meeting file is safe"):
            j.append([note(1)])
        assert path.stat().st_size == size + 7, "junk stays while the disk refuses"
        with pytest.raises(StorageError):
            j.append([note(2)])  # still broken: fails before writing anything new
        broken[0] = False
        j.append([note(3)])
    assert read_journal(path).records == [note(3)]
    assert read_journal(path).warnings == []
