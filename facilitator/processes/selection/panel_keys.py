"""The keys and the F1 paragraph of the role selection, without its panel (issue 12).

The footer, the help screen and the keymap check read every process's keys at the first
frame; importing them from here loads none of the panel's widgets, forms or pickers.
`panel.py` binds the same objects, so they are declared once.
"""

from __future__ import annotations

from facilitator.i18n import N_
from facilitator.processes.selection.keys import NAME
from facilitator.tui.commands import CommandSpec

AREA = NAME
"""The area of the selection's keys in help."""

KEYS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "selection-stage", "s", "stage", N_("Stage"), N_("Move the selection to a stage."), AREA
    ),
    CommandSpec(
        "selection-nominate",
        "y",
        "nominate",
        N_("Nominate"),
        N_("Record whom the person on the round nominates, and why (a change needs its reason)."),
        AREA,
    ),
    CommandSpec(
        "selection-pass",
        "b",
        "nominate_pass",
        N_("Pass"),
        N_("The person on the round passes (nominations) or keeps their nomination (changes)."),
        AREA,
    ),
    CommandSpec(
        "selection-nominate-as",
        "Y",
        "nominate_as",
        N_("Nominate as…"),
        N_("Record or change a chosen person's nomination."),
        AREA,
        show=False,
    ),
    CommandSpec(
        "selection-propose",
        "K",
        "propose",
        N_("Propose"),
        N_("Propose a nominee (the counts and reasons are shown); their consent round opens."),
        AREA,
        key_display="⇧K",
    ),
    CommandSpec(
        "selection-respond-1",
        "1",
        "respond(0)",
        N_("Consent"),
        N_("Consent (agree) on the nominee, for whoever is next (the nominee last)."),
        AREA,
    ),
    CommandSpec(
        "selection-respond-2",
        "2",
        "respond(1)",
        N_("Concern"),
        N_("A concern, for whoever is next."),
        AREA,
    ),
    CommandSpec(
        "selection-respond-3",
        "3",
        "respond(2)",
        N_("Stand aside"),
        N_("Stand aside, for whoever is next."),
        AREA,
    ),
    CommandSpec(
        "selection-respond-4",
        "4",
        "respond(3)",
        N_("Object"),
        N_("Object, with its reason, for whoever is next."),
        AREA,
    ),
    CommandSpec(
        "selection-consent-rest",
        "C",
        "consent_rest",
        N_("All consent"),
        N_("Everyone not yet heard consents, except the nominee (asks first, saying how many)."),
        AREA,
        show=False,
        key_display="⇧C",
    ),
    CommandSpec(
        "selection-respond-as",
        "R",
        "respond_as",
        N_("Respond as…"),
        N_("Record or change a chosen person's response (an objector asked again)."),
        AREA,
        show=False,
    ),
    CommandSpec(
        "selection-resolve",
        "I",
        "resolve",
        N_("Resolve"),
        N_("Record how an objection to the nominee was resolved."),
        AREA,
        show=False,
    ),
    CommandSpec(
        "selection-select",
        "O",
        "select",
        N_("Select"),
        N_("Select the nominee: everyone heard, the nominee last, no objection standing."),
        AREA,
        key_display="⇧O",
    ),
)
"""The selection's keys: live while a selection item is current."""

HELP = N_(
    "Role selection (election by consent), as Sociocracy For All and S3 run it. "
    "1. Present the role: its responsibilities, term and qualifications (shown above). "
    "2. Nominate (s): everyone writes down one name, themselves included, or passes, in "
    "silence. 3. Nominations round (s): in circle order each says whom they nominated and "
    "why: y records it for the person on the round, b a pass. 4. Change round (s): anyone "
    "may change their nomination, with a reason (y), or keep it (b). 5. Propose (⇧K): you "
    "propose the nominee with the strongest reasons; the panel shows the counts and every "
    "reason, and never picks. 6. Consent round: 1 to 4 record each response for whoever is "
    "next; the nominee is asked last. 7. An objection (4) needs its reason: resolve it (⇧I) "
    "and ask the objector again (⇧R), or propose another nominee (⇧K). 8. Select (⇧O) once "
    "everyone is heard and no objection stands. Guests' nominations and responses are "
    "advisory; people recused from the item are not asked. ctrl+z undoes any step."
)
"""How a selection runs, for F1 while a selection item is current."""
