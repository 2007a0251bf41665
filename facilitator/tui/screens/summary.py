"""After the meeting: where the minutes are, the decisions, the actions, and the equity view.

It follows the sharing toggle (⇧S, also here): while sharing, it names no confidential
item and shows none of its decisions or actions, nor what was recorded off the record,
and says how many it left out; not sharing, the facilitator sees everything, marked 🔒.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.core import shared_screen as share
from facilitator.core import timing
from facilitator.core.records import Action
from facilitator.core.state import MeetingState
from facilitator.tui.commands import app_keymap, key_label, spec
from facilitator.tui.format import minutes
from facilitator.tui.screens.modal import Modal

BAR_WIDTH = 24


def summary_text(state: MeetingState, path: Path | None, *, sharing: bool = False) -> Text:
    """The whole summary as one literal Text (names and titles are never markup).

    `sharing`: the screen is shared, so what `core.shared_screen` keeps private is left
    out and counted instead.
    """
    out = Text()
    out.append("Meeting ended.", style="bold")
    out.append("  ⧉ sharing: confidential content hidden\n" if sharing else "\n")
    if path is not None:
        out.append("Minutes: ")
        out.append(str(path), style="bold")
        out.append("\n")
    else:
        out.append("The minutes were not written: see the warning. The journal is safe.\n")
    out.append("\nDecisions\n", style="bold underline")
    decisions = [d for d in state.decisions if not sharing or share.record_shared(d)]
    if not state.decisions:
        out.append("  none\n")
    for d in decisions:
        out.append(f"  {d.decision_id} {d.outcome}: " + ("🔒 " if d.confidential else ""))
        out.append(d.title)
        out.append("" if d.quorum_met else "  ⚠ without quorum")
        out.append("\n")
    _hidden(out, len(state.decisions) - len(decisions), "decision")
    out.append("\nActions\n", style="bold underline")
    actions = [a for a in state.actions if not sharing or share.record_shared(a)]
    if not state.actions:
        out.append("  none\n")
    for a in actions:
        _action(out, a)
        out.append(f" (by {a.due})\n" if a.due else "\n")
    _hidden(out, len(state.actions) - len(actions), "action")
    carried = [a for a in state.carried if not sharing or share.record_shared(a)]
    if state.carried:
        out.append("\nActions carried from earlier meetings\n", style="bold underline")
    for a in carried:
        _action(out, a)
        out.append(f": {a.status}\n")
    _hidden(out, len(state.carried) - len(carried), "action")
    open_items = [
        state.items[i]
        for i in state.order
        if state.items[i].status in ("pending", "skipped", "deferred")
    ]
    if open_items:
        out.append("\nNot reached, skipped or deferred\n", style="bold underline")
        for item in open_items:
            out.append("  ")
            if sharing:
                out.append(share.shared_title(item))
            else:
                out.append(("🔒 " if item.confidential else "") + item.title)
            out.append(f" ({'not reached' if item.status == 'pending' else item.status})\n")
    out.append("\nTalk time (turns · minutes)\n", style="bold underline")
    end = state.end_mono or state.last_mono or 0.0
    # While sharing, talk time is the shared minutes': turns on confidential items and off
    # the record are left out (who spoke, and how long, during them is theirs).
    counted = (lambda t: share.turn_shared(state.items, t)) if sharing else None
    talk = timing.talk(state, end, counted=counted)
    if sharing and any(not share.turn_shared(state.items, t) for t in state.all_turns()):
        out.append(
            f"  turns on confidential items and off the record {share.HIDDEN}\n", style="italic"
        )
    most = max((t.seconds for t in talk.values()), default=0.0) or 1.0
    width = max((len(name) for name in talk), default=0)
    for t in sorted(talk.values(), key=lambda t: -t.seconds):
        filled = round(BAR_WIDTH * t.seconds / most)
        out.append(f"  {t.name.ljust(width)} ")
        out.append("█" * filled + "·" * (BAR_WIDTH - filled))
        out.append(f" {t.turns} · {minutes(t.seconds)}\n")
    return out


def _action(out: Text, a: Action) -> None:
    """One action: id, 🔒 or (off the record) when private, text and owner."""
    out.append(f"  {a.action_id} " + ("🔒 " if a.confidential else ""))
    out.append(a.text)
    out.append(" — ")
    out.append(a.owner)
    if a.off_record and not a.confidential:
        out.append(" (off the record)", style="italic")


def _hidden(out: Text, n: int, what: str) -> None:
    if n:
        out.append(f"  {n} {what}{'' if n == 1 else 's'} {share.HIDDEN}\n", style="italic")


_SHARING = spec("sharing")


class SummaryScreen(Modal[None]):
    """Shown once the final minutes are written; q or Escape quits the app."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape,enter", "quit_app", "Quit", id="summary-quit"),
        # The same command (and id, so a remapped key works here too) as on the run screen.
        Binding(_SHARING.key, "toggle_sharing", _SHARING.label, id=_SHARING.id),
    ]

    def __init__(self, state: MeetingState, path: Path | None, *, sharing: bool = False) -> None:
        super().__init__()
        self._state = state
        self._path = path
        self.sharing = sharing
        """Sharing the screen: what is private is left out (and counted)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary-box", classes="modal-box"):
            yield Static(
                summary_text(self._state, self._path, sharing=self.sharing), id="summary-text"
            )
            yield Static(id="summary-help")

    def on_mount(self) -> None:
        self._help()

    def _help(self) -> None:
        toggle = key_label("sharing", app_keymap(self))
        self.query_one("#summary-help", Static).update(
            Text(f"Press q to leave · {toggle}: sharing " + ("off" if self.sharing else "on"))
        )

    def action_toggle_sharing(self) -> None:
        """⇧S: show or hide what is private, as on the run screen."""
        self.sharing = not self.sharing
        self.query_one("#summary-text", Static).update(
            summary_text(self._state, self._path, sharing=self.sharing)
        )
        self._help()

    def action_quit_app(self) -> None:
        """Leave the app."""
        self.app.exit(0)
