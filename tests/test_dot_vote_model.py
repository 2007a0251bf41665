"""The dot vote's rules, pure and fast: placing within the budget, silence until all are in,
the ranking, a second round among the tied, undo, and refusals that write nothing.

Properties (hypothesis, over random walks of dot-vote commands): replay equals live, undo
restores, a refused command writes nothing, the totals are the sum of the placements, and
nobody's dots ever exceed `dots` or `max_per_option`.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.errors import DomainError
from facilitator.core.events import event_from_record
from facilitator.core.fold import replay
from facilitator.core.session import MemorySink, Session
from facilitator.processes.dot_vote import model as M
from tests.dot_vote_support import FOOD, HOUSING, OPTIONS, SCHOOL, dot_agenda
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, FAY, Meeting, without_log

ITEM = "item-5"
"""The dot-vote item of `dot_agenda()`."""


def on_vote(
    present: tuple[str, ...] = (ANA, BO, CHEN, DEE, ELI), agenda: Agenda | None = None
) -> Meeting:
    """A started meeting on the dot-vote item, the vote not yet open."""
    m = Meeting(agenda or dot_agenda())
    m.do(C.StartMeeting(present), C.StartItem(ITEM))
    return m


def vote(m: Meeting) -> M.DotVote:
    found = M.dot_vote_of(m.state.items[ITEM])
    assert found is not None
    return found


def totals(m: Meeting) -> dict[str, int]:
    rnd = vote(m).round
    assert rnd is not None
    return {s.option: s.dots for s in M.ranking(rnd, m.state.items[ITEM])}


# --- a dot vote run to its end ------------------------------------------------------


def test_a_dot_vote_ranks_the_options_and_keeps_silence_until_all_are_in() -> None:
    m = on_vote()
    item = m.state.items[ITEM]
    assert vote(m).stage == "ready"
    assert m.types(M.OpenDotVote()) == ["DotVoteOpened"]
    rnd = vote(m).round
    assert rnd is not None and rnd.options == list(OPTIONS)
    m.do(M.PlaceDots(ANA, {HOUSING: 2, FOOD: 1}))
    m.do(M.PlaceDots(BO, {"food HUB": 2}))  # any case, and fewer than the budget
    m.do(M.PlaceDots(ELI, {SCHOOL: 2, FOOD: 1}))  # a guest: advisory
    assert M.hidden(m.state, item, vote(m).round)
    assert M.waiting_for(m.state, item, rnd) == [CHEN, DEE]
    m.do(M.PlaceDots(CHEN, {HOUSING: 2, SCHOOL: 1}))
    assert M.hidden(m.state, item, vote(m).round), "Dee is not in yet"
    m.do(M.PlaceDots(DEE, {}))  # placing none is a voter being in, with no dots
    assert not M.hidden(m.state, item, vote(m).round), "all present voters are in"
    assert m.types(M.CloseDotVote()) == ["DotVoteClosed"]
    result = M.ranking(vote(m).round, item)  # type: ignore[arg-type]
    assert [(s.option, s.dots, s.advisory, s.rank) for s in result] == [
        (HOUSING, 4, 0, 1),
        (FOOD, 3, 1, 2),
        (SCHOOL, 1, 2, 3),
        ("Tool library", 0, 0, 4),
    ]
    assert M.top_tie(result) == ()
    assert vote(m).stage == "closed"
    assert m.replayed() == m.state


def test_the_facilitator_may_close_before_everyone_is_in() -> None:
    m = on_vote()
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {FOOD: 1}))
    item = m.state.items[ITEM]
    assert M.hidden(m.state, item, vote(m).round)
    m.do(M.CloseDotVote())
    assert not M.hidden(m.state, item, vote(m).round)
    assert totals(m)[FOOD] == 1


def test_guests_never_hold_up_the_reveal_and_an_absent_member_is_not_waited_for() -> None:
    m = on_vote(present=(ANA, BO, ELI))
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {FOOD: 1}))
    item = m.state.items[ITEM]
    assert M.hidden(m.state, item, vote(m).round)
    m.do(M.PlaceDots(BO, {HOUSING: 1}))
    assert not M.hidden(m.state, item, vote(m).round), "Eli is a guest, Chen and Dee absent"


def test_only_guests_in_keeps_the_totals_hidden() -> None:
    """Guests' dots alone are no result: nothing is shown until a voter is in."""
    m = on_vote(present=(ELI, ANA))
    m.do(M.OpenDotVote(), M.PlaceDots(ELI, {FOOD: 1}))
    assert M.hidden(m.state, m.state.items[ITEM], vote(m).round)


def test_a_voter_typed_in_while_absent_is_marked_present() -> None:
    m = on_vote(present=(ANA, BO))
    m.do(M.OpenDotVote())
    assert m.types(M.PlaceDots(CHEN, {FOOD: 1})) == ["Arrived", "DotsPlaced"]


def test_a_correction_replaces_the_dots_in_the_open_round() -> None:
    m = on_vote()
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {HOUSING: 2}))
    assert m.types(M.CorrectDots(ANA, {FOOD: 1, SCHOOL: 2})) == ["DotsCorrected"]
    placed = vote(m).round.placements[ANA]  # type: ignore[union-attr]
    assert placed.dots == {FOOD: 1, SCHOOL: 2} and placed.corrected
    assert totals(m)[HOUSING] == 0


def test_a_recusal_after_placing_takes_the_dots_out_of_the_count() -> None:
    m = on_vote()
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {HOUSING: 2}), M.PlaceDots(BO, {FOOD: 1}))
    m.do(C.Recuse(ANA, "I chair the housing fund"))
    assert totals(m)[HOUSING] == 0 and totals(m)[FOOD] == 1


def test_leaving_after_placing_keeps_the_dots() -> None:
    m = on_vote()
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {HOUSING: 2}), C.Leave(ANA))
    assert totals(m)[HOUSING] == 2


def test_a_tie_at_the_top_goes_to_a_second_round_among_the_tied() -> None:
    m = on_vote()
    m.do(M.OpenDotVote())
    m.do(M.PlaceDots(ANA, {HOUSING: 2}), M.PlaceDots(BO, {FOOD: 2}))
    m.do(M.PlaceDots(CHEN, {HOUSING: 1, FOOD: 1, SCHOOL: 1}), M.PlaceDots(DEE, {SCHOOL: 1}))
    m.do(M.CloseDotVote())
    result = M.ranking(vote(m).round, m.state.items[ITEM])  # type: ignore[arg-type]
    assert [s.rank for s in result] == [1, 1, 3, 4]
    assert M.top_tie(result) == (HOUSING, FOOD)
    assert m.types(M.SecondDotRound()) == ["DotVoteOpened"]
    second = vote(m).round
    assert second is not None and second.number == 2 and second.options == [HOUSING, FOOD]
    m.refused(M.PlaceDots(ANA, {SCHOOL: 1}), "'School garden' is not an option in round 2")
    m.do(*(M.PlaceDots(n, {FOOD: 1}) for n in (ANA, BO, CHEN)), M.PlaceDots(DEE, {HOUSING: 1}))
    m.do(M.CloseDotVote())
    assert totals(m) == {FOOD: 3, HOUSING: 1}
    assert len(vote(m).rounds) == 2
    m.refused(M.SecondDotRound(), "not tied")
    assert m.replayed() == m.state


def test_a_tie_that_stands_after_the_second_round_is_for_the_circle() -> None:
    m = on_vote(present=(ANA, BO))
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {HOUSING: 1}), M.PlaceDots(BO, {FOOD: 1}))
    m.do(M.CloseDotVote(), M.SecondDotRound())
    m.do(M.PlaceDots(ANA, {HOUSING: 1}), M.PlaceDots(BO, {FOOD: 1}), M.CloseDotVote())
    m.refused(M.SecondDotRound(), "the second round is tied too: settle it in discussion")


def test_closing_records_who_was_not_in() -> None:
    m = on_vote()
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {HOUSING: 1}), M.CloseDotVote())
    assert vote(m).round.not_in == [BO, CHEN, DEE]  # type: ignore[union-attr]


def test_finishing_the_item_mid_round_closes_it_cut_short() -> None:
    m = on_vote()
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {HOUSING: 1}), C.FinishItem())
    rnd = M.dot_vote_of(m.state.items[ITEM]).round  # type: ignore[union-attr]
    assert rnd is not None and rnd.closed and rnd.cut_short
    assert m.replayed() == m.state


def test_every_step_is_undone() -> None:
    m = on_vote()
    steps: list[Any] = [
        M.OpenDotVote(),
        M.PlaceDots(ANA, {HOUSING: 2}),
        M.PlaceDots(BO, {HOUSING: 2}),
        M.PlaceDots(CHEN, {FOOD: 2}),
        M.PlaceDots(DEE, {FOOD: 1}),
        M.CorrectDots(DEE, {FOOD: 2, SCHOOL: 1}),  # the top is tied: 4 and 4
        M.CloseDotVote(),
        M.SecondDotRound(),
        M.PlaceDots(ANA, {FOOD: 1}),
    ]
    states = []
    for step in steps:
        states.append(without_log(copy.deepcopy(m.state)))
        m.do(step)
    for before in reversed(states):
        m.do(C.Undo())
        assert without_log(m.state) == before


def test_undo_wording_names_each_step() -> None:
    m = on_vote()
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {HOUSING: 2, FOOD: 1}))
    undone = m.do(C.Undo())[-1]
    assert undone["what"] == f"{ANA}'s dots (3 dots)"
    m.do(C.Undo())
    assert m.do(C.Redo())[-1].type == "Redone"


# --- refusals -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "match"),
    [
        (M.PlaceDots(ANA, {HOUSING: 4}), f"{ANA} has 3 dots, and 4 were placed"),
        (M.PlaceDots(ANA, {HOUSING: 1, FOOD: 1, SCHOOL: 2}), "has 3 dots, and 4"),
        (M.PlaceDots(ANA, {HOUSING: 3}), "at most 2 dots on one option: 'Housing fund' has 3"),
        (M.PlaceDots(ANA, {"Pizza": 1}), "'Pizza' is not an option: the options are Housing"),
        (M.PlaceDots(ANA, {HOUSING: -1}), "must be a whole number, 0 or more"),
        (M.PlaceDots(ANA, {HOUSING: True}), "must be a whole number"),
        (M.PlaceDots(ANA, {HOUSING: 1.5}), "must be a whole number"),  # type: ignore[dict-item]
        (M.PlaceDots(ANA, {HOUSING: 1, "housing FUND": 1}), "is given twice"),
        (M.PlaceDots(ANA, [HOUSING]), "dots are given per option"),  # type: ignore[arg-type]
        (M.PlaceDots(FAY, {HOUSING: 1}), "observer"),
        (M.PlaceDots("Zed", {HOUSING: 1}), "not on this meeting's participant list"),
        (M.CorrectDots(ANA, {HOUSING: 1}), "has not placed dots in this round"),
        (M.SecondDotRound(), "close this one first"),
        (M.OpenDotVote(), "already open"),
    ],
)
def test_a_bad_placement_is_refused_and_writes_nothing(command: Any, match: str) -> None:
    m = on_vote()
    m.do(M.OpenDotVote())
    m.refused(command, match)


def test_refusals_around_the_round() -> None:
    m = on_vote()
    m.refused(M.PlaceDots(ANA, {HOUSING: 1}), "not open yet")
    m.refused(M.CloseDotVote(), "not open yet")
    m.do(M.OpenDotVote())
    m.refused(M.CloseDotVote(), "no voting member has placed dots")
    m.do(M.PlaceDots(ELI, {FOOD: 1}))
    m.refused(M.CloseDotVote(), "no voting member has placed dots")
    m.do(M.PlaceDots(ANA, {FOOD: 1}))
    m.refused(M.PlaceDots(ANA, {FOOD: 1}), "already placed their dots: correct them")
    m.refused(M.CorrectDots(ANA, {"Food hub": 1}), "already placed that way")
    m.do(C.Recuse(BO, "my employer"))
    m.refused(M.PlaceDots(BO, {FOOD: 1}), "recused")
    m.do(M.CloseDotVote())
    m.refused(M.PlaceDots(CHEN, {FOOD: 1}), "round 1 of the dot vote is closed")
    m.refused(M.CorrectDots(ANA, {HOUSING: 1}), "is closed")
    m.refused(M.OpenDotVote(), "was held")
    m.refused(M.SecondDotRound(), "not tied")


def test_off_the_record_no_dots_are_placed_nor_rounds_closed() -> None:
    m = on_vote()
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {FOOD: 1}), C.SetOffRecord(True))
    m.refused(M.PlaceDots(BO, {FOOD: 1}), "off the record")
    m.refused(M.CloseDotVote(), "off the record")


def test_the_commands_need_a_dot_vote_item() -> None:
    m = on_vote()
    m.do(C.StartItem("item-3"))
    m.refused(M.OpenDotVote(), "'Outreach plan' is not a dot-vote item")
    m.refused(M.PlaceDots(ANA, {FOOD: 1}), "not a dot-vote item")


def test_the_events_go_through_the_journal_format() -> None:
    m = on_vote()
    m.do(M.OpenDotVote(), M.PlaceDots(ANA, {FOOD: 1, HOUSING: 2}))
    record = json.loads(json.dumps(m.sink.records[-1]))
    assert record["dots"] == {HOUSING: 2, FOOD: 1}, "in the options' order, as typed or not"
    missing = {k: v for k, v in record.items() if k != "counted"}
    with pytest.raises(ValueError, match="DotsPlaced event is missing counted"):
        event_from_record(missing)


# --- the agenda keys ----------------------------------------------------------------


def test_default_dots_is_one_per_four_options_at_least_one() -> None:
    assert [M.default_dots(n) for n in (2, 3, 4, 7, 8, 12)] == [1, 1, 1, 1, 2, 3]
    assert M.settings_from({"kind": "dot-vote", "options": ["a", "b", "c"]}) == M.Settings(
        ("a", "b", "c"), 1, None
    )
    assert M.settings_from({"kind": "discussion"}) is None


@pytest.mark.parametrize(
    ("keys", "issues"),
    [
        ({"options": ["A", "B"], "dots": 2}, []),
        ({"options": "A, B", "dots": True}, []),  # wrong types: the keys' own errors
        ({"options": ["A"]}, [(("options",), "at least 2 options")]),
        ({"options": ["A", " a "]}, [(("options", 1), "'a' is listed twice (also option 1)")]),
        ({"options": ["A", "  "]}, [(("options", 1), "cannot be blank")]),
        ({"options": ["A", "B"], "dots": 0}, [(("dots",), "at least 1")]),
        ({"options": ["A", "B"], "dots": 2, "max_per_option": 0}, [(("max_per_option",), "")]),
        (
            {"options": ["A", "B"], "dots": 2, "max_per_option": 3},
            [(("max_per_option",), "max_per_option = 3 is more than the 2 dots")],
        ),
        (
            {"options": ["A", "B", "C"], "max_per_option": 2},
            [(("max_per_option",), "more than the 1 dots")],
        ),
        (
            {"options": ["A", "B"], "dots": 5, "max_per_option": 2},
            [(("dots",), "2 options with at most 2 each take only 4")],
        ),
    ],
)
def test_agenda_keys_are_checked_with_their_place(
    keys: dict[str, Any], issues: list[tuple[tuple[Any, ...], str]]
) -> None:
    found = M.agenda_issues({"kind": "dot-vote", **keys})
    assert [path for path, _ in found] == [path for path, _ in issues]
    for (_, message), (_, part) in zip(found, issues, strict=True):
        assert part in message


# --- properties ---------------------------------------------------------------------

PEOPLE = (ANA, BO, CHEN, DEE, ELI, FAY, "Zed")
SEEN: dict[str, int] = {"accepted": 0, "refused": 0, "closed": 0, "second": 0}
"""Counted over the run, so the property is known to reach deep states."""
ALLOCATION = st.dictionaries(
    st.sampled_from((*OPTIONS, "Pizza", "food hub")), st.integers(-1, 4), max_size=4
)


class RandomDotVote(RuleBasedStateMachine):
    """A dot vote driven by random commands, valid and not, checked after every one."""

    @initialize(opened=st.booleans())
    def start(self, opened: bool) -> None:
        self.agenda = dot_agenda()
        self.clock = FakeClock()
        self.sink = MemorySink()
        self.session = Session(self.agenda, self.sink, self.clock)
        self.session.do(C.StartMeeting((ANA, BO, CHEN, ELI)))
        self.session.do(C.StartItem(ITEM))
        if opened:
            self.session.do(M.OpenDotVote())

    @rule(
        command=st.one_of(
            st.just(M.OpenDotVote()),
            st.just(M.CloseDotVote()),
            st.just(M.SecondDotRound()),
            st.just(C.Undo()),
            st.just(C.Redo()),
            st.builds(M.PlaceDots, st.sampled_from(PEOPLE), ALLOCATION),
            st.builds(M.CorrectDots, st.sampled_from(PEOPLE), ALLOCATION),
            st.builds(C.Recuse, st.sampled_from((ANA, BO)), st.just("conflict")),
            st.builds(C.Leave, st.sampled_from((ANA, CHEN))),
            st.builds(C.Arrive, st.sampled_from((ANA, CHEN, DEE))),
        )
    )
    def do(self, command: Any) -> None:
        self.clock.advance(3)
        before = replay(self.agenda, self.session.state.events)
        written = len(self.sink.records)
        try:
            self.session.do(command)
        except DomainError as e:
            assert str(e)
            assert self.session.state == before, f"{command} was refused but changed the state"
            assert len(self.sink.records) == written, f"{command} was refused but wrote"
            SEEN["refused"] += 1
            return
        SEEN["accepted"] += 1
        SEEN["closed"] += isinstance(command, M.CloseDotVote)
        SEEN["second"] += isinstance(command, M.SecondDotRound)
        if not isinstance(command, C.Undo | C.Redo):
            state = self.session.state
            twin = Session(self.agenda, MemorySink(), FakeClock(self.clock.mono), state.events)
            twin.do(C.Undo())
            assert without_log(twin.state) == without_log(before), "undo did not restore"

    @rule(
        name=st.sampled_from((ANA, BO, CHEN, DEE, ELI)),
        dots=st.sampled_from(({HOUSING: 2}, {FOOD: 2}, {HOUSING: 1, FOOD: 1}, {SCHOOL: 1}, {})),
        close=st.booleans(),
    )
    def place_valid(self, name: str, dots: dict[str, int], close: bool) -> None:
        """A placement that fits the budget (ties at the top come often), then maybe a close
        and a second round: random words rarely get that far."""
        self.do(M.PlaceDots(name, dots))
        if close:
            self.do(M.CloseDotVote())
            self.do(M.SecondDotRound())

    @invariant()
    def replay_equals_live(self) -> None:
        events = [event_from_record(json.loads(json.dumps(r))) for r in self.sink.records]
        assert replay(self.agenda, events) == self.session.state

    @invariant()
    def totals_are_the_placements_and_never_over_budget(self) -> None:
        item = self.session.state.items[ITEM]
        found = M.dot_vote_of(item)
        assert found is not None
        rules = found.settings
        for rnd in found.rounds:
            result = {s.option: (s.dots, s.advisory) for s in M.ranking(rnd, item)}
            for option in rnd.options:
                placed = [p for p in rnd.placements.values() if p.name not in item.recused]
                assert result[option] == (
                    sum(p.dots.get(option, 0) for p in placed if p.counted),
                    sum(p.dots.get(option, 0) for p in placed if not p.counted),
                )
            for p in rnd.placements.values():
                assert p.total <= rules.dots
                assert set(p.dots) <= set(rnd.options)
                assert all(0 < n <= (rules.max_per_option or rules.dots) for n in p.dots.values())
                assert self.session.state.people[p.name.casefold()].role != "observer"
            assert rnd.closed or rnd is found.round


def test_random_dot_votes_keep_their_invariants() -> None:
    run_state_machine_as_test(
        RandomDotVote, settings=settings(max_examples=60, stateful_step_count=25)
    )
    assert SEEN["accepted"] and SEEN["refused"] and SEEN["closed"], SEEN
    print(f"dot-vote properties: {SEEN}")
