"""Role selection on disk: its agenda keys and located errors, the minutes (`[[selections]]`
and the body section) read back through tomllib and markdown-it-py, `decisions`, a
confidential selection leaving no trace, and the starter item of `facilitator new`."""

from __future__ import annotations

import json
import sqlite3
import tomllib
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from facilitator.cli import main
from facilitator.core import commands as C
from facilitator.processes.selection import model as S
from facilitator.store.agenda_file import AgendaFileError, load_agenda_text
from facilitator.store.meeting_files import write_minutes
from tests.engine_support import Meeting
from tests.minutes_parse import split_front_matter

ANA, BO, DOLORES, GRACE = "Ana Lima", "Bo | Tran", "Dolores Ramírez", "Grace Okafor"
CANARY = "zq-canary-5521"

AGENDA = f"""\
[meeting]
title = "General Circle"
circle = "General Circle"
date = 2026-11-24

[[participants]]
name = "{ANA}"
[[participants]]
name = "{BO}"
[[participants]]
name = "{DOLORES}"
[[participants]]
name = "{GRACE}"
role = "guest"

[[items]]
title = "Select our delegate to the regional network"
kind = "selection"
duration = "30m"
role = "Delegate to the regional network"
term = "1 year"
qualifications = "Reads *every* paper"
"""


def _errors(text: str) -> list[str]:
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(text, "a.toml")
    return [str(e) for e in info.value.errors]


def test_the_keys_load_and_round_trip() -> None:
    agenda = load_agenda_text(AGENDA, "a.toml")
    keys = agenda.items[0].process_keys
    assert keys == S.SelectionKeys(
        role="Delegate to the regional network", term="1 year", qualifications="Reads *every* paper"
    )
    assert agenda.to_toml_dict()["items"][0]["role"] == "Delegate to the regional network"


def test_check_locates_every_mistake_in_the_keys() -> None:
    assert _errors(AGENDA.replace('role = "Delegate to the regional network"\n', "")) == [
        'a.toml:16: item 1 ("Select our delegate to the regional net…") is missing `role`, '
        "which is required; add role = …"
    ]
    errors = _errors(AGENDA.replace('term = "1 year"', "trem = 1").replace("Delegate to", " "))
    assert any(":21: unknown key `trem`" in e and "did you mean `term`?" in e for e in errors)
    empty = _errors(AGENDA.replace('"Delegate to the regional network"', '"  "'))
    assert empty == [
        'a.toml:20: item 1 ("Select our delegate to the regional net…"): the role is empty: '
        'write the role being filled, role = "…"'
    ]
    other = _errors(AGENDA.replace('kind = "selection"', 'kind = "discussion"'))
    assert other[0].endswith('`role` is for selection items (this item is "discussion")')


def _run(agenda_text: str) -> Meeting:
    """The whole selection: one objection, resolved, and Dolores selected."""
    m = Meeting(load_agenda_text(agenda_text, "a.toml"))
    m.do(C.StartMeeting(present=(ANA, BO, DOLORES, GRACE)), C.StartItem("item-1"))
    m.do(S.SelectionStage("nominate"), S.SelectionStage("nominations"))
    m.do(
        S.Nominate(DOLORES, "she knows the | network"),
        S.Nominate(ANA, "she has the time"),
        S.Nominate(DOLORES, "I would like to serve"),
        S.Nominate(ANA, "good listener"),  # the guest: advisory
    )
    m.do(S.SelectionStage("change"), S.NominationPass())
    m.do(S.Nominate(DOLORES, "Dolores's reasons convinced me"), S.NominationPass())
    m.do(S.NominationPass(), S.ProposeNominee(DOLORES, "most nominations, and she is willing"))
    m.do(S.SelectionRespond("consent"), S.SelectionRespond("object", "a year is too long at first"))
    m.do(S.ResolveObjection(BO, "review the term after six months"))
    m.do(S.SelectionRespond("consent", name=BO), S.SelectionRespond("consent"))
    m.do(S.SelectionRespond("consent"), S.SelectNominee(), C.FinishItem())
    return m


def test_the_minutes_record_the_selection(tmp_path: Path) -> None:
    path = write_minutes(_run(AGENDA).state, tmp_path, "m", final=True)
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    assert tomllib.loads(front)["selections"] == [
        {
            "role": "Delegate to the regional network",
            "selected": DOLORES,
            "term": "1 year",
            "item": "Select our delegate to the regional network",
        }
    ]
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    text = [t.content.replace("\\", "") for t in tokens if t.type == "inline"]
    assert "**Role selection**" in text
    assert "Role: Delegate to the regional network · term: 1 year" in text
    assert "Qualifications: Reads *every* paper" in text  # escaped: no emphasis
    assert not any(t.type == "em_open" for t in tokens)
    assert (
        f"Nominations round: {ANA} nominated {DOLORES} (she knows the | network); {BO} "
        f"nominated {ANA} (she has the time); {DOLORES} nominated {DOLORES} (I would like to "
        f"serve); {GRACE} (guest, advisory) nominated {ANA} (good listener)"
    ) in text
    assert any(t.startswith(f"Change: {BO} now nominates {DOLORES}") for t in text)
    assert f"Proposed {DOLORES}: most nominations, and she is willing" in text
    heard = next(t for t in text if t.startswith(f"Consent round on {DOLORES}"))
    assert heard.index(f"{BO} object: a year is too long") < heard.index(f"{DOLORES} consent")
    assert heard.rstrip().endswith(f"{DOLORES} consent")  # the nominee, last
    assert f"{BO}'s objection resolved: review the term after six months" in text
    assert f"Selected {DOLORES} as Delegate to the regional network, 1 year." in text


def test_decisions_shows_the_selection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_minutes(_run(AGENDA).state, tmp_path, "2026-11-24-general-circle", final=True)
    assert main(["decisions", str(tmp_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    line = f"Selected {DOLORES} as Delegate to the regional network, 1 year"
    assert [(r["process"], r["table"], r["text"]) for r in rows] == [
        ("selection", "selections", line)
    ]
    assert main(["decisions", str(tmp_path)]) == 0
    assert line in capsys.readouterr().out


def test_a_confidential_selection_leaves_no_trace(tmp_path: Path) -> None:
    text = AGENDA.replace("Delegate to the regional network", CANARY) + "confidential = true\n"
    path = write_minutes(_run(text).state, tmp_path, "m", final=True)
    shared = path.read_text(encoding="utf-8")
    assert CANARY not in shared and DOLORES not in split_front_matter(shared)[1].split("##")[0]
    assert "selections" not in tomllib.loads(split_front_matter(shared)[0])
    assert CANARY in (tmp_path / ".private" / "m.private.md").read_text(encoding="utf-8")
    assert main(["decisions", str(tmp_path), "--json"]) == 0
    index = next(tmp_path.rglob("*.sqlite3"))
    assert CANARY.encode() not in index.read_bytes()
    with sqlite3.connect(index) as conn:
        assert conn.execute("SELECT count(*) FROM outcomes").fetchone() == (0,)


def test_no_one_selected_is_said(tmp_path: Path) -> None:
    m = Meeting(load_agenda_text(AGENDA, "a.toml"))
    m.do(C.StartMeeting(present=(ANA, BO)), C.StartItem("item-1"), C.FinishItem())
    path = write_minutes(m.state, tmp_path, "m", final=True)
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    assert "selections" not in tomllib.loads(front)
    assert "No one was selected." in body


def test_new_starts_an_agenda_with_a_selection(tmp_path: Path) -> None:
    out = tmp_path / "new.toml"
    assert main(["new", str(out), "--title", "T", "--with", "selection"]) == 0
    items = load_agenda_text(out.read_text(encoding="utf-8"), "new.toml").items
    assert items[-1].kind == "selection"
    assert items[-1].process_keys == S.SelectionKeys(
        role="Delegate to the regional network",
        term="1 year",
        qualifications="Reads the network's papers before each meeting.",
    )


def test_next_and_review_carry_the_selection(tmp_path: Path) -> None:
    minutes = write_minutes(_run(AGENDA).state, tmp_path, "2026-11-24-general-circle", final=True)
    out = tmp_path / "next.toml"
    assert main(["next", str(minutes), "-o", str(out), "--date", "2026-12-08"]) == 0
    text = out.read_text(encoding="utf-8")
    assert (
        f"# - Select our delegate to the regional network: Selected {DOLORES} as Delegate to "
        "the regional network, 1 year"
    ) in text
    load_agenda_text(text, str(out))


async def test_review_lists_the_selection(tmp_path: Path) -> None:
    import datetime as dt

    from textual.widgets import DataTable

    from facilitator.store.settings import Settings
    from facilitator.tui.review.app import build_review_app
    from tests.tui_helpers import screen_text

    write_minutes(_run(AGENDA).state, tmp_path, "2026-11-24-general-circle", final=True)
    app = build_review_app(tmp_path, settings=Settings(), today=dt.date(2026, 12, 1))
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#decisions-table", DataTable).row_count == 1
        assert f"Selected {DOLORES} as Delegate" in screen_text(app)
