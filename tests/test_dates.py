"""`core.dates`: friendly dates read relative to a base day; pure, so milliseconds each."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.dates import add_months, describe_date, parse_date

TUE = dt.date(2026, 12, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("today", TUE),
        ("Tomorrow", dt.date(2026, 12, 2)),
        ("tmr", dt.date(2026, 12, 2)),
        ("fri", dt.date(2026, 12, 4)),
        ("Friday", dt.date(2026, 12, 4)),
        ("next fri", dt.date(2026, 12, 4)),
        ("tue", dt.date(2026, 12, 8)),  # the same weekday is the next one, never today
        ("thurs", dt.date(2026, 12, 3)),
        ("+3d", dt.date(2026, 12, 4)),
        ("+2w", dt.date(2026, 12, 15)),
        ("+1m", dt.date(2027, 1, 1)),
        ("+1y", dt.date(2027, 12, 1)),
        ("in 3 days", dt.date(2026, 12, 4)),
        ("2 weeks", dt.date(2026, 12, 15)),
        ("next week", dt.date(2026, 12, 8)),
        ("next month", dt.date(2027, 1, 1)),
        ("2026-12-15", dt.date(2026, 12, 15)),
        ("2026-1-5", dt.date(2026, 1, 5)),
        ("15 dec", dt.date(2026, 12, 15)),
        ("15th December", dt.date(2026, 12, 15)),
        ("Dec 15", dt.date(2026, 12, 15)),
        ("dec 15, 2027", dt.date(2027, 12, 15)),
        ("15 Dec 2027", dt.date(2027, 12, 15)),
        ("1 dec", TUE),  # today counts for a day and month
        ("30 nov", dt.date(2027, 11, 30)),  # past this year: next year's
        ("1 sept", dt.date(2027, 9, 1)),
        ("eom", dt.date(2026, 12, 31)),
        ("end of week", dt.date(2026, 12, 4)),
        ("  FRI  ", dt.date(2026, 12, 4)),
    ],
)
def test_friendly_forms(text: str, day: dt.date) -> None:
    assert parse_date(text, TUE) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "write a date, e.g. fri"),
        ("soon", 'cannot read "soon" as a date; write e.g. fri'),
        ("next month or so", "cannot read"),
        ("12/01", "could mean two different days"),
        ("31 feb 2027", "there is no day 31 in February 2027"),
        ("2026-02-30", "there is no day 30 in February 2026"),
        ("+3 fortnights", "cannot read"),
    ],
)
def test_what_is_not_a_date_says_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text, TUE)


def test_add_months_stays_inside_the_month() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)
    assert add_months(dt.date(2026, 3, 15), -3) == dt.date(2025, 12, 15)


def test_describe_says_the_day_back() -> None:
    assert describe_date(dt.date(2026, 12, 4), TUE) == "Fri 4 Dec 2026 (in 3 days)"
    assert describe_date(TUE, TUE) == "Tue 1 Dec 2026 (today)"
    assert describe_date(dt.date(2026, 11, 30), TUE) == "Mon 30 Nov 2026 (yesterday)"
    assert describe_date(dt.date(2026, 11, 20), TUE) == "Fri 20 Nov 2026 (11 days ago)"


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)), st.dates())
def test_iso_dates_mean_themselves_whatever_the_base(day: dt.date, base: dt.date) -> None:
    assert parse_date(day.isoformat(), base) == day


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_a_weekday_is_within_the_next_seven_days(base: dt.date) -> None:
    for name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        day = parse_date(name, base)
        assert 1 <= (day - base).days <= 7
        assert describe_date(day, base).lower().startswith(name)
