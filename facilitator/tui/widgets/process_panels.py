"""What the process panels share: a panel drawn as head, scrolling person rows and foot.

Each meeting process has its own panel in `facilitator/processes/<name>/panel.py`,
built on `PartsPanel`; the slot (`process_slot.py`) finds it through the
registry. All free text goes in as `Text`, never markup.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static

from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_slot import ProcessPanel


class Parts(NamedTuple):
    """A process panel's text in three parts, so the person list between can scroll."""

    head: Text
    """What stands above the list: the title, the count, the tally."""
    rows: list[Text]
    """One line per person, in circle order."""
    current: int | None
    """The row of the person whose turn it is (None: no one's)."""
    foot: Text
    """What stands below the list: the keys."""


def join_parts(parts: Parts) -> Text:
    """The three parts as one text (for tests and plain renderings)."""
    out = Text()
    out.append_text(parts.head)
    for row in parts.rows:
        out.append_text(row)
        out.append("\n")
    out.append_text(parts.foot)
    return out


class PersonRows(OptionList, can_focus=False):
    """The people of a round or a consent round: only the visible rows are drawn, and the
    list scrolls to whoever's turn it is, however long the room."""

    DEFAULT_CSS = """
    PersonRows {
        height: auto;
        max-height: 25vh;
        border: none;
        padding: 0;
        background: transparent;
    }
    PersonRows > .option-list--option-highlighted {
        background: transparent;
        text-style: none;
    }
    """

    def show_rows(self, rows: list[Text], current: int | None) -> None:
        """Replace only the rows that changed (so a 60-row list redraws one or two lines),
        then bring the current person into view."""
        if len(rows) != self.option_count:
            self.set_options(rows)
        else:
            for i, row in enumerate(rows):
                if self.get_option_at_index(i).prompt != row:
                    self.replace_option_prompt_at_index(i, row)
        self.display = bool(rows)
        if current is not None:
            self.highlighted = current
            # At the top: the list's lower rows may be cut off by a short panel; and
            # again once the panel has its final height (it is sized after the rows), so
            # the people who come next stay in view, not below the fold.
            self.scroll_to_highlight(top=True)
            self.call_after_refresh(self.scroll_to_highlight, top=True)


class PartsPanel(ProcessPanel):
    """A panel drawn as head, scrolling person rows, foot."""

    def compose(self) -> ComposeResult:
        yield Static(classes="process-head")
        yield PersonRows(classes="process-rows")
        yield Static(classes="process-foot")

    def _parts(self, state: Any, item: ItemView) -> Parts:
        """The panel's text for `item`, from the engine state (each process draws its own)."""
        return Parts(Text(), [], None, Text())

    def show_state(self, state: Any, item: ItemView, now: float) -> None:
        super().show_state(state, item, now)
        self._last = self._parts(state, item)
        if self.is_mounted:
            self._draw(self._last)

    def on_mount(self) -> None:
        last: Parts | None = getattr(self, "_last", None)
        if last is not None:
            self._draw(last)

    def _draw(self, parts: Parts) -> None:
        head, foot = parts.head.copy(), parts.foot
        head.rstrip()
        self.query_one(".process-head", Static).update(head)
        self.query_one(PersonRows).show_rows(parts.rows, parts.current)
        foot_widget = self.query_one(".process-foot", Static)
        foot_widget.update(foot)
        foot_widget.display = bool(foot.plain)
