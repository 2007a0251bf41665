"""The real clock (`SystemClock`) and how it continues a journal's readings after a reboot.

The raw clock sources are injected, so nothing here waits or depends on the
time of day; one test reads the real clocks and checks only their shape.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.clock import Instant
from facilitator.store.clock import SystemClock, last_instant, read_boot_id

T0 = dt.datetime(2026, 11, 24, 23, 0, 0, tzinfo=dt.UTC)


class Sources:
    """Hand-driven raw clocks: a wall time and a monotonic reading."""

    def __init__(self, wall: dt.datetime, mono: float) -> None:
        self.wall = wall
        self.mono = mono

    def advance(self, seconds: float) -> None:
        self.wall += dt.timedelta(seconds=seconds)
        self.mono += seconds

    def clock(
        self, last: Instant | None, boots: tuple[str | None, str | None] = (None, None)
    ) -> SystemClock:
        return SystemClock.resuming(
            last,
            last_boot=boots[0],
            boot_now=boots[1],
            mono_source=lambda: self.mono,
            wall_source=lambda: self.wall,
        )


def test_real_clock_reads_utc_and_never_runs_backwards() -> None:
    clock = SystemClock()
    a, b = clock.now(), clock.now()
    assert a.wall.tzinfo is not None and a.wall.utcoffset() == dt.timedelta(0)
    assert b.mono >= a.mono


def test_fresh_meeting_uses_raw_readings() -> None:
    src = Sources(T0, 5000.0)
    clock = src.clock(None)
    assert clock.now() == Instant(wall=T0, mono=5000.0)
    src.advance(90)
    assert clock.now().mono == 5090.0


def test_resume_on_the_same_boot_keeps_raw_readings() -> None:
    src = Sources(T0, 5000.0)
    last = Instant(wall=T0, mono=5000.0)
    src.advance(600)  # the app was killed and restarted ten minutes later
    assert src.clock(last).now().mono == 5600.0


def test_resume_after_reboot_continues_from_the_last_reading_by_wall_time() -> None:
    last = Instant(wall=T0, mono=86_400.0)  # the old boot had been up a day
    src = Sources(T0 + dt.timedelta(seconds=240), 35.0)  # rebooted, 4 minutes later
    clock = src.clock(last)
    assert clock.now().mono == 86_640.0
    src.advance(60)
    assert clock.now().mono == 86_700.0, "elapsed time after resume is counted normally"


def test_reboot_detected_by_the_boot_id_even_when_the_new_uptime_is_larger() -> None:
    last = Instant(wall=T0, mono=300.0)  # booted 5 minutes before the last event
    src = Sources(T0 + dt.timedelta(hours=2), 3000.0)  # new boot, up 50 minutes
    clock = src.clock(last, ("boot-a", "boot-b"))
    assert clock.now().mono == 300.0 + 7200.0 and clock.note is None


def test_a_wall_clock_jump_on_the_same_boot_adds_nothing_to_the_meeting() -> None:
    last = Instant(wall=T0, mono=5000.0)
    src = Sources(T0, 5000.0)
    src.advance(120)  # two minutes of real time between the crash and the resume...
    src.wall += dt.timedelta(hours=3)  # ...during which the wall clock was set 3 h forward
    clock = src.clock(last, ("boot-a", "boot-a"))
    # Before, a gap of more than 30 s was taken for a reboot: +3 h on the turn, for good.
    assert clock.now().mono == 5120.0 and clock.note is None


def test_without_boot_ids_a_disagreement_counts_the_smaller_gap_and_says_so() -> None:
    last = Instant(wall=T0, mono=5000.0)
    src = Sources(T0, 5000.0)
    src.advance(120)
    src.wall += dt.timedelta(hours=3)
    clock = src.clock(last)
    assert clock.now().mono == 5120.0
    assert clock.note is not None
    assert "2 min 00 s by the computer's running clock" in clock.note
    assert "3 h 02 min by the wall clock" in clock.note and "2 min 00 s was counted" in clock.note
    # A reboot where the new uptime is larger: the wall gap is the smaller one here.
    last = Instant(wall=T0, mono=300.0)
    src = Sources(T0 + dt.timedelta(hours=2), 9000.0)
    clock = src.clock(last)
    assert clock.now().mono == 300.0 + 7200.0 and clock.note is not None


def test_boot_id_is_read_and_checked(tmp_path: Path) -> None:
    f = tmp_path / "boot_id"
    f.write_text("6a1f4c2e-0b7d-4a57-9d0e-3f2b8c1a9e77\n")
    assert read_boot_id(f) == "6a1f4c2e-0b7d-4a57-9d0e-3f2b8c1a9e77"
    f.write_text("\x1b[2J")
    assert read_boot_id(f) is None
    assert read_boot_id(tmp_path / "missing") is None


def test_the_journal_records_the_boot_id_once_per_process_and_reads_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.store import journal as journal_module
    from facilitator.store.journal import Journal, read_journal
    from tests.journal_support import new_journal, note

    monkeypatch.setattr(journal_module, "read_boot_id", lambda: "boot-one")
    with new_journal(tmp_path) as j:
        assert j.boot_id is None
        j.append([note(1)])
        j.append([note(2)])
        path = j.path
    assert path.read_bytes().count(b'"_b":"boot-one"') == 1
    contents = read_journal(path)
    assert contents.boot_id == "boot-one" and contents.records == [note(1), note(2)]
    monkeypatch.setattr(journal_module, "read_boot_id", lambda: "boot-two")
    with Journal.open(path) as j:
        assert j.boot_id == "boot-one"  # what resume compares with this boot's id
        j.append([note(3)])
    assert read_journal(path).boot_id == "boot-two"


def test_wall_clock_set_backwards_never_makes_readings_go_below_the_journal() -> None:
    last = Instant(wall=T0, mono=86_400.0)
    src = Sources(T0 - dt.timedelta(hours=1), 20.0)  # rebooted with a wrong, earlier clock
    clock = src.clock(last)
    assert clock.now().mono == 86_400.0
    src.advance(10)
    assert clock.now().mono == 86_410.0


def test_a_stepping_raw_source_is_held_monotonic() -> None:
    src = Sources(T0, 100.0)
    clock = src.clock(None)
    assert clock.now().mono == 100.0
    src.mono = 99.5
    assert clock.now().mono == 100.0


def test_last_instant_reads_the_newest_record() -> None:
    records: list[dict[str, Any]] = [
        {"type": "A", "at": "2026-11-24T23:00:00Z", "mono": 10.0},
        {"type": "B", "at": "2026-11-24T23:00:05+00:00", "mono": 15},
        {"type": "C"},
    ]
    assert last_instant(records) == Instant(wall=T0 + dt.timedelta(seconds=5), mono=15.0)
    assert last_instant([]) is None
