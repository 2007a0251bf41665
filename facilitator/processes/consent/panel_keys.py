"""The keys and the F1 paragraph of the consent round, without its panel (issue 12).

The footer, the help screen and the keymap check read every process's keys at the first
frame; importing them from here loads none of the panel's widgets, forms or pickers.
`panel.py` binds the same objects, so they are declared once.
"""

from __future__ import annotations

from facilitator.i18n import N_
from facilitator.tui.commands import CommandSpec

DIGITS = ("0", "1", "2", "3", "4", "5", "6", "7", "8")
"""The digit keys a position can take: 1 to 4 for consent, 1 to 8 for gradients, 0 to 5
for fist-to-five (`Method.keys`). Command `respond-<digit>` is the position on that key."""

RESPONSE_COMMANDS = ("respond-1", "respond-2", "respond-3", "respond-4")
"""The commands of consent's four positions, in order (kept for remapped keys and hints)."""

_RESPOND_LABELS = {
    "1": N_("Consent"),
    "2": N_("Concern"),
    "3": N_("Stand aside"),
    "4": N_("Object"),
}
_RESPOND_HELP = {
    "1": N_(
        "The position on key 1 of the proposal's method (listed above; under consent: "
        "consent), for whoever is next."
    ),
    "2": N_(
        "The position on key 2 of the proposal's method (listed above; under consent: "
        "concern), for whoever is next."
    ),
    "3": N_(
        "The position on key 3 of the proposal's method (listed above; under consent: "
        "stand aside), for whoever is next."
    ),
    "4": N_(
        "The position on key 4 of the proposal's method (listed above; under consent: "
        "objection), for whoever is next."
    ),
}
_OTHER_KEY_LABELS = {
    "0": N_("Key 0"),
    "5": N_("Key 5"),
    "6": N_("Key 6"),
    "7": N_("Key 7"),
    "8": N_("Key 8"),
}
_OTHER_KEY_HELP = {
    "0": N_(
        "The position on key 0 of the proposal's method (listed above; under consent: "
        "none), for whoever is next."
    ),
    "5": N_(
        "The position on key 5 of the proposal's method (listed above; under consent: "
        "none), for whoever is next."
    ),
    "6": N_(
        "The position on key 6 of the proposal's method (listed above; under consent: "
        "none), for whoever is next."
    ),
    "7": N_(
        "The position on key 7 of the proposal's method (listed above; under consent: "
        "none), for whoever is next."
    ),
    "8": N_(
        "The position on key 8 of the proposal's method (listed above; under consent: "
        "none), for whoever is next."
    ),
}
KEYS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "stage", "s", "stage", N_("Stage"), N_("Move the proposal to a consent stage."), "consent"
    ),
    *(
        CommandSpec(
            f"respond-{d}",
            d,
            f"respond_key('{d}')",
            # The Footer shows the current method's own words (`ConsentPanel._method_keys`).
            {**_RESPOND_LABELS, **_OTHER_KEY_LABELS}[d],
            {**_RESPOND_HELP, **_OTHER_KEY_HELP}[d],
            "consent",
        )
        for d in DIGITS
    ),
    CommandSpec(
        "consent-rest",
        "C",
        "consent_rest",
        N_("All consent"),
        N_("Everyone not yet heard consents (by exception); asks first, saying how many."),
        "consent",
        show=False,
        key_display="⇧C",
    ),
    CommandSpec(
        "respond-as",
        "R",
        "respond_as",
        N_("Respond as…"),
        N_("Record or change a chosen person's response."),
        "consent",
        show=False,
    ),
    CommandSpec(
        "integrate",
        "I",
        "integrate",
        N_("Integrate"),
        N_("Record how an objection was integrated."),
        "consent",
        show=False,
    ),
    CommandSpec(
        "amend",
        "A",
        "amend",
        N_("Amend"),
        N_("Amend the proposal: a new version."),
        "consent",
        show=False,
    ),
    CommandSpec(
        "outcome",
        "O",
        "outcome",
        N_("Outcome"),
        N_("Record the proposal's outcome."),
        "consent",
        show=False,
    ),
    CommandSpec(
        "review-date",
        "v",
        "review_date",
        N_("Review date"),
        N_("Set when the decision comes up for review."),
        "consent",
        show=False,
    ),
)
"""The consent round's keys: live while a proposal is the current item."""

HELP = N_(
    "Consent (after Sociocracy For All): present the proposal, take clarifying questions, "
    "hear quick reactions in a round, then the consent round: each person in circle order "
    "gives one of the method's positions (the digit keys record it for whoever is next). A "
    "concern is recorded and never blocks; an objection comes with its reason and is "
    "integrated, or the proposal is amended (a new version, and the round again). Consent "
    "by exception records the method's yes for everyone not yet heard, after saying how "
    "many. The outcome is the tally's suggestion, confirmed; a review date can be set. "
    "Each proposal may have its own method (sofa-consent, s3-consent, consensus, gradients, "
    "fist-to-five): F1 then shows that method's stages and positions."
)
"""How the consent round runs, for F1 while a proposal is current (with a proposal shown,
`ConsentPanel.help_about` gives its own method's)."""
