"""The start choice: resume an unfinished meeting of this agenda, or start a new one.

When the agenda file was edited after such a meeting was opened, the screen says so: resuming
keeps the agenda as it was when the meeting opened. A meeting that recorded nothing (a false
start) is offered first to start again with the edited agenda (`store/unstarted.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
from facilitator.store.unstarted import AgendaChange
from facilitator.tui.screens.modal import Modal

NEW = "new"
"""Dismiss value for "start a new meeting"."""


@dataclass(frozen=True)
class Restart:
    """Dismiss value for "start again with the edited agenda": `journal` recorded nothing."""

    journal: Path


@dataclass(frozen=True)
class Unfinished:
    """One unfinished meeting the screen offers: its journal, a line about it, and how its
    agenda compares with the file now."""

    journal: Path
    description: str
    change: AgendaChange = AgendaChange.SAME


class StartScreen(Modal[Path | str | Restart | None]):
    """Dismisses with a journal Path (resume), NEW, a Restart, or None (quit)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "quit_app", N_("Quit"), id="start-quit")
    ]

    def __init__(self, unfinished: Sequence[Unfinished], *, can_start: bool = True) -> None:
        super().__init__()
        self._unfinished = list(unfinished)
        self._can_start = can_start

    def compose(self) -> ComposeResult:
        edited = [u for u in self._unfinished if u.change is not AgendaChange.SAME]
        restart = next(
            (u for u in edited if u.change is AgendaChange.EDITED_UNSTARTED and self._can_start),
            None,
        )
        with Vertical(id="start-box", classes="modal-box"):
            yield Static(Text(_("This agenda has a meeting that was not ended."), style="bold"))
            if restart is not None:
                yield Static(
                    Text(
                        _(
                            "The agenda file has changed since it was opened, and nothing was "
                            "recorded yet: start again with the edited agenda, or resume with "
                            "the agenda as it was?"
                        )
                    )
                )
            elif edited:
                yield Static(
                    Text(
                        _(
                            "The agenda file has changed since it was opened. Resuming keeps "
                            "the agenda as it was then (nothing recorded is lost); a new "
                            "meeting uses the edited file."
                        )
                    )
                )
            else:
                yield Static(
                    Text(_("Resume it (nothing recorded is lost), or start a new meeting?"))
                )
            options = []
            if restart is not None:
                options.append(
                    Option(
                        Text.assemble(
                            (_("Start again with the edited agenda"), "bold"),
                            (_("  (the unstarted meeting is removed)"), "dim"),
                        ),
                        id="start-restart",
                    )
                )
            for i, u in enumerate(self._unfinished):
                label = Text.assemble((_("Resume  "), "bold"), u.description)
                if u.change is not AgendaChange.SAME:
                    label.append(_("  (agenda as it was)"), "dim")
                options.append(Option(label, id=f"resume-{i}"))
            if self._can_start and restart is None:
                options.append(
                    Option(Text.assemble((_("Start a new meeting"), "bold")), id="start-new")
                )
            self._restart = restart
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
        elif oid == "start-restart" and self._restart is not None:
            self.dismiss(Restart(self._restart.journal))
        else:
            self.dismiss(self._unfinished[int(oid.removeprefix("resume-"))].journal)

    def action_quit_app(self) -> None:
        self.dismiss(None)
