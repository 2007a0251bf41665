"""The name-shortening rule: fits or ends in `…`, and two people never look the same."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facilitator.tui.names import ELLIPSIS, short_name, short_names

WHITFIELD = "Board member: Maria Fernanda Alvarez-Whitfield"
WHITCOMBE = "Board member: Maria Fernanda Alvarez-Whitcombe"


def test_a_name_that_fits_is_whole() -> None:
    assert short_name("Ana Lima", 8, [WHITFIELD]) == "Ana Lima"


def test_a_unique_long_name_is_cut_at_the_end_with_an_ellipsis() -> None:
    assert short_name(WHITFIELD, 20, ["Ana Lima"]) == "Board member: Maria…"


def test_same_prefix_names_keep_their_distinguishing_tails() -> None:
    table = short_names([WHITFIELD, WHITCOMBE, "Ana Lima"], 30)
    assert table[WHITFIELD] == "Board member: Maria…Whitfield"
    assert table[WHITCOMBE] == "Board member: Maria…Whitcombe"
    assert table["Ana Lima"] == "Ana Lima"
    assert all(len(short) <= 30 for short in table.values())


def test_a_tail_too_long_for_the_width_keeps_the_last_letters() -> None:
    a, b = short_name(WHITFIELD, 8, [WHITCOMBE]), short_name(WHITCOMBE, 8, [WHITFIELD])
    assert a != b
    assert ELLIPSIS in a and ELLIPSIS in b
    assert len(a) <= 8 and len(b) <= 8


def test_a_name_that_is_the_prefix_of_another_is_not_cut_into_it() -> None:
    # "Jo Anne Smith" cut to "Jo Anne…" would also read as "Jo Anne Smithers".
    a = short_name("Jo Anne Smith Baker", 12, ["Jo Anne Smith Barker"])
    assert a.endswith("Baker") and ELLIPSIS in a


names = st.lists(
    st.text(alphabet="ab -", min_size=1, max_size=14).map(str.strip).filter(bool),
    min_size=1,
    max_size=6,
    unique=True,
)


@given(names, st.integers(min_value=3, max_value=16))
def test_shortened_names_stay_distinct_and_signed(room: list[str], width: int) -> None:
    table = short_names(room, width)
    assert len(set(table.values())) == len(room)
    for name, short in table.items():
        assert short == name or ELLIPSIS in short
        if short != name:
            assert len(short) <= width
