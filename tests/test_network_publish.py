"""`facilitator publish` and `sync` against real git: a bare "remote" and clones on disk.

Git identity and the default branch come from a throw-away global config file
named by GIT_CONFIG_GLOBAL (set for these tests only), never from the user's.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.store.minutes_model import MinutesDoc
from facilitator.store.minutes_paths import base_stem
from facilitator.store.minutes_writer import write_minutes_doc
from tests.archive_support import random_doc
from tests.minutes_records import action, conflict

CIRCLES = ("General Circle", "Finance Circle", "Housing Circle")
PER_CIRCLE = 10


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment for git: identity and branch name from a config file of this test."""
    cfg = tmp_path / "gitconfig"
    cfg.write_text(
        "[user]\n\tname = Test Notetaker\n\temail = notes@example.org\n"
        "[init]\n\tdefaultBranch = main\n"
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(cfg))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return {**os.environ}


def git(*args: str | Path) -> str:
    """Run git, failing the test on an error; its stdout."""
    done = subprocess.run(["git", *map(str, args)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def network(tmp_path: Path, clones: int) -> tuple[Path, list[Path]]:
    """A bare remote and `clones` clones of it."""
    remote = tmp_path / "remote.git"
    git("init", "--bare", "--quiet", remote)
    paths = []
    for k in range(clones):
        clone = tmp_path / f"clone{k}"
        git("clone", "--quiet", remote, clone)
        paths.append(clone)
    return remote, paths


def meeting(circle: str, n: int, canary: str, *, status: str = "final") -> MinutesDoc:
    """A random meeting of `circle` whose confidential parts carry `canary`."""
    doc = random_doc(random.Random(n), n)
    secret_conflict = conflict(canary, doc.present[0], doc.present[:2], confidential=True)
    secret_action = action(f"Call {canary}", doc.present[0], None, None, confidential=True)
    return dataclasses.replace(
        doc,
        title=f"{circle} meeting {n}",
        circle=circle,
        status=status,
        conflicts=(*doc.conflicts, secret_conflict),
        actions=(*doc.actions, secret_action),
    )


def write_meeting(folder: Path, doc: MinutesDoc, n: int) -> Path:
    """The meeting's shared minutes under `folder` (its private record in `.private/`)."""
    stem = f"{base_stem(doc.date, doc.circle, doc.title)}-{n}"
    return write_minutes_doc(doc, folder, stem).shared


def decisions_of(files: list[Path]) -> list[tuple[str, str, str, str]]:
    """(date, circle, id, text) of every decision in `files`, read by plain tomllib."""
    out = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        front = tomllib.loads(text[4 : text.index("\n+++\n", 3) + 1])
        for d in front.get("decisions", []):
            out.append((str(front["date"]), front["circle"], d["id"], d["text"]))
    return sorted(out)


_WORKER = """
import sys
from facilitator.cli import main
repo, *files = sys.argv[1:]
for f in files:
    status = main(["publish", f, "--repo", repo])
    if status != 0:
        sys.exit(status)
"""


def test_thirty_parallel_publishes_from_three_circles(
    tmp_path: Path, git_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    remote, clones = network(tmp_path, 3)
    files: dict[int, list[Path]] = {}
    canaries = []
    for k, circle in enumerate(CIRCLES):
        folder = tmp_path / f"laptop{k}" / "minutes"
        files[k] = []
        for i in range(PER_CIRCLE):
            n = k * PER_CIRCLE + i
            canary = f"canary{n:02d}zq"
            canaries.append(canary)
            files[k].append(write_meeting(folder, meeting(circle, n, canary), n))
        private = "".join(p.read_text() for p in (folder / ".private").glob("*.md"))
        assert all(c in private for c in canaries[-PER_CIRCLE:])  # the canaries exist
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(clones[k]), *map(str, files[k])],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=git_env,
        )
        for k in range(3)
    ]
    for w in workers:
        _out, err = w.communicate(timeout=300)
        assert w.returncode == 0, err
        assert "pending" not in err
    all_files = [f for k in range(3) for f in files[k]]
    # Every clone, brought up to date, holds all 30 files and reads the same register.
    want = decisions_of(all_files)
    assert len(want) > 10
    for clone in clones:
        assert main(["sync", "--repo", str(clone)]) == 0
        published = sorted(clone.glob("*/*.md"))
        assert len(published) == 3 * PER_CIRCLE
        assert sorted(p.name for p in published) == sorted(f.name for f in all_files)
        capsys.readouterr()
        assert main(["decisions", str(clone), "--json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        got = sorted((r["date"], r["circle"], r["id"], r["text"]) for r in rows)
        assert got == want
        assert {r["path"].split("/")[0] for r in rows} <= {
            "general-circle",
            "finance-circle",
            "housing-circle",
        }
    # No conflict ever: the remote's history is linear, one commit per meeting (+ ignores).
    assert git("-C", remote, "rev-list", "--merges", "--count", "--all").strip() == "0"
    subjects = git("-C", remote, "log", "--format=%s", "--all").splitlines()
    assert sum(s.startswith("Minutes: ") for s in subjects) == 3 * PER_CIRCLE
    # No confidential text in any commit of the remote.
    history = git("-C", remote, "log", "-p", "--all")
    assert [c for c in canaries if c in history] == []
    assert ".private" not in git("-C", remote, "log", "--all", "--name-only", "--format=")


def test_offline_commits_locally_and_sync_pushes(
    tmp_path: Path, git_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    remote, (clone,) = network(tmp_path, 1)
    first = write_meeting(tmp_path / "m", meeting("General Circle", 1, "c1"), 1)
    assert main(["publish", str(first), "--repo", str(clone)]) == 0
    away = tmp_path / "away.git"
    remote.rename(away)  # the network is gone
    second = write_meeting(tmp_path / "m", meeting("General Circle", 2, "c2"), 2)
    capsys.readouterr()
    assert main(["publish", str(second), "--repo", str(clone)]) == 0
    err = capsys.readouterr().err
    assert "push is pending" in err
    assert second.name in git("-C", clone, "log", "-1", "--name-only")
    away.rename(remote)
    assert main(["sync", "--repo", str(clone)]) == 0
    assert "pushed to origin" in capsys.readouterr().out
    assert second.name in git("-C", remote, "log", "-1", "--name-only", "main")


def test_refuses_drafts_private_records_and_journals(
    tmp_path: Path, git_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    remote, (clone,) = network(tmp_path, 1)
    folder = tmp_path / "m"
    draft = write_meeting(folder, meeting("General Circle", 3, "c3", status="draft"), 3)
    final = write_meeting(folder, meeting("General Circle", 4, "c4"), 4)
    journal = folder / ".private" / "x.journal"
    journal.write_text("{}\n")
    private = next((folder / ".private").glob("*.md"))
    for bad, why in ((draft, "is a draft"), (private, "private record"), (journal, "private")):
        capsys.readouterr()
        assert main(["publish", str(final), str(bad), "--repo", str(clone)]) == 1
        assert why in capsys.readouterr().err
    # Nothing of a refused call was published, not even the good file beside it.
    assert list(clone.glob("*/*.md")) == []
    assert git("-C", remote, "log", "--all", "--format=%s") == ""


def test_same_name_other_content_is_refused(
    tmp_path: Path, git_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, (clone,) = network(tmp_path, 1)
    path = write_meeting(tmp_path / "m", meeting("General Circle", 5, "c5"), 5)
    assert main(["publish", str(path), "--repo", str(clone)]) == 0
    assert main(["publish", str(path), "--repo", str(clone)]) == 0
    assert "already published" in capsys.readouterr().out
    path.write_text(path.read_text() + "\nedited\n")
    assert main(["publish", str(path), "--repo", str(clone)]) == 1
    assert "never edited in place" in capsys.readouterr().err
    # With a good new file beside it, the refused call publishes neither.
    other = write_meeting(tmp_path / "m", meeting("General Circle", 7, "c7"), 7)
    assert main(["publish", str(other), str(path), "--repo", str(clone)]) == 1
    assert not (clone / "general-circle" / other.name).exists()


def test_not_a_repository_is_a_clear_error(
    tmp_path: Path, git_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_meeting(tmp_path / "m", meeting("General Circle", 6, "c6"), 6)
    (tmp_path / "plain").mkdir()
    assert main(["publish", str(path), "--repo", str(tmp_path / "plain")]) == 1
    assert "is not a git repository" in capsys.readouterr().err
