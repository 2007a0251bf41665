"""A counted vote and a role selection on members' devices (issue 13), through the real
aiohttp server on a loopback port with a real journal: what `/state` and `/events` carry
(`core.public_process` decides it), that a secret vote's voters' names and every reason of a
selection stay in the process, that nothing of a confidential vote leaves it, and that
`/decide.js` is served like the page's other scripts."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.processes.selection import model as S
from facilitator.processes.vote import model as V
from facilitator.web.server import CSP
from tests.web_support import PEOPLE, Member, Served, raw_client, served, web_agenda

CANARY = "Kq7canaryVOTE"
"""In a confidential vote's motion and notes; never in a byte served."""
WHY = "Kq7canaryWHY"
"""In every reason given in the selection; never in a byte served."""
ANA, BO, CHEN, DEE = PEOPLE


def decide_agenda() -> Agenda:
    """The members' view agenda, then a secret vote, a selection and a confidential vote."""
    data = web_agenda().model_dump(mode="json", exclude_none=True)
    data["items"] += [
        {
            "title": "Dues",
            "kind": "vote",
            "duration": 10,
            "motion": "Dues rise by 5%.",
            "threshold": "2/3",
            "secret": True,
        },
        {
            "title": "Delegate",
            "kind": "selection",
            "duration": 30,
            "role": "Delegate to the network",
            "term": "1 year",
        },
        {
            "title": "Staff pay",
            "kind": "vote",
            "duration": 10,
            "motion": f"{CANARY} motion",
            "notes": f"{CANARY} notes",
            "confidential": True,
        },
    ]
    return Agenda.model_validate(data)


@asynccontextmanager
async def on_item(tmp_path: Path, item: str) -> AsyncIterator[tuple[Served, Member]]:
    """A served meeting on `item`, and Ana's device, joined and named."""
    async with served(tmp_path, decide_agenda()) as s:
        s.meeting.do(C.StartItem(item))
        ana = Member(s)
        await ana.join()
        status, _ = await ana.post("/claim", {"name": ANA})
        assert status == 200
        try:
            yield s, ana
        finally:
            await ana.close()


async def everything_served(s: Served, member: Member) -> bytes:
    """Every byte a device can fetch now: the state, the page, its scripts, the stream."""
    out = b""
    for path in ("/state", "/", "/screen", "/app.js", "/dots.js", "/decide.js", "/app.css"):
        async with member.session.get(s.url + path) as r:
            out += await r.read()
    async with member.session.get(s.url + "/events") as r:
        out += await r.content.readline() + await r.content.readline()
    return out


async def item_of(member: Member) -> dict[str, Any]:
    item: dict[str, Any] = (await member.state())["view"]["item"]
    return item


async def test_a_secret_vote_reaches_the_devices_in_totals_and_never_a_name(
    tmp_path: Path,
) -> None:
    async with on_item(tmp_path, "item-4") as (s, ana):
        vote = (await item_of(ana))["vote"]
        assert vote["motion"] == "Dues rise by 5%." and vote["threshold"] == "2/3"
        assert (vote["of"], vote["secret"], vote["stage"], vote["open"]) == (
            "cast",
            True,
            "waiting",
            False,
        )
        s.meeting.do(V.OpenVote())
        s.meeting.do(V.SetVoteTotals(3, 1, 0))
        vote = (await item_of(ana))["vote"]
        assert vote["open"] and vote["voters"] == 4 and vote["result"] is None
        s.meeting.do(V.CloseVote())
        vote = (await item_of(ana))["vote"]
        assert vote["stage"] == "closed" and vote["ballots"] == []
        assert vote["result"] == {
            "result": "carried",
            "votes_for": 3,
            "against": 1,
            "abstain": 0,
            "base": 4,
            "needed": 3,
            "share": "75%",
        }
        # The roster is public (a device picks its name from it); the vote names nobody.
        assert not any(name in json.dumps(vote) for name in PEOPLE)


async def test_the_selection_reaches_the_devices_as_the_method_publishes_it(
    tmp_path: Path,
) -> None:
    async with on_item(tmp_path, "item-5") as (s, ana):
        sel = (await item_of(ana))["selection"]
        assert sel["role"] == "Delegate to the network" and sel["term"] == "1 year"
        assert sel["stage"] == "present" and sel["nominees"] == []
        s.meeting.do(S.SelectionStage("nominate"))
        s.meeting.do(S.SelectionStage("nominations"))
        for who, nominee in ((ANA, BO), (BO, CHEN), (CHEN, BO), (DEE, BO)):
            s.meeting.do(S.Nominate(nominee, f"{WHY} {who}"))
            assert (await item_of(ana))["selection"]["nominees"] == []
        s.meeting.do(S.NominationPass("Gus Guest"))
        s.meeting.do(S.SelectionStage("change"))
        sel = (await item_of(ana))["selection"]
        assert sel["nominees"] == [
            {"name": BO, "nominations": 3, "advisory": 0},
            {"name": CHEN, "nominations": 1, "advisory": 0},
        ]
        s.meeting.do(S.ProposeNominee(BO, f"{WHY} strongest"))
        s.meeting.do(S.SelectionRespond("object", f"{WHY} objection"))
        sel = (await item_of(ana))["selection"]
        assert sel["proposed"] == BO and sel["stage"] == "consent"
        assert (sel["heard"], sel["asked"], sel["next"], sel["objections"]) == (1, 5, CHEN, 1)
        assert sel["tally"] == {"object": 1}
        assert WHY.encode() not in await everything_served(s, ana)


async def test_nothing_of_a_confidential_vote_is_served(tmp_path: Path) -> None:
    async with on_item(tmp_path, "item-6") as (s, ana):
        s.meeting.do(V.OpenVote())
        s.meeting.do(V.SetVoteTotals(2, 1, 0))
        s.meeting.do(V.CloseVote())
        item = await item_of(ana)
        assert item["vote"] is None and item["selection"] is None and item["confidential"]
        assert CANARY.encode() not in await everything_served(s, ana)


async def test_the_decide_script_is_served_like_the_others(tmp_path: Path) -> None:
    async with (
        on_item(tmp_path, "item-4") as (s, _),
        raw_client() as raw,
    ):
        async with raw.get(s.url + "/decide.js") as r:
            assert r.status == 403, "the join code is needed for the script too"
        await raw.get(f"{s.url}/?code={s.server.code}")
        async with raw.get(s.url + "/decide.js") as r:
            assert r.status == 200 and r.content_type == "text/javascript"
            assert r.headers["Content-Security-Policy"] == CSP
            script = await r.text()
        assert "http://" not in script and "https://" not in script
        assert "innerHTML" not in script and "insertAdjacentHTML" not in script
        # Its words sit in one table at the top, for the translation helper.
        assert script.index("const WORDS = {") < script.index("function render(")
        async with raw.get(s.url + "/") as r:
            page = await r.text()
        assert '<script src="/decide.js" defer></script>' in page
        assert 'id="vote"' in page and 'id="selection"' in page
