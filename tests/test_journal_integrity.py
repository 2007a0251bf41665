"""The journal's checksum chain: damaged, copied, deleted and moved lines are found and named.

Real journals on disk (real fsyncs), made by replaying a whole scripted meeting
through `Journal.append` one command at a time, as the run screen does. Each
test damages the file the way a disk, a sync tool or a hand edit would, then
checks what `read_journal`, `Journal.open` (resume), `resume_meeting` and
`facilitator export` make of it.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from facilitator import cli
from facilitator.core.clock import FakeClock
from facilitator.store.journal import Journal, journal_path, make_header, read_journal
from facilitator.store.journal_format import JournalCorruptError
from facilitator.tui import live
from tests.journal_support import CREATED, note
from tests.meeting_script import reference_records, scripted_agenda

STEM = "2026-11-24-general-circle"


def _meeting_journal(tmp_path: Path, commands: int = 40) -> tuple[Path, list[dict[str, Any]]]:
    """A journal of the scripted meeting's first `commands` commands; (path, records)."""
    records = reference_records()
    groups = [list(g) for _, g in itertools.groupby(records, key=lambda r: r["cmd"])][:commands]
    path = journal_path(tmp_path / "minutes", STEM)
    with Journal.create(path, make_header(scripted_agenda(), None, CREATED)) as journal:
        for group in groups:
            journal.append(group)
    return path, [r for g in groups for r in g]


def _single_line_journal(tmp_path: Path, n: int = 5) -> Path:
    path = journal_path(tmp_path / "minutes", STEM)
    with Journal.create(path, make_header(scripted_agenda(), None, CREATED)) as journal:
        for i in range(1, n + 1):
            journal.append([note(i, f"note {i}")])
    return path


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")


def _flip(raw: bytes, at: int) -> bytes:
    """`raw` with one bit flipped inside a JSON string value, so it still parses."""
    i = raw.index(b"note ") + at
    return raw[:i] + bytes([raw[i] ^ 0x01]) + raw[i + 1 :]


def _export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["export", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_every_line_is_chained_and_a_clean_journal_reads_without_warnings(
    tmp_path: Path,
) -> None:
    path, records = _meeting_journal(tmp_path)
    lines = _lines(path)
    header = json.loads(lines[0])
    assert header["chain"] == "blake2b-64" and header["schema"] == 1
    assert all(b'"_p":"' in raw and b'"_h":"' in raw for raw in lines[1:-1])
    contents = read_journal(path)
    assert contents.records == records and contents.warnings == []


def test_a_bit_flip_in_the_last_line_is_named_kept_on_disk_and_not_called_unconfirmed(
    tmp_path: Path,
) -> None:
    path = _single_line_journal(tmp_path, 3)
    lines = _lines(path)
    lines[3] = _flip(lines[3], 2)
    path.write_bytes(b"\n".join(lines))
    damaged = path.read_bytes()
    contents = read_journal(path)
    assert [r["text"] for r in contents.records] == ["note 1", "note 2"]
    assert len(contents.warnings) == 1
    warning = contents.warnings[0]
    assert warning.startswith("line 4 is damaged") and "may have been shown" in warning
    assert "never confirmed" not in warning
    with Journal.open(path) as journal:
        assert len(journal.records) == 2
        assert path.read_bytes() == damaged, "a whole damaged line is evidence: never cut off"
        journal.append([note(4, "note 4")])
    again = read_journal(path)
    assert [r["text"] for r in again.records] == ["note 1", "note 2", "note 4"]
    assert len(again.warnings) == 1 and again.warnings[0].startswith("line 4 is damaged")


def test_a_bit_flip_in_the_middle_names_exactly_that_line_and_keeps_the_rest(
    tmp_path: Path,
) -> None:
    path = _single_line_journal(tmp_path, 5)
    lines = _lines(path)
    lines[3] = _flip(lines[3], 3)  # line 4 holds note 3
    path.write_bytes(b"\n".join(lines))
    contents = read_journal(path)
    assert [r["text"] for r in contents.records] == ["note 1", "note 2", "note 4", "note 5"]
    assert [w.split(":")[0] for w in contents.warnings] == ["line 4 is damaged"]


def test_a_duplicated_line_is_named_and_left_out(tmp_path: Path) -> None:
    path = _single_line_journal(tmp_path, 4)
    lines = _lines(path)
    lines.insert(4, lines[2])  # line 3 (note 2) copied after line 4
    path.write_bytes(b"\n".join(lines))
    contents = read_journal(path)
    assert [r["text"] for r in contents.records] == [f"note {i}" for i in range(1, 5)]
    assert contents.warnings == ["line 5 is a copy of line 3; the copy was left out"]


def test_a_deleted_line_is_reported_at_the_line_after_the_gap(tmp_path: Path) -> None:
    path = _single_line_journal(tmp_path, 4)
    lines = _lines(path)
    del lines[2]  # note 2 gone; note 3 is now line 3
    path.write_bytes(b"\n".join(lines))
    contents = read_journal(path)
    assert [r["text"] for r in contents.records] == ["note 1", "note 3", "note 4"]
    assert len(contents.warnings) == 1
    assert contents.warnings[0].startswith("line 3 does not follow the line before it")


def test_reordered_lines_resume_and_export_in_event_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, records = _meeting_journal(tmp_path, 30)
    lines = _lines(path)
    lines[10], lines[20] = lines[20], lines[10]
    path.write_bytes(b"\n".join(lines))
    contents = read_journal(path)
    assert contents.records == records, "read back in the order the events happened"
    assert any("out of order" in w for w in contents.warnings)
    # Before the chain and the event-order read, resume died here with an AssertionError.
    meeting = live.resume_meeting(path, minutes_dir=tmp_path / "minutes", clock=FakeClock(9e3))
    try:
        assert meeting.state.last_cmd == records[-1]["cmd"]
        assert any("out of order" in w for w in meeting.take_warnings())
    finally:
        meeting.close()
    code, out, err = _export(capsys, str(path), "--stdout")
    assert code == 0 and "out of order" in err and out.startswith("+++")


def test_reordered_lines_in_an_old_journal_without_a_chain_also_resume(tmp_path: Path) -> None:
    path, records = _meeting_journal(tmp_path, 30)
    lines = _lines(path)
    header = {k: v for k, v in json.loads(lines[0]).items() if k != "chain"}
    body = [
        json.dumps({k: v for k, v in json.loads(raw).items() if k not in ("_p", "_h")}).encode()
        for raw in lines[1:-1]
    ]
    body[9], body[19] = body[19], body[9]
    path.write_bytes(b"\n".join([json.dumps(header).encode(), *body, b""]))
    assert read_journal(path).records == records
    meeting = live.resume_meeting(path, minutes_dir=tmp_path / "minutes", clock=FakeClock(9e3))
    meeting.close()


def test_an_edited_line_that_contradicts_another_is_refused_with_its_number(
    tmp_path: Path,
) -> None:
    path = _single_line_journal(tmp_path, 3)
    lines = _lines(path)
    header = {k: v for k, v in json.loads(lines[0]).items() if k != "chain"}
    body = [
        json.dumps({k: v for k, v in json.loads(raw).items() if k not in ("_p", "_h")})
        for raw in lines[1:-1]
    ]
    body.append(body[1].replace("note 2", "note two"))  # event 2 again, different text
    path.write_bytes("\n".join([json.dumps(header), *body, ""]).encode())
    from facilitator.store.journal import JournalCorruptError

    with pytest.raises(JournalCorruptError, match=r"line 5: event number 2 was already"):
        read_journal(path)


def test_a_damaged_line_in_a_resumed_meeting_is_a_warning_not_a_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _single_line_journal(tmp_path, 4)
    lines = _lines(path)
    lines[2] = lines[2].replace(b"note 2", b"note X")
    path.write_bytes(b"\n".join(lines))
    code, out, err = _export(capsys, str(path), "--stdout")
    assert code == 0 and "line 3 is damaged" in err
    assert "note X" not in out and "note 3" in out


@pytest.mark.parametrize(
    "damage",
    [
        lambda line: line[:-3] + b"x" + line[-2:],  # a non-hex digit in the own hash
        lambda line: line[:-2] + b'"}}',  # one byte more after the hashes
        lambda line: line[:-2],  # the closing quote and brace gone
        lambda line: line.replace(b'","_h":"', b'",  "_h":"'),  # spaced out by an editor
        lambda line: b'{"_p":"' + line[-41:],  # shorter than the hashes alone
    ],
)
def test_a_line_whose_hash_suffix_is_malformed_is_named_damaged(
    tmp_path: Path, damage: Any
) -> None:
    # The chain check slices the line's fixed-size tail: anything that is not exactly the
    # two 16-digit hashes at the very end is damage, never a crash or a silent keep.
    from facilitator.store.journal_format import parse_journal

    path = _single_line_journal(tmp_path)
    lines = _lines(path)
    lines[2] = damage(lines[2])
    contents = parse_journal(b"\n".join(lines), path)
    assert contents.warnings == [
        "line 3 is damaged: its checksum does not match, so it was left out and "
        "every other line was kept."
    ]
    assert [r["text"] for r in contents.records] == ["note 1", "note 3", "note 4", "note 5"]


def _rechain(lines: list[bytes], index: int, body: bytes) -> None:
    """Put `body` at `lines[index]` with a hash that holds, chained on the line before it."""
    from facilitator.store.journal_format import _chained, header_hash, line_hash

    before = lines[index - 1]
    prev = header_hash(before) if index == 1 else before[-18:-2].decode("ascii")
    lines[index] = _chained(body, prev, line_hash(prev, body))


def test_a_line_that_passes_its_hash_but_is_not_json_is_named(tmp_path: Path) -> None:
    """Reading parses all lines at once; one that breaks that parse is still named alone."""
    path = _single_line_journal(tmp_path, 4)
    lines = _lines(path)
    _rechain(lines, 3, b'{"type":"NoteAdded",oops}')  # line 4
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(JournalCorruptError, match=r"line 4: this line is not an event record"):
        read_journal(path)


def test_reading_at_once_equals_reading_line_by_line(tmp_path: Path) -> None:
    """The one-parse reading gives the records, groups and warnings of the line-by-line one."""
    from facilitator.store import journal_format

    path, _ = _meeting_journal(tmp_path, 60)
    lines = _lines(path)
    lines[7] = _flip(lines[7], 1) if b"note " in lines[7] else lines[7][:-30] + lines[7][-29:]
    lines.insert(12, lines[10])  # a copy
    path.write_bytes(b"\n".join(lines))
    at_once = read_journal(path)

    def by_line(reader: Any, lines: list[bytes], offset: int, last: int) -> None:
        for index in range(1, len(lines)):
            offset += len(lines[index]) + 1
            reader.line(lines[index], index + 1, offset, is_last=index == last)

    original = journal_format._read_chained
    journal_format._read_chained = by_line
    try:
        one_by_one = read_journal(path)
    finally:
        journal_format._read_chained = original
    assert at_once == one_by_one
    assert len(at_once.warnings) == 2
