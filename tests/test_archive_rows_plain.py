"""`DecisionHit.as_dict`, written out field by field for speed, gives what `_plain` does."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from facilitator.store.archive_rows import DecisionHit, _plain

_text = st.text(max_size=12)
_counts = st.dictionaries(_text, st.integers(0, 50), max_size=3)


@given(
    date=st.dates(),
    review=st.none() | st.dates(),
    texts=st.lists(_text, min_size=8, max_size=8),
    counts=_counts,
    positions=st.none() | _counts,
)
def test_as_dict_is_the_generic_plain_data(
    date: dt.date,
    review: dt.date | None,
    texts: list[str],
    counts: dict[str, int],
    positions: dict[str, int] | None,
) -> None:
    circle, meeting, path, did, item, text, outcome, rule = texts
    hit = DecisionHit(
        date, circle, meeting, path, did, item, text, outcome, rule, counts, review, rule, positions
    )
    got = hit.as_dict()
    assert got == _plain(hit._asdict())
    assert list(got) == list(DecisionHit._fields)
    assert got["date"] == date.isoformat()
    assert got["review"] == (None if review is None else review.isoformat())
