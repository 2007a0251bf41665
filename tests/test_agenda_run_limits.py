"""What `check` accepts, `run` can run: quorum tables, far dates and huge durations (issue 10).

And the other side: a journal started from such an agenda by an older version
still resumes and exports, with a warning saying what was set aside.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from facilitator import cli
from facilitator.core.agenda import Quorum
from facilitator.core.clock import FakeClock
from facilitator.store.agenda_file import AgendaFileError, load_agenda_text
from facilitator.store.journal import Journal, journal_path, make_header
from facilitator.tui import live
from tests.journal_support import CREATED
from tests.meeting_script import reference_records, scripted_agenda

BASE = """\
[meeting]
title = "T"
{extra}
[[participants]]
name = "Ana"

[[items]]
title = "x"
duration = 5
"""


def _errors(extra: str) -> list[str]:
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(BASE.format(extra=extra), "a.toml")
    return [str(e) for e in info.value.errors]


@pytest.mark.parametrize(
    "quorum",
    [
        "{ numerator = 1, denominator = 0 }",
        "{ count = -5 }",
        "{}",
        '{ text = "x" }',
        "{ count = 1 }",
    ],
)
def test_a_quorum_table_is_a_located_error(quorum: str) -> None:
    assert _errors(f"quorum = {quorum}") == [
        'a.toml:3: `quorum` in [meeting]: quorum is a count (5), a percentage ("50%") or '
        'a fraction ("2/3"), not a table'
    ]


def test_a_quorum_can_never_be_built_to_divide_by_zero() -> None:
    with pytest.raises(ValidationError):
        Quorum(numerator=1, denominator=0)
    with pytest.raises(ValidationError):
        Quorum(count=-5)
    with pytest.raises(ValueError, match=r"0\.01%"):
        Quorum.parse("0.001%")
    assert Quorum.parse("2/3").required(7) == 5


@pytest.mark.parametrize(
    ("extra", "line", "words"),
    [
        ("date = 0001-01-01\nstart = 18:00:00", 3, "date 0001-01-01 is out of range"),
        ('date = 9999-12-31\nstart = 18:00:00\nduration = "90m"', 3, "date 9999-12-31"),
        ("duration = 99999999999", 3, "longer than a week"),
    ],
)
def test_dates_and_durations_run_cannot_handle_are_located_errors(
    extra: str, line: int, words: str
) -> None:
    errors = _errors(extra)
    assert len(errors) == 1 and errors[0].startswith(f"a.toml:{line}: ") and words in errors[0]


def test_far_but_sane_dates_still_load() -> None:
    agenda = load_agenda_text(BASE.format(extra="date = 2999-12-31\nstart = 23:59:00"), "a")
    assert agenda.meeting.date is not None and agenda.meeting.date.year == 2999


def _old_journal(tmp_path: Path, meeting: dict[str, Any]) -> Path:
    """A journal as an older version wrote it for an agenda this version refuses."""
    header = make_header(scripted_agenda(), "agendas/gc.toml", CREATED)
    header["agenda"]["meeting"].update(meeting)
    path = journal_path(tmp_path / "minutes", "2026-11-24-general-circle")
    groups = [list(g) for _, g in itertools.groupby(reference_records(), key=lambda r: r["cmd"])]
    with Journal.create(path, header) as journal:
        for group in groups[:25]:
            journal.append(group)
    return path


@pytest.mark.parametrize(
    "meeting",
    [{"quorum": -5}, {"quorum": ""}, {"quorum": "x"}, {"date": "0001-01-01", "start": "18:00:00"}],
)
def test_a_journal_started_from_a_now_refused_agenda_resumes_and_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], meeting: dict[str, Any]
) -> None:
    path = _old_journal(tmp_path, meeting)
    code = cli.main(["export", str(path)])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err and "the meeting goes on without it" in err
    resumed = live.resume_meeting(path, minutes_dir=tmp_path / "minutes", clock=FakeClock(9e3))
    try:
        assert resumed.state.last_cmd == 25
        assert any("goes on without it" in w for w in resumed.take_warnings())
        resumed.view(resumed.now())  # the run screen's maths, too
    finally:
        resumed.close()


# ---- hostile sizes and shapes (check was slow or crashed) -----------------------------


def _dotted(n: int, quoted: bool = False) -> str:
    return ".".join(f'"k{i}"' if quoted else f"k{i}" for i in range(n))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("x = {{ {key} = 1 }}\n" + BASE.format(extra=""), 1),
        (BASE.format(extra="x = {{ {key} = 1 }}"), 3),
        (BASE.format(extra="{key} = 1"), 3),
        (BASE.format(extra="") + "[{key}]\n", 10),
    ],
)
def test_a_thousand_part_dotted_key_is_a_located_error_before_toml_parsing(
    text: str, line: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomllib

    def no_parse(_: str) -> object:
        raise AssertionError("tomllib's time grows with the square of a key's length")

    monkeypatch.setattr(tomllib, "loads", no_parse)
    for quoted in (False, True):
        body = text.replace("{key}", _dotted(1000, quoted)).replace("{{", "{").replace("}}", "}")
        with pytest.raises(AgendaFileError) as info:
            load_agenda_text(body, "a.toml")
        [error] = info.value.errors
        assert error.line == line and "a dotted key of 1000 parts" in error.message


def test_dots_inside_strings_and_comments_are_not_keys() -> None:
    dots = ".".join(["1"] * 40)
    text = BASE.format(extra=f'location = "{dots}"  # {dots}\nfacilitator = "Ana"')
    assert load_agenda_text(text, "a").meeting.location == dots


@pytest.mark.parametrize("field", ["decision_rule", "title"])
def test_deeply_nested_values_are_a_located_error_not_a_recursion_error(field: str) -> None:
    nested = "{a=" * 500 + "1" + "}" * 500
    text = BASE.format(extra=f"{field} = {nested}" if field != "title" else "").replace(
        'title = "T"', f"title = {nested}" if field == "title" else 'title = "T"'
    )
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(text, "a.toml")
    [error] = info.value.errors
    assert error.line in (2, 3) and "nested too deeply" in error.message


def test_a_file_over_the_size_limit_is_refused_with_a_plain_message(tmp_path: Path) -> None:
    from facilitator.store.agenda_file import MAX_BYTES, load_agenda

    big = tmp_path / "big.toml"
    big.write_text(BASE.format(extra="") + "# " + "x" * 2_000_000 + "\n")
    with pytest.raises(AgendaFileError) as info:
        load_agenda(big)
    assert str(info.value) == (
        f"{big}: is larger than the {MAX_BYTES // 1000} KB an agenda may be; is it the right "
        "file? (an agenda is a small text file)"
    )
