"""The process plug-in points: a process declares its agenda keys, minutes, index rows and
starter item in its own package, and the generic code loops over the registry.

Checked with a small process made up here ("tally", items of kind "tally" with a
`question` and `seats`), put into the registry for each test, so these tests hold
whatever real processes exist: a located error for each of its keys, its front-matter
table and body section, a confidential item leaving no trace, its rows in the archive
index and in `decisions`, and its starter item in `facilitator new`.
"""

from __future__ import annotations

import json
import sqlite3
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from pydantic import BaseModel, ConfigDict, Field

import facilitator.processes as registry
from facilitator.cli import main
from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.state import ItemState, MeetingState
from facilitator.processes.unit import KeyPath, MinutesSection, Process, ProcessMinutes, Row
from facilitator.store.agenda_file import AgendaFileError, load_agenda_text
from facilitator.store.meeting_files import write_minutes
from tests.engine_support import ANA, Meeting
from tests.minutes_parse import split_front_matter

CANARY = "zq-canary-7741"
"""A word that only the confidential tally item holds."""


class TallyKeys(BaseModel):
    """The made-up process's agenda keys."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    question: str
    """What is counted; required."""
    seats: int = Field(default=1, ge=1)
    """How many are chosen."""
    hidden: bool = False
    """Counts only."""


def _rules(item: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    seats = item.get("seats")
    if isinstance(seats, int) and seats > 5 and item.get("hidden") is True:
        return [(("seats",), "a hidden tally chooses at most 5 seats")]
    return []


def _agenda_item(state: MeetingState, item: ItemState) -> Any:
    return next(i for i in state.agenda.items if i.title == item.title)


def _minutes(state: MeetingState, item: ItemState) -> ProcessMinutes | None:
    if item.kind != "tally":
        return None
    keys = _agenda_item(state, item).process_keys
    assert isinstance(keys, TallyKeys)
    row = {"item": item.title, "question": keys.question, "seats": keys.seats}
    section = MinutesSection(
        heading="Tally",
        lines=(f"Question: {keys.question}",),
        table=(("Seats", "Question"), (str(keys.seats), keys.question)),
    )
    return ProcessMinutes(section=section, rows={"tallies": [row]})


def _line(table: str, row: Row) -> str:
    return f"tally of {row['seats']} on {row['question']}"


TALLY = Process(
    name="tally",
    title="Tally",
    kinds=("tally",),
    commands={},
    payloads={},
    folds={},
    wording={},
    agenda_keys=TallyKeys,
    item_rules=_rules,
    minutes=_minutes,
    tables=("tallies",),
    outcome_line=_line,
    starter='[[items]]\ntitle = "Count the seats"\nkind = "tally"\nduration = 5\n'
    'question = "How many seats?"   # required\n',
)


@pytest.fixture(autouse=True)
def _with_tally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "PROCESSES", (*registry.PROCESSES, TALLY))


AGENDA = """\
[meeting]
title = "Assembly"
date = 2026-11-24

[[participants]]
name = "Ana Lima"

[[items]]
title = "Seats"
kind = "tally"
duration = 5
question = "How many | seats *now*?"
seats = 3
"""


def _errors(text: str) -> list[str]:
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(text, "a.toml")
    return [str(e) for e in info.value.errors]


# ---- agenda keys --------------------------------------------------------------------


def test_a_process_kind_and_its_keys_load_and_round_trip() -> None:
    agenda = load_agenda_text(AGENDA, "a.toml")
    item = agenda.items[0]
    assert item.kind == "tally"
    assert item.process_keys == TallyKeys(question="How many | seats *now*?", seats=3)
    # Written back among the item's keys, so the journal header and `next` keep them.
    data = agenda.to_toml_dict()
    assert data["items"][0]["question"] == "How many | seats *now*?"
    assert Agenda.model_validate(data) == agenda
    assert Agenda.model_validate(agenda.to_json_dict()) == agenda


def test_an_unknown_kind_lists_the_processes_kinds() -> None:
    errors = _errors(AGENDA.replace('kind = "tally"', 'kind = "tallly"'))
    # The tally's keys are then unknown here, and each says whose it is.
    assert [e.split(":")[1] for e in errors] == ["10", "12", "13"]
    assert "`seats` is for tally items" in errors[2]
    assert errors[0].startswith("a.toml:10: `kind` in item 1")
    assert "tally" in errors[0] and "proposal" in errors[0]
    assert 'did you mean "tally"?' in errors[0]


def test_a_missing_process_key_is_located_at_the_items_header() -> None:
    text = AGENDA.replace('question = "How many | seats *now*?"\n', "")
    assert _errors(text) == [
        'a.toml:8: item 1 ("Seats") is missing `question`, which is required; add question = …'
    ]


def test_a_bad_process_key_is_located_at_its_line_with_every_other_error() -> None:
    text = AGENDA.replace("seats = 3", 'seats = "three"').replace("duration = 5", "duration = -1")
    errors = _errors(text)
    assert any(e.startswith("a.toml:13: `seats` in item 1") and "whole number" in e for e in errors)
    assert any(e.startswith("a.toml:11: ") for e in errors), errors  # the duration, too


def test_a_process_rule_across_keys_is_located() -> None:
    text = AGENDA.replace("seats = 3", "seats = 9\nhidden = true")
    assert _errors(text) == ['a.toml:13: item 1 ("Seats"): a hidden tally chooses at most 5 seats']


def test_a_key_of_another_kind_says_whose_it_is() -> None:
    text = AGENDA.replace('kind = "tally"', 'kind = "discussion"')
    errors = _errors(text)
    assert errors == [
        'a.toml:12: unknown key `question` in item 1 ("Seats"): `question` is for tally items'
        ' (this item is "discussion")',
        'a.toml:13: unknown key `seats` in item 1 ("Seats"): `seats` is for tally items'
        ' (this item is "discussion")',
    ]


def test_a_typo_of_a_process_key_gets_a_did_you_mean() -> None:
    errors = _errors(AGENDA.replace("seats = 3", "seatss = 3"))
    assert errors == ['a.toml:13: unknown key `seatss` in item 1 ("Seats"); did you mean `seats`?']


# ---- minutes and the archive ----------------------------------------------------------


def _meeting(*, confidential: bool) -> Meeting:
    text = AGENDA + (f'confidential = true\nnotes = "{CANARY}"\n' if confidential else "")
    if confidential:
        text = text.replace("How many | seats *now*?", CANARY)
    meeting = Meeting(load_agenda_text(text, "a.toml"))
    meeting.do(C.StartMeeting(present=(ANA,)), C.StartItem("item-1"), C.FinishItem())
    return meeting


def test_the_minutes_carry_the_process_table_and_its_escaped_section(tmp_path: Path) -> None:
    path = write_minutes(_meeting(confidential=False).state, tmp_path, "m", final=True)
    text = path.read_text(encoding="utf-8")
    front, body = split_front_matter(text)
    data = tomllib.loads(front)
    assert data["tallies"] == [{"item": "Seats", "question": "How many | seats *now*?", "seats": 3}]
    assert "**Tally**" in body
    # Typed text is escaped by the store: the `|` stays in its cell, `*` is not emphasis.
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    cells = [t.content for t in tokens if t.type == "inline"]
    assert "How many | seats *now*?" in [c.replace("\\", "") for c in cells]
    assert not any(t.type == "em_open" for t in tokens)


def test_a_confidential_process_item_leaves_no_trace(tmp_path: Path) -> None:
    path = write_minutes(_meeting(confidential=True).state, tmp_path, "m", final=True)
    shared = path.read_text(encoding="utf-8")
    assert CANARY not in shared
    assert "tallies" not in tomllib.loads(split_front_matter(shared)[0])
    assert CANARY in (tmp_path / ".private" / "m.private.md").read_text(encoding="utf-8")
    assert main(["decisions", str(tmp_path), "--json"]) == 0
    index = next(tmp_path.rglob("*.sqlite3"))
    assert CANARY.encode() not in index.read_bytes()
    with sqlite3.connect(index) as conn:
        assert conn.execute("SELECT count(*) FROM outcomes").fetchone() == (0,)


def test_decisions_lists_the_process_rows_with_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_minutes(_meeting(confidential=False).state, tmp_path, "2026-11-24-assembly", final=True)
    assert main(["decisions", str(tmp_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["process"], r["table"], r["item"], r["text"]) for r in rows] == [
        ("tally", "tallies", "Seats", "tally of 3 on How many | seats *now*?")
    ]
    assert rows[0]["data"]["seats"] == 3
    assert main(["decisions", str(tmp_path)]) == 0
    assert "tally of 3 on How many | seats *now*?" in capsys.readouterr().out
    assert main(["decisions", str(tmp_path), "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("process,table,data") and "tallies" in lines[1]
    # `--grep` matches the process's line; a word that is not there finds nothing.
    assert main(["decisions", str(tmp_path), "--grep", "seats", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["decisions", str(tmp_path), "--grep", "budget", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


# ---- facilitator new ------------------------------------------------------------------


def test_new_writes_a_starter_item_and_the_others_as_comments(tmp_path: Path) -> None:
    with_it, without = tmp_path / "with.toml", tmp_path / "without.toml"
    assert main(["new", str(with_it), "--title", "T", "--with", "tally"]) == 0
    assert main(["new", str(without), "--title", "T"]) == 0
    assert [i.kind for i in load_agenda_text(with_it.read_text(), "w").items][-1] == "tally"
    text = without.read_text()
    assert "tally" not in [i.kind for i in load_agenda_text(text, "w").items]
    assert '# kind = "tally"' in text


def test_new_refuses_an_unknown_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "x.toml"), "--title", "T", "--with", "tallyy"]) == 2
    err = capsys.readouterr().err  # the real processes' kinds are listed too
    assert "no starter item of that kind; choose from " in err and "tally" in err
    assert not (tmp_path / "x.toml").exists()


def test_next_and_review_show_the_process_rows(tmp_path: Path) -> None:
    minutes = write_minutes(
        _meeting(confidential=False).state, tmp_path, "2026-11-24-assembly", final=True
    )
    out = tmp_path / "next.toml"
    assert main(["next", str(minutes), "-o", str(out), "--date", "2026-12-08"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "# - Seats: tally of 3 on How many | seats *now*?" in text
    assert "# A tally item, to copy" not in text  # `next` continues a meeting: no examples
    load_agenda_text(text, str(out))


async def test_review_lists_the_process_rows_among_the_decisions(tmp_path: Path) -> None:
    import datetime as dt

    from textual.widgets import DataTable

    from facilitator.store.settings import Settings
    from facilitator.tui.review.app import build_review_app
    from tests.tui_helpers import screen_text

    write_minutes(_meeting(confidential=False).state, tmp_path, "2026-11-24-assembly", final=True)
    app = build_review_app(tmp_path, settings=Settings(), today=dt.date(2026, 12, 1))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#decisions-table", DataTable).row_count == 1
        assert "tally of 3 on How many" in screen_text(app)
