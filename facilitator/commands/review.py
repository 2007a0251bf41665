"""`facilitator review [DIR]`: browse the minutes archive offline in the terminal.

Decisions (searchable as you type), reviews due, open actions by owner, open
conflicts and talk-time trends; Enter opens a meeting's minutes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.i18n import N_, _

NAME = "review"
HELP = N_("Browse the minutes archive: decisions, reviews due, actions, conflicts, talk time.")
ORDER = 59


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the minutes folder."""
    parser.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=Path("minutes"),
        metavar="DIR",
        help=_("the minutes folder (default: ./minutes)"),
    )


def run(args: argparse.Namespace) -> int:
    """Open the review app; 1 with a plain message when the folder or settings cannot be used."""
    import sqlite3

    folder: Path = args.dir
    if not folder.is_dir():
        what = _("is a file, not a folder") if folder.exists() else _("no such folder")
        print(
            _("{folder}: {what}; name the minutes folder (the default is ./minutes)").format(
                folder=folder, what=what
            ),
            file=sys.stderr,
        )
        return 1
    from facilitator.store.settings import SettingsError, load_settings
    from facilitator.tui.review.app import build_review_app

    try:
        settings = load_settings()
        app = build_review_app(folder, settings=settings)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as exc:
        print(
            _("{folder}: cannot read the minutes: {exc}").format(folder=folder, exc=exc),
            file=sys.stderr,
        )
        return 1
    for problem in app.archive.report.problems:
        print(
            _("warning: {path}: {reason}; skipped").format(
                path=folder / problem.path, reason=problem.reason
            ),
            file=sys.stderr,
        )
    return app.run() or 0
