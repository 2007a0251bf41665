"""`facilitator check FILE...`: check agenda files and list every mistake as `FILE:LINE: message`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.i18n import N_, _

NAME = "check"
HELP = N_("Check agenda files; every mistake is listed as FILE:LINE: message.")
ORDER = 30


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: one or more agenda files."""
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help=_("agenda TOML files"))


def run(args: argparse.Namespace) -> int:
    """Print `FILE: ok` for each good file; 1 when any file has problems (listed on stderr)."""
    # Imported here so `--help` and the other commands do not pay for pydantic.
    from facilitator.core.visible import visible
    from facilitator.store.agenda_file import AgendaFileError, load_agenda

    status = 0
    for path in args.files:
        try:
            load_agenda(path)
        except AgendaFileError as exc:
            print(exc, file=sys.stderr)
            status = 1
        else:
            print(
                f"{visible(str(path))}: ok"
            )  # "ok" stays English in every language: scripts read it
    return status
