"""Role selection in the minutes, pure: its `[[selections]]` row, its body section, its one line.

`[[selections]]` as MINUTES_FORMAT.md gives it: `role`, `selected`, `term`,
`item` (written once someone is selected). The body section tells how it went:
the role and its term, each nomination with its reason (passes too), the changes, each
consent round with every response (the nominee's last), how each objection was
resolved, and who was selected. Everything is plain text: the store escapes it,
and leaves out confidential items before anything is shared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.i18n import N_, _, pgettext
from facilitator.processes.selection.model import Selection, counts, selected_line, selection_of
from facilitator.processes.unit import MinutesSection, ProcessMinutes, Row, mark

if TYPE_CHECKING:
    from facilitator.core.state import ItemState, MeetingState

TABLE = "selections"
"""The front-matter table: `[[selections]]`."""


_HEADING = N_("Role selection")
_RESPONSE = {
    "consent": mark.pgettext("response", "consent"),
    "concern": mark.pgettext("response", "concern"),
    "stand-aside": mark.pgettext("response", "stand-aside"),
    "object": mark.pgettext("response", "object"),
    "agree": mark.pgettext("response", "agree"),
    "block": mark.pgettext("response", "block"),
    "no-objection": mark.pgettext("response", "no-objection"),
}
"""A response in the consent round on the nominee, as the minutes print it (English: the
word as given)."""


def _advisory(counted: bool) -> str:
    return "" if counted else _(" (guest, advisory)")


def _response(word: str) -> str:
    found = _RESPONSE.get(word)
    return pgettext("response", found) if found else word


def _nominations_line(sel: Selection) -> str | None:
    """The nominations round in one paragraph, in the order people spoke."""
    said = [
        (
            _("{name} nominated {nominee}").format(
                name=n.name + _advisory(n.counted), nominee=n.nominee
            )
            if n.nominee
            else _("{name} passed").format(name=n.name + _advisory(n.counted))
        )
        + (f" ({n.reason})" if n.reason else "")
        for n in sel.nominations
        if not n.change
    ]
    return _("Nominations round: {said}").format(said="; ".join(said)) if said else None


def _lines(sel: Selection, item: ItemState) -> list[str]:
    lines = [
        _("Role: {role} · term: {term}").format(role=sel.role, term=sel.term)
        if sel.term
        else _("Role: {role}").format(role=sel.role)
    ]
    if sel.qualifications:
        lines.append(_("Qualifications: {text}").format(text=sel.qualifications))
    said = _nominations_line(sel)
    if said:
        lines.append(said)
    for n in sel.nominations:
        if n.change:
            was = n.was or _("no one (had passed)")
            lines.append(
                _("Change: {name} now nominates {nominee} (was {was}): {reason}").format(
                    name=n.name + _advisory(n.counted), nominee=n.nominee, was=was, reason=n.reason
                )
            )
    standing = counts(sel, item.recused)
    if standing:
        held = "; ".join(
            f"{c.nominee} {c.counted}"
            + (_(" (+{n} advisory)").format(n=c.advisory) if c.advisory else "")
            for c in standing
        )
        lines.append(_("Nominations as they stood: {held}").format(held=held))
    for rnd in sel.rounds:
        why = f": {rnd.reason}" if rnd.reason else ""
        lines.append(_("Proposed {nominee}").format(nominee=rnd.nominee) + why)
        heard = [
            f"{r.name}{_advisory(r.counted)} {_response(r.response)}"
            + (_(" (by exception)") if r.by_exception else "")
            + (f": {r.reason}" if r.reason else "")
            for r in rnd.responses
        ]
        if heard:
            lines.append(
                _("Consent round on {nominee} (the nominee asked last): {heard}").format(
                    nominee=rnd.nominee, heard="; ".join(heard)
                )
            )
        for g in rnd.resolutions:
            lines.append(_("{name}'s objection resolved: {how}").format(name=g.name, how=g.how))
    if sel.selected is not None:
        lines.append(selected_line(sel.role, sel.selected, sel.term) + ".")
    return lines


def selection_minutes(state: MeetingState, item: ItemState) -> ProcessMinutes | None:
    """The selection of `item` in the minutes; None for an item that is not a selection."""
    sel = selection_of(item)
    if sel is None:
        return None
    lines = _lines(sel, item)
    if sel.selected is None and item.status != "pending":
        lines.append(_("No one was selected."))
    rows: list[Row] = []
    if sel.selected is not None:
        rows.append(
            {"role": sel.role, "selected": sel.selected, "term": sel.term, "item": item.title}
        )
    section = MinutesSection(heading=_(_HEADING), lines=tuple(lines))
    return ProcessMinutes(section=section, rows={TABLE: rows} if rows else {})
