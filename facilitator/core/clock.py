"""Time as data: the `Clock` protocol the session is handed, and a `FakeClock` for tests.

The core never reads a clock itself. Each command is stamped with one `Instant`
(UTC wall time plus a monotonic reading in seconds). Durations are always
differences of `mono`, so a wall-clock jump (NTP, a time-zone change) never
bends a timer; `wall` is kept for the minutes and the audit trail. The real
clock is `facilitator.store.clock.SystemClock`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Instant:
    """One reading of the clocks."""

    wall: dt.datetime
    """UTC wall-clock time (timezone-aware)."""
    mono: float
    """Monotonic seconds; only differences between readings mean anything."""

    def iso(self) -> str:
        """The wall time as ISO 8601 in UTC with a `Z`, to the millisecond."""
        return (
            self.wall.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        )


class Clock(Protocol):
    """Anything that can say what time it is."""

    def now(self) -> Instant:
        """The current reading."""
        ...


class FakeClock:
    """A clock the tests move by hand; it never moves by itself."""

    def __init__(
        self,
        mono: float = 1000.0,
        wall: dt.datetime = dt.datetime(2026, 11, 24, 18, 0, tzinfo=dt.UTC),
    ) -> None:
        self.mono = mono
        """The current monotonic reading."""
        self.wall = wall
        """The current wall time."""

    def now(self) -> Instant:
        """The current (fake) reading."""
        return Instant(wall=self.wall, mono=self.mono)

    def advance(self, seconds: float) -> None:
        """Move both clocks forward by `seconds`."""
        self.mono += seconds
        self.wall += dt.timedelta(seconds=seconds)


def parse_iso(text: str) -> dt.datetime:
    """Read a timestamp written by `Instant.iso` (or any ISO 8601 string with an offset)."""
    when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)
