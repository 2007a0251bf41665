"""A real browser against the members' view: Debian's chromium driven by selenium through
/usr/bin/chromedriver (nothing downloads a browser), the app itself under Pilot in this
test's loop.

Two members join; one raises a hand, and it appears in the TUI's stack and on the other
member's page; a consent position given in the browser lands in the journal (marked
with the device) and in the minutes. Selenium blocks, so its calls run in a thread while
the app's loop serves the pages.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from facilitator.core import commands as C
from tests.web_support import (
    chromium,
    click,
    needs_browser,
    off_loop,
    phone_width,
    sharing,
    until,
    wait_for,
)

pytestmark = needs_browser


async def test_two_members_in_real_browsers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with (
        sharing(tmp_path) as (app, pilot, s),
        chromium(tmp_path / "chrome-ana", monkeypatch) as ana,
        chromium(tmp_path / "chrome-bo", monkeypatch) as bo,
    ):
        url = s.server.join_url()
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
        # A 400-pixel phone at 200% zoom: nothing may need a sideways scroll, and the
        # buttons stay usable.
        wide = await phone_width(bo)
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
    assert os.path.exists(tmp_path / "minutes")
