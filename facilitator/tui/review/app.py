"""The review app and `build_review_app`, the one factory used by `facilitator review` and the tests.

The archive is opened (and brought up to date) before the app starts, so the
first frame only draws; the app shows the register and offers help.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from facilitator.i18n import _
from facilitator.store.archive import Archive
from facilitator.store.settings import Settings
from facilitator.tui.review.commands import review_bindings
from facilitator.tui.review.screens import RegisterScreen, ReviewHelpScreen
from facilitator.tui.theme import DEFAULT_THEME, HIGH_CONTRAST, check_theme
from facilitator.tui.translate import PALETTE_PLACEHOLDER, translate_bindings, translated_commands

__all__ = ["ReviewApp", "build_review_app"]


class ReviewApp(App[int]):
    """Review mode; its return value is the process exit status."""

    TITLE = "facilitator review"
    CSS_PATH = ["../styles/app.tcss", "../styles/modals.tcss", "review.tcss"]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = review_bindings("review-app")

    def __init__(self, archive: Archive, settings: Settings, today: dt.date) -> None:
        super().__init__()
        translate_bindings(self)
        self.archive = archive
        """The open archive (closed when the app ends)."""
        self.settings = settings
        """The user's settings (theme, keys)."""
        self.today = today
        """The day "due" counts from."""
        self.keymap: dict[str, str] = dict(settings.keys)
        """Command id -> key overrides (ids of other modes are simply unused here)."""
        self.register_theme(HIGH_CONTRAST)
        self.theme = settings.theme or DEFAULT_THEME

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands, in the screen's language."""
        return translated_commands(super().get_system_commands(screen))

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, with its prompt in the screen's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(placeholder=_(PALETTE_PLACEHOLDER), id="--command-palette")
            )

    def on_mount(self) -> None:
        self.set_keymap(self.keymap)
        self.push_screen(RegisterScreen(self.archive, self.today))

    def on_unmount(self) -> None:
        self.archive.close()

    def action_help(self) -> None:
        """F1: every review key."""
        if not isinstance(self.screen, ReviewHelpScreen):
            self.push_screen(ReviewHelpScreen(self.keymap))

    def action_quit(self) -> None:  # type: ignore[override]
        """ctrl+q: leave, exit status 0."""
        self.exit(0)


def build_review_app(
    folder: Path, *, settings: Settings | None = None, today: dt.date | None = None
) -> ReviewApp:
    """The review app over the minutes in `folder` (synced now); tests pass `today`.

    Raises SettingsError for a theme that does not exist, OSError or sqlite3.Error when the folder cannot be read at all
    (malformed minutes are not errors: they are skipped and counted).
    """
    settings = settings or Settings()
    check_theme(
        settings
    )  # before opening the archive: a bad theme is a SettingsError, not a traceback
    archive = Archive.open(folder)
    return ReviewApp(archive, settings, today or dt.date.today())
