"""The journal's lines: the format's names and errors, what a reading yields, writing
lines with their chain hashes, and the checks one line gets on its own (its header, its
hashes). The reading rules are in `journal_format`, which re-exports all of this.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.core.errors import StorageError
from facilitator.i18n import _

JOURNAL_KIND = "facilitator-journal"
"""The header's "kind": tells a journal from any other JSON Lines file."""
JOURNAL_SCHEMA = 1
"""The journal format version this code writes and reads."""
BATCH_KEY = "_batch"
"""Journal-owned key on the first line of a multi-record append: how many lines it spans."""
CHAIN_KEY = "chain"
"""Header key naming the per-line hash chain; journals written before it have none."""
CHAIN_NAME = "blake2b-64"
"""The one chain this code writes: 64-bit BLAKE2b over the previous hash and the line."""
PREV_KEY = "_p"
"""Journal-owned key on every chained line: the previous line's hash."""
BOOT_KEY = "_b"
"""Journal-owned key on the first line a process writes: the kernel's boot id then, so a
resume can tell a reboot from a wall-clock step (see store/clock.py)."""
HASH_KEY = "_h"
"""Journal-owned key on every chained line: this line's hash (of `_p` and the line's body)."""
_CHAIN_RE = re.compile(rb',"_p":"([0-9a-f]{16})","_h":"([0-9a-f]{16})"\}$')


class JournalError(StorageError):
    """A journal cannot be created, opened or read; the message is for people."""


class JournalCorruptError(JournalError):
    """A journal line other than the last is unreadable, or the header is wrong."""


class JournalLockedError(JournalError):
    """Another process holds the journal open for writing."""


class JournalExistsError(JournalError):
    """`Journal.create` was asked to overwrite an existing journal."""


@dataclass(frozen=True)
class JournalContents:
    """What reading a journal yields."""

    header: dict[str, Any]
    """The header line, validated."""
    records: list[dict[str, Any]]
    """The event records in order, without any journal-owned keys."""
    warnings: list[str]
    """Plain-language notes about what was dropped from a damaged tail."""
    good_size: int
    """Bytes from the start of the file up to the end of the last whole line (a damaged but
    whole line is kept in the file as evidence; only a cut-off tail is cut)."""
    chain: str | None = None
    """The hash the next appended line chains on; None for a journal without a chain."""
    boot_id: str | None = None
    """The boot id the last writer recorded, if any (for `SystemClock.resuming`)."""


def encode_records(
    records: Sequence[Mapping[str, Any]], chain: str | None = None, boot: str | None = None
) -> tuple[bytes, str | None]:
    """The bytes that one `append` writes (one compact JSON line per record), and the chain
    hash of its last line. With `chain=None` (an old journal without a chain) the lines
    carry no hashes and None is returned."""
    lines: list[bytes] = []
    for i, record in enumerate(records):
        for own in (BATCH_KEY, PREV_KEY, HASH_KEY, BOOT_KEY):
            if own in record:
                raise ValueError(f"records must not use the journal's own key {own!r}")
        data: Mapping[str, Any] = record
        if i == 0 and len(records) > 1:
            data = {**record, BATCH_KEY: len(records)}
        if i == 0 and boot is not None:
            data = {**data, BOOT_KEY: boot}
        body = _dumps(data)[:-1].encode("utf-8")
        if chain is None:
            lines.append(body + b"\n")
        else:
            prev, chain = chain, line_hash(chain, body)
            lines.append(_chained(body, prev, chain) + b"\n")
    return b"".join(lines), chain


def line_hash(prev: str, body: bytes) -> str:
    """The chain hash of a record line: of the previous line's hash and this line's body."""
    return hashlib.blake2b(prev.encode("ascii") + b"\x1f" + body, digest_size=8).hexdigest()


def header_hash(line: bytes) -> str:
    """The chain's first link: the hash of the header line as written (without its newline)."""
    return hashlib.blake2b(b"\x1f" + line, digest_size=8).hexdigest()


def _chained(body: bytes, prev: str, h: str) -> bytes:
    # The hashes go last, so the body that was hashed is the line minus a fixed-size suffix.
    return body[:-1] + f',"{PREV_KEY}":"{prev}","{HASH_KEY}":"{h}"}}'.encode("ascii")


def encode_header(header: Mapping[str, Any]) -> bytes:
    """The header line, after checking it is one this module can read back."""
    check_header(dict(header), Path("<new journal>"))
    return _dumps(header).encode("utf-8")


def _dumps(data: Mapping[str, Any]) -> str:
    # allow_nan=False: NaN is not JSON, and a reader elsewhere would choke on it.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def check_header(header: object, path: Path) -> dict[str, Any]:
    """Validate a parsed header line; raise `JournalCorruptError` saying what is wrong."""
    if not isinstance(header, dict) or header.get("kind") != JOURNAL_KIND:
        raise JournalCorruptError(
            _("{path}, line 1: this is not a facilitator journal (no journal header)").format(
                path=path
            )
        )
    schema = header.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise JournalCorruptError(
            _("{path}, line 1: the header has no format version (schema)").format(path=path)
        )
    if schema > JOURNAL_SCHEMA:
        raise JournalCorruptError(
            _(
                "{path}, line 1: this journal was written by a newer facilitator (schema"
                " {schema}); update facilitator to open it"
            ).format(path=path, schema=schema)
        )
    if schema < 1:
        raise JournalCorruptError(
            _("{path}, line 1: unknown journal format version {schema}").format(
                path=path, schema=schema
            )
        )
    if not isinstance(header.get("agenda"), dict):
        raise JournalCorruptError(
            _("{path}, line 1: the header does not hold the meeting's agenda").format(path=path)
        )
    return header


_SUFFIX = len(b',"_p":"","_h":""}') + 32
"""The length of the hashes `_chained` appends (two 16-digit hashes): fixed, so the match
that `_CHAIN_RE` (anchored at the line's end) can find is always the line's last bytes."""


def _split_chained(raw: bytes) -> tuple[bytes, str, str] | None:
    """(body as hashed, previous hash, own hash) of a chained line whose hash matches,
    else None (damaged, edited, or not a chained line at all).

    Replay reads every line through here: matching the fixed-size tail instead of
    searching the whole line keeps the check to a slice and one hash per line.
    """
    m = _CHAIN_RE.fullmatch(raw, len(raw) - _SUFFIX) if len(raw) >= _SUFFIX else None
    if m is None:
        return None
    prev, h = m.group(1).decode("ascii"), m.group(2).decode("ascii")
    body = raw[: m.start()] + b"}"
    return (body, prev, h) if line_hash(prev, body) == h else None


_DECODER = json.JSONDecoder()


def _loads(raw: bytes) -> object:
    # What `json.loads(raw)` does for UTF-8 (a leading byte-order mark skipped), without
    # its per-call encoding detection, which replay paid once per line.
    try:
        return _DECODER.decode(raw.decode("utf-8-sig"))
    except ValueError:  # includes JSONDecodeError and UnicodeDecodeError
        return None
