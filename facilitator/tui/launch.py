"""The CLI side of `facilitator run` and `facilitator resume`: read settings, build, run.

Every user mistake (a bad agenda, a bad settings file, a locked or missing
journal) ends here as a plain message on stderr and exit status 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.i18n import _

if TYPE_CHECKING:
    from facilitator.web.options import ShareOptions


def launch(
    *,
    minutes_dir: Path,
    agenda_path: Path | None = None,
    journal: Path | None = None,
    offer_resume: bool = True,
    latest: bool = False,
    share: ShareOptions | None = None,
) -> int:
    """Open the meeting app; returns the exit status."""
    from facilitator.store.settings import SettingsError, load_settings
    from facilitator.tui import live
    from facilitator.tui.app import build_app
    from facilitator.tui.meeting import MeetingError, StorageProblem

    try:
        settings = load_settings()
        if latest:
            journal = live.latest_unfinished(minutes_dir)
            if journal is None:
                message = _("No unfinished meeting in {folder}/ to resume.")
                print(message.format(folder=minutes_dir), file=sys.stderr)
                return 1
        app = build_app(
            agenda_path,
            journal=journal,
            minutes_dir=minutes_dir,
            settings=settings,
            offer_resume=offer_resume,
            share=share,
        )
    except (live.AgendaProblem, SettingsError, MeetingError, StorageProblem) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    app.run()
    return app.return_code or 0
