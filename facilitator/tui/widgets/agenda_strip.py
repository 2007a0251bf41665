"""The agenda folded into one line, for screens too narrow for the agenda column.

`item 2/8 ▶ Adopt the budget 3/30m · next: Announcements · ⇧L whole agenda`. The run
screen's CSS shows it instead of the agenda column below a width (see `run.tcss`); the
key opens the whole agenda. What does not fit ends in `…`: the next title gives way
first, then the current one, and the key hint always stays.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from facilitator.i18n import _, ngettext
from facilitator.tui.commands import app_keymap, key_label
from facilitator.tui.format import CURRENT_MARK, minutes
from facilitator.tui.view import AgendaRow

if TYPE_CHECKING:
    from facilitator.tui.view import MeetingView

MIN_TITLE = 8
"""A title is not shortened below this many cells (the next title goes first)."""


def _title(row: AgendaRow) -> Text:
    return Text(("🔒 " if row.confidential else "") + row.title)


def _used(row: AgendaRow, now: float) -> str:
    used = row.actual.at(now)
    planned = minutes(row.planned)
    return f"{minutes(used).removesuffix('m')}/{planned}" if used else planned


def _cut(text: Text, width: int) -> Text:
    """`text` in at most `width` cells, ending in `…` when cut."""
    if text.cell_len <= width:
        return text
    out = text.copy()
    out.truncate(max(1, width), overflow="ellipsis")
    return out


def strip_text(
    rows: tuple[AgendaRow, ...],
    now: float,
    width: int | None = None,
    keymap: Mapping[str, str] | None = None,
) -> Text:
    """The one-line agenda: position, the current item and its time, the next one, the key."""
    hint = Text(_("{key} whole agenda").format(key=key_label("full-agenda", keymap)), style="dim")
    if not rows:
        return Text.assemble(_("no agenda items") + " · ", hint)
    at = next((i for i, r in enumerate(rows) if r.current), None)
    after = rows[at + 1 :] if at is not None else rows
    upcoming = next((r for r in after if r.status == "pending"), None)
    head = Text(
        _("item {n}/{total}").format(n=at + 1, total=len(rows)) + " "
        if at is not None
        else ngettext("{n} item", "{n} items", len(rows)).format(n=len(rows)) + " · "
    )
    current = _title(rows[at]) if at is not None else None
    if current is not None:
        current.stylize("bold")
    time = Text(f" {_used(rows[at], now)}") if at is not None else Text()
    nxt = _title(upcoming) if upcoming is not None else None
    sep = Text(" · ")

    def assemble(cur: Text | None, following: Text | None) -> Text:
        out = head.copy()
        if cur is not None:
            out.append(f"{CURRENT_MARK} ")
            out.append_text(cur)
            out.append_text(time)
            out.append_text(sep)
        if following is not None:
            out.append(_("next:") + " ")
            out.append_text(following)
            out.append_text(sep)
        out.append_text(hint)
        return out

    full = assemble(current, nxt)
    if width is None or full.cell_len <= width:
        return full
    over = full.cell_len - width
    if nxt is not None:
        room = max(MIN_TITLE, nxt.cell_len - over)
        nxt = _cut(nxt, room)
        over -= full.cell_len - assemble(current, nxt).cell_len
    if over > 0 and current is not None:
        current = _cut(current, max(MIN_TITLE, current.cell_len - over))
    out = assemble(current, nxt)
    # Still too long at the minimum widths: the whole line is cut, visibly.
    return _cut(out, width)


class AgendaStrip(Static):
    """Shows `rows` in one line; `now` moves the running item's time."""

    rows: reactive[tuple[AgendaRow, ...]] = reactive(())
    now: reactive[float] = reactive(0.0, repaint=False)  # the watcher draws what moved

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: Text | None = None

    def _redraw(self) -> None:
        # Only when it shows, and only when the line changed: hidden at wide sizes.
        if not self.is_mounted or not self.display:
            return
        text = strip_text(self.rows, self.now, self.size.width or None, app_keymap(self))
        if self._shown is None or text != self._shown:
            self._shown = text
            self.update(text)

    def watch_rows(self) -> None:
        self._redraw()

    def watch_now(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def show_view(self, view: MeetingView, last: MeetingView | None, now: float) -> None:
        """The run screen's push: the clock, and the rows when they changed since `last`
        (an assignment redraws even when equal, so unchanged rows are not assigned)."""
        self.now = now
        if last is None or view.agenda != last.agenda:
            self.rows = view.agenda
