"""Archive fuzz (issue 10): hostile trees, files changing mid-build, and 20 concurrent runs.

Every archive built here must open without an error and, once the files
stop changing, answer exactly what a brute-force scan of the tree answers
(`brute_force_tree`, the rules written out plainly). The concurrency tests
start real processes, as users and scripts do.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from facilitator.store import archive_read
from facilitator.store.archive import Archive, Filters
from facilitator.store.archive_index import INDEX_DIR_NAME
from tests.archive_fixtures import expected_actions, expected_conflicts, expected_decisions
from tests.archive_support import brute_force_tree, random_doc, write_doc

TODAY = dt.date(2026, 12, 1)
ROOT = Path(__file__).resolve().parent.parent
ALL = Filters(today=TODAY, status="all")


def _deep(rng: random.Random) -> bytes:
    depth = rng.randint(1200, 5000)
    opener, closer = rng.choice([("[", "]"), ("{a=", "}")])
    return (
        f'+++\ntitle = "Deep"\ndate = 2026-01-09\nx = {opener * depth}1{closer * depth}\n+++\n'
    ).encode()


def _hostile_tree(rng: random.Random, root: Path) -> Path:
    """A minutes folder with good minutes in subfolders and a random mix of hostile entries."""
    folder = root / "minutes"
    (folder / "2025" / "spring").mkdir(parents=True)
    outside = root / "outside"
    outside.mkdir()
    n = 0
    good = []
    for where in (folder, folder / "2025", folder / "2025" / "spring", outside):
        for _ in range(rng.randint(1, 4)):
            n += 1
            good.append(write_doc(where, random_doc(rng, rng.randrange(10**6) * 10 + n)))
    mine = [p for p in good if outside not in p.parents]
    hostile: list[Callable[[], object]] = [
        lambda: os.symlink(".", folder / "loop"),
        lambda: os.symlink("../..", folder / "2025" / "spring" / "up"),
        lambda: os.symlink("../loop2", folder / "2025" / "loop2"),  # dangling into a loop
        lambda: os.symlink(outside, folder / "outside-circle"),
        lambda: os.symlink(good[-1], folder / good[-1].name),
        lambda: os.symlink("nowhere", folder / "2026-01-01-dangling.md"),
        lambda: (folder / "2026-01-09-deep.md").write_bytes(_deep(rng)),
        lambda: (folder / "2026-01-05-binary.md").write_bytes(rng.randbytes(3000)),
        lambda: (folder / "2026-01-06-plus-binary.md").write_bytes(b"+++\n" + rng.randbytes(900)),
        lambda: (folder / "2026-01-07-latin1.md").write_bytes(
            b'+++\ntitle = "Caf\xe9"\ndate = 2026-01-07\n+++\n'
        ),
        lambda: (folder / "2026-01-08-unclosed.md").write_bytes(b'+++\ntitle = "x"\n' * 50),
        lambda: (folder / "2026-01-10-empty.md").write_bytes(b""),
        lambda: os.link(mine[0], folder / "2025" / f"2024-12-31-{mine[0].name}"),
        lambda: os.mkfifo(folder / "2026-01-11-fifo.md"),
        lambda: (folder / f"{mine[0].stem}.sync-conflict-20261124-101500-ABC.md").write_bytes(
            mine[0].read_bytes()
        ),
        lambda: (folder / "2026-01-12-crlf.md").write_bytes(
            mine[-1].read_bytes().replace(b"\n", b"\r\n")
        ),
        lambda: (folder / "2026-01-13-bom.md").write_bytes(b"\xef\xbb\xbf" + mine[-1].read_bytes()),
        lambda: (folder / "2026-03-01-\x1b[2J.md").write_bytes(mine[0].read_bytes()),
        lambda: shutil.copytree(folder / "2025", folder / ".private", symlinks=True),
    ]
    for act in rng.sample(hostile, rng.randint(6, len(hostile))):
        act()
    return folder


def _answers(a: Archive) -> dict[str, Any]:
    decisions = [(h.path, h.id) for h in a.decisions(ALL)]
    return {
        "decisions": sorted(decisions),
        "actions": {(h.path, h.what, h.owner, h.status) for h in a.actions(ALL)},
        "conflicts": {(h.path, h.about, h.status) for h in a.conflicts(ALL)},
        "meetings": sorted(m.path for m in a.meetings()),
    }


def _brute(folder: Path) -> dict[str, Any]:
    fronts = brute_force_tree(folder)
    return {
        "decisions": sorted(expected_decisions(fronts, ALL)),
        "actions": expected_actions(fronts, ALL),
        "conflicts": expected_conflicts(fronts, ALL),
        "meetings": sorted(p for p, _ in fronts),
    }


def _mutations(rng: random.Random, folder: Path) -> list[Callable[[Path], None]]:
    """Changes made while the index is being built; each takes the file being read."""

    def rewrite_another(_reading: Path) -> None:
        victims = sorted(folder.glob("*.md"))
        if victims:
            victim = rng.choice(victims)
            if victim.is_file() and not victim.is_symlink():
                old = victim.stat().st_size
                text = (victim.read_bytes() or b"").replace(b"We agree", b"We now agree", 1)
                victim.write_bytes(text + (b"\nedited\n" if len(text) == old else b""))

    def delete_another(_reading: Path) -> None:
        victims = [p for p in sorted(folder.rglob("*.md")) if ".private" not in p.parts]
        if victims:
            rng.choice(victims).unlink()

    def add_one(_reading: Path) -> None:
        write_doc(folder / "2025", random_doc(rng, 7_000_000 + rng.randrange(10**6)))

    def grow_the_one_being_read(reading: Path) -> None:
        with reading.open("ab") as f:
            f.write(b"\nAppended while it was being read.\n")

    def swap_for_a_link(_reading: Path) -> None:
        victims = [p for p in sorted(folder.glob("*.md")) if p.is_file() and not p.is_symlink()]
        if victims:
            victim = rng.choice(victims)
            victim.unlink()
            os.symlink("/etc/hostname", victim)

    return [rewrite_another, delete_another, add_one, grow_the_one_being_read, swap_for_a_link]


@pytest.mark.parametrize("seed", range(16))
def test_a_hostile_tree_equals_a_brute_force_scan(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    folder = _hostile_tree(rng, tmp_path)
    with Archive.open(folder) as a:
        got = _answers(a)
        assert len(got["decisions"]) == len(set(got["decisions"]))
        skipped = {p.path for p in a.report.skipped}
    assert got == _brute(folder)
    assert got["meetings"], "the tree has good minutes"
    assert not any(".private" in p or "outside" in p for p in got["meetings"])
    for link in ("loop", "outside-circle", "2026-01-01-dangling.md"):
        if (folder / link).is_symlink():
            assert link in skipped
    # A second run reads nothing and answers the same.
    with Archive.open(folder) as a:
        assert a.report.reindexed == []
        assert _answers(a) == got


@pytest.mark.parametrize("seed", range(12))
def test_files_changing_while_the_index_is_built(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(1000 + seed)
    folder = _hostile_tree(rng, tmp_path)
    mutations = _mutations(rng, folder)
    plan = {rng.randrange(1, 12): rng.choice(mutations) for _ in range(rng.randint(1, 4))}
    real = archive_read._read_front
    calls = {"n": 0}

    def reading(f: Any) -> bytes:
        calls["n"] += 1
        act = plan.pop(calls["n"], None)
        if act is not None:
            act(Path(os.readlink(f"/proc/self/fd/{f.fileno()}")))
        return real(f)

    monkeypatch.setattr(archive_read, "_read_front", reading)
    with Archive.open(folder) as a:  # must not fail, whatever changed under it
        _answers(a)
    monkeypatch.setattr(archive_read, "_read_front", real)
    with Archive.open(folder) as a:
        assert _answers(a) == _brute(folder)


def test_a_file_growing_while_it_is_read_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    path = write_doc(folder, random_doc(random.Random(2), 1))
    front = path.read_text().split("\n+++\n", 1)[0]
    path.write_text(front + "\n+++\n")
    real = archive_read._read_front
    grown = {"done": False}

    def reading(f: Any) -> bytes:
        data = real(f)
        if not grown["done"]:
            grown["done"] = True
            path.write_text(front.replace('title = "', 'title = "Renamed ', 1) + "\n+++\n\nBody.\n")
        return data

    monkeypatch.setattr(archive_read, "_read_front", reading)
    with Archive.open(folder) as a:
        assert a.meetings()[0].title.startswith("Renamed ")
        assert _answers(a) == _brute(folder)


# ---- concurrency: real processes ----------------------------------------------------------


def _concurrent_decisions(folder: Path, runs: int = 20) -> list[subprocess.CompletedProcess[str]]:
    cmd = [sys.executable, "-m", "facilitator", "decisions", str(folder), "--json"]
    procs = [
        subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(runs)
    ]
    done = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        done.append(subprocess.CompletedProcess(cmd, p.returncode, out, err))
    return done


def _check_all(folder: Path, done: list[subprocess.CompletedProcess[str]]) -> None:
    want = _brute(folder)["decisions"]
    failures = [d.stderr.strip().splitlines()[-1:] for d in done if d.returncode != 0]
    assert not failures, f"{len(failures)} of {len(done)} runs failed: {failures[:3]}"
    for d in done:
        assert sorted((r["path"], r["id"]) for r in json.loads(d.stdout)) == want
        assert "error" not in d.stderr.casefold()


def _archive(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    rng = random.Random(n)
    for i in range(n):
        write_doc(folder, random_doc(rng, i))
    return folder


def test_twenty_concurrent_runs_on_a_fresh_index(tmp_path: Path) -> None:
    # Before: most runs failed with "disk I/O error" or "readonly database", the index being
    # deleted under them by a run that took a busy lock for corruption.
    folder = _archive(tmp_path, 300)
    _check_all(folder, _concurrent_decisions(folder))
    with Archive.open(folder) as a:
        assert a.report.rebuilt is None and a.report.reindexed == []


def test_twenty_concurrent_runs_on_an_existing_index_with_changes(tmp_path: Path) -> None:
    folder = _archive(tmp_path, 300)
    Archive.open(folder).close()
    rng = random.Random(4)
    for i in range(40):  # new files for every run to find at once
        write_doc(folder, random_doc(rng, 5000 + i))
    for victim in sorted(folder.glob("*.md"))[:5]:
        victim.unlink()
    _check_all(folder, _concurrent_decisions(folder))
    assert not list((folder / INDEX_DIR_NAME).glob("*.tmp"))
