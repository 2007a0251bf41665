"""A dot vote in the minutes: the ranked totals, who voted (never who put which dot where),
the second round, silence kept in a draft, confidential items left out; read back through
tomllib and markdown-it-py (pandoc too, when it is installed)."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Iterator

import pytest
import tomli_w

from facilitator.core import commands as C
from facilitator.processes.dot_vote import minutes as DM
from facilitator.processes.dot_vote import model as M
from facilitator.store.md_escape import escape_inline
from tests.dot_vote_support import FOOD, HOUSING, SCHOOL, TOOLS, dot_items
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, Meeting
from tests.minutes_parse import markdown_it_blocks, pandoc_blocks
from tests.test_dot_vote_model import ITEM, on_vote


@pytest.fixture(autouse=True)
def _dot_items() -> Iterator[None]:
    with dot_items():
        yield


def held(second: bool = False) -> Meeting:
    """A dot vote run to its end: a tie at the top, and a second round when `second`."""
    m = on_vote()
    m.do(M.OpenDotVote())
    m.do(M.PlaceDots(ANA, {HOUSING: 2, SCHOOL: 1}), M.PlaceDots(BO, {FOOD: 2}))
    m.do(M.PlaceDots(CHEN, {FOOD: 1, HOUSING: 1}), M.PlaceDots(ELI, {TOOLS: 2}))
    m.do(M.CloseDotVote())
    if second:
        m.do(M.SecondDotRound(), M.PlaceDots(ANA, {HOUSING: 1}))
        m.do(M.PlaceDots(BO, {FOOD: 1}), M.PlaceDots(CHEN, {HOUSING: 1}), M.CloseDotVote())
    return m


def toml_round_trip(m: Meeting) -> list[dict[str, object]]:
    tables = [DM.front_matter(r) for r in DM.dot_vote_records(m.state)]
    votes = tomllib.loads(tomli_w.dumps({"dot_votes": tables}))["dot_votes"]
    assert isinstance(votes, list)
    return votes


def test_the_front_matter_ranks_the_options_and_counts_the_voters() -> None:
    [table] = toml_round_trip(held())
    assert table == {
        "item": "Priorities for 2027",
        "results": [
            {"option": HOUSING, "dots": 3},
            {"option": FOOD, "dots": 3},
            {"option": SCHOOL, "dots": 1},
            {"option": TOOLS, "dots": 0, "advisory": 2},
        ],
        "dots": 3,
        "max_per_option": 2,
        "voters": 3,
        "tied": [HOUSING, FOOD],
    }


def test_a_second_round_is_written_apart() -> None:
    [table] = toml_round_trip(held(second=True))
    assert table["second_round"] == [{"option": HOUSING, "dots": 2}, {"option": FOOD, "dots": 1}]
    assert "tied" not in table
    assert len(table["results"]) == 4  # type: ignore[arg-type]


def test_the_body_publishes_totals_and_names_never_allocations() -> None:
    m = held(second=True)
    [record] = DM.dot_vote_records(m.state)
    text = "\n".join(DM.body_lines(record, escape_inline))
    blocks = markdown_it_blocks(text)
    tables = [rows for kind, rows in blocks if kind == "table"]
    assert tables[0] == [
        ["Rank", "Option", "Dots", "Advisory"],
        ["1", HOUSING, "3", "0"],
        ["1", FOOD, "3", "0"],
        ["3", SCHOOL, "1", "0"],
        ["4", TOOLS, "0", "2"],
    ]
    assert tables[1] == [["Rank", "Option", "Dots"], ["1", HOUSING, "2"], ["2", FOOD, "1"]]
    paras = [t for kind, t in blocks if kind == "para"]
    assert paras[0] == (
        "Each voting member had 3 dots, at most 2 dots on one option; totals only are published."
    )
    assert f"dots counted from 3 voting members: {ANA}, {BO}, {CHEN}" in paras[1]
    assert f"advisory (guests): {ELI}" in paras[1] and f"placed no dots: {DEE}" in paras[1]
    assert "Tied at the top: Housing fund, Food hub." in paras
    assert paras[-1].startswith("**Second round**, among the tied: Housing fund, Food hub")
    # Nobody's own allocation: no "Ana Lima: 2" anywhere.
    for name in (ANA, BO, CHEN, ELI):
        assert f"{name}: " not in text and f"{name} (" not in text
    if shutil.which("pandoc"):
        assert [rows for kind, rows in pandoc_blocks(text) if kind == "table"] == tables


def test_an_open_round_keeps_its_totals_out_of_a_draft() -> None:
    m = on_vote()
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {HOUSING: 2}))
    [table] = toml_round_trip(m)
    assert table["results"] == [] and table["open"] is True
    [record] = DM.dot_vote_records(m.state)
    text = "\n".join(DM.body_lines(record, escape_inline))
    assert "still open" in text and "| " not in text and HOUSING not in text


def test_an_item_ended_mid_round_says_so() -> None:
    m = on_vote()
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {HOUSING: 2}), C.FinishItem())
    [table] = toml_round_trip(m)
    assert table["cut_short"] is True and table["results"][0] == {  # type: ignore[index]
        "option": HOUSING,
        "dots": 2,
    }
    [record] = DM.dot_vote_records(m.state)
    assert "closed when the item ended" in "\n".join(DM.body_lines(record, escape_inline))


def test_a_vote_never_opened_is_not_in_the_minutes() -> None:
    assert DM.dot_vote_records(on_vote().state) == []


def test_a_confidential_items_dot_vote_is_only_in_the_private_record() -> None:
    m = held()
    m.state.items[ITEM].confidential = True  # as the agenda would mark it
    assert DM.dot_vote_records(m.state) == []
    assert [r.item for r in DM.dot_vote_records(m.state, private=True)] == ["Priorities for 2027"]


def test_typed_options_cannot_break_the_table() -> None:
    hostile = ("Fund | *all* of it", "<b>Hub</b>\n# heading", "x", "y")
    with dot_items({"options": list(hostile), "dots": 2}):
        m = on_vote()
        m.do(M.OpenDotVote(), M.PlaceDots(ANA, {hostile[0]: 1, hostile[1]: 1}), M.CloseDotVote())
        [record] = DM.dot_vote_records(m.state)
    text = "\n".join(DM.body_lines(record, escape_inline))
    [rows] = [rows for kind, rows in markdown_it_blocks(text) if kind == "table"]
    assert [row[1] for row in rows[1:]] == [hostile[0], "<b>Hub</b> # heading", "x", "y"]
