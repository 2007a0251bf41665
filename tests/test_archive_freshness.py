"""The archive index is never stale: warm runs skip the row comparison only when nothing changed.

The claim and its argument are in `store/archive_sync.py` (module docstring,
"Freshness"). Here it is tried against a brute-force scan of the files after
every step of random sequences of adds, removes, rewrites and touches, in a
model of a coarse-timestamp file system (FAT: mtimes rounded down to 2 s, so a
rewrite in the same 2 s keeps its mtime, and a same-size one its whole stat)
as well as with the real nanosecond mtimes; the parallel cold build is compared
with the serial one.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.store import archive_sync
from facilitator.store.archive import Archive, Filters
from facilitator.store.archive_index import INDEX_DIR_NAME, RACY_NS  # noqa: F401
from facilitator.store.minutes import render_doc
from tests.archive_fixtures import expected_actions, expected_decisions
from tests.archive_support import brute_force_tree, random_doc

TODAY = dt.date(2026, 12, 2)
ALL = Filters(today=TODAY, status="all")
GREPS = ("loan", "fund", "garden", "quinoa")
_DOCS = [render_doc(random_doc(random.Random(i), i)).encode() for i in range(12)]
# Names per doc: one folder level too, since folders are listed separately.
_NAMES = [f"{'2025/' if i % 3 == 0 else ''}2025-01-{i + 1:02d}-circle-m{i}.md" for i in range(12)]


def _answers(a: Archive) -> dict[str, Any]:
    out: dict[str, Any] = {
        "decisions": sorted((h.path, h.id, h.text, h.outcome) for h in a.decisions(ALL)),
        "actions": {(h.path, h.what, h.owner, h.status) for h in a.actions(ALL)},
        "meetings": sorted((m.path, m.title) for m in a.meetings()),
    }
    for word in GREPS:
        f = Filters(today=TODAY, grep=word)
        out[word] = {(h.path, h.id) for h in a.decisions(f)}
    return out


def _brute(folder: Path) -> dict[str, Any]:
    fronts = brute_force_tree(folder)
    out: dict[str, Any] = {
        "decisions": sorted(
            (p, d["id"], d["text"], d["outcome"])
            for p, fm in fronts
            for d in fm.get("decisions", [])
        ),
        "actions": expected_actions(fronts, ALL),
        "meetings": sorted((p, fm["title"]) for p, fm in fronts),
    }
    for word in GREPS:
        out[word] = expected_decisions(fronts, Filters(today=TODAY, grep=word))
    return out


def _coarse_now() -> int:
    return time.time_ns() // RACY_NS * RACY_NS


def _write(path: Path, data: bytes, *, coarse: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if coarse:  # what FAT would record: the write's time, rounded down to 2 s
        t = _coarse_now()
        os.utime(path, ns=(t, t))


def _same_size_edit(data: bytes, rng: random.Random) -> bytes:
    """`data` with one word of its front matter swapped for another of the same length."""
    end = data.index(b"\n+++\n", 3)
    for old, new in rng.sample([(b"loan", b"fund"), (b"fund", b"loan"), (b"rota", b"roti")], 3):
        at = data.find(old, 0, end)
        if at >= 0:
            return data[:at] + new + data[at + len(old) :]
    # No such word: change one letter of the title, which every front matter has.
    at = data.index(b'title = "') + 9
    return data[:at] + (b"X" if data[at : at + 1] != b"X" else b"Y") + data[at + 1 :]


_STEP = st.tuples(
    st.sampled_from(["add", "remove", "rewrite", "same-size", "touch", "open"]),
    st.integers(0, len(_DOCS) - 1),
    st.integers(0, 2**16),
)


@pytest.mark.parametrize("coarse", [True, False], ids=["fat-2s-mtimes", "real-mtimes"])
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(_STEP, min_size=1, max_size=14))
def test_every_answer_equals_a_brute_force_scan_after_any_sequence_of_changes(
    tmp_path_factory: pytest.TempPathFactory, coarse: bool, steps: list[tuple[str, int, int]]
) -> None:
    folder = tmp_path_factory.mktemp("minutes")
    for i in (0, 1, 2):
        _write(folder / _NAMES[i], _DOCS[i], coarse=coarse)
    with Archive.open(folder) as a:
        assert _answers(a) == _brute(folder)
    for op, i, seed in steps:
        path = folder / _NAMES[i]
        if op == "add":
            _write(path, _DOCS[i], coarse=coarse)
        elif op == "remove":
            path.unlink(missing_ok=True)
        elif op == "rewrite" and path.exists():
            _write(path, _DOCS[(i + 1 + seed) % len(_DOCS)], coarse=coarse)
        elif op == "same-size" and path.exists():
            # A rewrite in place that keeps the size: on FAT, within the same 2 s, the stat
            # does not change at all; only the racy rule can see it.
            _write(path, _same_size_edit(path.read_bytes(), random.Random(seed)), coarse=coarse)
        elif op == "touch" and path.exists():
            t = _coarse_now() if coarse else time.time_ns()
            os.utime(path, ns=(t, t))
        with Archive.open(folder) as a:
            assert _answers(a) == _brute(folder), (op, _NAMES[i])


def test_a_same_second_same_size_rewrite_is_seen(tmp_path: Path) -> None:
    # Before: the index compared (mtime, size) only, so this edit stayed invisible for good.
    folder = tmp_path / "minutes"
    path = folder / _NAMES[1]
    _write(path, _DOCS[1], coarse=False)
    stat = path.stat()
    with Archive.open(folder) as a:
        before = _answers(a)
    edited = _same_size_edit(path.read_bytes(), random.Random(1))
    path.write_bytes(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same second, same size
    assert (path.stat().st_mtime_ns, path.stat().st_size) == (stat.st_mtime_ns, stat.st_size)
    with Archive.open(folder) as a:
        after = _answers(a)
    assert after == _brute(folder)
    assert after != before


def _old_archive(folder: Path, n: int) -> None:
    """Minutes last written an hour ago: past the racy window, as in daily use."""
    t = time.time_ns() - 3600 * 10**9
    for i in range(n):
        rel = f"{'2024/' if i % 2 else ''}2024-02-{i % 28 + 1:02d}-c-m{i}.md"
        doc = render_doc(random_doc(random.Random(100 + i), 100 + i)).encode()
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(doc)
        os.utime(path, ns=(t, t))


def _count_row_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time the index's file rows are loaded (`_known`)."""
    loads: list[int] = []
    real = archive_sync._known

    def counted(conn: Any) -> Any:
        loads.append(1)
        return real(conn)

    monkeypatch.setattr(archive_sync, "_known", counted)
    return loads


def test_a_warm_run_loads_no_file_rows_and_a_change_is_still_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "minutes"
    _old_archive(folder, 20)
    Archive.open(folder).close()
    loads = _count_row_loads(monkeypatch)
    with Archive.open(folder) as a:
        assert a.report.reindexed == [] and a.report.removed == []
        assert _answers(a) == _brute(folder)
    assert loads == [], "the warm path compares one listing, not every row"
    # An in-place rewrite of a file that is not a hit for the query: its own stat changes.
    victim = next(folder.glob("2024/*.md"))
    victim.write_bytes(_same_size_edit(victim.read_bytes(), random.Random(3)) + b"\nmore\n")
    with Archive.open(folder) as a:
        assert a.report.reindexed == ["2024/" + victim.name]
        assert _answers(a) == _brute(folder)
    assert loads


def test_a_racy_file_keeps_the_warm_path_off_until_read_late_enough(tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    _old_archive(folder, 4)
    fresh = folder / _NAMES[2]
    _write(fresh, _DOCS[2], coarse=False)  # mtime: now
    with Archive.open(folder) as a:
        db = a.location.path
    assert db is not None
    conn = sqlite3.connect(db)
    racy = conn.execute("SELECT path FROM files WHERE racy IS NOT NULL").fetchall()
    listing = conn.execute("SELECT count(*) FROM state").fetchone()[0]
    assert racy == [(_NAMES[2],)] and listing == 0
    # Within the window every run re-reads it; what it read is the same, so no change is
    # reported and the mark stays.
    with Archive.open(folder) as a:
        assert a.report.reindexed == []
    assert conn.execute("SELECT count(*) FROM files WHERE racy IS NOT NULL").fetchone()[0] == 1
    # Once its mtime is old (as if read 2 s later), the re-read clears the mark, still
    # reports no change (the same rows), and the listing comes back.
    t = time.time_ns() - 2 * RACY_NS
    os.utime(fresh, ns=(t, t))
    with Archive.open(folder) as a:
        assert a.report.reindexed == []
    assert conn.execute("SELECT count(*) FROM files WHERE racy IS NOT NULL").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM state").fetchone()[0] == 1
    conn.close()


def _dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not r[0].endswith(("_data", "_idx", "_docsize", "_config", "_content"))
    ]
    out = {}
    for table in tables:
        cols = [c[1] for c in conn.execute(f"PRAGMA table_info({table})")]
        keep = ", ".join(c for c in cols if c != "racy") or "*"
        if table.endswith("_fts"):
            keep = "rowid, *"
        out[table] = conn.execute(f"SELECT {keep} FROM {table} ORDER BY 1, 2").fetchall()
    conn.close()
    return out


def test_the_parallel_cold_build_equals_the_serial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "minutes"
    _old_archive(folder, 40)
    bad = folder / "2024-03-01-c-bad.md"
    bad.write_bytes(b"+++\nnot toml\n+++\n")
    os.utime(bad, ns=(0, 10**18))  # old, like the others (not racy)
    monkeypatch.setenv(archive_sync.JOBS_ENV, "1")
    with Archive.open(folder) as a:
        serial_report = (a.report.reindexed, a.report.problems)
        db = a.location.path
    assert db is not None
    serial = _dump(db)
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    spawned: list[Any] = []
    real_context = multiprocessing.get_context
    monkeypatch.setattr(
        multiprocessing,
        "get_context",
        lambda method=None: _noted(spawned, method, real_context),
    )
    monkeypatch.setattr(archive_sync, "PARALLEL_MIN", 4)
    monkeypatch.setenv(archive_sync.JOBS_ENV, "2")
    with Archive.open(folder) as a:
        assert (a.report.reindexed, a.report.problems) == serial_report
        assert a.report.rebuilt == "no index yet"
    assert spawned == ["spawn"], "the build went through the process pool"
    assert _dump(db) == serial
    assert len(serial["decisions"]) > 40 and serial["state"]


def test_jobs_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(archive_sync.JOBS_ENV, raising=False)
    assert archive_sync._jobs(10) == 1  # too few files for a pool
    assert archive_sync._jobs(10_000) >= 1
    for value, jobs in (("1", 1), ("3", 3), ("many", archive_sync._jobs(10_000))):
        monkeypatch.setenv(archive_sync.JOBS_ENV, value)
        assert archive_sync._jobs(10_000) == jobs


@pytest.mark.parametrize("entry", ["script", "python -m"])
def test_the_command_builds_in_parallel_and_prints_once(tmp_path: Path, entry: str) -> None:
    # Spawned workers import the main module again (the console script as `__mp_main__`):
    # they must not run the command a second time (the output would repeat, or the pool break).
    import subprocess
    import sys

    folder = tmp_path / "minutes"
    _old_archive(folder, archive_sync.PARALLEL_MIN)
    script = Path(sys.executable).parent / "facilitator"
    if entry == "script" and not script.exists():
        pytest.skip("no console script beside this interpreter")
    start = [str(script)] if entry == "script" else [sys.executable, "-m", "facilitator"]
    env = {**os.environ, archive_sync.JOBS_ENV: "2"}
    done = subprocess.run(
        [*start, "decisions", str(folder), "--csv"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stderr == ""
    with Archive.open(folder) as a:
        assert a.report.reindexed == []  # built by that run, and complete
        expected = len(a.decisions(ALL))
    lines = done.stdout.splitlines()
    assert lines[0].startswith("date,") and lines.count(lines[0]) == 1
    assert len(lines) - 1 == expected > archive_sync.PARALLEL_MIN


def _noted(seen: list[Any], method: Any, real: Any) -> Any:
    """Note which start method was asked for, then give the real context."""
    seen.append(method)
    return real(method)


def test_a_listing_kept_in_the_old_form_costs_one_full_comparison(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "minutes"
    _old_archive(folder, 6)
    with Archive.open(folder) as a:
        db = a.location.path
    assert db is not None
    conn = sqlite3.connect(db)
    with conn:  # the `repr` form an index written before this one keeps
        files = {p: (m, s) for p, m, s in conn.execute("SELECT path, mtime_ns, size FROM files")}
        conn.execute("UPDATE state SET value = ? WHERE key = 'listing'", (repr(files).encode(),))
    conn.close()
    loads = _count_row_loads(monkeypatch)
    for _ in range(3):
        with Archive.open(folder) as a:
            assert a.report.reindexed == [] and a.report.removed == []
            assert _answers(a) == _brute(folder)
    assert len(loads) == 2, "one full comparison (read, then again under the write lock)"


def test_an_mtime_past_2262_is_no_traceback_and_its_edits_are_seen(tmp_path: Path) -> None:
    # Failed before: `touch -d 3000-01-01` gave an mtime SQLite cannot store (OverflowError).
    folder = tmp_path / "minutes"
    _old_archive(folder, 3)
    far = 13_569_465_600 * 10**9  # 2400-01-01, in ns: over 2**63 (ext4 keeps up to 2446)
    victim = next(folder.glob("*.md"))
    os.utime(victim, ns=(far, far))
    if victim.stat().st_mtime_ns != far:
        pytest.skip("this file system cannot keep an mtime past 2262")
    with Archive.open(folder) as a:
        assert _answers(a) == _brute(folder)
    victim.write_bytes(_same_size_edit(victim.read_bytes(), random.Random(5)))
    os.utime(victim, ns=(far, far))  # same size, same mtime: only a re-read can tell
    with Archive.open(folder) as a:
        assert a.report.reindexed == [victim.name]
        assert _answers(a) == _brute(folder)
