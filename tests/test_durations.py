"""Durations and quorum as agendas write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.agenda import Quorum
from facilitator.core.durations import (
    DurationError,
    format_duration,
    parse_duration,
    whole_minutes,
)


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [
        (10, 600),
        ("90s", 90),
        ("1h30m", 5400),
        ("10m", 600),
        ("45s", 45),
        ("2m30s", 150),
        ("7", 420),
    ],
)
def test_parse(raw: object, seconds: int) -> None:
    assert parse_duration(raw) == seconds


@pytest.mark.parametrize(
    "raw", [0, -5, "0m", "", "ten", "10x", "1.5m", 1.5, True, "m", "5m5m", None]
)
def test_rejects(raw: object) -> None:
    with pytest.raises(DurationError):
        parse_duration(raw)


@given(st.integers(min_value=1, max_value=10 * 3600))
def test_format_round_trips(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@pytest.mark.parametrize(
    ("rule", "members", "needed"),
    [(5, 12, 5), ("50%", 12, 6), ("50%", 11, 6), ("2/3", 12, 8), ("2/3", 10, 7), ("100%", 3, 3)],
)
def test_quorum(rule: object, members: int, needed: int) -> None:
    assert Quorum.parse(rule).required(members) == needed


@pytest.mark.parametrize("rule", [0, "0/3", "4/3", "150%", "half", True, "2/0"])
def test_quorum_rejects(rule: object) -> None:
    with pytest.raises(ValueError):
        Quorum.parse(rule)


# --- whole minutes that add up (the minutes' agenda table) ----------------------------


def test_whole_minutes_add_up_where_rounding_each_does_not() -> None:
    # The every-method meeting: 1,530 s is 26 min, and each 2:30 alone would be 3.
    seconds = [150] * 6 + [360, 120, 150]
    assert [(s + 30) // 60 for s in seconds] == [3] * 6 + [6, 2, 3]  # 29: does not add up
    assert whole_minutes(seconds) == [3, 3, 3, 3, 2, 2, 6, 2, 2]
    assert sum(whole_minutes(seconds)) == 26 == (sum(seconds) + 30) // 60
    assert whole_minutes([]) == [] and whole_minutes([29]) == [0] and whole_minutes([30]) == [1]
    assert whole_minutes([50, 50, 10]) == [1, 1, 0]  # the largest remainders get the minutes


@given(st.lists(st.integers(min_value=0, max_value=10**6), max_size=40))
def test_whole_minutes_sum_to_the_rounded_total_each_within_a_minute(seconds: list[int]) -> None:
    shown = whole_minutes(seconds)
    assert len(shown) == len(seconds)
    assert sum(shown) == (sum(seconds) + 30) // 60
    for minutes, exact in zip(shown, seconds, strict=True):
        assert abs(minutes * 60 - exact) < 60
        assert minutes in (exact // 60, exact // 60 + 1)
        if exact % 60 == 0:
            assert minutes * 60 == exact  # whole minutes stay as they are
    # Largest remainder: no item rounded down has a larger remainder than one rounded up.
    up = [s % 60 for m, s in zip(shown, seconds, strict=True) if m * 60 > s]
    down = [s % 60 for m, s in zip(shown, seconds, strict=True) if m * 60 < s]
    if up and down:
        assert min(up) >= max(down)
