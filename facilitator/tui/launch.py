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
    import gc

    # The app's ~600 modules, imported without the cyclic collector: modules, classes and
    # functions are never garbage, yet their allocations set off ~190 collections that
    # walked the growing heap, ~6% of the CPU before the first frame (issue 12). Frozen
    # afterwards, so later collections do not walk them either.
    was_on = gc.isenabled()
    gc.disable()
    try:
        import facilitator.store.settings
        import facilitator.tui.app
        import facilitator.tui.live
        import facilitator.tui.meeting  # noqa: F401
    finally:
        if was_on:
            gc.enable()
    gc.freeze()
    try:
        return _build_and_run(
            minutes_dir, agenda_path, journal, offer_resume=offer_resume, latest=latest, share=share
        )
    finally:
        gc.unfreeze()  # the run screen froze it again after its first frame, and thawed it


def _build_and_run(
    minutes_dir: Path,
    agenda_path: Path | None,
    journal: Path | None,
    *,
    offer_resume: bool,
    latest: bool,
    share: ShareOptions | None,
) -> int:
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
