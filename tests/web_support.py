"""Support for the members' view tests: a real journalled meeting, served on a real
loopback port, and members as aiohttp clients with their own cookies.

`served(tmp_path)` opens a meeting (real journal, real fsyncs, a FakeClock) and serves it;
`Member` is one device: it joins with the code, claims a name, raises hands.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.tui import live
from facilitator.tui.meeting import MeetingError
from facilitator.web.server import MembersServer

WALL = dt.datetime(2026, 12, 2, 18, 0, tzinfo=dt.UTC)

PEOPLE = ("Ana Lima", "Bo Tran", "Chen Wu", "Dee Okafor")


def web_agenda(secret: str = "Zq0secretk", **meeting: Any) -> Agenda:
    """Four members, a guest and an observer; an open proposal and a confidential one."""
    return Agenda.model_validate(
        {
            "meeting": {
                "title": "Members' view test",
                "circle": "GC",
                "date": "2026-12-02",
                "quorum": 2,
                **meeting,
            },
            "participants": [{"name": n} for n in PEOPLE]
            + [
                {"name": "Gus Guest", "role": "guest"},
                {"name": "Olu Observer", "role": "observer"},
            ],
            "items": [
                {
                    "title": "Adopt the budget",
                    "kind": "proposal",
                    "duration": 20,
                    "proposal": "We adopt the 2027 budget.",
                },
                {
                    "title": f"{secret} item title",
                    "kind": "proposal",
                    "duration": 10,
                    "confidential": True,
                    "proposal": f"{secret} proposal",
                    "owner": f"{secret}",
                    "notes": f"{secret} notes",
                },
                {"title": "Closing round", "kind": "round", "duration": 5},
            ],
        }
    )


class MeetingHost:
    """The server's Host over a real `JournalledMeeting`, without the TUI."""

    def __init__(self, meeting: live.JournalledMeeting) -> None:
        self.meeting = meeting
        self.activities = 0

    def state(self) -> Any:
        return self.meeting.state

    def now(self) -> float:
        return self.meeting.now()

    def submit(self, command: Any, device: str) -> str | None:
        try:
            self.meeting.do(command, device=device)
        except MeetingError as exc:
            return str(exc)
        return None

    def activity(self) -> None:
        self.activities += 1


@dataclass
class Served:
    """A served meeting."""

    meeting: live.JournalledMeeting
    server: MembersServer
    url: str
    clock: FakeClock

    def journal_lines(self) -> list[dict[str, Any]]:
        path = self.meeting.journal.path
        return [json.loads(line) for line in path.read_text().splitlines()[1:] if line.strip()]


def open_meeting(
    tmp_path: Path, agenda: Agenda | None = None
) -> tuple[live.JournalledMeeting, FakeClock]:
    clock = FakeClock(wall=WALL)
    meeting = live.start_meeting(
        agenda or web_agenda(), None, minutes_dir=tmp_path / "minutes", clock=clock
    )
    meeting.do(C.StartMeeting(present=(*PEOPLE, "Gus Guest", "Olu Observer")))
    meeting.do(C.StartItem())
    return meeting, clock


@asynccontextmanager
async def served(
    tmp_path: Path, agenda: Agenda | None = None, **server: Any
) -> AsyncIterator[Served]:
    meeting, clock = open_meeting(tmp_path, agenda)
    ticks = [0.0]
    web = MembersServer(MeetingHost(meeting), clock=lambda: ticks[0], **server)
    meeting.listeners.append(web.changed)
    await web.start("127.0.0.1", 0)
    try:
        yield Served(meeting, web, web.address, clock)
    finally:
        await web.stop()
        meeting.close()


class Member:
    """One device: its own cookie jar, and the page's Origin on its POSTs."""

    def __init__(self, served: Served) -> None:
        self.served = served
        # unsafe: cookies for an IP address (127.0.0.1), which aiohttp ignores by default.
        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    async def close(self) -> None:
        await self.session.close()

    async def join(self, code: str | None = None) -> int:
        url = f"{self.served.url}/?code={code or self.served.server.code}"
        async with self.session.get(url) as response:
            await response.read()
            return response.status

    async def post(self, path: str, body: Any = None, **kw: Any) -> tuple[int, dict[str, Any]]:
        headers = {"Origin": self.served.url, **kw.pop("headers", {})}
        data = kw.pop("data", None)
        if data is None:
            data = json.dumps(body if body is not None else {})
            headers.setdefault("Content-Type", "application/json")
        async with self.session.post(self.served.url + path, data=data, headers=headers, **kw) as r:
            try:
                return r.status, await r.json(content_type=None)
            except ValueError:
                return r.status, {}

    async def state(self) -> dict[str, Any]:
        async with self.session.get(self.served.url + "/state") as r:
            assert r.status == 200
            data: dict[str, Any] = await r.json()
            return data
