"""The counted vote, pure and fast: the arithmetic at every boundary, who may vote, quorum,
secrecy, refusals that write nothing, and the property that holds over random sequences
(replay equals live, undo restores, a refused command writes nothing)."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core import commands as C
from facilitator.core.clock import FakeClock
from facilitator.core.errors import DomainError
from facilitator.core.events import event_from_record
from facilitator.core.fold import replay
from facilitator.core.session import MemorySink, Session
from facilitator.processes.vote.model import (
    CastVote,
    CloseVote,
    OpenVote,
    SetVoteTotals,
    Vote,
    needed,
    percent,
    vote_of,
)
from tests.engine_support import (
    ANA,
    BO,
    CHEN,
    DEE,
    ELI,
    FAY,
    MEMBERS,
    Meeting,
    make_agenda,
    on_item,
    without_log,
)

VOTE_ITEM = "item-5"
"""The vote's id in `_agenda`: after the four items of the base agenda."""


def _agenda(**keys: Any) -> Any:
    items = [
        {"title": "Check-in", "kind": "round", "duration": "10m"},
        {"title": "Report", "kind": "report", "duration": "5m"},
        {"title": "Talk", "kind": "discussion", "duration": "5m"},
        {"title": "Budget", "kind": "proposal", "duration": "5m", "proposal": "Adopt it."},
        {
            "title": "Amend bylaw 4.2",
            "kind": "vote",
            "duration": "15m",
            "motion": "Article 4.2 is amended.",
            **keys,
        },
    ]
    meeting = {"quorum": keys.pop("quorum")} if "quorum" in keys else {}
    for item in items:
        item.pop("quorum", None)
    return make_agenda(items=items, meeting=meeting)


def _on_vote(present: tuple[str, ...] = (ANA, BO, CHEN, DEE, ELI, FAY), **keys: Any) -> Meeting:
    return on_item(VOTE_ITEM, _agenda(**keys), present)


def _vote(m: Meeting) -> Vote:
    vote = vote_of(m.state.items[VOTE_ITEM])
    assert vote is not None
    return vote


# ---- the arithmetic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "base", "need"),
    [
        ("2/3", 60, 40),
        ("2/3", 3, 2),
        ("2/3", 4, 3),
        ("2/3", 1, 1),
        ("3/4", 4, 3),
        ("3/4", 5, 4),
        ("3/4", 100, 75),
        ("majority", 50, 26),
        ("majority", 51, 26),
        ("majority", 1, 1),
        ("majority", 2, 2),
        ("unanimous", 7, 7),
        ("majority", 0, 1),
    ],
)
def test_the_votes_needed_at_the_boundary(threshold: str, base: int, need: int) -> None:
    assert needed(threshold, base) == need


_SHARE = {"majority": Fraction(1, 2), "2/3": Fraction(2, 3), "3/4": Fraction(3, 4)}


@given(
    threshold=st.sampled_from(["majority", "2/3", "3/4", "unanimous"]),
    base=st.integers(1, 10_000),
    data=st.data(),
)
def test_needed_is_exact_against_fractions(threshold: str, base: int, data: Any) -> None:
    for_ = data.draw(st.integers(0, base))
    carries = for_ >= needed(threshold, base)
    if threshold == "majority":
        assert carries == (Fraction(for_, base) > _SHARE["majority"])
    elif threshold == "unanimous":
        assert carries == (for_ == base)
    else:
        assert carries == (Fraction(for_, base) >= _SHARE[threshold])


def test_a_share_is_cut_never_rounded_up() -> None:
    assert [percent(41, 50), percent(40, 60), percent(2, 3), percent(0, 0)] == [
        "82%",
        "66.6%",
        "66.6%",
        "0%",
    ]


# ---- a vote from start to end --------------------------------------------------------------


def test_totals_give_the_result_with_threshold_and_base() -> None:
    m = _on_vote(threshold="2/3")
    m.do(OpenVote(), SetVoteTotals(3, 1, 0), CloseVote())
    result = _vote(m).result
    assert result is not None
    assert result.line("2/3", "cast") == (
        "carried: 3 for, 1 against, 0 abstaining; 75% of votes cast, 2/3 needed (3 of 4)"
    )


def test_a_whole_vote_writes_every_vote_event() -> None:
    from facilitator.processes.vote.model import PROCESS

    m = _on_vote()
    m.do(OpenVote(), CastVote(ANA, "for"), C.Undo(), SetVoteTotals(3, 1, 0), CloseVote())
    written = {str(r["type"]) for r in m.sink.records}
    assert set(PROCESS.events) <= written


def test_two_thirds_of_sixty_cast_is_forty() -> None:
    people = [{"name": f"Member {i:02}"} for i in range(60)]
    agenda = make_agenda(
        participants=people,
        items=[{"title": "V", "kind": "vote", "duration": 5, "motion": "M", "threshold": "2/3"}],
    )
    for for_, result in ((40, "carried"), (39, "failed")):
        m = on_item("item-1", agenda, tuple(p["name"] for p in people))
        m.do(OpenVote(), SetVoteTotals(for_, 60 - for_, 0), CloseVote())
        vote = vote_of(m.state.items["item-1"])
        assert vote is not None and vote.result is not None
        assert (vote.result.result, vote.result.needed, vote.result.base) == (result, 40, 60)


def test_abstentions_count_against_when_measured_against_those_present() -> None:
    m = _on_vote(of="present")
    m.do(OpenVote(), SetVoteTotals(2, 0, 2), CloseVote())
    r = _vote(m).result
    assert r is not None and (r.result, r.base, r.needed) == ("failed", 4, 3)
    cast = _on_vote(of="cast")
    cast.do(OpenVote(), SetVoteTotals(2, 0, 2), CloseVote())
    r = _vote(cast).result
    assert r is not None and (r.result, r.base) == ("carried", 2)


def test_members_counts_the_absent_but_not_the_recused() -> None:
    m = _on_vote(present=(ANA, BO, CHEN), of="members")
    m.do(C.Recuse(CHEN, "my own firm"), OpenVote(), SetVoteTotals(2, 0, 0), CloseVote())
    r = _vote(m).result
    assert r is not None and (r.base, r.needed, r.result) == (3, 2, "carried")


def test_person_by_person_and_a_changed_mind() -> None:
    m = _on_vote(threshold="unanimous")
    m.do(OpenVote(), *(CastVote(n, "for") for n in MEMBERS), CastVote(DEE, "abstain"))
    assert _vote(m).ballots == {ANA: "for", BO: "for", CHEN: "for", DEE: "abstain"}
    m.do(CloseVote())
    r = _vote(m).result
    assert r is not None and (r.for_, r.abstain, r.base, r.result) == (3, 1, 3, "carried")


# ---- who votes, quorum, secrecy: refused, and nothing written ----------------------------


@pytest.mark.parametrize(
    ("name", "match"),
    [
        (ELI, "Eli Guest is a guest: only voting members vote"),
        (FAY, "Fay Observer is an observer: only voting members vote"),
        ("Nobody", "not on this meeting's participant list"),
    ],
)
def test_only_voting_members_vote(name: str, match: str) -> None:
    m = _on_vote()
    m.do(OpenVote())
    m.refused(CastVote(name, "for"), match)


def test_the_recused_and_the_absent_do_not_vote() -> None:
    m = _on_vote(present=(ANA, BO, CHEN))
    m.do(C.Recuse(BO, "conflict"), OpenVote())
    m.refused(CastVote(BO, "for"), "Bo Tran recused from this item")
    m.refused(CastVote(DEE, "for"), "Dee Okafor is not marked present")
    m.refused(SetVoteTotals(3, 0, 0), "3 votes, but only 2 voting members may vote")


def test_a_ballot_cast_before_a_recusal_is_not_counted() -> None:
    m = _on_vote()
    m.do(OpenVote(), CastVote(ANA, "for"), CastVote(BO, "against"), C.Recuse(ANA, "late"))
    m.do(CloseVote())
    r = _vote(m).result
    assert r is not None and (r.for_, r.against, r.result) == (0, 1, "failed")


def test_no_vote_without_quorum() -> None:
    m = _on_vote(present=(ANA, BO), quorum=3)
    m.refused(OpenVote(), r"no quorum \(2 voting members present, 3 needed")
    m.do(C.Arrive(CHEN), OpenVote(), SetVoteTotals(3, 0, 0), C.Leave(CHEN))
    m.refused(CloseVote(), "no quorum")


def test_a_secret_vote_records_no_name_anywhere() -> None:
    m = _on_vote(secret=True)
    m.do(OpenVote())
    m.refused(CastVote(ANA, "for"), "this is a secret vote: it is entered as totals")
    m.do(SetVoteTotals(3, 1, 0), CloseVote())
    vote_records = [r for r in m.sink.records if str(r.get("type", "")).startswith("Vote")]
    assert [r["type"] for r in vote_records] == ["VoteOpened", "VoteTotals", "VoteClosed"]
    text = json.dumps(vote_records)
    assert not [n for n in (ANA, BO, CHEN, DEE, ELI, FAY) if n in text]


def test_refusals_say_what_to_do() -> None:
    m = _on_vote()
    m.refused(SetVoteTotals(1, 0, 0), "the vote is not open yet: open it first")
    m.do(OpenVote())
    m.refused(OpenVote(), "already open")
    m.refused(CloseVote(), "no votes are entered yet")
    m.refused(CastVote(ANA, "maybe"), "for, against or abstain")
    m.refused(SetVoteTotals(-1, 0, 0), "whole numbers, 0 or more")
    m.do(CastVote(ANA, "for"))
    m.refused(SetVoteTotals(1, 0, 0), "being entered person by person")
    m.do(CloseVote())
    m.refused(CastVote(BO, "for"), "closed")
    other = on_item("item-3", _agenda())
    other.refused(OpenVote(), "this item is not a vote")


def test_nothing_of_a_vote_happens_off_the_record() -> None:
    m = _on_vote()
    m.do(C.SetOffRecord(True))
    m.refused(OpenVote(), "off the record: the vote belongs in the minutes")


def test_undo_takes_back_each_step() -> None:
    m = _on_vote()
    m.do(OpenVote(), SetVoteTotals(3, 1, 0), CloseVote())
    m.do(C.Undo())
    assert _vote(m).result is None and _vote(m).totals == (3, 1, 0)
    m.do(C.Undo(), C.Undo())
    assert not _vote(m).opened
    assert m.replayed() == m.state


# ---- the property over random sequences --------------------------------------------------

_NAMES = st.sampled_from([ANA, BO, CHEN, DEE, ELI, FAY, "Zed"])
_STEP = st.one_of(
    st.just(OpenVote()),
    st.just(CloseVote()),
    st.builds(CastVote, _NAMES, st.sampled_from(["for", "against", "abstain", "nay"])),
    st.builds(SetVoteTotals, st.integers(-1, 4), st.integers(0, 3), st.integers(0, 3)),
    st.builds(C.Recuse, _NAMES, st.just("conflict")),
    st.builds(C.Leave, _NAMES),
    st.builds(C.Arrive, _NAMES),
    st.just(C.SetOffRecord(True)),
    st.just(C.SetOffRecord(False)),
    st.just(C.Undo()),
    st.just(C.Redo()),
)


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(_STEP, max_size=18),
    keys=st.fixed_dictionaries(
        {
            "threshold": st.sampled_from(["majority", "2/3", "3/4", "unanimous"]),
            "of": st.sampled_from(["cast", "present", "members"]),
            "secret": st.booleans(),
        }
    ),
)
def test_replay_equals_live_undo_restores_refusals_write_nothing(
    steps: list[Any], keys: dict[str, Any]
) -> None:
    agenda = _agenda(**keys)
    m = on_item(VOTE_ITEM, agenda)
    for command in steps:
        before = replay(agenda, m.state.events)
        written = len(m.sink.records)
        try:
            m.session.do(command)
        except DomainError:
            assert m.state == before, f"{command} was refused but changed the state"
            assert len(m.sink.records) == written, f"{command} was refused but wrote"
            continue
        records = [json.loads(json.dumps(r)) for r in m.sink.records]
        assert replay(agenda, [event_from_record(r) for r in records]) == m.state
        if not isinstance(command, C.Undo | C.Redo):
            copy = Session(agenda, MemorySink(), FakeClock(m.clock.mono), m.state.events)
            copy.do(C.Undo())
            assert without_log(copy.state) == without_log(before), f"undo of {command}"
        vote = vote_of(m.state.items[VOTE_ITEM])
        assert vote is not None
        if vote.secret:
            assert not vote.ballots
        if vote.result is not None:
            r = vote.result
            assert (r.result == "carried") == (
                r.base > 0 and r.for_ >= needed(vote.threshold, r.base)
            )
