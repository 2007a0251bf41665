"""The Markdown escaper, checked against real readers: markdown-it-py and pandoc.

Every string goes into a GFM table cell (escape_inline) and a block quote
(escape_block). Both readers must keep the table's column count and give back
exactly `plain_inline(s)` / `plain_block(s)`: the typed text after the same
normalisation the escaper applies (NFC, no controls, folded whitespace).
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.store.md_escape import (
    clean,
    escape_block,
    escape_inline,
    fold,
    plain_block,
    plain_inline,
)
from tests.minutes_parse import Block, markdown_it_blocks, pandoc_blocks

HOSTILE = [
    "|",
    "\\|",
    "ends with a backslash \\",
    "\\",
    "carriage\rreturn",
    "crlf\r\nline",
    "line\u2028separator\u2029para",
    "nul\x00byte",
    "right-to-left \u202eoverride\u202c and \u2066isolate\u2069",
    "emoji 😀 👍🏽 👨‍👩‍👧 🏳️‍🌈",
    "שלום עולם — مرحبا بالعالم",
    "<script>alert(1)</script>",
    "[x](y)",
    "![img](src)",
    "#",
    "# heading",
    "Budget #",
    "1.",
    "1. first\n2) second",
    "```python\nprint('x')\n```",
    "~~~\nfence\n~~~",
    "*",
    "**bold** and *em*",
    "_",
    "snake_case_name",
    "`code`",
    "- item\n+ item\n* item",
    "> quote",
    "---",
    "Title\n===",
    "    four spaces = code",
    "\ttab",
    "a | b | c",
    "&amp; &#65; &copy",
    "~~strike~~ ~sub~",
    "18:00 :smile: 12:100:5 :+1:",
    "http://example.org/a_b*c|d and www.example.com/x",
    "<http://example.org>",
    "[^1] footnote\n\n[^1]: text",
    "[ref]: http://example.org",
    "- [ ] task",
    "<!-- comment -->",
    "\\*not em\\*",
    "a\u0301 e\u0301 combining",
    "\u0301leading combining",
    "\ufeffbom",
    "zero\u200bwidth",
    "nbsp\u00a0here\u3000ideographic",
    "C1 \x85 next line \x9b csi",
    "esc \x1b[31m red",
    "$x^2$ math?",
    "{#id .class}",
    "@cite",
    "   ",
    "",
]

_MARKUPISH = list("\\`*_[]<>&|~#:!()-+=.{}$@^\"' \t\n\r\x00\u2028\u202e\u20661😀ש")
_FRAGMENTS = [
    "http://",
    "www.",
    "```",
    "~~~",
    "<div>",
    "&#",
    ";",
    "1)",
    "    ",
    "\n\n",
    ":+1:",
    "a",
]

typed_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(_MARKUPISH), max_size=30),
    st.lists(st.sampled_from(_FRAGMENTS + _MARKUPISH), max_size=12).map("".join),
)


def corpus_doc(strings: list[str]) -> str:
    """A document with every string in a table row and again as a block quote."""
    lines = ["| n | text |", "|---|---|"]
    lines += [f"| {i} | {escape_inline(s)} |" for i, s in enumerate(strings)]
    lines.append("")
    for i, s in enumerate(strings):
        lines += [f"ITEM{i}", ""]
        quote = ["> " + line if line else ">" for line in escape_block(s)]
        lines += [*quote, ""] if quote else []
    return "\n".join(lines)


def check_corpus(strings: list[str], blocks: list[Block]) -> None:
    """The table keeps 2 columns and every string reads back intact, in the table and quotes."""
    assert blocks[0][0] == "table"
    rows = blocks[0][1]
    assert len(rows) == len(strings) + 1
    for i, s in enumerate(strings):
        assert len(rows[i + 1]) == 2, (s, rows[i + 1])
        assert rows[i + 1] == [str(i), plain_inline(s)], s
    rest = blocks[1:]
    k = 0
    for i, s in enumerate(strings):
        assert rest[k] == ("para", f"ITEM{i}"), (s, rest[k])
        k += 1
        got = ""
        if k < len(rest) and rest[k][0] == "quote":
            got = rest[k][1]
            k += 1
        assert got == plain_block(s), s
    assert k == len(rest)


def test_hostile_corpus_reads_back_intact_in_markdown_it_and_pandoc() -> None:
    md = corpus_doc(HOSTILE)
    check_corpus(HOSTILE, markdown_it_blocks(md))
    check_corpus(HOSTILE, pandoc_blocks(md))


@settings(max_examples=15)
@given(st.lists(typed_text, min_size=70, max_size=80))
def test_generated_corpus_reads_back_intact(strings: list[str]) -> None:
    # 15 documents of >= 70 strings: >= 1,050 strings through both readers per run.
    md = corpus_doc(strings)
    check_corpus(strings, markdown_it_blocks(md))
    check_corpus(strings, pandoc_blocks(md))


def test_hostile_strings_survive_cleaning() -> None:
    assert fold("ends \\") == "ends \\"
    assert clean("a\rb\r\nc\u2028d\u2029e\x85f") == "a\nb\nc\nd\ne\nf"
    assert clean("n\x00ul") == "nul"
    assert clean("a\u202eb\u2066c\u2069\u200fd") == "abcd"
    assert clean("😀 👍🏽 👨‍👩‍👧") == "😀 👍🏽 👨‍👩‍👧"  # ZWJ sequences stay whole
    assert clean("שלום مرحبا") == "שלום مرحبا"
    assert clean("e\u0301") == "\u00e9"


def test_inline_output_is_one_line_and_blocks_never_start_with_markup() -> None:
    for s in HOSTILE:
        assert "\n" not in escape_inline(s)
        for line in escape_block(s):
            assert not line.startswith((" ", "\t", "#", ">", "-", "+", "*", "=", "`", "~", "<"))


@given(typed_text)
def test_clean_is_idempotent_nfc_and_control_free(s: str) -> None:
    c = clean(s)
    assert clean(c) == c
    assert unicodedata.is_normalized("NFC", c)
    assert all(ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs") for ch in c)
    assert not set(c) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert fold(fold(s)) == fold(s)
