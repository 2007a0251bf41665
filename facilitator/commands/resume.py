"""`facilitator resume [JOURNAL]`: reopen a meeting that was not ended."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.i18n import N_, _

NAME = "resume"
HELP = N_("Resume an unfinished meeting (default: the most recent one in the minutes folder).")
ORDER = 11


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: an optional journal file and the minutes folder."""
    parser.add_argument(
        "journal",
        type=Path,
        nargs="?",
        metavar="JOURNAL",
        help=_("the meeting's journal (.journal.jsonl); default: the most recent unfinished one"),
    )
    parser.add_argument(
        "--minutes-dir",
        type=Path,
        default=Path("minutes"),
        metavar="DIR",
        help=_("the minutes folder to look in (default: ./minutes)"),
    )
    from facilitator.web.cli_flags import add_share_flags

    add_share_flags(parser)


def run(args: argparse.Namespace) -> int:
    """Open the journal and continue the meeting; 1 with a plain message when it cannot."""
    import sys

    from facilitator.commands.run import minutes_dir_problem
    from facilitator.tui.launch import launch

    problem = minutes_dir_problem(args.minutes_dir)
    if problem is not None:
        print(_("facilitator resume: {problem}").format(problem=problem), file=sys.stderr)
        return 1
    from facilitator.web.cli_flags import share_options

    share = share_options(args, "resume")
    if isinstance(share, int):
        return share
    return launch(
        journal=args.journal, minutes_dir=args.minutes_dir, latest=args.journal is None, share=share
    )
