"""The run screen's layout at the sizes facilitators use, on the real app under Pilot.

80 and 100 columns fold the agenda into a strip (⇧L opens it whole); a long proposal
ends in `… ⇧V reads it whole` and ⇧V shows it whole; two people whose names start the
same never look the same; at 80×24 in a consent round the list, the stack and the log
all keep some lines. Pure rules (the strip's line, the proposal's fitting) run without
an app.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text

from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from facilitator.tui.screens.reading import ReadingScreen
from facilitator.tui.view import AgendaRow, Ticking
from facilitator.tui.widgets.agenda_strip import strip_text
from facilitator.tui.widgets.item_log import ItemLog
from facilitator.tui.widgets.process_panels import PersonRows
from facilitator.tui.widgets.proposal_view import fit_lines
from facilitator.tui.widgets.stack_panel import StackPanel
from tests import layout_support as L
from tests.tui_helpers import screen_text, settle, tick


@asynccontextmanager
async def running(tmp_path: Path, size: tuple[int, int], n: int = 12) -> AsyncIterator[Any]:
    app = build_app(
        None, agenda=L.agenda(n), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot


def _row(number: int, title: str, **kw: Any) -> AgendaRow:
    fields: dict[str, Any] = {"kind": "discussion", "planned": 600, "actual": Ticking()}
    fields["status"] = kw.pop("status", "pending")
    return AgendaRow(f"item-{number}", number, title, **{**fields, **kw})


# --- the strip and the fitting, pure -----------------------------------------------------


ROWS = (
    _row(1, "Check-in round", status="done"),
    _row(2, "Adopt the 2027 budget", status="running", current=True),
    _row(3, "Land and housing working group report"),
)


def test_the_strip_names_position_current_next_and_the_key() -> None:
    line = strip_text(ROWS, 0.0).plain
    assert line.startswith("item 2/3 ▶ Adopt the 2027 budget 10m")
    assert "next: Land and housing working group report" in line
    assert line.endswith("⇧L whole agenda")


def test_a_strip_too_long_cuts_the_next_title_first_with_an_ellipsis() -> None:
    line = strip_text(ROWS, 0.0, width=72).plain
    assert len(line) <= 72
    assert "▶ Adopt the 2027 budget 10m" in line
    assert "next: Land and" in line and "report" not in line and "…" in line
    assert line.endswith("⇧L whole agenda")
    # Narrower still: the current title gives way too, still signed.
    tight = strip_text(ROWS, 0.0, width=60).plain
    assert len(tight) <= 60 and tight.count("…") == 2
    assert tight.endswith("⇧L whole agenda")


def test_the_strip_marks_a_confidential_current_item() -> None:
    rows = (_row(1, "Hardship loan", status="running", current=True, confidential=True),)
    assert "▶ 🔒 Hardship loan" in strip_text(rows, 0.0).plain


def test_text_that_fits_is_shown_whole() -> None:
    lines = [Text("one"), Text("two")]
    assert [t.plain for t in fit_lines(lines, 2, 40, "⇧V reads it whole")] == ["one", "two"]


def test_text_longer_than_its_lines_ends_in_an_ellipsis_and_the_key() -> None:
    lines = [Text("a" * 40), Text("b" * 40), Text("the last word")]
    fitted = fit_lines(lines, 2, 40, "⇧V")
    assert len(fitted) == 2
    assert fitted[-1].plain.endswith("… ⇧V")
    assert len(fitted[-1].plain) <= 40


# --- the real app ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "folded"),
    [((80, 24), True), ((100, 30), True), ((120, 40), False), ((200, 50), False)],
)
async def test_the_agenda_folds_into_a_strip_below_110_columns(
    tmp_path: Path, size: tuple[int, int], folded: bool
) -> None:
    async with running(tmp_path, size) as pilot:
        await L.start(pilot)
        screen = pilot.app.screen
        assert screen.query_one("#agenda-strip").display is folded
        assert screen.query_one("#agenda-panel").display is not folded
        text = screen_text(pilot.app)
        assert ("item 1/5 ▶ Check-in round" in text) is folded
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReadingScreen)
        whole = screen_text(pilot.app)
        for title in (
            "Adopt the 2027 budget and the repair reserve",
            "Education working group report",
        ):
            assert title in " ".join(whole.replace("│", " ").split()), title
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40), (200, 50)])
async def test_version_2_of_a_long_proposal_is_never_cut_silently(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    async with running(tmp_path, size) as pilot:
        await L.start(pilot)
        L.to_proposal(pilot)
        L.do(pilot, L.C.Amend(L.VERSION_2, "reserve reviewed in June"))
        await settle(pilot)
        text = screen_text(pilot.app)
        # Its last word is on screen, or the text ends in "…" and says which key shows it all.
        assert "unabridged." in text or "… ⇧V reads it whole" in text
        await pilot.press("V")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReadingScreen)
        assert "unabridged." in screen_text(pilot.app)
        await pilot.press("escape")
        await settle(pilot)


async def test_two_board_members_never_look_the_same(tmp_path: Path) -> None:
    async with running(tmp_path, (80, 24)) as pilot:
        await L.start(pilot)
        L.do(pilot, L.C.Queue(L.WHITFIELD), L.C.GiveFloor(), L.C.Queue(L.WHITCOMBE))
        L.do(pilot, L.C.Queue("Amara Okoye"))
        await settle(pilot)
        stack = "\n".join(line for line in screen_text(pilot.app).splitlines() if "Whit" in line)
        assert "Whitfield" in stack and "Whitcombe" in stack


async def test_at_80x24_a_consent_round_keeps_list_stack_and_log_in_view(tmp_path: Path) -> None:
    async with running(tmp_path, (80, 24), n=60) as pilot:
        await L.start(pilot)
        L.to_proposal(pilot)
        L.do(pilot, L.C.ConsentStage("consent"))
        for p in L.people(60)[:12]:
            L.do(pilot, L.C.Respond(p["name"], "consent"))
        names = [p["name"] for p in L.people(60)]
        L.do(pilot, *(L.C.Queue(name) for name in names[20:26]), L.C.GiveFloor())
        L.do(pilot, *(L.C.AddNote(f"note {i}") for i in range(4)))
        await tick(pilot)  # the consent panel, mounted meanwhile, has drawn its list
        await pilot.press("1")  # one more, by key: the list follows the next person
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.query_one(PersonRows).content_region.height >= 3
        assert screen.query_one(StackPanel).content_region.height >= 4  # floor + 3 waiting
        assert screen.query_one(ItemLog).content_region.height >= 3
        text = screen_text(pilot.app)
        assert "13 of 60 responded" in text
        assert names[13] in text  # the next to respond is in view
