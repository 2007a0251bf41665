"""The screen's words for values that stay English in the files.

The agenda, the journal and the front matter keep their enumerated values in English
(`role = "guest"`, an action's `status = "dropped"`, `kind = "care"`), so every reader in
every language reads every file (docs/translating.md). The screen says them in its own
language, and a form accepts either the English value or the word it shows
(`forms.choice_cleaner(options, words)`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from facilitator.core.dates import DAY_WORDS as _DAYS
from facilitator.core.dates import MONTH_WORDS as _MONTHS
from facilitator.core.outcome_words import outcome_words
from facilitator.i18n import N_, _, pgettext

__all__ = [
    "action_statuses",
    "conflict_statuses",
    "credit_kinds",
    "item_kinds",
    "item_statuses",
    "long_date",
    "outcome_word",
    "role_word",
    "roles",
    "word",
]

_ROLES = {"member": N_("member"), "guest": N_("guest"), "observer": N_("observer")}
_CREDIT_KINDS = {"idea": N_("idea"), "work": N_("work"), "care": N_("care")}
_CONFLICT_STATUSES = {
    "open": N_("open"),
    "in-progress": N_("in progress"),
    "resolved": N_("resolved"),
}
_ITEM_KINDS = {
    "discussion": N_("discussion"),
    "proposal": N_("proposal"),
    "report": N_("report"),
    "round": N_("round"),
    "break": N_("break"),
}


def roles() -> dict[str, str]:
    """A participant's role -> its word ("guest" -> "persona invitada")."""
    return {k: _(v) for k, v in _ROLES.items()}


def role_word(role: str) -> str:
    """One role in words (unknown ones as written)."""
    return roles().get(role, role)


def credit_kinds() -> dict[str, str]:
    """A credit's kind -> its word (the minutes say them the same way)."""
    return {k: _(v) for k, v in _CREDIT_KINDS.items()}


def action_statuses() -> dict[str, str]:
    """An action's status -> its word (an action is feminine in Spanish: "abierta")."""
    return {
        "open": pgettext("action status", "open"),
        "done": pgettext("action status", "done"),
        "dropped": pgettext("action status", "dropped"),
    }


def conflict_statuses() -> dict[str, str]:
    """A conflict's status -> its word (a conflict is masculine in Spanish: "abierto")."""
    return {k: _(v) for k, v in _CONFLICT_STATUSES.items()}


def item_kinds() -> dict[str, str]:
    """An agenda item's kind -> its word."""
    return {k: _(v) for k, v in _ITEM_KINDS.items()}


def word(words: Mapping[str, str], value: str) -> str:
    """`value` in words, as written when it has none."""
    return words.get(value, value)


def item_statuses() -> dict[str, str]:
    """An agenda item's status -> its word (an item, *punto*, is masculine in Spanish)."""
    return {
        "pending": pgettext("item status", "pending"),
        "running": pgettext("item status", "running"),
        "paused": pgettext("item status", "paused"),
        "done": pgettext("item status", "done"),
        "skipped": pgettext("item status", "skipped"),
        "deferred": pgettext("item status", "deferred"),
        "current": pgettext("item status", "current"),
    }


def outcome_word(outcome: str) -> str:
    """A decision's outcome in words, as the minutes say it (`core.outcome_words`, one table
    for both); unknown ones as written."""
    return outcome_words().get(outcome, outcome)


def long_date(d: dt.date) -> str:
    """A date in words, as the minutes write it ("Tuesday 24 November 2026", "martes 24 de
    noviembre de 2026"): the same catalog entries as `store.minutes_body.long_date`, without
    importing the minutes renderer on the first frame (tests/test_run_imports.py)."""
    return _("{weekday} {day} {month} {year}").format(
        weekday=_(_DAYS[d.weekday()]), day=d.day, month=_(_MONTHS[d.month - 1]), year=d.year
    )
