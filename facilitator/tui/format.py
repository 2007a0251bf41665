"""Plain formatting of times and timer states for the screen (no widgets here).

Every state is carried by a label and an icon as well as a colour class, so
meaning never rests on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from facilitator.core.visible import visible
from facilitator.i18n import _


class TimerState(StrEnum):
    """How a countdown stands; also the CSS class widgets put on the timer."""

    OK = "ok"
    WARN = "warn"
    OVER = "over"
    PAUSED = "paused"
    IDLE = "idle"


ICONS = {
    TimerState.OK: "⏱",
    TimerState.WARN: "⚠",
    TimerState.OVER: "⛔",
    TimerState.PAUSED: "⏸",
    TimerState.IDLE: "·",
}
"""One icon per timer state, shown beside the label."""

CURRENT_MARK = "▶"
"""Marks the current item in the agenda and the speaker in the stack."""


def shown(text: str) -> str:
    """Agenda text as the screen may draw it: escape sequences and other control or
    invisible characters as visible escapes (`\\x1b`), line breaks kept as line breaks.

    An agenda file is typed by anyone; an ESC sequence in a title must not repaint the
    facilitator's terminal. Names are not passed through here: `check` refuses control
    characters in them, since they are also what commands are given.
    """
    return "\n".join(visible(line) for line in text.split("\n"))


def clock(seconds: float) -> str:
    """`m:ss` under an hour, `h:mm:ss` from an hour; never negative."""
    s = max(0, int(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def minutes(seconds: float) -> str:
    """Whole minutes rounded for the agenda columns, like `10m` (`<1m` below a minute)."""
    if seconds <= 0:
        return "0m"
    if seconds < 60:
        return "<1m"
    return f"{round(seconds / 60)}m"


@dataclass(frozen=True)
class TimerReading:
    """A countdown as the screen shows it."""

    state: TimerState
    """ok, warn, over, paused or idle."""
    text: str
    """What to print, with its icon and label, e.g. "⛔ OVER +1:20"."""
    time: TimerState = TimerState.OK
    """How the time stands, paused or not: ok, warn or over. A pause stops the clock; it
    does not take back a warning (the item panel's frame stays red while an overrun item
    is paused, as its timer line still says "OVER")."""


def countdown(
    limit: float | None, elapsed: float, *, paused: bool = False, warn_at: float = 60.0
) -> TimerReading:
    """Reading for `elapsed` seconds against `limit` (None: no limit, just elapsed)."""
    if limit is None:
        state = TimerState.PAUSED if paused else TimerState.OK
        return TimerReading(
            state, f"{ICONS[state]} {clock(elapsed)}" + (" " + _("PAUSED") if paused else "")
        )
    left = limit - elapsed
    if left < 0:
        state = TimerState.OVER
        text = f"{ICONS[state]} " + _("OVER +{clock}").format(clock=clock(-left))
    else:
        state = TimerState.WARN if left <= warn_at else TimerState.OK
        label = _("{clock} left") if state is TimerState.OK else _("{clock} left, wrap up")
        text = f"{ICONS[state]} " + label.format(clock=clock(left))
    if paused:
        paused_text = f"{ICONS[TimerState.PAUSED]} " + _("PAUSED") + f" · {text}"
        return TimerReading(TimerState.PAUSED, paused_text, state)
    return TimerReading(state, text, state)
