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

from pathlib import Path

from facilitator.core.events import gc_paused
from facilitator.i18n import _
from facilitator.store.journal_lines import (
    _SUFFIX,
    BATCH_KEY,
    BOOT_KEY,
    CHAIN_KEY,
    CHAIN_NAME,
    HASH_KEY,
    JOURNAL_KIND,
    JOURNAL_SCHEMA,
    PREV_KEY,
    JournalContents,
    JournalCorruptError,
    JournalError,
    JournalExistsError,
    JournalLockedError,
    _chained,
    _loads,
    check_header,
    encode_header,
    encode_records,
    header_hash,
    line_hash,
)
from facilitator.store.journal_reader import _in_event_order, _Reader, cut_off

__all__ = [
    "BATCH_KEY",
    "BOOT_KEY",
    "CHAIN_KEY",
    "CHAIN_NAME",
    "HASH_KEY",
    "JOURNAL_KIND",
    "JOURNAL_SCHEMA",
    "PREV_KEY",
    "JournalContents",
    "JournalCorruptError",
    "JournalError",
    "JournalExistsError",
    "JournalLockedError",
    "_chained",
    "check_header",
    "encode_header",
    "encode_records",
    "header_hash",
    "line_hash",
    "parse_journal",
]


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
        reader.warnings.append(cut_off(len(lines) + 1))
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
