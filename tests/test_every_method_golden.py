"""Golden minutes for one meeting that uses every method (issue 13, "Done means"): a proposal
decided by each of the six consent-family methods, a role selection, a counted vote, a dot
vote and a confidential vote with a canary, run through the engine's commands on a fake
clock, written by the real writer, compared byte for byte with `golden/every-method.md`
(regenerate with UPDATE_GOLDEN=1), and read back through tomllib, markdown-it-py and pandoc.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from facilitator.core import commands as C
from facilitator.core.events import event_from_record
from facilitator.core.fold import replay
from facilitator.processes.consent import methods as M
from facilitator.processes.dot_vote import model as DV
from facilitator.processes.selection import model as S
from facilitator.processes.vote.model import CastVote, CloseVote, OpenVote
from facilitator.store.meeting_files import write_minutes
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, Meeting, make_agenda
from tests.method_runs import OUTCOME, POSITIONS, RUNS
from tests.minutes_parse import check_minutes, markdown_it_blocks, split_front_matter

GOLDEN = Path(__file__).parent / "golden" / "every-method.md"
CANARY = "qz-every-method-canary-7741"
VAN, GARDEN, LIBRARY = "Van share", "Community garden", "Tool library"
ROLE = "Treasurer"


def _items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [
        {
            "title": f"Decide by {name}",
            "kind": "proposal",
            "duration": "10m",
            "proposal": f"We try {name}.",
            "method": name,
        }
        for name in M.NAMES
    ]
    items += [
        {
            "title": "Select our treasurer",
            "kind": "selection",
            "duration": "20m",
            "role": ROLE,
            "term": "2 years",
        },
        {
            "title": "Amend bylaw 4.2",
            "kind": "vote",
            "duration": "10m",
            "motion": "Quorum is one third of members.",
            "threshold": "2/3",
        },
        {
            "title": "Priorities for 2027",
            "kind": "dot-vote",
            "duration": "10m",
            "options": [VAN, GARDEN, LIBRARY],
            "dots": 3,
            "max_per_option": 2,
        },
        {
            "title": "Land purchase",
            "kind": "vote",
            "duration": "10m",
            "motion": CANARY,
            "confidential": True,
        },
    ]
    return items


def _meeting() -> Meeting:
    m = Meeting(make_agenda(meeting={"quorum": 3}, items=_items()))
    m.do(C.StartMeeting((ANA, BO, CHEN, DEE, ELI)))
    for n, name in enumerate(M.NAMES, 1):
        m.do(C.StartItem(f"item-{n}"))
        m.tick(60)
        for who, word, reason in RUNS[name]:
            m.do(C.Respond(who, word, reason))
            m.tick(15)
        m.do(C.Respond(ELI, M.METHODS[name].yes))  # a guest: advisory, never counted
        m.do(C.RecordOutcome(OUTCOME.get(name, "adopted")))
        m.tick(30)
        m.do(C.FinishItem())
    # 7: the selection; Chen is nominated most, Bo objects, is heard, and consents.
    m.do(C.StartItem("item-7"), S.SelectionStage("nominate"), S.SelectionStage("nominations"))
    m.tick(120)
    m.do(
        S.Nominate(CHEN, "keeps the books already", name=ANA),
        S.Nominate(DEE, "good with numbers", name=BO),
        S.Nominate(CHEN, "willing to serve", name=CHEN),
        S.Nominate(CHEN, "steady", name=DEE),
        S.Nominate(DEE, "fresh eyes", name=ELI),  # the guest: advisory
    )
    m.tick(120)
    m.do(S.SelectionStage("change"))
    m.do(S.NominationPass(name=ANA), S.Nominate(CHEN, "Chen's answers convinced me", name=BO))
    m.do(S.NominationPass(name=CHEN), S.NominationPass(name=DEE))
    m.do(S.ProposeNominee(CHEN, "most nominations, and willing"))
    m.tick(60)
    m.do(S.SelectionRespond("consent", name=ANA))
    m.do(S.SelectionRespond("object", "two years is long", name=BO))
    m.do(S.ResolveObjection(BO, "review the term after one year"))
    m.do(S.SelectionRespond("consent", name=BO), S.SelectionRespond("consent", name=DEE))
    m.do(S.SelectionRespond("consent", name=CHEN), S.SelectNominee())
    m.tick(60)
    m.do(C.FinishItem())
    # 8: a vote, person by person.
    m.do(C.StartItem("item-8"), OpenVote())
    m.tick(90)
    m.do(CastVote(ANA, "for"), CastVote(BO, "for"), CastVote(CHEN, "for"))
    m.do(CastVote(DEE, "against"), CloseVote())
    m.tick(30)
    m.do(C.FinishItem())
    # 9: the dot vote.
    m.do(C.StartItem("item-9"), DV.OpenDotVote())
    m.tick(120)
    m.do(DV.PlaceDots(ANA, {VAN: 2, GARDEN: 1}), DV.PlaceDots(BO, {GARDEN: 2, LIBRARY: 1}))
    m.do(DV.PlaceDots(CHEN, {VAN: 1, GARDEN: 1}), DV.PlaceDots(DEE, {LIBRARY: 2}))
    m.do(DV.PlaceDots(ELI, {VAN: 1}), DV.CloseDotVote())
    m.tick(30)
    m.do(C.FinishItem())
    # 10: the confidential vote.
    m.do(C.StartItem("item-10"), OpenVote(), CastVote(ANA, "for"), CastVote(BO, "for"))
    m.tick(60)
    m.do(CloseVote(), C.FinishItem(), C.EndMeeting())
    return m


@pytest.fixture
def meeting() -> Meeting:
    return _meeting()


@pytest.fixture
def text(meeting: Meeting, tmp_path: Path) -> str:
    path = write_minutes(meeting.state, tmp_path, "2026-11-24-every-method", final=True)
    return path.read_text(encoding="utf-8")


def test_golden(text: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_the_canary_stays_out_of_the_shared_minutes(text: str, tmp_path: Path) -> None:
    assert CANARY not in text and "Land purchase" not in text
    private = list((tmp_path / ".private").glob("*.private.md"))
    assert private and CANARY in private[0].read_text(encoding="utf-8")


def test_the_front_matter_reads_back_through_tomllib(text: str) -> None:
    front = tomllib.loads(split_front_matter(text)[0])
    decisions = [d for d in front["decisions"] if "method" in d]
    assert [d["method"] for d in decisions] == list(M.NAMES)
    for d in decisions:
        assert d["positions"] == POSITIONS[d["method"]], d["method"]
        assert set(d["positions"]) == {p.key for p in M.METHODS[d["method"]].positions}
        assert sum(d["positions"].values()) == 4  # the guest is not counted
        assert d["quorum_met"] is True and d["present"] == 4
    votes = [(v["item"], v["for"], v["against"], v["abstain"], v["result"]) for v in front["votes"]]
    assert votes == [("Amend bylaw 4.2", 3, 1, 0, "carried")]
    assert front["votes"][0]["threshold"] == "2/3" and front["votes"][0]["needed"] == 3
    assert front["selections"] == [
        {"role": ROLE, "selected": CHEN, "term": "2 years", "item": "Select our treasurer"}
    ]
    [dots] = front["dot_votes"]
    assert dots["item"] == "Priorities for 2027" and dots["voters"] == 4
    assert dots["results"] == [
        {"option": GARDEN, "dots": 4},
        {"option": VAN, "dots": 3, "advisory": 1},
        {"option": LIBRARY, "dots": 3},
    ]


def test_the_body_reads_back_through_markdown_it(text: str) -> None:
    body = split_front_matter(text)[1]
    headings = [v for kind, v in markdown_it_blocks(body) if kind == "heading"]
    titles = [*(f"Decide by {n}" for n in M.NAMES), "Select our treasurer"]
    titles += ["Amend bylaw 4.2", "Priorities for 2027"]
    for n, title in enumerate(titles, 1):
        assert f"{n}. {title}" in headings, title
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    widths: list[list[int]] = []
    count = 0
    for t in tokens:
        if t.type == "table_open":
            widths.append([])
        elif t.type in ("th_open", "td_open"):
            count += 1
        elif t.type == "tr_close":
            widths[-1].append(count)
            count = 0
    assert len(widths) >= 6
    assert all(len(set(w)) == 1 for w in widths), "a row lost or gained a column"


def test_markdown_it_and_pandoc_read_the_same_text(text: str) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    meta, texts = check_minutes(text)
    assert len(meta["decisions"]) >= len(M.NAMES)
    assert CANARY not in "\x01".join(texts)


def test_replay_equals_live(meeting: Meeting) -> None:
    events = [event_from_record(r) for r in meeting.sink.records]
    assert replay(meeting.agenda, events) == meeting.state
