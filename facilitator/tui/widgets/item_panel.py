"""The current item: title, kind, owner, timebox countdown or overrun, notes, proposal text.

Below them sits the process slot (consent round, rounds) for the item's kind.
The panel owns the item's keys (area "item"): starting items, the timebox,
changing the agenda during the meeting, and reading the agenda or the proposal whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import OptionList, Static

from facilitator.core import commands as C
from facilitator.i18n import _, ngettext
from facilitator.tui import ask
from facilitator.tui.commands import app_keymap, bindings_for, key_label
from facilitator.tui.fields import Choice, Field, minutes_cleaner
from facilitator.tui.format import TimerState, countdown
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.commanding import Commanding
from facilitator.tui.widgets.process_slot import ProcessSlot
from facilitator.tui.widgets.proposal_view import ProposalView
from facilitator.tui.widgets.timer_look import show_paused
from facilitator.tui.words import item_kinds, item_statuses, word

if TYPE_CHECKING:
    from facilitator.tui.view import MeetingView


_FRAMED = (TimerState.WARN, TimerState.OVER)
"""The timer states the item panel's frame shows (run.tcss's `-time-warn`, `-time-over`)."""


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
        return Text(
            _("The meeting has not started. Press {key} to take the roll and start it.").format(
                key=start
            )
        )
    if item is None and ended:
        undo = key_label("undo", keymap)
        return Text(
            _("The meeting has ended. {key} reopens it if that was a mistake.").format(key=undo)
        )
    if item is None:
        nxt, choose = key_label("next-item", keymap), key_label("choose-item", keymap)
        return Text(
            _(
                "No item running. Press {next} to start the next item, {choose} to choose one."
            ).format(next=nxt, choose=choose)
        )
    out = Text(item.title, style="bold")
    out.append("\n" + word(item_kinds(), item.kind))
    if item.owner:
        out.append(" · " + _("owner") + " ")
        out.append(item.owner)
    for line in item.extensions:
        out.append("\n⊕ " + _("extended") + " ")
        out.append(line)
    return out


def item_body(item: ItemView | None) -> Text:
    """Proposal text (current version) and the facilitator's notes."""
    out = Text()
    if item is None:
        return out
    if item.proposal:
        out.append(_("Proposal:") + " ", style="bold")
        out.append(item.proposal.strip())
    if item.notes:
        if out:
            out.append("\n")
        out.append(_("Notes:") + " ", style="italic")
        out.append(item.notes.strip())
    return out


class ItemPanel(Commanding, Vertical):
    """Re-renders from `item`; the timer line also from `now`. Owns the item's keys."""

    AREA: ClassVar[str] = "item"
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("item")

    # None of these repaints the panel: it draws only its frame, and its watchers update the lines
    # in it that changed. A repaint of the panel redrew every line in it (the heading, the
    # proposal, the process), twice a pause (issue 12).
    item: reactive[ItemView | None] = reactive(None, repaint=False)
    now: reactive[float] = reactive(0.0, repaint=False)  # the watcher draws what moved
    started: reactive[bool] = reactive(True, repaint=False)
    """The meeting has started (changes the empty-panel message)."""
    ended: reactive[bool] = reactive(False, repaint=False)
    """The meeting has ended (changes the empty-panel message)."""
    timer_state: reactive[TimerState] = reactive(TimerState.IDLE, repaint=False)
    """The timebox's state, read by the screen to ring the bell on crossing."""

    def __init__(self, *, warn_before: int = 60, id: str | None = None) -> None:
        super().__init__(id=id)
        self.warn_before = warn_before
        """Seconds left when the timer turns to "wrap up" (the settings' warn_before)."""
        self._timer_shown: tuple[Text, TimerState] | None = None
        """The timer line drawn last and its state: an unchanged reading is not drawn again."""
        self._paused_look = False
        """Whether the timer line has the paused look (`timer_look.show_paused`)."""
        self._heading_shown: tuple[Text, object] | None = None
        """The heading drawn last: an item that changed elsewhere (paused, resumed, its
        time) leaves it as it is, with no new layout of the screen (issue 12)."""

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
        self.border_title = _("Current item")
        self._redraw()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        # The paused look is inline, in the theme's colours: set it again in the new one.
        if self._paused_look:
            show_paused(self.query_one("#item-timer", Static), True)

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
        heading = item_heading(
            self.item, ended=self.ended, started=self.started, keymap=app_keymap(self)
        )
        # Text's == compares the words and spans, not the base style: both.
        if (heading, heading.style) != self._heading_shown:
            # Its height follows its lines (a long title wraps, extensions add lines): a
            # new heading takes a new layout, an unchanged one nothing.
            self._heading_shown = (heading, heading.style)
            self.query_one("#item-heading", Static).update(heading)
        self.query_one(ProposalView).show(item_body(self.item))
        self._draw_timer()

    def _draw_timer(self) -> None:
        timer = self.query_one("#item-timer", Static)
        item = self.item
        if item is None or item.status not in ("running", "paused"):
            if self.timer_state is TimerState.IDLE and not timer.display:
                return  # already blank and hidden: a tick has nothing to draw (issue 12)
            self.timer_state = TimerState.IDLE
            self._frame_warning(TimerState.IDLE)
            timer.update("")
            timer.display = False
            self._timer_shown = None
            return
        # warn_before 0: never "wrap up" early (left is never below -1 before OVER).
        warn_at = self.warn_before if self.warn_before > 0 else -1.0
        reading = countdown(
            item.planned, item.elapsed.at(self.now), paused=item.paused, warn_at=warn_at
        )
        text = Text(f"{reading.text}   " + _("(timebox {n}m)").format(n=item.planned // 60))
        if timer.display and (text, reading.state) == self._timer_shown:
            return  # a paused timebox, or the same reading: nothing moved (issue 12)
        self._timer_shown = (text, reading.state)
        timer.display = True
        # The paused look is inline (`timer_look`): a class change restyles the line, and
        # space (pause, resume) would change one on every press. Paused, the line keeps
        # the class of its time while that draws nothing (ok), and drops a warning's.
        paused = reading.state is TimerState.PAUSED
        shown = (
            (reading.time if reading.time is TimerState.OK else None) if paused else reading.state
        )
        # One batch: a class at a time restyled the timer twice.
        timer.update_classes({f"-{state}": state is shown for state in TimerState})
        if paused != self._paused_look:
            show_paused(timer, paused)
            self._paused_look = paused
        self._frame_warning(reading.time)
        # One line high in the CSS: a new reading needs no new layout of the screen.
        timer.update(text, layout=False)
        self.timer_state = reading.state

    def _frame_warning(self, state: TimerState) -> None:
        """The panel's frame shows the warnings too, so they show across a shared screen.

        Only the two classes its CSS draws (`-time-warn`, `-time-over`): a class change
        restyles the panel and everything in it, and running <-> paused (space) changed
        one no rule reads (issue 12). Both in one batch: one restyle at most. `state` is
        how the time stands, paused or not (`TimerReading.time`): a pause keeps the
        warning, so pausing an overrun item restyles only its timer line (it restyled the
        whole panel, ~4 ms of the key, and dropped the red frame while the line still
        said OVER)."""
        self.update_classes({f"-time-{shown}": state is shown for shown in _FRAMED})

    # --- the item's keys ------------------------------------------------------------------

    @work
    async def action_next_item(self) -> None:
        """Start the next pending item (before the start: take the roll first).

        People still waiting would be dropped from the stack: ask first, and let the
        facilitator carry them over to the next item or clear them (Cancel is the default).
        """
        from facilitator.tui.screens.confirm import ChoiceScreen

        view = self.meeting_view()
        if not view.started:
            from facilitator.tui.screens.attendance import AttendanceScreen

            names = await self.app.push_screen_wait(AttendanceScreen(view.people))
            if names is not None:
                self.run(C.StartMeeting(present=names), then=[C.StartItem()])
            return
        waiting = view.stack.waiting
        if not waiting:
            self.run(C.StartItem())
            return
        names_text = ", ".join(w.name for w in waiting)
        question = ngettext(
            "{n} person is still waiting to speak: {names}.\n"
            "Start the next item and keep them on the stack, or clear it?",
            "{n} people are still waiting to speak: {names}.\n"
            "Start the next item and keep them on the stack, or clear it?",
            len(waiting),
        ).format(n=len(waiting), names=names_text)
        choice = await self.app.push_screen_wait(
            ChoiceScreen(
                question,
                [("keep", _("Keep them"), "k"), ("clear", _("Clear the stack"), "c")],
            )
        )
        if choice is None:
            return
        # The engine clears the stack when an item ends: queue them again, in the order
        # they stood. A direct response or a question was about the last item.
        again = [
            C.Queue(name=w.name, kind=w.kind if w.kind == "process" else "speak") for w in waiting
        ]
        self.run(C.StartItem(), then=again if choice == "keep" else ())

    @work
    async def action_choose_item(self) -> None:
        """Pick an item to start."""
        rows = [
            Choice(r.item_id, f"{r.number}. {r.title}", word(item_statuses(), r.status))
            for r in self.meeting_view().agenda
            if r.status in ("pending", "deferred", "paused")
        ]
        picked = await ask.pick(
            self.app, _("Start which item?"), rows, empty=_("No items left to start.")
        )
        if picked is not None:
            self.run(C.StartItem(item_id=picked))

    def action_pause_resume(self) -> None:
        """Pause a running timebox, or resume a paused one."""
        item = self.item
        self.run(C.ResumeItem() if item is not None and item.paused else C.PauseItem())

    @work
    async def action_extend(self) -> None:
        """Extend the timebox by some minutes, with a reason."""
        fields = [
            Field("minutes", _("Extra minutes"), minutes_cleaner, value="5"),
            Field("reason", _("Reason (goes in the minutes)")),
        ]
        v = await ask.form(self.app, _("Extend the timebox"), fields)
        if v is not None:
            self.run(C.ExtendTimebox(seconds=v["minutes"], reason=v["reason"]))

    @work
    async def action_add_item(self) -> None:
        """Add an item after the current one: the item, then its kind's keys (`add_item`)."""
        from facilitator.tui.add_item import ask_item

        names = [p.name for p in self.meeting_view().people]
        command = await ask_item(self.app, names, self.meeting_state().agenda.meeting.decision_rule)
        if command is not None:
            self.run(command, done=_("Item added."))

    def action_skip_item(self) -> None:
        """Drop an item from this meeting."""
        self._close_with_reason("skip")

    def action_defer_item(self) -> None:
        """Carry an item to a later meeting."""
        self._close_with_reason("defer")

    @work
    async def _close_with_reason(self, how: str) -> None:
        said = item_statuses()
        rows = [
            Choice(r.item_id, f"{r.number}. {r.title}", said["current" if r.current else r.status])
            for r in self.meeting_view().agenda
            if r.current or r.status == "pending"
        ]
        skip = how == "skip"
        title = _("Skip which item?") if skip else _("Defer which item?")
        item_id = await ask.pick(self.app, title, rows, empty=_("No open items."))
        if item_id is None:
            return
        reason = Field("reason", _("Why (goes in the minutes)"), required=False)
        v = await ask.form(self.app, _("Skip the item") if skip else _("Defer the item"), [reason])
        if v is not None:
            command = (C.SkipItem if skip else C.DeferItem)(item_id, v["reason"] or "")
            done = (
                _("Item skipped (ctrl+z undoes).") if skip else _("Item deferred (ctrl+z undoes).")
            )
            self.run(command, done=done)

    @work
    async def action_move_item(self) -> None:
        """Move an upcoming item before another one (or to the end)."""
        pending = [r for r in self.meeting_view().agenda if r.status == "pending" and not r.current]
        item_id = await ask.pick(
            self.app,
            _("Move which upcoming item?"),
            [Choice(r.item_id, f"{r.number}. {r.title}", "") for r in pending],
            empty=_("No upcoming items to move."),
        )
        if item_id is None:
            return
        others = [r for r in pending if r.item_id != item_id]
        choices = [
            Choice(r.item_id, _("before {n}. {title}").format(n=r.number, title=r.title), "")
            for r in others
        ]
        choices.append(Choice("", _("to the end"), ""))
        target = await ask.pick(self.app, _("Move it where?"), choices)
        if target is None:
            return
        order = [r.item_id for r in others]
        order.insert(order.index(target) if target else len(order), item_id)
        self.run(C.ReorderItems(tuple(order)), done=_("Agenda reordered."))

    def action_full_agenda(self) -> None:
        """Every item, its title whole, with planned and used time."""
        from facilitator.tui.screens.reading import ReadingScreen
        from facilitator.tui.widgets.agenda_panel import agenda_table

        self.app.push_screen(
            ReadingScreen(_("Agenda"), agenda_table(self.meeting_view().agenda, self.now))
        )

    def action_read_proposal(self) -> None:
        """The current item's proposal (its latest version) and notes, whole."""
        from facilitator.tui.screens.reading import ReadingScreen

        item = self.item
        body = item_body(item)
        if item is None or not body:
            self.notify(_("The current item has no proposal or notes to read."), markup=False)
            return
        self.app.push_screen(ReadingScreen(item.title, body))

    def show_view(self, view: MeetingView, last: MeetingView | None, now: float) -> None:
        """The run screen's push (after `show_meeting`): the clock, the item when it
        changed since `last`, and the process slot."""
        self.now = now
        self.ended = view.status.ended
        self.started = view.started
        if last is None or view.item != last.item:
            self.item = view.item
        self.show_process(self.meeting_state(), now)
        if last is None:
            # The first push draws even what equals the default (see StackPanel.show_view).
            self.mutate_reactive(ItemPanel.item)
