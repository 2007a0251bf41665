"""What the run screen needs from a meeting, as a Protocol, and the errors it reports.

`LiveMeeting` is implemented by `facilitator.tui.live.JournalledMeeting` (the
engine session, its journal and the minutes writer). Keeping the screen on this
small Protocol lets widget tests and the benchmark drive the screen directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    # Type hints only: importing the agenda models (pydantic) here cost the first frame
    # ~0.3 s, and the view module is not needed before the run screen is built.
    from pathlib import Path

    from facilitator.core.agenda import Agenda
    from facilitator.tui.view import MeetingView


class MeetingError(Exception):
    """The engine refused a command; the message is plain and safe to show."""


class StorageProblem(Exception):
    """Nothing could be saved; the message is plain and safe to show."""


class LiveMeeting(Protocol):
    """A running meeting as the run screen sees it."""

    agenda: Agenda
    """The agenda (participants, items)."""

    @property
    def state(self) -> Any:
        """The engine's current MeetingState (handed to process panels)."""

    def now(self) -> float:
        """The clock's monotonic reading now."""

    def view(self, now: float) -> MeetingView:
        """What to draw."""

    def do(self, command: Any) -> None:
        """Run a command: raises MeetingError (refused) or StorageProblem (not saved)."""

    def finish(self) -> Path | None:
        """After the meeting ended: write the final minutes; their path."""

    def close(self) -> None:
        """Release the journal (unlock)."""
