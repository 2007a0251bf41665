"""After the meeting: where the minutes are, the decisions, the actions, and the equity view."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.core import timing
from facilitator.core.state import MeetingState
from facilitator.tui.format import minutes
from facilitator.tui.screens.modal import Modal

BAR_WIDTH = 24


def summary_text(state: MeetingState, path: Path | None) -> Text:
    """The whole summary as one literal Text (names and titles are never markup)."""
    out = Text()
    out.append("Meeting ended.\n", style="bold")
    if path is not None:
        out.append("Minutes: ")
        out.append(str(path), style="bold")
        out.append("\n")
    else:
        out.append("The minutes were not written: see the warning. The journal is safe.\n")
    out.append("\nDecisions\n", style="bold underline")
    if not state.decisions:
        out.append("  none\n")
    for d in state.decisions:
        out.append(f"  {d.decision_id} {d.outcome}: " + ("🔒 " if d.confidential else ""))
        out.append(d.title)
        out.append("" if d.quorum_met else "  ⚠ without quorum")
        out.append("\n")
    out.append("\nActions\n", style="bold underline")
    if not state.actions:
        out.append("  none\n")
    for a in state.actions:
        out.append(f"  {a.action_id} ")
        out.append(a.text)
        out.append(" — ")
        out.append(a.owner)
        out.append(f" (by {a.due})\n" if a.due else "\n")
    if state.carried:
        out.append("\nActions carried from earlier meetings\n", style="bold underline")
    for a in state.carried:
        out.append(f"  {a.action_id} ")
        out.append(a.text)
        out.append(" — ")
        out.append(a.owner)
        out.append(f": {a.status}\n")
    open_items = [
        state.items[i]
        for i in state.order
        if state.items[i].status in ("pending", "skipped", "deferred")
    ]
    if open_items:
        out.append("\nNot reached, skipped or deferred\n", style="bold underline")
        for item in open_items:
            out.append("  ")
            out.append(item.title)
            out.append(f" ({'not reached' if item.status == 'pending' else item.status})\n")
    out.append("\nTalk time (turns · minutes)\n", style="bold underline")
    talk = timing.talk(state, state.end_mono or state.last_mono or 0.0)
    most = max((t.seconds for t in talk.values()), default=0.0) or 1.0
    width = max((len(name) for name in talk), default=0)
    for t in sorted(talk.values(), key=lambda t: -t.seconds):
        filled = round(BAR_WIDTH * t.seconds / most)
        out.append(f"  {t.name.ljust(width)} ")
        out.append("█" * filled + "·" * (BAR_WIDTH - filled))
        out.append(f" {t.turns} · {minutes(t.seconds)}\n")
    return out


class SummaryScreen(Modal[None]):
    """Shown once the final minutes are written; q or Escape quits the app."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape,enter", "quit_app", "Quit", id="summary-quit"),
    ]

    def __init__(self, state: MeetingState, path: Path | None) -> None:
        super().__init__()
        self._text = summary_text(state, path)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary-box", classes="modal-box"):
            yield Static(self._text, id="summary-text")
            yield Static(Text("Press q to leave."), id="summary-help")

    def action_quit_app(self) -> None:
        """Leave the app."""
        self.app.exit(0)
