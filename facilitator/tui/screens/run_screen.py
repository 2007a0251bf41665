"""The run screen: the live meeting. State lives here; widgets get it pushed down.

Every key runs `meeting.do(command)` through `_do`, which turns a DomainError
into a plain notification and a StorageError into a persistent error (and
then nothing on screen changes, because the state did not change).
A 1-second timer updates only the clocks (`now`), never the whole view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import Provider
from textual.containers import Container
from textual.widgets import Footer, Static

from facilitator.tui.alerts import TimeAlerts
from facilitator.tui.commands import bindings_for
from facilitator.tui.item_flows import ItemEditActions
from facilitator.tui.key_owners import OwnedKeys
from facilitator.tui.meeting import LiveMeeting, MeetingError, StorageProblem
from facilitator.tui.messages import RunCommand
from facilitator.tui.palette import MeetingCommandsProvider
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.screens.reading import ReadingActions
from facilitator.tui.share_flows import SharingActions
from facilitator.tui.view import MeetingView
from facilitator.tui.widgets.agenda_panel import AgendaPanel
from facilitator.tui.widgets.agenda_strip import AgendaStrip
from facilitator.tui.widgets.item_log import ItemLog
from facilitator.tui.widgets.item_panel import ItemPanel
from facilitator.tui.widgets.process_slot import ProcessSlot
from facilitator.tui.widgets.stack_panel import StackPanel
from facilitator.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.dom import DOMNode


class RunScreen(SharingActions, ItemEditActions, ReadingActions, OwnedKeys):
    """Status on top; agenda, current item, stack and item log in a grid that `run.tcss`
    arranges per width class (below 110 columns the agenda folds into a one-line strip)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("stack", "item", "log", "meeting")
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        MeetingCommandsProvider
    }
    AUTO_FOCUS = "#stack-panel"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (160, "-xwide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall")]  # noqa: RUF012

    def __init__(
        self, meeting: LiveMeeting, *, alerts: TimeAlerts | None = None, sharing: bool = False
    ) -> None:
        super().__init__()
        self.meeting = meeting
        """The live meeting: session, journal and minutes."""
        self.alerts = alerts or TimeAlerts()
        """The bell and the warnings before and when time runs out (from the settings)."""
        self._pushed: MeetingView | None = None
        """The view last pushed into the widgets, to push only what changed since."""
        self.sharing = sharing
        """Sharing the screen: confidential content hidden (⇧S; the settings' `sharing`)."""

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status-line")
        with Container(id="run-body"):
            yield AgendaStrip(id="agenda-strip")
            yield AgendaPanel(id="agenda-panel")
            yield ItemPanel(id="item-panel", warn_before=self.alerts.warn_before)
            yield StackPanel(id="stack-panel")
            yield ItemLog(id="item-log")
        yield Static(id="storage-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#storage-error", Static).display = False
        self.refresh_state()
        self.show_warnings()
        self.set_interval(1.0, self.tick)
        # After the first frame, load the modal screens on a thread: the first form or
        # picker then opens at once instead of importing for a second or two.
        self.call_after_refresh(self._warm_modals)

    def _warm_modals(self) -> None:
        from facilitator.tui.screens.modal import warm_modals

        self.run_worker(warm_modals, thread=True, group="warm-modals", exit_on_error=False)

    # --- state down --------------------------------------------------------------------

    def refresh_state(self) -> None:
        """Rebuild the view from the engine state; push down only the parts that changed."""
        now = self.meeting.now()
        view = self.shown_view(now)
        # The widgets' reactives force a redraw on every assignment (always_update), so
        # the screen compares views itself: an unchanged panel is not touched at all.
        last, self._pushed = self._pushed, view
        self.title = view.title
        agenda = self.query_one(AgendaPanel)
        agenda.now = now
        strip = self.query_one(AgendaStrip)
        strip.now = now
        if last is None or view.agenda != last.agenda:
            agenda.rows = strip.rows = view.agenda
        item = self.query_one(ItemPanel)
        item.now = now
        item.ended = view.status.ended
        item.started = view.started
        if last is None or view.item != last.item:
            item.item = view.item
        item.show_process(self.meeting.state, now)
        stack = self.query_one(StackPanel)
        stack.now = now
        stack.room = tuple(p.name for p in view.people)
        if last is None or view.stack != last.stack:
            stack.stack = view.stack
        log = self.query_one(ItemLog)
        log.item_id = view.item.item_id if view.item else None
        if last is None or view.log != last.log:
            log.entries = view.log
        status = self.query_one(StatusLine)
        status.now = now
        if last is None or view.status != last.status:
            status.view = view.status
        self.show_presentation(view)
        if last is None:
            # The first push draws every panel even where the view equals the widget's
            # default (the reactives compare values now, and a panel's own mount-time
            # draw comes before it is mounted, so it draws nothing).
            for widget, name in (
                (item, "item"),
                (stack, "stack"),
                (log, "entries"),
                (status, "view"),
            ):
                widget.mutate_reactive(getattr(type(widget), name))
        self._check_bells()

    def tick(self) -> None:
        """Once a second: move the clocks, and the pace forecast that depends on them."""
        now = self.meeting.now()
        view = self.shown_view(now)
        last, self._pushed = self._pushed, view
        # The projected end and the items at risk move with the clock, not only on
        # commands; they are pushed only when they did move (most ticks they do not).
        status = self.query_one(StatusLine)
        if last is None or view.status != last.status:
            # One redraw, not two: the clock is set quietly and the new view draws with it.
            status.set_reactive(StatusLine.now, now)
            status.view = view.status
        else:
            status.now = now
        if last is None or view.agenda != last.agenda:
            self.query_one(AgendaPanel).rows = self.query_one(AgendaStrip).rows = view.agenda
        for widget in (
            self.query_one(AgendaPanel),
            self.query_one(AgendaStrip),
            self.query_one(ItemPanel),
            self.query_one(StackPanel),
        ):
            widget.now = now
        self.show_presentation(view)
        self._check_bells()
        # Idle work for the meeting (readying the next undo) and anything it has to say
        # (a draft that could not be written on its thread).
        idle = getattr(self.meeting, "idle", None)
        if idle is not None:
            idle()
        self.show_warnings()

    def _check_bells(self) -> None:
        item = self.query_one(ItemPanel)
        stack = self.query_one(StackPanel)
        for alert in self.alerts.check(item.item, item.timer_state, stack.stack, stack.turn_state):
            if alert.ring:
                self.app.bell()
            if alert.message:
                self.notify(alert.message, title="Time", severity=alert.severity, markup=False)

    # --- commands up -------------------------------------------------------------------

    def do(self, command: Any, *, done: str | None = None) -> bool:
        """Run one engine command; report refusals; True when it was recorded."""
        try:
            self.meeting.do(command)
        except MeetingError as exc:
            self.notify(str(exc), title="Not done", severity="warning", markup=False)
            return False
        except StorageProblem as exc:
            self.show_storage_error(str(exc))
            return False
        self.hide_storage_error()
        if done:
            self.notify(self.shared_notice(done), markup=False, timeout=3)
        self.show_warnings()
        self.refresh_state()
        return True

    def show_warnings(self) -> None:
        """Anything the meeting has to say once (undo, a damaged journal tail, minutes not written)."""
        take = getattr(self.meeting, "take_warnings", None)
        for warning in take() if take is not None else ():
            self.notify(warning, markup=False, timeout=8)

    # --- starting and ending -----------------------------------------------------------

    def action_next_item(self) -> None:
        """Before the start: take the roll, start the meeting and its first item."""
        if self.current_view().started:
            super().action_next_item()
            return
        from facilitator.core import commands as C
        from facilitator.tui.screens.attendance import AttendanceScreen

        def present(names: tuple[str, ...] | None) -> None:
            if names is not None and self.do(C.StartMeeting(present=names)):
                self.do(C.StartItem())

        self.app.push_screen(AttendanceScreen(self.current_view().people), present)

    def end_meeting(self) -> None:
        """Record the end, write the final minutes, show the summary."""
        from facilitator.core import commands as C
        from facilitator.tui.screens.summary import SummaryScreen

        if not self.do(C.EndMeeting()):
            return
        path = self.meeting.finish()
        self.show_warnings()
        self.app.push_screen(SummaryScreen(self.meeting.state, path, sharing=self.sharing))

    def show_storage_error(self, message: str) -> None:
        """A prominent error that stays until a command succeeds: nothing was recorded."""
        box = self.query_one("#storage-error", Static)
        box.update(
            Text(
                f"⛔ NOT SAVED: {message}\nNothing was recorded. Fix the problem (disk space, permissions) and try again.",
                style="bold",
            )
        )
        box.display = True
        self.notify(message, title="Not saved", severity="error", timeout=30, markup=False)

    def hide_storage_error(self) -> None:
        """Clear the storage error after a successful write."""
        self.query_one("#storage-error", Static).display = False

    def key_owners(self) -> list[DOMNode]:
        """The widgets whose keys are live wherever the focus is: the current item's process
        panel, and the processes' keys for every item."""
        return [*self.query_one(ProcessSlot).key_owners()] if self.is_mounted else []

    def help_topic(self) -> tuple[str | None, str]:
        """For F1: the area of the current process's keys, and how that process runs."""
        from facilitator.tui.commands import process_keys

        area = self.query_one(ProcessSlot).process_area
        about = next((pk.help for pk in process_keys() if pk.area == area), "")
        return area, about

    def on_run_command(self, message: RunCommand) -> None:
        """A widget (e.g. a process panel) asks for a command."""
        message.stop()

        def run() -> None:
            if self.do(message.command, done=message.done):
                for command in message.then:
                    if not self.do(command):
                        break

        if message.confirm:

            def answered(yes: bool | None) -> None:
                if yes:
                    run()

            self.app.push_screen(ConfirmScreen(message.confirm), answered)
        else:
            run()
