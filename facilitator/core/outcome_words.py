"""A decision's outcome in words: the one table the screen (`tui.words.outcome_word`) and
the minutes (`store.minutes_registers.outcome`) both say it from.

The journal and the minutes' front matter keep the outcome as its English id
("adopted-with-concerns"); the words are looked up in the active language when said (a
decision is feminine in Spanish: "aplazada"). Pure: only gettext lookups, no Textual.
"""

from __future__ import annotations

from facilitator.i18n import pgettext

__all__ = ["outcome_words"]


def outcome_words() -> dict[str, str]:
    """Each outcome id -> its words in the active language ("not-adopted" -> "not adopted")."""
    # Each literal here so Babel extracts it (context "outcome", as the minutes say it).
    return {
        "adopted": pgettext("outcome", "adopted"),
        "adopted-with-concerns": pgettext("outcome", "adopted with concerns"),
        "not-adopted": pgettext("outcome", "not adopted"),
        "deferred": pgettext("outcome", "deferred"),
        "withdrawn": pgettext("outcome", "withdrawn"),
    }
