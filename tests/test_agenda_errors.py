"""The golden corpus of hand-written agenda mistakes, and the loader's file-level errors.

Each file in tests/agenda_errors/ starts with `# expect: LINE: fragment` comments:
the loader must report exactly that many errors, each at that line with the
fragment (which names the key) in its message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from facilitator.core.agenda import Agenda
from facilitator.store.agenda_file import (
    AgendaFileError,
    LocatedError,
    load_agenda,
    load_agenda_bytes,
    load_agenda_text,
)

CORPUS = Path(__file__).parent / "agenda_errors"
CASES = sorted(CORPUS.glob("*.toml"))
_EXPECT = re.compile(r"^# expect: (\d+): (.+)$", re.MULTILINE)


def _expectations(text: str) -> list[tuple[int, str]]:
    return [(int(line), fragment) for line, fragment in _EXPECT.findall(text)]


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 30
    assert all(_expectations(p.read_text(encoding="utf-8")) for p in CASES)


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_golden_mistake(case: Path) -> None:
    expected = _expectations(case.read_text(encoding="utf-8"))
    with pytest.raises(AgendaFileError) as info:
        load_agenda(case)
    errors = info.value.errors
    got = [(e.line, e.message) for e in errors]
    assert len(errors) == len(expected), got
    for line, fragment in expected:
        assert any(e.line == line and fragment in e.message for e in errors), (line, fragment, got)
    # The rendered form editors jump to: FILE:LINE: message, one per line.
    assert str(info.value).splitlines() == [f"{case}:{e.line}: {e.message}" for e in errors]


def test_errors_are_in_line_order() -> None:
    with pytest.raises(AgendaFileError) as info:
        load_agenda(CORPUS / "all-at-once.toml")
    lines = [e.line for e in info.value.errors]
    assert lines == sorted(lines)


def test_samples_load() -> None:
    for path in sorted((Path(__file__).parent.parent / "agendas").glob("*.toml")):
        agenda = load_agenda(path)
        assert isinstance(agenda, Agenda)
        assert agenda.items


def test_missing_file_and_folder(tmp_path: Path) -> None:
    for path, words in ((tmp_path / "nope.toml", "no such file"), (tmp_path, "is a folder")):
        with pytest.raises(AgendaFileError) as info:
            load_agenda(path)
        [err] = info.value.errors
        assert err.line == 0 and words in err.message
        assert str(info.value) == f"{path}: {err.message}"


def test_unreadable_file(tmp_path: Path) -> None:
    import os

    path = tmp_path / "locked.toml"
    path.write_text('[meeting]\ntitle = "x"\n', encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        with pytest.raises(AgendaFileError, match="permission denied"):
            load_agenda(path)
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"", 1, "the file is empty"),
        (b"  \n\n# only a comment\n", 1, "nothing in it but comments"),
        (b'[meeting]\ntitle = "x"\n\x00\x01\x02', 3, "binary"),
        (b'[meeting]\ntitle = "Caf\xe9"\n', 2, "not UTF-8 text (byte 0xe9 at column 13)"),
        ("[meeting]".encode("utf-16"), 1, "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 3, "binary"),
    ],
)
def test_bad_bytes(data: bytes, line: int, words: str) -> None:
    with pytest.raises(AgendaFileError) as info:
        load_agenda_bytes(data, "a.toml")
    [err] = info.value.errors
    assert (err.line, words in err.message) == (line, True), err


def test_byte_order_mark_is_accepted() -> None:
    text = '[meeting]\ntitle = "x"\n[[items]]\ntitle = "a"\nduration = 5\n'
    agenda = load_agenda_bytes(b"\xef\xbb\xbf" + text.encode(), "bom.toml")
    assert agenda.meeting.title == "x"


def test_crlf_lines_count_like_lf() -> None:
    text = '[meeting]\r\ntitle = "x"\r\n[[items]]\r\ntitle = "a"\r\nduration = "soon"\r\n'
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(text, "crlf.toml")
    assert [e.line for e in info.value.errors] == [5]


def test_unclosed_multiline_string_points_at_its_opening() -> None:
    text = '[meeting]\ntitle = "x"\nproposal = """\nnever closed\n\n\n'
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(text, "a.toml")
    assert [(e.line, "`proposal`" in e.message) for e in info.value.errors] == [(3, True)]


def test_syntax_error_at_end_points_at_last_written_line() -> None:
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text("[meeting]\ntitle =\n\n\n", "a.toml")
    assert [(e.line, "`title`" in e.message) for e in info.value.errors] == [(2, True)]


def test_located_error_format() -> None:
    assert str(LocatedError("a.toml", 3, "bad")) == "a.toml:3: bad"
    assert str(LocatedError("a.toml", 0, "no such file")) == "a.toml: no such file"


def test_documented_examples_load() -> None:
    root = Path(__file__).parent.parent
    for doc in ("docs/agenda-format.md", "README.md"):
        blocks = re.findall(r"```toml\n(.*?)```", (root / doc).read_text(encoding="utf-8"), re.S)
        assert blocks, doc
        for block in blocks:
            assert load_agenda_text(block, doc).items


def test_documented_error_examples_are_real() -> None:
    """Each error message shown in the docs is one the loader really writes (up to names)."""
    text = (Path(__file__).parent.parent / "docs/agenda-format.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(.*?)```", text, re.S)
    assert shown
    messages = [line.split(": ", 1)[1] for line in shown.group(1).splitlines()]
    produced = set()
    for case in CASES:
        try:
            load_agenda(case)
        except AgendaFileError as exc:
            produced |= {e.message for e in exc.errors}
    produced |= {e for e in _messages_of_bad_toml()}
    missing = [m for m in messages if m not in produced]
    assert not missing, missing


def _messages_of_bad_toml() -> list[str]:
    text = (
        '[meeting]\nfacilitator = "Ana Lma"\n[stack]\norder = "lifo"\n'
        '[[participants]]\nname = "Ana Lima"\n[[participants]]\nname = "ana lima"\n'
        '[[items]]\ntitle = "Budget"\nkind = "proposal"\nduration = "ten"\n'
    )
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(text, "agenda.toml")
    return [e.message for e in info.value.errors]
