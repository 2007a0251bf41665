"""A dot vote in the minutes, written to real files: the ranked totals, who voted (never who
put which dot where), the second round, silence kept in a draft, a confidential item leaving
no trace; read back through tomllib and markdown-it-py (and pandoc when installed), and
listed by `facilitator decisions`."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from facilitator.cli import main
from facilitator.core import commands as C
from facilitator.processes.dot_vote import minutes as DM
from facilitator.processes.dot_vote import model as M
from facilitator.store.meeting_files import write_minutes
from tests.dot_vote_support import FOOD, HOUSING, SCHOOL, TITLE, TOOLS, dot_agenda
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, Meeting
from tests.minutes_parse import markdown_it_blocks, pandoc_blocks, split_front_matter

ITEM = "item-5"
CANARY = "Zx9canaryDOTS"


def held(second: bool = False, **keys: Any) -> Meeting:
    """A dot vote run to its end: a tie at the top, and a second round when `second`."""
    m = Meeting(dot_agenda(**keys))
    m.do(C.StartMeeting((ANA, BO, CHEN, DEE, ELI)), C.StartItem(ITEM), M.OpenDotVote())
    m.do(M.PlaceDots(ANA, {HOUSING: 2, SCHOOL: 1}), M.PlaceDots(BO, {FOOD: 2}))
    m.do(M.PlaceDots(CHEN, {FOOD: 1, HOUSING: 1}), M.PlaceDots(ELI, {SCHOOL: 1}))
    m.do(M.CloseDotVote())
    if second:
        m.do(M.SecondDotRound(), M.PlaceDots(ANA, {HOUSING: 1}))
        m.do(M.PlaceDots(BO, {FOOD: 1}), M.PlaceDots(CHEN, {HOUSING: 1}), M.CloseDotVote())
    return m


def written(m: Meeting, tmp_path: Path, final: bool = True) -> tuple[dict[str, Any], str]:
    """(front matter, body) of the shared minutes, from the file."""
    path = write_minutes(m.state, tmp_path, "2026-11-24-general", final=final)
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    return tomllib.loads(front), body


def test_the_front_matter_ranks_the_options_and_counts_the_voters(tmp_path: Path) -> None:
    front, _ = written(held(), tmp_path)
    assert front["dot_votes"] == [
        {
            "item": TITLE,
            "results": [
                {"option": HOUSING, "dots": 3},
                {"option": FOOD, "dots": 3},
                {"option": SCHOOL, "dots": 1, "advisory": 1},
                {"option": TOOLS, "dots": 0},
            ],
            "dots": 3,
            "max_per_option": 2,
            "voters": 3,
            "tied": [HOUSING, FOOD],
        }
    ]


def test_a_second_round_is_written_apart(tmp_path: Path) -> None:
    front, body = written(held(second=True), tmp_path)
    [table] = front["dot_votes"]
    assert table["second_round"] == [{"option": HOUSING, "dots": 2}, {"option": FOOD, "dots": 1}]
    assert "tied" not in table and len(table["results"]) == 4
    tables = [rows for kind, rows in markdown_it_blocks(body) if kind == "table"]
    assert ["Rank", "Option", "Dots", "Advisory", "Second round"] in [t[0] for t in tables]


def test_the_body_publishes_totals_and_names_never_allocations(tmp_path: Path) -> None:
    _, body = written(held(), tmp_path)
    blocks = markdown_it_blocks(body)
    tables = [rows for kind, rows in blocks if kind == "table"]
    ours = next(t for t in tables if t[0][:2] == ["Rank", "Option"])
    assert ours == [
        ["Rank", "Option", "Dots", "Advisory"],
        ["1", HOUSING, "3", "0"],
        ["1", FOOD, "3", "0"],
        ["3", SCHOOL, "1", "1"],
        ["4", TOOLS, "0", "0"],
    ]
    text = " ".join(str(t) for _, t in blocks)
    assert "Each voting member had 3 dots, at most 2 dots on one option; totals only." in text
    assert f"dots counted from 3 voting members: {ANA}, {BO}, {CHEN}" in text
    assert f"advisory (guests): {ELI}" in text and f"placed no dots: {DEE}" in text
    assert f"tied at the top: {HOUSING}, {FOOD}" in text
    # Nobody's own allocation anywhere: "Ana Lima: 2", "Ana Lima (Housing fund" …
    for name in (ANA, BO, CHEN, ELI):
        assert f"{name}: " not in body and f"{name} (" not in body
    if shutil.which("pandoc"):
        assert ours in [rows for kind, rows in pandoc_blocks(body) if kind == "table"]


def test_an_open_round_keeps_its_totals_out_of_a_draft(tmp_path: Path) -> None:
    m = Meeting(dot_agenda())
    m.do(C.StartMeeting((ANA, BO)), C.StartItem(ITEM), M.OpenDotVote())
    m.do(M.PlaceDots(ANA, {SCHOOL: 2}))
    front, body = written(m, tmp_path, final=False)
    assert front["dot_votes"][0]["results"] == [] and front["dot_votes"][0]["open"] is True
    assert "still open" in body and SCHOOL not in body.split("Dot vote", 1)[1]


def test_an_item_ended_mid_round_says_so(tmp_path: Path) -> None:
    m = Meeting(dot_agenda())
    m.do(C.StartMeeting((ANA, BO)), C.StartItem(ITEM), M.OpenDotVote())
    m.do(M.PlaceDots(ANA, {HOUSING: 2}), C.FinishItem())
    front, body = written(m, tmp_path)
    [table] = front["dot_votes"]
    assert table["cut_short"] is True and table["results"][0] == {"option": HOUSING, "dots": 2}
    assert "closed when the item ended" in body


def test_a_vote_never_opened_is_not_in_the_minutes(tmp_path: Path) -> None:
    m = Meeting(dot_agenda())
    m.do(C.StartMeeting((ANA,)), C.StartItem(ITEM), C.FinishItem())
    front, _ = written(m, tmp_path)
    assert "dot_votes" not in front


def test_a_confidential_dot_vote_leaves_no_trace(tmp_path: Path) -> None:
    m = held(options=[HOUSING, FOOD, SCHOOL, f"{CANARY} tools"], confidential=True)
    front, _ = written(m, tmp_path)
    shared = (tmp_path / "2026-11-24-general.md").read_text(encoding="utf-8")
    assert CANARY not in shared and "dot_votes" not in front
    private = (tmp_path / ".private" / "2026-11-24-general.private.md").read_text("utf-8")
    assert CANARY in private
    assert main(["decisions", str(tmp_path), "--json"]) == 0
    index = next(tmp_path.rglob("*.sqlite3"))
    assert CANARY.encode() not in index.read_bytes()


def test_typed_options_cannot_break_the_table(tmp_path: Path) -> None:
    hostile = ["Fund | *all* of it", "<b>Hub</b> # heading", "x", "y"]
    m = Meeting(dot_agenda(options=hostile, dots=2, max_per_option=None))
    m.do(C.StartMeeting((ANA,)), C.StartItem(ITEM), M.OpenDotVote())
    m.do(M.PlaceDots(ANA, {hostile[0]: 1, hostile[1]: 1}), M.CloseDotVote())
    front, body = written(m, tmp_path)
    assert [r["option"] for r in front["dot_votes"][0]["results"]] == hostile
    tables = [rows for kind, rows in markdown_it_blocks(body) if kind == "table"]
    ours = next(t for t in tables if t[0][:2] == ["Rank", "Option"])
    assert [row[1] for row in ours[1:]] == hostile


def test_decisions_lists_the_ranking(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    written(held(second=True), tmp_path)
    assert main(["decisions", str(tmp_path), "--json"]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out) if r.get("table") == "dot_votes"]
    assert [(r["item"], r["text"]) for r in rows] == [
        (
            TITLE,
            "dot vote: Housing fund 3, Food hub 3, School garden 1, Tool library 0; "
            "second round: Housing fund 2, Food hub 1",
        )
    ]


def test_the_outcome_line_reads_any_row() -> None:
    assert DM.outcome_line("dot_votes", {"open": True}) == "dot vote: still open"
    assert DM.outcome_line("dot_votes", {"results": []}) == "dot vote: no dots"
    row = {"results": [{"option": "A", "dots": 2}, "junk"], "tied": ["A", "B"]}
    assert DM.outcome_line("dot_votes", row) == "dot vote: A 2; tied: A, B"
