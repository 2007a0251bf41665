"""Warnings before and when time runs out: the bell, and something everyone can see.

A facilitator beside a video call may have the sound off, and the bell alone rang
only at zero. `TimeAlerts` watches the item's timebox and the speaker's turn as the
panels report them, and says once per crossing what to show: a warning when the
timebox enters its last `warn_before` seconds, and when a turn reaches its limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from facilitator.core.durations import format_clock
from facilitator.i18n import _
from facilitator.tui.format import TimerState
from facilitator.tui.view import ItemView, StackView


@dataclass(frozen=True)
class Alert:
    """One thing to show (and maybe ring) now."""

    message: str
    """Plain text for a toast; names are data, never markup."""
    ring: bool
    """Ring the bell too (at zero, as before)."""
    severity: Literal["warning", "error"] = "warning"
    """The toast's severity: "warning" or "error"."""


@dataclass
class TimeAlerts:
    """Decides, once per crossing, which warnings to show; the screen shows them."""

    bell: bool = True
    """Ring the terminal bell when a timebox or turn runs out."""
    warn_before: int = 60
    """Seconds left on the timebox when the early warning shows; 0: none."""
    turn_warning: bool = True
    """Show a warning when a turn reaches its limit."""
    _seen: set[tuple[str, str]] = field(default_factory=set)
    """Crossings already announced. The key names the timer, so a new item, a new turn
    or an extension (a new timebox) can warn again."""

    def check(
        self,
        item: ItemView | None,
        item_state: TimerState,
        stack: StackView,
        turn_state: TimerState,
    ) -> list[Alert]:
        """The alerts for crossings not announced before."""
        out: list[Alert] = []
        if item is not None:
            box = f"{item.item_id}:{item.planned}"
            warn = item_state is TimerState.WARN and self.warn_before > 0
            if warn and self._first(("item-warn", box)):
                out.append(
                    Alert(
                        _("{time} left for “{title}”: wrap up.").format(
                            time=format_clock(self.warn_before), title=item.title
                        ),
                        ring=False,
                    )
                )
            if item_state is TimerState.OVER and self._first(("item", box)):
                out.append(
                    Alert(
                        _("Time is up for “{title}”.").format(title=item.title),
                        ring=self.bell,
                        severity="error",
                    )
                )
        if turn_state is TimerState.OVER and stack.speaker is not None:
            turn = f"{stack.speaker}:{stack.turn.since}:{stack.turn.base}"
            if self._first(("turn", turn)):
                if self.turn_warning:
                    out.append(
                        Alert(
                            _("{speaker}: the turn limit is reached.").format(
                                speaker=stack.speaker
                            ),
                            ring=self.bell,
                        )
                    )
                elif self.bell:
                    out.append(Alert("", ring=True))
        return out

    def _first(self, key: tuple[str, str]) -> bool:
        if key in self._seen:
            return False
        self._seen.add(key)
        return True
