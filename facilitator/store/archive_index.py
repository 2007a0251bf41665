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

Stdlib only: this is on the fast path of `facilitator decisions`.
"""

from __future__ import annotations

import contextlib
import fcntl
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

SCHEMA_VERSION = 2
"""Bumped (2: `meetings.started`, which orders meetings of one day) whenever the tables change; an index with another `user_version` is rebuilt."""
INDEX_DIR_NAME = ".facilitator-index"
"""The git-ignored folder inside the minutes folder that holds the index."""
INDEX_FILE_NAME = "index.sqlite3"
"""The database file inside it."""

# Minutes are named YYYY-MM-DD-<circle>-<title>.md (MINUTES_FORMAT.md); anything else in the
# folder (a README, notes) is not minutes and is not reported as malformed.
_MINUTES_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-.*\.md$")
# Conflict copies that sync tools leave beside a file both sides changed: Syncthing's
# `name.sync-conflict-20261124-101500-ABCDEFG.md`, Dropbox's `name (Ana's conflicted copy
# 2026-11-24).md`. They would double every decision, so they are noted and not read.
_SYNCTHING_COPY = re.compile(r"\.sync-conflict-\d{8}-\d{6}(?:-[A-Za-z0-9]+)?\.md$")
_DROPBOX_COPY = re.compile(r"\(.*conflicted copy.*\)", re.IGNORECASE)
_LINK_NOTE = "is a symbolic link; not followed (only the files inside the folder are read)"
_COPY_NOTE = "is a {tool} conflict copy; not read (merge it into the original and delete it)"

_TABLES = """
CREATE TABLE files (
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL,
    mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, problem TEXT
);
CREATE TABLE meetings (
    file_id INTEGER PRIMARY KEY, title TEXT, circle TEXT, date TEXT, status TEXT, agenda TEXT,
    facilitator TEXT, notetaker TEXT, timekeeper TEXT, present TEXT, absent TEXT, started TEXT
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
            skipped.append(Problem(rel, f"is the same file as {first} (a hard link)"))


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
                if entry.is_file(follow_symlinks=False):
                    if not is_minutes_name(name):
                        continue
                    rel = prefix + name
                    if ("sync-conflict" in name or "onflicted" in name) and (
                        tool := conflict_copy(name)
                    ):
                        skipped.append(Problem(rel, _COPY_NOTE.format(tool=tool)))
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
            cache / f"{key}.sqlite3", f"{folder} is read-only; the index is kept in {cache}"
        )
    except (OSError, ImportError):
        return IndexLocation(None, f"{folder} is read-only; the index is kept in memory")


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
        usable, _ = _try_open(path)
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
    for _ in range(4):
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
    raise sqlite3.DatabaseError(f"{path}: the index keeps changing under this run; try again")


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
        "INSERT INTO meetings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
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


def _known(conn: sqlite3.Connection) -> dict[str, tuple[int, int, int]]:
    return {
        path: (fid, mtime, size)
        for fid, path, mtime, size in conn.execute("SELECT id, path, mtime_ns, size FROM files")
    }


def _diff(
    known: dict[str, tuple[int, int, int]], on_disk: dict[str, tuple[int, int]]
) -> tuple[list[str], list[str]]:
    gone = sorted(p for p in known if p not in on_disk)
    changed = sorted(p for p, stat in on_disk.items() if known.get(p, (0, -1, -1))[1:] != stat)
    return gone, changed


def sync(conn: sqlite3.Connection, folder: Path) -> SyncReport:
    """Bring the index up to date with the minutes under `folder` (see the module docstring)."""
    report = SyncReport()
    found = scan(folder)
    report.skipped = found.skipped
    on_disk = dict(found.files)
    gone, changed = _diff(_known(conn), on_disk)
    if gone or changed:
        # Imported only when something changed: a warm query never parses TOML.
        from facilitator.store.archive_read import read_minutes

        # Files are read before the write lock is taken, so other runs wait only for the
        # inserts. The stat recorded is the one taken while reading: a file that changes
        # afterwards differs from it and is read again next time.
        read = {}
        for rel in changed:
            got = read_minutes(folder / rel)
            if got is None:
                del on_disk[rel]  # gone since the scan
            else:
                read[rel] = got
        with _transaction(conn):
            # Another run may have synced between our first look and the lock: look again.
            known = _known(conn)
            gone, changed = _diff(known, on_disk)
            for rel in gone:
                _drop_file(conn, known[rel][0])
                conn.execute("DELETE FROM files WHERE id = ?", (known[rel][0],))
            for rel in changed:
                got = read.get(rel) or read_minutes(folder / rel)
                if got is None:
                    continue
                (mtime, size), result = got
                if rel in known:
                    fid = known[rel][0]
                    _drop_file(conn, fid)
                else:
                    cur = conn.execute(
                        "INSERT INTO files(path, mtime_ns, size) VALUES (?,?,?)", (rel, mtime, size)
                    )
                    fid = int(cur.lastrowid or 0)
                problem: str | None = result if isinstance(result, str) else None
                if not isinstance(result, str):
                    _insert(conn, fid, result)
                conn.execute(
                    "UPDATE files SET mtime_ns = ?, size = ?, problem = ? WHERE id = ?",
                    (mtime, size, problem, fid),
                )
    report.reindexed = changed
    report.removed = gone
    report.problems = [
        Problem(path, reason)
        for path, reason in conn.execute(
            "SELECT path, problem FROM files WHERE problem IS NOT NULL ORDER BY path"
        )
    ]
    return report
