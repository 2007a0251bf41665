"""Confirmations for destructive or meeting-ending acts: Cancel is always the default."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from facilitator.i18n import N_, _
from facilitator.tui.screens.modal import Modal


class ConfirmScreen(Modal[bool]):
    """Asks one question; dismisses with True (y / Enter on Yes) or False (n / Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm-yes"),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm-no"),
    ]

    def __init__(
        self,
        question: str,
        *,
        yes: str = N_("Yes"),
        no: str = N_("Cancel"),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._question = question
        self._yes = _(yes)
        self._no = _(no)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="modal-box"):
            yield Static(Text(self._question), id="confirm-question")
            with Horizontal(classes="modal-buttons"):
                yield Button(f"{self._yes} (y)", variant="error", id="confirm-yes")
                yield Button(f"{self._no} (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ChoiceScreen(Modal[str | None]):
    """A question with a few answers, each with a key; Cancel (focused, Escape) is the default.

    Dismisses with the chosen answer's value, or None for Cancel.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="choice-cancel"),
    ]

    def __init__(self, question: str, answers: Sequence[tuple[str, str, str]]) -> None:
        """`answers`: (value, label, key) for each answer besides Cancel."""
        super().__init__()
        self._question = question
        self._answers = list(answers)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box", classes="modal-box"):
            yield Static(Text(self._question), id="choice-question")
            with Horizontal(classes="modal-buttons"):
                for value, label, key in self._answers:
                    yield Button(f"{label} ({key})", id=f"choice-{value}")
                yield Button(_("Cancel") + " (Esc)", id="choice-cancel")

    def on_mount(self) -> None:
        # Cancel has the focus: an Enter typed ahead for something else cancels.
        self.query_one("#choice-cancel", Button).focus()

    def on_key(self, event: events.Key) -> None:
        for value, _label, key in self._answers:
            if event.character == key:
                event.stop()
                self.dismiss(value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        value = (event.button.id or "").removeprefix("choice-")
        self.dismiss(None if value == "cancel" else value)

    def action_cancel(self) -> None:
        self.dismiss(None)
