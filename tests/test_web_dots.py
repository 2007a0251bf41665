"""Dots from members' devices (issue 14, dot-vote part), on a real loopback port with a real
journal: a member places and changes their own dots, the core decides every rule (budget,
options, who votes), guests are advisory, observers place none, the totals stay hidden until
all are in, and nothing of a confidential dot vote leaves the process."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.public_view import public_view
from facilitator.processes.dot_vote import model as M
from facilitator.web.server import CSP
from tests.dot_vote_support import FOOD, HOUSING, KEYS, SCHOOL, dot_item
from tests.web_support import Member, Served, raw_client, served, web_agenda

CANARY = "Kq7canaryDOT"
"""Stands for anything of a confidential dot vote; never in a byte served."""


def dots_agenda(confidential: bool = False) -> Agenda:
    """The members' view agenda with the dot-vote item fourth (confidential when asked)."""
    base = web_agenda()
    data = base.model_dump(mode="json", exclude_none=True)
    data["items"].append(
        dot_item(
            options=[*KEYS["options"], f"{CANARY} option"],
            confidential=confidential,
            **({"notes": f"{CANARY} notes"} if confidential else {}),
        )
    )
    return Agenda.model_validate(data)


@asynccontextmanager
async def on_dot_vote(tmp_path: Path, confidential: bool = False) -> AsyncIterator[Served]:
    """A served meeting on the dot-vote item, its first round open."""
    async with served(tmp_path, dots_agenda(confidential)) as s:
        s.meeting.do(C.StartItem("item-4"))
        s.meeting.do(M.OpenDotVote())
        yield s


async def joined(s: Served, name: str) -> Member:
    member = Member(s)
    await member.join()
    status, _ = await member.post("/claim", {"name": name})
    assert status == 200
    return member


def rnd(s: Served) -> M.DotRound:
    vote = M.dot_vote_of(s.meeting.state.current_item)
    assert vote is not None and vote.round is not None
    return vote.round


async def test_a_member_places_and_changes_their_dots_from_their_device(tmp_path: Path) -> None:
    async with on_dot_vote(tmp_path) as s:
        ana = await joined(s, "Ana Lima")
        try:
            view = (await ana.state())["view"]["item"]["dot_vote"]
            assert view["open"] and view["dots"] == 3 and view["max_per_option"] == 2
            assert view["options"][:3] == [HOUSING, FOOD, SCHOOL]
            status, _ = await ana.post("/dots", {"dots": {HOUSING: 2, FOOD: 1}})
            assert status == 200
            last = s.journal_lines()[-1]
            assert last["type"] == "DotsPlaced" and last["device"] == "web:Ana Lima"
            assert last["dots"] == {HOUSING: 2, FOOD: 1} and last["counted"] is True
            state = await ana.state()
            assert state["you"]["dots"] == {HOUSING: 2, FOOD: 1}
            dot_vote = state["view"]["item"]["dot_vote"]
            assert dot_vote["placed"] == ["Ana Lima"] and dot_vote["hidden"]
            assert dot_vote["results"] == [] and dot_vote["waiting_for"] == 3
            # Placing again from the device changes them (a correction, marked as such).
            assert (await ana.post("/dots", {"dots": {SCHOOL: 1}}))[0] == 200
            assert s.journal_lines()[-1]["type"] == "DotsCorrected"
            assert rnd(s).placements["Ana Lima"].dots == {SCHOOL: 1}
            # Undo treats the device's act like any other.
            s.meeting.do(C.Undo())
            assert rnd(s).placements["Ana Lima"].dots == {HOUSING: 2, FOOD: 1}
        finally:
            await ana.close()


async def test_the_totals_show_once_all_are_in_and_only_then(tmp_path: Path) -> None:
    async with on_dot_vote(tmp_path) as s:
        members = [await joined(s, n) for n in ("Ana Lima", "Bo Tran", "Chen Wu", "Gus Guest")]
        try:
            for member, dots in zip(
                members,
                ({HOUSING: 2}, {HOUSING: 1, FOOD: 1}, {FOOD: 2}, {SCHOOL: 2}),
                strict=True,
            ):
                assert (await member.post("/dots", {"dots": dots}))[0] == 200
            seen = (await members[0].state())["view"]["item"]["dot_vote"]
            assert seen["hidden"] and seen["results"] == [], "Dee is present and not in"
            other = (await members[1].state())["you"]["dots"]
            assert other == {HOUSING: 1, FOOD: 1}, "each device sees its own dots only"
            s.meeting.do(M.PlaceDots("Dee Okafor", {}))
            seen = (await members[0].state())["view"]["item"]["dot_vote"]
            assert not seen["hidden"]
            assert [(r["option"], r["dots"], r["advisory"], r["rank"]) for r in seen["results"]][
                :3
            ] == [(HOUSING, 3, 0, 1), (FOOD, 3, 0, 1), (SCHOOL, 0, 2, 3)]
            guest = rnd(s).placements["Gus Guest"]
            assert not guest.counted, "a guest's dots are advisory"
            s.meeting.do(M.CloseDotVote())
            assert (await members[0].state())["view"]["item"]["dot_vote"]["tied"] == [HOUSING, FOOD]
        finally:
            for member in members:
                await member.close()


async def test_hostile_dots_are_refused_and_write_nothing(tmp_path: Path) -> None:
    async with on_dot_vote(tmp_path) as s:
        ana, olu = await joined(s, "Ana Lima"), await joined(s, "Olu Observer")
        raw = Member(s)  # joined with the code, no name claimed
        await raw.join()
        try:
            before = len(s.journal_lines())
            cases: list[tuple[Member, Any, int, str]] = [
                (ana, {"dots": {HOUSING: 2, FOOD: 2}}, 409, "has 3 dots, and 4 were placed"),
                (ana, {"dots": {HOUSING: 3}}, 409, "at most 2 dots on one option"),
                (ana, {"dots": {"Pizza": 1}}, 409, "'Pizza' is not an option"),
                (ana, {"dots": {HOUSING: -1}}, 409, "whole number, 0 or more"),
                (ana, {"dots": {HOUSING: True}}, 400, "option: count"),
                (ana, {"dots": {HOUSING: 1.5}}, 400, "option: count"),
                (ana, {"dots": [HOUSING]}, 400, "option: count"),
                (ana, {"dots": {f"o{n}": 0 for n in range(101)}}, 400, "option: count"),
                (ana, {"dots": {"x" * 201: 1}}, 400, "option: count"),
                (ana, {}, 400, "option: count"),
                (ana, {"name": "Bo Tran", "dots": {HOUSING: 1}}, 403, "only your own dots"),
                (ana, {"name": 7, "dots": {HOUSING: 1}}, 403, "only your own dots"),
                (olu, {"dots": {HOUSING: 1}}, 409, "Observers"),
                (raw, {"dots": {HOUSING: 1}}, 403, ""),
            ]
            for member, body, status, message in cases:
                got, answer = await member.post("/dots", body)
                assert got == status, (body, answer)
                assert message.lower() in answer.get("error", "").lower(), (body, answer)
            got, _ = await ana.post(
                "/dots", data="{not json", headers={"Content-Type": "application/json"}
            )
            assert got == 400
            assert len(s.journal_lines()) == before, "no refused request wrote an event"
            assert rnd(s).placements == {}
            # A closed vote takes no more dots.
            s.meeting.do(M.PlaceDots("Bo Tran", {HOUSING: 1}))
            s.meeting.do(M.CloseDotVote())
            closed = len(s.journal_lines())
            got, answer = await ana.post("/dots", {"dots": {FOOD: 1}})
            assert got == 409 and "not opened" in answer["error"]
            assert len(s.journal_lines()) == closed
        finally:
            for member in (ana, olu, raw):
                await member.close()


async def test_no_dots_before_the_vote_is_opened_nor_on_another_item(tmp_path: Path) -> None:
    async with served(tmp_path, dots_agenda()) as s:
        ana = await joined(s, "Ana Lima")
        try:
            got, answer = await ana.post("/dots", {"dots": {HOUSING: 1}})
            assert got == 409 and "not opened the dot vote" in answer["error"]
            s.meeting.do(C.StartItem("item-4"))
            got, answer = await ana.post("/dots", {"dots": {HOUSING: 1}})
            assert got == 409 and "not opened the dot vote" in answer["error"]
            view = (await ana.state())["view"]["item"]["dot_vote"]
            assert view["round"] == 0 and not view["open"]
        finally:
            await ana.close()


async def test_nothing_of_a_confidential_dot_vote_is_served(tmp_path: Path) -> None:
    async with on_dot_vote(tmp_path, confidential=True) as s:
        ana = await joined(s, "Ana Lima")
        try:
            s.meeting.do(M.PlaceDots("Bo Tran", {f"{CANARY} option": 2}))
            got, answer = await ana.post("/dots", {"dots": {HOUSING: 1}})
            assert got == 409 and CANARY not in json.dumps(answer)
            served_bytes = b""
            for path in ("/state", "/", "/app.js", "/dots.js", "/app.css", "/screen"):
                async with ana.session.get(s.url + path) as r:
                    served_bytes += await r.read()
            async with ana.session.get(s.url + "/events") as r:
                served_bytes += await r.content.readline() + await r.content.readline()
            assert CANARY.encode() not in served_bytes
            assert public_view(s.meeting.state, 0).item.dot_vote is None  # type: ignore[union-attr]
        finally:
            await ana.close()


async def test_the_dots_script_is_served_like_the_others(tmp_path: Path) -> None:
    async with (
        on_dot_vote(tmp_path) as s,
        raw_client() as raw,
    ):
        async with raw.get(s.url + "/dots.js") as r:
            assert r.status == 403, "the join code is needed for the script too"
        await raw.get(f"{s.url}/?code={s.server.code}")
        async with raw.get(s.url + "/dots.js") as r:
            assert r.status == 200 and r.content_type == "text/javascript"
            assert r.headers["Content-Security-Policy"] == CSP
            script = await r.text()
        assert "http://" not in script and "https://" not in script
        assert "innerHTML" not in script and "insertAdjacentHTML" not in script
        async with raw.get(s.url + "/") as r:
            page = await r.text()
        assert '<script src="/dots.js" defer></script>' in page and 'id="dots-form"' in page
