"""The archive index: a SQLite cache of the minutes' front matter, with FTS5 full-text search.

It is a cache, never the truth. It lives in `<minutes>/.facilitator-index/`
(which holds its own `.gitignore` with `*`, so a shared minutes repository
never commits it); when that folder cannot be written (a read-only share), in
the user cache folder, keyed by a hash of the minutes folder's real path; when
even that fails, in memory for the one run. It is thrown away and rebuilt when
missing, unreadable (not a database, corrupt) or of another schema
(`PRAGMA user_version`).

`sync` brings it up to date by file mtime and size: a new or changed file is
re-read, a deleted one dropped, an unchanged one not opened at all. A
malformed file is recorded with its reason (so it is reported on every run
without being re-read) and otherwise skipped.

Stdlib only: this is on the fast path of `facilitator decisions`.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from facilitator.store.archive_read import MeetingFront

__all__ = [
    "INDEX_DIR_NAME",
    "SCHEMA_VERSION",
    "IndexLocation",
    "Problem",
    "SyncReport",
    "connect",
    "index_location",
    "is_minutes_name",
    "reset",
    "scan",
    "sync",
]

SCHEMA_VERSION = 1
"""Bumped whenever the tables change; an index with another `user_version` is rebuilt."""
INDEX_DIR_NAME = ".facilitator-index"
"""The git-ignored folder inside the minutes folder that holds the index."""
INDEX_FILE_NAME = "index.sqlite3"
"""The database file inside it."""

# Minutes are named YYYY-MM-DD-<circle>-<title>.md (MINUTES_FORMAT.md); anything else in the
# folder (a README, notes) is not minutes and is not reported as malformed.
_MINUTES_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-.*\.md$")

_TABLES = """
CREATE TABLE files (
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL,
    mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, problem TEXT
);
CREATE TABLE meetings (
    file_id INTEGER PRIMARY KEY, title TEXT, circle TEXT, date TEXT, status TEXT, agenda TEXT,
    facilitator TEXT, notetaker TEXT, timekeeper TEXT, present TEXT, absent TEXT
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, seq INTEGER, did TEXT, item TEXT,
    text TEXT, outcome TEXT, rule TEXT, consent INTEGER, concern INTEGER,
    stand_aside INTEGER, object INTEGER, block INTEGER, review TEXT
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


class Problem(NamedTuple):
    """A minutes file that was skipped."""

    path: str
    """The file, relative to the minutes folder."""
    reason: str
    """Why, in plain words."""

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}; skipped"


class SyncReport:
    """What one `sync` did."""

    def __init__(self) -> None:
        self.reindexed: list[str] = []
        """Files read again (new or changed), relative paths."""
        self.removed: list[str] = []
        """Files gone from the folder, dropped from the index."""
        self.problems: list[Problem] = []
        """Every malformed file in the folder (changed or not), in path order."""
        self.rebuilt: str | None = None
        """Why the index was rebuilt from scratch this run (None: it was reused)."""


class IndexLocation(NamedTuple):
    """Where the index for one minutes folder lives."""

    path: Path | None
    """The database file; None means in memory only."""
    note: str | None = None
    """Why it is not in the usual place, for a warning."""


def is_minutes_name(name: str) -> bool:
    """Whether a file name is a shared minutes file (`YYYY-MM-DD-….md`, not `.private.md`)."""
    return _MINUTES_NAME.match(name) is not None and not name.endswith(".private.md")


def scan(folder: Path) -> dict[str, tuple[int, int]]:
    """Shared minutes under `folder`: relative POSIX path -> (mtime_ns, size).

    Hidden folders (`.private/`, the index, `.git`) are never entered, so the
    private record and the journals are never read.
    """
    found: dict[str, tuple[int, int]] = {}
    stack = [(folder, "")]
    while stack:
        here, prefix = stack.pop()
        try:
            entries = list(os.scandir(here))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    stack.append((Path(entry.path), f"{prefix}{name}/"))
                elif is_minutes_name(name) and entry.is_file():
                    st = entry.stat()
                    found[prefix + name] = (st.st_mtime_ns, st.st_size)
            except OSError:
                continue
    return found


def _ignored_dir(folder: Path) -> Path | None:
    """`<folder>/.facilitator-index/` with its `.gitignore`, or None when it cannot be made."""
    where = folder / INDEX_DIR_NAME
    try:
        where.mkdir(exist_ok=True)
        ignore = where / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# The archive index: a cache, rebuilt when missing.\n*\n")
        if not os.access(where, os.W_OK):
            return None
    except OSError:
        return None
    return where


def index_location(folder: Path) -> IndexLocation:
    """Where the index for `folder` lives (see the module docstring for the order tried)."""
    where = _ignored_dir(folder)
    if where is not None:
        return IndexLocation(where / INDEX_FILE_NAME)
    try:
        import hashlib

        from platformdirs import user_cache_dir

        key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:24]
        cache = Path(user_cache_dir("facilitator")) / "archive-index"
        cache.mkdir(parents=True, exist_ok=True)
        return IndexLocation(
            cache / f"{key}.sqlite3", f"{folder} is read-only; the index is kept in {cache}"
        )
    except (OSError, ImportError):
        return IndexLocation(None, f"{folder} is read-only; the index is kept in memory")


def _remove_db(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _open(path: Path | None) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:" if path is None else path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    # A cache: losing the last transaction to a power cut only costs a rebuild.
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.create_function("fold", 1, _fold, deterministic=True)
    return conn


def _fold(text: object) -> str:
    return text.casefold() if isinstance(text, str) else ""


def _create(conn: sqlite3.Connection) -> None:
    conn.executescript(_TABLES)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def connect(location: IndexLocation) -> tuple[sqlite3.Connection, str | None]:
    """An open index of the current schema, and why it was (re)created, if it was."""
    path = location.path
    if path is None:
        return reset(location), "kept in memory"
    reason: str | None = None
    if not path.exists():
        reason = "no index yet"
    else:
        try:
            conn = _open(path)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                conn.execute("SELECT count(*) FROM files").fetchone()
                return conn, None
            conn.close()
            reason = f"index schema {version}, expected {SCHEMA_VERSION}"
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(Exception):
                conn.close()
            reason = f"unreadable index ({exc})"
    return reset(location), reason


def reset(location: IndexLocation) -> sqlite3.Connection:
    """A new, empty index at `location` (any old file there is removed first)."""
    if location.path is not None:
        _remove_db(location.path)
    conn = _open(location.path)
    _create(conn)
    return conn


def _drop_file(conn: sqlite3.Connection, file_id: int) -> None:
    for table in _ROW_TABLES:
        conn.execute(
            f"DELETE FROM {table}_fts WHERE rowid IN (SELECT id FROM {table} WHERE file_id = ?)",
            (file_id,),
        )
        conn.execute(f"DELETE FROM {table} WHERE file_id = ?", (file_id,))
    conn.execute("DELETE FROM talk WHERE file_id = ?", (file_id,))
    conn.execute("DELETE FROM meetings WHERE file_id = ?", (file_id,))


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def _insert(conn: sqlite3.Connection, file_id: int, m: MeetingFront) -> None:
    conn.execute(
        "INSERT INTO meetings VALUES (?,?,?,?,?,?,?,?,?,?,?)",
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
        ),
    )
    for seq, d in enumerate(m.decisions):
        cur = conn.execute(
            "INSERT INTO decisions VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (file_id, seq, d.id, d.item, d.text, d.outcome, d.rule, *d.counts, _iso(d.review)),
        )
        conn.execute(
            "INSERT INTO decisions_fts(rowid, text, item) VALUES (?,?,?)",
            (cur.lastrowid, d.text, d.item),
        )
    for seq, a in enumerate(m.actions):
        cur = conn.execute(
            "INSERT INTO actions VALUES (NULL,?,?,?,?,?,?,?)",
            (file_id, seq, a.what, a.owner, _iso(a.due), a.item, a.status),
        )
        conn.execute(
            "INSERT INTO actions_fts(rowid, what, item) VALUES (?,?,?)",
            (cur.lastrowid, a.what, a.item),
        )
    for seq, k in enumerate(m.conflicts):
        cur = conn.execute(
            "INSERT INTO conflicts VALUES (NULL,?,?,?,?,?,?,?,?,?)",
            (
                file_id,
                seq,
                k.about,
                k.raised_by,
                "\x1f".join(k.parties),
                k.status,
                k.next_step,
                k.owner,
                k.item,
            ),
        )
        conn.execute(
            "INSERT INTO conflicts_fts(rowid, about, next_step, item) VALUES (?,?,?,?)",
            (cur.lastrowid, k.about, k.next_step, k.item),
        )
    conn.executemany(
        "INSERT INTO talk VALUES (?,?,?,?)", [(file_id, t.name, t.turns, t.seconds) for t in m.talk]
    )


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def sync(conn: sqlite3.Connection, folder: Path) -> SyncReport:
    """Bring the index up to date with the minutes under `folder` (see the module docstring)."""
    report = SyncReport()
    on_disk = scan(folder)
    known = {
        path: (fid, mtime, size)
        for fid, path, mtime, size in conn.execute("SELECT id, path, mtime_ns, size FROM files")
    }
    gone = [p for p in known if p not in on_disk]
    changed = [p for p, stat in on_disk.items() if known.get(p, (0, -1, -1))[1:] != stat]
    if gone or changed:
        # Imported only when something changed: a warm query never parses TOML.
        from facilitator.store.archive_read import MalformedMinutes, read_front_matter

        with _transaction(conn):
            for rel in gone:
                _drop_file(conn, known[rel][0])
                conn.execute("DELETE FROM files WHERE id = ?", (known[rel][0],))
            for rel in sorted(changed):
                mtime, size = on_disk[rel]
                if rel in known:
                    fid = known[rel][0]
                    _drop_file(conn, fid)
                else:
                    cur = conn.execute(
                        "INSERT INTO files(path, mtime_ns, size) VALUES (?,?,?)", (rel, mtime, size)
                    )
                    fid = int(cur.lastrowid or 0)
                try:
                    meeting = read_front_matter(folder / rel)
                except MalformedMinutes as exc:
                    problem: str | None = str(exc)
                else:
                    problem = None
                    _insert(conn, fid, meeting)
                conn.execute(
                    "UPDATE files SET mtime_ns = ?, size = ?, problem = ? WHERE id = ?",
                    (mtime, size, problem, fid),
                )
    report.reindexed = sorted(changed)
    report.removed = sorted(gone)
    report.problems = [
        Problem(path, reason)
        for path, reason in conn.execute(
            "SELECT path, problem FROM files WHERE problem IS NOT NULL ORDER BY path"
        )
    ]
    return report
