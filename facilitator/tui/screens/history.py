"""The history view (`h`): every act of the meeting in order, what was undone and redone, and when.

It reads `core.history`. While the screen is shared or presented it keeps to
the shared-screen rule, so what is confidential or off the record is masked
exactly as the item log masks it; on the facilitator's own screen, and in the
journal and the private record, the full words stay. Escape, `h` or `q` closes it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator.core.clock import parse_iso
from facilitator.core.history import HistoryRow, act_words, history
from facilitator.core.redo import redo_stack
from facilitator.core.state import MeetingState
from facilitator.i18n import N_, _, ngettext
from facilitator.tui.commands import app_keymap, key_label
from facilitator.tui.translate import translate_bindings

_MARK = {"done": " ", "undo": "↶", "redo": "↷"}
_KIND = {"done": N_("done"), "undo": N_("undo"), "redo": N_("redo")}
"""How a row's kind reads before what it undid or redid."""


def local_time(at: str) -> str:
    """HH:MM:SS in local time, as the status line shows times; "" when unreadable."""
    try:
        return parse_iso(at).astimezone().strftime("%H:%M:%S")
    except ValueError:
        return ""


def history_table(rows: list[HistoryRow], *, shared: bool = True) -> Table:
    """Number, time, a mark for undo/redo, and what (`shared`: as a shared screen may say
    it); undone acts are struck through and say so."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(justify="right", no_wrap=True, style="dim")
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for row in rows:
        # Unshared: everything, and 🔒 marks what a shared screen would hide (as panels do).
        mark = "🔒 " if row.confidential else ""
        what = Text(row.shared if shared else mark + row.what)
        if row.kind == "done" and row.undone:
            what.stylize("strike dim")
            what.append("  " + _("(undone)"), style="italic")
        elif row.kind != "done":
            what = Text(_(_KIND[row.kind]) + ": ", style="bold") + what
            what.append(f"  (#{row.target})", style="dim")
        table.add_row(Text(str(row.cmd)), Text(local_time(row.at)), Text(_MARK[row.kind]), what)
    return table


class HistoryScreen(ModalScreen[None]):
    """The audit trail of this meeting, newest at the bottom (scrolled into view)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,q", "close", N_("Close"), id="history-close")
    ]

    def __init__(self, state: MeetingState, *, shared: bool = True) -> None:
        """`shared`: the screen is shared or presented, so rows keep to the shared-screen
        rule (masked as the item log masks them); the facilitator's own screen says all."""
        super().__init__()
        translate_bindings(self)
        self._rows = history(state)
        self._shared = shared
        stack, _undone = redo_stack(state.events)
        self._redo: str | None = None
        if stack:
            target, recorded = stack[-1]
            what, said = act_words(state, target, recorded)
            self._redo = said if shared else what

    def compose(self) -> ComposeResult:
        keymap = app_keymap(self)
        undone = sum(r.kind == "done" and r.undone for r in self._rows)
        acts = sum(r.kind == "done" for r in self._rows)
        summary = ngettext(
            "{n} act · {undone} undone now · {key}: undo",
            "{n} acts · {undone} undone now · {key}: undo",
            acts,
        ).format(n=acts, undone=undone, key=key_label("undo", keymap))
        if self._redo is not None:
            summary += " · " + _("{key}: redo “{what}”").format(
                key=key_label("redo", keymap), what=self._redo
            )
        with VerticalScroll(id="history-box", classes="modal-box"):
            yield Static(Text(_("History (Escape closes)"), style="bold"), id="history-title")
            yield Static(Text(summary, style="dim"), id="history-summary")
            if self._rows:
                yield Static(history_table(self._rows, shared=self._shared), id="history-table")
            else:
                yield Static(Text(_("Nothing recorded yet.")), id="history-table")

    def on_mount(self) -> None:
        box = self.query_one("#history-box", VerticalScroll)
        box.styles.width = 90  # wider than a form: the rows are sentences (max-width still holds)
        box.scroll_end(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
