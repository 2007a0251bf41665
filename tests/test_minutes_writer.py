"""Writing minutes files: shared vs private, modes, refreshes, errors, canaries, kills."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import signal
import stat
import tomllib
from pathlib import Path

import pytest

from facilitator.store.atomic import TEMP_PREFIX, cleanup_temp_files
from facilitator.store.md_escape import clean
from facilitator.store.minutes import render_doc
from facilitator.store.minutes_model import (
    ConsentRecord,
    ItemRecord,
    MinutesDoc,
    TalkEntry,
    Version,
)
from facilitator.store.minutes_writer import MinutesWriteError, write_minutes_doc
from tests.minutes_parse import split_front_matter
from tests.minutes_records import action, conflict, consent_round, credit, decision, response, turn

STEM = "2026-11-24-gc-november"


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _doc(confidential: bool, status: str = "final") -> MinutesDoc:
    items = (
        ItemRecord("item-1", "Budget", "discussion", "done", 600, 640, notes=("ok",)),
        ItemRecord(
            "item-2", "Grievance", "discussion", "done", 600, 300, confidential=confidential
        ),
    )
    return MinutesDoc(
        title="November", circle="GC", date=dt.date(2026, 11, 24), status=status, items=items
    )


def test_nothing_confidential_writes_only_the_shared_file(tmp_path: Path) -> None:
    files = write_minutes_doc(_doc(False), tmp_path, STEM)
    assert files.shared == tmp_path / f"{STEM}.md" and files.private is None
    assert _mode(files.shared) == 0o644
    assert not (tmp_path / ".private").exists()
    assert files.shared.read_text(encoding="utf-8") == render_doc(_doc(False))


def test_confidential_adds_a_private_record_0600_in_an_ignored_folder(tmp_path: Path) -> None:
    files = write_minutes_doc(_doc(True), tmp_path, STEM)
    assert files.private == tmp_path / ".private" / f"{STEM}.private.md"
    assert _mode(files.private) == 0o600
    assert _mode(tmp_path / ".private") == 0o700
    assert (tmp_path / ".private" / ".gitignore").read_text().splitlines() == ["*"]
    assert "Grievance" in files.private.read_text(encoding="utf-8")
    assert "Grievance" not in files.shared.read_text(encoding="utf-8")


def test_drafts_are_refreshed_then_replaced_by_the_final(tmp_path: Path) -> None:
    write_minutes_doc(_doc(True, "draft"), tmp_path, STEM)
    shared = tmp_path / f"{STEM}.md"
    assert tomllib.loads(split_front_matter(shared.read_text())[0])["status"] == "draft"
    write_minutes_doc(_doc(False, "final"), tmp_path, STEM)
    assert tomllib.loads(split_front_matter(shared.read_text())[0])["status"] == "final"
    # Once there is a private record it stays current rather than going stale.
    private = tmp_path / ".private" / f"{STEM}.private.md"
    assert 'status = "final"' in private.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)] == []


def test_a_write_failure_is_one_plain_located_message(tmp_path: Path) -> None:
    blocker = tmp_path / "minutes"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(MinutesWriteError) as info:
        write_minutes_doc(_doc(False), blocker, STEM)
    assert str(info.value).startswith(f"could not write the minutes to {blocker}/{STEM}.md: ")
    assert "Errno" not in str(info.value)


# ---- confidential canaries ------------------------------------------------------


def _canary_doc(rng: random.Random, n: int) -> tuple[MinutesDoc, list[str]]:
    """A meeting with canaries everywhere a confidential item or conflict can hold text."""
    canaries: list[str] = []

    def canary(kind: str) -> str:
        c = f"Canary{kind}{n}x{len(canaries)}"
        canaries.append(c)
        return c

    people = ["Ana Lima", "Bo Tran", "Chen Wu"]
    items, talk, decisions, actions, credits, conflicts = [], [], [], [], [], []
    for k in range(1, rng.randint(2, 6)):
        secret = rng.random() < 0.5
        iid = f"item-{k}"
        title = canary("Title") if secret else f"Open item {k}"
        speaker = canary("Speaker") if secret else rng.choice(people)
        consent = None
        if rng.random() < 0.5:
            consent = ConsentRecord(
                rule="consent",
                versions=(Version(1, canary("Text") if secret else "open text"),),
                rounds=(
                    consent_round(
                        1, 1, (response(speaker, "concern", canary("Why") if secret else "fine"),)
                    ),
                ),
                outcome="adopted",
            )
            decisions.append(
                decision(
                    f"d-{k}",
                    title,
                    canary("Decision") if secret else "open decision",
                    "adopted",
                    "consent",
                    confidential=secret,
                )
            )
        items.append(
            ItemRecord(
                iid,
                title,
                "proposal" if consent else "discussion",
                "done",
                600 + 60 * k,
                rng.randint(1, 9999),
                confidential=secret,
                owner=canary("Owner") if secret else None,
                notes=(canary("Note") if secret else "open note",),
                turns=(turn(speaker, rng.randint(1, 999)),),
                recused=(canary("Recused"),) if secret else (),
                consent=consent,
            )
        )
        talk.append(TalkEntry(speaker, iid, 1, rng.randint(1, 999)))
        if secret:
            actions.append(action(canary("Action"), canary("Doer"), item=title, confidential=True))
            credits.append(credit(canary("Credited"), canary("For"), "care", title, True))
            conflicts.append(conflict(canary("About"), speaker, item=title, confidential=True))
        else:
            actions.append(action("open action", rng.choice(people), item=title))
    if rng.random() < 0.5:  # a confidential conflict logged outside any confidential item
        conflicts.append(
            conflict(canary("Conflict"), "Ana Lima", (canary("Party"),), confidential=True)
        )
    doc = MinutesDoc(
        title="Open meeting",
        circle="GC",
        date=dt.date(2026, 11, 24),
        status="final",
        present=tuple(people),
        items=tuple(items),
        decisions=tuple(decisions),
        actions=tuple(actions),
        credits=tuple(credits),
        conflicts=tuple(conflicts),
        talk=tuple(talk),
    )
    return doc, canaries


def test_five_hundred_meetings_leak_no_canary_and_keep_them_all_privately(
    tmp_path: Path,
) -> None:
    rng = random.Random(500)
    leaks = missing = total = 0
    for n in range(500):
        doc, canaries = _canary_doc(rng, n)
        folder = tmp_path / f"m{n}"
        files = write_minutes_doc(doc, folder, f"2026-11-24-gc-open-meeting-{n}")
        shared = files.shared.read_text(encoding="utf-8")
        private = files.private.read_text(encoding="utf-8") if files.private else ""
        names = " ".join(p.name for p in folder.rglob("*"))
        for c in canaries:
            total += 1
            leaks += c in shared or c in names
            missing += clean(c) not in private
        if canaries:  # every confidential minute changes no visible timing either
            open_only = dataclasses.replace(
                doc,
                items=tuple(
                    dataclasses.replace(i, planned_seconds=1, actual_seconds=1)
                    if i.confidential
                    else i
                    for i in doc.items
                ),
            )
            assert render_doc(open_only) == shared
    assert total > 1000
    assert (leaks, missing) == (0, 0)


# ---- kill while writing ---------------------------------------------------------


def _child(folder: Path, ready: int) -> None:
    i = 0
    while True:
        i += 1
        doc = dataclasses.replace(_doc(True, "draft"), title=f"November rev {i}" + " x" * (i % 97))
        write_minutes_doc(doc, folder, STEM)
        os.write(ready, b".")


def test_kill_while_refreshing_minutes_leaves_complete_files_and_others_intact(
    tmp_path: Path,
) -> None:
    rng = random.Random(7)
    earlier = write_minutes_doc(_doc(False), tmp_path, "2026-10-01-gc-october").shared
    before = earlier.read_bytes()
    for _ in range(100):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            try:
                _child(tmp_path, w)
            finally:
                os._exit(1)
        os.close(w)
        os.read(r, 1)
        for _ in range(rng.randint(0, 300_000)):
            pass
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(r)
        cleanup_temp_files(tmp_path)
        cleanup_temp_files(tmp_path / ".private")
        for path in (tmp_path / f"{STEM}.md", tmp_path / ".private" / f"{STEM}.private.md"):
            text = path.read_text(encoding="utf-8")
            meta = tomllib.loads(split_front_matter(text)[0])
            assert meta["title"].startswith("November rev")
            assert text.endswith("Nobody was given the floor.\n"), "partial minutes file"
        assert earlier.read_bytes() == before
        leftovers = [p for p in tmp_path.rglob(f"{TEMP_PREFIX}*")]
        assert leftovers == []
