"""The speaking stack: who has the floor (with a turn timer), then who waits, and why.

The panel owns the stack's keys (area "stack"): queueing, the floor, the turn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from facilitator.core import commands as C
from facilitator.i18n import N_, _
from facilitator.tui import ask
from facilitator.tui.commands import app_keymap, bindings_for, key_label
from facilitator.tui.fields import Choice, Field
from facilitator.tui.format import CURRENT_MARK, TimerState, clock, countdown
from facilitator.tui.names import short_name, short_names
from facilitator.tui.view import StackView
from facilitator.tui.widgets.commanding import Commanding

if TYPE_CHECKING:
    from facilitator.tui.view import MeetingView

KIND_LABEL = {
    "speak": N_("speak"),
    "process": N_("‼ PROCESS"),
    "direct": N_("↩ direct"),
    "clarify": N_("? clarify"),
}
"""How each entry type is labelled (a word and an icon, not a colour; `kind_label` says it)."""


def kind_label(kind: str) -> str:
    """An entry type's label in the screen's language (unknown ones as written)."""
    return _(KIND_LABEL[kind]) if kind in KIND_LABEL else kind


QUEUE_TITLES = {
    "speak": N_("Queue who?"),
    "process": N_("Point of process: who?"),
    "direct": N_("Direct response: who?"),
    "clarify": N_("Clarifying question: who?"),
}
"""The picker's question per kind of entry."""


_REDUNDANT = (N_("point of process: "), N_("clarifying question: "), N_("direct response "))


def _short(reason: str) -> str:
    """The engine's reason without the words the type column already shows (80 columns)."""
    for english in _REDUNDANT:
        for prefix in dict.fromkeys((english, _(english))):
            if reason.startswith(prefix):
                return reason.removeprefix(prefix)
    return reason


NARROW = 60
"""Below this many cells a waiting entry keeps to one line (its reason ends in `…`), so
the stack shows several entries at 80×24; wider, the reason wraps."""


def name_width(width: int | None, longest: int = 30) -> int:
    """Cells for a waiting person's name in a stack panel `width` cells wide, whose
    longest waiting name is `longest` cells."""
    if not width:
        return longest
    if width < NARROW:
        # Number, type and gaps take about 10 cells; the reason keeps 8 (then `…`).
        return max(10, width - 18)
    # Number, type and gaps take about 15 cells; the reason keeps at least 20.
    return max(16, min(longest, width - 35))


def waiting_table(
    view: StackView,
    keymap: Mapping[str, str] | None = None,
    width: int | None = None,
    room: tuple[str, ...] = (),
) -> Table | Text:
    """Waiting entries in floor order, with their type and the engine's reason.

    Names too long for their column are shortened so that no two people of the `room`
    (everyone on the agenda) look the same (`tui/names.py`)."""
    if not view.waiting:
        queue, quick = key_label("queue", keymap), key_label("quick-queue", keymap)
        return Text(
            _("Nobody waiting. {queue} queues someone, {quick} then a quick key.").format(
                queue=queue, quick=quick
            ),
            style="dim",
        )
    cells = name_width(width, max(len(w.name) for w in view.waiting))
    names = short_names((*room, *(w.name for w in view.waiting)), cells)
    narrow = width is not None and width < NARROW
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, overflow="ellipsis", max_width=cells)
    table.add_column(no_wrap=True)
    # Wide, the reason wraps rather than being cut: the stack must always explain its
    # order. Narrow, one line per entry (ending in `…`), so several entries show.
    table.add_column(
        ratio=1, no_wrap=narrow, overflow="ellipsis" if narrow else "fold", style="dim"
    )
    for n, w in enumerate(view.waiting, start=1):
        table.add_row(
            Text(f"{n}."),
            Text(names[w.name]),
            Text(kind_label(w.kind)),
            Text(_short(w.reason)),
        )
    return table


class StackPanel(Commanding, Vertical, can_focus=True):
    """Re-renders from `stack`; the speaker's turn timer also from `now`. Owns the stack's keys."""

    AREA: ClassVar[str] = "stack"
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("stack")

    stack: reactive[StackView] = reactive(StackView)
    now: reactive[float] = reactive(0.0, repaint=False)  # the watcher draws what moved
    turn_state: reactive[TimerState] = reactive(TimerState.IDLE)
    """The turn timer's state, read by the screen to ring the bell on crossing."""
    room: reactive[tuple[str, ...]] = reactive(())
    """Everyone's names: a shortened name must not look like anyone else's."""

    def compose(self) -> ComposeResult:
        yield Static(id="stack-speaker")
        yield Static(id="stack-waiting")

    def on_mount(self) -> None:
        self.border_title = _("Stack")
        self._redraw()

    def watch_stack(self) -> None:
        self._redraw()

    def watch_room(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def watch_now(self) -> None:
        if self.is_mounted:
            self._draw_speaker()

    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        self.border_subtitle = _("{n} waiting").format(n=len(self.stack.waiting))
        self.query_one("#stack-waiting", Static).update(
            waiting_table(self.stack, app_keymap(self), self.content_size.width, self.room)
        )
        self._draw_speaker()

    def _draw_speaker(self) -> None:
        view = self.stack
        label = self.query_one("#stack-speaker", Static)
        if view.speaker is None:
            self.turn_state = TimerState.IDLE
            nxt = key_label("next-speaker", app_keymap(self))
            said = _("Floor open: {key} gives it to the next person.").format(key=nxt)
            _update(label, Text(said, style="italic"))
            label.update_classes({f"-{s}": s is TimerState.IDLE for s in TimerState})
            return
        spent = view.turn.at(self.now)
        text = Text(f"{CURRENT_MARK} ", style="bold")
        # The turn clock ("  ⏱ 2:00 left") takes 16 cells; the name gets the rest, told
        # apart from everyone else's; the line is one line (run.tcss), its tail may end in `…`.
        room = max(12, self.content_size.width - 18) if self.content_size.width else 60
        text.append(short_name(view.speaker, room, self.room), style="bold")
        if view.speaker_kind != "speak":
            text.append(f" ({kind_label(view.speaker_kind)})")
        if view.limit is None:
            state = TimerState.OK
            text.append(f"  ⏱ {clock(spent)}")
        else:
            reading = countdown(view.limit, spent, warn_at=min(30.0, view.limit / 4))
            state = reading.state
            text.append(
                f"  {reading.text}"
                if state is not TimerState.OVER
                else "  ⛔ " + _("PAST LIMIT +{time}").format(time=clock(spent - view.limit))
            )
            text.append(
                "  "
                + _("({spent} of {limit})").format(spent=clock(spent), limit=clock(view.limit)),
                style="dim",
            )
        # One batch: a class at a time restyled the line twice when its state changed.
        label.update_classes({f"-{s}": s is state for s in TimerState})
        _update(label, text)
        self.turn_state = state

    # --- the stack's keys -----------------------------------------------------------------

    def _queueable(self) -> list[Choice]:
        return ask.people(self.meeting_state(), queueable=True)

    @work
    async def action_queue(self, kind: str) -> None:
        """Pick a person, then queue them with this kind of entry."""
        title = _(QUEUE_TITLES.get(kind, N_("Queue who?")))
        name = await ask.pick(self.app, title, self._queueable())
        if name is not None:
            self.run(C.Queue(name=name, kind=kind))

    @work
    async def action_quick_queue(self) -> None:
        """Prefix key: the next key is a participant's quick key."""
        from facilitator.tui.screens.picker import QuickKeyScreen

        screen = QuickKeyScreen(_("Queue by quick key"), self._queueable())
        name = await self.app.push_screen_wait(screen)
        if name is not None:
            self.run(C.Queue(name=name, kind="speak"))

    def action_next_speaker(self) -> None:
        """Give the floor to whoever is first in the stack."""
        self.run(C.GiveFloor())

    @work
    async def action_floor_out_of_order(self) -> None:
        """Pick a person and give them the floor ahead of the stack, with a reason."""
        title = _("Give the floor out of order to whom?")
        name = await ask.pick(self.app, title, self._queueable())
        if name is None:
            return
        reason = Field("reason", _("Why out of order (goes in the minutes)"))
        title = _("Give {name} the floor out of order").format(name=name)
        values = await ask.form(self.app, title, [reason])
        if values is not None:
            done = _("{name} has the floor, out of order.").format(name=name)
            self.run(C.GiveFloorOutOfOrder(name, values["reason"]), done=done)

    def action_end_turn(self) -> None:
        """End the current turn."""
        self.run(C.EndTurn())

    @work
    async def action_withdraw(self) -> None:
        """Take someone off the waiting stack (as it is shown)."""
        waiting = [Choice(w.name, w.name, kind_label(w.kind)) for w in self.stack.waiting]
        title = _("Withdraw who from the stack?")
        name = await ask.pick(self.app, title, waiting, empty=_("Nobody is waiting."))
        if name is not None:
            self.run(C.Withdraw(name=name))

    def show_view(self, view: MeetingView, last: MeetingView | None, now: float) -> None:
        """The run screen's push: the clock, the room, the stack when it changed since `last`."""
        self.now = now
        self.room = tuple(p.name for p in view.people)
        if last is None or view.stack != last.stack:
            self.stack = view.stack
        if last is None:
            # The first push draws even where the view equals the default: the reactives
            # compare values, and the mount-time draw came before the panel was mounted.
            self.mutate_reactive(StackPanel.stack)


def _update(label: Static, text: Text) -> None:
    """Update `label`; a text on as many lines as before needs no new layout of the screen.

    Issue 12: the speaker line is redrawn every second, and each update laid the whole
    screen out again.
    """
    width, height = label.size
    if text == getattr(label, "_shown_text", None) and width > 0:
        return  # "Floor open" every second: the same text is not drawn again
    label._shown_text = text  # type: ignore[attr-defined]
    if width <= 0:  # not laid out yet: it needs the layout to get its height
        label.update(text)
        return
    label.update(text, layout=len(text.wrap(label.app.console, width)) != height)
