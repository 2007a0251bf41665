"""kill -9 at random points of the scripted meeting, then resume: nothing acknowledged is lost.

A CI-sized run of the campaign in tests/journal_child.py (bench/kill_harness.py
runs a larger N, with random delays). The kill points are random but seeded,
and chosen by counting acknowledgements, not by sleeping: the child is
killed somewhere inside the `do` after the one it acknowledged last.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitator.store.journal import read_journal
from tests.journal_child import campaign
from tests.meeting_script import reference_records

KILLS = 120


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A record without what depends on the real clock: its stamps, and talk times in reasons."""
    out = {k: v for k, v in record.items() if k not in ("at", "mono")}
    if out["type"] == "FloorGiven":
        out["reason"] = out["reason"].split(";")[0]
    return out


def test_kill_nine_loses_nothing_acknowledged_and_always_resumes(tmp_path: Path) -> None:
    report = campaign(tmp_path, KILLS, seed=20261124)
    print(
        f"kill -9: {report.kills} kills, {report.acknowledged} events acknowledged, "
        f"{report.lost} acknowledged events lost, {report.unreadable} unreadable journals, "
        f"resumes {report.resumes_ok}/{report.resumes}, {len(report.journals)} meetings"
    )
    assert report.errors == []
    assert report.kills == KILLS
    assert report.lost == 0
    assert report.unreadable == 0
    # A kill that lands after the child finished its script (it raced the "done") needs no resume.
    assert report.resumes == report.resumes_ok == KILLS - report.late_kills
    # A kill can land after an event is on disk but before the child says so: such events
    # were never acknowledged, so they may be there; every acknowledged one must be.
    assert 200 <= report.acknowledged <= report.final_events
    # Each meeting, however often it was killed, wrote what an uninterrupted run writes.
    expected = [comparable(r) for r in reference_records()]
    for path in report.journals:
        assert [comparable(r) for r in read_journal(path).records] == expected
