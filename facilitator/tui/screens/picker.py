"""A fuzzy picker: type a few letters, Enter takes the highlighted choice, Escape cancels.

Used to queue a person, withdraw someone, mark attendance and choose an item.
Each choice may carry a quick key; typing `;` then that key picks it at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.i18n import N_, _
from facilitator.tui.fields import Choice as Choice
from facilitator.tui.screens.modal import Modal


def rank(choices: Sequence[Choice], query: str) -> list[Choice]:
    """Choices matching `query`, best first; all of them, in order, for an empty query."""
    if not query.strip():
        return list(choices)
    matcher = Matcher(query)
    q = query.strip().casefold()

    def starts_a_word(label: str) -> bool:
        # "bo" should find "Bo Tran" before "[bold]Alex[/]": a word that starts with
        # the query beats letters found scattered (or inside markup-looking text).
        return any(w.startswith(q) for w in label.casefold().split())

    scored = [(matcher.match(c.label), i, c) for i, c in enumerate(choices)]
    ranked = sorted(scored, key=lambda t: (not starts_a_word(t[2].label), -t[0], t[1]))
    return [c for score, _, c in ranked if score > 0]


class PickerScreen(Modal[str | None]):
    """Dismisses with the picked choice's value, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="picker-cancel"),
        Binding("down", "move(1)", show=False, id="picker-down"),
        Binding("up", "move(-1)", show=False, id="picker-up"),
    ]

    def __init__(
        self, title: str, choices: Sequence[Choice], *, empty: str = N_("Nobody to pick.")
    ) -> None:
        super().__init__()
        self._title = title
        self._choices = list(choices)
        self._empty = _(empty)
        self._shown: list[Choice] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box", classes="modal-box"):
            yield Static(Text(self._title, style="bold"), id="picker-title")
            yield Input(
                placeholder=_("type to search · Enter picks · Esc cancels"), id="picker-input"
            )
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-input", Input).focus()

    def _fill(self, query: str) -> None:
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        self._shown = rank(self._choices, query)
        if not self._shown:
            options.add_option(
                Option(Text(self._empty if not self._choices else _("No match.")), disabled=True)
            )
            return
        for c in self._shown:
            label = Text()
            if c.key:
                label.append(f"[{c.key}] ", style="bold")
            label.append(c.label)
            if c.hint:
                label.append(f"  {c.hint}", style="dim")
            options.add_option(Option(label))
        options.highlighted = 0

    @on(Input.Changed, "#picker-input")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        options = self.query_one("#picker-options", OptionList)
        index = options.highlighted
        if self._shown and index is not None and index < len(self._shown):
            self.dismiss(self._shown[index].value)
        else:
            self.notify(_("Nothing matches: keep typing, or Esc to cancel."), markup=False)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self._shown):
            self.dismiss(self._shown[event.option_index].value)

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if self._shown:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self._shown) - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)


class QuickKeyScreen(Modal[str | None]):
    """The prefix-key step: shows every quick key, and the next key press picks a person."""

    def __init__(self, title: str, choices: Sequence[Choice]) -> None:
        super().__init__()
        self._title = title
        self._by_key = {c.key: c for c in choices if c.key}
        self._typed = ""
        """The first letter of a two-letter key, while waiting for the second."""

    def compose(self) -> ComposeResult:
        with Vertical(id="quick-box", classes="modal-box"):
            yield Static(Text(self._title + "  " + _("(press a key · Esc cancels)"), style="bold"))
            listing = Text()
            for key, c in self._by_key.items():
                listing.append(f"{key}", style="bold reverse")
                listing.append(f" {c.label}   ")
            yield Static(listing, id="quick-listing")
            yield Static(Text(""), id="quick-typed")

    def on_key(self, event: events.Key) -> None:
        # One dynamic key table, not an if-chain: the agenda's quick keys are data.
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            self.dismiss(None)
            return
        if event.key == "backspace" and self._typed:
            self._set_typed("")
            return
        char = (event.character or "").lower()
        typed = self._typed + char
        if char and typed in self._by_key:
            self.dismiss(self._by_key[typed].value)
        elif char and any(len(k) > len(typed) and k.startswith(typed) for k in self._by_key):
            # A large room's two-letter key: wait for its second letter.
            self._set_typed(typed)
        else:
            self._set_typed("")
            message = _("No one has the quick key {key}.").format(key=repr(typed or event.key))
            self.notify(message, markup=False)

    def _set_typed(self, typed: str) -> None:
        self._typed = typed
        shown = _("{letter}… (the second letter; Backspace starts again)").format(letter=typed)
        shown = shown if typed else ""
        self.query_one("#quick-typed", Static).update(Text(shown))
