"""The keys and the F1 paragraph of the go-around, without its panel (issue 12).

The footer, the help screen and the keymap check read every process's keys at the first
frame; importing them from here loads none of the panel's widgets, forms or pickers.
`panel.py` binds the same objects, so they are declared once.
"""

from __future__ import annotations

from facilitator.i18n import N_
from facilitator.tui.commands import CommandSpec

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

ANY_ITEM = True
"""Its keys work on every item: they sit on `STANDING` in `panel_standing.py`, which the
process slot holds for the whole meeting."""
