"""The agenda: every item with planned and actual time, the current one marked with ▶.

Issue 12: the panel was one Static holding a Rich Table of every item, rendered in
full twice per update and on every tick. It is now a Line API widget: each row is
rendered on its own (a one-row grid with the table's column widths, so it looks the
same as the whole table), its lines are cached, and only the lines on screen are
painted. A tick re-renders the running row only, and only when its `3/10m` text
changes (once a minute), and then repaints only that row's lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.console import Console, ConsoleOptions
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from facilitator.i18n import _
from facilitator.tui.format import CURRENT_MARK, minutes
from facilitator.tui.view import AgendaRow

if TYPE_CHECKING:
    from facilitator.tui.view import MeetingView

_STATUS_MARK = {
    "done": "✓",
    "skipped": "⤼",
    "deferred": "↷",
    "paused": "⏸",
    "running": CURRENT_MARK,
    "pending": " ",
}
_HEADER_TIME = "min"


def agenda_table(rows: tuple[AgendaRow, ...], now: float) -> Table:
    """The agenda as a Rich table; titles are Text, so never read as markup.

    Titles wrap at word boundaries; a single word too long for the column ends in
    `…` (the current-item panel and the item chooser show it whole). Time used and
    planned share one column (`3/10m`), so the title keeps the width at 80 columns.
    The panel draws the same thing row by row (`row_grid`); this whole table is the
    reference its tests compare against.
    """
    table = _grid()
    table.add_row(*_header_cells())
    for row in rows:
        table.add_row(*_cells(row, _time(row, now)))
    return table


def _grid(number_width: int | None = None, time_width: int | None = None) -> Table:
    """The agenda's columns; with widths given, fixed to what the whole table would use."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, width=1)
    table.add_column(justify="right", no_wrap=True, width=number_width)
    table.add_column(ratio=1, overflow="ellipsis")
    table.add_column(justify="right", no_wrap=True, width=time_width)
    return table


def _header_cells() -> tuple[Text, Text, Text, Text]:
    return Text(""), Text(""), Text(_("item"), style="dim"), Text(_HEADER_TIME, style="dim")


def _look(row: AgendaRow) -> tuple[str, str]:
    """The row's mark and title style: all its status changes on screen."""
    if row.current:
        return CURRENT_MARK, "bold reverse"
    return _STATUS_MARK.get(row.status, " "), (
        "dim" if row.status in ("done", "skipped", "deferred") else ""
    )


def _shown(row: AgendaRow) -> tuple[object, ...]:
    """Everything of `row` its cells show (with its time text): rows equal in this draw
    the same lines. Pausing the current item changes its status and its clock, and
    neither shows here until the minutes move, so a pause draws nothing (issue 12)."""
    return (_look(row), row.number, row.title, row.confidential, row.at_risk)


def _cells(row: AgendaRow, time: Text) -> tuple[Text, Text, Text, Text]:
    mark, style = _look(row)
    return Text(mark), Text(str(row.number)), _title(row, style), time


def _title(row: AgendaRow, style: str) -> Text:
    # The marker comes first, so it shows even when the title is cut to fit.
    title = Text("🔒 " if row.confidential else "", style=style)
    title.append(row.title)
    if row.at_risk:
        title.append(" ⚠ " + _("at risk"), style="italic")
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


@dataclass(frozen=True)
class Widths:
    """The column widths the whole table would give its number and time columns."""

    number: int
    """Digits of the largest item number."""
    time: int
    """The longest time text (or the `min` header)."""

    @classmethod
    def of(cls, rows: tuple[AgendaRow, ...], times: list[Text]) -> Widths:
        """What Rich would measure over every row (no_wrap columns take their widest cell)."""
        return cls(
            number=max((len(str(r.number)) for r in rows), default=0),
            time=max((t.cell_len for t in times), default=0) or len(_HEADER_TIME),
        )


def row_grid(cells: tuple[Text, Text, Text, Text], widths: Widths) -> Table:
    """One row as a grid with the whole table's column widths: it wraps as the table would."""
    table = _grid(widths.number, max(widths.time, len(_HEADER_TIME)))
    table.add_row(*cells)
    return table


def row_lines(
    console: Console,
    options: ConsoleOptions,
    cells: tuple[Text, Text, Text, Text],
    widths: Widths,
    base: Style,
) -> list[Strip]:
    """One row's lines at `options`' width, on the widget's base style."""
    lines = console.render_lines(row_grid(cells, widths), options, style=base, pad=True)
    return [Strip(line) for line in lines]


class AgendaPanel(ScrollView):
    """Shows `rows`; the clock refresh sets `now` so the running item's time ticks."""

    AREA: ClassVar[str] = "item"

    # Frozen dataclasses compare by value: an equal tuple does not redraw anything. A new
    # one repaints what `_layout` says (the rows drawn anew), not the whole panel: the
    # default repaint came on top of it and redrew all 24 rows on every pause (issue 12).
    rows: reactive[tuple[AgendaRow, ...]] = reactive((), repaint=False)
    now: reactive[float] = reactive(0.0, repaint=False)  # the watcher draws what moved

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._times: list[Text] = []
        """Each row's time text as last laid out (the header's is `min`)."""
        self._widths = Widths(0, len(_HEADER_TIME))
        """Column widths of the last layout."""
        self._starts: list[int] = []
        """The first line of each row (index 0 is the header), then the total."""
        self._strips: list[list[Strip]] = []
        """Each row's rendered lines (index 0 is the header)."""
        self._cache: dict[tuple[object, ...], list[Strip]] = {}
        """Rendered rows by (what the row shows, time text, widths, width, style): rows
        that look the same are reused, whatever else in them changed."""
        self._rows: tuple[AgendaRow, ...] = ()
        """`rows` as last laid out (read once per layout, not through the reactive per row)."""
        self._layout_key: tuple[int, Style] | None = None
        """The width and base style the layout was made for."""
        self.renders = 0
        """Rows rendered so far (not taken from the cache): the render-count tests read it."""

    def on_mount(self) -> None:
        self.border_title = _("Agenda")

    # --- layout --------------------------------------------------------------------------

    def _width(self) -> int:
        return self.scrollable_content_region.width

    def _base(self) -> Style:
        return self.visual_style.rich_style

    def _render_row(self, index: int, width: int, base: Style) -> list[Strip]:
        if index == 0:
            key: tuple[object, ...] = ("header", self._widths, width, base)
        else:
            row, time = self._rows[index - 1], self._times[index - 1]
            key = (_shown(row), time.plain, self._widths, width, base)
        strips = self._cache.get(key)
        if strips is None:
            # The cells only for a row drawn anew: a pause built all 24 rows' cells to take
            # 23 of them from the cache.
            cells = _header_cells() if index == 0 else _cells(row, time)
            options = self.app.console.options.update(width=width, highlight=False)
            strips = row_lines(self.app.console, options, cells, self._widths, base)
            self.renders += 1
            self._cache[key] = strips
        return strips

    def _layout(self) -> None:
        """Lay every row out again (cached rows are reused) and repaint."""
        width, base = self._width(), self._base()
        self._layout_key = (width, base)
        if width <= 0:
            self._strips, self._starts = [], [0]
            return
        rows = self._rows = self.rows
        now = self.now
        self._times = [_time(row, now) for row in rows]
        self._widths = Widths.of(rows, self._times)
        if len(self._cache) > 4 * (len(rows) + 1):
            self._cache.clear()  # old rows and widths: keep the cache the agenda's size
        before, starts_before = self._strips, self._starts
        self._strips = [self._render_row(i, width, base) for i in range(len(rows) + 1)]
        self._starts = [0]
        for strips in self._strips:
            self._starts.append(self._starts[-1] + len(strips))
        self.virtual_size = Size(width, self._starts[-1])
        if self._starts != starts_before or len(before) != len(self._strips):
            self.refresh()  # rows came, went or changed height: everything below moves
            return
        # The same lines in the same places: repaint only the rows drawn anew (a key that
        # pauses the item changes its row alone; cached rows are the same objects).
        for i, strips in enumerate(self._strips):
            if strips is not before[i]:
                self.refresh_lines(self._starts[i], len(strips))

    def watch_rows(self) -> None:
        if self.is_mounted:
            self._layout()

    def watch_now(self) -> None:
        # Only a running item's "used" column changes with time, and its text only once a
        # minute: most ticks find nothing to do. Otherwise only that row is drawn again.
        if not self.is_mounted or not self._strips:
            return
        rows, now = self._rows, self.now
        changed = [
            i
            for i, row in enumerate(rows)
            if row.actual.since is not None and _time(row, now).plain != self._times[i].plain
        ]
        if not changed:
            return
        times = list(self._times)
        for i in changed:
            times[i] = _time(rows[i], now)
        if Widths.of(rows, times) != self._widths:
            self._layout()  # e.g. 9/10m -> 10/10m widened the column: every row moves
            return
        width, base = self._layout_key or (self._width(), self._base())
        for i in changed:
            self._times[i] = times[i]
            strips = self._render_row(i + 1, width, base)
            if len(strips) != len(self._strips[i + 1]):
                self._layout()
                return
            self._strips[i + 1] = strips
            self.refresh_lines(self._starts[i + 1], len(strips))

    # --- painting ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """One line on screen: only visible lines are ever asked for."""
        if self._layout_key != (self._width(), self._base()):
            # The width changed (a resize, a scroll bar came or went) or the theme did.
            self._layout()
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        width = self.size.width
        base = self._base()
        if not self._strips or line >= self._starts[-1]:
            return Strip.blank(width, base)
        index = _row_at(self._starts, line)
        strip = self._strips[index][line - self._starts[index]]
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def lines_text(self) -> list[str]:
        """Every line of the laid-out agenda as plain text (for tests)."""
        return ["".join(s.text for s in strip) for strips in self._strips for strip in strips]

    def show_view(self, view: MeetingView, last: MeetingView | None, now: float) -> None:
        """The run screen's push: the clock, and the rows when they changed since `last`
        (an assignment redraws even when equal, so unchanged rows are not assigned)."""
        self.now = now
        if last is None or view.agenda != last.agenda:
            self.rows = view.agenda


def _row_at(starts: list[int], line: int) -> int:
    """The row whose lines include `line` (binary search over the row starts)."""
    lo, hi = 0, len(starts) - 2
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= line:
            lo = mid
        else:
            hi = mid - 1
    return lo


__all__ = ["AgendaPanel", "agenda_table", "row_grid", "row_lines"]
