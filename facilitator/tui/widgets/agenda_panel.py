"""The agenda: every item with planned and actual time, the current one marked with ▶."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from facilitator.tui.format import CURRENT_MARK, minutes
from facilitator.tui.view import AgendaRow

_STATUS_MARK = {
    "done": "✓",
    "skipped": "⤼",
    "deferred": "↷",
    "paused": "⏸",
    "running": CURRENT_MARK,
    "pending": " ",
}


def agenda_table(rows: tuple[AgendaRow, ...], now: float) -> Table:
    """The agenda as a Rich table; titles are Text, so never read as markup.

    Titles wrap at word boundaries; a single word too long for the column ends in
    `…` (the current-item panel and the item chooser show it whole). Time used and
    planned share one column (`3/10m`), so the title keeps the width at 80 columns.
    """
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, width=1)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1, overflow="ellipsis")
    table.add_column(justify="right", no_wrap=True)
    table.add_row("", "", Text("item", style="dim"), Text("min", style="dim"))
    for row in rows:
        mark = CURRENT_MARK if row.current else _STATUS_MARK.get(row.status, " ")
        style = (
            "bold reverse"
            if row.current
            else ("dim" if row.status in ("done", "skipped", "deferred") else "")
        )
        table.add_row(Text(mark), Text(str(row.number)), _title(row, style), _time(row, now))
    return table


def _title(row: AgendaRow, style: str) -> Text:
    # The marker comes first, so it shows even when the title is cut to fit.
    title = Text("🔒 " if row.confidential else "", style=style)
    title.append(row.title)
    if row.at_risk:
        title.append(" ⚠ at risk", style="italic")
    return title


def _time(row: AgendaRow, now: float) -> Text:
    """`10m` planned; `3/10m` once time is used; `12/10m!` in bold when over."""
    used = row.actual.at(now)
    planned = minutes(row.planned)
    if not used:
        return Text(planned)
    over = used > row.planned
    text = Text(f"{minutes(used).removesuffix('m')}/{planned}", style="bold" if over else "")
    if over:
        text.append("!")
    return text


class AgendaPanel(VerticalScroll):
    """Shows `rows`; the clock refresh sets `now` so the running item's time ticks."""

    AREA: ClassVar[str] = "item"

    rows: reactive[tuple[AgendaRow, ...]] = reactive((), always_update=True)
    now: reactive[float] = reactive(0.0)

    def compose(self) -> ComposeResult:
        yield Static(id="agenda-table")

    def on_mount(self) -> None:
        self.border_title = "Agenda"

    def _redraw(self) -> None:
        if self.is_mounted:
            self.query_one("#agenda-table", Static).update(agenda_table(self.rows, self.now))

    def watch_rows(self) -> None:
        self._redraw()

    def watch_now(self) -> None:
        # Only the running item's "used" column changes with time.
        if any(r.actual.since is not None for r in self.rows):
            self._redraw()
