"""The members' page in the screen's language: its HTML with the words filled in, and
the table of every message the scripts show.

The page's words are gettext messages like any other (Babel extracts them from here), so a
language with a catalog has its members' view too. `render_page(template, tr, lang)`
fills `index.html`: each `{{English text}}` becomes its translation (HTML-escaped),
`{{@lang}}` the page's language code, and `{{@text}}` the JSON table the scripts read
from a `<script type="application/json">` block (data, not script: the strict
Content-Security-Policy still forbids inline script, and no extra request is made).

The table (`page_table(tr)`):
- `messages`: English text -> translation, for `t("…", {values})` in `static/i18n.js`;
- `plurals`: English singular -> the language's forms, for `tn("…", "…", n)`;
- `plural_index`: the form to use for n = 0 … 199. gettext's plural rules depend on n,
  n % 10 and n % 100 only, so for n ≥ 200 the form of 100 + n % 100 is the right one;
  the page needs no parser of the catalog's `Plural-Forms` expression.

Messages use named `{placeholders}`, filled by the script (and checked by the catalog
tests like every other message). `tests/test_web_i18n.py` scans the scripts and the HTML
for every message they use and fails on one missing here.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

from facilitator.i18n import N_, Translator, ngettext, translator, using
from facilitator.processes.selection.model import STAGE_LABELS

PLURAL_SPAN = 200
"""`plural_index` covers n = 0 … PLURAL_SPAN - 1 (see the module's docstring)."""

HTML_TEXT: tuple[str, ...] = (
    N_("Meeting"),
    N_("Connecting…"),
    N_("Now"),
    N_("Not started yet."),
    N_("Timebox"),
    N_("The floor"),
    N_("Nobody has the floor."),
    N_("Turn"),
    N_("You"),
    N_("Speak"),
    N_("Point of process"),
    N_("Clarifying question"),
    N_("Direct response"),
    N_("Withdraw my hand"),
    N_("Proposal"),
    N_("Your position"),
    N_("Reason (needed for an objection or a block)"),
    N_("Give my position"),
    N_("Dot vote"),
    N_("Your dots"),
    N_("Place my dots"),
    N_("The stack"),
    N_("Nobody is waiting."),
    N_("Who are you?"),
    N_("Choose your name. One device per name; observers watch and do not queue."),
    N_("This is not me: choose again"),
    N_("Join the meeting"),
    N_("Type the join code the facilitator shared."),
    N_("Join code"),
    N_("Join"),
)
"""The words written in `index.html` and `join.html` (the page that asks for the join code)."""

SCRIPT_TEXT: tuple[str, ...] = (
    # app.js
    N_("Not done ({status})."),
    N_("Not sent: the connection is down. Try again in a moment."),
    N_("{time} left"),
    N_("{time} over"),
    N_("{time} left (paused)"),
    N_("{time} over (paused)"),
    N_("{time} of {limit}"),
    N_("Off the record"),
    N_("The meeting has ended."),
    N_("The meeting has not started yet."),
    N_("Between items."),
    N_("{name} (round)"),
    N_("{name} (point of process)"),
    N_("{name} (direct response)"),
    N_("{name} (clarifying question)"),
    N_("Round: {name}'s turn"),
    N_("{name} (you)"),
    N_("Next"),
    N_("{method} · version {version} · {stage}"),
    N_("advisory (guests): {n}"),
    N_("not yet heard: {n}"),
    N_("No positions yet."),
    N_("{position} (with a reason)"),
    N_("Reason (needed for: {positions})"),
    N_("Reason (optional)"),
    N_("Your position (advisory: guests are not counted)"),
    N_("Your position is recorded; you may change it."),
    N_("You are {name}."),
    N_("You are {name} (guest)."),
    N_("You are {name} (observer)."),
    N_("{name} (guest)"),
    N_("{name} (observer)"),
    N_("Observers watch the meeting."),
    N_("Off the record: the stack shows again when it is back on."),
    N_("You have the floor."),
    N_("You are number {n} in the stack."),
    N_("Your hand is waiting for the facilitator to accept it."),
    N_("Your hand is down."),
    N_("The facilitator has not marked you present yet."),
    N_("● Live"),
    N_("○ Reconnecting…"),
    N_("Choose a position first."),
    N_("{position} needs its reason."),
    N_("Recorded: {position}."),
    # dots.js
    N_("Not opened yet. The facilitator opens it."),
    N_("Second round, among the tied · {status}"),
    N_("Open · everyone is in · {placed}."),
    N_("Closed · {placed}."),
    N_("{option}: {dots}"),
    N_("{result} (+{n} advisory)"),
    N_("{result} — tied"),
    N_("One dot fewer on {option}"),
    N_("One more dot on {option}"),
    N_("Your dots (advisory: guests are not counted)"),
    N_("Change my dots"),
    # decide.js (its `WORDS` table; the selection's stage names come from STAGE_LABELS)
    N_("Vote"),
    N_("Motion"),
    N_("{threshold} of {base} needed"),
    N_("Secret ballot: counted as totals, no names recorded."),
    N_("Not opened yet. The chair opens it when quorum is met."),
    N_("Carried"),
    N_("Failed"),
    N_(
        "{result}: {for} for, {against} against, {abstain} abstaining; {share} of {base},"
        " {threshold} needed ({needed} of {total})"
    ),
    N_("{result}: {for} for, {against} against, {abstain} abstaining; no {base}"),
    N_("How each voted"),
    N_("for"),
    N_("against"),
    N_("abstains"),
    N_("votes cast"),
    N_("voting members present"),
    N_("voting members"),
    N_("Role selection"),
    N_("Term: {term}"),
    N_("Qualifications: {text}"),
    N_("Stage: {stage}"),
    N_("Nominations"),
    N_("The nominations are counted after the nominations round."),
    N_("{name}: {n}"),
    N_(" (+{n} advisory)"),
    N_("Proposed: {name}"),
    N_("Consent round: {heard} of {asked} heard"),
    N_("Next: {name} (the nominee is asked last)"),
    N_("Objections standing: {n}"),
    N_("Selected: {name}"),
)
"""What `static/app.js`, `static/dots.js` and `static/decide.js` show through `t("…")`."""

COUNTED: tuple[Callable[[int], str], ...] = (
    lambda n: ngettext("{n} person placed dots", "{n} people placed dots", n),
    lambda n: ngettext(
        "Open · {placed}, {n} still to come. Totals stay hidden until everyone is in.",
        "Open · {placed}, {n} still to come. Totals stay hidden until everyone is in.",
        n,
    ),
    lambda n: ngettext("{n} dot", "{n} dots", n),
    lambda n: ngettext("{n} dot left of {total}.", "{n} dots left of {total}.", n),
    lambda n: ngettext(
        "{n} dot left of {total}, at most {most} on one option.",
        "{n} dots left of {total}, at most {most} on one option.",
        n,
    ),
    lambda n: ngettext("That is {n} too many.", "That is {n} too many.", n),
    lambda n: ngettext("Recorded: {n} dot placed.", "Recorded: {n} dots placed.", n),
    # decide.js
    lambda n: ngettext(
        "The vote is open: {n} voting member may vote.",
        "The vote is open: {n} voting members may vote.",
        n,
    ),
)
"""What the scripts count, through `tn("singular", "plural", n)`: each entry says its
message for a count (Babel extracts the pair), and is called in English with n = 1 for its
key and in the page's language for its forms."""

_ENGLISH = translator("en")


def stage_words(tr: Translator) -> dict[str, str]:
    """The selection's stage names (English -> `tr`'s language), the very words its panel
    and minutes use (`STAGE_LABELS`, with their "stage" context), for decide.js's `t()`."""
    with using(_ENGLISH):
        english = {key: STAGE_LABELS[key] for key in STAGE_LABELS}
    with using(tr):
        return {english[key]: STAGE_LABELS[key] for key in STAGE_LABELS}


def _plural_indexes(tr: Translator) -> list[int]:
    """Which form the catalog uses for n = 0 … PLURAL_SPAN - 1 (read through ngettext)."""
    forms = ("\x00form0", "\x00form1")
    out: list[int] = []
    plural = getattr(tr, "plural", None)  # a catalog's compiled Plural-Forms rule
    for n in range(PLURAL_SPAN):
        if callable(plural):
            out.append(int(plural(n)))
        else:  # English, no catalog: gettext's own rule, as ngettext applies it
            out.append(forms.index(tr.ngettext(forms[0], forms[1], n)))
    return out


def page_table(tr: Translator) -> dict[str, Any]:
    """Every message the page's scripts show, in `tr`'s language (see the module's docstring)."""
    indexes = _plural_indexes(tr)
    first = {i: indexes.index(i) for i in sorted(set(indexes))}
    plurals: dict[str, list[str]] = {}
    for counted in COUNTED:
        with using(_ENGLISH):
            key = counted(1)
        with using(tr):
            plurals[key] = [counted(first[i]) for i in sorted(first)]
    return {
        "messages": {
            **stage_words(tr),
            **{text: tr.gettext(text) for text in (*HTML_TEXT, *SCRIPT_TEXT)},
        },
        "plurals": plurals,
        "plural_index": indexes,
    }


_SLOT = re.compile(r"\{\{(.+?)\}\}")
"""`{{English text}}`, `{{@lang}}` or `{{@text}}` in the page's template."""


def slots(template: str) -> list[str]:
    """The English texts a template asks for (not the `@` slots)."""
    return [m for m in _SLOT.findall(template) if not m.startswith("@")]


def _json_for_html(data: object) -> str:
    """JSON safe inside a `<script type="application/json">` block (no `</script>`)."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(template: str, tr: Translator, lang: str) -> str:
    """`template` with its words in `tr`'s language, its `lang` and the scripts' table."""

    def fill(match: re.Match[str]) -> str:
        slot = match.group(1)
        if slot == "@lang":
            return html.escape(lang)
        if slot == "@text":
            return _json_for_html(page_table(tr))
        return html.escape(tr.gettext(slot), quote=True)

    return _SLOT.sub(fill, template)


__all__ = [
    "COUNTED",
    "HTML_TEXT",
    "SCRIPT_TEXT",
    "page_table",
    "render_page",
    "slots",
    "stage_words",
]
