"""`Journal.discard_if_unstarted` removes only a journal that holds no event record.

`Journal.records` is what the file held when it was opened; appends are not added to it.
The discard must count the appends of the same run too, so a meeting that recorded
something is never deleted by the Journal that recorded it. Real files under tmp_path.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from facilitator.core.errors import StorageError
from facilitator.store.journal import FileOps, Journal, read_journal
from tests.journal_support import new_journal, note


def test_a_journal_appended_to_in_this_run_is_kept(tmp_path: Path) -> None:
    j = new_journal(tmp_path)
    path = j.path
    assert j.records == []  # opened empty: the records list alone would say "unstarted"
    j.append([note(1)])
    before = path.read_bytes()
    assert j.discard_if_unstarted() is False
    assert j.closed
    assert path.read_bytes() == before
    assert read_journal(path).records == [note(1)]


def test_a_journal_opened_with_records_is_kept(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        j.append([note(1), note(2)])
        path = j.path
    before = path.read_bytes()
    assert Journal.open(path).discard_if_unstarted() is False
    assert path.read_bytes() == before


def test_an_empty_journal_is_removed_with_its_lock(tmp_path: Path) -> None:
    j = new_journal(tmp_path)
    path = j.path
    j.append([])  # an empty append writes nothing and records nothing
    assert j.discard_if_unstarted() is True
    assert not path.exists()
    assert not path.with_name(path.name + ".lock").exists()


def test_a_journal_whose_tail_is_unknown_after_a_failed_append_is_kept(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        path = j.path

    def write(fd: int, data: bytes) -> int:
        os.write(fd, data[:7])  # leave part of a line, then fail
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    def ftruncate(fd: int, size: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))  # and the cut back fails too

    j = Journal.open(path, ops=FileOps(write=write, ftruncate=ftruncate))
    with pytest.raises(StorageError):
        j.append([note(1)])
    assert j.discard_if_unstarted() is False
    assert path.exists()


def test_a_closed_journal_refuses(tmp_path: Path) -> None:
    j = new_journal(tmp_path)
    j.close()
    with pytest.raises(ValueError, match="closed"):
        j.discard_if_unstarted()
