"""`facilitator sync --repo DIR`: pull with rebase and push what a publish left pending."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.i18n import N_, _

NAME = "sync"
HELP = N_("Bring the network repository up to date and push minutes whose push is pending.")
ORDER = 76


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the repository."""
    parser.add_argument(
        "--repo",
        type=Path,
        required=True,
        metavar="DIR",
        help=_("a clone of the network repository"),
    )


def run(args: argparse.Namespace) -> int:
    """0 when up to date (the push may still be pending offline), 1 on a git failure."""
    from facilitator.commands.publish import report
    from facilitator.store.network import GitError, sync

    try:
        outcome = sync(args.repo)
    except (GitError, OSError) as exc:
        print(_("facilitator sync: {exc}").format(exc=exc), file=sys.stderr)
        return 1
    return report(outcome)
