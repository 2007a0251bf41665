"""The minutes' "Agenda as it ran" table adds up (issue 13): its Planned and Actual columns
are apportioned in whole minutes (largest remainder), so the cells sum to the totals row,
each within a minute of its exact time; confidential items of the shared minutes count in
neither; a column under a minute in all is in seconds."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from facilitator.store.minutes_agenda import agenda_section
from facilitator.store.minutes_model import Extension, ItemRecord, MinutesDoc


def _doc(actual: Sequence[int | None], *, private: bool = False, secret: int = -1) -> MinutesDoc:
    items = tuple(
        ItemRecord(
            id=f"item-{n}",
            title=f"Item {n}",
            kind="discussion",
            status="done" if a is not None else "pending",
            planned_seconds=600,
            actual_seconds=a,
            confidential=n == secret,
        )
        for n, a in enumerate(actual, 1)
    )
    return MinutesDoc(
        title="T",
        circle=None,
        date=dt.date(2026, 11, 24),
        status="final",
        items=items,
        private=private,
    )


def _rows(lines: list[str]) -> list[list[str]]:
    return [
        [c.strip() for c in line.strip("|").split("|")] for line in lines if line.startswith("| ")
    ][1:]


def _minutes(cell: str) -> int:
    m = re.fullmatch(r"(\d+) min", cell)
    assert m, cell
    return int(m.group(1))


def test_the_every_method_meeting_adds_up_to_its_26_minutes() -> None:
    rows = _rows(agenda_section(_doc([150] * 6 + [360, 120, 150])))
    *items, total = rows
    assert [r[3] for r in items] == [f"{n} min" for n in (3, 3, 3, 3, 2, 2, 6, 2, 2)]
    assert total[3] == "26 min" and total[2] == "90 min"


@given(
    st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=7200)), max_size=20),
    st.integers(min_value=0, max_value=20),
    st.booleans(),
)
def test_each_column_adds_up_to_its_total(
    actual: list[int | None], secret: int, private: bool
) -> None:
    doc = _doc(actual, private=private, secret=secret)
    *items, total = _rows(agenda_section(doc))
    kept = [n for n in range(1, len(actual) + 1) if private or n != secret]
    counted = [actual[n - 1] or 0 for n in kept]
    exact = [a for n in kept if (a := actual[n - 1]) is not None]
    cells = [items[n - 1][3] for n in kept if actual[n - 1] is not None]
    assert all(items[n - 1][3] == "" for n in kept if actual[n - 1] is None)
    if sum(counted) >= 60:
        shown = [_minutes(c) for c in cells]
        assert sum(shown) == _minutes(total[3]) == (sum(counted) + 30) // 60
        assert all(abs(m * 60 - s) < 60 for m, s in zip(shown, exact, strict=True))
    else:
        assert total[3] == f"{sum(counted)} s"
    if not private and 1 <= secret <= len(actual):
        assert items[secret - 1][2:] == ["", "", ""]  # the confidential line: no times


def test_an_extension_is_shown_beside_the_planned_minutes_it_does_not_change() -> None:
    doc = _doc([700])
    item = doc.items[0]
    extended = ItemRecord(**{**item.__dict__, "extensions": (Extension(300, "more time"),)})
    rows = _rows(agenda_section(MinutesDoc(**{**doc.__dict__, "items": (extended,)})))
    assert rows[0][2] == "10 min +5 min" and rows[-1][2] == "10 min"
