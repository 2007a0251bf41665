"""Who is here? The roll call that starts the meeting: everyone ticked, untick the absent."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from facilitator.tui.commands import app_keymap, key_label
from facilitator.tui.screens.modal import Modal
from facilitator.tui.view import Person


class AttendanceScreen(Modal[tuple[str, ...] | None]):
    """Dismisses with the names ticked present (Enter), or None (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "done", "Start", id="attendance-done", priority=True),
        Binding("escape", "cancel", "Cancel", id="attendance-cancel"),
    ]

    def __init__(self, people: tuple[Person, ...]) -> None:
        super().__init__()
        self._people = people

    def compose(self) -> ComposeResult:
        with Vertical(id="attendance-box", classes="modal-box"):
            yield Static(
                Text(
                    "Who is here? Space unticks someone absent; Enter starts the meeting.\n"
                    f"Late arrivals: press {key_label('arrive', app_keymap(self))} during the meeting."
                ),
                id="attendance-help",
            )
            yield SelectionList[str](
                *(Selection(Text(_label(p)), p.name, True) for p in self._people),
                id="attendance-list",
            )

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_done(self) -> None:
        """Start with the ticked names."""
        self.dismiss(tuple(self.query_one(SelectionList).selected))

    def action_cancel(self) -> None:
        """Do not start."""
        self.dismiss(None)


def _label(p: Person) -> str:
    role = "" if p.role == "member" else f"  ({p.role})"
    return f"{p.name}{role}"
