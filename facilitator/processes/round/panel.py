"""The go-around's Textual side: its panel (the turn pointer).

The panel draws from the engine state it is handed (`show_state`) and never
changes it. The keys (`KEYS`, in `panel_keys.py`) work on every item, so they sit on
`RoundKeys` (`panel_standing.py`), which the process slot holds for the whole meeting;
they post their commands up to the run screen (`RunCommand`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text

from facilitator.i18n import _, pgettext
from facilitator.processes.round.model import GoAround, last_round
from facilitator.tui.commands import app_keymap, key_label
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_panels import Parts, PartsPanel, join_parts


def round_text(
    go: GoAround | None, title: str | None = None, keymap: Mapping[str, str] | None = None
) -> Text:
    """The turn pointer: who has spoken, who is on, who is to come."""
    return join_parts(round_parts(go, title, keymap))


def round_parts(
    go: GoAround | None, title: str | None = None, keymap: Mapping[str, str] | None = None
) -> Parts:
    """The turn pointer in parts: the count above, a row per person, the keys below."""
    head = Text()
    title = title if title is not None else _("Round")
    if go is None:
        start = key_label("start-round", keymap)
        head.append(
            _("{title}: not started. {key} starts it (in circle order).").format(
                title=title, key=start
            ),
            style="italic",
        )
        return Parts(head, [], None, Text())
    heard = min(go.pointer, len(go.order))
    state = (
        pgettext("round", "done")
        if go.done
        else _("turn {n}").format(n=min(go.pointer + 1, len(go.order)))
    )
    head.append(
        _("{title} · {n} of {of} heard · {state}").format(
            title=title, n=heard, of=len(go.order), state=state
        )
        + "\n",
        style="bold",
    )
    rows: list[Text] = []
    current: int | None = None
    for i, name in enumerate(go.order):
        out = Text()
        if i < go.pointer and name in go.order[i + 1 :]:
            # Skipped while away, back and asked again at the end (the later row).
            out.append(" ⤼ ")
            out.append(name, style="dim")
            out.append(_(" (left; asked again at the end)"), style="dim")
        elif i < go.pointer:
            skipped = name in go.skipped
            mark = "·" if name in go.passed else ("⤼" if skipped else "✓")
            out.append(f" {mark} ")
            out.append(name, style="dim")
            note = (
                _(" (passed)")
                if name in go.passed
                else (_(" (skipped: left or recused)") if skipped else "")
            )
            out.append(note, style="dim")
        elif go.done and name in go.not_reached:
            out.append(" – ")
            out.append(name, style="dim")
            out.append(_(" (did not respond: round ended)"), style="dim")
        elif i == go.pointer and not go.done:
            current = i
            out.append(" ▶ ")
            out.append(name, style="bold reverse")
        else:
            out.append(" ○ ")
            out.append(name)
        if name in go.joined and name not in go.order[i + 1 :]:
            out.append(_(" (arrived during the round)"), style="dim")
        rows.append(out)
    foot = Text()
    if not go.done:
        done, skip = key_label("end-turn", keymap), key_label("round-pass", keymap)
        end = key_label("end-round", keymap)
        foot.append(
            _("{done}: done speaking · {skip}: pass · {end}: end the round").format(
                done=done, skip=skip, end=end
            ),
            style="italic",
        )
    return Parts(head, rows, current, foot)


class RoundPanel(PartsPanel):
    """The turn pointer of a round item (check-in, check-out); its keys are `RoundKeys`' (`panel_standing.py`)."""

    AREA = "round"

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return round_parts(last_round(state.items[item.item_id]), keymap=app_keymap(self))


PANEL = RoundPanel
"""The panel the slot mounts for this process's item kinds."""
