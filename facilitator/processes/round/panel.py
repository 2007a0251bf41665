"""The go-around's Textual side: its panel (the turn pointer) and its keys.

The panel draws from the engine state it is handed (`show_state`) and never
changes it; the keys post their commands through the run screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text

from facilitator.core import commands as C
from facilitator.processes.round.model import GoAround, last_round
from facilitator.tui.commands import app_keymap, key_label
from facilitator.tui.flows import MeetingActions
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_panels import Parts, PartsPanel, join_parts


def round_text(
    go: GoAround | None, title: str = "Round", keymap: Mapping[str, str] | None = None
) -> Text:
    """The turn pointer: who has spoken, who is on, who is to come."""
    return join_parts(round_parts(go, title, keymap))


def round_parts(
    go: GoAround | None, title: str = "Round", keymap: Mapping[str, str] | None = None
) -> Parts:
    """The turn pointer in parts: the count above, a row per person, the keys below."""
    head = Text()
    if go is None:
        start = key_label("start-round", keymap)
        head.append(f"{title}: not started. {start} starts it (in circle order).", style="italic")
        return Parts(head, [], None, Text())
    heard = min(go.pointer, len(go.order))
    state = "done" if go.done else f"turn {min(go.pointer + 1, len(go.order))}"
    head.append(f"{title} · {heard} of {len(go.order)} heard · {state}\n", style="bold")
    rows: list[Text] = []
    current: int | None = None
    for i, name in enumerate(go.order):
        out = Text()
        if i < go.pointer:
            skipped = name in go.skipped
            mark = "·" if name in go.passed else ("⤼" if skipped else "✓")
            out.append(f" {mark} ")
            out.append(name, style="dim")
            note = (
                " (passed)"
                if name in go.passed
                else (" (skipped: left or recused)" if skipped else "")
            )
            out.append(note, style="dim")
        elif go.done and name in go.not_reached:
            out.append(" – ")
            out.append(name, style="dim")
            out.append(" (did not respond: round ended)", style="dim")
        elif i == go.pointer and not go.done:
            current = i
            out.append(" ▶ ")
            out.append(name, style="bold reverse")
        else:
            out.append(" ○ ")
            out.append(name)
        rows.append(out)
    foot = Text()
    if not go.done:
        done, skip = key_label("end-turn", keymap), key_label("round-pass", keymap)
        end = key_label("end-round", keymap)
        foot.append(f"{done}: done speaking · {skip}: pass · {end}: end the round", style="italic")
    return Parts(head, rows, current, foot)


class RoundPanel(PartsPanel):
    """The turn pointer of a round item (check-in, check-out)."""

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return round_parts(last_round(state.items[item.item_id]), keymap=app_keymap(self))



class RoundActions(MeetingActions):
    """The go-around's keys (area "process"), on the run screen: a round can be held on any
    item, not only a round item, so they are the screen's and not only the panel's."""

    def action_start_round(self) -> None:
        """Start a go-around in circle order, from a chosen person."""
        self._pick(
            "Start the round with whom?",
            self._people(present=True, queueable=True),
            lambda n: self.do(C.StartRound(n)),
            empty="Nobody is marked present.",
        )

    def action_round_pass(self) -> None:
        """The person on the turn pointer passes."""
        self.do(C.RoundPass())

    def action_end_round(self) -> None:
        """End the round early."""
        self.do(C.EndRound())


PANEL = RoundPanel
"""The panel the slot mounts for this process's item kinds."""
