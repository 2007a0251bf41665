"""The archive index's tables: their schema, and writing and dropping one meeting's rows.

Stdlib only: this is on the fast path of `facilitator decisions` (only the schema
version is needed there; the writers run when files changed).
"""

from __future__ import annotations

import json
import sqlite3

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 12)
if TYPE_CHECKING:
    from facilitator.store.archive_read import MeetingFront

__all__ = ["SCHEMA_VERSION", "create_tables", "drop_files", "insert", "next_id"]

SCHEMA_VERSION = 6
"""Bumped whenever the tables change; an index with another `user_version` is rebuilt.

2: `files.racy` and `state`, for the warm path; 3: `meetings.started`, which
orders the meetings of one day; 4: `outcomes`, the processes' rows (votes…); 5: the
decisions' `method` and `positions` (JSON); 6: `files.problem` holds a reason's English
message id and values (JSON, `archive_reason`), translated when shown, not its English text.
"""

_TABLES = """
CREATE TABLE files (
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL,
    mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, problem TEXT, racy BLOB
);
CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE meetings (
    file_id INTEGER PRIMARY KEY, title TEXT, circle TEXT, date TEXT, status TEXT, agenda TEXT,
    facilitator TEXT, notetaker TEXT, timekeeper TEXT, present TEXT, absent TEXT, started TEXT
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, seq INTEGER, did TEXT, item TEXT,
    text TEXT, outcome TEXT, rule TEXT, consent INTEGER, concern INTEGER,
    stand_aside INTEGER, object INTEGER, block INTEGER, review TEXT, method TEXT, positions TEXT
);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, seq INTEGER, what TEXT, owner TEXT,
    due TEXT, item TEXT, status TEXT
);
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, seq INTEGER, about TEXT, raised_by TEXT,
    parties TEXT, status TEXT, next_step TEXT, owner TEXT, item TEXT
);
CREATE TABLE talk (file_id INTEGER NOT NULL, name TEXT, turns INTEGER, seconds INTEGER);
CREATE TABLE outcomes (
    file_id INTEGER NOT NULL, seq INTEGER, tbl TEXT, item TEXT, data TEXT
);
CREATE INDEX outcomes_file ON outcomes(file_id);
CREATE INDEX decisions_file ON decisions(file_id);
CREATE INDEX actions_file ON actions(file_id);
CREATE INDEX conflicts_file ON conflicts(file_id);
CREATE INDEX talk_file ON talk(file_id);
CREATE INDEX meetings_date ON meetings(date);
CREATE VIRTUAL TABLE decisions_fts USING fts5(text, item, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE actions_fts USING fts5(what, item, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE conflicts_fts USING fts5(
    about, next_step, item, tokenize='unicode61 remove_diacritics 2'
);
"""
_ROW_TABLES = ("decisions", "actions", "conflicts")


def create_tables(conn: sqlite3.Connection) -> None:
    """Make the tables of an empty index and mark it with `SCHEMA_VERSION`."""
    conn.executescript(_TABLES)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def drop_files(conn: sqlite3.Connection, file_ids: list[int]) -> None:
    """Delete the rows of `file_ids` (not their `files` rows)."""
    ids = [(i,) for i in file_ids]
    for table in _ROW_TABLES:
        conn.executemany(
            f"DELETE FROM {table}_fts WHERE rowid IN (SELECT id FROM {table} WHERE file_id = ?)",
            ids,
        )
        conn.executemany(f"DELETE FROM {table} WHERE file_id = ?", ids)
    conn.executemany("DELETE FROM talk WHERE file_id = ?", ids)
    conn.executemany("DELETE FROM outcomes WHERE file_id = ?", ids)
    conn.executemany("DELETE FROM meetings WHERE file_id = ?", ids)


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def next_id(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


def insert(conn: sqlite3.Connection, fronts: list[tuple[int, MeetingFront]]) -> None:
    """Insert the rows of many meetings: one `executemany` per table.

    Row ids are given here (the next free ones; the caller holds the write lock),
    so that each full-text row can name its row without a round trip per row.
    """
    meetings, talk = [], []
    outcomes: list[tuple[int, int, str, str, str]] = []
    decisions, decisions_fts = [], []
    actions, actions_fts = [], []
    conflicts, conflicts_fts = [], []
    did, aid, cid = (next_id(conn, t) for t in _ROW_TABLES)
    for file_id, m in fronts:
        meetings.append(
            (
                file_id,
                m.title,
                m.circle,
                m.date.isoformat(),
                m.status,
                m.agenda,
                m.facilitator,
                m.notetaker,
                m.timekeeper,
                "\x1f".join(m.present),
                "\x1f".join(m.absent),
                # Fixed width (microseconds always written), so text order is time order.
                None if m.started is None else m.started.isoformat(timespec="microseconds"),
            )
        )
        for seq, d in enumerate(m.decisions):
            decisions.append(
                (
                    did,
                    file_id,
                    seq,
                    d.id,
                    d.item,
                    d.text,
                    d.outcome,
                    d.rule,
                    *d.counts,
                    _iso(d.review),
                    d.method,
                    json.dumps(dict(d.positions), ensure_ascii=False),
                )
            )
            decisions_fts.append((did, d.text, d.item))
            did += 1
        for seq, a in enumerate(m.actions):
            actions.append((aid, file_id, seq, a.what, a.owner, _iso(a.due), a.item, a.status))
            actions_fts.append((aid, a.what, a.item))
            aid += 1
        for seq, k in enumerate(m.conflicts):
            conflicts.append(
                (
                    cid,
                    file_id,
                    seq,
                    k.about,
                    k.raised_by,
                    "\x1f".join(k.parties),
                    k.status,
                    k.next_step,
                    k.owner,
                    k.item,
                )
            )
            conflicts_fts.append((cid, k.about, k.next_step, k.item))
            cid += 1
        talk += [(file_id, t.name, t.turns, t.seconds) for t in m.talk]
        outcomes += [(file_id, seq, o.table, o.item, o.data) for seq, o in enumerate(m.outcomes)]
    conn.executemany("INSERT INTO meetings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", meetings)
    conn.executemany("INSERT INTO decisions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", decisions)
    conn.executemany("INSERT INTO decisions_fts(rowid, text, item) VALUES (?,?,?)", decisions_fts)
    conn.executemany("INSERT INTO actions VALUES (?,?,?,?,?,?,?,?)", actions)
    conn.executemany("INSERT INTO actions_fts(rowid, what, item) VALUES (?,?,?)", actions_fts)
    conn.executemany("INSERT INTO conflicts VALUES (?,?,?,?,?,?,?,?,?,?)", conflicts)
    conn.executemany(
        "INSERT INTO conflicts_fts(rowid, about, next_step, item) VALUES (?,?,?,?)", conflicts_fts
    )
    conn.executemany("INSERT INTO talk VALUES (?,?,?,?)", talk)
    conn.executemany("INSERT INTO outcomes VALUES (?,?,?,?,?)", outcomes)
