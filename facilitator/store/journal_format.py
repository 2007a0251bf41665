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

Reading is forgiving at the tail and strict elsewhere. A power cut or a kill
mid-write can only damage the end of the file, so a cut-off last line, or an
incomplete group at the end, is dropped and reported in `warnings` (it was
never acknowledged). A bad line anywhere else means the file was damaged some
other way: `JournalCorruptError` names the line instead of guessing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.core.errors import StorageError

JOURNAL_KIND = "facilitator-journal"
"""The header's "kind": tells a journal from any other JSON Lines file."""
JOURNAL_SCHEMA = 1
"""The journal format version this code writes and reads."""
BATCH_KEY = "_batch"
"""Journal-owned key on the first line of a multi-record append: how many lines it spans."""


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
    """Bytes from the start of the file up to the end of the last kept line."""


def encode_records(records: Sequence[Mapping[str, Any]]) -> bytes:
    """The bytes that one `append` writes: one compact JSON line per record."""
    lines: list[str] = []
    for i, record in enumerate(records):
        if BATCH_KEY in record:
            raise ValueError(f"records must not use the journal's own key {BATCH_KEY!r}")
        data: Mapping[str, Any] = record
        if i == 0 and len(records) > 1:
            data = {**record, BATCH_KEY: len(records)}
        lines.append(_dumps(data))
    return "".join(lines).encode("utf-8")


def encode_header(header: Mapping[str, Any]) -> bytes:
    """The header line, after checking it is one this module can read back."""
    check_header(dict(header), Path("<new journal>"))
    return _dumps(header).encode("utf-8")


def _dumps(data: Mapping[str, Any]) -> str:
    # allow_nan=False: NaN is not JSON, and a reader elsewhere would choke on it.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def check_header(header: object, path: Path) -> dict[str, Any]:
    """Validate a parsed header line; raise `JournalCorruptError` saying what is wrong."""
    where = f"{path}, line 1"
    if not isinstance(header, dict) or header.get("kind") != JOURNAL_KIND:
        raise JournalCorruptError(f"{where}: this is not a facilitator journal (no journal header)")
    schema = header.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise JournalCorruptError(f"{where}: the header has no format version (schema)")
    if schema > JOURNAL_SCHEMA:
        raise JournalCorruptError(
            f"{where}: this journal was written by a newer facilitator (schema {schema}); "
            "update facilitator to open it"
        )
    if schema < 1:
        raise JournalCorruptError(f"{where}: unknown journal format version {schema}")
    if not isinstance(header.get("agenda"), dict):
        raise JournalCorruptError(f"{where}: the header does not hold the meeting's agenda")
    return header


def parse_journal(data: bytes, path: Path) -> JournalContents:
    """Parse a whole journal file's bytes (see the module docstring for the rules)."""
    if not data:
        raise JournalCorruptError(f"{path}: the journal is empty (it has no header line)")
    lines = data.split(b"\n")
    # After the last newline comes either nothing (a clean file) or a cut-off line.
    tail = lines.pop()
    if not lines:
        raise JournalCorruptError(
            f"{path}, line 1: the journal header was cut off while it was being created"
        )
    header = check_header(_loads(lines[0]), path)
    offset = len(lines[0]) + 1
    good_size = offset
    records: list[dict[str, Any]] = []
    warnings: list[str] = []
    batch_start = -1  # index in `records` of the open group's first record, -1 when none
    batch_left = 0
    batch_size_before = good_size
    last = len(lines) - 1
    for index in range(1, len(lines)):
        raw = lines[index]
        number = index + 1
        record = _loads(raw)
        if not (isinstance(record, dict) and isinstance(record.get("type"), str)):
            if index == last and not tail:
                warnings.append(_dropped(number, "was unreadable (cut off when saving stopped)"))
                break
            raise JournalCorruptError(
                f"{path}, line {number}: this line is damaged (not an event record); "
                "the journal cannot be read past it safely"
            )
        size = record.pop(BATCH_KEY, None)
        if size is not None:
            if batch_left:
                raise JournalCorruptError(
                    f"{path}, line {number}: a group of events starts before the group at "
                    f"line {number - (len(records) - batch_start)} is complete"
                )
            if not isinstance(size, int) or isinstance(size, bool) or size < 2:
                raise JournalCorruptError(f"{path}, line {number}: bad group size {size!r}")
            batch_start, batch_left, batch_size_before = len(records), size, good_size
        records.append(record)
        offset += len(raw) + 1
        if batch_left:
            batch_left -= 1
        if not batch_left:
            good_size = offset
    if tail:
        warnings.append(_dropped(len(lines) + 1, "was cut off when saving stopped"))
    if batch_left:
        # Ends mid-group: the command was never acknowledged, so drop all of it.
        dropped = len(records) - batch_start
        del records[batch_start:]
        good_size = batch_size_before
        warnings.append(
            f"the last action's {dropped} saved line(s) were dropped: saving stopped before "
            "all of its lines were written, so it was never confirmed"
        )
    return JournalContents(header=header, records=records, warnings=warnings, good_size=good_size)


def _dropped(number: int, what: str) -> str:
    return (
        f"line {number} {what}; it was dropped. It held an action that was never "
        "confirmed on screen, so nothing that was shown is lost"
    )


def _loads(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except ValueError:  # includes JSONDecodeError and UnicodeDecodeError
        return None
