"""The journal's proof file: a clean reading lets the next one skip the line hashes of the
prefix it read, and never makes a damaged, edited or replaced journal read as clean.

Work is counted (line hashes computed), never time. Every damage case is read twice, with
the proof and without it, and the two readings must be equal: the proof only ever saves
work, it never changes what a reading says.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.store import journal_format, journal_lines, journal_proof
from facilitator.store.journal import Journal, read_journal
from facilitator.store.journal_format import JournalContents
from facilitator.store.journal_proof import PROOF_KIND, RunningProof, proof_path, proven_bytes
from tests.journal_support import new_journal, note

HASHES: list[int] = []


@pytest.fixture(autouse=True)
def _count_hashes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Count the line hashes every reading computes."""
    original = journal_format.line_hash

    def counted(prev: str, body: bytes) -> str:
        HASHES.append(1)
        return original(prev, body)

    # The usual line is hashed in journal_format, any other in journal_lines' split.
    monkeypatch.setattr(journal_format, "line_hash", counted)
    monkeypatch.setattr(journal_lines, "line_hash", counted)
    HASHES.clear()
    yield
    HASHES.clear()


def _journal(tmp_path: Path, n: int) -> Path:
    """A journal of `n` notes without a proof (as an older version, or a crash, leaves it)."""
    with new_journal(tmp_path) as journal:
        for i in range(1, n + 1):
            journal.append([note(i, f"note {i}")])
        path = journal.path
    proof_path(path).unlink()
    return path


def _read_counting(path: Path) -> tuple[JournalContents, int]:
    HASHES.clear()
    contents = read_journal(path)
    return contents, len(HASHES)


def _without_proof(path: Path) -> JournalContents:
    saved = proof_path(path).read_bytes() if proof_path(path).exists() else None
    proof_path(path).unlink(missing_ok=True)
    try:
        return read_journal(path)
    finally:
        if saved is not None:
            proof_path(path).write_bytes(saved)


def test_a_clean_reading_lets_the_next_skip_every_hash_and_read_the_same(tmp_path: Path) -> None:
    path = _journal(tmp_path, 30)
    first, hashed = _read_counting(path)
    assert hashed == 30 and first.warnings == []
    assert proof_path(path).exists()
    again, hashed = _read_counting(path)
    assert hashed == 0
    assert again == first
    # Resuming (Journal.open) reads through the proof too, and appends chain on as before.
    HASHES.clear()
    with Journal.open(path) as journal:
        assert len(HASHES) == 0
        assert journal.records == first.records
        journal.append([note(31, "note 31")])
    assert read_journal(path).records[-1]["text"] == "note 31"


def test_lines_appended_after_the_proof_are_checked_one_by_one(tmp_path: Path) -> None:
    path = _journal(tmp_path, 20)
    read_journal(path)
    with Journal.open(path) as journal:
        for i in range(21, 26):
            journal.append([note(i, f"note {i}")])
        # Read before the writer closes (as after a kill -9): its proof is the one before.
        contents, hashed = _read_counting(path)
        assert hashed == 5
        assert [r["seq"] for r in contents.records] == list(range(1, 26))
        assert contents == _without_proof(path)
    # That reading was clean: its proof now covers all 25 lines.
    assert _read_counting(path)[1] == 0


def _flip_in_line(path: Path, line: int) -> None:
    lines = path.read_bytes().split(b"\n")
    i = lines[line].index(b"note ") + 1
    lines[line] = lines[line][:i] + bytes([lines[line][i] ^ 0x01]) + lines[line][i + 1 :]
    path.write_bytes(b"\n".join(lines))


@pytest.mark.parametrize("line", [1, 7, 15])
def test_a_bit_flip_in_the_proven_prefix_is_found_as_without_a_proof(
    tmp_path: Path, line: int
) -> None:
    path = _journal(tmp_path, 15)
    read_journal(path)
    proof_before = proof_path(path).read_bytes()
    _flip_in_line(path, line)
    contents, hashed = _read_counting(path)
    assert hashed == 15  # the digest failed: every line was checked
    assert len(contents.warnings) == 1 and f"line {line + 1} is damaged" in contents.warnings[0]
    assert len(contents.records) == 14
    assert contents == _without_proof(path)
    # A reading with warnings leaves the proof as it was (it proves nothing now).
    assert proof_path(path).read_bytes() == proof_before
    assert proven_bytes(path, path.read_bytes()) == 0


def test_a_damaged_line_after_the_proven_prefix_is_found(tmp_path: Path) -> None:
    path = _journal(tmp_path, 10)
    read_journal(path)
    with Journal.open(path) as journal:
        for i in range(11, 14):
            journal.append([note(i, f"note {i}")])
        _flip_in_line(path, 12)  # note 12, before the writer's proof at close
        contents, hashed = _read_counting(path)
        assert hashed == 3
        assert len(contents.warnings) == 1 and "line 13 is damaged" in contents.warnings[0]
        assert [r["seq"] for r in contents.records] == [*range(1, 12), 13]
        assert contents == _without_proof(path)


def test_a_cut_off_or_shortened_journal_is_not_taken_for_the_proven_one(tmp_path: Path) -> None:
    path = _journal(tmp_path, 12)
    read_journal(path)
    data = path.read_bytes()
    path.write_bytes(data[:-40])  # the last line cut off
    contents, hashed = _read_counting(path)
    assert hashed == 11 and len(contents.records) == 11
    assert any("cut off" in w for w in contents.warnings)
    assert contents == _without_proof(path)


def test_another_journal_under_the_same_name_proves_nothing(tmp_path: Path) -> None:
    path = _journal(tmp_path, 8)
    read_journal(path)
    proof = proof_path(path).read_bytes()
    with new_journal(tmp_path / "other") as journal:
        for i in range(1, 13):
            journal.append([note(i, f"other {i}")])
    path.write_bytes(journal.path.read_bytes())
    proof_path(path).write_bytes(proof)
    contents, hashed = _read_counting(path)
    assert hashed == 12 and contents.warnings == []
    assert [r["text"] for r in contents.records] == [f"other {i}" for i in range(1, 13)]


@pytest.mark.parametrize(
    "proof",
    [
        b"",
        b"not json",
        b"[]",
        b'{"kind": "something else", "size": 10, "blake2b-256": "00"}',
        b'{"kind": "facilitator-journal-proof", "size": true, "blake2b-256": "00"}',
        b'{"kind": "facilitator-journal-proof", "size": 10, "blake2b-256": 5}',
        b'{"kind": "facilitator-journal-proof", "size": 0, "blake2b-256": "00"}',
        b'{"kind": "facilitator-journal-proof", "size": 99999999, "blake2b-256": "00"}',
    ],
)
def test_a_malformed_proof_proves_nothing_and_is_replaced(tmp_path: Path, proof: bytes) -> None:
    path = _journal(tmp_path, 6)
    proof_path(path).write_bytes(proof)
    contents, hashed = _read_counting(path)
    assert hashed == 6 and contents.warnings == []
    assert proven_bytes(path, path.read_bytes()) == len(path.read_bytes())


def test_a_proof_that_does_not_end_at_a_line_end_proves_nothing(tmp_path: Path) -> None:
    import hashlib

    path = _journal(tmp_path, 6)
    data = path.read_bytes()
    size = len(data) - 10
    digest = hashlib.blake2b(data[:size], digest_size=32).hexdigest()
    text = {"kind": PROOF_KIND, "size": size, "blake2b-256": digest}
    proof_path(path).write_text(json.dumps(text))
    assert proven_bytes(path, data) == 0


def test_the_proof_is_private_and_holds_no_meeting_content(tmp_path: Path) -> None:
    with new_journal(tmp_path) as journal:
        journal.append([note(1, "CANARY confidential words")])
        path = journal.path
    read_journal(path)
    proof = proof_path(path)
    assert stat.S_IMODE(proof.stat().st_mode) == 0o600
    text = proof.read_text()
    assert "CANARY" not in text and "confidential" not in text
    assert set(json.loads(text)) == {"kind", "size", "blake2b-256"}
    assert proof.parent == path.parent


def test_a_proof_that_cannot_be_written_only_means_no_proof(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _journal(tmp_path, 4)

    def refuse(*args: object) -> None:
        raise PermissionError("read-only folder")

    monkeypatch.setattr(os, "replace", refuse)
    contents = read_journal(path)
    assert len(contents.records) == 4 and contents.warnings == []
    assert not proof_path(path).exists()
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_the_writer_keeps_the_proof_every_so_many_lines_and_at_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RunningProof, "EVERY", 10)
    with new_journal(tmp_path) as journal:
        path = journal.path
        for i in range(1, 26):
            journal.append([note(i, f"note {i}")])
        # A crash now: the proof written at line 20 covers 20 lines, the last 5 are checked.
        contents, hashed = _read_counting(path)
        assert hashed == 5 and len(contents.records) == 25
        assert contents == _without_proof(path)
        proof_path(path).unlink()
        journal.append([note(26, "note 26")])
    # Closed: the proof covers every byte, though no reading was made since the open.
    contents, hashed = _read_counting(path)
    assert hashed == 0 and len(contents.records) == 26 and contents.warnings == []
    assert proven_bytes(path, path.read_bytes()) == len(path.read_bytes())


def test_a_journal_opened_with_warnings_gets_no_proof_from_its_writer(tmp_path: Path) -> None:
    path = _journal(tmp_path, 6)
    _flip_in_line(path, 3)
    with Journal.open(path) as journal:
        assert len(journal.warnings) == 1
        journal.append([note(7, "note 7")])
    assert not proof_path(path).exists()
    contents, hashed = _read_counting(path)
    assert hashed == 7 and len(contents.warnings) == 1  # the damaged line is reported again


def test_a_failed_append_stops_the_writers_proofs(tmp_path: Path) -> None:
    from facilitator.core.errors import StorageError
    from facilitator.store.journal import FileOps

    path = _journal(tmp_path, 3)
    failing = [True]

    def write(fd: int, data: bytes) -> int:
        if failing[0]:
            raise OSError(28, "No space left on device")
        return os.write(fd, data)

    with Journal.open(path, ops=FileOps(write=write)) as journal:
        with pytest.raises(StorageError):
            journal.append([note(4, "note 4")])
        failing[0] = False
        journal.append([note(4, "note 4")])
    # The proof is still the one the open's reading left (3 lines): the writer kept none.
    contents, hashed = _read_counting(path)
    assert hashed == 1 and contents.warnings == [] and len(contents.records) == 4


class _CountedHash:
    """A BLAKE2b-256 that notes every byte it is given in `HASHED`."""

    def __init__(self, data: bytes | memoryview = b"") -> None:
        HASHED.append(len(data))
        self._hash = hashlib.blake2b(data, digest_size=32)

    def update(self, data: bytes | memoryview) -> None:
        HASHED.append(len(data))
        self._hash.update(data)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()

    def copy(self) -> _CountedHash:
        twin = _CountedHash()
        HASHED.pop()  # the twin's empty start is no work
        twin._hash = self._hash.copy()
        return twin


HASHED: list[int] = []


@pytest.mark.parametrize("proof", ["whole", "older", "none", "damaged"])
def test_opening_hashes_every_byte_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, proof: str
) -> None:
    """The proof check, the proof of a clean reading and the writer's running digest are
    one pass over the file (before: the file twice, plus the proven prefix)."""
    path = _journal(tmp_path, 20)
    read_journal(path)  # a proof of all 20 lines
    if proof == "older":
        with Journal.open(path) as journal:
            journal.append([note(21, "note 21")])
        # Put back a proof of the first 20 lines only: the file is longer than it.
        lines = path.read_bytes().split(b"\n")
        from facilitator.store.journal_proof import write_proof

        prefix = b"\n".join(lines[:21]) + b"\n"
        write_proof(path, len(prefix), hashlib.blake2b(prefix, digest_size=32).hexdigest())
    elif proof == "none":
        proof_path(path).unlink()
    elif proof == "damaged":
        _flip_in_line(path, 7)
    size = len(path.read_bytes())
    monkeypatch.setattr(journal_proof, "_new_hash", _CountedHash)
    HASHED.clear()
    with Journal.open(path) as journal:
        assert sum(HASHED) == size, "every byte is hashed exactly once on open"
        assert len(HASHED) <= 2, "one hash object: started on the proven prefix, then updated"
        HASHED.clear()
        journal.append([note(99, "one more")])
        appended = len(path.read_bytes()) - size
        # A clean open carries the same digest on over the appends: only their bytes.
        assert sum(HASHED) == (0 if proof == "damaged" else appended)
    if proof != "damaged":
        contents, hashed = _read_counting(path)
        assert hashed == 0 and contents.warnings == [], "the carried digest proves the file"
    HASHED.clear()
    read_journal(path)
    assert sum(HASHED) == len(path.read_bytes()), "a read-only reading hashes it once, too"
