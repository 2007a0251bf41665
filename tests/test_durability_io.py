"""I/O error injection through the real Session and Journal, and a real disk-full case.

Every write and every fsync that the scripted meeting makes is made to fail,
with EIO and ENOSPC taking turns (a failing write first puts half its bytes
on disk, as a filling disk does). Each time: `do` raises a StorageError a
screen can show; the file is back to its size before the command; the state
in memory equals the state replayed from disk; no earlier event is lost; and
the same command succeeds once the disk works again. Because a failed append
leaves no trace, failing each call in one pass over the script is the same as
failing the k-th call of a fresh run, for every k, at a fraction of the cost.
A last test fills a real file size limit (RLIMIT_FSIZE) in a child process.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import traceback
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.errors import StorageError
from facilitator.core.events import event_to_record
from facilitator.core.session import Session
from facilitator.store.journal import FileOps, Journal, make_header, read_journal
from tests.meeting_script import (
    CREATED,
    fake_clock,
    reference_records,
    replayed_state,
    scripted_agenda,
    scripted_commands,
)


class FlakyDisk:
    """FileOps that fail the next `write` or `fsync` when armed, then work again."""

    def __init__(self) -> None:
        self.armed: tuple[str, int] | None = None
        self.calls = {"write": 0, "fsync": 0}
        self.ops = FileOps(write=self._write, fsync=self._fsync)

    def arm(self, call: str, err: int) -> None:
        self.armed = (call, err)

    def _fail(self, call: str) -> int | None:
        self.calls[call] += 1
        if self.armed is not None and self.armed[0] == call:
            err = self.armed[1]
            self.armed = None
            return err
        return None

    def _write(self, fd: int, data: bytes) -> int:
        err = self._fail("write")
        if err is not None:
            os.write(fd, data[: len(data) // 2])  # a partial write, then the error
            raise OSError(err, os.strerror(err))
        return os.write(fd, data)

    def _fsync(self, fd: int) -> None:
        err = self._fail("fsync")
        if err is not None:
            raise OSError(err, os.strerror(err))
        os.fsync(fd)


EIO = (errno.EIO, "input/output error")
ENOSPC = (errno.ENOSPC, "no space left on device")


def test_every_write_and_fsync_of_the_script_failing(tmp_path: Path) -> None:
    agenda = scripted_agenda()
    path = tmp_path / ".private" / "m.journal.jsonl"
    disk = FlakyDisk()
    journal = Journal.create(path, make_header(agenda, None, CREATED), ops=disk.ops)
    clock = fake_clock()
    session = Session(agenda, journal, clock)
    acknowledged: list[dict[str, Any]] = []
    failures = 0
    for n, command in enumerate(scripted_commands()):
        clock.advance(7)
        first, second = (EIO, ENOSPC) if n % 2 else (ENOSPC, EIO)
        for call, (err, words) in (("write", first), ("fsync", second)):
            size = path.stat().st_size
            disk.arm(call, err)
            with pytest.raises(StorageError) as info:
                session.do(command)
            failures += 1
            message = str(info.value)
            assert message.startswith(f"could not save to disk: {words} ({path})"), message
            assert "this last action was not recorded" in message
            assert "press the key again" in message
            assert path.stat().st_size == size, "the partial write was cut back"
            on_disk = read_journal(path).records
            assert on_disk == acknowledged, "no earlier event lost, nothing extra kept"
            assert session.state == replayed_state(agenda, on_disk)
        events = session.do(command)  # the same key again, on a working disk
        acknowledged += [event_to_record(e) for e in events]
    journal.close()
    assert read_journal(path).records == acknowledged == reference_records()
    assert failures == 2 * len(scripted_commands())
    print(
        f"I/O injection: {failures} failed writes and fsyncs over {len(acknowledged)} events "
        f"({disk.calls['write']} writes, {disk.calls['fsync']} fsyncs), 0 violations"
    )


def test_short_writes_are_completed(tmp_path: Path) -> None:
    def dribble(fd: int, data: bytes) -> int:
        return os.write(fd, data[:7])  # the kernel may write less than asked

    agenda = scripted_agenda()
    path = tmp_path / ".private" / "m.journal.jsonl"
    with Journal.create(path, make_header(agenda, None, CREATED), ops=FileOps(write=dribble)) as j:
        clock = fake_clock()
        session = Session(agenda, j, clock)
        for command in scripted_commands()[:60]:
            clock.advance(7)
            session.do(command)
    assert read_journal(path).records == reference_records()[: len(session.state.events)]


def test_the_message_says_what_is_safe_before_anything_was_saved(tmp_path: Path) -> None:
    agenda = scripted_agenda()
    path = tmp_path / ".private" / "m.journal.jsonl"
    disk = FlakyDisk()
    with Journal.create(path, make_header(agenda, None, CREATED), ops=disk.ops) as journal:
        session = Session(agenda, journal, fake_clock())
        disk.arm("fsync", errno.EROFS)
        with pytest.raises(StorageError, match="the meeting file is safe") as info:
            session.do(scripted_commands()[0])
        assert "Make the disk writable again" in str(info.value)
        assert session.state.events == []


def test_real_disk_full_with_a_file_size_limit(tmp_path: Path) -> None:
    """RLIMIT_FSIZE in a forked child: writes past it fail with EFBIG (SIGXFSZ ignored)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.close(read_fd)
            _disk_full_child(tmp_path, write_fd)
            status = 0
        except BaseException:
            os.write(write_fd, traceback.format_exc().encode())
        finally:
            os._exit(status)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        output = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, output
    assert output.count("could not save to disk: file too large") >= 3, output


def _disk_full_child(tmp_path: Path, out_fd: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    agenda = scripted_agenda()
    path = tmp_path / ".private" / "full.journal.jsonl"
    journal = Journal.create(path, make_header(agenda, None, CREATED))
    clock = fake_clock()
    session = Session(agenda, journal, clock)
    commands = scripted_commands()
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    for n, command in enumerate(commands):
        clock.advance(7)
        if n % 50 == 10:  # the disk fills up: only 200 more bytes fit
            resource.setrlimit(resource.RLIMIT_FSIZE, (path.stat().st_size + 200, hard))
        while True:
            try:
                session.do(command)
                break
            except StorageError as e:
                os.write(out_fd, f"{e}\n".encode())
                on_disk = read_journal(path).records
                assert session.state == replayed_state(agenda, on_disk)
                assert [r["seq"] for r in on_disk] == list(range(1, len(on_disk) + 1))
                resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space freed
    journal.close()
    assert read_journal(path).records == reference_records()
