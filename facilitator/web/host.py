"""What the members' view server needs from the running meeting (the app provides it)."""

from __future__ import annotations

from typing import Any, Protocol

from facilitator.core.state import MeetingState


class Host(Protocol):
    """What the server needs from the running meeting (the app provides it)."""

    def state(self) -> MeetingState:
        """The engine's current state."""

    def now(self) -> float:
        """The meeting clock's monotonic reading."""

    def submit(self, command: Any, device: str) -> str | None:
        """Run a member's command, marked with `device`; None when recorded, else why not."""

    def activity(self) -> None:
        """Devices, claims or the inbox changed (the TUI redraws its share line)."""


__all__ = ["Host"]
