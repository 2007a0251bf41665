"""Atomic writes: exact bytes and modes, no overwrite unless asked, nothing partial after a kill."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import stat
from pathlib import Path

import pytest

from facilitator.store import atomic
from facilitator.store.atomic import TEMP_PREFIX, cleanup_temp_files, write_atomic


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_writes_exact_bytes_with_the_asked_mode_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "a.md", "héllo\n", mode=0o644, overwrite=False)
    finally:
        os.umask(old)
    write_atomic(tmp_path / "b.md", b"\x00bytes", mode=0o600, overwrite=False)
    assert (tmp_path / "a.md").read_bytes() == "héllo\n".encode()
    assert (tmp_path / "b.md").read_bytes() == b"\x00bytes"
    assert _mode(tmp_path / "a.md") == 0o644
    assert _mode(tmp_path / "b.md") == 0o600
    assert _temps(tmp_path) == []


def test_never_overwrites_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "m.md"
    write_atomic(target, "first", mode=0o644, overwrite=False)
    with pytest.raises(FileExistsError):
        write_atomic(target, "second", mode=0o644, overwrite=False)
    assert target.read_text() == "first"
    write_atomic(target, "third", mode=0o644, overwrite=True)
    assert target.read_text() == "third"
    assert _temps(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "m.md"
    target.write_text("old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_full_fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new", mode=0o644, overwrite=True)
    assert target.read_text() == "old"
    assert _temps(tmp_path) == []


def test_cleanup_removes_dead_writers_temps_only(tmp_path: Path) -> None:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)  # a pid that is certainly dead now (reuse within the test is negligible)
    dead = tmp_path / f"{TEMP_PREFIX}{pid}-abc"
    odd = tmp_path / f"{TEMP_PREFIX}junk"
    live = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-def"
    keep = tmp_path / "2026-11-24-gc-x.md"
    for p in (dead, odd, live, keep):
        p.write_text("x")
    assert cleanup_temp_files(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, keep.name])
    assert cleanup_temp_files(tmp_path / "missing") == 0


def _payload(i: int) -> bytes:
    # ~256 KiB so a kill often lands inside the write itself, with a checkable trailer.
    body = (f"minutes {i} " * 20_000).encode()
    return body + b"\nsha256=" + hashlib.sha256(body).hexdigest().encode() + b"\n"


def _complete(data: bytes) -> bool:
    body, sep, trailer = data.rpartition(b"\nsha256=")
    return bool(sep) and trailer == hashlib.sha256(body).hexdigest().encode() + b"\n"


def _writer_child(folder: Path, start: int, ready: int) -> None:
    """Write numbered minutes and refresh a draft forever; report each finished file."""
    i = start
    while True:
        data = _payload(i)
        write_atomic(folder / "draft.md", data, mode=0o644, overwrite=True)
        write_atomic(folder / f"minutes-{i}.md", data, mode=0o644, overwrite=False)
        os.write(ready, b".")
        i += 1


def test_kill_during_writes_leaves_no_partial_file_and_earlier_files_intact(
    tmp_path: Path,
) -> None:
    rng = random.Random(4)
    seen: dict[str, bytes] = {}
    kills = 0
    for _ in range(120):
        start = len(seen)
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            os.close(r)
            try:
                _writer_child(tmp_path, start, w)
            finally:
                os._exit(1)
        os.close(w)
        os.read(r, rng.randint(1, 2))  # let it finish one or two files, then strike at random
        for _ in range(rng.randint(0, 200_000)):
            pass
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(r)
        kills += 1
        cleanup_temp_files(tmp_path)
        assert _temps(tmp_path) == []
        for p in tmp_path.iterdir():
            data = p.read_bytes()
            assert _complete(data), f"partial file under a final name: {p.name}"
            if p.name != "draft.md":
                assert seen.setdefault(p.name, data) == data, f"{p.name} changed"
        assert len(seen) >= start + 1
    assert kills == 120
