"""`facilitator decisions [DIR]`: past decisions from the minutes' front matter, fast.

The fast path: answers from the archive index (SQLite, FTS5) without loading
pydantic, rich or textual, so a member asking "what did we decide about the
loan fund?" gets an answer about as fast as grep. See `store/archive.py` for
what each filter means.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.commands import _archive_cli as common
from facilitator.i18n import N_, _

if TYPE_CHECKING:
    from facilitator.store.archive import DecisionHit

NAME = "decisions"
HELP = N_("Past decisions from the minutes: search, filter by circle, date, outcome, review due.")
ORDER = 60

_OUTCOMES = ("adopted", "adopted-with-concerns", "not-adopted", "deferred", "withdrawn")
_COLUMNS = (
    ("date", N_("DATE")),
    ("circle", N_("CIRCLE")),
    ("outcome", N_("OUTCOME")),
    ("review", N_("REVIEW")),
    ("text", N_("DECISION")),
)


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the folder, the filters and the output format."""
    common.add_common(parser, what=N_("decisions"), searched=N_("decision texts and item titles"))
    parser.add_argument("--outcome", choices=_OUTCOMES, help=_("decisions with this outcome"))
    parser.add_argument(
        "--id",
        metavar="ID",
        help=_(
            "the decision with this id, as cited: <minutes file>-N, or <date>-<circle>-N"
            " from older minutes"
        ),
    )
    common.add_due(
        parser,
        N_("adopted decisions whose review date has passed or comes within N days"),
    )
    parser.add_argument(
        "--sqlite",
        type=Path,
        metavar="FILE",
        help=_(
            "write the matching decisions to a clean SQLite database with full-text search"
            " (serve it with `datasette --immutable FILE`); replaces FILE"
        ),
    )


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    counts: dict[str, Any] = row.pop("counts")
    return {**row, **counts}


def _cited(hits: list[DecisionHit], wanted: str) -> list[DecisionHit]:
    """`--id`: an old-style id that two meetings of one day share names both; say how to
    cite each one alone (the ids newer minutes write are unique across the network)."""
    from facilitator.core.visible import visible
    from facilitator.store.archive import cited, network_id

    found = cited(hits, wanted)
    if len(found) > 1:
        names = ", ".join(visible(network_id(h)) for h in found)
        print(
            _(
                "note: {count} decisions have the id {id!r} (minutes written before ids were unique); cite one of them as {names}"
            ).format(count=len(found), id=visible(wanted.strip()), names=names),
            file=sys.stderr,
        )
    return found


def run(args: argparse.Namespace) -> int:
    """Print the matching decisions; 0 even when none match, 1 when the folder is unusable."""
    archive = common.open_archive(args.dir)
    if archive is None:
        return 1
    with archive:
        hits = archive.decisions(common.filters(args, outcome=args.outcome))
    if args.id is not None:
        hits = _cited(hits, args.id)
    if args.sqlite is not None:
        import sqlite3

        from facilitator.store.register_db import write_register

        try:
            count = write_register(args.sqlite, [h.as_dict() for h in hits])
        except (OSError, sqlite3.Error) as exc:  # a message, not a traceback
            print(
                _("facilitator decisions: cannot write {sqlite}: {exc}").format(
                    sqlite=args.sqlite, exc=exc
                ),
                file=sys.stderr,
            )
            return 1
        print(_("{count} decisions written to {sqlite}").format(count=count, sqlite=args.sqlite))
        return 0
    common.emit(
        args,
        [h.as_dict() for h in hits],
        _COLUMNS,
        none=N_("No decisions match."),
        flatten=_flat,
    )
    return 0
