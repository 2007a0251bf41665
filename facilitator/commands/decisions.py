"""`facilitator decisions [DIR]`: past decisions from the minutes' front matter, fast.

The fast path: answers from the archive index (SQLite, FTS5) without loading
pydantic, rich or textual, so a member asking "what did we decide about the
loan fund?" gets an answer about as fast as grep. See `store/archive.py` for
what each filter means.
"""

from __future__ import annotations

import argparse
from typing import Any

from facilitator.commands import _archive_cli as common

NAME = "decisions"
HELP = "Past decisions from the minutes: search, filter by circle, date, outcome, review due."
ORDER = 60

_OUTCOMES = ("adopted", "adopted-with-concerns", "not-adopted", "deferred", "withdrawn")
_COLUMNS = (
    ("date", "DATE"),
    ("circle", "CIRCLE"),
    ("outcome", "OUTCOME"),
    ("review", "REVIEW"),
    ("text", "DECISION"),
)


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the folder, the filters and the output format."""
    common.add_common(parser, what="decisions", searched="decision texts and item titles")
    parser.add_argument("--outcome", choices=_OUTCOMES, help="decisions with this outcome")
    common.add_due(
        parser,
        "adopted decisions whose review date has passed or comes within N days",
    )


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    counts: dict[str, Any] = row.pop("counts")
    return {**row, **counts}


def run(args: argparse.Namespace) -> int:
    """Print the matching decisions; 0 even when none match, 1 when the folder is unusable."""
    archive = common.open_archive(args.dir)
    if archive is None:
        return 1
    with archive:
        hits = archive.decisions(common.filters(args, outcome=args.outcome))
    common.emit(
        args,
        [h.as_dict() for h in hits],
        _COLUMNS,
        none="No decisions match.",
        flatten=_flat,
    )
    return 0
