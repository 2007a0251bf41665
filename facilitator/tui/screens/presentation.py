"""The presentation view (⇧P): what a projector or a screen share shows the room.

In the spirit of OpenSlides' projector and TCQ's presentation mode: big digits for
the turn and the timebox, who has the floor, the next five in the stack with the
reason for each place, and where the consent process stands, with its tally and
whose turn it is. It always applies the shared-screen rule (`shared_view`), whatever
the sharing toggle says, so nothing confidential ever reaches it.

A vote, a role selection and a dot vote show what `core.public_process` lets the
public see of them (a secret vote's totals, never a name; the nominees' counts only
after the nominations round; dot totals only once everyone is in), the same as the
members' view.

The meeting goes on behind it: the run screen and its key owners (the current
process panel) answer their keys here too (`n` gives the floor, `1`–`4` record
responses, pickers and forms open on top), and the run screen pushes every change
and every tick here: its own 1-second timer runs behind this screen, so this screen
has no timer (nor tick) of its own.
Escape or ⇧P returns to the run screen.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widgets import Digits, Static

from facilitator.core import shared_screen as share
from facilitator.core.state import MeetingState
from facilitator.i18n import N_, _
from facilitator.tui.commands import app_keymap, bindings_for, key_label, spec
from facilitator.tui.format import clock
from facilitator.tui.key_owners import OwnedKeys
from facilitator.tui.screens.presented_process import process_text
from facilitator.tui.translate import translate_bindings
from facilitator.tui.view import MeetingView
from facilitator.tui.view_model import shared_view

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from facilitator.tui.screens.run_screen import RunScreen

NEXT_SHOWN = 5
"""How many waiting people the view lists."""


@dataclass(frozen=True)
class Presented:
    """Everything the presentation view shows, as plain values (tested without a screen)."""

    title: str
    """The current item as a shared screen may name it, with its place in the agenda."""
    speaker: str
    """Who has the floor ("" when nobody)."""
    speaker_note: str
    """The turn's kind and limit, e.g. "direct response · limit 2:00"."""
    turn: str
    """The turn clock (`m:ss`), "" when nobody has the floor."""
    turn_over: bool
    """The speaker passed the limit."""
    timebox: str
    """Time left on the timebox (`m:ss`), `-m:ss` once over; "" when no item runs."""
    timebox_note: str
    """"left", "over", "paused"…"""
    timebox_over: bool
    """The timebox ran out."""
    waiting: tuple[str, ...]
    """The next five: "1. Name (kind) — reason"."""
    more: int
    """How many more wait beyond those five."""
    process: str
    """The consent stage and tally, or the round's turn; "" when there is none."""


def presented(view: MeetingView, state: MeetingState | None, now: float) -> Presented:
    """What the room sees, from the run screen's view (redacted here, always)."""
    view = shared_view(view)
    item = view.item
    stack = view.stack
    current = next((r for r in view.agenda if r.current), None)
    if item is None:
        title = _("Meeting ended") if view.status.ended else _("No item running")
    else:
        where = (
            _("Item {n} of {total} · ").format(n=current.number, total=len(view.agenda))
            if current
            else ""
        )
        title = where + item.title
    if view.status.off_record:
        # The room may know the meeting is off the record, and nothing more of it.
        title += f" · ● {_(share.OFF_RECORD)}"
    turn = stack.turn.at(now) if stack.speaker else 0.0
    over_turn = bool(stack.speaker and stack.limit and turn > stack.limit)
    kinds = _kinds()
    note = [] if stack.speaker_kind == "speak" else [kinds.get(stack.speaker_kind, "")]
    if stack.speaker and stack.limit:
        note.append(_("limit {clock}").format(clock=clock(stack.limit)))
    if item is not None and item.status in ("running", "paused"):
        left = item.planned - item.elapsed.at(now)
        box = clock(left) if left >= 0 else "-" + clock(-left)
        planned = clock(item.planned)
        paused = _("paused · ") if item.paused else ""
        box_note = paused + (
            _("left of the timebox {clock}").format(clock=planned)
            if left >= 0
            else _("over the timebox {clock}").format(clock=planned)
        )
    else:
        left, box, box_note = 0.0, "", ""
    waiting = tuple(
        f"{n}. {w.name}" + (f" ({kinds[w.kind]})" if w.kind in kinds else "") + f" — {w.reason}"
        for n, w in enumerate(stack.waiting[:NEXT_SHOWN], start=1)
    )
    return Presented(
        title=title,
        speaker=stack.speaker or "",
        speaker_note=" · ".join(n for n in note if n),
        turn=clock(turn) if stack.speaker else "",
        turn_over=over_turn,
        timebox=box,
        timebox_note=box_note,
        timebox_over=bool(box) and left < 0,
        waiting=waiting,
        more=max(0, len(stack.waiting) - NEXT_SHOWN),
        process=process_text(view, state),
    )


def _kinds() -> dict[str, str]:
    """How a turn's kind reads beside a name (translated when shown)."""
    return {
        "process": _("point of process"),
        "direct": _("direct response"),
        "clarify": _("clarifying"),
    }


class PresentationScreen(OwnedKeys):
    """The room's view of the meeting; the facilitator's keys still run the meeting."""

    CSS_PATH = "../styles/presentation.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="presentation-close"),
        *bindings_for("meeting", specs=[spec("presentation")]),
    ]

    def __init__(self, run: RunScreen) -> None:
        # No id: one closed a moment ago can still be in the app's DOM, being removed, as a
        # ⇧P typed at once opens the next one (two screens with one id: DuplicateIds).
        super().__init__()
        translate_bindings(self)
        self.run_screen = run
        """The run screen behind: its actions run the meeting, and it pushes changes here."""
        self._ready = False
        """Composed and mounted: changes pushed before that are drawn at mount instead."""
        # Never name a flag here `_closing` (or `_closed`, `_pruning`): those are Textual's own
        # (MessagePump); set early, Textual drops the screen's Prune and its removal never ends.

    def key_owners(self) -> list[DOMNode]:
        """The run screen and its key owners: a key does here exactly what it does there."""
        return [*self.run_screen.key_owners(), self.run_screen]

    def compose(self) -> ComposeResult:
        yield Static(id="pres-title")
        with Horizontal(id="pres-clocks"):
            with Vertical(id="pres-turn-box", classes="pres-clock"):
                yield Static(id="pres-speaker")
                yield Digits(id="pres-turn")
            with Vertical(id="pres-timebox-box", classes="pres-clock"):
                yield Static(id="pres-timebox-label")
                yield Digits(id="pres-timebox")
        yield Static(id="pres-next")
        yield Static(id="pres-process")
        yield Static(id="pres-help")

    def on_mount(self) -> None:
        self.query_one("#pres-turn-box").border_title = _("Speaking")
        self.query_one("#pres-timebox-box").border_title = _("Timebox")
        keymap = app_keymap(self)
        back = key_label("presentation", keymap)
        nxt, resp = key_label("next-speaker", keymap), key_label("respond-1", keymap)
        self.query_one("#pres-help", Static).update(
            Text().append(
                _(
                    "Presentation view · Escape or {back}: back · the meeting keys work here "
                    "({next}: next speaker, {respond}–4: responses)"
                ).format(back=back, next=nxt, respond=resp),
                style="dim",
            )
        )
        self._ready = True
        self.run_screen.show_presentation()

    def action_presentation(self) -> None:
        """⇧P again: back to the run screen."""
        self.action_close()

    def action_close(self) -> None:
        """Back to the run screen."""
        self.dismiss(None)

    @property
    def showing(self) -> bool:
        """Mounted and still on the app's screen stack (perhaps under a picker), the app not
        exiting: only then is a push drawn.

        The run screen forgets this view when the dismissal's callback runs, a turn of its
        queue after Escape (`dismiss` has taken it off the stack at once), and not at all when
        the app exits with it open: a push in those windows would draw on a screen nobody
        sees any more. `is_attached` is False once the app exits (Textual's `_exit`)."""
        return self._ready and self.is_attached and self in self.app.screen_stack

    def show(self, view: MeetingView, state: MeetingState | None, now: float) -> None:
        """Redraw from the run screen's view (redacted here) and the engine state."""
        if not self.showing:
            return
        # Its parts may already be gone (the app torn down after an error, with no `exit`):
        # then there is nothing left to draw.
        with contextlib.suppress(NoMatches):
            self._draw(presented(view, state, now))

    def _draw(self, p: Presented) -> None:
        # Styles go on the parts (`append`), never on a Text's base, which every part inherits.
        self.query_one("#pres-title", Static).update(Text().append(p.title, style="bold"))
        speaker = Text().append(
            p.speaker or _("Nobody has the floor"), "bold" if p.speaker else "dim"
        )
        if p.speaker_note:
            speaker.append(f" · {p.speaker_note}", style="italic")
        self.query_one("#pres-speaker", Static).update(speaker)
        turn = self.query_one("#pres-turn", Digits)
        turn.update(p.turn or "-:--")
        turn.set_class(p.turn_over, "-over")
        label = Text(p.timebox_note or _("no timebox running"))
        self.query_one("#pres-timebox-label", Static).update(label)
        box = self.query_one("#pres-timebox", Digits)
        box.update(p.timebox or "-:--")
        box.set_class(p.timebox_over, "-over")
        nxt = Text().append(_("Next in the stack") + "\n", style="bold underline")
        nxt.append("\n".join(p.waiting) if p.waiting else _("nobody waiting"))
        if p.more:
            nxt.append("\n" + _("… and {n} more").format(n=p.more))
        self.query_one("#pres-next", Static).update(nxt)
        process = self.query_one("#pres-process", Static)
        process.update(Text(p.process))
        process.display = bool(p.process)
