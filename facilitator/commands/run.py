"""`facilitator run AGENDA`: run a live meeting from an agenda file."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "run"
HELP = "Run a live meeting from an agenda file (offers to resume an unfinished one)."
ORDER = 10


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the agenda file and the minutes folder."""
    parser.add_argument("agenda", type=Path, metavar="AGENDA", help="the agenda TOML file")
    parser.add_argument(
        "--minutes-dir",
        type=Path,
        default=Path("minutes"),
        metavar="DIR",
        help="where the minutes and the meeting journal go (default: ./minutes)",
    )
    parser.add_argument(
        "--new",
        action="store_true",
        help="start a new meeting even if an unfinished one exists for this agenda",
    )


def run(args: argparse.Namespace) -> int:
    """Check the agenda, then open the meeting screen; 1 with a plain message on bad input."""
    from facilitator.tui.launch import launch

    return launch(agenda_path=args.agenda, minutes_dir=args.minutes_dir, offer_resume=not args.new)
