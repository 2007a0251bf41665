"""The agenda panel draws row by row (issue 12) and shows exactly what the whole table showed.

The panel renders each row on its own with the whole table's column widths and keeps
the lines; these tests compare its lines with `agenda_table` (the reference, one Rich
table of every row) at several widths, and count the rows it renders on a tick.
"""

from __future__ import annotations

from dataclasses import replace

from rich.console import Console

from facilitator.tui.view import AgendaRow, Ticking
from facilitator.tui.widgets.agenda_panel import AgendaPanel, agenda_table
from tests.tui_helpers import HostApp

TITLES = [
    ("Welcome and check-in", "done", False, False),
    ("Budget for the supercalifragilisticexpialidocious year", "running", False, True),
    ("Hiring the new coordinator", "pending", True, False),
    ("Any other business", "skipped", False, False),
]


def _rows(count: int, running_since: float | None = 0.0) -> tuple[AgendaRow, ...]:
    rows = []
    for i in range(count):
        title, status, confidential, at_risk = TITLES[i % len(TITLES)]
        running = status == "running" and i == 1
        rows.append(
            AgendaRow(
                item_id=f"item-{i + 1}",
                number=i + 1,
                title=title,
                kind="discussion",
                planned=600,
                actual=Ticking(
                    base=125.0 if running else 0.0, since=running_since if running else None
                ),
                status=status if running or status != "running" else "pending",
                current=running,
                confidential=confidential,
                at_risk=at_risk,
            )
        )
    return tuple(rows)


def _reference(rows: tuple[AgendaRow, ...], now: float, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None, legacy_windows=False)
    console.print(agenda_table(rows, now))
    return [line.rstrip() for line in console.export_text().splitlines()]


async def _panel_lines(rows: tuple[AgendaRow, ...], now: float, size: tuple[int, int]) -> list[str]:
    panel = AgendaPanel(id="agenda-panel")
    app = HostApp(panel)
    async with app.run_test(size=size) as pilot:
        # run.tcss shows the panel only from 110 columns (a screen breakpoint class);
        # this host app has no breakpoints, so show it here.
        panel.styles.display = "block"
        panel.rows = rows
        panel.now = now
        await pilot.pause()
        width = panel.scrollable_content_region.width
        lines = [line.rstrip() for line in panel.lines_text()]
        assert lines == _reference(rows, now, width), (width, "\n".join(lines))
        return lines


async def test_rows_drawn_one_by_one_match_the_whole_table_at_every_width() -> None:
    # The panel is 32 wide in the run screen's CSS (26 narrow, 36 wide); the host app's
    # terminal width changes nothing there, so vary the agenda (a scroll bar or not).
    for count in (1, 4, 24):
        for now in (0.0, 30.0, 900.0):
            lines = await _panel_lines(_rows(count), now, (80, 60))
            assert any("🔒" in line for line in lines) or count < 3


async def test_a_tick_draws_only_the_running_row_and_only_when_its_minutes_change() -> None:
    panel = AgendaPanel(id="agenda-panel")
    app = HostApp(panel)
    async with app.run_test(size=(80, 40)) as pilot:
        panel.styles.display = "block"  # shown from 110 columns by a screen class
        panel.rows = _rows(24)
        panel.now = 190.0  # 125 s before + 190 s running: 5/10m (5.25 minutes)
        await pilot.pause()
        start = panel.renders
        panel.now = 200.0  # still 5/10m (5.4): nothing to draw
        await pilot.pause()
        assert panel.renders == start
        panel.now = 240.0  # 6/10m: the running row only, of 24
        await pilot.pause()
        assert panel.renders == start + 1
        assert any("6/10m" in line for line in panel.lines_text())
        # An equal agenda pushed again draws nothing (no forced update).
        panel.rows = _rows(24)
        await pilot.pause()
        assert panel.renders == start + 1


async def test_a_changed_row_is_the_only_one_drawn_again() -> None:
    panel = AgendaPanel(id="agenda-panel")
    app = HostApp(panel)
    async with app.run_test(size=(80, 40)) as pilot:
        panel.styles.display = "block"  # shown from 110 columns by a screen class
        rows = _rows(24, running_since=None)
        panel.rows = rows
        await pilot.pause()
        start = panel.renders
        changed = list(rows)
        changed[5] = AgendaRow(**{**changed[5].__dict__, "title": "Renamed item"})
        panel.rows = tuple(changed)
        await pilot.pause()
        assert panel.renders == start + 1
        assert any("Renamed item" in line for line in panel.lines_text())


async def test_pausing_the_current_item_draws_no_row_until_its_minutes_move() -> None:
    # Space pauses and resumes: the current row's status and clock change, and neither
    # shows in the agenda (the ▶ mark and 2/10m stay). It was drawn anew on every pause,
    # ~1 ms of the key (issue 12); the cache is keyed by what a row shows.
    panel = AgendaPanel(id="agenda-panel")
    app = HostApp(panel)
    async with app.run_test(size=(80, 40)) as pilot:
        panel.styles.display = "block"  # shown from 110 columns by a screen class
        running = _rows(24)
        panel.rows = running
        panel.now = 10.0  # 125 s + 10 s: 2/10m
        await pilot.pause()
        lines, start = panel.lines_text(), panel.renders
        repaints: list[tuple[int, int]] = []
        panel.refresh_lines = lambda y, n=1: repaints.append((y, n))  # type: ignore[method-assign,assignment]
        for base in (135.0, 136.5, 140.0):  # paused, resumed, paused again: still 2 minutes
            panel.rows = tuple(
                replace(
                    row,
                    status="paused" if base != 136.5 else "running",
                    actual=Ticking(base=base, since=None if base != 136.5 else 10.0),
                )
                if row.current
                else row
                for row in running
            )
            await pilot.pause()
        assert (panel.renders, repaints) == (start, [])
        assert panel.lines_text() == lines
        # What does show still draws: the minutes moving past 3.
        panel.rows = tuple(
            replace(row, status="paused", actual=Ticking(base=200.0, since=None))
            if row.current
            else row
            for row in running
        )
        await pilot.pause()
        assert panel.renders == start + 1
        assert any("3/10m" in line for line in panel.lines_text())
