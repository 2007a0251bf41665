"""F1: the keys of the focused area first, then every other command, from the registry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.i18n import N_, _
from facilitator.tui.commands import area_titles, effective_key, specs_for
from facilitator.tui.screens.modal import Modal


def help_table(focused_area: str | None, keymap: Mapping[str, str]) -> Table:
    """A two-column table of key and meaning, grouped by area, the focused one first."""
    titles = area_titles()
    areas = list(titles)
    if focused_area in areas:
        areas.remove(focused_area)
        areas.insert(0, focused_area)
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for area in areas:
        specs = specs_for(area)
        if not specs:
            continue
        heading = _(titles[area]) + ("  " + _("(focused)") if area == focused_area else "")
        table.add_row("", Text(heading, style="bold underline"))
        for s in specs:
            key = effective_key(s, keymap)
            shown = s.key_display if key == s.key and s.key_display else key
            table.add_row(Text(shown, style="bold"), Text(_(s.help)))
        table.add_row("", "")
    return table


QUITTING = N_(
    "Quitting: ctrl+q. In the middle of a meeting it asks first (Cancel is the default); "
    "everything recorded stays in the meeting's journal, and `facilitator resume` picks it "
    "up again. ⇧E ends the meeting properly and writes the final minutes."
)
"""How to leave and come back, shown in F1 (the registry has no command for ctrl+q)."""

TYPE_AHEAD = N_(
    "Type ahead freely: keys are taken in the order you type them, each by the window "
    "that is open at that moment. Confirmations that end or drop something start on "
    "Cancel, so an Enter typed ahead never confirms them."
)
"""How fast typing behaves, shown in F1."""


def remap_hint() -> str:
    """Where keys are remapped, with an example."""
    from facilitator.store.settings import settings_path

    return _(
        "Remap keys in {path} under [keys], by command id, e.g.\n"
        '[keys]\nnext-speaker = "f5"\n'
        "A key runs one command: give a key that is free, or move the other command too.\n"
        "Ids: {ids}"
    ).format(path=settings_path(), ids=", ".join(s.id for s in specs_for(*area_titles())))


class HelpScreen(Modal[None]):
    """Lists the commands; any of F1, Escape or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", N_("Close"), id="help-close")
    ]

    def __init__(
        self, focused_area: str | None, keymap: Mapping[str, str], *, about: str = ""
    ) -> None:
        super().__init__()
        self._area = focused_area
        self._keymap = keymap
        self._about = about
        """How the current process runs (its panel module's `HELP`), shown above the keys."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="modal-box"):
            yield Static(
                Text(_("Keys (Escape closes; ctrl+p searches every command)")), id="help-title"
            )
            if self._about:
                yield Static(Text(_(self._about)), id="help-about")
            yield Static(Text(_(QUITTING)), id="help-quit")
            yield Static(help_table(self._area, self._keymap), id="help-table")
            yield Static(Text(_(TYPE_AHEAD)), id="help-type-ahead")
            yield Static(Text(remap_hint()), id="help-remap")

    def action_close(self) -> None:
        self.dismiss(None)
