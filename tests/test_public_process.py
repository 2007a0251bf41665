"""What the public may see of a vote, a role selection and a dot vote (`core.public_process`),
pure: engine sessions on a FakeClock, the projection read after every command.

Canaries: a voting member whose name is a unique word votes in a secret vote, and every
reason given in a selection (a nomination's, a change's, an objection's) carries one; none
may ever be in what the public receives. The members' view (`public_view`) carries the same
projection for the current item, and nothing of a confidential item.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.public_process import PublicProcess, public_process
from facilitator.core.public_view import public_view
from facilitator.processes.dot_vote import model as D
from facilitator.processes.selection import model as S
from facilitator.processes.vote import model as V
from tests.dot_vote_support import FOOD, HOUSING, SCHOOL, dot_item
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, FAY, Meeting, make_agenda

CANARY = "Zq8canaryVOTER"
"""A voting member's name; a secret vote never shows it."""
WHY = "Zq8canaryWHY"
"""In every reason given during the selection: the public never sees a reason."""

PEOPLE = [
    {"name": ANA},
    {"name": BO},
    {"name": CHEN},
    {"name": DEE},
    {"name": CANARY},
    {"name": ELI, "role": "guest"},
    {"name": FAY, "role": "observer"},
]
HERE = (ANA, BO, CHEN, DEE, CANARY, ELI)


def agenda(**vote: Any) -> Agenda:
    """A vote (its keys updated with `vote`), a selection, a dot vote, a confidential vote."""
    return make_agenda(
        participants=PEOPLE,
        items=[
            {
                "title": "Dues",
                "kind": "vote",
                "duration": "10m",
                "motion": "Dues rise by 5%.",
                "threshold": "2/3",
                **vote,
            },
            {
                "title": "Delegate",
                "kind": "selection",
                "duration": "30m",
                "role": "Delegate to the network",
                "term": "1 year",
            },
            dot_item(),
            {
                "title": "Staff pay",
                "kind": "vote",
                "duration": "10m",
                "motion": f"{CANARY} motion",
                "confidential": True,
            },
        ],
    )


def meeting(item: str, **vote: Any) -> Meeting:
    """The meeting started with everyone but the observer here, on `item`."""
    m = Meeting(agenda(**vote))
    m.do(C.StartMeeting(HERE), C.StartItem(item))
    return m


def seen(m: Meeting) -> PublicProcess:
    """The current item's process as the public sees it."""
    return public_process(m.state, m.state.current_item)


def text(m: Meeting) -> str:
    """All of it as JSON text, and the members' view's item too (to look for canaries)."""
    shown = json.dumps(dataclasses.asdict(seen(m)))
    view = public_view(m.state, m.now).to_json()
    return shown + json.dumps(view["item"])


def test_a_secret_vote_never_carries_a_name_only_totals() -> None:
    m = meeting("item-1", secret=True)
    steps = [V.OpenVote(), V.SetVoteTotals(3, 1, 1), V.SetVoteTotals(4, 1, 0), V.CloseVote()]
    assert CANARY not in text(m)
    vote = seen(m).vote
    assert vote is not None and vote.stage == "waiting" and not vote.open
    assert (vote.motion, vote.threshold, vote.of, vote.secret) == (
        "Dues rise by 5%.",
        "2/3",
        "cast",
        True,
    )
    for command in steps:
        m.do(command)
        shown = text(m)
        for name in (CANARY, ANA, BO, CHEN, DEE):
            assert name not in shown, (command, name)
    vote = seen(m).vote
    assert vote is not None and vote.stage == "closed" and vote.ballots == ()
    assert vote.result is not None
    r = vote.result
    assert (r.result, r.votes_for, r.against, r.abstain, r.base, r.needed, r.share) == (
        "carried",
        4,
        1,
        0,
        5,
        4,
        "80%",
    )


def test_an_open_vote_shows_nobody_s_vote_until_it_is_closed() -> None:
    m = meeting("item-1")
    m.do(V.OpenVote())
    assert seen(m).vote.open  # type: ignore[union-attr]
    for name, choice in ((ANA, "for"), (BO, "for"), (CHEN, "against"), (CANARY, "for")):
        m.do(V.CastVote(name, choice))
        vote = seen(m).vote
        assert vote is not None and vote.result is None and vote.ballots == ()
        assert choice not in json.dumps(dataclasses.asdict(vote)).replace('"motion"', "")
    m.do(V.CloseVote())
    vote = seen(m).vote
    assert vote is not None and vote.result is not None and vote.result.result == "carried"
    # Once closed, an open vote taken person by person lists each vote, as the minutes do.
    assert [(b.name, b.choice) for b in vote.ballots] == [
        (ANA, "for"),
        (BO, "for"),
        (CHEN, "against"),
        (CANARY, "for"),
    ]
    assert public_view(m.state, m.now).to_json()["item"]["vote"]["result"]["share"] == "75%"


def test_a_selection_shows_the_nominees_only_after_the_nominations_round() -> None:
    m = meeting("item-2")
    sel = seen(m).selection
    assert sel is not None and sel.stage == "present" and sel.role == "Delegate to the network"
    assert sel.term == "1 year" and sel.nominees == () and sel.tally is None
    m.do(S.SelectionStage("nominate"), S.SelectionStage("nominations"))
    for who, nominee in ((ANA, BO), (BO, CHEN), (CHEN, BO), (DEE, BO), (CANARY, CHEN)):
        m.do(S.Nominate(nominee, f"{WHY} {who}"))
        # Said in the round one by one; counted in public only once the round is over.
        assert seen(m).selection.nominees == ()  # type: ignore[union-attr]
    m.do(S.NominationPass(ELI))
    m.do(S.SelectionStage("change"))
    sel = seen(m).selection
    assert sel is not None
    assert [(n.name, n.nominations, n.advisory) for n in sel.nominees] == [(BO, 3, 0), (CHEN, 2, 0)]
    m.do(S.Nominate(BO, f"{WHY} change", name=CANARY))
    assert [(n.name, n.nominations) for n in seen(m).selection.nominees] == [(BO, 4), (CHEN, 1)]  # type: ignore[union-attr]
    m.do(S.ProposeNominee(BO, f"{WHY} strongest"))
    sel = seen(m).selection
    assert sel is not None and sel.proposed == BO and sel.stage == "consent"
    # Bo, the nominee, is asked last; the guest is asked too (advisory).
    assert (sel.heard, sel.asked, sel.next) == (0, 6, ANA)
    m.do(S.SelectionRespond("consent"), S.SelectionRespond("object", f"{WHY} objection"))
    sel = seen(m).selection
    assert sel is not None and (sel.heard, sel.next, sel.objections) == (2, DEE, 1)
    assert sel.tally == {"consent": 1, "object": 1}
    m.do(S.ResolveObjection(CHEN, f"{WHY} resolved"), S.SelectionRespond("consent", name=CHEN))
    for _ in range(3):
        m.do(S.SelectionRespond("consent"))
    assert seen(m).selection.next == BO  # type: ignore[union-attr]
    m.do(S.SelectionRespond("consent"), S.SelectNominee())
    sel = seen(m).selection
    assert sel is not None and sel.selected == BO and sel.stage == "selected" and sel.next is None
    assert WHY not in text(m)


def test_a_dot_vote_shows_its_totals_only_once_everyone_is_in() -> None:
    m = meeting("item-3")
    dots = seen(m).dot_vote
    assert dots is not None and dots.round == 0 and dots.results == ()
    m.do(D.OpenDotVote())
    voters = (ANA, BO, CHEN, DEE, CANARY)
    for n, name in enumerate(voters):
        m.do(D.PlaceDots(name, {HOUSING: 2, FOOD: 1} if n % 2 else {SCHOOL: 2, FOOD: 1}))
        dots = seen(m).dot_vote
        assert dots is not None
        if n < len(voters) - 1:
            assert dots.hidden and dots.results == () and dots.waiting_for == len(voters) - n - 1
            assert public_view(m.state, m.now).to_json()["item"]["dot_vote"]["results"] == []
        assert dots.placed == voters[: n + 1]
    dots = seen(m).dot_vote
    assert dots is not None and not dots.hidden
    assert [(s.option, s.dots, s.rank) for s in dots.results][:3] == [
        (SCHOOL, 6, 1),
        (FOOD, 5, 2),
        (HOUSING, 4, 3),
    ]


def test_a_confidential_item_shows_nothing_of_its_process() -> None:
    m = meeting("item-4")
    m.do(V.OpenVote(), V.SetVoteTotals(3, 0, 0), V.CloseVote())
    assert seen(m) == PublicProcess()
    item = public_view(m.state, m.now).to_json()["item"]
    assert item["vote"] is None and item["selection"] is None and item["dot_vote"] is None
    assert CANARY not in json.dumps(item)
