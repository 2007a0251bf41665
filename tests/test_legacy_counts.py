"""The front matter's old count keys under every method (issue 13): a decision taken by
gradients or fist-to-five writes `consent`, `concern`, `stand_aside`, `object` and `block`
from its positions (MINUTES_FORMAT.md, "Old count keys"), so a reader from before methods
sees the support, the reservations and the blocks instead of zeros."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from facilitator.core import commands as C
from facilitator.processes.consent import methods as M
from facilitator.store.minutes_frontmatter import COUNT_KEYS, GRADIENTS_OLD_KEYS, old_count_key
from facilitator.store.minutes_view import render
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, Meeting, make_agenda
from tests.method_runs import OUTCOME, RUNS
from tests.minutes_parse import split_front_matter


@pytest.mark.parametrize("name", M.NAMES)
def test_every_position_of_every_method_has_an_old_key(name: str) -> None:
    method = M.METHODS[name]
    for position in method.positions:
        key = old_count_key(method, position.id)
        assert key in COUNT_KEYS, (name, position.id, key)
        # A position that stops or blocks the proposal never reads as support.
        if position.blocks:
            assert key in ("object", "block"), (name, position.id)
    assert old_count_key(method, "no-such-position") == "no_such_position"


def test_gradients_map_support_reservations_abstention_and_the_veto() -> None:
    method = M.METHODS["gradients"]
    said = {p.id: old_count_key(method, p.id) for p in method.positions}
    assert said == GRADIENTS_OLD_KEYS
    assert [k for k, v in said.items() if v == "consent"] == ["1", "2", "3"]
    assert said["8"] == "block" and said["4"] == "stand_aside"


@pytest.mark.parametrize("pass_min", [1, 3, 4, 5])
def test_fist_to_five_consents_at_or_above_its_pass_line_and_blocks_below(pass_min: int) -> None:
    method = M.method_named("fist-to-five", pass_min)
    for n in range(6):
        want = "consent" if n >= pass_min and n > 0 else "block"
        assert old_count_key(method, str(n)) == want, (pass_min, n)


def _decisions(
    items: list[dict[str, object]], runs: list[list[tuple[str, str]]], outcomes: list[str]
) -> list[dict[str, Any]]:
    m = Meeting(make_agenda(meeting={"quorum": 3}, items=items))
    m.do(C.StartMeeting((ANA, BO, CHEN, DEE, ELI)))
    for n, (responses, outcome) in enumerate(zip(runs, outcomes, strict=True), 1):
        m.do(C.StartItem(f"item-{n}"))
        for who, word in responses:
            m.do(C.Respond(who, word, "why" if word in ("0", "1", "2", "3", "8") else ""))
        m.do(C.RecordOutcome(outcome), C.FinishItem())
    decisions: list[dict[str, Any]] = tomllib.loads(split_front_matter(render(m.state))[0])[
        "decisions"
    ]
    return decisions


def test_the_front_matter_counts_every_counted_response_once_under_its_old_key() -> None:
    items: list[dict[str, object]] = [
        {"title": name, "kind": "proposal", "duration": "10m", "proposal": name, "method": name}
        for name in M.NAMES
    ]
    runs = [[(who, word) for who, word, _why in RUNS[name]] for name in M.NAMES]
    outcomes = [OUTCOME.get(name, "adopted") for name in M.NAMES]
    for row in _decisions(items, runs, outcomes):
        old = {k: row[k] for k in COUNT_KEYS}
        assert sum(old.values()) == sum(row["positions"].values()) == 4, row["method"]
    by_method = {
        d["method"]: {k: d[k] for k in COUNT_KEYS} for d in _decisions(items, runs, outcomes)
    }
    assert by_method["gradients"] == {  # 1, 3, 3, 6
        "consent": 3,
        "concern": 1,
        "stand_aside": 0,
        "object": 0,
        "block": 0,
    }
    assert by_method["fist-to-five"]["consent"] == 4  # 5, 4, 3, 3 with the pass line at 3


def test_fist_to_five_uses_the_items_own_pass_line() -> None:
    item: dict[str, object] = {
        "title": "Move",
        "kind": "proposal",
        "duration": "10m",
        "proposal": "We move.",
        "method": "fist-to-five",
        "pass_min": 4,
    }
    [row] = _decisions([item], [[(ANA, "5"), (BO, "4"), (CHEN, "3"), (DEE, "0")]], ["not-adopted"])
    assert {k: row[k] for k in COUNT_KEYS} == {
        "consent": 2,
        "concern": 0,
        "stand_aside": 0,
        "object": 0,
        "block": 2,
    }
