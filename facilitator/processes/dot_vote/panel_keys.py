"""The keys and the F1 paragraph of the dot vote, without its panel (issue 12).

The footer, the help screen and the keymap check read every process's keys at the first
frame; importing them from here loads none of the panel's widgets, forms or pickers.
`panel.py` binds the same objects, so they are declared once.
"""

from __future__ import annotations

from facilitator.i18n import N_
from facilitator.processes.dot_vote.keys import NAME
from facilitator.tui.commands import CommandSpec

KEYS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "open-dot-vote",
        "s",
        "open_vote",
        N_("Open vote"),
        N_("Open the dot vote: voters may place their dots (in silence)."),
        NAME,
    ),
    CommandSpec(
        "next-voter-dots",
        "1",
        "next_voter",
        N_("Next voter"),
        N_("Type the dots of the next voting member not yet in, in circle order."),
        NAME,
    ),
    CommandSpec(
        "place-dots",
        "R",
        "place_dots",
        N_("Dots for…"),
        N_("Type the dots of a person you choose (guests' are advisory)."),
        NAME,
    ),
    CommandSpec(
        "correct-dots",
        "A",
        "correct_dots",
        N_("Correct…"),
        N_("Correct the dots a person placed, while the round is open."),
        NAME,
        show=False,
    ),
    CommandSpec(
        "close-dot-vote",
        "O",
        "close_vote",
        N_("Close round"),
        N_("Close the round: the totals show, ranked; asks first if someone present is not in."),
        NAME,
    ),
    CommandSpec(
        "second-dot-round",
        "2",
        "second_round",
        N_("Second round"),
        N_("Hold one second round among the options tied at the top."),
        NAME,
        show=False,
    ),
)
"""The dot vote's keys: live while a dot-vote item is the current item."""


HELP = N_(
    "A dot vote: each voting member places their dots on the options, in silence. "
    "1. Open the vote (s). 2. Type each voter's dots (1: the next voter not yet in; R: a "
    "voter you choose) as counts in the options' order, e.g. `2 1` is two dots on the first "
    "option and one on the second; members with the members' view place their own. "
    "A corrects a voter's dots while the round is open. 3. Close the round (O): the totals "
    "show and the options are ranked. The totals stay hidden, here and on any shared "
    "screen, until every voting member present is in or you close the round; nobody's own "
    "dots are ever shown. 4. If the top is tied, 2 holds one second round among the tied "
    "options. Guests' dots are advisory and not counted; observers and people recused "
    "place none. Undo (ctrl+z) takes back any step."
)
"""How a dot vote runs, for F1."""
