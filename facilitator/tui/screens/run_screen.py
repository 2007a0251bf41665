"""The run screen: the live meeting. It composes the widgets, pushes state down, and
journals the commands they post up.

Each widget owns its keys and their dialogs (the stack's, the item's, the log's,
the meeting's on the status line, the current process's on its panel), and asks
for a change by posting `RunCommand`; `on_run_command` runs it through `do`,
which turns a DomainError into a plain notification and a StorageError into a
persistent error (and then nothing on screen changes, because the state did not
change). The screen keeps only what changes the screen itself: sharing (⇧S),
the presentation view (⇧P) and ending the meeting (⇧E). A 1-second timer
updates only the clocks (`now`); it builds only the pace (`clock_view`), and the
whole view only when the pace moved.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.command import Provider
from textual.containers import Container
from textual.css.query import NoMatches
from textual.widgets import Static

from facilitator.i18n import _
from facilitator.tui import ask
from facilitator.tui.alerts import TimeAlerts
from facilitator.tui.key_owners import OwnedKeys
from facilitator.tui.meeting import LiveMeeting, MeetingError, StorageProblem
from facilitator.tui.messages import RunCommand, ScreenKey
from facilitator.tui.palette import MeetingCommandsProvider
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.view import ClockView, MeetingView
from facilitator.tui.view_model import clock_view, shared_view
from facilitator.tui.widgets.agenda_panel import AgendaPanel
from facilitator.tui.widgets.agenda_strip import AgendaStrip
from facilitator.tui.widgets.commanding import Commanding
from facilitator.tui.widgets.footer import MeetingFooter
from facilitator.tui.widgets.item_log import ItemLog
from facilitator.tui.widgets.item_panel import ItemPanel
from facilitator.tui.widgets.process_slot import ProcessSlot
from facilitator.tui.widgets.stack_panel import StackPanel
from facilitator.tui.widgets.status_line import SCREEN_ACTIONS, StatusLine

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from facilitator.tui.screens.presentation import PresentationScreen


FREEZE_EVERY = 1000
"""Events recorded between two freezes of the heap (`RunScreen.freeze_heap`)."""


class ShowsView(Protocol):
    """A panel the run screen pushes the view into."""

    def show_view(self, view: MeetingView, last: MeetingView | None, now: float) -> None:
        """Draw what changed since `last` (None: the first push, draw everything)."""


class RunScreen(OwnedKeys):
    """Status on top; agenda, current item, stack and item log in a grid that `run.tcss`
    arranges per width class (below 110 columns the agenda folds into a one-line strip)."""

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
        self._clock: ClockView | None = None
        """The pace of the view pushed last: a tick rebuilds the view only when it moved."""
        self.views_built = 0
        """Whole views built so far (the render-count tests read it: a tick builds none)."""
        self._frozen_at = -1
        """How many events the meeting had when the heap was frozen last (-1: never)."""
        self.sharing = sharing
        """Sharing the screen: confidential content hidden (⇧S; the settings' `sharing`)."""
        self.presentation: PresentationScreen | None = None
        """The presentation view while it is open."""

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status-line")
        with Container(id="run-body"):
            yield AgendaStrip(id="agenda-strip")
            yield AgendaPanel(id="agenda-panel")
            yield ItemPanel(id="item-panel", warn_before=self.alerts.warn_before)
            yield StackPanel(id="stack-panel")
            yield ItemLog(id="item-log")
        yield Static(id="storage-error")
        yield MeetingFooter()

    def on_mount(self) -> None:
        self.query_one("#storage-error", Static).display = False
        self.refresh_state()
        self.show_warnings()
        self.set_interval(1.0, self.tick)
        # After the first frame, load the modal screens on a thread: the first form or
        # picker then opens at once instead of importing for a second or two.
        self.call_after_refresh(self._warm_modals)

    def _warm_modals(self) -> None:
        self.freeze_heap()
        from facilitator.tui.screens.modal import warm_modals

        self.run_worker(warm_modals, thread=True, group="warm-modals", exit_on_error=False)

    def freeze_heap(self) -> None:
        """Leave the meeting's state out of Python's full garbage collections (`gc.freeze`).

        A meeting resumed at 10,000 events holds ~100,000 objects that live as long as it
        does; each full collection walked them all, 120-190 ms, on whatever key came then
        (issue 12: key p95 at 10,000 events was twice that at none). Frozen after the first
        frame, and again at idle every `FREEZE_EVERY` events, collections walk only what is
        new. Young cyclic garbage is collected first; what the old generation still holds
        at a freeze stays until the screen goes (`on_unmount` unfreezes).
        """
        gc.collect(1)
        gc.freeze()
        self._frozen_at = len(getattr(self.meeting.state, "events", ()))

    def on_unmount(self) -> None:
        gc.unfreeze()  # back to the collector: the meeting's objects can go with the screen

    # --- state down --------------------------------------------------------------------

    def refresh_state(self, now: float | None = None) -> None:
        """Rebuild the view from the engine state and push it down: every key owner keeps
        the state and the shown view for its actions, and every panel draws what changed
        since the view pushed last (`show_view`), so an unchanged panel is not touched."""
        now = self.meeting.now() if now is None else now
        view = self.shown_view(now)
        self._clock = clock_view(self.meeting.state, now)
        last, self._pushed = self._pushed, view
        self.title = view.title
        for owner in self.key_owners():
            if isinstance(owner, Commanding):
                owner.show_meeting(self.meeting.state, view)
        q = self.query_one
        panels: tuple[ShowsView, ...] = (
            q(AgendaPanel), q(AgendaStrip), q(ItemPanel), q(StackPanel), q(ItemLog), q(StatusLine)
        )  # fmt: skip
        for panel in panels:
            panel.show_view(view, last, now)
        self.show_presentation(view, now)
        self._check_bells()

    def tick(self) -> None:
        """Once a second: move the clocks, and the pace forecast that depends on them.

        Only the pace is built (`clock_view`: the projected end, the items at risk); the
        whole view is built again only when it moved, which most seconds it does not. The
        other clocks are drawn by their panels from `now` (each draws only what moved).
        """
        now = self.meeting.now()
        if self._pushed is None or clock_view(self.meeting.state, now) != self._clock:
            self.refresh_state(now)
        else:
            self._push_now(self._pushed, now)
        # Idle work for the meeting (readying the next undo) and anything it has to say
        # (a draft that could not be written on its thread).
        idle = getattr(self.meeting, "idle", None)
        if idle is not None:
            idle()
        events = len(getattr(self.meeting.state, "events", ()))
        if self._frozen_at >= 0 and events - self._frozen_at >= FREEZE_EVERY:
            self.freeze_heap()
        self.show_warnings()

    def _push_now(self, view: MeetingView, now: float) -> None:
        """The clocks alone: every panel with a clock redraws what moved at `now`."""
        self.query_one(StatusLine).now = now
        self.query_one(AgendaPanel).now = now
        self.query_one(AgendaStrip).now = now
        self.query_one(ItemPanel).now = self.query_one(StackPanel).now = now
        self.show_presentation(view, now)
        self._check_bells()

    def _check_bells(self) -> None:
        item = self.query_one(ItemPanel)
        stack = self.query_one(StackPanel)
        for alert in self.alerts.check(item.item, item.timer_state, stack.stack, stack.turn_state):
            if alert.ring:
                self.app.bell()
            if alert.message:
                self.notify(alert.message, title=_("Time"), severity=alert.severity, markup=False)

    # --- commands up -------------------------------------------------------------------

    def do(self, command: Any, *, done: str | None = None) -> bool:
        """Run one engine command; report refusals; True when it was recorded."""
        try:
            self.meeting.do(command)
        except MeetingError as exc:
            self.notify(str(exc), title=_("Not done"), severity="warning", markup=False)
            return False
        except StorageProblem as exc:
            self.show_storage_error(str(exc))
            return False
        self.hide_storage_error()
        if done:
            self.notify(self.shared_notice(done), markup=False, timeout=3)
        elif _takes_back(command):
            self.notify(self.undo_notice(), markup=False, timeout=8)
        self.show_warnings()
        self.refresh_state()
        return True

    def show_warnings(self) -> None:
        """Anything the meeting has to say once (undo, a damaged journal tail, minutes not written)."""
        take = getattr(self.meeting, "take_warnings", None)
        for warning in take() if take is not None else ():
            self.notify(warning, markup=False, timeout=8)

    # --- sharing, presenting, ending --------------------------------------------------

    def shown_view(self, now: float) -> MeetingView:
        """The view at `now`, redacted when sharing (`view_model.shared_view` is the rule)."""
        view = self.meeting.view(now)
        self.views_built += 1
        return shared_view(view) if self.sharing else view

    def shared_notice(self, done: str) -> str:
        """What a command's confirmation may say on screen: while sharing or presenting, a
        confidential item's ("Chen Wu: concern") is only "Recorded." The toast is drawn over
        whatever screen is on top, the presentation view included."""
        item = getattr(self.meeting.state, "current_item", None)
        private = item is not None and bool(getattr(item, "confidential", False))
        return _("Recorded.") if private and self.shown_shared else done

    @property
    def shown_shared(self) -> bool:
        """The members see this screen (sharing) or the room does (the presentation view):
        what is drawn here keeps to the shared-screen rule (`core.shared_screen`)."""
        return self.sharing or self.presentation is not None

    def undo_notice(self) -> str:
        """What the undo or redo just recorded took back or brought back, in the screen's
        language and items by title; while sharing or presenting, only what a shared screen
        may say of it (`history.act_words`: nothing of a confidential item's responses or of
        a credit given off the record)."""
        from facilitator.core.history import act_words

        state = self.meeting.state
        last = state.events[-1]
        what, shared = act_words(state, int(last["target_cmd"]), str(last["what"]))
        if self.shown_shared:
            what = shared
        said = _("Undone: {what}.") if last.type == "Undone" else _("Redone: {what}.")
        return said.format(what=what)

    def action_toggle_sharing(self) -> None:
        """⇧S: sharing on or off."""
        self.sharing = not self.sharing
        self.refresh_state()
        if self.sharing:
            # Short: at 80x24 the toast covers the item log while it shows.
            message = _("⧉ Sharing: confidential content is hidden on screen.")
        else:
            message = _("Not sharing: everything is shown, 🔒 marks what is confidential.")
        self.notify(message, markup=False, timeout=4)

    def action_presentation(self) -> None:
        """⇧P: the presentation view; Escape or ⇧P comes back."""
        from facilitator.tui.screens.presentation import PresentationScreen

        if self.presentation is not None and self.presentation in self.app.screen_stack:
            return
        # One closed a moment ago may still be here (its dismissal's callback not run yet):
        # it is off the stack, so this ⇧P opens a new one, and that callback forgets only its own.
        screen = PresentationScreen(self)

        def closed(_: None) -> None:
            if self.presentation is screen:
                self.presentation = None

        self.presentation = screen
        self.app.push_screen(screen, closed)

    def show_presentation(self, view: MeetingView | None = None, now: float | None = None) -> None:
        """Push a change or a tick to the presentation view, when it is open."""
        if self.presentation is None:
            return
        now = self.meeting.now() if now is None else now
        view = view or self._pushed or self.shown_view(now)
        self.presentation.show(view, self.meeting.state, now)

    @work
    async def action_end_meeting(self) -> None:
        """End the meeting after confirmation, and write the final minutes."""
        question = _("End the meeting now? The final minutes will be written.")
        if await ask.confirm(self.app, question):
            self.end_meeting()

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
                _(
                    "⛔ NOT SAVED: {reason}\nNothing was recorded. Fix the problem (disk space, "
                    "permissions) and try again."
                ).format(reason=message),
                style="bold",
            )
        )
        box.display = True
        self.notify(message, title=_("Not saved"), severity="error", timeout=30, markup=False)

    def hide_storage_error(self) -> None:
        """Clear the storage error after a successful write."""
        self.query_one("#storage-error", Static).display = False

    def key_owners(self) -> list[DOMNode]:
        """The widgets whose keys are live wherever the focus is: the stack, the item, the
        log, the status line (the meeting's), the current process panel, and the
        processes' keys for every item."""
        try:
            return [
                self.query_one(StackPanel),
                self.query_one(ItemPanel),
                self.query_one(ItemLog),
                self.query_one(StatusLine),
                *self.query_one(ProcessSlot).key_owners(),
            ]
        except NoMatches:  # not composed yet (the Footer asks early)
            return []

    def keys_first(self) -> list[DOMNode]:
        """The current process panel: its keys lead the Footer (a consent round's "3 Stand
        aside" must not be the key a wide footer cuts), the rest follow. Not while the slot
        is hidden (a confidential item on a shared screen): its keys still work, unshown."""
        try:
            slot = self.query_one(ProcessSlot)
        except NoMatches:
            return []
        return [slot.panel] if slot.panel is not None and slot.display else []

    def help_topic(self) -> tuple[str | None, str]:
        """For F1: the area of the current process's keys, and how that process runs."""
        from facilitator.tui.commands import process_keys

        slot = self.query_one(ProcessSlot)
        area = slot.process_area
        about = next((pk.help for pk in process_keys() if pk.area == area), "")
        # A panel whose help depends on its item (the consent panel: the item's method).
        live = getattr(slot.panel, "help_about", None)
        return area, live() if callable(live) else about

    def on_screen_key(self, message: ScreenKey) -> None:
        """The status line passes up the keys that are the screen's own (⇧S, ⇧P, ⇧E)."""
        message.stop()
        if message.action in SCREEN_ACTIONS:
            getattr(self, f"action_{message.action}")()

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


def _takes_back(command: object) -> bool:
    """An undo or a redo (said by `RunScreen.undo_notice`)."""
    from facilitator.core import commands as C

    return isinstance(command, (C.Undo, C.Redo))
