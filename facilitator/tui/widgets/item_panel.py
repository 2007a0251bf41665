"""The current item: title, kind, owner, timebox countdown or overrun, notes, proposal text.

Below them sits the process slot (consent round, rounds) for the item's kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import OptionList, Static

from facilitator.tui.commands import app_keymap, key_label
from facilitator.tui.format import TimerState, countdown
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_slot import ProcessSlot
from facilitator.tui.widgets.proposal_view import ProposalView


def item_heading(
    item: ItemView | None,
    *,
    ended: bool = False,
    started: bool = True,
    keymap: Mapping[str, str] | None = None,
) -> Text:
    """Title line, then kind and owner; Text throughout so names stay literal.

    The hints name the keys in force (`keymap`: the user's remapping)."""
    if item is None and not started:
        start = key_label("next-item", keymap)
        return Text(f"The meeting has not started. Press {start} to take the roll and start it.")
    if item is None and ended:
        undo = key_label("undo", keymap)
        return Text(f"The meeting has ended. {undo} reopens it if that was a mistake.")
    if item is None:
        nxt, choose = key_label("next-item", keymap), key_label("choose-item", keymap)
        return Text(f"No item running. Press {nxt} to start the next item, {choose} to choose one.")
    out = Text(item.title, style="bold")
    out.append(f"\n{item.kind}")
    if item.owner:
        out.append(" · owner ")
        out.append(item.owner)
    for line in item.extensions:
        out.append("\n⊕ extended ")
        out.append(line)
    return out


def item_body(item: ItemView | None) -> Text:
    """Proposal text (current version) and the facilitator's notes."""
    out = Text()
    if item is None:
        return out
    if item.proposal:
        out.append("Proposal: ", style="bold")
        out.append(item.proposal.strip())
    if item.notes:
        if out:
            out.append("\n")
        out.append("Notes: ", style="italic")
        out.append(item.notes.strip())
    return out


class ItemPanel(Vertical):
    """Re-renders from `item`; the timer line also from `now`."""

    AREA: ClassVar[str] = "item"

    item: reactive[ItemView | None] = reactive(None)
    now: reactive[float] = reactive(0.0, repaint=False)  # the watcher draws what moved
    started: reactive[bool] = reactive(True)
    """The meeting has started (changes the empty-panel message)."""
    ended: reactive[bool] = reactive(False)
    """The meeting has ended (changes the empty-panel message)."""
    timer_state: reactive[TimerState] = reactive(TimerState.IDLE)
    """The timebox's state, read by the screen to ring the bell on crossing."""

    def __init__(self, *, warn_before: int = 60, id: str | None = None) -> None:
        super().__init__(id=id)
        self.warn_before = warn_before
        """Seconds left when the timer turns to "wrap up" (the settings' warn_before)."""

    def compose(self) -> ComposeResult:
        yield Static(id="item-heading")
        yield Static(id="item-timer")
        yield ProposalView(id="item-body")
        yield ProcessSlot(id="process-slot")

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual's grid sizes an auto row from its first column's width even for a widget
        # spanning more (80 and 100 columns: the panel spans the grid), which left blank
        # lines under the panel; spanning, the panel measures itself at the grid's width.
        if self.styles.column_span > 1:
            width = container.width - self.styles.gutter.width
        return super().get_content_height(container, viewport, width)

    def on_mount(self) -> None:
        self.border_title = "Current item"
        self._redraw()

    def show_process(self, state: Any, now: float) -> None:
        """Pass the engine state to the process slot (the item's own panel)."""
        self.query_one(ProcessSlot).show(state, self.item, now)
        self._fit_process()

    def _fit_process(self) -> None:
        # Also on every tick: a panel mounted just now draws its list only once mounted.
        # While a list of people shows (a round, a consent round), the panel takes a fixed
        # share of the height and the list scrolls inside it (run.tcss); before that, the
        # panel is only as tall as its text.
        if self.is_mounted:
            lists = self.query_one(ProcessSlot).query(OptionList)
            self.set_class(any(rows.option_count for rows in lists), "-process")

    def watch_item(self) -> None:
        self._redraw()

    def watch_ended(self) -> None:
        self._redraw()

    def watch_started(self) -> None:
        self._redraw()

    def watch_now(self, now: float) -> None:
        if self.is_mounted:
            self._draw_timer()
            self.query_one(ProcessSlot).tick(now)
            self._fit_process()

    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        self.query_one("#item-heading", Static).update(
            item_heading(self.item, ended=self.ended, started=self.started, keymap=app_keymap(self))
        )
        self.query_one(ProposalView).show(item_body(self.item))
        self._draw_timer()

    def _draw_timer(self) -> None:
        timer = self.query_one("#item-timer", Static)
        item = self.item
        if item is None or item.status not in ("running", "paused"):
            if self.timer_state is TimerState.IDLE and not timer.display:
                return  # already blank and hidden: a tick has nothing to draw (issue 12)
            self.timer_state = TimerState.IDLE
            for state in TimerState:
                self.set_class(False, f"-time-{state}")
            timer.update("")
            timer.display = False
            return
        # warn_before 0: never "wrap up" early (left is never below -1 before OVER).
        warn_at = self.warn_before if self.warn_before > 0 else -1.0
        reading = countdown(
            item.planned, item.elapsed.at(self.now), paused=item.paused, warn_at=warn_at
        )
        timer.display = True
        for state in TimerState:
            timer.set_class(state is reading.state, f"-{state}")
            # The whole panel changes too, so the warning shows across a shared screen.
            self.set_class(state is reading.state, f"-time-{state}")
        # One line high in the CSS: a new reading needs no new layout of the screen.
        timer.update(Text(f"{reading.text}   (timebox {item.planned // 60}m)"), layout=False)
        self.timer_state = reading.state
