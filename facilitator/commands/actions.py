"""`facilitator actions [DIR]`: action items still open across meetings (or all, by status).

An action is followed across meetings by its circle, text and owner; the
latest meeting that mentions it says whether it is still open. Fast path:
stdlib and the archive index only.
"""

from __future__ import annotations

import argparse

from facilitator.commands import _archive_cli as common
from facilitator.i18n import N_

NAME = "actions"
HELP = N_("Open action items across meetings, by owner (--all for every status).")
ORDER = 61

_COLUMNS = (
    ("owner", N_("OWNER")),
    ("due", N_("DUE")),
    ("status", N_("STATUS")),
    ("circle", N_("CIRCLE")),
    ("first", N_("SINCE")),
    ("what", N_("ACTION")),
)


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the folder, the filters, status and the output format."""
    common.add_common(parser, what=N_("actions"), searched=N_("action texts and item titles"))
    common.add_status(parser, ("open", "done", "dropped"))
    common.add_due(parser, N_("actions whose due date has passed or comes within N days"))


def run(args: argparse.Namespace) -> int:
    """Print the matching actions; 0 even when none match, 1 when the folder is unusable."""
    archive = common.open_archive(args.dir)
    if archive is None:
        return 1
    with archive:
        hits = archive.actions(common.filters(args))
    common.emit(args, [h.as_dict() for h in hits], _COLUMNS, none=N_("No actions match."))
    return 0
