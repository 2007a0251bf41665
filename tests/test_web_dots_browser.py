"""Dots from a real browser: Debian's chromium through /usr/bin/chromedriver (nothing
downloads a browser), the app under Pilot in this test's loop. A member places dots with
the page's + buttons, changes them, and the journal holds both (marked with the device);
the page says how many dots are left in words, and at 200% zoom on a phone nothing needs a
sideways scroll."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.processes.dot_vote import model as M
from tests.dot_vote_support import FOOD, HOUSING, dot_item
from tests.tui_helpers import screen_text
from tests.web_support import (
    chromium,
    click,
    needs_browser,
    off_loop,
    phone_width,
    sharing,
    wait_for,
    web_agenda,
)

pytestmark = needs_browser


def agenda() -> Agenda:
    data = web_agenda().model_dump(mode="json", exclude_none=True)
    data["items"].insert(0, dot_item())
    return Agenda.model_validate(data)


async def test_a_member_places_dots_from_a_real_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with (
        sharing(tmp_path, agenda()) as (app, pilot, s),
        chromium(tmp_path / "chrome-ana", monkeypatch) as ana,
    ):
        app.screen.do(M.OpenDotVote())  # type: ignore[attr-defined]
        await off_loop(ana.get, s.server.join_url())
        await off_loop(wait_for, ana, "#link", "Live")
        await off_loop(click, ana, '#roster button[data-name="Ana Lima"]')
        await off_loop(wait_for, ana, "#dots-left", "3 dots left of 3, at most 2 on one")
        more = '#dots-options button[aria-label="One more dot on {}"]'
        for option in (HOUSING, HOUSING, FOOD):
            await off_loop(click, ana, more.format(option))
        await off_loop(wait_for, ana, "#dots-left", "0 dots left of 3")
        await off_loop(click, ana, "#dots-submit")
        await off_loop(wait_for, ana, "#dots-error", "Recorded: 3 dots placed")
        placed = [r for r in s.journal_lines() if r["type"] == "DotsPlaced"]
        assert [(r["name"], r["dots"], r["device"]) for r in placed] == [
            ("Ana Lima", {HOUSING: 2, FOOD: 1}, "web:Ana Lima")
        ]
        await pilot.pause()
        assert "1 of 4 voting members in" in screen_text(app)
        # She changes her mind before the round closes: the page sends a correction.
        await off_loop(wait_for, ana, "#dots-submit", "Change my dots")
        await off_loop(click, ana, '#dots-options button[aria-label="One dot fewer on Food hub"]')
        await off_loop(click, ana, "#dots-submit")
        await off_loop(wait_for, ana, "#dots-error", "Recorded: 2 dots placed")
        corrected = [r for r in s.journal_lines() if r["type"] == "DotsCorrected"]
        assert [r["dots"] for r in corrected] == [{HOUSING: 2}]
        # The totals stay hidden on her page until everyone present is in.
        await off_loop(wait_for, ana, "#dots-status", "Totals stay hidden")
        wide = await phone_width(ana)
        assert wide[0] <= wide[1] + 1, wide
        app.screen.do(M.CloseDotVote())  # type: ignore[attr-defined]
        await off_loop(wait_for, ana, "#dots-results", "Housing fund: 2 dots")
        await off_loop(wait_for, ana, "#dots-status", "Closed")
        app.screen.do(C.FinishItem())  # type: ignore[attr-defined]
