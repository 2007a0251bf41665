"""Keeping the archive index fresh: `sync` compares the folder with the index and updates it.

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
`state`, the *listing* — the exact bytes of its `files` rows, path -> (mtime_ns,
size), `_listing` — and a run whose scan gives the same bytes does nothing
else (no loading of 5,000 rows, no diff). The argument:

1. Invariant: when `state.listing` exists it equals `_listing` of the `files`
   table and no row is *racy* (below). Every change to `files` happens in one
   transaction that ends by writing the listing of the resulting rows, or
   deleting it when a racy row remains; readers see both or neither.
2. `_listing` is injective (the count, the numbers at fixed width, then the
   paths, which hold no NUL, between NULs), so an equal listing means the
   table and the disk agree
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

What was weighed against the per-file stat (issue 12), and why each falls short of
"never stale": a folder's mtime (and ctime) changes when a name is added, removed or
renamed in it (`sed -i`, an editor that saves by rename), not when a file in it is
written in place (`>>`, `truncate`, an editor that keeps the inode, a sync tool patching
a file); a file's own ctime would be the stronger signal but
needs the same one stat per file; inotify or fanotify see every write only while a
process watches (nothing watches between two runs, and neither sees writes made by
another machine on a network share); hashing or reading the files costs more than
stating them. So the stat of every file stays, and everything after it is skipped
when nothing changed.

`FACILITATOR_INDEX_JOBS` sets how many processes parse TOML when many files
changed (the cold build): unset or 0 picks the available cores, 1 is serial;
a single writer inserts the rows, batched, in one transaction.

Stdlib only: this is on the fast path of `facilitator decisions`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from array import array
from collections.abc import Iterator

from facilitator.store.archive_reason import Reason
from facilitator.store.archive_scan import Problem, clamp_ns, scan
from facilitator.store.archive_tables import drop_files, insert, next_id
from facilitator.store.fast_tuple import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 12)
if TYPE_CHECKING:
    from facilitator.store.archive_read import MeetingFront

    _Folder = str | os.PathLike[str]

    _Read = tuple[tuple[int, int], MeetingFront | Reason] | None

__all__ = ["JOBS_ENV", "PARALLEL_MIN", "RACY_NS", "SyncReport", "sync"]

RACY_NS = 2_000_000_000
"""A file read less than this after its mtime is re-read until it is not (the module docstring,
3.): the coarsest timestamps in use (FAT) are 2 s apart."""
PARALLEL_MIN = 300
"""Fewer changed files than this are parsed in this process: starting workers costs more."""
JOBS_ENV = "FACILITATOR_INDEX_JOBS"
"""Environment variable: parser processes for big syncs (0 or unset: the available cores)."""


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


def _listing(paths: list[str], stats: list[int]) -> bytes:
    """The exact bytes of `paths[i]` -> (`stats[2i]`, `stats[2i+1]`) (mtime_ns, size), in order.

    A version tag and the count, then every number as 8 bytes, then the paths joined by
    NUL, encoded so that every str has its own bytes (`surrogatepass`: undecodable names
    too). A path never holds a NUL, and the count fixes where the numbers end, so two
    listings are equal only when the mappings and their orders are. The order is the
    scan's, which is the same for an unchanged folder: no sort on the warm path, and an
    order that differs only costs one full comparison. Building it is two joins in C,
    where the `repr` of a dict this replaced cost ~7 ms at 5,000 files; a listing kept in
    the old form simply differs once (one full comparison, then the new form is kept).
    """
    try:
        numbers = b"L2 %d\n" % len(paths) + array("q", stats).tobytes()
    except OverflowError:  # an mtime past 2262 (`touch -d 3000-01-01`): numbers as text
        numbers = b"L2t %r\n" % stats
    return numbers + "\0".join(paths).encode("utf-8", "surrogatepass")


def _listing_of(files: dict[str, tuple[int, int]]) -> bytes:
    """`_listing` of a path -> (mtime_ns, size) mapping, in its order."""
    return _listing(list(files), [n for pair in files.values() for n in pair])


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
    from pathlib import Path

    from facilitator.store.archive_read import read_minutes

    return [read_minutes(Path(folder) / rel) for rel in rels]


def _read_all(folder: _Folder, rels: list[str]) -> dict[str, _Read]:
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
                results = list(pool.map(_read_chunk, [os.fspath(folder)] * len(chunks), chunks))
        except (OSError, RuntimeError, ImportError):  # BrokenProcessPool is a RuntimeError
            pass
        else:
            out: dict[str, _Read] = {}
            for chunk, got in zip(chunks, results, strict=True):
                out.update(zip(chunk, got, strict=True))
            return out
    if not rels:
        return {}
    from pathlib import Path

    from facilitator.store.archive_read import read_minutes

    base = Path(folder)
    return {rel: read_minutes(base / rel) for rel in rels}


def sync(conn: sqlite3.Connection, folder: _Folder) -> SyncReport:
    """Bring the index up to date with the minutes under `folder` (see the module docstring)."""
    report = SyncReport()
    found = scan(folder)
    report.skipped = found.skipped
    if _stored_listing(conn) != _listing(found.paths, found.stats):
        report.removed, report.reindexed = _update(conn, folder, found.files)
    report.problems = [
        Problem(path, Reason.from_text(reason))
        for path, reason in conn.execute(
            "SELECT path, problem FROM files WHERE problem IS NOT NULL ORDER BY path"
        )
    ]
    return report


def _update(
    conn: sqlite3.Connection, folder: _Folder, on_disk: dict[str, tuple[int, int]]
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
        drop_files(conn, [known[rel].id for rel in gone])
        conn.executemany("DELETE FROM files WHERE id = ?", [(known[rel].id,) for rel in gone])
        state = {rel: (k.mtime_ns, k.size) for rel, k in known.items() if rel in on_disk}
        racy = {rel for rel, k in known.items() if rel in on_disk and k.racy is not None}
        reread: list[str] = []
        dropped: list[int] = []
        fronts: list[tuple[int, MeetingFront]] = []
        rows: list[tuple[int, int, str | None, bytes | None, int]] = []
        new: list[tuple[int, str, int, int, str | None, bytes | None]] = []
        next_file = next_id(conn, "files")
        for rel in stale:
            # Not read yet when it changed between our first look and the lock: read it now.
            got = read[rel] if rel in read else _read_all(folder, [rel])[rel]
            if got is None:
                continue  # gone since the scan: the next scan drops it
            (mtime, size), result = got
            mtime = clamp_ns(mtime)  # as the scan keeps it
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
        drop_files(conn, dropped)
        conn.executemany(
            "UPDATE files SET mtime_ns = ?, size = ?, problem = ?, racy = ? WHERE id = ?", rows
        )
        conn.executemany("INSERT INTO files VALUES (?,?,?,?,?,?)", new)
        insert(conn, fronts)
        # The invariant of the module docstring (1.): the listing of exactly these rows, and
        # only while none of them is racy.
        if racy:
            conn.execute("DELETE FROM state WHERE key = 'listing'")
        else:
            listed = {rel: state[rel] for rel in on_disk if rel in state}  # the scan's order
            conn.execute(
                "INSERT OR REPLACE INTO state VALUES ('listing', ?)", (_listing_of(listed),)
            )
    return gone, reread
