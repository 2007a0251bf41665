"""The front matter keys that let the next meeting continue from this one without its agenda file.

MINUTES_FORMAT.md's added keys `guests`, `observers` and `[[items]]` (with each item's
process keys: a vote's `motion`, a selection's `role`, a dot vote's `options`…), and, under
optional keys of our own, what else `facilitator next` used to read from the old
agenda: the participants' roles, pronouns, organizations, priority and quick keys
(`[[participants]]`), the quorum as written (`quorum_rule`), the decision rule,
the stack order, the speaker limit, the planned start and the location. Every
one of them came from the agenda, which the circle shares anyway.

A confidential item keeps only its place in `[[items]]` (`confidential = true`):
no title, kind, times or text, as everywhere else in the shared minutes.
"""

from __future__ import annotations

from typing import Any

from facilitator.store.md_escape import clean
from facilitator.store.minutes_model import ItemRecord, MinutesDoc, Person

__all__ = ["CONTINUITY_TABLES", "ITEM_STATUS", "continuity_tables", "continuity_top"]

CONTINUITY_TABLES = ("items", "participants")
"""The arrays of tables added here, written after the contract's own."""

ITEM_STATUS = {"pending": "not-reached"}
"""The model's item status -> the front matter's (done | not-reached | skipped | deferred)."""


def _text(row: dict[str, Any], key: str, value: str | None) -> None:
    if value:
        row[key] = clean(value)


def _plain(value: object) -> object:
    """A process key's value with its strings `clean`ed (an option list's too)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def continuity_top(doc: MinutesDoc) -> dict[str, Any]:
    """The plain keys: guests, observers and the agenda's settings, in a fixed order."""
    out: dict[str, Any] = {
        "guests": [clean(n) for n in doc.guests],
        "observers": [clean(n) for n in doc.observers],
    }
    s = doc.setup
    _text(out, "quorum_rule", s.quorum_rule)
    # Only when not the default, which is what `next` assumes when a key is missing.
    if s.decision_rule != "consent":
        out["decision_rule"] = s.decision_rule
    if s.stack_order != "progressive":
        out["stack_order"] = s.stack_order
    if s.speaker_limit is not None:
        out["speaker_limit"] = s.speaker_limit
    if s.start is not None:
        out["start"] = s.start
    _text(out, "location", doc.location)
    return out


def item_row(item: ItemRecord, *, private: bool) -> dict[str, Any]:
    """One `[[items]]` row: the item as it ran, and what `next` needs to carry it."""
    if item.confidential and not private:
        return {"confidential": True}
    row: dict[str, Any] = {
        "title": clean(item.title),
        "kind": item.kind,
        "status": ITEM_STATUS.get(item.status, item.status),
        "planned": item.planned_seconds,
    }
    if item.actual_seconds is not None:
        row["actual"] = item.actual_seconds
    row["standing"] = item.standing
    _text(row, "owner", item.owner)
    if item.added:
        row["added"] = True
    if item.consent is not None and item.consent.versions:
        row["proposal"] = clean(item.consent.versions[0].text)
        if item.consent.review is not None:
            row["review"] = item.consent.review
    for key, value in item.process_keys:
        # The agenda's own keys of its process (`motion`, `options`…), as the agenda names them.
        row[key] = _plain(value)
    _text(row, "prep", item.prep)
    if item.confidential:
        row["confidential"] = True
    return row


def person_row(p: Person) -> dict[str, Any]:
    """One `[[participants]]` row."""
    row: dict[str, Any] = {"name": clean(p.name), "role": p.role}
    _text(row, "org", p.org)
    _text(row, "pronouns", p.pronouns)
    if p.priority:
        row["priority"] = True
    _text(row, "key", p.key)
    return row


def continuity_tables(doc: MinutesDoc) -> dict[str, list[dict[str, Any]]]:
    """The arrays of tables, by key, in CONTINUITY_TABLES order."""
    return {
        "items": [item_row(i, private=doc.private) for i in doc.items],
        "participants": [person_row(p) for p in doc.participants],
    }
