"""The Markdown body of the minutes, for people, in the order MINUTES_FORMAT.md gives.

Every string that came from a person or an agenda goes through `md_escape`
(`_i` for one line, `_block` for multi-line text); everything else here is
our own fixed wording. Tables always have a header row and a fixed column
count, and blocks are separated by blank lines so no typed line can join them.
The agenda table is `minutes_agenda`, the registers after the items
`minutes_registers`, and the Markdown building blocks `minutes_md`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from facilitator.core.dates import DAY_WORDS as _DAYS
from facilitator.core.dates import MONTH_WORDS as _MONTHS
from facilitator.core.records import Presence
from facilitator.core.timing import quorum_text
from facilitator.i18n import N_, _, ngettext
from facilitator.processes.unit import MinutesSection
from facilitator.store.md_escape import escape_block
from facilitator.store.minutes_agenda import STATUS as _STATUS
from facilitator.store.minutes_agenda import agenda_section as _agenda
from facilitator.store.minutes_md import clock, minutes_text, mmss
from facilitator.store.minutes_md import inline as _i
from facilitator.store.minutes_md import names as _names
from facilitator.store.minutes_md import table as _table
from facilitator.store.minutes_md import word as _word
from facilitator.store.minutes_model import (
    CONFIDENTIAL_ITEM_LINE,
    ConsentRecord,
    ItemRecord,
    MinutesDoc,
    RoundRecord,
)
from facilitator.store.minutes_records import Logged, Spoken, moment
from facilitator.store.minutes_registers import off as _off
from facilitator.store.minutes_registers import outcome as _outcome
from facilitator.store.minutes_registers import registers
from facilitator.store.minutes_registers import response as _response

__all__ = ["body", "clock", "minutes_text", "mmss"]

# The words are looked up with `_` where they are written, in the minutes' language (the
# renderer runs under `i18n.using`); the keys are the front matter's English values.
# Day and month names are core/dates.py's marked words (DAY_WORDS, MONTH_WORDS), not
# strftime's (the process locale): the catalog holds them (no Babel at run time).
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


def long_date(d: dt.date) -> str:
    """A date in words in the language in force: "Tuesday 24 November 2026"."""
    return _("{weekday} {day} {month} {year}").format(
        weekday=_(_DAYS[d.weekday()]),
        day=d.day,
        month=_(_MONTHS[d.month - 1]),
        year=d.year,
    )


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


def _presence(logged: Logged[Presence]) -> str:
    a, at = logged.record, moment(logged.record.at)
    when = _("{time} UTC").format(time=clock(at)) if at is not None else _("(time unknown)")
    what = f"{when}: {_i(a.name)} {_word(_PRESENCE, a.event)}"
    if a.event == "recused" and logged.item:
        what += _(" from {item}").format(item=_i(logged.item))
    if a.reason:
        what += f" ({_i(a.reason)})"
    return what


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
        version = r.record.version
        out += [_("**Round {n}**, on version {version}").format(n=r.number, version=version), ""]
        rows = []
        exception = []
        for resp in r.heard:
            if resp.record.by_exception:
                exception.append(resp)
                continue
            kind = _response(resp.word)
            facts = [_("guest, advisory")] if resp.advisory else []
            if resp.late:
                facts.append(_("arrived during the round"))
            who = _i(resp.record.name) + (f" ({'; '.join(facts)})" if facts else "")
            rows.append([who, kind, _i(resp.record.reason)])
        if rows:
            out += [*_table([_("Person"), _("Response"), _("Reason")], "lll", rows), ""]
        elif not exception:
            out += [_("No responses recorded."), ""]
        if exception:
            word = _response(exception[0].word)
            n = len(exception)
            out += [
                ngettext(
                    "Taken by exception: the {n} voting member not yet heard were asked whether "
                    "anyone objects, and recorded as {word}: {names}.",
                    "Taken by exception: the {n} voting members not yet heard were asked whether "
                    "anyone objects, and recorded as {word}: {names}.",
                    n,
                ).format(n=n, word=word, names=_names(x.record.name for x in exception)),
                "",
            ]
    if c.integrations:
        out += ["**" + _("Objections integrated") + "**", ""]
        for g in c.integrations:
            line = _("- {name} objected: {objection}").format(
                name=_i(g.record.name), objection=_i(g.objection)
            )
            how = g.record.how
            out.append(line + _(" — integrated: {how}").format(how=_i(how)) if how else line)
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


def _turn(spoken: Spoken) -> str:
    t = spoken.record
    facts = [mmss(spoken.seconds)]
    if t.out_of_order:
        facts.append(_("given the floor out of order: {reason}").format(reason=_i(t.out_of_order)))
    if t.off_record:
        facts.append(_("off the record"))
    return f"{_i(t.name)} ({'; '.join(facts)})"


_ROUND = {
    "reactions": N_("Quick reactions round"),
    "nominations": N_("Nominations round"),
    "changes": N_("Change round"),
}
"""A go-around's purpose -> its label (a selection's two rounds are its own); else "Round"."""


def _round(go: RoundRecord) -> str:
    label = _(_ROUND[go.purpose]) if go.purpose in _ROUND else _("Round")
    asked = _("**{label}**, {n} asked").format(label=label, n=go.asked)
    parts = [asked + _off(go.off_record)]
    if go.joined:
        parts.append(
            _("arrived during the round, asked last: {names}").format(names=_names(go.joined))
        )
    if go.passed:
        parts.append(_("passed: {names}").format(names=_names(go.passed)))
    missing = [*go.skipped, *go.not_reached]
    if missing:
        parts.append(_("did not respond: {names}").format(names=_names(missing)))
    if not go.passed and not missing:
        parts.append(_("everyone responded"))
    return " · ".join(parts)


def body(doc: MinutesDoc) -> str:
    """The Markdown body for `doc` (already redacted when it is the shared version)."""
    sections: list[list[str]] = [
        ["# " + (_i(doc.title) or _("(untitled)")), "", *_summary(doc)],
        _attendance(doc),
        _agenda(doc),
    ]
    sections += [_item(n, item, doc.private) for n, item in enumerate(doc.items, 1)]
    sections += registers(doc)
    return "\n\n".join("\n".join(s).rstrip("\n") for s in sections) + "\n"
