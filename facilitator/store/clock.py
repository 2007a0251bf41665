"""The real clock: UTC wall time plus a monotonic reading that counts suspend.

The core never reads a clock; the session is handed a `Clock` (see
facilitator/core/clock.py). This is the one that reads the system:

- `wall` is `datetime.now(UTC)`, for the minutes and the audit trail.
- `mono` is `CLOCK_BOOTTIME` on Linux, so a laptop lid closed mid-meeting
  counts as elapsed meeting time. On macOS, `CLOCK_MONOTONIC` (which also counts
  sleep there); elsewhere `time.monotonic()`.

Resuming after a reboot. A monotonic clock restarts near zero at boot, while
the journal holds readings from the old boot. Timing is computed from
differences of `mono`, so the readings must continue the old series. That is
this module's job, not the engine's: `SystemClock.resuming(last, ...)` takes the
last journalled reading and, if the machine was rebooted since, offsets every
reading so that the gap counts as the wall-clock time that passed (the only
measure that survives a reboot). Without a reboot the raw readings are used
unchanged. In every case readings never go below `last.mono`.

A reboot is told from a wall-clock step by the kernel's boot id
(`/proc/sys/kernel/random/boot_id`, which the journal records), never by the
size of the gap: a clock set forward by 3 hours between a crash and the resume
once added 3 hours to the running turn and timebox, for good. When a boot id is
missing (an older journal, a system without one) and the two clocks disagree,
the smaller of the two measures is used and `note` says so, with both, so the
facilitator can check the break's length (the screen shows it as a warning;
there is no prompt for it yet).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from facilitator.core.clock import Instant
from facilitator.i18n import _

REBOOT_TOLERANCE_SECONDS = 30.0
"""How far the wall-clock gap and the monotonic gap may differ before they are said to
disagree (NTP slewing moves them apart by well under a second an hour). Used only when
no boot id tells a reboot from a clock step."""


BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")
"""Linux's id of the current boot: a new random UUID at every boot."""


def read_boot_id(path: Path = BOOT_ID_FILE) -> str | None:
    """This boot's id, or None where there is none (not Linux, a locked-down /proc)."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None
    return text if 8 <= len(text) <= 64 and text.replace("-", "").isalnum() else None


def _pick_mono_source() -> Callable[[], float]:
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return lambda: time.clock_gettime(boottime)
    if sys.platform == "darwin":
        # macOS's CLOCK_MONOTONIC includes sleep; time.monotonic() there does not.
        return lambda: time.clock_gettime(time.CLOCK_MONOTONIC)
    return time.monotonic


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SystemClock:
    """Reads the system clocks; implements core's `Clock` protocol.

    `offset` is added to every raw monotonic reading; it is 0 for a fresh
    meeting and set by `resuming` after a reboot.
    """

    def __init__(
        self,
        *,
        offset: float = 0.0,
        floor: float = float("-inf"),
        mono_source: Callable[[], float] | None = None,
        wall_source: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self._mono = mono_source or _pick_mono_source()
        self._wall = wall_source or _utc_now
        self.offset = offset
        """Seconds added to each raw monotonic reading (non-zero only after a reboot)."""
        self._floor = floor
        self.note: str | None = None
        """After `resuming` had to guess how long the break was: what it chose, and why."""

    @classmethod
    def resuming(
        cls,
        last: Instant | None,
        *,
        last_boot: str | None = None,
        boot_now: str | None = None,
        mono_source: Callable[[], float] | None = None,
        wall_source: Callable[[], dt.datetime] | None = None,
    ) -> SystemClock:
        """A clock that continues the monotonic series of a journal whose last reading is `last`.

        `last` is the wall and mono of the newest journalled event (None for a
        journal without events, which needs no continuity). `last_boot` is the boot id
        the journal recorded for it and `boot_now` this boot's (None: not known).
        """
        clock = cls(mono_source=mono_source, wall_source=wall_source)
        if last is None:
            return clock
        raw = clock._mono()
        wall = clock._wall()
        clock._floor = last.mono
        wall_gap = max(0.0, (wall - last.wall).total_seconds())
        if last_boot is not None and boot_now is not None:
            if last_boot == boot_now and raw >= last.mono:
                return clock  # same boot: the monotonic clock is right, whatever the wall did
            clock.offset = last.mono + wall_gap - raw
            return clock
        if raw < last.mono:
            clock.offset = last.mono + wall_gap - raw  # a restart for sure
            return clock
        mono_gap = raw - last.mono
        if abs(mono_gap - wall_gap) > REBOOT_TOLERANCE_SECONDS:
            # A reboot, or the wall clock set while the machine ran: no boot id to tell.
            # Counting too much would stay in the minutes for good, so take the smaller.
            chosen = min(mono_gap, wall_gap)
            clock.offset = last.mono + chosen - raw
            clock.note = _(
                "The break since the last saved action is {running} by the computer's "
                "running clock but {wall} by the wall clock (was it restarted, or its clock "
                "changed?). {counted} was counted"
            ).format(running=_span(mono_gap), wall=_span(wall_gap), counted=_span(chosen))
        return clock

    def now(self) -> Instant:
        """The current wall time (UTC) and monotonic reading, in seconds."""
        # The floor keeps readings from ever running backwards: not below the
        # journal's last reading after a resume, nor below this clock's previous one.
        mono = max(self._mono() + self.offset, self._floor)
        self._floor = mono
        return Instant(wall=self._wall(), mono=mono)


def _span(seconds: float) -> str:
    s = round(seconds)
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    if h:
        return f"{h} h {m:02d} min"
    return f"{m} min {sec:02d} s" if m else f"{sec} s"


def last_instant(records: Sequence[Mapping[str, Any]]) -> Instant | None:
    """The wall and mono readings of the newest journal record that has both, if any.

    Hand it to `SystemClock.resuming` when resuming a journal.
    """
    for record in reversed(records):
        at, mono = record.get("at"), record.get("mono")
        if isinstance(at, str) and isinstance(mono, int | float):
            try:
                wall = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
            except ValueError:
                continue
            if wall.tzinfo is None:
                wall = wall.replace(tzinfo=dt.UTC)
            return Instant(wall=wall, mono=float(mono))
    return None
