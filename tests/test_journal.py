"""The journal file: create, open, append, the header, permissions, torn tails, corruption."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from facilitator.core.agenda import Agenda
from facilitator.store.journal import (
    Journal,
    JournalCorruptError,
    JournalError,
    JournalExistsError,
    is_finished,
    journal_path,
    make_header,
    read_journal,
)
from facilitator.store.private_dir import ensure_private_dir
from tests.journal_support import CREATED, new_journal, note, sample_agenda


def test_create_writes_header_with_the_agenda_and_round_trips(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        assert j.records == [] and j.warnings == []
        path = j.path
    assert path == tmp_path / "minutes" / ".private" / "2026-11-24-general-circle.journal.jsonl"
    lines = path.read_bytes().split(b"\n")
    assert lines[1:] == [b""], "one header line, newline-terminated"
    header = json.loads(lines[0])
    assert header["kind"] == "facilitator-journal" and header["schema"] == 1
    assert header["agenda_path"] == "agendas/gc.toml"
    assert header["created"] == "2026-11-24T23:00:00Z"
    with Journal.open(path) as j:
        assert Agenda.model_validate(j.header["agenda"]) == sample_agenda()


def test_file_is_0600_and_private_folder_is_0700_and_git_ignored(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        with new_journal(tmp_path) as j:
            path = j.path
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    private = path.parent
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert (private / ".gitignore").read_text() == "*\n"
    leftovers = [p.name for p in private.iterdir()]
    assert sorted(leftovers) == [".gitignore", path.name], "no temp or lock files left behind"


def test_ensure_private_dir_repairs_a_loose_folder_and_a_missing_ignore(tmp_path: Path) -> None:
    private = tmp_path / ".private"
    private.mkdir(mode=0o755)
    private.chmod(0o755)
    (private / ".gitignore").write_text("*.tmp\n")
    assert ensure_private_dir(tmp_path) == private
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert (private / ".gitignore").read_text() == "*\n"


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        j.append([note(1)])
        path = j.path
    before = path.read_bytes()
    with pytest.raises(JournalExistsError, match="already exists"):
        new_journal(tmp_path)
    assert path.read_bytes() == before


def test_create_rejects_a_bad_header_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "x.journal.jsonl"
    with pytest.raises(JournalCorruptError, match="agenda"):
        Journal.create(path, {"kind": "facilitator-journal", "schema": 1})
    assert not path.exists()


def test_append_then_open_reads_records_back_in_order(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        j.append([note(1, "plain")])
        j.append([note(2, 'quotes " and \n newline and ünïcode [bold]x[/]'), note(3)])
        j.append([])
        path = j.path
    with Journal.open(path) as j:
        assert j.records == [
            note(1, "plain"),
            note(2, 'quotes " and \n newline and ünïcode [bold]x[/]'),
            note(3),
        ]
        assert j.warnings == []
    assert len(path.read_bytes().splitlines()) == 4, "one line per record after the header"


def test_a_record_cannot_use_the_journal_key(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        with pytest.raises(ValueError, match="_batch"):
            j.append([{**note(1), "_batch": 2}])
        assert read_journal(j.path).records == []


def test_torn_last_line_is_dropped_reported_and_cut_off(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        j.append([note(1)])
        j.append([note(2)])
        path = j.path
    good = path.read_bytes()
    with path.open("ab") as f:
        f.write(b'{"type":"NoteAdded","seq":3,"te')
    contents = read_journal(path)
    assert contents.records == [note(1), note(2)]
    assert len(contents.warnings) == 1 and "line 4" in contents.warnings[0]
    with Journal.open(path) as j:
        assert j.records == [note(1), note(2)] and len(j.warnings) == 1
        assert path.read_bytes() == good, "the writer cuts the torn bytes so appends stay clean"
        j.append([note(3)])
    assert read_journal(path).records == [note(1), note(2), note(3)]
    assert read_journal(path).warnings == []


def test_unreadable_but_complete_last_line_is_dropped(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        j.append([note(1)])
        path = j.path
    with path.open("ab") as f:
        f.write(b"\x00\x00\x00\x00\n")  # what some filesystems leave after a power cut
    contents = read_journal(path)
    assert contents.records == [note(1)] and "line 3" in contents.warnings[0]


@pytest.mark.parametrize("cut", ["mid-third", "after-second", "mid-first"])
def test_a_half_written_group_is_dropped_whole(tmp_path: Path, cut: str) -> None:
    with new_journal(tmp_path) as j:
        j.append([note(1)])
        before = j.path.stat().st_size
        j.append([note(2, cmd=2), note(3, cmd=2), note(4, cmd=2)])
        path = j.path
    data = path.read_bytes()
    lines = data[before:].split(b"\n")
    keep = {
        "mid-third": len(lines[0]) + len(lines[1]) + 2 + 5,
        "after-second": len(lines[0]) + len(lines[1]) + 2,
        "mid-first": 7,
    }[cut]
    path.write_bytes(data[: before + keep])
    contents = read_journal(path)
    assert contents.records == [note(1)]
    assert contents.warnings
    assert contents.good_size == before


def _unchained(path: Path) -> None:
    """Rewrite a journal as one written before the checksum chain (no `chain`, no hashes)."""
    lines = path.read_bytes().split(b"\n")
    header = json.loads(lines[0])
    del header["chain"]
    out = [json.dumps(header).encode()]
    for raw in lines[1:-1]:
        record = json.loads(raw)
        record.pop("_p"), record.pop("_h")
        out.append(json.dumps(record).encode())
    path.write_bytes(b"\n".join([*out, b""]))


def test_corrupt_middle_line_of_an_old_journal_names_the_line(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        j.append([note(1)])
        j.append([note(2)])
        j.append([note(3)])
        path = j.path
    _unchained(path)
    assert read_journal(path).records == [note(1), note(2), note(3)], "old journals still open"
    lines = path.read_bytes().split(b"\n")
    lines[2] = b'{"type": "NoteAdded", oops'
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(JournalCorruptError, match=r"line 3\b"):
        read_journal(path)
    with pytest.raises(JournalCorruptError, match=r"line 3\b"):
        Journal.open(path)
    # The failed open released its lock: a fixed file opens.
    lines[2] = json.dumps(note(2)).encode()
    path.write_bytes(b"\n".join(lines))
    Journal.open(path).close()


def test_corrupt_middle_line_of_a_chained_journal_is_named_and_the_rest_kept(
    tmp_path: Path,
) -> None:
    with new_journal(tmp_path) as j:
        j.append([note(1)])
        j.append([note(2)])
        j.append([note(3)])
        path = j.path
    lines = path.read_bytes().split(b"\n")
    lines[2] = b'{"type": "NoteAdded", oops'
    path.write_bytes(b"\n".join(lines))
    contents = read_journal(path)
    assert contents.records == [note(1), note(3)]
    assert len(contents.warnings) == 1 and contents.warnings[0].startswith("line 3 is damaged")


def test_a_record_without_a_type_in_the_middle_of_an_old_journal_is_corrupt(
    tmp_path: Path,
) -> None:
    with new_journal(tmp_path) as j:
        path = j.path
    _unchained(path)
    with path.open("ab") as f:
        f.write(b"[1, 2]\n" + json.dumps(note(2)).encode() + b"\n")
    with pytest.raises(JournalCorruptError, match=r"line 2\b.*damaged"):
        read_journal(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b'{"kind": "facilitator-jour', "cut off"),
        (b'{"hello": 1}\n', "not a facilitator journal"),
        (b"# minutes\n", "not a facilitator journal"),
        (b'{"kind": "facilitator-journal", "schema": 9, "agenda": {}}\n', "newer facilitator"),
        (b'{"kind": "facilitator-journal", "agenda": {}}\n', "format version"),
        (b'{"kind": "facilitator-journal", "schema": 1}\n', "agenda"),
    ],
)
def test_header_problems_are_explained(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "m.journal.jsonl"
    path.write_bytes(content)
    with pytest.raises(JournalCorruptError, match=message) as info:
        Journal.open(path)
    assert str(path) in str(info.value)


def test_missing_journal_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="no meeting journal"):
        Journal.open(tmp_path / "nope.journal.jsonl")
    with pytest.raises(JournalError, match="no meeting journal"):
        read_journal(tmp_path / "nope.journal.jsonl")


def test_read_journal_works_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    with new_journal(tmp_path) as j:
        j.append([note(1)])
        assert read_journal(j.path).records == [note(1)]
        j.append([note(2)])
        assert read_journal(j.path).records == [note(1), note(2)]


def test_is_finished_honours_undo_of_the_end() -> None:
    start = {"type": "MeetingStarted", "cmd": 1}
    end = {"type": "MeetingEnded", "cmd": 9}
    assert not is_finished([start])
    assert is_finished([start, end])
    assert not is_finished([start, end, {"type": "Undone", "cmd": 10, "target_cmd": 9}])


def test_journal_path_and_header_helpers(tmp_path: Path) -> None:
    assert journal_path(tmp_path, "x") == tmp_path / ".private" / "x.journal.jsonl"
    header = make_header(sample_agenda(), None, CREATED)
    assert header["agenda_path"] is None and header["created"].endswith("Z")


def test_closing_twice_is_harmless_and_append_after_close_is_refused(tmp_path: Path) -> None:
    j = new_journal(tmp_path)
    j.close()
    j.close()
    assert j.closed
    with pytest.raises(ValueError, match="closed"):
        j.append([note(1)])


def test_creating_a_journal_fsyncs_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import facilitator.store.journal as journal_module

    synced: list[Path] = []
    monkeypatch.setattr(journal_module, "fsync_dir", synced.append)
    with new_journal(tmp_path) as j:
        assert synced == [j.path.parent], "the new name is on disk before anything is appended"
