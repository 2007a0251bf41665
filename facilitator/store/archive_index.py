"""The archive index: a SQLite cache of the minutes' front matter, with FTS5 full-text search.

It is a cache, never the truth. It lives in `<minutes>/.facilitator-index/`
(which holds its own `.gitignore` with `*`, so a shared minutes repository
never commits it); when that folder cannot be written (a read-only share), in
the user cache folder, keyed by a hash of the minutes folder's real path; when
even that fails, in memory for the one run. It is thrown away and rebuilt when
missing, unreadable (not a database, corrupt) or of another schema
(`PRAGMA user_version`), and only then: a busy or locked index is waited for
(busy timeout, write-ahead log), never taken for a broken one. A new index is
built in a temporary file, under a lock that makes the other runs wait, and
renamed into place, so no run sees half of one or has it deleted under it.

`scan` lists each minutes file once and never follows a symbolic link;
front matter is read with a bound (`archive_read`).

`sync` brings it up to date by file mtime and size: a new or changed file is
re-read, a deleted one dropped, an unchanged one not opened at all. A
malformed file is recorded with its reason (so it is reported on every run
without being re-read) and otherwise skipped.

Freshness, and why it is never stale
------------------------------------
Every run lists the folder and stats every minutes file (`scan`). That is the
part that cannot be skipped: a file rewritten in place changes its own mtime
and size, not its folder's, so folder mtimes alone would miss an edit to a file
that is not (yet) a hit, and no cheaper signal exists without a daemon. What
the warm path skips is everything after the stats: the index keeps, in table
`state`, the *listing* — the exact text of its `files` rows, path -> (mtime_ns,
size), `_listing` — and a run whose scan gives the same text does nothing
else (no loading of 5,000 rows, no diff). The argument:

1. Invariant: when `state.listing` exists it equals `_listing` of the `files`
   table and no row is *racy* (below). Every change to `files` happens in one
   transaction that ends by writing the listing of the resulting rows, or
   deleting it when a racy row remains; readers see both or neither.
2. `_listing` is injective (a Python literal that reads back to the same
   mapping), so an equal listing means the table and the disk agree
   on every file's (path, mtime_ns, size): exactly the case in which the full
   comparison (`_diff`) finds nothing to do. The warm path answers what the
   full path would.
3. Coarse clocks: a file rewritten within its file system's timestamp
   granularity (2 s on FAT, 1 s on some SMB shares and ext3, a kernel tick on
   ext4) may keep the same mtime, and the same size, after a real change. So a
   file whose mtime was within `RACY_NS` (2 s) of the clock when it was read,
   or ahead of it, is recorded as racy, with a digest of what was read from
   it. A racy row keeps the listing away (1.), so every run re-reads that file
   until it is read at least 2 s after its mtime: then any later write gets a
   newer mtime and is seen by its stat. A re-read whose digest is unchanged is
   not a change (not reported, rows kept). Files written by another machine
   whose clock runs more than 2 s behind this one's are the one gap: their
   mtimes look older than they are.

`FACILITATOR_INDEX_JOBS` sets how many processes parse TOML when many files
changed (the cold build): unset or 0 picks the available cores, 1 is serial;
a single writer inserts the rows, batched, in one transaction.

Stdlib only: this is on the fast path of `facilitator decisions`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from facilitator.i18n import N_, _
from facilitator.store.archive_reason import Reason

if TYPE_CHECKING:
    from facilitator.store.archive_read import MeetingFront

    _Read = tuple[tuple[int, int], MeetingFront | Reason] | None

__all__ = [
    "INDEX_DIR_NAME",
    "SCHEMA_VERSION",
    "IndexLocation",
    "Problem",
    "Scan",
    "SyncReport",
    "conflict_copy",
    "index_location",
    "is_corrupt",
    "is_minutes_name",
    "open_index",
    "scan",
    "sync",
]

SCHEMA_VERSION = 6
"""Bumped whenever the tables change; an index with another `user_version` is rebuilt.

2: `files.racy` and `state`, for the warm path; 3: `meetings.started`, which
orders the meetings of one day; 4: `outcomes`, the processes' rows (votes…); 5: the
decisions' `method` and `positions` (JSON); 6: `files.problem` holds a reason's English
message id and values (JSON, `archive_reason`), translated when shown, not its English text.
"""
INDEX_DIR_NAME = ".facilitator-index"
"""The git-ignored folder inside the minutes folder that holds the index."""
INDEX_FILE_NAME = "index.sqlite3"
"""The database file inside it."""
RACY_NS = 2_000_000_000
"""A file read less than this after its mtime is re-read until it is not (the module docstring,
3.): the coarsest timestamps in use (FAT) are 2 s apart."""
PARALLEL_MIN = 300
"""Fewer changed files than this are parsed in this process: starting workers costs more."""
JOBS_ENV = "FACILITATOR_INDEX_JOBS"
"""Environment variable: parser processes for big syncs (0 or unset: the available cores)."""

# Minutes are named YYYY-MM-DD-<circle>-<title>.md (MINUTES_FORMAT.md); anything else in the
# folder (a README, notes) is not minutes and is not reported as malformed.
_MINUTES_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-.*\.md$")
# Conflict copies that sync tools leave beside a file both sides changed: Syncthing's
# `name.sync-conflict-20261124-101500-ABCDEFG.md`, Dropbox's `name (Ana's conflicted copy
# 2026-11-24).md`. They would double every decision, so they are noted and not read.
_SYNCTHING_COPY = re.compile(r"\.sync-conflict-\d{8}-\d{6}(?:-[A-Za-z0-9]+)?\.md$")
_DROPBOX_COPY = re.compile(r"\(.*conflicted copy.*\)", re.IGNORECASE)
_LINK_NOTE = Reason(
    N_("is a symbolic link; not followed (only the files inside the folder are read)")
)
_COPY_NOTE = N_("is a {tool} conflict copy; not read (merge it into the original and delete it)")

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


class Problem(NamedTuple):
    """A minutes file that was skipped."""

    path: str
    """The file, relative to the minutes folder."""
    why: Reason
    """Why, in no language (as the index keeps it)."""

    @property
    def reason(self) -> str:
        """Why, in plain words of the language in force."""
        return str(self.why)

    def __str__(self) -> str:
        return _("{path}: {reason}; skipped").format(path=self.path, reason=self.reason)


class SyncReport:
    """What one `sync` did."""

    def __init__(self) -> None:
        self.reindexed: list[str] = []
        """Files read again (new or changed), relative paths."""
        self.removed: list[str] = []
        """Files gone from the folder, dropped from the index."""
        self.problems: list[Problem] = []
        """Every malformed file in the folder (changed or not), in path order."""
        self.skipped: list[Problem] = []
        """Entries left alone on purpose (symbolic links, hard links, conflict copies)."""
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


def conflict_copy(name: str) -> str | None:
    """The sync tool that made `name` a conflict copy ("Syncthing", "Dropbox"), or None."""
    if _SYNCTHING_COPY.search(name):
        return "Syncthing"
    if _DROPBOX_COPY.search(name):
        return "Dropbox"
    return None


def _links_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows the link, once
    except OSError:
        return True  # a loop (ELOOP) or an unreadable target: worth a note either way


def _drop_hard_links(
    folder: Path,
    found: dict[str, tuple[int, int]],
    twins: list[tuple[str, str]],
    skipped: list[Problem],
) -> None:
    """Keep one name (the first in path order) of each file that has several (hard links)."""
    names: dict[tuple[int, int], set[str]] = {}
    for pair in twins:
        for rel in pair:
            try:
                st = os.lstat(folder / rel)
            except OSError:
                continue
            # Some file systems report inode 0 for everything: no hard links can be told there.
            if st.st_ino:
                names.setdefault((st.st_dev, st.st_ino), set()).add(rel)
    for same in names.values():
        first, *others = sorted(same)
        for rel in others:
            found.pop(rel, None)
            why = Reason(N_("is the same file as {first} (a hard link)"), (("first", first),))
            skipped.append(Problem(rel, why))


class Scan(NamedTuple):
    """What `scan` found."""

    files: dict[str, tuple[int, int]]
    """Minutes to index: relative POSIX path -> (mtime_ns, size)."""
    skipped: list[Problem]
    """Entries left alone on purpose (links, second names, conflict copies), to note."""


def scan(folder: Path) -> Scan:
    """Shared minutes under `folder`, each file once.

    Hidden folders (`.private/`, the index, `.git`) are never entered, so the
    private record and the journals are never read. Symbolic links are never
    followed (a link can arrive through a shared repository and point out of
    the folder or back into it); a folder reached twice (a bind mount) is
    entered once, and a file with two names (a hard link) is read under the
    first name in path order.
    """
    found: dict[str, tuple[int, int]] = {}
    # inode -> first path seen with it; one dict operation per file keeps the warm path fast.
    inodes: dict[int, str] = {}
    twins: list[tuple[str, str]] = []
    skipped: list[Problem] = []
    seen_dirs: set[tuple[int, int]] = set()
    with contextlib.suppress(OSError):
        st = os.stat(folder)
        seen_dirs.add((st.st_dev, st.st_ino))
    stack = [(folder, "")]
    minutes_name = _MINUTES_NAME.match
    while stack:
        here, prefix = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = list(it)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                # The common case first, with the type scandir already knows: a real file.
                # The name tests are `is_minutes_name` inlined: this loop runs once per file
                # on every warm run, next to the one stat that cannot be skipped.
                if entry.is_file(follow_symlinks=False):
                    if not (minutes_name(name) and not name.endswith(".private.md")):
                        continue
                    rel = prefix + name
                    if ("sync-conflict" in name or "onflicted" in name) and (
                        tool := conflict_copy(name)
                    ):
                        skipped.append(Problem(rel, Reason(_COPY_NOTE, (("tool", tool),))))
                        continue
                    st = entry.stat(follow_symlinks=False)
                    found[rel] = (st.st_mtime_ns, st.st_size)
                    if inodes.setdefault(st.st_ino, rel) is not rel:
                        twins.append((inodes[st.st_ino], rel))
                elif entry.is_dir(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    if (st.st_dev, st.st_ino) not in seen_dirs:
                        seen_dirs.add((st.st_dev, st.st_ino))
                        stack.append((Path(entry.path), f"{prefix}{name}/"))
                elif entry.is_symlink() and (is_minutes_name(name) or _links_to_folder(entry)):
                    skipped.append(Problem(prefix + name, _LINK_NOTE))
            except OSError:
                continue
    if twins:
        _drop_hard_links(folder, found, twins, skipped)
    skipped.sort()
    return Scan(found, skipped)


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
            cache / f"{key}.sqlite3",
            _("{folder} is read-only; the index is kept in {cache}").format(
                folder=folder, cache=cache
            ),
        )
    except (OSError, ImportError):
        return IndexLocation(
            None, _("{folder} is read-only; the index is kept in memory").format(folder=folder)
        )


BUSY_TIMEOUT_MS = 60_000
"""How long a run waits for another run's write to the index before giving up."""


def _open(path: Path | None) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:" if path is None else path, isolation_level=None)
    # Other runs (a second terminal, the review app, a script) may be writing: wait for
    # them rather than take "database is locked" for a broken index.
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # A cache: losing the last transaction to a power cut only costs a rebuild.
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.create_function("fold", 1, _fold, deterministic=True)
    return conn


def _fold(text: object) -> str:
    return text.casefold() if isinstance(text, str) else ""


def _create(conn: sqlite3.Connection) -> None:
    conn.executescript(_TABLES)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


_CORRUPT_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_MOVED_CODES = (1032, 520)  # SQLITE_READONLY_DBMOVED, SQLITE_IOERR_VNODE: the file was replaced


def is_corrupt(exc: sqlite3.Error) -> bool:
    """Whether `exc` means the index itself is broken (rebuild), not busy or locked (wait)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _CORRUPT_CODES:
        return True
    # Tables missing from a file of the right version: damaged, as good as corrupt.
    text = str(exc)
    return "no such table" in text or "no such column" in text or "malformed" in text


def _moved(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code in _MOVED_CODES


def _try_open(path: Path) -> tuple[sqlite3.Connection | None, str | None]:
    """The index at `path` if usable, else None and why; busy or locked errors propagate."""
    if not path.exists():
        return None, "no index yet"
    conn: sqlite3.Connection | None = None
    try:
        conn = _open(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            conn.close()
            return None, f"index schema {version}, expected {SCHEMA_VERSION}"
        conn.execute("SELECT count(*) FROM files").fetchone()
        # Write-ahead logging lets runs read while another writes. Indexes built before it
        # are switched over; when that cannot be done now (another run has it open), later.
        with contextlib.suppress(sqlite3.OperationalError):
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
        return conn, None
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        if not is_corrupt(exc):
            raise
        return None, f"unreadable index ({exc})"


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """Hold `<index>.lock` exclusively: one run builds the index while the others wait."""
    try:
        fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield  # no lock file possible: build anyway, the rename keeps it safe enough
        return
    try:
        with contextlib.suppress(OSError):  # a file system without locks (some network shares)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _build(path: Path, folder: Path, reason: str) -> SyncReport | None:
    """Build a new index of `folder` in a temporary file and rename it to `path`.

    The report of that build, or None when another run built or repaired the
    index while this one waited for the lock (then there is nothing to do).
    The index is never deleted under another run: the old file, if any, is
    only replaced once the new one is complete, so a reader sees one or the other.
    """
    with _build_lock(path):
        usable, _why = _try_open(path)
        if usable is not None:
            usable.close()
            return None
        # Temp files of a killed build; nobody else builds while we hold the lock.
        for stale in path.parent.glob(f"{path.name}.*.tmp*"):
            with contextlib.suppress(OSError):
                stale.unlink()
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        conn = _open(tmp)
        try:
            # A private file until renamed: no journal needed while filling it.
            conn.execute("PRAGMA journal_mode = OFF")
            _create(conn)
            report = sync(conn, folder)
            conn.execute("PRAGMA journal_mode = WAL")  # persistent: every later opener uses it
        finally:
            conn.close()
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        if reason != "no index yet":
            # The old index is unusable; its log files would be replayed into the new one.
            for suffix in ("-journal", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{path}{suffix}")
        os.replace(tmp, path)
    return report


def open_index(location: IndexLocation, folder: Path) -> tuple[sqlite3.Connection, SyncReport]:
    """The index at `location`, built when missing or broken, and synced with `folder`.

    Safe with other runs at the same time: they wait for each other (SQLite's
    busy timeout, WAL, a lock around building), and only an index that is
    really corrupt or of another schema is rebuilt, never one that is busy.
    """
    path = location.path
    if path is None:
        memory = _open(None)
        _create(memory)
        report = sync(memory, folder)
        report.rebuilt = "kept in memory"
        return memory, report
    rebuilt: str | None = None
    built: SyncReport | None = None
    for _attempt in range(4):
        try:
            conn, reason = _try_open(path)
            if conn is not None:
                try:
                    report = sync(conn, folder)
                except sqlite3.DatabaseError as exc:
                    conn.close()
                    if not is_corrupt(exc):
                        raise
                    # Corruption found only while reading or writing rows.
                    reason = f"unreadable index ({exc})"
                else:
                    if built is not None:
                        report.reindexed = sorted({*built.reindexed, *report.reindexed})
                    report.rebuilt = rebuilt
                    return conn, report
        except sqlite3.DatabaseError as exc:
            if not _moved(exc):
                raise
            continue  # another run replaced the file under us: open the new one
        assert reason is not None
        fresh = _build(path, folder, reason)
        if fresh is not None:
            rebuilt, built = reason, fresh
    raise sqlite3.DatabaseError(
        _("{path}: the index keeps changing under this run; try again").format(path=path)
    )


def _drop_files(conn: sqlite3.Connection, file_ids: list[int]) -> None:
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


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


def _insert(conn: sqlite3.Connection, fronts: list[tuple[int, MeetingFront]]) -> None:
    """Insert the rows of many meetings: one `executemany` per table.

    Row ids are given here (the next free ones; the caller holds the write lock),
    so that each full-text row can name its row without a round trip per row.
    """
    meetings, talk = [], []
    outcomes: list[tuple[int, int, str, str, str]] = []
    decisions, decisions_fts = [], []
    actions, actions_fts = [], []
    conflicts, conflicts_fts = [], []
    did, aid, cid = (_next_id(conn, t) for t in _ROW_TABLES)
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


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class _Known(NamedTuple):
    """One `files` row."""

    id: int
    """Its id."""
    mtime_ns: int
    """The mtime recorded when it was read."""
    size: int
    """The size recorded when it was read."""
    racy: bytes | None
    """The digest of what was read, when it was read too soon after its mtime; else None."""


def _known(conn: sqlite3.Connection) -> dict[str, _Known]:
    return {
        path: _Known(fid, mtime, size, racy)
        for fid, path, mtime, size, racy in conn.execute(
            "SELECT id, path, mtime_ns, size, racy FROM files"
        )
    }


def _listing(files: dict[str, tuple[int, int]]) -> bytes:
    """The exact text of a path -> (mtime_ns, size) mapping, in its order.

    `repr` of a dict of str keys and int pairs is a Python literal that reads back
    to the same dict (strings are escaped, undecodable names included), so two
    listings are equal only when the mappings and their orders are. The order is
    the scan's, which is the same for an unchanged folder: no sort on the warm path,
    and an order that differs only costs one full comparison.
    """
    return repr(files).encode("ascii", "backslashreplace")


def _stored_listing(conn: sqlite3.Connection) -> bytes | None:
    row = conn.execute("SELECT value FROM state WHERE key = 'listing'").fetchone()
    return None if row is None else bytes(row[0])


def _diff(
    known: dict[str, _Known], on_disk: dict[str, tuple[int, int]]
) -> tuple[list[str], list[str]]:
    """(gone, to read): files no longer there; new, changed or racy files."""
    gone = sorted(p for p in known if p not in on_disk)
    stale = []
    for path, stat in on_disk.items():
        k = known.get(path)
        if k is None or (k.mtime_ns, k.size) != stat or k.racy is not None:
            stale.append(path)
    return gone, sorted(stale)


def _digest(result: MeetingFront | Reason) -> bytes:
    """What a read gave, in 32 bytes: the rows are NamedTuples of text, numbers and dates,
    so their repr is exact and stable."""
    import hashlib

    return hashlib.blake2b(repr(result).encode("utf-8", "surrogatepass"), digest_size=32).digest()


def _jobs(count: int) -> int:
    """How many processes should parse `count` files (1: this one)."""
    try:
        wanted = int(os.environ.get(JOBS_ENV, "0") or 0)
    except ValueError:
        wanted = 0
    if wanted == 1 or count < PARALLEL_MIN:
        return 1
    if wanted <= 0:
        try:
            wanted = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            wanted = os.cpu_count() or 1
    return max(1, min(wanted, 8, count // (PARALLEL_MIN // 2)))


def _read_chunk(folder: str, rels: list[str]) -> list[_Read]:
    """Worker: `read_minutes` of each of `rels` (module level, so it can be sent to a process)."""
    from facilitator.store.archive_read import read_minutes

    return [read_minutes(Path(folder) / rel) for rel in rels]


def _read_all(folder: Path, rels: list[str]) -> dict[str, _Read]:
    """`read_minutes` of each of `rels`: in worker processes when there are many.

    TOML parsing is most of a cold build; a pool parses while this process only
    inserts. Workers are spawned, not forked: a caller may have threads (the
    review app), and a fork copies their locks mid-use. Any failure of the pool
    (no processes allowed, a worker killed) falls back to reading here.
    """
    jobs = _jobs(len(rels))
    if jobs > 1:
        try:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # Interleaved chunks: the files of one year tend to be alike in size.
            chunks = [rels[i :: jobs * 4] for i in range(jobs * 4)]
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
                results = list(pool.map(_read_chunk, [str(folder)] * len(chunks), chunks))
        except (OSError, RuntimeError, ImportError):  # BrokenProcessPool is a RuntimeError
            pass
        else:
            out: dict[str, _Read] = {}
            for chunk, got in zip(chunks, results, strict=True):
                out.update(zip(chunk, got, strict=True))
            return out
    from facilitator.store.archive_read import read_minutes

    return {rel: read_minutes(folder / rel) for rel in rels}


def sync(conn: sqlite3.Connection, folder: Path) -> SyncReport:
    """Bring the index up to date with the minutes under `folder` (see the module docstring)."""
    report = SyncReport()
    found = scan(folder)
    report.skipped = found.skipped
    if _stored_listing(conn) != _listing(found.files):
        report.removed, report.reindexed = _update(conn, folder, dict(found.files))
    report.problems = [
        Problem(path, Reason.from_text(reason))
        for path, reason in conn.execute(
            "SELECT path, problem FROM files WHERE problem IS NOT NULL ORDER BY path"
        )
    ]
    return report


def _update(
    conn: sqlite3.Connection, folder: Path, on_disk: dict[str, tuple[int, int]]
) -> tuple[list[str], list[str]]:
    """The full comparison: drop gone files, read new and changed ones; (gone, re-read)."""
    # Taken before any file is read, so "read at least RACY_NS after its mtime" only errs
    # on the safe side.
    now = time.time_ns()
    _, stale = _diff(_known(conn), on_disk)
    # Files are read before the write lock is taken, so other runs wait only for the
    # inserts. The stat recorded is the one taken while reading: a file that changes
    # afterwards differs from it and is read again next time.
    read = _read_all(folder, stale)
    with _transaction(conn):
        # Another run may have synced between our first look and the lock: look again.
        known = _known(conn)
        gone, stale = _diff(known, on_disk)
        _drop_files(conn, [known[rel].id for rel in gone])
        conn.executemany("DELETE FROM files WHERE id = ?", [(known[rel].id,) for rel in gone])
        state = {rel: (k.mtime_ns, k.size) for rel, k in known.items() if rel in on_disk}
        racy = {rel for rel, k in known.items() if rel in on_disk and k.racy is not None}
        reread: list[str] = []
        dropped: list[int] = []
        fronts: list[tuple[int, MeetingFront]] = []
        rows: list[tuple[int, int, str | None, bytes | None, int]] = []
        new: list[tuple[int, str, int, int, str | None, bytes | None]] = []
        next_file = _next_id(conn, "files")
        for rel in stale:
            # Not read yet when it changed between our first look and the lock: read it now.
            got = read[rel] if rel in read else _read_all(folder, [rel])[rel]
            if got is None:
                continue  # gone since the scan: the next scan drops it
            (mtime, size), result = got
            digest = _digest(result) if mtime > now - RACY_NS else None
            old = known.get(rel)
            if old is not None and old.racy is not None and old.racy == _digest(result):
                # Re-read only for being racy, and the same as before: no change. The mark
                # goes once the read came late enough after the mtime.
                conn.execute(
                    "UPDATE files SET mtime_ns = ?, size = ?, racy = ? WHERE id = ?",
                    (mtime, size, digest, old.id),
                )
            else:
                reread.append(rel)
                problem = result.to_text() if isinstance(result, Reason) else None
                if old is not None:
                    fid = old.id
                    dropped.append(fid)
                    rows.append((mtime, size, problem, digest, fid))
                else:
                    fid = next_file
                    next_file += 1
                    new.append((fid, rel, mtime, size, problem, digest))
                if not isinstance(result, Reason):
                    fronts.append((fid, result))
            state[rel] = (mtime, size)
            racy.discard(rel)
            if digest is not None:
                racy.add(rel)
        _drop_files(conn, dropped)
        conn.executemany(
            "UPDATE files SET mtime_ns = ?, size = ?, problem = ?, racy = ? WHERE id = ?", rows
        )
        conn.executemany("INSERT INTO files VALUES (?,?,?,?,?,?)", new)
        _insert(conn, fronts)
        # The invariant of the module docstring (1.): the listing of exactly these rows, and
        # only while none of them is racy.
        if racy:
            conn.execute("DELETE FROM state WHERE key = 'listing'")
        else:
            listed = {rel: state[rel] for rel in on_disk if rel in state}  # the scan's order
            conn.execute("INSERT OR REPLACE INTO state VALUES ('listing', ?)", (_listing(listed),))
    return gone, reread
