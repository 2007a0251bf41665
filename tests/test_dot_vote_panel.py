"""The dot vote's panel text and entry form, pure: who is in (never their dots), the totals
only once all are in or the round is closed, the keys to press, and the form's cleaner,
which checks typed counts with the core's own rule."""

from __future__ import annotations

import pytest

from facilitator.core import commands as C
from facilitator.processes.dot_vote import model as M
from facilitator.processes.dot_vote.panel import (
    dot_vote_parts,
    dot_vote_text,
    dots_cleaner,
    typed_counts,
)
from facilitator.processes.dot_vote.panel_keys import HELP
from tests.dot_vote_support import FOOD, HOUSING, SCHOOL, TOOLS, dot_agenda
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, FAY, Meeting

ITEM = "item-5"


def on_vote(*commands: object) -> Meeting:
    m = Meeting(dot_agenda())
    m.do(C.StartMeeting((ANA, BO, CHEN, DEE, ELI, FAY)), C.StartItem(ITEM), *commands)
    return m


def test_before_it_opens_the_panel_lists_the_options_and_the_key() -> None:
    text = dot_vote_text(on_vote().state, ITEM).plain
    assert "Dot vote: not opened · 3 dots each, at most 2 on one option" in text
    assert f" 1. {HOUSING}\n 2. {FOOD}\n 3. {SCHOOL}\n 4. {TOOLS}" in text
    assert "s: open the vote" in text


def test_while_open_it_shows_who_is_in_and_hides_the_totals() -> None:
    m = on_vote(M.OpenDotVote(), M.PlaceDots(ANA, {HOUSING: 2}), M.PlaceDots(ELI, {FOOD: 1}))
    parts = dot_vote_parts(m.state, ITEM)
    text = dot_vote_text(m.state, ITEM).plain
    assert "Dot vote · open · 1 of 4 voting members in" in text
    assert "Totals hidden until everyone present is in" in text
    assert "2 dots" not in text and "1 dot" not in text, "no total, no allocation"
    rows = [r.plain for r in parts.rows]
    assert rows == [
        f" ✓ {ANA}  in",
        f" ▶ {BO}",
        f" ○ {CHEN}",
        f" ○ {DEE}",
        f" ✓ {ELI}  in  (guest, advisory)",
    ], "observers are not listed; the next voter not in is marked"
    assert parts.current == 1
    assert "1: next voter's dots" in text and "⇧O: close the round" in text


def test_once_all_are_in_the_totals_show_ranked_but_never_who_gave_them() -> None:
    m = on_vote(M.OpenDotVote(), *(M.PlaceDots(n, {HOUSING: 1}) for n in (ANA, BO, CHEN)))
    m.do(M.PlaceDots(DEE, {FOOD: 2}), M.PlaceDots(ELI, {SCHOOL: 2}))
    text = dot_vote_text(m.state, ITEM).plain
    assert (
        " 1. Housing fund  3 dots\n 2. Food hub  2 dots\n 3. School garden  0 dots (+2 advisory)"
        in text
    )
    m.do(M.CorrectDots(DEE, {FOOD: 2, HOUSING: 1}), M.CloseDotVote())
    text = dot_vote_text(m.state, ITEM).plain
    assert "Dot vote · closed" in text and f" ✓ {DEE}  in (corrected)" in text
    assert "next voter" not in text, "no entry keys on a closed round"


def test_a_tie_at_the_top_names_the_key_for_the_second_round() -> None:
    m = on_vote(M.OpenDotVote(), M.PlaceDots(ANA, {HOUSING: 1}), M.PlaceDots(BO, {FOOD: 1}))
    m.do(M.CloseDotVote())
    text = dot_vote_text(m.state, ITEM).plain
    assert "Tied at the top: Housing fund, Food hub — 2 holds a second round among them" in text
    m.do(M.SecondDotRound())
    assert "Dot vote · second round, among the tied · open" in dot_vote_text(m.state, ITEM).plain


def test_the_form_reads_counts_in_option_order_with_the_cores_rule() -> None:
    m = on_vote(M.OpenDotVote())
    clean = dots_cleaner(m.state, ITEM, ANA)
    assert clean("2 1") == {HOUSING: 2, FOOD: 1}
    assert clean("0,0,1,1") == {SCHOOL: 1, TOOLS: 1}
    assert clean("") == {}
    for typed, message in (
        ("2 2", "has 3 dots, and 4 were placed"),
        ("3", "at most 2 dots on one option"),
        ("1 1 1 1 1", "5 counts for 4 options"),
        ("one", "'one' is not a whole number of dots"),
        ("-1", "'-1' is not a whole number"),
    ):
        with pytest.raises(ValueError, match=message):
            clean(typed)
    rnd = M.dot_vote_of(m.state.items[ITEM]).round  # type: ignore[union-attr]
    assert rnd is not None and typed_counts(rnd, {FOOD: 2}) == "0 2 0 0"


def test_the_help_states_every_step() -> None:
    for step in ("1. Open", "2. Type each voter's dots", "3. Close", "4. If the top is tied"):
        assert step in HELP
    assert "advisory" in HELP and "hidden" in HELP
