"""The Textual app and `build_app`, the one factory used by the CLI, the tests and the benchmark.

The app itself only chooses the first screen (resume or start), applies the
settings (theme, keymap, bell) and offers help. Everything about the meeting is
on `RunScreen`.
"""

from __future__ import annotations

import datetime as _dt
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from facilitator.i18n import _
from facilitator.store.settings import Settings, SettingsError, validate_keys
from facilitator.store.unstarted import AgendaChange
from facilitator.tui.alerts import TimeAlerts
from facilitator.tui.commands import bindings_for, check_keymap, command_ids
from facilitator.tui.meeting import LiveMeeting, MeetingError, StorageProblem
from facilitator.tui.screens.help import HelpScreen
from facilitator.tui.theme import DEFAULT_THEME, HIGH_CONTRAST, check_theme, readable_variables
from facilitator.tui.translate import PALETTE_PLACEHOLDER, translate_bindings, translated_commands
from facilitator.tui.type_ahead import KeyGate

if TYPE_CHECKING:
    from facilitator.core.agenda import Agenda
    from facilitator.core.clock import Clock
    from facilitator.tui.screens.share import Sharing
    from facilitator.tui.screens.start import Restart
    from facilitator.web.options import ShareOptions


@dataclass
class Launch:
    """How the app gets its meeting: already open, or new / resumed after a choice."""

    meeting: LiveMeeting | None = None
    """An open meeting: go straight to the run screen."""
    start_new: Callable[[], LiveMeeting] | None = None
    """Start a fresh meeting (creates its journal)."""
    unfinished: Sequence[Path] = ()
    """Journals of this agenda that never ended: offered for resuming first."""
    resume: Callable[[Path], LiveMeeting] | None = None
    """Open one of `unfinished`."""
    describe: Callable[[Path], str] = field(default=lambda p: p.name)
    """A one-line description of an unfinished journal for the start screen."""
    change: Callable[[Path], AgendaChange] = field(default=lambda p: AgendaChange.SAME)
    """Whether the agenda file was edited since that journal was opened (store/unstarted.py)."""
    minutes_dir: Path | None = None
    """The minutes folder: a crash log goes to its `.private/`."""
    share: ShareOptions | None = None
    """Serve the members' view (`--share`) once the meeting is open."""


class FacilitatorApp(App[int]):
    """The meeting app; its return value is the process exit status."""

    TITLE = "facilitator"
    CSS_PATH = ["styles/app.tcss", "styles/run.tcss", "styles/modals.tcss"]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("app")
    # Narrow terminals stack the stack and the log; wide ones put them side by side.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    def __init__(self, launch: Launch, settings: Settings) -> None:
        super().__init__()
        translate_bindings(self)
        self.launch = launch
        """Where the meeting comes from."""
        self.settings = settings
        """The user's settings (keys, bell, theme)."""
        self.keymap: dict[str, str] = dict(settings.keys)
        """Command id -> key overrides in force (read by help and the palette)."""
        self.meeting: LiveMeeting | None = None
        """The meeting once open."""
        self.register_theme(HIGH_CONTRAST)
        self.theme = settings.theme or DEFAULT_THEME
        self._crash_text: str | None = None
        """The plain sentences to print after an unexpected error (set once)."""
        self.keys = KeyGate(self)
        """Type-ahead: keys are handled one at a time, in order, each on the screen it finds."""
        self.members_view: Sharing | None = None
        """The members' view, when the meeting is shared (`--share`)."""

    def get_css_variables(self) -> dict[str, str]:
        """Textual's theme variables, with unfocused borders kept readable (see theme.py)."""
        self.theme_variables = readable_variables(super().get_css_variables())
        return self.theme_variables

    async def on_event(self, event: events.Event) -> None:
        # Every key passes the gate first: a fast typist's keys wait their turn instead of
        # reaching a screen that is about to be covered (or removed) by a modal.
        if self.keys.owns(event):
            return
        came_back = isinstance(event, events.Key) and event.is_forwarded
        await super().on_event(event)
        self.keys.handled(event, came_back=came_back)

    async def _press_keys(self, keys: Iterable[str]) -> None:
        # Pilot's `press` waits for the screen to be idle, but a key held by the gate is not
        # on any screen yet: wait for the gate as well, so tests see each key's whole effect.
        for key in keys:
            await super()._press_keys([key])
            await self.keys.settled()

    def on_mount(self) -> None:
        self.run_worker(self.keys.run(), name="type-ahead", group="type-ahead")
        self.set_keymap(self.keymap)
        if self.launch.meeting is not None:
            self._run(self.launch.meeting)
        elif self.launch.unfinished and self.launch.resume is not None:
            from facilitator.tui.screens.start import StartScreen, Unfinished

            choices = [
                Unfinished(p, self.launch.describe(p), self.launch.change(p))
                for p in self.launch.unfinished
            ]
            self.push_screen(
                StartScreen(choices, can_start=self.launch.start_new is not None), self._started
            )
        else:
            self._open(None)

    def _started(self, choice: Path | str | Restart | None) -> None:
        from facilitator.tui.screens.start import Restart

        if choice is None:
            self.exit(0)
        elif isinstance(choice, Restart):
            self._restart(choice.journal)
        else:
            self._open(choice if isinstance(choice, Path) else None)

    def _restart(self, journal: Path) -> None:
        """Start again with the edited agenda: the unstarted journal goes first, so the new
        meeting takes its name. If it cannot go (open in another window), nothing starts."""
        from facilitator.store.journal import JournalError
        from facilitator.store.unstarted import discard_unstarted

        try:
            discard_unstarted(journal)
        except JournalError as exc:
            self.exit(1, return_code=1, message=Text(str(exc)))
            return
        self._open(None)

    def _open(self, journal: Path | None) -> None:
        try:
            if journal is not None and self.launch.resume is not None:
                meeting = self.launch.resume(journal)
            elif self.launch.start_new is not None:
                meeting = self.launch.start_new()
            else:
                self.exit(1, return_code=1, message=_("Nothing to open."))
                return
        except (MeetingError, StorageProblem) as exc:
            # return_code, not only the result: the CLI's exit status is the return code.
            self.exit(1, return_code=1, message=Text(str(exc)))
            return
        self._run(meeting)

    def _run(self, meeting: LiveMeeting) -> None:
        from facilitator.tui.screens.run_screen import RunScreen

        self.meeting = meeting
        if hasattr(meeting, "background"):
            meeting.background = True  # draft minutes on a worker thread, not on a key
        alerts = TimeAlerts(
            bell=self.settings.bell,
            warn_before=self.settings.warn_before,
            turn_warning=self.settings.turn_warning,
        )
        self.push_screen(RunScreen(meeting, alerts=alerts, sharing=self.settings.sharing))
        if self.launch.share is not None and hasattr(meeting, "listeners"):
            from facilitator.tui.screens.share import Sharing

            hands = self.settings.member_hands
            self.members_view = Sharing(self, meeting, self.launch.share, hands)  # type: ignore[arg-type]
            self.members_view.start()

    def action_share(self) -> None:
        """⇧U: the members' view window (join address, QR code, claims)."""
        from facilitator.tui.screens.share import ShareScreen

        if self.members_view is None:
            self.notify(
                _(
                    "This meeting is not shared. Start it with --share (facilitator run AGENDA "
                    "--share, or facilitator resume --share) to let members follow and raise hands."
                ),
                markup=False,
            )
        elif not isinstance(self.screen, ShareScreen):
            self.push_screen(ShareScreen(self.members_view))

    def action_accept_hand(self) -> None:
        """⇧H: the oldest hand waiting in the members' inbox joins the stack."""
        if self.members_view is not None:
            self.members_view.accept_hand()

    def on_unmount(self) -> None:
        if self.meeting is not None:
            self.meeting.close()

    # --- unexpected exceptions ------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own handling prints a traceback with local variables when the app exits:
        # on a shared screen that showed a confidential item's title and notes. The details
        # go to a private log instead, and the terminal gets a plain sentence.
        self._return_code = 1
        first = self._exception is None
        if first:
            # Kept as Textual does, so that Pilot re-raises it in tests.
            self._exception = error
            self._exception_event.set()
        log, problem = self._log_crash(error)
        if first:
            self._crash_text = self.crash_message(log, problem)
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        # Plain text straight to stderr, unwrapped, so that the paths can be copied whole.
        if self._crash_text is not None:
            self._exit_renderables.clear()
            sys.stderr.write(self._crash_text + "\n")
            sys.stderr.flush()
            self._crash_text = None
        super()._print_error_renderables()

    def _fatal_error(self) -> None:
        # Only `_handle_exception` calls this in Textual; never render its traceback.
        self._close_messages_no_wait()

    def _journal_path(self) -> Path | None:
        journal = getattr(self.meeting, "journal", None)
        path = getattr(journal, "path", None)
        return path if isinstance(path, Path) else None

    def _log_crash(self, error: BaseException) -> tuple[Path | None, str]:
        """Write the details to the private crash log; (its path, or None and why not)."""
        from facilitator.store.crash_log import write_crash_log

        folder = getattr(self.meeting, "minutes_dir", None) or self.launch.minutes_dir
        cause = getattr(error, "error", None)  # a failed worker wraps the real exception
        real = cause if isinstance(cause, BaseException) else error
        details = "".join(traceback.format_exception(real))
        text = (
            f"facilitator crash, {_dt.datetime.now(_dt.UTC).isoformat(timespec='seconds')}\n"
            f"journal: {self._journal_path()}\n"
            f"screens: {[type(s).__name__ for s in self.screen_stack]}\n\n{details}\n"
        )
        if not isinstance(folder, Path):
            return None, _("there is no minutes folder to put it in")
        try:
            return write_crash_log(folder, text), ""
        except OSError as exc:
            return None, _("it could not be written: {reason}").format(reason=exc.strerror or exc)

    def crash_message(self, log: Path | None, problem: str = "") -> str:
        """The plain sentences shown after an unexpected error (never its details)."""
        journal = self._journal_path()
        lines = [_("facilitator stopped because of an unexpected error inside the app.")]
        if journal is not None:
            lines += [
                _("The meeting is safe in its journal: everything recorded before this is kept."),
                _("Resume it with:  facilitator resume {journal}").format(journal=journal),
            ]
        else:
            lines.append(_("No meeting was open, so nothing was lost."))
        if log is not None:
            lines.append(
                _(
                    "Details for a bug report are in {log} (private: it may quote confidential"
                    " text)."
                ).format(log=log)
            )
        else:
            lines.append(_("The details were not saved: {reason}.").format(reason=problem))
        return "\n".join(lines)

    async def action_quit(self) -> None:
        """ctrl+q: mid-meeting, ask first and say how to come back; otherwise just leave."""
        from facilitator.tui.screens.confirm import ConfirmScreen

        journal = self._journal_path()
        state = getattr(self.meeting, "state", None)
        if journal is None or state is None or getattr(state, "ended", False):
            self.exit(0)
            return
        if self._discard_unstarted():
            self.exit(0)  # nothing was recorded: nothing to resume, so nothing to ask
            return
        if isinstance(self.screen, ConfirmScreen) and self.screen.id == "quit-confirm":
            return  # already asking
        resume = f"facilitator resume {journal}"

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit(
                    0,
                    message=_(
                        "The meeting is saved in its journal. Resume it with:  {command}"
                    ).format(command=resume),
                )

        self.push_screen(
            ConfirmScreen(
                _(
                    "Quit now? The meeting is not ended: everything recorded is saved, and you "
                    "can pick it up later with\n  {command}"
                ).format(command=resume),
                yes=_("Quit"),
                no=_("Keep going"),
                id="quit-confirm",
            ),
            answered,
        )

    def _discard_unstarted(self) -> bool:
        """Remove the open meeting's journal if it recorded nothing at all (as the start
        screen's "Start again" does), so the next run offers no resume of an empty meeting.
        True if the meeting recorded nothing and was closed (leave now); a journal that recorded
        anything is left open, as it was."""
        import contextlib

        from facilitator.store.journal import JournalError, read_journal
        from facilitator.store.unstarted import discard_unstarted

        path = self._journal_path()
        if path is None or self.meeting is None:
            return False
        try:
            # From the disk: the open journal's `records` holds only what it was opened with.
            if read_journal(path).records:
                return False
        except (JournalError, OSError):
            return False
        self.meeting.close()  # release the lock; discard_unstarted checks again under it
        self.meeting = None
        # If it cannot go, it stays in place: it recorded nothing, so resuming it loses nothing.
        with contextlib.suppress(JournalError, OSError):
            discard_unstarted(path)
        return True  # the meeting is closed either way: leave

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, with its prompt in the screen's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(placeholder=_(PALETTE_PLACEHOLDER), id="--command-palette")
            )

    def action_help(self) -> None:
        """F1: the keys, with the focused area's first."""
        if isinstance(self.screen, HelpScreen):
            return
        # The current process's keys first, with how it runs (the run screen knows which).
        topic = getattr(self.screen, "help_topic", None)
        area, about = topic() if topic is not None else (None, "")
        self.push_screen(HelpScreen(area or focused_area(self.screen), self.keymap, about=about))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands in the screen's language, and high contrast."""
        yield from translated_commands(super().get_system_commands(screen))
        yield SystemCommand(
            _("High contrast"), _("Switch to the high-contrast theme"), self._high_contrast
        )

    def _high_contrast(self) -> None:
        self.theme = HIGH_CONTRAST.name


def focused_area(screen: Screen[object]) -> str | None:
    """The AREA of the focused widget or its nearest ancestor that declares one."""
    node = screen.focused
    while node is not None:
        area = getattr(node, "AREA", None)
        if isinstance(area, str):
            return area
        node = node.parent  # type: ignore[assignment]
    return None


def build_app(
    agenda_path: Path | None = None,
    *,
    minutes_dir: Path,
    clock: Clock | None = None,
    settings: Settings | None = None,
    journal: Path | None = None,
    agenda: Agenda | None = None,
    offer_resume: bool = True,
    share: ShareOptions | None = None,
) -> FacilitatorApp:
    """The app for `facilitator run AGENDA` (`agenda_path`) or `facilitator resume JOURNAL` (`journal`).

    Tests pass a FakeClock, a tmp `minutes_dir` and `Settings()`; an already
    loaded `agenda` skips reading `agenda_path` again. Raises SettingsError for
    remapped keys that name no command or give one key to two commands, for a theme
    that does not exist, and MeetingError/StorageProblem when a
    journal cannot be opened (e.g. it is locked by another window).
    """
    from facilitator.store.unstarted import agenda_change
    from facilitator.tui import live

    settings = settings if settings is not None else Settings()
    validate_keys(settings.keys, command_ids(), settings.path)
    check_keymap(settings)
    check_theme(settings)
    clock = clock if clock is not None else live.system_clock()
    if journal is not None:
        launch = Launch(
            meeting=live.resume_meeting(journal, minutes_dir=minutes_dir, clock=clock),
            minutes_dir=minutes_dir,
            share=share,
        )
    else:
        if agenda is None:
            if agenda_path is None:
                raise ValueError("build_app needs an agenda, an agenda path or a journal")
            agenda = live.load_agenda(agenda_path)
        loaded = agenda
        unfinished = live.unfinished_for(loaded, agenda_path, minutes_dir) if offer_resume else []
        launch = Launch(
            start_new=lambda: live.start_meeting(
                loaded, agenda_path, minutes_dir=minutes_dir, clock=clock
            ),
            unfinished=unfinished,
            resume=lambda p: live.resume_meeting(
                p, minutes_dir=minutes_dir, clock=clock, agenda=loaded
            ),
            describe=live.describe_journal,
            change=lambda p: agenda_change(p, loaded),
            minutes_dir=minutes_dir,
            share=share,
        )
    return FacilitatorApp(launch, settings)


__all__ = ["FacilitatorApp", "Launch", "SettingsError", "build_app", "focused_area"]
