"""Modal forms: a few labelled Inputs, inline validation messages, Enter submits, Escape cancels.

`FormScreen` dismisses with a dict of the cleaned values, or None when cancelled.
Each `Field` says how to clean its text; a cleaning error is shown under the
field and the form stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static, TextArea

from facilitator.i18n import N_, _
from facilitator.tui.screens.modal import Modal

Cleaner = Callable[[str], Any]
"""Turns the typed text into a value, or raises ValueError with a plain message."""


@dataclass(frozen=True)
class Field:
    """One input in a form."""

    name: str
    """Key in the result dict (also the widget id suffix: kebab-case)."""
    label: str
    """Shown above the input."""
    clean: Cleaner | None = None
    """Validation; None keeps the text (stripped)."""
    required: bool = True
    """An empty value is refused with "… is needed"."""
    placeholder: str = ""
    """Hint inside the empty input."""
    suggestions: Sequence[str] = ()
    """Completions offered as you type (names)."""
    value: str = ""
    """Initial text."""
    multiline: bool = False
    """A text area (Enter is a new line; ctrl+s saves): proposals keep their paragraphs."""


class NeedsConfirmation(Exception):
    """A value the form keeps only once the facilitator confirms it (e.g. a name not listed)."""

    def __init__(self, question: str, value: Any) -> None:
        super().__init__(question)
        self.question = question
        """Asked before keeping the value (Cancel is the default)."""
        self.value = value
        """What the field gives if the facilitator says yes."""


def person_cleaner(names: Sequence[str], *, free_text: bool = False) -> Cleaner:
    """Accept a participant's name, case-insensitively, returning it as the agenda spells it.

    With `free_text`, another name (a group, someone not on the agenda) is kept only
    after the facilitator confirms it: "Efua" must not silently stand beside "Efua Mensah".
    """
    folded = {n.casefold(): n for n in names}

    def clean(text: str) -> str:
        found = folded.get(text.strip().casefold())
        if found is not None:
            return found
        if free_text:
            raise NeedsConfirmation(
                _(
                    '"{name}" is not a participant. Keep it as written '
                    "(a group, or someone not on the agenda)?"
                ).format(name=text.strip()),
                text.strip(),
            )
        raise ValueError(
            _('"{name}" is not a participant; Tab completes a name').format(name=text.strip())
        )

    return clean


def minutes_cleaner(text: str) -> int:
    """Whole minutes (1–240) as seconds."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(_("write whole minutes, like 5")) from None
    if not 1 <= value <= 240:
        raise ValueError(_("between 1 and 240 minutes"))
    return value * 60


def choice_cleaner(options: Sequence[str], words: Mapping[str, str] | None = None) -> Cleaner:
    """Accept one of `options` (case-insensitive, a unique prefix is enough), or the word
    `words` says for it on screen (a Spanish screen takes "trabajo" for "work")."""
    said = {o: (words or {}).get(o, o) for o in options}

    def clean(text: str) -> str:
        t = text.strip().casefold()
        hits = [o for o in options if t in (o.casefold(), said[o].casefold())] or [
            o for o in options if o.casefold().startswith(t) or said[o].casefold().startswith(t)
        ]
        if t and len(hits) == 1:
            return hits[0]
        raise ValueError(_("one of: {choices}").format(choices=", ".join(said.values())))

    return clean


def yes_no_cleaner(text: str) -> bool:
    """y/yes/n/no (empty is no); a Spanish screen's s/sí/si too."""
    t = text.strip().casefold()
    if t in ("", "n", "no"):
        return False
    if t in ("y", "yes", "s", "si", "sí"):
        return True
    raise ValueError(_("answer y or n"))


def completion(value: str, suggestions: Sequence[str]) -> str | None:
    """The completion the Input shows for `value`: the first suggestion it starts (any case)."""
    # The same rule as SuggestFromList(case_sensitive=False), computed here and now: the
    # Input's own suggestion arrives from a worker, maybe after a fast Enter.
    if not value:
        return None
    folded = value.casefold()
    return next((s for s in suggestions if s.casefold().startswith(folded)), None)


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
