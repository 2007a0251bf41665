"""Reading something whole that the run screen shows shortened: the agenda, the proposal.

At 80 and 100 columns the agenda is folded into a one-line strip and a long proposal
ends in `…`; one key (`full-agenda`, `read-proposal`) opens it here, whole and
scrollable, and Escape closes it. The two keys are the item panel's.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.i18n import N_, _
from facilitator.tui.screens.modal import Modal


class ReadingScreen(Modal[None]):
    """A title and a scrollable body; Escape (or q) closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Close")),
        Binding("up", "scroll('up')", show=False),
        Binding("down", "scroll('down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
        Binding("pagedown", "scroll('page_down')", show=False),
    ]

    def __init__(self, title: str, body: RenderableType) -> None:
        super().__init__()
        self._title = title
        self._body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reading-box", classes="modal-box") as box:
            # A title is free text: a Text, so it is never read as markup.
            box.border_title = Text(self._title)
            box.border_subtitle = _("Escape closes · ↑↓ scroll")
            yield Static(self._body, id="reading-body")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, how: str) -> None:
        box = self.query_one("#reading-box", VerticalScroll)
        getattr(box, f"scroll_{how}")(animate=False)
