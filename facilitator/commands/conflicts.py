"""`facilitator conflicts [DIR]`: conflict log entries still open across meetings.

Shared minutes only: a confidential conflict is one neutral line there and
never reaches the index, so it never shows here. An entry is followed across
meetings by its circle and what it is about; the latest mention gives its status.
"""

from __future__ import annotations

import argparse

from facilitator.commands import _archive_cli as common
from facilitator.i18n import N_

NAME = "conflicts"
HELP = N_("Open (and in-progress) conflicts across meetings; confidential ones never show.")
ORDER = 62

_COLUMNS = (
    ("first", N_("SINCE")),
    ("circle", N_("CIRCLE")),
    ("status", N_("STATUS")),
    ("owner", N_("OWNER")),
    ("about", N_("ABOUT")),
    ("next_step", N_("NEXT STEP")),
)


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the folder, the filters, status and the output format."""
    common.add_common(
        parser, what=N_("conflicts"), searched=N_("what they are about, next steps, items")
    )
    common.add_status(parser, ("open", "in-progress", "resolved"))


def run(args: argparse.Namespace) -> int:
    """Print the matching conflicts; 0 even when none match, 1 when the folder is unusable."""
    archive = common.open_archive(args.dir)
    if archive is None:
        return 1
    with archive:
        hits = archive.conflicts(common.filters(args))
    common.emit(args, [h.as_dict() for h in hits], _COLUMNS, none=N_("No conflicts match."))
    return 0
