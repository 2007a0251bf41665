"""This item's log: notes, decisions, actions, credits and conflicts.

A DataTable that only *appends* what is new, so a long meeting does not make a
key press slower. It is rebuilt only when the item changes or an entry vanished
(undo), which are rare.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import DataTable

from facilitator.tui.view import LogEntry

KIND_LABEL = {
    "note": "✎ note",
    "decision": "⚖ decision",
    "action": "☐ action",
    "credit": "★ credit",
    "conflict": "⚡ conflict",
    "extension": "⊕ extended",
}
"""A word and an icon per entry type."""

TYPE_WIDTH = 11
"""Cells for the type column ("⚡ conflict"); the entry (with who, first) wraps in the rest."""


def _entry_text(entry: LogEntry) -> Text:
    """ "Who: what", with the person in bold; literal text, never markup."""
    out = Text()
    if entry.who:
        out.append(entry.who, style="bold")
        out.append(": ")
    out.append(entry.text)
    return out


class ItemLog(DataTable[Text]):
    """Shows `entries` (the current item's log, oldest first)."""

    AREA: ClassVar[str] = "log"

    entries: reactive[tuple[LogEntry, ...]] = reactive(())
    item_id: reactive[str | None] = reactive(None)

    def __init__(self, **kwargs: object) -> None:
        # No header row: the type column's icon and word say what each entry is, and at
        # 80x24 the line is worth more as one more entry.
        super().__init__(cursor_type="row", zebra_stripes=False, show_header=False, **kwargs)  # type: ignore[arg-type]
        self._shown: list[str] = []

    def on_mount(self) -> None:
        self.border_title = "Item log"
        self.add_column("type", key="type", width=TYPE_WIDTH)
        self.add_column("entry", key="entry", width=self._entry_width())
        self._rebuild()

    def _entry_width(self) -> int:
        # The type column has a fixed width; the entry wraps in the rest (less cell padding
        # and the scrollbar), so a long note is read whole rather than cut at the edge.
        return max(12, self.size.width - TYPE_WIDTH - 6)

    def on_resize(self) -> None:
        width = self._entry_width()
        column = self.columns.get("entry")  # type: ignore[call-overload]
        if column is not None and column.width != width:
            column.width = width
            self._rebuild()

    def watch_item_id(self) -> None:
        self._rebuild()

    def watch_entries(self, entries: tuple[LogEntry, ...]) -> None:
        if not self.is_mounted:
            return
        n = len(self._shown)
        # Append-only fast path: what is shown is still a prefix of the new log.
        if len(entries) >= n and (n == 0 or entries[n - 1].key == self._shown[-1]):
            new = entries[n:]
            for entry in new:
                self._add(entry)
            if new:
                self.move_cursor(row=self.row_count - 1)
        else:
            self._rebuild()

    def _rebuild(self) -> None:
        if not self.is_mounted:
            return
        self.clear()
        self._shown = []
        for entry in self.entries:
            self._add(entry)

    def _add(self, entry: LogEntry) -> None:
        self.add_row(
            Text(KIND_LABEL.get(entry.kind, entry.kind)),
            _entry_text(entry),
            key=entry.key,
            height=None,
        )
        self._shown.append(entry.key)
