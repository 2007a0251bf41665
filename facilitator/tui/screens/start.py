"""The start choice: resume an unfinished meeting of this agenda, or start a new one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.i18n import N_, _
from facilitator.tui.screens.modal import Modal

NEW = "new"
"""Dismiss value for "start a new meeting"."""


class StartScreen(Modal[Path | str | None]):
    """Dismisses with a journal Path (resume), NEW, or None (quit)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "quit_app", N_("Quit"), id="start-quit")
    ]

    def __init__(self, unfinished: Sequence[tuple[Path, str]], *, can_start: bool = True) -> None:
        super().__init__()
        self._unfinished = list(unfinished)
        self._can_start = can_start

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box", classes="modal-box"):
            yield Static(Text(_("This agenda has a meeting that was not ended."), style="bold"))
            yield Static(Text(_("Resume it (nothing recorded is lost), or start a new meeting?")))
            options = [
                Option(Text.assemble((_("Resume") + "  ", "bold"), desc), id=f"resume-{i}")
                for i, (_path, desc) in enumerate(self._unfinished)
            ]
            if self._can_start:
                options.append(
                    Option(Text.assemble((_("Start a new meeting"), "bold")), id="start-new")
                )
            yield OptionList(*options, id="start-options")
            yield Static(Text(_("Enter chooses · Esc quits"), style="dim"))

    def on_mount(self) -> None:
        options = self.query_one("#start-options", OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#start-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id or ""
        if oid == "start-new":
            self.dismiss(NEW)
        else:
            self.dismiss(self._unfinished[int(oid.removeprefix("resume-"))][0])

    def action_quit_app(self) -> None:
        self.dismiss(None)
