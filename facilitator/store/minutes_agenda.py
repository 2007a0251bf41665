"""The minutes' "Agenda as it ran" table: each item's planned and actual minutes, its status,
and the totals.

The minutes in a column add up to the column's total: they are apportioned with the
largest-remainder method (`core.durations.whole_minutes`), so each is within a minute of
its exact time; the item's own section gives its time rounded on its own. A column whose
total is under a minute is in seconds, which add up as they are. `next` reads this table
back from older minutes (`store/next_agenda.unreached_items`), so its layout stays fixed.
"""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.core.durations import whole_minutes
from facilitator.i18n import N_, _
from facilitator.store.minutes_md import inline, minutes_text, table, word
from facilitator.store.minutes_model import CONFIDENTIAL_ITEM_LINE, ItemRecord, MinutesDoc

__all__ = ["STATUS", "agenda_section", "column"]

STATUS = {
    "done": N_("done"),
    "running": N_("running"),
    "paused": N_("paused"),
    "skipped": N_("skipped"),
    "deferred": N_("deferred"),
    "pending": N_("not reached"),
}
"""An item's status (the model's) -> its word in the minutes."""


def column(seconds: Sequence[int]) -> tuple[list[str], str]:
    """The cells of one column of durations, and its total, in words that add up."""
    total = sum(seconds)
    if total < 60:
        return [minutes_text(s) for s in seconds], minutes_text(total)
    shown = whole_minutes(seconds)
    return [_("{n} min").format(n=n) for n in shown], _("{n} min").format(n=sum(shown))


def agenda_section(doc: MinutesDoc) -> list[str]:
    """The section, heading first; a confidential item of the shared minutes is one line."""
    shown: list[ItemRecord] = [i for i in doc.items if doc.private or not i.confidential]
    planned, planned_total = column([i.planned_seconds for i in shown])
    actual, actual_total = column([i.actual_seconds or 0 for i in shown])
    cells = iter(zip(shown, planned, actual, strict=True))
    rows = []
    for n, item in enumerate(doc.items, 1):
        if item.confidential and not doc.private:
            rows.append([str(n), _(CONFIDENTIAL_ITEM_LINE), "", "", ""])
            continue
        _item, plan, took = next(cells)
        title = inline(item.title) + (_(" (added)") if item.added else "")
        title += _(" (confidential)") if item.confidential else ""
        ext = sum(e.seconds for e in item.extensions)
        if ext:
            plan += f" +{minutes_text(ext)}"
        took = took if item.actual_seconds is not None else ""
        rows.append([str(n), title, plan, took, word(STATUS, item.status)])
    rows.append(["", "**" + _("Total") + "**", planned_total, actual_total, ""])
    header = ["#", _("Item"), _("Planned"), _("Actual"), _("Status")]
    out = ["## " + _("Agenda as it ran"), "", *table(header, "rlrrl", rows)]
    for seconds in doc.off_record_between:
        out += [
            "",
            _("Off the record between items for {time}.").format(time=minutes_text(seconds)),
        ]
    return out
