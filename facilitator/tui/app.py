"""The Textual app and `build_app`, the one factory used by the CLI, the tests and the benchmark.

The app itself only chooses the first screen (resume or start), applies the
settings (theme, keymap, bell) and offers help. Everything about the meeting is
on `RunScreen`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from facilitator.store.settings import Settings, SettingsError, validate_keys
from facilitator.tui.commands import bindings_for, command_ids
from facilitator.tui.meeting import LiveMeeting, MeetingError, StorageProblem
from facilitator.tui.screens.help import HelpScreen
from facilitator.tui.theme import DEFAULT_THEME, HIGH_CONTRAST
from facilitator.tui.type_ahead import KeyGate

if TYPE_CHECKING:
    from facilitator.core.agenda import Agenda
    from facilitator.core.clock import Clock


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


class FacilitatorApp(App[int]):
    """The meeting app; its return value is the process exit status."""

    TITLE = "facilitator"
    CSS_PATH = ["styles/app.tcss", "styles/run.tcss", "styles/modals.tcss"]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("app")
    # Narrow terminals stack the stack and the log; wide ones put them side by side.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    def __init__(self, launch: Launch, settings: Settings) -> None:
        super().__init__()
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
        self.keys = KeyGate(self)
        """Type-ahead: keys are handled one at a time, in order, each on the screen it finds."""

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
            from facilitator.tui.screens.start import StartScreen

            choices = [(p, self.launch.describe(p)) for p in self.launch.unfinished]
            self.push_screen(
                StartScreen(choices, can_start=self.launch.start_new is not None), self._started
            )
        else:
            self._open(None)

    def _started(self, choice: Path | str | None) -> None:
        if choice is None:
            self.exit(0)
        else:
            self._open(choice if isinstance(choice, Path) else None)

    def _open(self, journal: Path | None) -> None:
        try:
            if journal is not None and self.launch.resume is not None:
                meeting = self.launch.resume(journal)
            elif self.launch.start_new is not None:
                meeting = self.launch.start_new()
            else:
                self.exit(1, message="Nothing to open.")
                return
        except (MeetingError, StorageProblem) as exc:
            self.exit(1, message=str(exc))
            return
        self._run(meeting)

    def _run(self, meeting: LiveMeeting) -> None:
        from facilitator.tui.screens.run_screen import RunScreen

        self.meeting = meeting
        self.push_screen(RunScreen(meeting, bell=self.settings.bell))

    def on_unmount(self) -> None:
        if self.meeting is not None:
            self.meeting.close()

    def action_help(self) -> None:
        """F1: the keys, with the focused area's first."""
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(focused_area(self.screen), self.keymap))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "High contrast", "Switch to the high-contrast theme", self._high_contrast
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
) -> FacilitatorApp:
    """The app for `facilitator run AGENDA` (`agenda_path`) or `facilitator resume JOURNAL` (`journal`).

    Tests pass a FakeClock, a tmp `minutes_dir` and `Settings()`; an already
    loaded `agenda` skips reading `agenda_path` again. Raises SettingsError for
    remapped keys that name no command, and MeetingError/StorageProblem when a
    journal cannot be opened (e.g. it is locked by another window).
    """
    from facilitator.tui import live

    settings = settings if settings is not None else Settings()
    validate_keys(settings.keys, command_ids(), settings.path)
    clock = clock if clock is not None else live.system_clock()
    if journal is not None:
        launch = Launch(meeting=live.resume_meeting(journal, minutes_dir=minutes_dir, clock=clock))
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
            resume=lambda p: live.resume_meeting(p, minutes_dir=minutes_dir, clock=clock),
            describe=live.describe_journal,
        )
    return FacilitatorApp(launch, settings)


__all__ = ["FacilitatorApp", "Launch", "SettingsError", "build_app", "focused_area"]
