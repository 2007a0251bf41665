"""The minutes' TOML front matter (between `+++` lines), exactly as MINUTES_FORMAT.md lists it.

Offline review reads only this part, so it carries every decision, action,
credit, conflict and talk-time figure of the (possibly redacted) document.
Strings are `clean`ed (NFC, no control or bidi characters) but not escaped:
TOML has its own quoting, done by tomli-w. Keys whose value is unknown (no
end time in a draft, no due date) are left out, since TOML has no null.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import tomli_w

from facilitator.processes import outcome_tables
from facilitator.processes.consent.methods import Method
from facilitator.store.md_escape import clean
from facilitator.store.minutes_continuity import (
    CONTINUITY_TABLES,
    continuity_tables,
    continuity_top,
)
from facilitator.store.minutes_model import MinutesDoc
from facilitator.store.minutes_records import action_due, action_what, decision_quorum_met, moment

__all__ = ["SCHEMA", "front_matter", "front_matter_dict", "old_count_key"]

SCHEMA = 1
"""The minutes format version."""

COUNT_KEYS = ("consent", "concern", "stand_aside", "object", "block")
"""Response kinds counted for each decision, in the contract's order."""

_OLD_WORDS = {
    "consent": "consent",
    "agree": "consent",
    "no-objection": "consent",
    "concern": "concern",
    "stand-aside": "stand_aside",
    "object": "object",
    "block": "block",
}
"""A response word of the consent family -> its COUNT_KEYS key. Under consensus "agree" is
the same act as "consent", and under S3 "no objection" is too."""

GRADIENTS_OLD_KEYS = {
    "1": "consent",  # whole-hearted endorsement
    "2": "consent",  # agreement with a minor point of contention
    "3": "consent",  # support with reservations
    "4": "stand_aside",  # abstain
    "5": "concern",  # more discussion needed
    "6": "concern",  # don't like but will support
    "7": "stand_aside",  # serious disagreement, not a veto: does not stop it
    "8": "block",  # veto
}
"""Kaner's points -> COUNT_KEYS: support (1-3), support with a reservation to hear (5, 6),
not supporting and not stopping it (4, 7), and the veto, which stops it (8)."""


def old_count_key(method: Method, response: str) -> str:
    """The COUNT_KEYS key a counted response goes under, so that a reader from before
    methods (which knows only `consent`, `concern`, `stand_aside`, `object`, `block`) sees
    the support, the reservations and the blocks of every method. Gradients: see
    GRADIENTS_OLD_KEYS; fist-to-five: a count at or above `pass_min` consents, one below it
    blocks. Any other response keeps its own key (which old readers ignore)."""
    if response in _OLD_WORDS:
        return _OLD_WORDS[response]
    if method.name == "gradients" and response in GRADIENTS_OLD_KEYS:
        return GRADIENTS_OLD_KEYS[response]
    position = method.position(response)
    if method.name == "fist-to-five" and position is not None:
        return "block" if position.blocks else "consent"
    return response.replace("-", "_")


class UtcDateTime(dt.datetime):
    """A UTC datetime that tomli-w writes as the contract shows it: `2026-11-24T23:02:11Z`.

    tomli-w writes a datetime as `str(value)` (`2026-11-24 23:02:11+00:00`); both are the
    same TOML value, but people reading the front matter in a diff see the contract's form.
    """

    def __str__(self) -> str:
        return self.strftime("%Y-%m-%dT%H:%M:%SZ")


def _utc(value: dt.datetime | None) -> UtcDateTime | None:
    if value is None:
        return None
    v = value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return UtcDateTime(v.year, v.month, v.day, v.hour, v.minute, v.second, tzinfo=dt.UTC)


def _put(table: dict[str, Any], key: str, value: object) -> None:
    if value is None:
        return
    table[key] = clean(value) if isinstance(value, str) else value


def front_matter_dict(doc: MinutesDoc) -> dict[str, Any]:
    """The front matter as plain TOML-ready data."""
    out: dict[str, Any] = {"schema": SCHEMA}
    _put(out, "title", doc.title)
    _put(out, "circle", doc.circle)
    out["date"] = doc.date
    _put(out, "agenda_date", doc.agenda_date)
    _put(out, "started", _utc(doc.started))
    _put(out, "ended", _utc(doc.ended))
    _put(out, "agenda", doc.agenda_path)
    _put(out, "facilitator", doc.facilitator)
    _put(out, "notetaker", doc.notetaker)
    _put(out, "timekeeper", doc.timekeeper)
    out["present"] = [clean(n) for n in doc.present]
    out["absent"] = [clean(n) for n in doc.absent]
    out.update(continuity_top(doc))
    _put(out, "quorum", doc.quorum)
    _put(out, "quorum_met", doc.quorum_met)
    out["status"] = doc.status
    if doc.private:
        out["private"] = True
    decisions = []
    for registered in doc.decisions:
        d = registered.record
        row: dict[str, Any] = {}
        _put(row, "id", registered.id)
        _put(row, "item", d.title)
        _put(row, "text", d.text)
        _put(row, "outcome", d.outcome)
        _put(row, "rule", d.rule)
        for key in COUNT_KEYS:
            row[key] = registered.counts.get(key, 0)
        _put(row, "review", d.review)
        _put(row, "method", d.method or None)
        if d.positions:
            row["positions"] = dict(d.positions)
        _put(row, "quorum_met", decision_quorum_met(d))
        _put(row, "present", registered.present)
        if d.by_exception:
            # How the round was taken: this many responses were "not yet heard: consents".
            row["by_exception"] = d.by_exception
        if d.confidential:
            row["confidential"] = True
        decisions.append(row)
    actions = []
    for logged in doc.actions:
        a = logged.record
        row = {}
        _put(row, "what", action_what(a))
        _put(row, "owner", a.owner)
        _put(row, "due", action_due(a))
        _put(row, "item", logged.item)
        _put(row, "status", a.status)
        _put(row, "since", a.since)
        if a.confidential:
            row["confidential"] = True
        actions.append(row)
    credits = []
    for given in doc.credits:
        c = given.record
        row = {}
        _put(row, "to", c.name)
        _put(row, "for", c.text)
        _put(row, "kind", c.kind)
        _put(row, "item", given.item)
        if c.confidential:
            row["confidential"] = True
        credits.append(row)
    conflicts = []
    for held in doc.conflicts:
        k = held.record
        row = {}
        _put(row, "about", k.text)
        _put(row, "raised_by", k.raised_by)
        row["parties"] = [clean(p) for p in k.parties]
        _put(row, "status", k.status)
        _put(row, "next_step", k.next_step or None)
        _put(row, "owner", k.owner or None)
        _put(row, "item", held.item)
        if k.confidential:
            row["confidential"] = True
        conflicts.append(row)
    talk = [
        {"name": clean(name), "turns": turns, "seconds": seconds}
        for name, turns, seconds in talk_totals(doc)
    ]
    attendance = []
    for entry in doc.attendance:
        p = entry.record
        row = {}
        _put(row, "name", p.name)
        _put(row, "event", p.event)
        _put(row, "at", _utc(moment(p.at)))
        _put(row, "item", entry.item)
        _put(row, "reason", p.reason or None)
        attendance.append(row)
    for key, rows in (
        ("attendance", attendance),
        *process_rows(doc).items(),
        ("decisions", decisions),
        ("actions", actions),
        ("credits", credits),
        ("conflicts", conflicts),
        ("talk_time", talk),
        *continuity_tables(doc).items(),
    ):
        if rows:
            out[key] = rows
    return out


def _cleaned(value: Any) -> Any:
    """A process's row value with every string `clean`ed, however deeply it is nested."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_cleaned(v) for v in value]
    return value


def process_rows(doc: MinutesDoc) -> dict[str, list[dict[str, Any]]]:
    """Each process's front-matter tables (`[[votes]]`), rows in item order. The doc is
    already redacted for shared minutes, so a confidential item's rows are not in it."""
    out: dict[str, list[dict[str, Any]]] = {}
    for item in doc.items:
        for _, said in item.processes:
            for table, rows in said.rows.items():
                out.setdefault(table, []).extend(_cleaned(dict(r)) for r in rows)
    return out


def _inline_table(key: str, table: dict[str, Any]) -> str:
    """`key = { a = 1, b = 2 }`: tomli-w would write a `[key]` section instead, which after
    a `[[row]]` written on its own would belong to the wrong table. Keys are our own words."""
    body = ", ".join(tomli_w.dumps({k: v}).strip() for k, v in table.items())
    return f"{key} = {{ {body} }}\n"


def talk_totals(doc: MinutesDoc) -> list[tuple[str, int, int]]:
    """(name, turns, seconds) per person over the doc's talk entries, most talk first.

    Ties keep first-spoken order, so the same state always gives the same table.
    """
    totals: dict[str, list[int]] = {}
    for t in doc.talk:
        acc = totals.setdefault(t.name, [0, 0])
        acc[0] += t.turns
        acc[1] += t.seconds
    order = {name: i for i, name in enumerate(totals)}
    rows = [(name, acc[0], acc[1]) for name, acc in totals.items()]
    rows.sort(key=lambda r: (-r[2], order[r[0]]))
    return rows


TABLE_KEYS = (
    "attendance",
    "decisions",
    "actions",
    "credits",
    "conflicts",
    "talk_time",
    *CONTINUITY_TABLES,
)
"""The arrays of tables, written after the plain keys in this order (then the processes')."""


def front_matter(doc: MinutesDoc) -> str:
    """The front matter block, `+++` lines included, ending with a newline.

    tomli-w writes every value; each array of tables is written row by row as
    `[[key]]` sections, because left to itself tomli-w switches to inline
    tables when rows are short, and the layout would change with the content.
    """
    data = front_matter_dict(doc)
    tables = (*TABLE_KEYS, *outcome_tables())
    top = {k: v for k, v in data.items() if k not in tables}
    parts = ["+++\n", tomli_w.dumps(top)]
    for key in tables:
        for row in data.get(key, ()):
            inline = {k: v for k, v in row.items() if isinstance(v, dict)}
            plain = {k: v for k, v in row.items() if k not in inline}
            parts += ["\n", f"[[{key}]]\n", tomli_w.dumps(plain)]
            parts += [_inline_table(k, v) for k, v in inline.items()]
    parts.append("+++\n")
    return "".join(parts)
