"""A real browser against the members' view: Debian's chromium driven by selenium through
/usr/bin/chromedriver (nothing downloads a browser), the app itself under Pilot in this
test's loop.

Two members join; one raises a hand, and it appears in the TUI's stack and on the other
member's page; a consent position given in the browser lands in the journal (marked
with the device) and in the minutes. Selenium blocks, so its calls run in a thread while
the app's loop serves the pages.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from facilitator.core import commands as C
from tests.test_web_tui import served_by, share_app, until

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(
    not (shutil.which(CHROMIUM) and shutil.which(DRIVER)),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)

T = TypeVar("T")


def browser(tmp: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={tmp}",
        "--window-size=420,900",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)


async def off_loop(fn: Callable[..., T], *args: Any) -> T:
    return await asyncio.to_thread(fn, *args)


def wait_for(driver: Any, css: str, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # Compared in lower case: headings are drawn upper-case by the style sheet.
    want = text.lower()
    WebDriverWait(driver, 30).until(
        lambda d: want in d.find_element(By.CSS_SELECTOR, css).text.lower()
    )


def click(driver: Any, css: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, css))).click()


async def test_two_members_in_real_browsers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium-manager must never fetch anything
    app = share_app(tmp_path)
    async with app.run_test(size=(130, 40)) as pilot:
        await until(pilot, lambda: app.members_view is not None and app.members_view.running)
        await pilot.press("N", "enter")
        await until(pilot, lambda: app.meeting is not None and app.meeting.state.started)
        s = served_by(app)
        url = s.server.join_url()
        ana = await off_loop(browser, tmp_path / "chrome-ana")
        bo = await off_loop(browser, tmp_path / "chrome-bo")
        try:
            for driver, name in ((ana, "Ana Lima"), (bo, "Bo Tran")):
                await off_loop(driver.get, url)
                await off_loop(wait_for, driver, "#link", "Live")
                await off_loop(click, driver, f'#roster button[data-name="{name}"]')
                await off_loop(wait_for, driver, "#you-line", f"You are {name}")
            assert {n for n, _ in s.server.claims.held()} == {"Ana Lima", "Bo Tran"}
            # Ana raises a hand: the TUI's stack has it, and so has Bo's page.
            await off_loop(click, ana, 'button[data-hand="speak"]')
            await until(pilot, lambda: [e.name for e in app.meeting.state.stack] == ["Ana Lima"])  # type: ignore[union-attr]
            await pilot.pause()
            from facilitator.tui.widgets.stack_panel import StackPanel

            assert app.screen.query_one(StackPanel).stack.waiting[0].name == "Ana Lima"
            await off_loop(wait_for, bo, "#stack", "Ana Lima")
            await off_loop(wait_for, ana, "#you-line", "number 1 in the stack")
            # The facilitator opens the consent round; Bo consents from the browser.
            app.screen.do(C.ConsentStage("consent"))  # type: ignore[attr-defined]
            await off_loop(click, bo, 'button[data-position="consent"]')
            await off_loop(click, bo, '#position button[type="submit"]')
            await off_loop(wait_for, bo, "#position-error", "recorded")
            lines = s.journal_lines()
            (response,) = [r for r in lines if r["type"] == "ConsentResponse"]
            assert response["name"] == "Bo Tran" and response["device"] == "web:Bo Tran"
            assert [r["device"] for r in lines if r["type"] == "SpeakerQueued"] == ["web:Ana Lima"]
            # A 400-pixel phone at 200% zoom is a 200-pixel-wide page: nothing may need a
            # sideways scroll, and the buttons stay usable.
            metrics = {"width": 200, "height": 800, "deviceScaleFactor": 2, "mobile": True}
            await off_loop(bo.execute_cdp_cmd, "Emulation.setDeviceMetricsOverride", metrics)
            wide = await off_loop(
                bo.execute_script,
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]",
            )
            assert wide[0] <= wide[1] + 1, wide
            await off_loop(click, bo, 'button[data-hand="clarify"]')
            await until(pilot, lambda: len(app.meeting.state.stack) == 2)  # type: ignore[union-attr]
            # The projector view: the code is enough, no name; big clocks and the next five.
            await off_loop(ana.get, s.server.address + "/screen")
            await off_loop(wait_for, ana, "#stack-h", "Next")
            await off_loop(wait_for, ana, "#timebox", "left")
            await off_loop(wait_for, ana, "#tally", "consent: 1")
            # The minutes treat it like any other response.
            app.screen.do(C.RecordOutcome("adopted"))  # type: ignore[attr-defined]
            app.screen.do(C.EndMeeting())  # type: ignore[attr-defined]
            path = app.meeting.finish()  # type: ignore[union-attr]
            assert path is not None
            minutes = path.read_text()
            consent_lines = [
                ln for ln in minutes.splitlines() if "Bo Tran" in ln and "consent" in ln.lower()
            ]
            assert consent_lines, minutes
        finally:
            await off_loop(ana.quit)
            await off_loop(bo.quit)
    assert os.path.exists(tmp_path / "minutes")
