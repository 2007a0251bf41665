"""Support for the members' view tests, shared by every tests/test_web*.py: a real
journalled meeting served on a real loopback port, members as aiohttp clients with their
own cookies, the whole app sharing its meeting under Pilot, and a real browser.

- `served(tmp_path)` opens a meeting (real journal, real fsyncs, a FakeClock) and serves it;
  `Member` is one device: it joins with the code, claims a name, raises hands;
  `raw_client()` is a client with no Origin and no code, for what a stranger sends.
- `sharing(tmp_path)` runs the app with `--share` under Pilot, takes the roll and starts the
  first item; `resuming(tmp_path, journal)` is `resume --share`; `share_app`, `until`,
  `served_by` and `port_open` are their parts.
- `chromium(profile, monkeypatch)` is Debian's chromium through /usr/bin/chromedriver
  (nothing downloads a browser), quit at the end; `needs_browser` skips without it.
  Selenium blocks, so its calls run in a thread (`off_loop`) while the app's loop serves.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import shutil
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import aiohttp
import pytest

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui import live
from facilitator.tui.meeting import MeetingError
from facilitator.web.options import ShareOptions
from facilitator.web.server import MembersServer

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from facilitator.tui.app import FacilitatorApp

T = TypeVar("T")

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


def raw_client() -> aiohttp.ClientSession:
    """A client of its own, with no code and no Origin unless a test sends them (cookies kept
    for 127.0.0.1, which aiohttp ignores by default)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


# --- the app sharing its meeting, under Pilot ---------------------------------------------


def share_app(
    tmp_path: Path,
    agenda: Agenda | None = None,
    *,
    journal: Path | None = None,
    **settings: Any,
) -> FacilitatorApp:
    """The app on `agenda` (the web agenda), or resuming `journal` (`resume --share`),
    sharing on any free loopback port."""
    from facilitator.tui.app import build_app

    return build_app(
        None,
        journal=journal,
        agenda=None if journal else agenda or web_agenda(),
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(),
        settings=Settings(**settings),
        share=ShareOptions(host="127.0.0.1", port=0),
    )


async def until(pilot: Pilot[Any], condition: Callable[[], object], tries: int = 400) -> None:
    """Let the app's loop run until `condition()` holds (no sleeping on the clock)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("condition never held")


def served_by(app: FacilitatorApp) -> Served:
    """The app's own server and meeting, as `served` gives them."""
    assert app.members_view is not None and app.meeting is not None
    server = app.members_view.server
    return Served(app.meeting, server, server.address, FakeClock())  # type: ignore[arg-type]


def port_open(address: str) -> bool:
    """Whether something listens at `address` ("http://127.0.0.1:8765")."""
    host, port = address.removeprefix("http://").rsplit(":", 1)
    with socket.socket() as s:
        return s.connect_ex((host, int(port))) == 0


@asynccontextmanager
async def sharing(
    tmp_path: Path,
    agenda: Agenda | None = None,
    *,
    size: tuple[int, int] = (130, 40),
    **settings: Any,
) -> AsyncIterator[tuple[FacilitatorApp, Pilot[Any], Served]]:
    """The app sharing its meeting, once serving: the roll taken (everyone) and the first
    item started. The app exits (and closes its port) at the end."""
    app = share_app(tmp_path, agenda, **settings)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.members_view is not None and app.members_view.running)
        await pilot.press("N", "enter")  # the roll (everyone), and the first item
        await until(pilot, lambda: app.meeting is not None and app.meeting.state.started)
        yield app, pilot, served_by(app)


@asynccontextmanager
async def resuming(
    tmp_path: Path, journal: Path, **settings: Any
) -> AsyncIterator[tuple[FacilitatorApp, Pilot[Any], Served]]:
    """`facilitator resume --share` of `journal` (from `sharing` before it), once serving."""
    app = share_app(tmp_path, journal=journal, **settings)
    async with app.run_test(size=(130, 40)) as pilot:
        await until(pilot, lambda: app.members_view is not None and app.members_view.running)
        yield app, pilot, served_by(app)


# --- a real browser -----------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"

needs_browser = pytest.mark.skipif(
    not (shutil.which(CHROMIUM) and shutil.which(DRIVER)),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)
"""Mark (or `pytestmark =`) a test that drives the browser."""

CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--no-first-run",
    "--window-size=420,900",
)
"""How every browser test starts chromium (plus a profile folder of its own)."""


def browser(profile: Path) -> Any:
    """A new chromium with its own profile folder (blocking: call it through `off_loop`)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (*CHROME_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)


@asynccontextmanager
async def chromium(profile: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Any]:
    """A browser for one test, quit at the end whatever happens."""
    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium-manager must never fetch anything
    driver = await off_loop(browser, profile)
    try:
        yield driver
    finally:
        await off_loop(driver.quit)


async def off_loop(fn: Callable[..., T], *args: Any) -> T:
    """Run a blocking selenium call in a thread, so the app's loop keeps serving."""
    return await asyncio.to_thread(fn, *args)


def wait_for(driver: Any, css: str, text: str) -> None:
    """Wait until the element at `css` says `text` (in any case)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # Compared in lower case: headings are drawn upper-case by the style sheet.
    want = text.lower()
    WebDriverWait(driver, 30).until(
        lambda d: want in d.find_element(By.CSS_SELECTOR, css).text.lower()
    )


def click(driver: Any, css: str) -> None:
    """Click the element at `css` once it can be clicked."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, css))).click()


def text_of(driver: Any, css: str) -> str:
    """The text of the element at `css`, now."""
    from selenium.webdriver.common.by import By

    found: str = driver.find_element(By.CSS_SELECTOR, css).text
    return found


async def phone_width(driver: Any) -> tuple[int, int]:
    """The page's scroll width and client width as a 400-pixel phone at 200% zoom shows it
    (a 200-pixel-wide page): nothing may need a sideways scroll."""
    metrics = {"width": 200, "height": 800, "deviceScaleFactor": 2, "mobile": True}
    await off_loop(driver.execute_cdp_cmd, "Emulation.setDeviceMetricsOverride", metrics)
    wide = await off_loop(
        driver.execute_script,
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]",
    )
    return int(wide[0]), int(wide[1])
