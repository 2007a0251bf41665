"""Durations and quorum as agendas write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.agenda import Quorum
from facilitator.core.durations import DurationError, format_duration, parse_duration


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
