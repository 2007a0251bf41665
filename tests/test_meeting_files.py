"""`meeting_files`: the stems, minutes writes and cleanup the TUI and `export` call."""

from __future__ import annotations

import datetime as dt
import os
import stat
import tomllib
from pathlib import Path

import pytest

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.store.atomic import TEMP_PREFIX
from facilitator.store.meeting_files import (
    MinutesWriteError,
    cleanup,
    new_stem,
    stem_date,
    write_minutes,
    write_minutes_files,
)
from facilitator.store.minutes import render_doc
from facilitator.store.minutes_view import build
from tests.minutes_parse import check_minutes, split_front_matter
from tests.session_meetings import GOVERNANCE, Driver, governance_meeting

TODAY = dt.date(2026, 12, 9)


def _agenda(**meeting: object) -> Agenda:
    return Agenda.model_validate({**GOVERNANCE, "meeting": {**GOVERNANCE["meeting"], **meeting}})


def _meta(path: Path) -> dict[str, object]:
    return tomllib.loads(split_front_matter(path.read_text(encoding="utf-8"))[0])


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(f"{TEMP_PREFIX}*")]


def test_new_stem_uses_the_day_it_runs_and_never_an_existing_one(tmp_path: Path) -> None:
    agenda = _agenda()  # dated 2026-12-03
    day = dt.date(2026, 12, 3)
    assert new_stem(tmp_path, agenda, day) == "2026-12-03-general-circle-governance"
    # Run a week late, the file is named for the day it ran (issue 9), not the agenda's date.
    assert new_stem(tmp_path, agenda, TODAY) == "2026-12-09-general-circle-governance"
    undated = _agenda(date=None, circle=None, title="🎉🎉")
    assert new_stem(tmp_path, undated, TODAY) == "2026-12-09-meeting"
    (tmp_path / "2026-12-03-general-circle-governance.md").write_text("earlier")
    assert new_stem(tmp_path, agenda, day) == "2026-12-03-general-circle-governance-2"
    private = tmp_path / ".private"
    private.mkdir()
    (private / "2026-12-03-general-circle-governance-2.journal.jsonl").write_text("{}")
    assert new_stem(tmp_path, agenda, day) == "2026-12-03-general-circle-governance-3"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".private",
        "2026-12-03-general-circle-governance.md",
    ], "new_stem creates nothing"


def test_write_minutes_writes_the_shared_and_private_files(tmp_path: Path) -> None:
    state = governance_meeting().session.state
    stem = new_stem(tmp_path, state.agenda, dt.date(2026, 12, 3))  # run on the agenda's date
    shared = write_minutes(state, tmp_path, stem, final=True)
    assert shared == tmp_path / f"{stem}.md"
    private = tmp_path / ".private" / f"{stem}.private.md"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    assert (tmp_path / ".private" / ".gitignore").read_text() == "*\n"
    doc = build(state, status="final")
    assert shared.read_text(encoding="utf-8") == render_doc(doc)
    assert private.read_text(encoding="utf-8") == render_doc(doc, private=True)
    check_minutes(shared.read_text(encoding="utf-8"))


def test_writing_again_is_idempotent_and_atomic(tmp_path: Path) -> None:
    state = governance_meeting().session.state
    stem = "2026-12-03-general-circle-governance"
    first = write_minutes(state, tmp_path, stem, final=True).read_bytes()
    private = (tmp_path / ".private" / f"{stem}.private.md").read_bytes()
    for _ in range(3):
        assert write_minutes(state, tmp_path, stem, final=True).read_bytes() == first
    assert (tmp_path / ".private" / f"{stem}.private.md").read_bytes() == private
    assert _temp_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".private", f"{stem}.md"]


def test_drafts_refresh_as_the_meeting_goes_then_the_final_replaces_them(tmp_path: Path) -> None:
    d = governance_meeting(end=False)
    stem = "2026-12-03-general-circle-governance"
    path = write_minutes(d.session.state, tmp_path, stem, final=False)
    assert _meta(path)["status"] == "draft" and "ended" not in _meta(path)
    assert "| 5 | Select a delegate | 20 min | 1 min | running |" in path.read_text()
    d.do(C.EndTurn(), 45)
    d.do(C.FinishItem())
    write_minutes(d.session.state, tmp_path, stem, final=False)
    assert "| 5 | Select a delegate | 20 min | 3 min | done |" in path.read_text()
    d.do(C.EndMeeting())
    write_minutes(d.session.state, tmp_path, stem, final=True)
    meta = _meta(path)
    assert meta["status"] == "final" and "ended" in meta
    assert _meta(tmp_path / ".private" / f"{stem}.private.md")["status"] == "final"
    assert _temp_files(tmp_path) == []


def test_nothing_confidential_means_no_private_record(tmp_path: Path) -> None:
    d = Driver(_agenda())
    d.do(C.StartMeeting(present=("Jamal Price", "Lin Zhou")))
    d.do(C.StartItem())
    d.do(C.AddNote("open"))
    files = write_minutes_files(d.session.state, tmp_path, "2026-12-03-gc", final=False)
    assert files.private is None and not (tmp_path / ".private").exists()
    assert files.shared.read_text(encoding="utf-8").count("- open") == 1


def test_the_front_matter_date_is_the_stems_and_the_agenda_path_is_kept(tmp_path: Path) -> None:
    d = Driver(_agenda(date=None))
    d.do(C.StartMeeting())
    path = write_minutes(
        d.session.state,
        tmp_path,
        "2026-12-04-general-circle-governance",
        final=False,
        agenda_path="agendas/gc.toml",
    )
    meta = _meta(path)
    assert meta["date"] == dt.date(2026, 12, 4)  # local day in the name, not the UTC start day
    assert meta["agenda"] == "agendas/gc.toml"
    assert stem_date("2026-12-04-x") == dt.date(2026, 12, 4) and stem_date("minutes") is None


def test_a_write_failure_is_one_plain_message(tmp_path: Path) -> None:
    blocker = tmp_path / "minutes"
    blocker.write_text("a file where the folder should be")
    state = governance_meeting().session.state
    with pytest.raises(MinutesWriteError) as info:
        write_minutes(state, blocker, "2026-12-03-gc", final=True)
    assert str(info.value).startswith("could not write the minutes to ")
    assert "Traceback" not in str(info.value) and "Errno" not in str(info.value)


def test_cleanup_removes_dead_writers_temp_files_only(tmp_path: Path) -> None:
    private = tmp_path / ".private"
    private.mkdir()
    dead = 2**22 + 12345  # above Linux's largest pid: no such process
    mine = os.getpid()
    for folder in (tmp_path, private):
        (folder / f"{TEMP_PREFIX}{dead}-abc").write_text("half a file")
        (folder / f"{TEMP_PREFIX}{mine}-def").write_text("being written right now")
    (tmp_path / "2026-12-03-gc.md").write_text("minutes")
    assert cleanup(tmp_path) == 2
    left = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")}
    assert left == {
        ".private",
        f".private/{TEMP_PREFIX}{mine}-def",
        f"{TEMP_PREFIX}{mine}-def",
        "2026-12-03-gc.md",
    }
    assert cleanup(tmp_path / "missing") == 0
