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
