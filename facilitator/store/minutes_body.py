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
from facilitator.core.timing import quorum_text
from facilitator.i18n import N_, _, ngettext, pgettext
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

# The words are looked up with `_` where they are written, in the minutes' language (the
# renderer runs under `i18n.using`); the keys are the front matter's English values.
_STATUS = {
    "done": N_("done"),
    "running": N_("running"),
    "paused": N_("paused"),
    "skipped": N_("skipped"),
    "deferred": N_("deferred"),
    "pending": N_("not reached"),
}
# Our own names, not strftime's or the core's (those follow the process locale, or are the
# English words `due` dates are typed in): the catalog holds them (no Babel at run time).
_DAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
_RESPONSE = {
    "consent": N_("consent"),
    "concern": N_("concern"),
    "stand_aside": N_("stand aside"),
    "object": N_("objection"),
    "block": N_("block"),
    "agree": N_("agree"),
}
_CONFLICT_STATUS = {
    "open": N_("open"),
    "in-progress": N_("in progress"),
    "resolved": N_("resolved"),
}
_CREDIT_KIND = {"idea": N_("idea"), "work": N_("work"), "care": N_("care")}
_KIND = {
    "discussion": N_("Discussion"),
    "proposal": N_("Proposal"),
    "report": N_("Report"),
    "round": N_("Round"),
    # The processes' kinds, as `capitalize()` has always written them in English.
    "vote": N_("Vote"),
    "selection": N_("Selection"),
    "dot-vote": N_("Dot-vote"),
}
_RULE = {"consent": N_("Consent process"), "consensus": N_("Consensus process")}


def _word(table: dict[str, str], key: str) -> str:
    """`key`'s word from `table` in the minutes' language; an unknown key as it is, in
    words (`-` and `_` as spaces)."""
    return _(table[key]) if key in table else key.replace("-", " ").replace("_", " ")


def _off(off_record: bool) -> str:
    # Only the private record holds entries made off the record; it says which they were.
    return _(" (off the record)") if off_record else ""


def _response(key: str) -> str:
    # A method's own position arrives as its label ("1 · Whole-hearted endorsement"): its
    # hyphens stay; only a key's underscores read as spaces.
    return _(_RESPONSE[key]) if key in _RESPONSE else key.replace("_", " ")


def _outcome(key: str) -> str:
    # A decision's outcome in words (a decision is feminine in Spanish: "aplazada").
    words = {
        "adopted": pgettext("outcome", "adopted"),
        "adopted-with-concerns": pgettext("outcome", "adopted with concerns"),
        "not-adopted": pgettext("outcome", "not adopted"),
        "deferred": pgettext("outcome", "deferred"),
        "withdrawn": pgettext("outcome", "withdrawn"),
    }
    return words.get(key) or key.replace("-", " ")


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
    return said.format(n=n) if said else f"{n} {_response(key)}"


def long_date(d: dt.date) -> str:
    """A date in words in the language in force: "Tuesday 24 November 2026"."""
    return _("{weekday} {day} {month} {year}").format(
        weekday=_(_DAYS[d.weekday()]),
        day=d.day,
        month=_(_MONTHS[d.month - 1]),
        year=d.year,
    )


def _i(text: str | None) -> str:
    return escape_inline(text or "")


def _names(names: Iterable[str]) -> str:
    return ", ".join(_i(n) for n in names)


def minutes_text(seconds: int) -> str:
    """A duration for the agenda table: "45 s" under a minute, else whole minutes."""
    if seconds < 60:
        return _("{n} s").format(n=seconds)
    return _("{n} min").format(n=(seconds + 30) // 60)


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
    said = long_date(doc.date)
    # A line starts with a capital; Spanish writes day and month names in lowercase.
    parts = [said[:1].upper() + said[1:]]
    if _i(doc.circle):
        parts.append(_i(doc.circle))
    if doc.started is not None:
        if doc.ended is not None:
            parts.append(f"{clock(doc.started)}–{clock(doc.ended)} UTC")
        else:
            parts.append(_("started {time} UTC, still running").format(time=clock(doc.started)))
    # One count and one wording everywhere (core's `quorum_text`): voting members present,
    # and how many are needed; guests never count, so they are said apart.
    count = quorum_text(doc.members_present, doc.quorum)
    if doc.quorum is not None:
        count += _(": quorum met") if doc.quorum_met else _(": quorum NOT met")
    parts.append(count)
    if doc.guests:
        n = len(doc.guests)
        parts.append(ngettext("{n} guest", "{n} guests", n).format(n=n))
    parts.append(ngettext("{n} absent", "{n} absent", len(doc.absent)).format(n=len(doc.absent)))
    out = [" · ".join(parts)]
    if doc.status == "draft":
        out += [
            "",
            _("> **Draft.** The meeting is still running; these minutes are refreshed as it goes."),
        ]
    if doc.private:
        out += [
            "",
            _("> **Private record.** Holds confidential parts; do not share or commit it."),
        ]
    return out


def _attendance(doc: MinutesDoc) -> list[str]:
    def shown(names: Iterable[str]) -> str:
        walk_in = _(" (walk-in)")
        return ", ".join(_i(n) + (walk_in if n in doc.walk_ins else "") for n in names)

    def line(label: str, text: str) -> str:
        return f"- **{label}:** {text}"

    members = [n for n in doc.present if n not in doc.guests]
    lines = [line(_("Present"), shown(members) or _("nobody recorded"))]
    if doc.guests:
        lines.append(line(_("Guests"), shown(doc.guests)))
    if doc.observers:
        lines.append(line(_("Observers"), _names(doc.observers)))
    if doc.absent:
        lines.append(line(_("Absent"), _names(doc.absent)))
    if doc.left_early:
        lines.append(line(_("Left early"), _names(doc.left_early)))
    roles = [
        f"{label} {_i(name)}"
        for label, name in (
            (_("facilitation:"), doc.facilitator),
            (_("notes:"), doc.notetaker),
            (_("time:"), doc.timekeeper),
        )
        if name
    ]
    if roles:
        lines.append(line(_("Roles"), "; ".join(roles)))
    if doc.location:
        lines.append(line(_("Where"), _i(doc.location)))
    if doc.quorum is not None:
        verdict = _("met") if doc.quorum_met else _("not met")
        said = quorum_text(doc.members_present, doc.quorum)
        lines.append(
            line(
                _("Quorum"),
                _("{said} (most at once): {verdict}").format(said=said, verdict=verdict),
            )
        )
    out = ["## " + _("Attendance"), "", *lines]
    if doc.attendance:
        out += [
            "",
            "**" + _("Comings and goings") + "**",
            "",
            *(f"- {_presence(a)}" for a in doc.attendance),
        ]
    return out


_PRESENCE = {
    "arrived": N_("arrived"),
    "left": N_("left"),
    "returned": N_("came back"),
    "recused": N_("recused"),
}


def _presence(a: Attendance) -> str:
    when = _("{time} UTC").format(time=clock(a.at)) if a.at is not None else _("(time unknown)")
    what = f"{when}: {_i(a.name)} {_word(_PRESENCE, a.event)}"
    if a.event == "recused" and a.item:
        what += _(" from {item}").format(item=_i(a.item))
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
            rows.append([str(n), _(CONFIDENTIAL_ITEM_LINE), "", "", ""])
            continue
        planned += item.planned_seconds
        actual += item.actual_seconds or 0
        title = _i(item.title) + (_(" (added)") if item.added else "")
        title += _(" (confidential)") if item.confidential else ""
        ext = sum(e.seconds for e in item.extensions)
        plan = minutes_text(item.planned_seconds)
        if ext:
            plan += f" +{minutes_text(ext)}"
        took = minutes_text(item.actual_seconds) if item.actual_seconds is not None else ""
        rows.append([str(n), title, plan, took, _word(_STATUS, item.status)])
    rows.append(["", "**" + _("Total") + "**", minutes_text(planned), minutes_text(actual), ""])
    header = ["#", _("Item"), _("Planned"), _("Actual"), _("Status")]
    out = ["## " + _("Agenda as it ran"), "", *_table(header, "rlrrl", rows)]
    for seconds in doc.off_record_between:
        out += [
            "",
            _("Off the record between items for {time}.").format(time=minutes_text(seconds)),
        ]
    return out


def _list_item(text: str) -> list[str]:
    lines = escape_block(text)
    if not lines:
        return []
    return ["- " + lines[0]] + [("  " + line) if line else "" for line in lines[1:]]


def _quote(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in escape_block(text)]


def _consent(c: ConsentRecord) -> list[str]:
    if c.method_title:
        rule = _("{rule} process").format(rule=c.method_title)
    elif c.rule in _RULE:
        rule = _(_RULE[c.rule])
    else:
        rule = _("{rule} process").format(rule=c.rule.capitalize())
    out = [f"**{rule}**", ""]
    for v in c.versions:
        label = (
            _("Proposal as presented")
            if v.number == 1
            else _("Amendment {n}").format(n=v.number - 1)
        )
        head = _("**{label}** (version {n})").format(label=label, n=v.number)
        if v.note:
            head += f": {_i(v.note)}"
        out += [head, "", *_quote(v.text), ""]
    for r in c.rounds:
        out += [_("**Round {n}**, on version {version}").format(n=r.number, version=r.version), ""]
        rows = []
        exception = []
        for resp in r.responses:
            if resp.by_exception:
                exception.append(resp)
                continue
            kind = _response(resp.response)
            who = _i(resp.name) + (_(" (guest, advisory)") if resp.advisory else "")
            rows.append([who, kind, _i(resp.reason)])
        if rows:
            out += [*_table([_("Person"), _("Response"), _("Reason")], "lll", rows), ""]
        elif not exception:
            out += [_("No responses recorded."), ""]
        if exception:
            word = _response(exception[0].response)
            n = len(exception)
            out += [
                ngettext(
                    "Taken by exception: the {n} voting member not yet heard were asked whether "
                    "anyone objects, and recorded as {word}: {names}.",
                    "Taken by exception: the {n} voting members not yet heard were asked whether "
                    "anyone objects, and recorded as {word}: {names}.",
                    n,
                ).format(n=n, word=word, names=_names(x.name for x in exception)),
                "",
            ]
    if c.integrations:
        out += ["**" + _("Objections integrated") + "**", ""]
        for g in c.integrations:
            line = _("- {name} objected: {objection}").format(
                name=_i(g.name), objection=_i(g.objection)
            )
            out.append(line + _(" — integrated: {how}").format(how=_i(g.how)) if g.how else line)
        out.append("")
    if c.positions:
        shown = ", ".join(f"{label} {n}" for label, n in c.positions)
        out += [_("**Positions** (voting members, last round): {shown}.").format(shown=shown), ""]
    if c.spread:
        rows = [[label, str(n)] for label, n in c.spread]
        out += [_("**Spread** (voting members, last round)"), ""]
        out += [*_table([_("Position"), _("Count")], "lr", rows), ""]
    if c.concerns:
        out += ["**" + _("Concerns to consider after the agreement") + "**", ""]
        for name, what in c.concerns:
            out.append(f"- {_i(name)}: {_i(what)}" if what else f"- {_i(name)}")
        out.append("")
    outcome = _outcome(c.outcome) if c.outcome else _("not decided yet")
    tail = [_("**Outcome:** {outcome}.").format(outcome=outcome)]
    if c.review is not None:
        tail.append(_("Review on {date}.").format(date=c.review.isoformat()))
    # Said again from the numbers, in the minutes' language (the text was the screen's).
    said = quorum_text(*c.quorum_counts) if c.quorum_counts is not None else c.quorum_text
    if c.quorum_met is not None:
        verdict = _("Quorum was met") if c.quorum_met else _("Quorum was NOT met")
        tail.append(f"{verdict}: {said}." if said else f"{verdict}.")
    elif said:
        tail.append(f"{said[0].upper()}{said[1:]}.")
    out.append(" ".join(tail))
    return out


def _item(n: int, item: ItemRecord, private: bool) -> list[str]:
    if item.confidential and not private:
        return [f"## {n}. {_(CONFIDENTIAL_ITEM_LINE)}"]
    title = _i(item.title) or _("(untitled)")
    mark = _(" (confidential)") if item.confidential else ""
    out = [f"## {n}. {title}{mark}", ""]
    kind = _(_KIND[item.kind]) if item.kind in _KIND else item.kind.capitalize() or _("Item")
    facts = [f"**{kind}**"]
    if item.owner:
        facts.append(_("presented by {owner}").format(owner=_i(item.owner)))
    facts.append(_("planned {time}").format(time=minutes_text(item.planned_seconds)))
    if item.actual_seconds is not None:
        facts.append(_("took {time}").format(time=minutes_text(item.actual_seconds)))
    if item.status != "done":
        facts.append(_word(_STATUS, item.status))
    out += [" · ".join(facts)]
    for e in item.extensions:
        reason = f": {_i(e.reason)}" if e.reason else ""
        out += ["", _("Extended by {time}").format(time=minutes_text(e.seconds)) + reason]
    if item.recused:
        out += ["", "**" + _("Recused") + f":** {_names(item.recused)}"]
    for seconds in item.off_record:
        # All the shared minutes say of it: that it happened, here, and for how long.
        out += ["", _("Off the record for {time}.").format(time=minutes_text(seconds))]
    if item.notes:
        out += ["", "**" + _("Notes") + "**", ""]
        for note in item.notes:
            out += _list_item(note)
    spoken = [t for t in item.turns if not t.passed]
    if spoken:
        said = ", ".join(_turn(t) for t in spoken)
        out += ["", "**" + _("Speakers, in order") + f":** {said}"]
    for go in item.rounds:
        out += ["", _round(go)]
    if item.consent is not None:
        out += ["", *_consent(item.consent)]
    for _process, part in item.processes:
        if part.section is not None:
            out += ["", *_section(part.section)]
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
        facts.append(_("given the floor out of order: {reason}").format(reason=_i(t.out_of_order)))
    if t.off_record:
        facts.append(_("off the record"))
    return f"{_i(t.name)} ({'; '.join(facts)})"


def _round(go: RoundRecord) -> str:
    label = _("Quick reactions round") if go.purpose == "reactions" else _("Round")
    asked = _("**{label}**, {n} asked").format(label=label, n=go.asked)
    parts = [asked + _off(go.off_record)]
    if go.passed:
        parts.append(_("passed: {names}").format(names=_names(go.passed)))
    missing = [*go.skipped, *go.not_reached]
    if missing:
        parts.append(_("did not respond: {names}").format(names=_names(missing)))
    if not go.passed and not missing:
        parts.append(_("everyone responded"))
    return " · ".join(parts)


def _decisions(doc: MinutesDoc) -> list[str]:
    head = "## " + _("Decisions")
    if not doc.decisions:
        return [head, "", _("No decisions were recorded.")]
    rows = []
    for d in doc.decisions:
        # Under consensus the `consent` count is of "agree" (the front matter's old key).
        words = {"consent": "agree"} if d.method == "consensus" else {}
        counts = d.responses or ", ".join(
            _count(words.get(k, k), d.counts[k]) for k in COUNT_KEYS if d.counts.get(k)
        )
        review = d.review.isoformat() if d.review else ""
        outcome = _outcome(d.outcome)
        rows.append([d.id, _i(d.item), _i(d.text), outcome, counts, review])
    header = [_("ID"), _("Item"), _("Decision"), _("Outcome"), _("Responses"), _("Review")]
    return [head, "", *_table(header, "llllll", rows)]


def _actions(doc: MinutesDoc) -> list[str]:
    head = "## " + _("Action items")
    if not doc.actions:
        return [head, "", _("No action items were recorded.")]
    rows = [
        [
            _i(a.what) + _off(a.off_record),
            _i(a.owner),
            a.due.isoformat() if a.due else "",
            _i(a.item) + (_(" (since {date})").format(date=a.since.isoformat()) if a.since else ""),
            _action_status(a.status),
        ]
        for a in doc.actions
    ]
    header = [_("What"), _("Owner"), _("Due"), _("Item"), _("Status")]
    return [head, "", *_table(header, "lllll", rows)]


def _credits(doc: MinutesDoc) -> list[str]:
    head = "## " + _("Credit log")
    if not doc.credits:
        return [head, "", _("No credits were logged.")]
    rows = [
        [_i(c.to), _i(c.for_) + _off(c.off_record), _word(_CREDIT_KIND, c.kind), _i(c.item)]
        for c in doc.credits
    ]
    return [head, "", *_table([_("To"), _("For"), _("Kind"), _("Item")], "llll", rows)]


def _conflicts(doc: MinutesDoc) -> list[str]:
    out = ["## " + _("Conflict log"), ""]
    if not doc.conflicts and not doc.hidden_conflicts:
        return [*out, _("No conflicts were logged.")]
    if doc.conflicts:
        rows = [
            [
                _i(k.about) + (_(" (confidential)") if k.confidential else "") + _off(k.off_record),
                _i(k.raised_by),
                _names(k.parties),
                _word(_CONFLICT_STATUS, k.status),
                _i(k.next_step),
                _i(k.owner),
            ]
            for k in doc.conflicts
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


def body(doc: MinutesDoc) -> str:
    """The Markdown body for `doc` (already redacted when it is the shared version)."""
    sections: list[list[str]] = [
        ["# " + (_i(doc.title) or _("(untitled)")), "", *_summary(doc)],
        _attendance(doc),
        _agenda(doc),
    ]
    sections += [_item(n, item, doc.private) for n, item in enumerate(doc.items, 1)]
    sections += [_decisions(doc), _actions(doc), _credits(doc), _conflicts(doc), _talk(doc)]
    undone = undone_section(doc)
    if undone:
        sections.append(undone)
    return "\n\n".join("\n".join(s).rstrip("\n") for s in sections) + "\n"
