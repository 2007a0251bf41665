"""The Markdown body of the minutes, for people, in the order MINUTES_FORMAT.md gives.

Every string that came from a person or an agenda goes through `md_escape`
(`_i` for one line, `_block` for multi-line text); everything else here is
our own fixed wording. Tables always have a header row and a fixed column
count, and blocks are separated by blank lines so no typed line can join them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from facilitator.core.clock import parse_iso
from facilitator.core.dates import DAY_NAMES, MONTH_NAMES
from facilitator.core.timing import quorum_text
from facilitator.processes.unit import MinutesSection
from facilitator.store.md_escape import escape_block, escape_inline
from facilitator.store.minutes_frontmatter import COUNT_KEYS, talk_totals
from facilitator.store.minutes_model import (
    CONFIDENTIAL_CONFLICT_LINE,
    CONFIDENTIAL_ITEM_LINE,
    Attendance,
    ConsentRecord,
    ItemRecord,
    MinutesDoc,
    RoundRecord,
    Turn,
)

__all__ = ["body", "clock", "minutes_text", "mmss"]

_STATUS = {
    "done": "done",
    "running": "running",
    "paused": "paused",
    "skipped": "skipped",
    "deferred": "deferred",
    "pending": "not reached",
}
_DAYS = tuple(d.capitalize() for d in DAY_NAMES)
_MONTHS = tuple(m.capitalize() for m in MONTH_NAMES)
# Only the private record holds entries made off the record; it says which they were.
_OFF = {True: " (off the record)", False: ""}
_RESPONSE = {"stand_aside": "stand aside", "object": "objection", "block": "block"}


def _i(text: str | None) -> str:
    return escape_inline(text or "")


def _names(names: Iterable[str]) -> str:
    return ", ".join(_i(n) for n in names)


def minutes_text(seconds: int) -> str:
    """A duration for the agenda table: "45 s" under a minute, else whole minutes."""
    if seconds < 60:
        return f"{seconds} s"
    return f"{(seconds + 30) // 60} min"


def mmss(seconds: int) -> str:
    """A duration as m:ss (talk time and turns)."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def clock(moment: dt.datetime) -> str:
    """A UTC time of day, HH:MM."""
    return moment.astimezone(dt.UTC).strftime("%H:%M")


def _table(header: Sequence[str], align: str, rows: Iterable[Sequence[str]]) -> list[str]:
    marks = {"l": ":--", "r": "--:"}
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(marks[a] for a in align) + "|"]
    for row in rows:
        assert len(row) == len(header)
        out.append("| " + " | ".join(row) + " |")
    return out


def _summary(doc: MinutesDoc) -> list[str]:
    d = doc.date
    # Our own names, not strftime's: those follow the process locale, and output must not.
    parts = [f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"]
    if _i(doc.circle):
        parts.append(_i(doc.circle))
    if doc.started is not None:
        if doc.ended is not None:
            parts.append(f"{clock(doc.started)}–{clock(doc.ended)} UTC")
        else:
            parts.append(f"started {clock(doc.started)} UTC, still running")
    # One count and one wording everywhere (core's `quorum_text`): voting members present,
    # and how many are needed; guests never count, so they are said apart.
    count = quorum_text(doc.members_present, doc.quorum)
    if doc.quorum is not None:
        count += ": quorum met" if doc.quorum_met else ": quorum NOT met"
    parts.append(count)
    if doc.guests:
        parts.append(f"{len(doc.guests)} guest{'' if len(doc.guests) == 1 else 's'}")
    parts.append(f"{len(doc.absent)} absent")
    out = [" · ".join(parts)]
    if doc.status == "draft":
        out += [
            "",
            "> **Draft.** The meeting is still running; these minutes are refreshed as it goes.",
        ]
    if doc.private:
        out += ["", "> **Private record.** Holds confidential parts; do not share or commit it."]
    return out


def _attendance(doc: MinutesDoc) -> list[str]:
    def shown(names: Iterable[str]) -> str:
        return ", ".join(_i(n) + (" (walk-in)" if n in doc.walk_ins else "") for n in names)

    members = [n for n in doc.present if n not in doc.guests]
    lines = [f"- **Present:** {shown(members) or 'nobody recorded'}"]
    if doc.guests:
        lines.append(f"- **Guests:** {shown(doc.guests)}")
    if doc.observers:
        lines.append(f"- **Observers:** {_names(doc.observers)}")
    if doc.absent:
        lines.append(f"- **Absent:** {_names(doc.absent)}")
    if doc.left_early:
        lines.append(f"- **Left early:** {_names(doc.left_early)}")
    roles = [
        f"{label} {_i(name)}"
        for label, name in (
            ("facilitation:", doc.facilitator),
            ("notes:", doc.notetaker),
            ("time:", doc.timekeeper),
        )
        if name
    ]
    if roles:
        lines.append(f"- **Roles:** {'; '.join(roles)}")
    if doc.location:
        lines.append(f"- **Where:** {_i(doc.location)}")
    if doc.quorum is not None:
        verdict = "met" if doc.quorum_met else "not met"
        said = quorum_text(doc.members_present, doc.quorum)
        lines.append(f"- **Quorum:** {said} (most at once): {verdict}")
    out = ["## Attendance", "", *lines]
    if doc.attendance:
        out += ["", "**Comings and goings**", "", *(f"- {_presence(a)}" for a in doc.attendance)]
    return out


_PRESENCE = {"arrived": "arrived", "left": "left", "returned": "came back", "recused": "recused"}


def _presence(a: Attendance) -> str:
    when = f"{clock(a.at)} UTC" if a.at is not None else "(time unknown)"
    what = f"{when}: {_i(a.name)} {_PRESENCE.get(a.event, a.event)}"
    if a.event == "recused" and a.item:
        what += f" from {_i(a.item)}"
    if a.reason:
        what += f" ({_i(a.reason)})"
    return what


def _planned_total(item: ItemRecord) -> int:
    return item.planned_seconds + sum(e.seconds for e in item.extensions)


def _agenda(doc: MinutesDoc) -> list[str]:
    rows = []
    planned = actual = 0
    for n, item in enumerate(doc.items, 1):
        if item.confidential and not doc.private:
            rows.append([str(n), CONFIDENTIAL_ITEM_LINE, "", "", ""])
            continue
        planned += item.planned_seconds
        actual += item.actual_seconds or 0
        title = _i(item.title) + (" (added)" if item.added else "")
        title += " (confidential)" if item.confidential else ""
        ext = sum(e.seconds for e in item.extensions)
        plan = minutes_text(item.planned_seconds)
        if ext:
            plan += f" +{minutes_text(ext)}"
        took = minutes_text(item.actual_seconds) if item.actual_seconds is not None else ""
        rows.append([str(n), title, plan, took, _STATUS.get(item.status, item.status)])
    rows.append(["", "**Total**", minutes_text(planned), minutes_text(actual), ""])
    table = _table(["#", "Item", "Planned", "Actual", "Status"], "rlrrl", rows)
    out = ["## Agenda as it ran", "", *table]
    for seconds in doc.off_record_between:
        out += ["", f"Off the record between items for {minutes_text(seconds)}."]
    return out


def _list_item(text: str) -> list[str]:
    lines = escape_block(text)
    if not lines:
        return []
    return ["- " + lines[0]] + [("  " + line) if line else "" for line in lines[1:]]


def _quote(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in escape_block(text)]


def _consent(c: ConsentRecord) -> list[str]:
    out = [f"**{c.method_title or c.rule.capitalize()} process**", ""]
    for v in c.versions:
        label = "Proposal as presented" if v.number == 1 else f"Amendment {v.number - 1}"
        head = f"**{label}** (version {v.number})"
        if v.note:
            head += f": {_i(v.note)}"
        out += [head, "", *_quote(v.text), ""]
    for r in c.rounds:
        out += [f"**Round {r.number}**, on version {r.version}", ""]
        rows = []
        exception = []
        for resp in r.responses:
            if resp.by_exception:
                exception.append(resp)
                continue
            kind = _RESPONSE.get(resp.response, resp.response.replace("_", " "))
            who = _i(resp.name) + (" (guest, advisory)" if resp.advisory else "")
            rows.append([who, kind, _i(resp.reason)])
        if rows:
            out += [*_table(["Person", "Response", "Reason"], "lll", rows), ""]
        elif not exception:
            out += ["No responses recorded.", ""]
        if exception:
            word = _RESPONSE.get(exception[0].response, exception[0].response.replace("_", " "))
            n = len(exception)
            out += [
                f"Taken by exception: the {n} voting member{'' if n == 1 else 's'} not yet "
                f"heard were asked whether anyone objects, and recorded as {word}: "
                f"{_names(x.name for x in exception)}.",
                "",
            ]
    if c.integrations:
        out += ["**Objections integrated**", ""]
        for g in c.integrations:
            line = f"- {_i(g.name)} objected: {_i(g.objection)}"
            out.append(line + f" — integrated: {_i(g.how)}" if g.how else line)
        out.append("")
    if c.positions:
        shown = ", ".join(f"{label} {n}" for label, n in c.positions)
        out += [f"**Positions** (voting members, last round): {shown}.", ""]
    if c.spread:
        rows = [[label, str(n)] for label, n in c.spread]
        out += ["**Spread** (voting members, last round)", ""]
        out += [*_table(["Position", "Count"], "lr", rows), ""]
    if c.concerns:
        out += ["**Concerns to consider after the agreement**", ""]
        for name, what in c.concerns:
            out.append(f"- {_i(name)}: {_i(what)}" if what else f"- {_i(name)}")
        out.append("")
    outcome = (c.outcome or "not decided yet").replace("-", " ")
    tail = [f"**Outcome:** {outcome}."]
    if c.review is not None:
        tail.append(f"Review on {c.review.isoformat()}.")
    if c.quorum_met is not None:
        verdict = "Quorum was met" if c.quorum_met else "Quorum was NOT met"
        tail.append(f"{verdict}: {c.quorum_text}." if c.quorum_text else f"{verdict}.")
    elif c.quorum_text:
        tail.append(f"{c.quorum_text[0].upper()}{c.quorum_text[1:]}.")
    out.append(" ".join(tail))
    return out


def _item(n: int, item: ItemRecord, private: bool) -> list[str]:
    if item.confidential and not private:
        return [f"## {n}. {CONFIDENTIAL_ITEM_LINE}"]
    title = _i(item.title) or "(untitled)"
    mark = " (confidential)" if item.confidential else ""
    out = [f"## {n}. {title}{mark}", ""]
    facts = [f"**{item.kind.capitalize() or 'Item'}**"]
    if item.owner:
        facts.append(f"presented by {_i(item.owner)}")
    facts.append(f"planned {minutes_text(item.planned_seconds)}")
    if item.actual_seconds is not None:
        facts.append(f"took {minutes_text(item.actual_seconds)}")
    if item.status != "done":
        facts.append(_STATUS.get(item.status, item.status))
    out += [" · ".join(facts)]
    for e in item.extensions:
        reason = f": {_i(e.reason)}" if e.reason else ""
        out += ["", f"Extended by {minutes_text(e.seconds)}{reason}"]
    if item.recused:
        out += ["", f"**Recused:** {_names(item.recused)}"]
    for seconds in item.off_record:
        # All the shared minutes say of it: that it happened, here, and for how long.
        out += ["", f"Off the record for {minutes_text(seconds)}."]
    if item.notes:
        out += ["", "**Notes**", ""]
        for note in item.notes:
            out += _list_item(note)
    spoken = [t for t in item.turns if not t.passed]
    if spoken:
        out += ["", f"**Speakers, in order:** {', '.join(_turn(t) for t in spoken)}"]
    for go in item.rounds:
        out += ["", _round(go)]
    if item.consent is not None:
        out += ["", *_consent(item.consent)]
    for _, said in item.processes:
        if said.section is not None:
            out += ["", *_section(said.section)]
    return out


def _section(section: MinutesSection) -> list[str]:
    """A process's part of an item (its `minutes` hook): every string escaped here."""
    out = [f"**{_i(section.heading)}**"]
    for line in section.lines:
        out += ["", _i(line)]
    if section.table:
        header, *rows = section.table
        out += [
            "",
            *_table([_i(h) for h in header], "l" * len(header), ([_i(c) for c in r] for r in rows)),
        ]
    return out


def _turn(t: Turn) -> str:
    facts = [mmss(t.seconds)]
    if t.out_of_order:
        facts.append(f"given the floor out of order: {_i(t.out_of_order)}")
    if t.off_record:
        facts.append("off the record")
    return f"{_i(t.name)} ({'; '.join(facts)})"


def _round(go: RoundRecord) -> str:
    label = "Quick reactions round" if go.purpose == "reactions" else "Round"
    parts = [f"**{label}**, {go.asked} asked" + (" (off the record)" if go.off_record else "")]
    if go.passed:
        parts.append(f"passed: {_names(go.passed)}")
    missing = [*go.skipped, *go.not_reached]
    if missing:
        parts.append(f"did not respond: {_names(missing)}")
    if not go.passed and not missing:
        parts.append("everyone responded")
    return " · ".join(parts)


def _decisions(doc: MinutesDoc) -> list[str]:
    if not doc.decisions:
        return ["## Decisions", "", "No decisions were recorded."]
    rows = []
    for d in doc.decisions:
        # Under consensus the `consent` count is of "agree" (the front matter's old key).
        words = {**_RESPONSE, "consent": "agree"} if d.method == "consensus" else _RESPONSE
        counts = d.responses or ", ".join(
            f"{d.counts[k]} {words.get(k, k)}" for k in COUNT_KEYS if d.counts.get(k)
        )
        review = d.review.isoformat() if d.review else ""
        rows.append([d.id, _i(d.item), _i(d.text), d.outcome.replace("-", " "), counts, review])
    table = _table(["ID", "Item", "Decision", "Outcome", "Responses", "Review"], "llllll", rows)
    return ["## Decisions", "", *table]


def _actions(doc: MinutesDoc) -> list[str]:
    if not doc.actions:
        return ["## Action items", "", "No action items were recorded."]
    rows = [
        [
            _i(a.what) + _OFF[a.off_record],
            _i(a.owner),
            a.due.isoformat() if a.due else "",
            _i(a.item) + (f" (since {a.since.isoformat()})" if a.since else ""),
            a.status,
        ]
        for a in doc.actions
    ]
    return [
        "## Action items",
        "",
        *_table(["What", "Owner", "Due", "Item", "Status"], "lllll", rows),
    ]


def _credits(doc: MinutesDoc) -> list[str]:
    if not doc.credits:
        return ["## Credit log", "", "No credits were logged."]
    rows = [[_i(c.to), _i(c.for_) + _OFF[c.off_record], c.kind, _i(c.item)] for c in doc.credits]
    return ["## Credit log", "", *_table(["To", "For", "Kind", "Item"], "llll", rows)]


def _conflicts(doc: MinutesDoc) -> list[str]:
    out = ["## Conflict log", ""]
    if not doc.conflicts and not doc.hidden_conflicts:
        return [*out, "No conflicts were logged."]
    if doc.conflicts:
        rows = [
            [
                _i(k.about) + (" (confidential)" if k.confidential else "") + _OFF[k.off_record],
                _i(k.raised_by),
                _names(k.parties),
                k.status.replace("-", " "),
                _i(k.next_step),
                _i(k.owner),
            ]
            for k in doc.conflicts
        ]
        header = ["About", "Raised by", "Parties", "Status", "Next step", "Owner"]
        out += _table(header, "llllll", rows)
    for _ in range(doc.hidden_conflicts):
        out += ["", CONFIDENTIAL_CONFLICT_LINE]
    return out


def _talk(doc: MinutesDoc) -> list[str]:
    rows = [[_i(name), str(turns), mmss(seconds)] for name, turns, seconds in talk_totals(doc)]
    if not rows:
        return ["## Talk time", "", "Nobody was given the floor."]
    return ["## Talk time", "", *_table(["Name", "Turns", "Time (m:ss)"], "lrr", rows)]


def undone_section(doc: MinutesDoc) -> list[str]:
    """The private record's list of acts taken back with undo (empty when there were none).

    The audit trail in words: what was recorded and then undone, and when. Never in the
    shared minutes (`redact` drops the list); the journal keeps every event.
    """
    if not doc.private or not doc.undone_acts:
        return []
    rows = [[_at(act.at), _at(act.undone_at), _i(act.what)] for act in doc.undone_acts]
    return [
        "## Undone",
        "",
        "Recorded during the meeting and taken back with undo (times UTC).",
        "",
        *_table(["Recorded", "Undone", "What"], "lll", rows),
    ]


def _at(iso: str) -> str:
    try:
        return clock(parse_iso(iso))
    except ValueError:
        return ""


def body(doc: MinutesDoc) -> str:
    """The Markdown body for `doc` (already redacted when it is the shared version)."""
    sections: list[list[str]] = [
        [f"# {_i(doc.title) or '(untitled)'}", "", *_summary(doc)],
        _attendance(doc),
        _agenda(doc),
    ]
    sections += [_item(n, item, doc.private) for n, item in enumerate(doc.items, 1)]
    sections += [_decisions(doc), _actions(doc), _credits(doc), _conflicts(doc), _talk(doc)]
    undone = undone_section(doc)
    if undone:
        sections.append(undone)
    return "\n\n".join("\n".join(s).rstrip("\n") for s in sections) + "\n"
