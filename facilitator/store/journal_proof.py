"""A journal's proof file: which leading bytes were already read whole and clean.

Checking the checksum chain costs one hash per line, most of replaying a long meeting
(issue 12). So a reading that found nothing wrong leaves, next to the journal, a small file
(`<journal>.proof`) holding how many bytes it read and a BLAKE2b-256 digest of them. The
next reading hashes that prefix in one call (about a millisecond per megabyte). Only when
the digest matches are the prefix's per-line checksums skipped: the bytes are then exactly
the ones found clean, so every line's hash still holds. Lines after the prefix are checked
one by one, as always.

The proof is never trusted on its own word:
- a damaged or edited prefix (one flipped bit) fails the digest, and the whole journal is
  checked line by line, reporting exactly what a reading without the proof reports;
- a missing, unreadable, malformed or stale proof (a shorter file, another journal of the
  same name) proves nothing, and the whole journal is checked;
- the chain itself has no secret, so a proof adds nothing to what someone rewriting a
  journal could already do.

The proof is written only after a reading with no warnings, atomically, and best-effort:
a read-only folder just means the next reading checks every line again. It holds no
meeting content (a size and a digest), and lives in the private folder with its journal.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from facilitator.store.journal_format import JournalContents

PROOF_SUFFIX = ".proof"
"""Appended to the journal's file name."""
PROOF_KIND = "facilitator-journal-proof"
_DIGEST = "blake2b-256"


def proof_path(journal: Path) -> Path:
    """Where the proof of `journal` is kept."""
    return journal.with_name(journal.name + PROOF_SUFFIX)


def _new_hash(data: bytes | memoryview = b"") -> hashlib.blake2b:
    """A BLAKE2b-256 hash object started on `data` (one place, so a test can count the bytes
    every reading hashes)."""
    return hashlib.blake2b(data, digest_size=32)


class ProofCheck:
    """One pass of BLAKE2b over a journal's bytes, as read: it checks the proof on the way
    (the digest of the proven prefix is taken when the pass reaches its end) and carries on
    to the end, so the same pass gives the proof of a clean reading and seeds the writer's
    `RunningProof`. Before, an open hashed the bytes twice (and the proven prefix a third
    time when the proof was older than the file)."""

    def __init__(self, journal: Path, data: bytes) -> None:
        self.journal = journal
        self.size = len(data)
        """How many bytes `hash` covers: all of `data`."""
        claimed, digest = _claimed(journal, data)
        view = memoryview(data)
        self.hash = _new_hash(view[:claimed])
        """The running digest of every byte of `data`."""
        self.proven = claimed if claimed and self.hash.hexdigest() == digest else 0
        """How many leading bytes the proof covers (0: none, or it does not hold)."""
        if claimed < len(data):
            self.hash.update(view[claimed:])

    def note_clean_reading(self, contents: JournalContents) -> None:
        """After reading the bytes into `contents`: record a proof of them when the reading
        found nothing wrong (a chained journal, no warnings, nothing cut off) and covers more
        than the proof it started from. Best-effort: a failure to write changes nothing."""
        if contents.chain is None or not contents.records or contents.warnings:
            return
        if contents.good_size != self.size or self.size <= self.proven:
            return
        write_proof(self.journal, self.size, self.hash.hexdigest())


def _claimed(journal: Path, data: bytes) -> tuple[int, str]:
    """(size, digest) the proof of `journal` claims, when it is well formed, no longer than
    `data` and ends at a line end of it; (0, "") otherwise. Nothing is hashed here."""
    try:
        with open(proof_path(journal), "rb") as f:
            raw = f.read(4096)
        proof = json.loads(raw)
    except (OSError, ValueError):
        return 0, ""
    if not isinstance(proof, dict) or proof.get("kind") != PROOF_KIND:
        return 0, ""
    size, digest = proof.get("size"), proof.get(_DIGEST)
    if not isinstance(size, int) or isinstance(size, bool) or not isinstance(digest, str):
        return 0, ""
    if not 0 < size <= len(data) or data[size - 1 : size] != b"\n":
        return 0, ""
    return size, digest


def proven_bytes(journal: Path, data: bytes) -> int:
    """How many leading bytes of `data` (the journal's contents) its proof covers: 0 unless
    the proof is well formed, no longer than `data`, ends at a line end, and its digest is
    that of those bytes."""
    return ProofCheck(journal, data).proven


class RunningProof:
    """The writer's side: the digest of a journal opened clean, carried on over every line
    it appends, and written as the proof every `EVERY` lines and at close. So a resume
    after a crash checks one by one only the lines since the last proof, not all the lines
    since the journal was last read."""

    EVERY = 1000
    """Lines appended between two proofs written."""

    def __init__(self, check: ProofCheck) -> None:
        """Carry on from the pass `check` made over the bytes opened (all of the file)."""
        self._journal = check.journal
        self._hash = check.hash.copy()
        self._size = check.size
        self._pending = 0

    def appended(self, payload: bytes, lines: int) -> None:
        """`payload` (`lines` lines) is on disk, fsynced, right after the bytes so far."""
        self._hash.update(payload)
        self._size += len(payload)
        self._pending += lines
        if self._pending >= self.EVERY:
            self.write()

    def write(self) -> None:
        """Write the proof of every byte so far, if any line is not yet in one."""
        if self._pending:
            self._pending = 0
            write_proof(self._journal, self._size, self._hash.hexdigest())


def write_proof(journal: Path, size: int, digest: str) -> None:
    """Replace the proof of `journal` by one of its first `size` bytes; best-effort."""
    text = json.dumps({"kind": PROOF_KIND, "size": size, _DIGEST: digest})
    target = proof_path(journal)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        try:
            os.write(fd, text.encode("ascii"))
        finally:
            os.close(fd)
        os.replace(tmp, target)
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)
