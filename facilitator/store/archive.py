"""The minutes archive: past decisions, open actions and conflicts, talk time, across meetings.

`Archive.open(folder)` brings the index up to date (see `archive_index`) and
answers queries from it. Filters mean the same for every caller (the
`decisions`, `actions` and `conflicts` commands, `next` and the review app):

- `grep`: every word must start a word of the decision text or its item title
  (action: what, item; conflict: about, next step, item). Case and accents are
  ignored; words may come in any order.
- `circle`: the circle's name contains the text, ignoring case.
- `since` / `until`: the meeting date, both ends included.
- `outcome`: the decision's outcome, exactly.
- `due_within`: decisions adopted (with or without concerns) whose review date
  is on or before today + N days; actions whose due date is.
- `owner`: the owner's name contains the text, ignoring case.
- `status`: actions and conflicts only. An action (or conflict) is matched
  across meetings, and across circles and folders of a network, by its text
  (what + owner; about), ignoring case and runs of spaces, and the latest
  meeting that mentions it (among those `since` and `until` keep: "open as of
  `until`") says where it stands: meeting date, then start time, then file
  name, then path (`meeting_order`). "open" keeps those still open
  (conflicts: open or in-progress); "all" keeps every one. `circle` then
  keeps the entries any meeting of a matching circle spoke of.

Shared minutes only: `.private/` is never read, and confidential entries never
reach shared minutes, so they never reach the index either.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3

from facilitator.store.archive_index import (
    IndexLocation,
    Problem,
    SyncReport,
    index_location,
    open_index,
)
from facilitator.store.archive_rows import (
    ActionHit,
    ConflictHit,
    DecisionHit,
    Filters,
    MeetingHit,
    OutcomeHit,
    TalkHit,
    cited,
    network_id,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 12)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

__all__ = [
    "OUTCOMES",
    "ActionHit",
    "Archive",
    "ConflictHit",
    "DecisionHit",
    "Filters",
    "MeetingHit",
    "OutcomeHit",
    "Problem",
    "TalkHit",
    "cited",
    "fts_query",
    "network_id",
]

COUNT_KEYS = ("consent", "concern", "stand_aside", "object", "block")
"""The count columns (as `archive_read.COUNT_KEYS`; not imported, so queries never load tomllib)."""
OUTCOMES = ("adopted", "adopted-with-concerns", "not-adopted", "deferred", "withdrawn")
"""Decision outcomes, as the minutes write them."""
REVIEWABLE = ("adopted", "adopted-with-concerns")
"""Outcomes whose review date makes them come up for review."""
OPEN_ACTION = ("open",)
"""Action statuses that count as open."""
OPEN_CONFLICT = ("open", "in-progress")
"""Conflict statuses that count as open."""
TABLE_KEYS = ("date", "circle", "outcome", "method", "positions", "review", "text")
"""The keys of a decision that `Archive.decision_table` gives (what a table shows)."""
_UNSEEN: Any = object()

_WORD = re.compile(r"[^\W_]+")


def _starts_words(words: list[str], text: str) -> bool:
    """Whether every one of `words` starts a word of `text` (case ignored), as `grep` means."""
    have = [w.casefold() for w in _WORD.findall(text)]
    return all(any(h.startswith(w) for h in have) for w in words)


def outcome_line(table: str, row: dict[str, Any]) -> tuple[str, str]:
    """(process name, one line) for a row of a process's front-matter table.

    The registry is imported only here, when there is such a row to show, so answering
    from an archive without votes never loads the processes (or pydantic).
    """
    from facilitator.processes import table_owner

    process = table_owner(table)
    if process is None:
        # Written by a process this version does not have: its item, at least.
        return table, str(row.get("item") or table)
    try:
        return process.name, process.outcome_line(table, row)
    except (KeyError, TypeError, ValueError, AttributeError):
        # A hand-edited row missing a key: still listed, never a traceback.
        return process.name, str(row.get("item") or table)


def fts_query(text: str) -> str | None:
    """The FTS5 query for `--grep TEXT`: each word as a quoted prefix, all required.

    Quoting keeps FTS5 operators typed by a user (AND, NEAR, `*`, `"`) literal.
    None when the text holds no word at all (then nothing matches).
    """
    words = _WORD.findall(text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def meeting_order(row: sqlite3.Row) -> tuple[str, str, str, str, int]:
    """Which of two mentions is later: meeting date, then start time (a meeting with none
    counts as the day's earliest), then the file name, then its path; then the entry's
    place in the file. Total, so the latest status never depends on which file came first."""
    path: str = row["path"]
    return (row["date"], row["started"] or "", path.rsplit("/", 1)[-1], path, row["seq"])


def _date(text: str | None) -> dt.date | None:
    return None if not text else dt.date.fromisoformat(text)


class Archive:
    """An up-to-date index over one minutes folder; close it when done."""

    def __init__(
        self,
        folder: str | os.PathLike[str],
        conn: sqlite3.Connection,
        report: SyncReport,
        location: IndexLocation,
    ) -> None:
        self._folder = folder
        self.conn = conn
        """The open index."""
        self.report = report
        """What the opening sync did (re-read files, problems)."""
        self.location = location
        """Where the index lives."""

    @property
    def folder(self) -> Path:
        """The minutes folder (made a `Path` when asked: the fast path never imports pathlib)."""
        from pathlib import Path

        return Path(self._folder)

    @classmethod
    def open(cls, folder: str | os.PathLike[str]) -> Archive:
        """Open (creating or rebuilding as needed) and sync the index of `folder`."""
        location = index_location(folder)
        conn, report = open_index(location, folder)
        return cls(folder, conn, report, location)

    def close(self) -> None:
        """Close the index."""
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- shared filter clauses ---------------------------------------------------------

    def _where(self, f: Filters, table: str) -> tuple[list[str], list[Any]] | None:
        """Clauses over `m` (meetings) and `t` (the row table); None when nothing can match."""
        where: list[str] = []
        args: list[Any] = []
        if f.grep is not None:
            query = fts_query(f.grep)
            if query is None:
                return None
            where.append(f"t.id IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)")
            args.append(query)
        if f.circle:
            where.append("instr(fold(m.circle), ?) > 0")
            args.append(f.circle.casefold())
        if f.since is not None:
            where.append("m.date >= ?")
            args.append(f.since.isoformat())
        if f.until is not None:
            where.append("m.date <= ?")
            args.append(f.until.isoformat())
        return where, args

    def _rows(self, sql: str, where: list[str], args: list[Any], order: str) -> list[sqlite3.Row]:
        text = sql + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY " + order
        self.conn.row_factory = sqlite3.Row
        try:
            return list(self.conn.execute(text, args))
        finally:
            self.conn.row_factory = None

    def _tuples(
        self, sql: str, where: list[str], args: list[Any], order: str
    ) -> tuple[list[tuple[Any, ...]], dict[str, int]]:
        """Like `_rows`, as plain tuples and each column's index (the first of a name wins, as
        with `sqlite3.Row`): building a `Row` and looking names up in it per hit was most of
        a query over thousands of decisions (issue 12)."""
        text = sql + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY " + order
        cursor = self.conn.execute(text, args)
        at: dict[str, int] = {}
        for i, column in enumerate(cursor.description):
            at.setdefault(column[0], i)
        return cursor.fetchall(), at

    # ---- queries ---------------------------------------------------------------------------

    def _decision_rows(
        self, f: Filters, select: str
    ) -> tuple[list[tuple[Any, ...]], dict[str, int]] | None:
        """The columns `select` names (over `m`, `fl` and `t`) of the decisions matching `f`, newest
        meeting first, with each column's index; None when nothing can match."""
        clauses = self._where(f, "decisions")
        if clauses is None:
            return None
        where, args = clauses
        if f.outcome:
            where.append("t.outcome = ?")
            args.append(f.outcome)
        if f.due_within is not None:
            where.append(f"t.outcome IN {REVIEWABLE!r} AND t.review IS NOT NULL AND t.review <= ?")
            args.append((f.today + dt.timedelta(days=f.due_within)).isoformat())
        return self._tuples(
            f"{select} FROM decisions t "
            "JOIN meetings m ON m.file_id = t.file_id JOIN files fl ON fl.id = t.file_id",
            where,
            args,
            "m.date DESC, fl.path, t.seq",
        )

    def decision_table(self, f: Filters) -> list[dict[str, Any]]:
        """What a table of decisions shows, for the decisions matching `f`, newest first:
        of each `DecisionHit.as_dict()`, the keys `TABLE_KEYS`, equal to it there.

        The fast path of `facilitator decisions --grep WORD` on a common word: only the
        columns shown are fetched, dates stay the ISO text the index keeps (what
        `as_dict` turns them back into), and each distinct positions text is decoded once.
        The mappings of `positions` may be shared between rows: read them, do not change them.
        """
        got = self._decision_rows(
            f, "SELECT m.date, m.circle, t.outcome, t.method, t.rule, t.positions, t.review, t.text"
        )
        if got is None:
            return []
        decoded: dict[str, dict[str, int] | None] = {"": None}
        out = []
        for date, circle, outcome, method, rule, positions, review, text in got[0]:
            pos = decoded.get(positions or "", _UNSEEN)
            if pos is _UNSEEN:
                pos = decoded[positions] = json.loads(positions) or None
            out.append(
                {
                    "date": date,
                    "circle": circle,
                    "outcome": outcome,
                    "method": method or rule or "consent",
                    "positions": pos,
                    "review": review or None,
                    "text": text,
                }
            )
        return out

    def decisions(self, f: Filters) -> list[DecisionHit]:
        """Decisions matching `f`, newest meeting first."""
        got = self._decision_rows(f, "SELECT m.date, m.circle, m.title, fl.path, t.*")
        if got is None:
            return []
        rows, at = got
        names = ("date", "circle", "title", "path", "did", "item", "text", "outcome", "rule")
        date, circle, title, path, did, item, text, outcome, rule = (at[k] for k in names)
        review, method, positions = at["review"], at["method"], at["positions"]
        counts = [(k, at[k]) for k in COUNT_KEYS]
        day = dt.date.fromisoformat
        return [
            DecisionHit(
                date=day(r[date]),
                circle=r[circle],
                meeting=r[title],
                path=r[path],
                id=r[did],
                item=r[item],
                text=r[text],
                outcome=r[outcome],
                rule=r[rule],
                counts={k: r[i] for k, i in counts},
                review=_date(r[review]),
                method=r[method] or r[rule] or "consent",
                positions=json.loads(r[positions]) or None if r[positions] else None,
            )
            for r in rows
        ]

    def _latest(
        self, table: str, key_cols: tuple[str, ...], f: Filters
    ) -> list[tuple[sqlite3.Row, dt.date, tuple[str, ...]]]:
        """The latest mention of each entry (by its key columns, across every circle) among
        the meetings `since` and `until` keep, with its first mention's date and the circles
        that spoke of it; then circle, grep and owner on that.

        "Latest" is the total order of `meeting_order`, so a later meeting of any circle,
        in any folder, says where an entry stands, whatever order the files arrived in.
        """
        span = Filters(today=f.today, since=f.since, until=f.until)
        clauses = self._where(span, table)
        assert clauses is not None
        where, args = clauses
        rows = self._rows(
            f"SELECT m.date, m.started, m.circle, m.title, fl.path, t.* FROM {table} t "
            "JOIN meetings m ON m.file_id = t.file_id JOIN files fl ON fl.id = t.file_id",
            where,
            args,
            "m.date",
        )
        rows.sort(key=meeting_order)
        latest: dict[tuple[str, ...], sqlite3.Row] = {}
        first: dict[tuple[str, ...], str] = {}
        circles: dict[tuple[str, ...], dict[str, str]] = {}
        for r in rows:
            key = tuple(" ".join(r[c].split()).casefold() for c in key_cols)
            latest[key] = r
            first.setdefault(key, r["date"])
            circles.setdefault(key, {}).setdefault(r["circle"].casefold(), r["circle"])
        keep: set[int] | None = None
        if f.grep is not None:
            query = fts_query(f.grep)
            if query is None:
                return []
            keep = {
                r[0]
                for r in self.conn.execute(
                    f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?", (query,)
                )
            }
        out = [
            (r, dt.date.fromisoformat(first[k]), tuple(circles[k].values()))
            for k, r in latest.items()
            if keep is None or r["id"] in keep
        ]
        if f.circle:
            # An entry belongs to every circle that spoke of it: the board's action closed by
            # the general circle is still the board's (and shows as closed there too).
            needle = f.circle.casefold()
            out = [x for x in out if any(needle in c.casefold() for c in x[2])]
        if f.owner:
            needle = f.owner.casefold()
            out = [x for x in out if needle in x[0]["owner"].casefold()]
        return out

    @staticmethod
    def _status_ok(status: str, wanted: str, open_set: tuple[str, ...]) -> bool:
        if wanted == "all":
            return True
        if wanted == "open":
            return status in open_set
        return status == wanted

    def actions(self, f: Filters) -> list[ActionHit]:
        """Actions matching `f`, by owner, then due date (none last), then text."""
        hits = [
            ActionHit(
                date=dt.date.fromisoformat(r["date"]),
                circle=r["circle"],
                meeting=r["title"],
                path=r["path"],
                what=r["what"],
                owner=r["owner"],
                due=_date(r["due"]),
                item=r["item"],
                status=r["status"],
                first=first,
                circles=circles,
            )
            for r, first, circles in self._latest("actions", ("what", "owner"), f)
            if self._status_ok(r["status"], f.status, OPEN_ACTION)
        ]
        if f.due_within is not None:
            limit = f.today + dt.timedelta(days=f.due_within)
            hits = [h for h in hits if h.due is not None and h.due <= limit]
        hits.sort(key=lambda h: (h.owner.casefold(), h.due or dt.date.max, h.what.casefold()))
        return hits

    def conflicts(self, f: Filters) -> list[ConflictHit]:
        """Conflicts matching `f`, oldest first (the longest open first)."""
        hits = [
            ConflictHit(
                date=dt.date.fromisoformat(r["date"]),
                circle=r["circle"],
                meeting=r["title"],
                path=r["path"],
                about=r["about"],
                raised_by=r["raised_by"],
                parties=tuple(p for p in r["parties"].split("\x1f") if p),
                status=r["status"],
                next_step=r["next_step"],
                owner=r["owner"],
                item=r["item"],
                first=first,
                circles=circles,
            )
            for r, first, circles in self._latest("conflicts", ("about",), f)
            if self._status_ok(r["status"], f.status, OPEN_CONFLICT)
        ]
        hits.sort(key=lambda h: (h.first, h.circle.casefold(), h.about.casefold()))
        return hits

    def talk(self, circle: str | None = None) -> list[TalkHit]:
        """Talk time per person per meeting, oldest meeting first."""
        where, args = ([], []) if not circle else (["instr(fold(m.circle), ?) > 0"], [circle])
        rows = self._rows(
            "SELECT m.date, m.circle, t.name, t.turns, t.seconds FROM talk t "
            "JOIN meetings m ON m.file_id = t.file_id",
            where,
            [a.casefold() for a in args],
            "m.date, m.file_id",
        )
        return [
            TalkHit(dt.date.fromisoformat(r[0]), r[1], r[2], r[3], r[4])
            for r in (tuple(x) for x in rows)
        ]

    def outcomes(self, f: Filters) -> list[OutcomeHit]:
        """The processes' rows (votes, dot votes, selections) matching `f`'s circle, dates
        and words (every word must start a word of the item or of the process's one line),
        newest meeting first."""
        where: list[str] = []
        args: list[Any] = []
        if f.circle:
            where.append("instr(fold(m.circle), ?) > 0")
            args.append(f.circle.casefold())
        if f.since is not None:
            where.append("m.date >= ?")
            args.append(f.since.isoformat())
        if f.until is not None:
            where.append("m.date <= ?")
            args.append(f.until.isoformat())
        rows = self._rows(
            "SELECT m.date, m.circle, m.title, fl.path, t.tbl, t.item, t.data FROM outcomes t "
            "JOIN meetings m ON m.file_id = t.file_id JOIN files fl ON fl.id = t.file_id",
            where,
            args,
            "m.date DESC, fl.path, t.seq",
        )
        hits = []
        for r in rows:
            data = json.loads(r["data"])
            process, summary = outcome_line(r["tbl"], data)
            hits.append(
                OutcomeHit(
                    date=dt.date.fromisoformat(r["date"]),
                    circle=r["circle"],
                    meeting=r["title"],
                    path=r["path"],
                    process=process,
                    table=r["tbl"],
                    item=r["item"],
                    summary=summary,
                    data=data,
                )
            )
        if f.grep is not None:
            words = [w.casefold() for w in _WORD.findall(f.grep)]
            hits = [h for h in hits if _starts_words(words, f"{h.item} {h.summary}")]
        return hits

    def meetings(self) -> list[MeetingHit]:
        """Every indexed meeting, newest first."""
        rows = self._rows(
            "SELECT m.date, m.circle, m.title, fl.path, m.status FROM meetings m "
            "JOIN files fl ON fl.id = m.file_id",
            [],
            [],
            "m.date DESC, fl.path",
        )
        return [MeetingHit(dt.date.fromisoformat(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def circles(self) -> list[str]:
        """The circles named in the archive, sorted."""
        rows = self.conn.execute("SELECT DISTINCT circle FROM meetings WHERE circle != ''")
        return sorted((r[0] for r in rows), key=str.casefold)
