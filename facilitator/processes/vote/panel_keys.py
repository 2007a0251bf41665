"""The keys and the F1 paragraph of the counted vote, without its panel (issue 12).

The footer, the help screen and the keymap check read every process's keys at the first
frame; importing them from here loads none of the panel's widgets, forms or pickers.
`panel.py` binds the same objects, so they are declared once.
"""

from __future__ import annotations

from facilitator.i18n import N_
from facilitator.tui.commands import CommandSpec

KEYS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "vote-open",
        "s",
        "open_vote",
        N_("Open vote"),
        N_("Open the vote (quorum is checked)."),
        "vote",
    ),
    CommandSpec(
        "vote-for",
        "1",
        "cast(0)",
        N_("For"),
        N_("The next voting member in circle order votes for."),
        "vote",
    ),
    CommandSpec(
        "vote-against",
        "2",
        "cast(1)",
        N_("Against"),
        N_("The next voting member votes against."),
        "vote",
    ),
    CommandSpec(
        "vote-abstain",
        "3",
        "cast(2)",
        N_("Abstain"),
        N_("The next voting member abstains."),
        "vote",
    ),
    CommandSpec(
        "vote-as", "R", "cast_as", N_("Vote as…"), N_("Record or change one member's vote."), "vote"
    ),
    CommandSpec(
        "vote-totals",
        "v",
        "totals",
        N_("Totals"),
        N_("Enter the count as totals (a show of hands)."),
        "vote",
    ),
    CommandSpec(
        "vote-close",
        "O",
        "close_vote",
        N_("Close vote"),
        N_("Close the vote and record its result (asks first)."),
        "vote",
    ),
)
"""The vote's keys, live while a vote item is current."""

HELP = N_(
    "A counted vote, for an assembly bound by bylaws. Read the motion aloud: the panel shows "
    "the threshold and what it is measured against. Open the vote (without quorum it cannot "
    "be taken). Count: for a show of hands enter the totals (for, against, abstaining); or go "
    "person by person, for, against or abstain for whoever is next in circle order (vote "
    "as… picks someone, or changes a vote); a secret vote is entered as totals only. Close "
    "the vote: quorum is checked again, and the result is recorded, carried or failed, with "
    "the share and the votes needed. Only voting members present and not recused vote; "
    "guests and observers never do; nothing of a vote happens off the record; undo takes "
    "back any step."
)
"""How a vote runs, for F1."""
