"""Modal forms: a few labelled Inputs, inline validation messages, Enter submits, Escape cancels.

`FormScreen` dismisses with a dict of the cleaned values, or None when cancelled.
Each `Field` says how to clean its text; a cleaning error is shown under the
field and the form stays open. `Field` and the cleaners live in `tui/fields.py` (no
widget import: the run screen's widgets build fields at the first frame, and this
module pulls in Input and TextArea); they are re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static, TextArea

from facilitator.i18n import N_, _
from facilitator.tui.fields import Cleaner as Cleaner
from facilitator.tui.fields import Field as Field
from facilitator.tui.fields import NeedsConfirmation as NeedsConfirmation
from facilitator.tui.fields import choice_cleaner as choice_cleaner
from facilitator.tui.fields import completion as completion
from facilitator.tui.fields import minutes_cleaner as minutes_cleaner
from facilitator.tui.fields import person_cleaner as person_cleaner
from facilitator.tui.fields import yes_no_cleaner as yes_no_cleaner
from facilitator.tui.screens.modal import Modal


def take_completion(box: Input, suggestions: Sequence[str]) -> None:
    """Enter takes the completion shown: "Efua" with "Efua Mensah" offered becomes "Efua Mensah"."""
    found = completion(box.value, suggestions)
    if found is not None and len(found) > len(box.value):
        box.value = found
        box.cursor_position = len(found)


class FormScreen(Modal[dict[str, Any] | None]):
    """Enter on the last field submits; Enter elsewhere moves on; Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="form-cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="form-save", priority=True),
    ]

    def __init__(self, title: str, fields: Sequence[Field]) -> None:
        super().__init__()
        self._title = title
        self._fields = list(fields)
        self._confirmed: dict[str, str] = {}
        """Field name -> the text the facilitator confirmed as free text."""

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box", classes="modal-box"):
            yield Static(Text(self._title, style="bold"), id="form-title")
            for f in self._fields:
                # The form says "optional" itself, once, in the screen's language: labels never do.
                label = f.label if f.required else _("{label} (optional)").format(label=f.label)
                yield Label(Text(label))
                if f.multiline:
                    yield TextArea(f.value, id=f"field-{f.name}", classes="form-area")
                    yield Static("", id=f"error-{f.name}", classes="form-error")
                    continue
                yield Input(
                    value=f.value,
                    placeholder=f.placeholder,
                    id=f"field-{f.name}",
                    suggester=SuggestFromList(f.suggestions, case_sensitive=False)
                    if f.suggestions
                    else None,
                )
                yield Static("", id=f"error-{f.name}", classes="form-error")
            yield Static(
                Text(_("Enter: next field / save · ctrl+s: save now · Esc: cancel"), style="dim")
            )

    def on_mount(self) -> None:
        self.query_one(f"#field-{self._fields[0].name}").focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        ids = [f"field-{f.name}" for f in self._fields]
        index = ids.index(event.input.id or "")
        take_completion(event.input, self._fields[index].suggestions)
        if index + 1 < len(ids):
            self.query_one(f"#{ids[index + 1]}").focus()
        else:
            self.submit()

    def submit(self) -> None:
        """Validate every field; dismiss with the values, or show each problem under its field."""
        values: dict[str, Any] = {}
        first_bad: Input | TextArea | None = None
        ask: tuple[Field, str, NeedsConfirmation, Input | TextArea] | None = None
        for f in self._fields:
            box = self.query_one(f"#field-{f.name}")
            assert isinstance(box, Input | TextArea)
            if isinstance(box, Input) and box.has_focus:
                take_completion(box, f.suggestions)
            error = self.query_one(f"#error-{f.name}", Static)
            text = box.text if isinstance(box, TextArea) else box.value
            try:
                if not text.strip():
                    if f.required:
                        raise ValueError(_("{field} is needed").format(field=f.label.lower()))
                    values[f.name] = f.clean(text) if f.clean is yes_no_cleaner else None
                else:
                    values[f.name] = f.clean(text) if f.clean else text.strip()
                error.update("")
                error.display = False
            except NeedsConfirmation as exc:
                values[f.name] = exc.value
                if self._confirmed.get(f.name) != text and ask is None:
                    ask = (f, text, exc, box)
            except ValueError as exc:
                error.update(Text(f"✗ {exc}"))
                error.display = True
                first_bad = first_bad or box
        if first_bad is not None:
            first_bad.focus()
            return
        if ask is not None:
            self._ask(*ask)
            return
        self.dismiss(values)

    def _ask(self, f: Field, text: str, exc: NeedsConfirmation, box: Input | TextArea) -> None:
        from facilitator.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._confirmed[f.name] = text
                self.submit()
            else:
                box.focus()

        self.app.push_screen(
            ConfirmScreen(exc.question, yes=_("Keep as written"), no=_("Change it")), answered
        )

    def _typed(self) -> bool:
        """Whether any field differs from what the form opened with."""
        for f in self._fields:
            box = self.query_one(f"#field-{f.name}")
            text = box.text if isinstance(box, TextArea) else getattr(box, "value", "")
            if text != f.value:
                return True
        return False

    def action_cancel(self) -> None:
        """Escape: close at once when nothing was typed, else ask before throwing it away."""
        if not self._typed():
            self.dismiss(None)
            return
        from facilitator.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                _("Discard what you typed in “{title}”?").format(title=self._title),
                yes=_("Discard"),
                no=_("Keep editing"),
            ),
            answered,
        )

    def action_save(self) -> None:
        """Save from any field (the rest keep their defaults)."""
        self.submit()
