"""The minutes' registers at the end of the body: decisions, action items, the credit and
conflict logs, talk time, and (private record only) the acts taken back with undo; with
the words they share with the items' sections (responses, outcomes, "off the record").

Every string that came from a person goes through `minutes_md.inline`; the words are
looked up with `_` where they are written, in the minutes' language.
"""

from __future__ import annotations

from facilitator.core.clock import parse_iso
from facilitator.core.outcome_words import outcome_words
from facilitator.i18n import N_, _, ngettext, pgettext
from facilitator.store.minutes_frontmatter import COUNT_KEYS, talk_totals
from facilitator.store.minutes_md import clock, mmss
from facilitator.store.minutes_md import inline as _i
from facilitator.store.minutes_md import names as _names
from facilitator.store.minutes_md import table as _table
from facilitator.store.minutes_md import word as _word
from facilitator.store.minutes_model import CONFIDENTIAL_CONFLICT_LINE, MinutesDoc
from facilitator.store.minutes_records import action_due, action_what

__all__ = ["off", "outcome", "registers", "response", "undone_section"]

_RESPONSE = {
    "consent": N_("consent"),
    "concern": N_("concern"),
    "stand_aside": N_("stand aside"),
    "object": N_("objection"),
    "block": N_("block"),
    "agree": N_("agree"),
}
CONFLICT_STATUS = {
    "open": N_("open"),
    "in-progress": N_("in progress"),
    "resolved": N_("resolved"),
}
_CREDIT_KIND = {"idea": N_("idea"), "work": N_("work"), "care": N_("care")}


def off(off_record: bool) -> str:
    # Only the private record holds entries made off the record; it says which they were.
    return _(" (off the record)") if off_record else ""


def response(key: str) -> str:
    # A method's own position arrives as its label ("1 · Whole-hearted endorsement"): its
    # hyphens stay; only a key's underscores read as spaces.
    return _(_RESPONSE[key]) if key in _RESPONSE else key.replace("_", " ")


def outcome(key: str) -> str:
    # A decision's outcome in words, from the table the screen says it from too
    # (`core.outcome_words`). An unknown id reads with spaces for its hyphens.
    return outcome_words().get(key) or key.replace("-", " ")


def _action_status(key: str) -> str:
    # An action's own words (in Spanish an action is feminine: "abierta", "hecha").
    words = {
        "open": pgettext("action status", "open"),
        "done": pgettext("action status", "done"),
        "dropped": pgettext("action status", "dropped"),
    }
    return words.get(key) or key


def _count(key: str, n: int) -> str:
    """ "2 consent" in the decisions register: English keeps the word as it is; other
    languages may put it in the plural."""
    said = {
        "consent": ngettext("{n} consent", "{n} consent", n),
        "concern": ngettext("{n} concern", "{n} concern", n),
        "stand_aside": ngettext("{n} stand aside", "{n} stand aside", n),
        "object": ngettext("{n} objection", "{n} objection", n),
        "block": ngettext("{n} block", "{n} block", n),
        "agree": ngettext("{n} agree", "{n} agree", n),
    }.get(key)
    return said.format(n=n) if said else f"{n} {response(key)}"


def _decisions(doc: MinutesDoc) -> list[str]:
    head = "## " + _("Decisions")
    if not doc.decisions:
        return [head, "", _("No decisions were recorded.")]
    rows = []
    for registered in doc.decisions:
        d, tally = registered.record, registered.counts
        # Under consensus the `consent` count is of "agree" (the front matter's old key).
        words = {"consent": "agree"} if d.method == "consensus" else {}
        counts = registered.responses or ", ".join(
            _count(words.get(k, k), tally[k]) for k in COUNT_KEYS if tally.get(k)
        )
        review = d.review.isoformat() if d.review else ""
        rows.append([registered.id, _i(d.title), _i(d.text), outcome(d.outcome), counts, review])
    header = [_("ID"), _("Item"), _("Decision"), _("Outcome"), _("Responses"), _("Review")]
    return [head, "", *_table(header, "llllll", rows)]


def _actions(doc: MinutesDoc) -> list[str]:
    head = "## " + _("Action items")
    if not doc.actions:
        return [head, "", _("No action items were recorded.")]
    rows = [
        [
            _i(action_what(a)) + off(a.off_record),
            _i(a.owner),
            due.isoformat() if (due := action_due(a)) else "",
            _i(logged.item)
            + (_(" (since {date})").format(date=a.since.isoformat()) if a.since else ""),
            _action_status(a.status),
        ]
        for logged in doc.actions
        for a in (logged.record,)
    ]
    header = [_("What"), _("Owner"), _("Due"), _("Item"), _("Status")]
    return [head, "", *_table(header, "lllll", rows)]


def _credits(doc: MinutesDoc) -> list[str]:
    head = "## " + _("Credit log")
    if not doc.credits:
        return [head, "", _("No credits were logged.")]
    rows = [
        [_i(c.name), _i(c.text) + off(c.off_record), _word(_CREDIT_KIND, c.kind), _i(given.item)]
        for given in doc.credits
        for c in (given.record,)
    ]
    return [head, "", *_table([_("To"), _("For"), _("Kind"), _("Item")], "llll", rows)]


def _conflicts(doc: MinutesDoc) -> list[str]:
    out = ["## " + _("Conflict log"), ""]
    if not doc.conflicts and not doc.hidden_conflicts:
        return [*out, _("No conflicts were logged.")]
    if doc.conflicts:
        rows = [
            [
                _i(k.text) + (_(" (confidential)") if k.confidential else "") + off(k.off_record),
                _i(k.raised_by),
                _names(k.parties),
                _word(CONFLICT_STATUS, k.status),
                _i(k.next_step),
                _i(k.owner),
            ]
            for k in (held.record for held in doc.conflicts)
        ]
        header = [_("About"), _("Raised by"), _("Parties"), _("Status"), _("Next step"), _("Owner")]
        out += _table(header, "llllll", rows)
    out += ["", _(CONFIDENTIAL_CONFLICT_LINE)] * doc.hidden_conflicts
    return out


def _talk(doc: MinutesDoc) -> list[str]:
    rows = [[_i(name), str(turns), mmss(seconds)] for name, turns, seconds in talk_totals(doc)]
    head = "## " + _("Talk time")
    if not rows:
        return [head, "", _("Nobody was given the floor.")]
    return [head, "", *_table([_("Name"), _("Turns"), _("Time (m:ss)")], "lrr", rows)]


def undone_section(doc: MinutesDoc) -> list[str]:
    """The private record's list of acts taken back with undo (empty when there were none).

    The audit trail in words: what was recorded and then undone, and when. Never in the
    shared minutes (`redact` drops the list); the journal keeps every event.
    """
    if not doc.private or not doc.undone_acts:
        return []
    rows = [[_at(act.at), _at(act.undone_at), _i(act.what)] for act in doc.undone_acts]
    return [
        "## " + _("Undone"),
        "",
        _("Recorded during the meeting and taken back with undo (times UTC)."),
        "",
        *_table([_("Recorded"), _("Undone"), _("What")], "lll", rows),
    ]


def _at(iso: str) -> str:
    try:
        return clock(parse_iso(iso))
    except ValueError:
        return ""


def registers(doc: MinutesDoc) -> list[list[str]]:
    """The sections after the items, in MINUTES_FORMAT.md's order (undone: private only)."""
    out = [_decisions(doc), _actions(doc), _credits(doc), _conflicts(doc), _talk(doc)]
    undone = undone_section(doc)
    return [*out, undone] if undone else out
