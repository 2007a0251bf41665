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

The work is split by responsibility: `archive_scan` lists the minutes (each
file once, never through a symbolic link); `archive_sync` keeps the index
fresh (and argues why it is never stale); `archive_tables` holds the schema and
writes the rows; front matter is read with a bound (`archive_read`). This
module finds, opens, builds and rebuilds the index, and names what the others
import from it.

Stdlib only: this is on the fast path of `facilitator decisions`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator

from facilitator.i18n import _
from facilitator.store.archive_scan import Problem, Scan, conflict_copy, is_minutes_name, scan
from facilitator.store.archive_sync import JOBS_ENV, PARALLEL_MIN, RACY_NS, SyncReport, sync
from facilitator.store.archive_tables import SCHEMA_VERSION, create_tables
from facilitator.store.fast_tuple import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 12)
if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "INDEX_DIR_NAME",
    "JOBS_ENV",
    "PARALLEL_MIN",
    "RACY_NS",
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

INDEX_DIR_NAME = ".facilitator-index"
"""The git-ignored folder inside the minutes folder that holds the index."""
INDEX_FILE_NAME = "index.sqlite3"
"""The database file inside it."""


class IndexLocation(NamedTuple):
    """Where the index for one minutes folder lives."""

    file: str | None
    """The database file; None means in memory only."""
    note: str | None = None
    """Why it is not in the usual place, for a warning."""

    @property
    def path(self) -> Path | None:
        """The database file as a `Path` (the fast path keeps text: no pathlib to import)."""
        from pathlib import Path

        return None if self.file is None else Path(self.file)


def _ignored_dir(folder: str) -> str | None:
    """`<folder>/.facilitator-index/` with its `.gitignore`, or None when it cannot be made."""
    where = os.path.join(folder, INDEX_DIR_NAME)
    try:
        if not os.path.isdir(where):
            os.mkdir(where)  # a file of that name: FileExistsError, an OSError
        ignore = os.path.join(where, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w") as f:
                f.write("# The archive index: a cache, rebuilt when missing.\n*\n")
        if not os.access(where, os.W_OK):
            return None
    except OSError:
        return None
    return where


def index_location(folder: str | os.PathLike[str]) -> IndexLocation:
    """Where the index for `folder` lives (see the module docstring for the order tried)."""
    where = _ignored_dir(os.fspath(folder))
    if where is not None:
        return IndexLocation(os.path.join(where, INDEX_FILE_NAME))
    from pathlib import Path

    folder = Path(folder)
    try:
        import hashlib

        from platformdirs import user_cache_dir

        key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:24]
        cache = Path(user_cache_dir("facilitator")) / "archive-index"
        cache.mkdir(parents=True, exist_ok=True)
        return IndexLocation(
            str(cache / f"{key}.sqlite3"),
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


def _open(path: str | os.PathLike[str] | None) -> sqlite3.Connection:
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


def _try_open(path: str) -> tuple[sqlite3.Connection | None, str | None]:
    """The index at `path` if usable, else None and why; busy or locked errors propagate."""
    if not os.path.exists(path):
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
def _build_lock(path: str) -> Iterator[None]:
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


def _build(path: str, folder: str | os.PathLike[str], reason: str) -> SyncReport | None:
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
        from pathlib import Path

        # Temp files of a killed build; nobody else builds while we hold the lock.
        db = Path(path)
        for stale in db.parent.glob(f"{db.name}.*.tmp*"):
            with contextlib.suppress(OSError):
                stale.unlink()
        tmp = db.with_name(f"{db.name}.{os.getpid()}.tmp")
        conn = _open(tmp)
        try:
            # A private file until renamed: no journal needed while filling it.
            conn.execute("PRAGMA journal_mode = OFF")
            create_tables(conn)
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


def open_index(
    location: IndexLocation, folder: str | os.PathLike[str]
) -> tuple[sqlite3.Connection, SyncReport]:
    """The index at `location`, built when missing or broken, and synced with `folder`.

    Safe with other runs at the same time: they wait for each other (SQLite's
    busy timeout, WAL, a lock around building), and only an index that is
    really corrupt or of another schema is rebuilt, never one that is busy.
    """
    path = location.file
    if path is None:
        memory = _open(None)
        create_tables(memory)
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
