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

from facilitator.processes.selection.model import Selection, counts, selected_line, selection_of
from facilitator.processes.unit import MinutesSection, ProcessMinutes, Row

if TYPE_CHECKING:
    from facilitator.core.state import ItemState, MeetingState

TABLE = "selections"
"""The front-matter table: `[[selections]]`."""


def _advisory(counted: bool) -> str:
    return "" if counted else " (guest, advisory)"


def _nominations_line(sel: Selection) -> str | None:
    """The nominations round in one paragraph, in the order people spoke."""
    said = [
        f"{n.name}{_advisory(n.counted)} "
        + (f"nominated {n.nominee}" if n.nominee else "passed")
        + (f" ({n.reason})" if n.reason else "")
        for n in sel.nominations
        if not n.change
    ]
    return "Nominations round: " + "; ".join(said) if said else None


def _lines(sel: Selection, item: ItemState) -> list[str]:
    lines = [f"Role: {sel.role}" + (f" · term: {sel.term}" if sel.term else "")]
    if sel.qualifications:
        lines.append(f"Qualifications: {sel.qualifications}")
    said = _nominations_line(sel)
    if said:
        lines.append(said)
    for n in sel.nominations:
        if n.change:
            was = n.was or "no one (had passed)"
            lines.append(
                f"Change: {n.name}{_advisory(n.counted)} now nominates {n.nominee} "
                f"(was {was}): {n.reason}"
            )
    standing = counts(sel, item.recused)
    if standing:
        held = "; ".join(
            f"{c.nominee} {c.counted}" + (f" (+{c.advisory} advisory)" if c.advisory else "")
            for c in standing
        )
        lines.append(f"Nominations as they stood: {held}")
    for rnd in sel.rounds:
        why = f": {rnd.reason}" if rnd.reason else ""
        lines.append(f"Proposed {rnd.nominee}{why}")
        heard = [
            f"{r.name}{_advisory(r.counted)} {r.response}"
            + (" (by exception)" if r.by_exception else "")
            + (f": {r.reason}" if r.reason else "")
            for r in rnd.responses
        ]
        if heard:
            lines.append(
                f"Consent round on {rnd.nominee} (the nominee asked last): " + "; ".join(heard)
            )
        for g in rnd.resolutions:
            lines.append(f"{g.name}'s objection resolved: {g.how}")
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
        lines.append("No one was selected.")
    rows: list[Row] = []
    if sel.selected is not None:
        rows.append(
            {"role": sel.role, "selected": sel.selected, "term": sel.term, "item": item.title}
        )
    section = MinutesSection(heading="Role selection", lines=tuple(lines))
    return ProcessMinutes(section=section, rows={TABLE: rows} if rows else {})
