"""Who is here? The roll call that starts the meeting: everyone ticked, untick the absent."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from facilitator.i18n import N_, _
from facilitator.tui.commands import app_keymap, key_label
from facilitator.tui.screens.modal import Modal
from facilitator.tui.view import Person
from facilitator.tui.words import role_word


class AttendanceScreen(Modal[tuple[str, ...] | None]):
    """Dismisses with the names ticked present (Enter), or None (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "done", N_("Start"), id="attendance-done", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="attendance-cancel"),
    ]

    def __init__(self, people: tuple[Person, ...]) -> None:
        super().__init__()
        self._people = people
        self._present = {p.name for p in people}
        """Who is ticked, kept here since the list shows only those matching the filter."""
        self._filter = ""
        """The letters typed so far; the list shows the names containing them."""

    def compose(self) -> ComposeResult:
        with Vertical(id="attendance-box", classes="modal-box"):
            yield Static(
                Text(
                    _(
                        "Who is here? Type letters to find someone; Space unticks (or ticks) "
                        "them; Enter starts the meeting.\n"
                        "Late arrivals: press {key} during the meeting."
                    ).format(key=key_label("arrive", app_keymap(self)))
                ),
                id="attendance-help",
            )
            yield Static(self._filter_text(), id="attendance-filter")
            yield SelectionList[str](*self._selections(), id="attendance-list")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def on_key(self, event: events.Key) -> None:
        # Letters and digits go to the filter; Space, arrows and Enter stay the list's.
        if event.key == "backspace" and self._filter:
            self._set_filter(self._filter[:-1])
        elif event.key == "ctrl+u" and self._filter:
            self._set_filter("")
        elif event.character and event.is_printable and event.character != " ":
            self._set_filter(self._filter + event.character)
        else:
            return
        event.stop()
        event.prevent_default()

    def on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        name = event.selection.value
        if name in self._present:
            self._present.discard(name)
        else:
            self._present.add(name)
        self.query_one("#attendance-filter", Static).update(self._filter_text())

    def action_done(self) -> None:
        """Start with the ticked names (all of them, not just those the filter shows)."""
        self.dismiss(tuple(p.name for p in self._people if p.name in self._present))

    def action_cancel(self) -> None:
        """Do not start."""
        self.dismiss(None)


    def _selections(self) -> list[Selection[str]]:
        needle = self._filter.casefold()
        return [
            Selection(Text(_label(p)), p.name, p.name in self._present)
            for p in self._people
            if needle in _label(p).casefold()
        ]

    def _filter_text(self) -> Text:
        ticked = _("{n} of {total} ticked present").format(
            n=len(self._present), total=len(self._people)
        )
        if not self._filter:
            return Text(_("Find: (type a name)") + f"   {ticked}", style="dim")
        return Text(
            _("Find: {letters}   (Backspace erases)").format(letters=self._filter) + f"   {ticked}"
        )

    def _set_filter(self, needle: str) -> None:
        self._filter = needle
        listing = self.query_one(SelectionList)
        listing.clear_options()
        listing.add_options(self._selections())
        if listing.option_count:
            listing.highlighted = 0
        self.query_one("#attendance-filter", Static).update(self._filter_text())


def _label(p: Person) -> str:
    role = "" if p.role == "member" else f"  ({role_word(p.role)})"
    return f"{p.name}{role}"
