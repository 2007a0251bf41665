"""`AddItem` with the kind's process keys (issue 13): a vote, a selection, a dot vote or a
proposal with its method can be added during the meeting, its keys held to the rules
`facilitator check` applies to an agenda (`core.item_keys`), each refusal naming its key and
writing nothing; the added item runs like an agenda's, and replay equals live."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.core import commands as C
from facilitator.core.item_keys import item_keys_issues
from facilitator.processes.consent.model import consent_of
from facilitator.processes.dot_vote import model as D
from facilitator.processes.selection.model import selection_of
from facilitator.processes.vote import model as V
from tests.engine_support import ANA, BO, CHEN, DEE, Meeting, on_item, without_log


def added(m: Meeting, kind: str, **keys: Any) -> str:
    """Add an item of `kind` with `keys` after the current one; its id."""
    events = m.do(C.AddItem(f"Live {kind}", 600, kind=kind, keys=keys))
    assert [e.type for e in events] == ["ItemAdded"]
    return str(events[0]["item_id"])


def test_a_vote_added_live_runs_to_its_result_and_replays() -> None:
    m = on_item("item-3")
    item_id = added(m, "vote", motion=" Dues rise by 5%. ", threshold="2/3", of="present")
    record = m.sink.records[-1]
    assert (record["motion"], record["threshold"], record["of"], record["secret"]) == (
        " Dues rise by 5%. ",
        "2/3",
        "present",
        False,
    )
    vote = V.vote_of(m.state.items[item_id])
    assert vote is not None and (vote.motion, vote.threshold, vote.of) == (
        "Dues rise by 5%.",
        "2/3",
        "present",
    )
    m.do(C.StartItem(item_id), V.OpenVote())
    for name, choice in ((ANA, "for"), (BO, "for"), (CHEN, "for"), (DEE, "against")):
        m.do(V.CastVote(name, choice))
    m.do(V.CloseVote())
    vote = V.vote_of(m.state.items[item_id])
    assert vote is not None and vote.result is not None
    assert (vote.result.result, vote.result.base, vote.result.needed) == ("carried", 4, 3)
    assert without_log(m.replayed()) == without_log(m.state)


def test_a_selection_a_dot_vote_and_a_proposal_s_method_are_added_with_their_keys() -> None:
    m = on_item("item-3")
    sel_id = added(m, "selection", role="Treasurer", term="2 years")
    sel = selection_of(m.state.items[sel_id])
    assert sel is not None and (sel.role, sel.term, sel.stage) == (
        "Treasurer",
        "2 years",
        "present",
    )
    dots_id = added(m, "dot-vote", options=["Roof", "Garden", "Bikes"], max_per_option=1)
    dots = D.dot_vote_of(m.state.items[dots_id])
    assert dots is not None
    assert dots.settings == D.Settings(("Roof", "Garden", "Bikes"), dots=1, max_per_option=1)
    m.do(
        C.AddItem(
            "Live proposal",
            600,
            kind="proposal",
            proposal="We paint.",
            keys={"method": "fist-to-five", "pass_min": 2},
        )
    )
    consent = consent_of(m.state.items[m.state.order[m.state.order.index("item-3") + 1]])
    assert consent is not None and (consent.method, consent.pass_min) == ("fist-to-five", 2)
    assert without_log(m.replayed()) == without_log(m.state)


@pytest.mark.parametrize(
    ("kind", "keys", "match"),
    [
        ("vote", {}, r"`motion`: required on a vote item"),
        ("vote", {"motion": "  "}, r"`motion`: the motion is empty"),
        (
            "vote",
            {"motion": "M", "threshold": "half"},
            r'`threshold`: threshold must be "majority"',
        ),
        ("vote", {"motion": "M", "of": "everyone"}, r"`of`: of must be"),
        ("vote", {"motion": "M", "secret": "yes"}, r"`secret`: must be true or false"),
        (
            "vote",
            {"motion": "M", "options": ["a", "b"]},
            r"`options`: not a key of a vote item \(its keys: motion, threshold, of, secret\)",
        ),
        ("dot-vote", {"options": ["Roof"]}, r"`options`: a dot vote needs at least 2 options"),
        ("dot-vote", {"options": ["Roof", "roof "]}, r"`options\[2\]`: 'roof' is listed twice"),
        ("dot-vote", {"options": ["A", "B"], "dots": 0}, r"`dots`: `dots` is how many"),
        ("selection", {"term": "1 year"}, r"`role`: required on a selection item"),
        (
            "discussion",
            {"motion": "M"},
            r"`motion`: not a key of a discussion item, which takes none",
        ),
        ("proposal", {"method": "consensos"}, r'`method`: `method` is "consensos", but must be'),
        ("proposal", {"pass_min": 2}, r"`pass_min`"),
    ],
)
def test_a_bad_key_is_refused_by_the_check_rules_and_writes_nothing(
    kind: str, keys: dict[str, Any], match: str
) -> None:
    m = on_item("item-3")
    proposal = "We paint." if kind == "proposal" else None
    m.refused(C.AddItem("Live", 600, kind=kind, proposal=proposal, keys=keys), match)


def test_the_rules_are_those_check_applies_to_an_agenda() -> None:
    """The same function the loader's rules come from: a file item and a live item agree."""
    from facilitator.store.agenda_file import AgendaFileError, load_agenda_text

    toml = (
        '[meeting]\ntitle = "T"\n[[items]]\ntitle = "Dots"\nduration = 5\nkind = "dot-vote"\n'
        'options = ["Roof"]\n'
    )
    with pytest.raises(AgendaFileError, match="a dot vote needs at least 2 options"):
        load_agenda_text(toml, "a.toml")
    assert item_keys_issues("dot-vote", {"options": ["Roof"]}) == [
        (("options",), "a dot vote needs at least 2 options")
    ]
