"""Minutes folders inside sync folders, and sync tools' conflict copies.

Git honours `.private/.gitignore`; Syncthing, Dropbox and Nextcloud do not, so
inside one of their folders private data goes to the user's data folder
(XDG_DATA_HOME points into the test's temporary folder here).
"""

from __future__ import annotations

import dataclasses
import random
import subprocess
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.store.journal import journal_path
from facilitator.store.minutes_writer import write_minutes_doc
from facilitator.store.private_dir import (
    ensure_private_dir,
    minutes_dir_for,
    private_dir_for,
    sync_note,
    sync_root,
)
from tests.archive_support import random_doc
from tests.minutes_records import conflict

CANARY = "canaryzq77"


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder for this test."""
    home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def secret_meeting(minutes: Path) -> Path:
    """Write a meeting with a confidential conflict about CANARY; its shared minutes."""
    doc = random_doc(random.Random(1), 1)
    doc = dataclasses.replace(
        doc,
        status="final",
        conflicts=(conflict(CANARY, doc.present[0], doc.present[:2], confidential=True),),
    )
    return write_minutes_doc(doc, minutes, "2026-11-24-general-circle-secret").shared


def files_with_canary(root: Path) -> list[Path]:
    """Every file under `root` whose bytes hold CANARY."""
    return [p for p in root.rglob("*") if p.is_file() and CANARY.encode() in p.read_bytes()]


@pytest.mark.parametrize(
    ("marker", "is_dir"),
    [(".stfolder", True), (".stignore", False), (".dropbox", False), (".dropbox.cache", True)],
)
def test_private_record_stays_out_of_a_sync_folder(
    tmp_path: Path, data_home: Path, marker: str, is_dir: bool
) -> None:
    root = tmp_path / "Sync"
    root.mkdir()
    (root / marker).mkdir() if is_dir else (root / marker).write_text("")
    minutes = root / "coop" / "minutes"
    shared = secret_meeting(minutes)
    assert shared.parent == minutes
    assert files_with_canary(root) == []
    assert not (minutes / ".private").exists()
    private = private_dir_for(minutes)
    assert private.is_relative_to(data_home)
    assert [p.name for p in files_with_canary(private)] == [
        "2026-11-24-general-circle-secret.private.md"
    ]
    assert private.stat().st_mode & 0o777 == 0o700
    assert minutes_dir_for(private) == minutes.resolve()
    note = sync_note(minutes)
    assert note is not None and str(private) in note


def test_journal_and_nextcloud_marker(tmp_path: Path, data_home: Path) -> None:
    root = tmp_path / "Nextcloud"
    minutes = root / "minutes"
    minutes.mkdir(parents=True)
    (root / ".sync_0123abcd.db").write_bytes(b"")
    assert sync_root(minutes) == root.resolve()
    path = journal_path(minutes, "2026-11-24-x")
    assert path.is_relative_to(data_home)
    assert ensure_private_dir(minutes) == path.parent


def test_plain_folder_keeps_its_private_dir(tmp_path: Path, data_home: Path) -> None:
    # A `.dropbox` *folder* is Dropbox's settings in a home folder, not a synced folder.
    (tmp_path / ".dropbox").mkdir()
    minutes = tmp_path / "minutes"
    secret_meeting(minutes)
    assert sync_root(minutes) is None
    assert private_dir_for(minutes) == minutes / ".private"
    assert sync_note(minutes) is None
    assert [p.name for p in files_with_canary(tmp_path)] == [
        "2026-11-24-general-circle-secret.private.md"
    ]
    assert not data_home.exists()


def test_publish_refuses_a_conflict_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "none"))
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "--quiet", str(repo)], check=True)
    shared = secret_meeting(tmp_path / "minutes")
    copy = shared.with_name(shared.stem + ".sync-conflict-20261124-101010-ABCDEFG.md")
    copy.write_bytes(shared.read_bytes())
    assert main(["publish", str(copy), "--repo", str(repo)]) == 1
    assert "conflict copy" in capsys.readouterr().err
    assert list(repo.rglob("*.md")) == []
