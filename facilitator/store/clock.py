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
this module's job, not the engine's: `SystemClock.resuming(last)` takes the
last journalled reading and, if the machine was rebooted since, offsets every
reading so that the gap counts as the wall-clock time that passed (the only
measure that survives a reboot). Without a reboot the raw readings are used
unchanged. In every case readings never go below `last.mono`.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from facilitator.core.clock import Instant

REBOOT_TOLERANCE_SECONDS = 30.0
"""How far the implied boot moment (wall - mono) may drift before we call it a reboot.

NTP slewing moves it by well under a second an hour; a reboot moves it by at
least the old boot's uptime, which is minutes at the very least by the time a
meeting is running.
"""


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

    @classmethod
    def resuming(
        cls,
        last: Instant | None,
        *,
        mono_source: Callable[[], float] | None = None,
        wall_source: Callable[[], dt.datetime] | None = None,
    ) -> SystemClock:
        """A clock that continues the monotonic series of a journal whose last reading is `last`.

        `last` is the wall and mono of the newest journalled event (None for a
        journal without events, which needs no continuity).
        """
        clock = cls(mono_source=mono_source, wall_source=wall_source)
        if last is None:
            return clock
        raw = clock._mono()
        wall = clock._wall()
        if _same_boot(last, wall, raw):
            clock._floor = last.mono
            return clock
        gap = max(0.0, (wall - last.wall).total_seconds())
        clock.offset = last.mono + gap - raw
        clock._floor = last.mono
        return clock

    def now(self) -> Instant:
        """The current wall time (UTC) and monotonic reading, in seconds."""
        # The floor keeps readings from ever running backwards: not below the
        # journal's last reading after a resume, nor below this clock's previous one.
        mono = max(self._mono() + self.offset, self._floor)
        self._floor = mono
        return Instant(wall=self._wall(), mono=mono)


def _same_boot(last: Instant, wall: dt.datetime, raw_mono: float) -> bool:
    """Whether `raw_mono` comes from the same boot as `last.mono`.

    A reading below the old one means a restart for sure. Otherwise compare the
    implied boot moments (wall minus mono), which stay put within one boot.
    """
    if raw_mono < last.mono:
        return False
    boot_then = last.wall.timestamp() - last.mono
    boot_now = wall.timestamp() - raw_mono
    return abs(boot_now - boot_then) <= REBOOT_TOLERANCE_SECONDS


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
