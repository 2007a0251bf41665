"""`facilitator publish [MINUTES…] --repo DIR`: shared minutes into the network repository.

Each file goes to `<repo>/<circle-slug>/`, is committed with a message that
names the meeting, then the repository pulls with rebase and pushes. Drafts,
private records, journals and the index are refused. With no network the
commit stays local and the push is pending: the next `publish` or
`facilitator sync` pushes it. See docs/network.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.i18n import N_, _

if TYPE_CHECKING:
    from facilitator.store.network import Outcome

NAME = "publish"
HELP = N_("Publish final shared minutes to the network repository (commit, pull --rebase, push).")
ORDER = 75


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the minutes files and the repository."""
    parser.add_argument(
        "files", nargs="*", type=Path, metavar="MINUTES", help=_("final shared minutes files (.md)")
    )
    parser.add_argument(
        "--repo",
        type=Path,
        required=True,
        metavar="DIR",
        help=_("a clone of the network repository"),
    )


def report(outcome: Outcome) -> int:
    """Tell the facilitator what was published and whether the push happened."""
    from facilitator.core.visible import visible

    for p in outcome.published:
        print(_("published {path}").format(path=visible(str(p))))
    for p in outcome.already:
        print(_("already published {path}").format(path=visible(str(p))))
    if outcome.pushed:
        print(_("pushed to {remote}").format(remote=visible(outcome.remote)))
    elif outcome.pending:
        print(visible(outcome.pending), file=sys.stderr)
    elif not outcome.remote:
        print(_("committed locally: this repository has no remote to push to"))
    return 0


def run(args: argparse.Namespace) -> int:
    """0 when published (the push may be pending), 1 on a refused file or a git failure."""
    from facilitator.store.network import GitError, PublishError, publish

    try:
        outcome = publish(args.repo, list(args.files))
    except (GitError, PublishError, OSError) as exc:
        print(_("facilitator publish: {exc}").format(exc=exc), file=sys.stderr)
        return 1
    return report(outcome)
