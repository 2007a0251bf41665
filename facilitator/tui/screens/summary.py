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
from facilitator.i18n import N_, _, ngettext
from facilitator.tui.commands import app_keymap, key_label, spec
from facilitator.tui.format import minutes
from facilitator.tui.screens.modal import Modal
from facilitator.tui.words import action_statuses, item_statuses, outcome_word, word

BAR_WIDTH = 24


def summary_text(state: MeetingState, path: Path | None, *, sharing: bool = False) -> Text:
    """The whole summary as one literal Text (names and titles are never markup).

    `sharing`: the screen is shared, so what `core.shared_screen` keeps private is left
    out and counted instead.
    """
    out = Text()
    out.append(_("Meeting ended."), style="bold")
    out.append("  ⧉ " + _("sharing: confidential content hidden") + "\n" if sharing else "\n")
    if path is not None:
        out.append(_("Minutes:") + " ")
        out.append(str(path), style="bold")
        out.append("\n")
    else:
        out.append(_("The minutes were not written: see the warning. The journal is safe.") + "\n")
    _heading(out, _("Decisions"))
    decisions = [d for d in state.decisions if not sharing or share.record_shared(d)]
    if not state.decisions:
        out.append("  " + _("none") + "\n")
    for d in decisions:
        outcome = outcome_word(d.outcome)
        out.append(f"  {d.decision_id} {outcome}: " + ("🔒 " if d.confidential else ""))
        out.append(d.title)
        out.append("" if d.quorum_met else "  ⚠ " + _("without quorum"))
        out.append("\n")
    hidden = len(state.decisions) - len(decisions)
    _hidden(out, ngettext("{n} decision", "{n} decisions", hidden).format(n=hidden), hidden)
    _heading(out, _("Actions"))
    actions = [a for a in state.actions if not sharing or share.record_shared(a)]
    if not state.actions:
        out.append("  " + _("none") + "\n")
    for a in actions:
        _action(out, a)
        out.append(" " + _("(by {due})").format(due=a.due) + "\n" if a.due else "\n")
    _hidden_actions(out, len(state.actions) - len(actions))
    carried = [a for a in state.carried if not sharing or share.record_shared(a)]
    if state.carried:
        _heading(out, _("Actions carried from earlier meetings"))
    said = action_statuses()
    for a in carried:
        _action(out, a)
        out.append(f": {word(said, a.status)}\n")
    _hidden_actions(out, len(state.carried) - len(carried))
    open_items = [
        state.items[i]
        for i in state.order
        if state.items[i].status in ("pending", "skipped", "deferred")
    ]
    statuses = item_statuses()
    if open_items:
        _heading(out, _("Not reached, skipped or deferred"))
        for item in open_items:
            out.append("  ")
            if sharing:
                out.append(share.shared_title(item))
            else:
                out.append(("🔒 " if item.confidential else "") + item.title)
            status = _("not reached") if item.status == "pending" else word(statuses, item.status)
            out.append(f" ({status})\n")
    _heading(out, _("Talk time (turns · minutes)"))
    end = state.end_mono or state.last_mono or 0.0
    # While sharing, talk time is the shared minutes': turns on confidential items and off
    # the record are left out (who spoke, and how long, during them is theirs).
    counted = (lambda t: share.turn_shared(state.items, t)) if sharing else None
    talk = timing.talk(state, end, counted=counted)
    if sharing and any(not share.turn_shared(state.items, t) for t in state.all_turns()):
        out.append(
            "  " + _("turns on confidential items and off the record") + f" {hidden_word()}\n",
            style="italic",
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
        out.append(" " + _("(off the record)"), style="italic")


def _heading(out: Text, heading: str) -> None:
    out.append("\n")
    out.append(heading, style="bold underline")
    out.append("\n")


def hidden_word() -> str:
    """What stands in for what may not be shown while sharing, in the screen's language."""
    return _(str(share.HIDDEN))


def _hidden(out: Text, said: str, n: int) -> None:
    """`said` ("2 actions") were left out while sharing: say so."""
    if n:
        out.append(f"  {said} {hidden_word()}\n", style="italic")


def _hidden_actions(out: Text, n: int) -> None:
    _hidden(out, ngettext("{n} action", "{n} actions", n).format(n=n), n)


_SHARING = spec("sharing")


class SummaryScreen(Modal[None]):
    """Shown once the final minutes are written; q or Escape quits the app."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape,enter", "quit_app", N_("Quit"), id="summary-quit"),
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
            Text(
                _("Press q to leave · {key}: sharing off").format(key=toggle)
                if self.sharing
                else _("Press q to leave · {key}: sharing on").format(key=toggle)
            )
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
