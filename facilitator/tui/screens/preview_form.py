"""A form that says back, under a field, what its text will be read as, while you type.

`FormScreen` checks a field only on Enter. For dates typed in friendly forms
(`fri`, `+2w`) the facilitator should see the day before saving, so this
subclass adds one line under each previewed field and refreshes it on every
change; validation and the result are the form's own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.css.query import NoMatches
from textual.widgets import Input, Static

from facilitator.tui.screens.forms import Field, FormScreen

Preview = Callable[[str], str]
"""Text typed -> one plain line saying what it means ("" shows nothing)."""


class PreviewFormScreen(FormScreen):
    """`FormScreen` plus a live line under the fields named in `previews`."""

    DEFAULT_CSS: ClassVar[str] = """
    PreviewFormScreen .form-preview {
        color: $text-muted;
        height: auto;
    }
    """

    def __init__(
        self, title: str, fields: Sequence[Field], previews: Mapping[str, Preview]
    ) -> None:
        super().__init__(title, fields)
        self._previews = dict(previews)

    def on_mount(self) -> None:
        super().on_mount()
        for name in self._previews:
            box = self.query_one(f"#field-{name}", Input)
            line = Static("", id=f"preview-{name}", classes="form-preview")
            self.query_one("#form-box").mount(line, after=box)
            self._show(name, box.value)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name in self._previews:
            self._show(name, event.value)

    def _show(self, name: str, text: str) -> None:
        try:
            line = self.query_one(f"#preview-{name}", Static)
        except NoMatches:  # not mounted yet: on_mount shows it
            return
        line.update(Text(self._previews[name](text)))
