"""`core.visible`: control, escape, bidi and zero-width characters shown as visible escapes."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.visible import visible


def test_plain_text_and_accents_and_emoji_are_left_alone() -> None:
    for text in ("Ana Lima", "Rosa Díaz", "[bold] Tom", "Café ☕ 🎉", "C:\\path", ""):
        assert visible(text) == text


def test_controls_and_escapes_are_shown() -> None:
    assert visible("a\x1b[31mred") == "a\\x1b[31mred"
    assert visible("two\nlines\r\tand tab") == "two\\nlines\\r\\tand tab"
    assert visible("\x00\x07\x7f\x9b") == "\\x00\\x07\\x7f\\x9b"
    assert visible("osc\x1b]8;;http://x\x07") == "osc\\x1b]8;;http://x\\x07"


def test_bidi_and_zero_width_characters_are_shown() -> None:
    assert visible("abc\u202edcba") == "abc\\u202edcba"
    assert visible("\u2066x\u2069") == "\\u2066x\\u2069"
    assert visible("A\u200bna") == "A\\u200bna"
    assert visible("\ufeffname") == "\\ufeffname"
    assert visible("line\u2028sep") == "line\\u2028sep"
    assert visible("tag\U000e0041") == "tag\\U000e0041"
    assert visible("lone \udcff") == "lone \\udcff"


def test_joiners_stay_inside_words_and_show_at_the_edges() -> None:
    persian = "می\u200cخواهم"
    assert visible(persian) == persian
    family = "👩\u200d👧"
    assert visible(family) == family
    assert visible("\u200dAna") == "\\u200dAna"
    assert visible("Ana \u200c") == "Ana \\u200c"


@given(st.text())
def test_the_result_never_holds_a_character_a_terminal_obeys_or_hides(text: str) -> None:
    out = visible(text)
    for ch in out:
        if ch in "\u200c\u200d":
            continue
        assert unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp", "Cs"), repr(out)
    if text.isascii() and text.isprintable():
        assert out == text
