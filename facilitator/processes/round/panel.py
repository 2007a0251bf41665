"""The go-around's Textual side: its panel (the turn pointer) and its keys.

The panel draws from the engine state it is handed (`show_state`) and never
changes it. The keys (`KEYS`) work on every item, so they sit on `RoundKeys`,
which the process slot holds for the whole meeting (`ANY_ITEM`); they post their
commands up to the run screen (`RunCommand`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.binding import BindingType

from facilitator.core import commands as C
from facilitator.i18n import N_, _, pgettext
from facilitator.processes.round.model import GoAround, last_round
from facilitator.tui import ask
from facilitator.tui.commands import CommandSpec, app_keymap, bindings_of, key_label
from facilitator.tui.translate import translate_bindings
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_panels import Parts, PartsPanel, join_parts
from facilitator.tui.widgets.process_slot import StandingKeys


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
        if i < go.pointer:
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
    """The turn pointer of a round item (check-in, check-out); its keys are `RoundKeys`'."""

    AREA = "round"

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return round_parts(last_round(state.items[item.item_id]), keymap=app_keymap(self))


KEYS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "start-round",
        "j",
        "start_round",
        N_("Round"),
        N_("Start a go-around in circle order."),
        "round",
        show=False,
    ),
    CommandSpec(
        "round-pass",
        "u",
        "round_pass",
        N_("Pass"),
        N_("The person on the turn passes."),
        "round",
        show=False,
    ),
    CommandSpec(
        "end-round",
        "J",
        "end_round",
        N_("End round"),
        N_("End the round early."),
        "round",
        show=False,
    ),
)
"""The go-around's keys: live on every item (`ANY_ITEM`), not only on a round item."""

HELP = N_(
    "A go-around (a check-in, a check-out, or a round on any item) hears everyone present "
    "once, in circle order, from the person you start it with. The person on the turn "
    "speaks and ends their turn (the stack's end-turn key), or passes; whoever left or "
    "recused is skipped; the round can be ended early, and the minutes say who was not "
    "reached."
)
"""How a round runs, for F1."""


class RoundKeys(StandingKeys):
    """The go-around's keys, held by the process slot for the whole meeting: a round can be
    held on any item, so they are not only the round panel's."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_of(KEYS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    @work
    async def action_start_round(self) -> None:
        """Start a go-around in circle order, from a chosen person."""
        if self.state is None:
            return
        people = ask.people(self.state, present=True, queueable=True)
        name = await ask.pick(
            self.app,
            _("Start the round with whom?"),
            people,
            empty=_("Nobody is marked present."),
        )
        if name is not None:
            self.run(C.StartRound(name))

    def action_round_pass(self) -> None:
        """The person on the turn pointer passes."""
        self.run(C.RoundPass())

    def action_end_round(self) -> None:
        """End the round early."""
        self.run(C.EndRound())


ANY_ITEM = RoundKeys
"""The widget that holds this process's keys on every item."""

PANEL = RoundPanel
"""The panel the slot mounts for this process's item kinds."""
