"""The journal's on-disk format: encoding lines, reading them back, and the errors.

A journal is JSON Lines (UTF-8). Line 1 is the header::

    {"kind": "facilitator-journal", "schema": 1, "agenda": {...}, "agenda_path": "...",
     "created": "2026-11-24T23:02:11Z"}

and every further line is one event record (a dict with a "type" key, as made
by `facilitator.core.events.event_to_record`).

One `append` call writes all its lines in a single write. When a call holds
more than one record, the first line also carries `"_batch": n`, so that a
reader can tell a half-written group from a whole one: a command whose events
were only partly written was never acknowledged, and replaying half of it
could leave the meeting in a state no command produces. Readers strip the key,
so callers only ever see the engine's own records.

The checksum chain. A header with `"chain": "blake2b-64"` (every journal
written since) means each record line ends with `"_p": <previous line's hash>,
"_h": <hash of _p and the line's body>` (the body is the line without those two
keys). So each line can be checked on its own, and each says which line it
follows. Reading, verified on every open and export:
- a line whose checksum fails (a bit flip, an edit) is reported by its number
  and left out; every other line is kept, and a whole line is never cut off;
- a line that is an exact copy of an earlier one is left out and reported;
- a line that does not follow the one before it is reported (a line was
  deleted or moved); lines moved by hand are read back in event order (`seq`).
Journals without the chain (older ones) still open: they are read as before.

Reading is forgiving at the tail. A power cut or a kill mid-write can only
damage the end of the file, so a cut-off last line (no newline), or an
incomplete group at the end, is dropped and reported in `warnings` (it was
never acknowledged). In an old journal without the chain, a bad line anywhere
else means the file was damaged some other way: `JournalCorruptError` names the
line instead of guessing.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.core.errors import StorageError
from facilitator.core.events import gc_paused
from facilitator.i18n import _, ngettext

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


def parse_journal(data: bytes, path: Path, proven: int = 0) -> JournalContents:
    """Parse a whole journal file's bytes (see the module docstring for the rules).

    `proven`: how many leading bytes are known to be, byte for byte, a prefix that an earlier
    reading found whole and clean (`journal_proof`: a digest of those bytes matched). Their
    lines' checksums are not computed again; everything else about them is read as usual.
    It must end at a line end; 0 (the default) checks every line.
    """
    if not data:
        raise JournalCorruptError(
            _("{path}: the journal is empty (it has no header line)").format(path=path)
        )
    lines = data.split(b"\n")
    # After the last newline comes either nothing (a clean file) or a cut-off line.
    tail = lines.pop()
    if not lines:
        raise JournalCorruptError(
            _("{path}, line 1: the journal header was cut off while it was being created").format(
                path=path
            )
        )
    header = check_header(_loads(lines[0]), path)
    chained = header.get(CHAIN_KEY) == CHAIN_NAME
    if CHAIN_KEY in header and not chained:
        raise JournalCorruptError(
            _(
                "{path}, line 1: unknown checksum chain {chain}; update facilitator to open this"
                " journal"
            ).format(path=path, chain=repr(header.get(CHAIN_KEY)))
        )
    reader = _Reader(path, chained, header_hash(lines[0]) if chained else None)
    reader.proven = proven
    offset = len(lines[0]) + 1
    reader.good_size = offset
    last = len(lines) - 1
    with gc_paused():  # one dict per line, all kept: see gc_paused
        if chained:
            _read_chained(reader, lines, offset, last if not tail else -1)
        else:
            for index in range(1, len(lines)):
                raw = lines[index]
                offset += len(raw) + 1
                reader.line(raw, index + 1, offset, is_last=index == last and not tail)
    if tail:
        reader.warnings.append(_cut_off(len(lines) + 1))
    reader.finish()
    records = _in_event_order(reader.records, reader.numbers, reader.warnings, path)
    return JournalContents(
        header=header,
        records=records,
        warnings=reader.warnings,
        good_size=reader.good_size,
        chain=reader.last_hash,
        boot_id=reader.boot_id,
    )


def _read_chained(reader: _Reader, lines: list[bytes], offset: int, last: int) -> None:
    """Read the record lines of a chained journal: check every line's hash, then parse the
    lines that passed in one `json.loads` of them all as an array, then take the records.

    One parse of the whole journal costs less than half of one parse per line (the per-call
    overhead of `json` was most of replay's reading at 10,000 events). The lines are taken
    in file order afterwards, so groups, warnings and errors are exactly those of a reading
    line by line; if the joined parse fails (a line that passed its hash but is not one
    JSON value), every line is parsed on its own, as before. `last` is the index of a whole
    last line (-1: the file ends in a cut-off line). Lines that end within the first
    `reader.proven` bytes are taken without computing their hashes (see `parse_journal`).
    """
    checked: list[tuple[bytes | None, int, int]] = []  # (body or None: skipped, number, end)
    proven, seen, hash_of = reader.proven, reader._seen, line_hash
    for index in range(1, len(lines)):
        raw = lines[index]
        offset += len(raw) + 1
        number = index + 1
        if offset <= proven:
            line: bytes | None = reader.trusted(raw, number)
        else:
            # The usual line, checked inline: it follows the line before it (whose hash,
            # `_expected`, is hex), its tail is exactly the two hashes, its own hash is new
            # and holds. Anything else goes through `check`, which says what is wrong.
            expected, cut = reader._expected, len(raw) - _SUFFIX
            h = raw[cut + 31 : cut + 47].decode("ascii", "replace")
            if (
                expected is None
                or cut < 1
                or raw[cut : cut + 7] != b',"_p":"'
                or raw[cut + 7 : cut + 23] != expected.encode("ascii")
                or raw[cut + 23 : cut + 31] != b'","_h":"'
                or raw[cut + 47 :] != b'"}'
                or h in seen
            ):
                line = reader.check(raw, number, is_last=index == last)
            else:
                line = raw[:cut] + b"}"
                if hash_of(expected, line) == h:
                    reader._expected = reader.last_hash = h
                    seen[h] = number
                else:  # what `check` finds for it, without hashing it twice
                    reader._damaged(number, is_last=index == last)
                    line = None
        checked.append((line, number, offset))
    bodies = [body for body, _prev, _h in checked if body is not None]
    parsed: list[object] | None = None
    if bodies:
        whole = _loads(b"[" + b",".join(bodies) + b"]")
        if isinstance(whole, list) and len(whole) == len(bodies):
            parsed = whole
    values = iter(parsed if parsed is not None else [_loads(b) for b in bodies])
    records, numbers = reader.records, reader.numbers
    for body, number, end in checked:
        if body is None:
            reader.skip(end)
            continue
        record = next(values)
        if (
            type(record) is dict
            and type(record.get("type")) is str
            and not reader._batch_left
            and BATCH_KEY not in record
            and BOOT_KEY not in record
        ):  # what `take` does with a lone record, inline
            records.append(record)
            numbers.append(number)
            reader.good_size = end
        else:
            reader.take(record, number, end, is_last=number - 1 == last)


class _Reader:
    """Reads record lines one by one: the chain, the groups, what to keep and what to report."""

    def __init__(self, path: Path, chained: bool, first: str | None) -> None:
        self.path = path
        self.chained = chained
        self.records: list[dict[str, Any]] = []
        self.numbers: list[int] = []
        """The line number of each kept record."""
        self.warnings: list[str] = []
        self.good_size = 0
        self.last_hash: str | None = first
        """The hash the next appended line chains on (None: an old journal, no chain)."""
        self.boot_id: str | None = None
        """The boot id recorded last (by the last process that wrote)."""
        self._expected: str | None = first
        self._seen: dict[str, int] = {}
        self._batch_start = -1  # index in `records` of the open group's first record
        self._batch_left = 0
        self._batch_size_before = 0
        self._batch_line = 0
        self.proven = 0
        """Leading bytes proven whole and clean (`parse_journal`): their hashes hold."""

    def line(self, raw: bytes, number: int, end: int, *, is_last: bool) -> None:
        """Read one line whole (a journal without the chain: `_read_chained` does the rest)."""
        body = raw
        if self.chained:
            checked = self.check(raw, number, is_last=is_last)
            if checked is None:
                self.skip(end)
                return
            body = checked
        self.take(_loads(body), number, end, is_last=is_last)

    def check(self, raw: bytes, number: int, *, is_last: bool) -> bytes | None:
        """A chained line's body when its hash holds and it is no copy; None (reported) when
        it is left out, for which `skip` must then be called in its turn."""
        split = _split_chained(raw)
        if split is None:
            self._damaged(number, is_last=is_last)
            return None
        body, prev, h = split
        if h in self._seen:
            self.warnings.append(
                _("line {number} is a copy of line {first}; the copy was left out").format(
                    number=number, first=self._seen[h]
                )
            )
            return None
        if self._expected is not None and prev != self._expected:
            self.warnings.append(
                _(
                    "line {number} does not follow the line before it: a line before it is"
                    " missing or was moved (the journal was edited); every readable line was kept"
                ).format(number=number)
            )
        self._expected = self.last_hash = h
        self._seen[h] = number
        return body

    def trusted(self, raw: bytes, number: int) -> bytes:
        """A chained line's body, from a prefix proven whole and clean (so its hash holds and
        it is no copy): what `check` returns for it, without computing the hash."""
        cut = len(raw) - _SUFFIX
        h = raw[cut + 31 : cut + 47].decode("ascii")
        self._expected = self.last_hash = h
        self._seen[h] = number
        return raw[:cut] + b"}"

    def skip(self, end: int) -> None:
        """A line left out (damaged or a copy) still counts towards the open group."""
        self._advance(end)

    def take(self, record: object, number: int, end: int, *, is_last: bool) -> None:
        """Keep a parsed line's record (or report or refuse what is not one)."""
        if not (isinstance(record, dict) and isinstance(record.get("type"), str)):
            if self.chained:  # the checksum matched, so this is how it was written
                raise JournalCorruptError(
                    _("{path}, line {number}: this line is not an event record").format(
                        path=self.path, number=number
                    )
                )
            if is_last:
                self.warnings.append(
                    _(
                        "line {number} was unreadable and was dropped; saving may have stopped"
                        " while it was written, or the disk damaged it"
                    ).format(number=number)
                )
                return
            raise JournalCorruptError(
                _(
                    "{path}, line {number}: this line is damaged (not an event record); the"
                    " journal cannot be read past it safely"
                ).format(path=self.path, number=number)
            )
        boot = record.pop(BOOT_KEY, None)
        if isinstance(boot, str):
            self.boot_id = boot
        size = record.pop(BATCH_KEY, None)
        if size is not None:
            if self._batch_left:
                raise JournalCorruptError(
                    _(
                        "{path}, line {number}: a group of events starts before the group at"
                        " line {first} is complete"
                    ).format(path=self.path, number=number, first=self._batch_line)
                )
            if not isinstance(size, int) or isinstance(size, bool) or size < 2:
                raise JournalCorruptError(
                    _("{path}, line {number}: bad group size {size}").format(
                        path=self.path, number=number, size=repr(size)
                    )
                )
            self._batch_start, self._batch_left = len(self.records), size
            self._batch_size_before, self._batch_line = self.good_size, number
        self.records.append(record)
        self.numbers.append(number)
        self._advance(end)

    def _damaged(self, number: int, *, is_last: bool) -> None:
        # A checksum that fails on a whole line (it ends in a newline) is damage on disk or
        # an edit, never a save that stopped half-way: that line may well have been shown.
        said = _(
            "line {number} is damaged: its checksum does not match, so it was left out and"
            " every other line was kept."
        ).format(number=number)
        if is_last:
            said += " " + _(
                "It was written in full, so it may have been shown on screen: check the minutes"
            )
        self.warnings.append(said)
        # The next line chains on this one's hash, which cannot be trusted: skip that check.
        self._expected = None

    def _advance(self, end: int) -> None:
        if self._batch_left:
            self._batch_left -= 1
        if not self._batch_left:
            self.good_size = end

    def finish(self) -> None:
        if self._batch_left:
            # Ends mid-group: the command was never acknowledged, so drop all of it.
            dropped = len(self.records) - self._batch_start
            del self.records[self._batch_start :]
            del self.numbers[self._batch_start :]
            self.good_size = self._batch_size_before
            self.warnings.append(
                ngettext(
                    "the last action's {n} saved line was dropped: saving stopped before all of"
                    " its lines were written, so it was never confirmed",
                    "the last action's {n} saved lines were dropped: saving stopped before all"
                    " of its lines were written, so it was never confirmed",
                    dropped,
                ).format(n=dropped)
            )


def _in_event_order(
    records: list[dict[str, Any]], numbers: list[int], warnings: list[str], path: Path
) -> list[dict[str, Any]]:
    """The records by their event number (`seq`): lines moved by hand are put back, a line
    repeated word for word is left out once; what cannot be put right names its line.

    Replaying events out of order could build a state no meeting had (or fail), so the
    order is the events' own, which the engine numbers 1, 2, 3, ... as it goes.
    """
    seqs: list[int] = []
    for r in records:
        q = r.get("seq")
        if not isinstance(q, int) or isinstance(q, bool):
            return records  # not engine records (some tests write bare ones): file order
        seqs.append(q)
    if all(a < b for a, b in itertools.pairwise(seqs)):
        return records
    first_line: dict[int, int] = {}
    kept: list[tuple[int, int, dict[str, Any]]] = []
    for record, number, q in zip(records, numbers, seqs, strict=True):
        if q in first_line:
            earlier = next(r for n, _q, r in kept if n == first_line[q])
            if earlier == record:
                warnings.append(
                    _(
                        "line {number} repeats line {first} word for word; the copy was left out"
                    ).format(number=number, first=first_line[q])
                )
                continue
            raise JournalCorruptError(
                _(
                    "{path}, line {number}: event number {seq} was already recorded at line"
                    " {first}, with different content; the journal was edited and cannot be"
                    " read safely"
                ).format(path=path, number=number, seq=q, first=first_line[q])
            )
        first_line[q] = number
        kept.append((number, q, record))
    ordered = sorted(kept, key=lambda entry: entry[1])
    moved = [a[0] for a, b in zip(kept, ordered, strict=True) if a[0] != b[0]]
    if moved:
        warnings.append(
            ngettext(
                "line {number} and {n} other line are out of order (were they moved or"
                " sorted?); they were read in the order the events happened",
                "line {number} and {n} other lines are out of order (were they moved or"
                " sorted?); they were read in the order the events happened",
                len(moved) - 1,
            ).format(number=moved[0], n=len(moved) - 1)
        )
    return [record for _n, _q, record in ordered]


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


def _cut_off(number: int) -> str:
    return _(
        "line {number} was cut off when saving stopped; it was dropped. It held an action that"
        " was never confirmed on screen, so nothing that was shown is lost"
    ).format(number=number)


_DECODER = json.JSONDecoder()


def _loads(raw: bytes) -> object:
    # What `json.loads(raw)` does for UTF-8 (a leading byte-order mark skipped), without
    # its per-call encoding detection, which replay paid once per line.
    try:
        return _DECODER.decode(raw.decode("utf-8-sig"))
    except ValueError:  # includes JSONDecodeError and UnicodeDecodeError
        return None
