"""`facilitator run AGENDA`: run a live meeting from an agenda file."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.i18n import N_, _

NAME = "run"
HELP = N_("Run a live meeting from an agenda file (offers to resume an unfinished one).")
ORDER = 10


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the agenda file and the minutes folder."""
    parser.add_argument("agenda", type=Path, metavar="AGENDA", help=_("the agenda TOML file"))
    parser.add_argument(
        "--minutes-dir",
        type=Path,
        default=Path("minutes"),
        metavar="DIR",
        help=_("where the minutes and the meeting journal go (default: ./minutes)"),
    )
    parser.add_argument(
        "--new",
        action="store_true",
        help=_("start a new meeting even if an unfinished one exists for this agenda"),
    )
    from facilitator.web.cli_flags import add_share_flags

    add_share_flags(parser)


def minutes_dir_problem(folder: Path) -> str | None:
    """Why `folder` cannot hold minutes (it, or a folder above it, is a file), or None.

    Checked before the screen opens, so the mistake is one line on stderr and exit 1,
    not an error flashed after the terminal was taken over.
    """
    for place in (folder, *folder.parents):
        if place.exists():
            if place.is_dir():
                return None
            what = (
                _("is a file")
                if place == folder
                else _("is inside {place}, which is a file").format(place=place)
            )
            return _(
                "--minutes-dir {folder} {what}, not a folder; give a folder for the minutes"
            ).format(folder=folder, what=what)
    return None


def run(args: argparse.Namespace) -> int:
    """Check the agenda, then open the meeting screen; 1 with a plain message on bad input."""
    import sys

    from facilitator.tui.launch import launch

    problem = minutes_dir_problem(args.minutes_dir)
    if problem is not None:
        print(_("facilitator run: {problem}").format(problem=problem), file=sys.stderr)
        return 1
    from facilitator.store.private_dir import sync_note

    note = sync_note(args.minutes_dir)
    if note is not None:
        print(_("facilitator run: {note}").format(note=note), file=sys.stderr)
    from facilitator.web.cli_flags import share_options

    share = share_options(args, "run")
    if isinstance(share, int):
        return share
    return launch(
        agenda_path=args.agenda,
        minutes_dir=args.minutes_dir,
        offer_resume=not args.new,
        share=share,
    )
