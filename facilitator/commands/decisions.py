"""`facilitator decisions [DIR]`: past decisions from the minutes' front matter, fast.

The fast path: answers from the archive index (SQLite, FTS5) without loading
pydantic, rich or textual, so a member asking "what did we decide about the
loan fund?" gets an answer about as fast as grep. See `store/archive.py` for
what each filter means.
"""

from __future__ import annotations

import argparse
import sys

from facilitator.commands import _archive_cli as common
from facilitator.i18n import N_, _

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 12)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from facilitator.store.archive import DecisionHit, OutcomeHit

NAME = "decisions"
HELP = N_("Past decisions from the minutes: search, filter by circle, date, outcome, review due.")
ORDER = 60

_OUTCOMES = ("adopted", "adopted-with-concerns", "not-adopted", "deferred", "withdrawn")
_COLUMNS = (
    ("date", N_("DATE")),
    ("circle", N_("CIRCLE")),
    ("outcome", N_("OUTCOME")),
    ("method", N_("METHOD")),
    ("positions_text", N_("POSITIONS")),
    ("review", N_("REVIEW")),
    ("text", N_("DECISION")),
)


def _positions_text(positions: object) -> str:
    """The positions taken, for the table: "consent 4, objection 1" (zeros left out)."""
    if not isinstance(positions, dict):
        return ""
    return ", ".join(f"{k} {n}" for k, n in positions.items() if n)


def _for_table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with their positions as one cell (the table only: JSON keeps the mapping);
    rows are changed in place (they are made for this output)."""
    said: dict[int, str] = {}  # `decision_table` shares one mapping among equal positions
    for r in rows:
        positions = r.get("positions")
        if positions is None:
            r["positions_text"] = ""
        else:
            text = said.get(id(positions))
            if text is None:
                text = said[id(positions)] = _positions_text(positions)
            r["positions_text"] = text
    return rows


def _positions_cell(row: dict[str, Any]) -> dict[str, Any]:
    """CSV: `positions` as one JSON cell, so every row keeps one width whatever the method."""
    import json

    positions = row.get("positions")
    row["positions"] = json.dumps(positions, ensure_ascii=False) if positions else ""
    return row


def _path(text: str) -> Path:
    """`--sqlite FILE` as a Path, pathlib imported only when it is given."""
    from pathlib import Path

    return Path(text)


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
        type=_path,
        metavar="FILE",
        help=_(
            "write the matching decisions to a clean SQLite database with full-text search"
            " (serve it with `datasette --immutable FILE`); replaces FILE"
        ),
    )


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    counts: dict[str, Any] = row.pop("counts")
    return {**_positions_cell(row), **counts}


_EXTRA = ("process", "table", "data")
"""The keys a process's outcome adds to a register row."""


def _flat_with_outcomes(row: dict[str, Any]) -> dict[str, Any]:
    """CSV rows of one width whether they are decisions or votes: every count column (empty
    for a vote), then the process's columns (empty for a decision), its row as JSON."""
    import json

    from facilitator.store.archive import COUNT_KEYS

    extra = {k: row.pop(k, "") for k in _EXTRA}
    if isinstance(extra["data"], dict):
        extra["data"] = json.dumps(extra["data"], ensure_ascii=False, sort_keys=True)
    counts: dict[str, Any] = row.pop("counts")
    return {**_positions_cell(row), **{k: counts.get(k, "") for k in COUNT_KEYS}, **extra}


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


def _as_decision(hit: OutcomeHit) -> dict[str, Any]:
    """A process's outcome (a vote) as a row of the register: every key a decision has, so
    JSON and CSV readers see one shape, plus `process`, `table` and the row itself (`data`)."""
    row = hit.as_dict()
    result = hit.data.get("result")
    return {
        "date": row["date"],
        "circle": hit.circle,
        "meeting": hit.meeting,
        "path": hit.path,
        "id": "",
        "item": hit.item,
        "text": hit.summary,
        "outcome": result if isinstance(result, str) else "",
        "rule": hit.process,
        "counts": {},
        "review": None,
        "method": hit.process,
        "positions": None,
        "process": hit.process,
        "table": hit.table,
        "data": row["data"],
    }


def _with_outcomes(hits: list[dict[str, Any]], outcomes: list[OutcomeHit]) -> list[dict[str, Any]]:
    """The decisions and the processes' outcomes together, newest meeting first."""
    rows = hits + [_as_decision(o) for o in outcomes]
    # Stable: within one meeting the register's decisions stay before its votes.
    return sorted(rows, key=lambda r: str(r["date"]), reverse=True)


def run(args: argparse.Namespace) -> int:
    """Print the matching decisions; 0 even when none match, 1 when the folder is unusable."""
    archive = common.open_archive(args.dir)
    if archive is None:
        return 1
    table = not (args.json or args.csv) and args.id is None and args.sqlite is None
    with archive:
        wanted = common.filters(args, outcome=args.outcome)
        # A table shows a few columns: fetched alone, without building every hit (the cost
        # of a common word, issue 12); JSON, CSV and the others take whole hits.
        shown = archive.decision_table(wanted) if table else []
        hits = [] if table else archive.decisions(wanted)
        # A vote has no id, outcome of the register or review date: those filters keep
        # decisions only.
        plain = args.outcome is None and args.id is None and args.due is None
        outcomes = archive.outcomes(wanted) if plain and args.sqlite is None else []
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
    rows = _with_outcomes(shown if table else [h.as_dict() for h in hits], outcomes)
    common.emit(
        args,
        rows if args.json or args.csv else _for_table(rows),
        _COLUMNS,
        none=N_("No decisions match."),
        flatten=_flat_with_outcomes if outcomes else _flat,
    )
    return 0
