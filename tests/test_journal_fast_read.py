"""The first reading's inline checks (`journal_format._read_chained`) say exactly what the
line-by-line reader says, for every kind of damage and edit, and hash each line once.

The inline path takes only the usual line (it follows the line before, its tail is the two
hashes, its hash is new and holds); everything else goes through `_Reader.check`. Each case
below is read both ways and the two readings (records, warnings, sizes, chain) must be equal,
or both must refuse the journal with the same message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from facilitator.store import journal_format, journal_lines
from facilitator.store.journal import read_journal
from facilitator.store.journal_format import JournalContents, JournalCorruptError
from facilitator.store.journal_proof import proof_path
from tests.test_journal_integrity import _lines, _meeting_journal, _rechain

Damage = Callable[[list[bytes]], object]


def _by_line(reader: Any, lines: list[bytes], offset: int, last: int) -> None:
    for index in range(1, len(lines)):
        offset += len(lines[index]) + 1
        reader.line(lines[index], index + 1, offset, is_last=index == last)


def _note_line(lines: list[bytes], nth: int = 0) -> int:
    return [i for i, raw in enumerate(lines) if b"NoteAdded" in raw][nth]


def _both(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[JournalContents | str, JournalContents | str]:
    def read() -> JournalContents | str:
        proof_path(path).unlink(missing_ok=True)  # a first reading, every time
        try:
            return read_journal(path)
        except JournalCorruptError as e:
            return str(e)

    at_once = read()
    with monkeypatch.context() as m:
        m.setattr(journal_format, "_read_chained", _by_line)
        one_by_one = read()
    return at_once, one_by_one


def _flip(raw: bytes) -> bytes:
    """`raw` with one bit flipped inside its note's text, so it still parses."""
    i = raw.index(b'"text":"') + 9
    return raw[:i] + bytes([raw[i] ^ 0x01]) + raw[i + 1 :]


def _swap(lines: list[bytes]) -> None:
    a = _note_line(lines)
    lines[a], lines[a + 1] = lines[a + 1], lines[a]


def _wrong_prev(lines: list[bytes]) -> None:
    # A line whose own hash holds but that chains on a hash that is not the line before's.
    i = _note_line(lines)
    body = lines[i][: -(len(b',"_p":"","_h":""}') + 32)] + b"}"
    prev = "0123456789abcdef"
    lines[i] = journal_format._chained(body, prev, journal_format.line_hash(prev, body))


def _non_hex_prev(lines: list[bytes]) -> None:
    i = _note_line(lines)
    body = lines[i][: -(len(b',"_p":"","_h":""}') + 32)] + b"}"
    prev = "zzzzzzzzzzzzzzzz"
    lines[i] = journal_format._chained(body, prev, journal_format.line_hash(prev, body))


def _cut_group(lines: list[bytes]) -> None:
    # The file ends after the first line of its last group of lines (a kill mid-append).
    first = max(i for i, raw in enumerate(lines) if b'"_batch"' in raw)
    del lines[first + 1 : -1]


def _not_json(lines: list[bytes]) -> None:
    _rechain(lines, _note_line(lines), b'{"type":"NoteAdded",oops}')


CASES: dict[str, Damage] = {
    "clean": lambda lines: None,
    "bit flip": lambda lines: lines.__setitem__(_note_line(lines), _flip(lines[_note_line(lines)])),
    "bit flip in the hash": lambda lines: lines.__setitem__(
        _note_line(lines), lines[_note_line(lines)][:-5] + b"0" + lines[_note_line(lines)][-4:]
    ),
    "a copy": lambda lines: lines.insert(_note_line(lines) + 2, lines[_note_line(lines)]),
    "a deleted line": lambda lines: lines.pop(_note_line(lines, 1)),
    "two lines swapped": _swap,
    "chained on a stranger": _wrong_prev,
    "a non-hex previous hash": _non_hex_prev,
    "hashes cut short": lambda lines: lines.__setitem__(2, lines[2][:-3] + b'"}'),
    "the last line cut off": lambda lines: lines.__setitem__(-1, lines[-2][:40]),
    "a group cut mid-way": _cut_group,
    "a line that is not JSON": _not_json,
    "a blank line": lambda lines: lines.insert(5, b""),
    "a non-ASCII hash": lambda lines: lines.__setitem__(
        3, lines[3][:-10] + "é".encode() + lines[3][-8:]
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_inline_check_reads_as_the_line_by_line_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    path, _ = _meeting_journal(tmp_path, 60)
    lines = _lines(path)
    CASES[case](lines)
    path.write_bytes(b"\n".join(lines))
    at_once, one_by_one = _both(path, monkeypatch)
    assert at_once == one_by_one
    if case == "clean":
        assert isinstance(at_once, JournalContents) and at_once.warnings == []
    else:  # every damage is seen: a warning or a refusal, never a silent keep
        assert isinstance(at_once, str) or at_once.warnings, case


def test_each_line_is_hashed_once_even_when_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = _meeting_journal(tmp_path, 60)
    lines = _lines(path)
    CASES["bit flip"](lines)
    assert _note_line(lines) > 5
    lines.insert(8, lines[5])  # a copy of a clean line
    path.write_bytes(b"\n".join(lines))
    hashed: list[int] = []
    original = journal_format.line_hash

    def counted(prev: str, body: bytes) -> str:
        hashed.append(1)
        return original(prev, body)

    monkeypatch.setattr(journal_format, "line_hash", counted)  # the usual line
    monkeypatch.setattr(journal_lines, "line_hash", counted)  # any other, in `check`
    proof_path(path).unlink(missing_ok=True)
    contents = read_journal(path)
    record_lines = len(lines) - 2  # the header and the empty string after the last newline
    assert len(contents.warnings) == 2
    assert len(hashed) == record_lines, "every line once: the damaged one and the copy too"
