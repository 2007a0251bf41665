"""The words of the agenda `next` writes, and how it reads the minutes' language.

`commands/next.py` builds the next agenda under the minutes' language, so everything here
that says something (a follow-up item's title and notes, the note on an item carried
over) is in it: Spanish minutes give a Spanish agenda. `minutes_language` reads that
language from the body's headings (the front matter is English in every language, on
purpose); `is_approval_title` knows the item that approves minutes in every language with
a catalog, so a standing "Aprobación del acta" is not doubled.

The follow-up items come from the archive: the open actions (one report item, and the
agenda's `[[actions]]`), the decisions due for review and the open conflicts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from facilitator.i18n import LANGUAGES, N_, _, pgettext, translator

if TYPE_CHECKING:
    from facilitator.store.archive import ActionHit, ConflictHit, DecisionHit

__all__ = [
    "APPROVAL_TITLE",
    "FOLLOW_UP_MINUTES",
    "MAX_LISTED_ACTIONS",
    "actions_item",
    "carried_actions",
    "carried_note",
    "conflict_item",
    "is_approval_title",
    "minutes_language",
    "review_item",
]

FOLLOW_UP_MINUTES = 10
"""The timebox of one review or conflict follow-up item, in minutes."""
MAX_LISTED_ACTIONS = 40
"""Open actions listed in the check item's notes; the rest are counted."""

APPROVAL_TITLE = N_("Approve the minutes of {date}")
"""The opening item's title (translated in the next agenda's language)."""


def carried_note(status: str, date: dt.date) -> str:
    """The note an item carried over gets ("Carried over: not reached on 2026-11-24."), for
    its status as the front matter says it (`not-reached` or `deferred`)."""
    said = (
        pgettext("carried", "not reached")
        if status == "not-reached"
        else pgettext("carried", "deferred")
    )
    return _("Carried over: {why} on {date}.").format(why=said, date=date.isoformat())


@cache
def _approval_words() -> tuple[re.Pattern[str], ...]:
    # The words that name an item approving minutes, in every language with a catalog (a
    # translation may give several, split by "|": "acta|actas").
    words = {
        word.strip()
        for code in LANGUAGES
        for word in translator(code).pgettext("approval item", "minutes").casefold().split("|")
        if word.strip()
    }
    return tuple(re.compile(rf"\b{re.escape(w)}\b") for w in sorted(words))


def is_approval_title(title: str) -> bool:
    """Whether an item's title says it approves minutes, in any language we have: "Approve
    the minutes of …", "Aprobación del acta del …" (a circle's own standing item for it)."""
    folded = title.casefold()
    return any(p.search(folded) for p in _approval_words())


_HEADINGS = (N_("Attendance"), N_("Agenda as it ran"), N_("Decisions"))
"""Headings every minutes body has: their translation says which language it is in."""


def minutes_language(body: str) -> str | None:
    """The language the minutes' body is written in (its headings say it), or None when no
    catalog's headings are there (minutes written by hand, or in a language we lack)."""
    lines = {line.strip() for line in body.splitlines() if line.startswith("## ")}
    for code in LANGUAGES:
        tr = translator(code)
        if any(f"## {tr.gettext(h)}" in lines for h in _HEADINGS):
            return code
    return None


def actions_item(actions: Sequence[ActionHit]) -> dict[str, Any]:
    """The report item that checks the open actions (the first `MAX_LISTED_ACTIONS` listed)."""
    lines = []
    for a in actions[:MAX_LISTED_ACTIONS]:
        owner = a.owner or _("no owner")
        since = a.first.isoformat()
        said = (
            _("{what} ({owner}, due {due}; since {since})").format(
                what=a.what, owner=owner, due=a.due.isoformat(), since=since
            )
            if a.due
            else _("{what} ({owner}; since {since})").format(what=a.what, owner=owner, since=since)
        )
        lines.append(f"- {said}")
    if len(actions) > MAX_LISTED_ACTIONS:
        more = len(actions) - MAX_LISTED_ACTIONS
        lines.append("- " + _("and {n} more: `facilitator actions`").format(n=more))
    minutes = max(5, min(30, 2 * len(actions)))
    return {
        "title": _("Open actions: check progress"),
        "kind": "report",
        "duration": minutes,
        "notes": _(
            "Still open after the last meeting (⇧T marks each done or dropped; the "
            "minutes record it):"
        )
        + "\n"
        + "\n".join(lines),
    }


def carried_actions(actions: Sequence[ActionHit]) -> list[dict[str, Any]]:
    """The agenda's `[[actions]]`: the open actions, so the meeting can follow them up."""
    out = []
    for a in actions:
        row: dict[str, Any] = {"what": a.what}
        if a.owner:
            row["owner"] = a.owner
        if a.due is not None:
            row["due"] = a.due
        row["since"] = a.first
        if a.item:
            row["item"] = a.item
        out.append(row)
    return out


def review_item(d: DecisionHit) -> dict[str, Any]:
    """A discussion item for a decision due for review."""
    about = d.item or " ".join(d.text.split()[:8])
    review = d.review.isoformat() if d.review else "?"
    from facilitator.store.minutes_registers import outcome  # the minutes' words for it

    said = outcome(d.outcome)
    return {
        "title": _("Review: {about}").format(about=about),
        "kind": "discussion",
        "duration": FOLLOW_UP_MINUTES,
        "notes": _("Decided {date} ({outcome}), review date {review}. Decision {id}:").format(
            date=d.date.isoformat(), outcome=said, review=review, id=d.id
        )
        + f"\n{d.text}",
    }


def conflict_item(c: ConflictHit) -> dict[str, Any]:
    """A discussion item following up an open conflict (shared minutes only)."""
    item: dict[str, Any] = {
        "title": _("Conflict follow-up: {about}").format(about=c.about),
        "kind": "discussion",
        "duration": FOLLOW_UP_MINUTES,
    }
    if c.owner:
        item["owner"] = c.owner
    parties = ", ".join(c.parties) or _("not recorded")
    from facilitator.store.minutes_md import word
    from facilitator.store.minutes_registers import CONFLICT_STATUS

    status = word(CONFLICT_STATUS, c.status)
    item["notes"] = _(
        "Raised {date} by {who}; parties: {parties}. Status: {status}. Next step: {step}."
    ).format(
        date=c.first.isoformat(),
        who=c.raised_by or _("someone"),
        parties=parties,
        status=status,
        step=c.next_step or _("none recorded"),
    )
    return item
