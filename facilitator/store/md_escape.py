"""Make text that people typed safe to place in Markdown (CommonMark + GFM).

Everything a person typed (names, titles, notes, reasons, proposal text) goes
through here before it reaches the minutes, so a `|`, `#`, `*`, `<`, a
backtick, a newline or a bidi control cannot break a table or inject markup.

Three steps, each a pure function:

- `clean`: NFC; CR, CRLF, NEL, VT, FF, U+2028 and U+2029 become "\\n"; tabs
  become spaces; bidi controls (the Unicode Bidi_Control set: overrides,
  isolates and the LRM/RLM/ALM marks, since in minutes they only serve to hide
  or reorder text) and every other control character (C0, C1, NUL) and lone
  surrogates are removed.
- `escape_inline`: one line, for table cells, headings and list items:
  whitespace folded to single spaces, then escaped.
- `escape_block`: multi-line text such as a proposal: paragraphs kept, each
  line ended by a hard break, and no line can open a block construct.

Escaping is targeted rather than "every ASCII punctuation mark" so the raw
file stays readable in a git diff; the set below is what CommonMark, GFM,
pandoc's gfm reader and GitHub can read as markup, and the property tests in
tests/test_md_escape*.py check it against markdown-it-py and pandoc.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean", "escape_block", "escape_inline", "fold", "plain_block", "plain_inline"]

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_NEWLINES = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")

# Escaped wherever they appear: emphasis (* _), code (`), links and footnotes
# ([ ]), HTML and autolinks (< >), entities (&), table cells (|), strikeout
# (~), ATX closing sequences (#), and the escape character itself.
_ALWAYS = frozenset("\\`*_[]<>&|~#")
# ":" opens an emoji shortcode in pandoc's gfm and on GitHub (":100:" becomes
# an emoji even inside "12:100:5"), so escape a colon a name could follow.
_SHORTCODE_CHAR = re.compile(r"[A-Za-z0-9_+\-]")
# At the start of a line any punctuation may open a block (#, >, -, +, =, ...);
# digits then "." or ")" open an ordered list.
_ORDERED_MARKER = re.compile(r"^([0-9]+)([.)])")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPACES = re.compile(r"[ \t]+")


def _keep(ch: str) -> bool:
    if ch == "\n":
        return True
    if ch in _BIDI_CONTROLS:
        return False
    # Cc: C0/C1 controls and NUL; Cs: lone surrogates, which UTF-8 cannot encode.
    return unicodedata.category(ch) not in ("Cc", "Cs")


def clean(text: str) -> str:
    """Normalise typed text: NFC, "\\n" newlines only, no control or bidi characters.

    Tabs become single spaces (a tab at a line start would open an indented code
    block). Removal happens before NFC so a mark separated from its base by a
    removed control still composes with it.
    """
    text = _NEWLINES.sub("\n", text).replace("\t", " ")
    text = "".join(ch for ch in text if _keep(ch))
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """`clean`, then every run of spaces and newlines becomes one space; stripped.

    The ends lose all Unicode whitespace (a lone U+00A0 included), as table
    cells and paragraphs do in the readers; inside, other spaces stay as typed.
    """
    return _SPACES.sub(" ", clean(text).replace("\n", " ")).strip()


def _escape_chars(line: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(line):
        if ch in _ALWAYS or (
            ch == ":" and i + 1 < len(line) and _SHORTCODE_CHAR.match(line[i + 1]) is not None
        ):
            out.append("\\")
        out.append(ch)
    return "".join(out)


def _escape_line(line: str) -> str:
    """Escape one folded line so that, at the start of a block, it opens nothing."""
    if not line:
        return ""
    m = _ORDERED_MARKER.match(line)
    if m:
        return m.group(1) + "\\" + m.group(2) + _escape_chars(line[m.end() :])
    body = _escape_chars(line)
    if line[0] in _ASCII_PUNCT and not body.startswith("\\"):
        body = "\\" + body
    return body


def escape_inline(text: str) -> str:
    """Text as one safe Markdown line: for a table cell, a heading or a list item."""
    return _escape_line(fold(text))


def _paragraphs(text: str) -> list[list[str]]:
    """Cleaned text as paragraphs of non-empty, space-folded lines."""
    paras: list[list[str]] = []
    current: list[str] = []
    for raw in clean(text).split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if line:
            current.append(line)
        elif current:
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return paras


def escape_block(text: str) -> list[str]:
    """Multi-line text as safe Markdown lines; "" separates paragraphs.

    Lines inside a paragraph end with a backslash hard break, so a proposal's
    line structure survives rendering. The caller adds any prefix ("> " for a
    block quote, an indent inside a list item) to each line.
    """
    out: list[str] = []
    for para in _paragraphs(text):
        if out:
            out.append("")
        escaped = [_escape_line(line) for line in para]
        out.extend(line + "\\" for line in escaped[:-1])
        out.append(escaped[-1])
    return out


def plain_inline(text: str) -> str:
    """The text a Markdown reader shows for `escape_inline(text)` (used by tests and checks)."""
    return fold(text)


def plain_block(text: str) -> str:
    """The text a reader shows for `escape_block(text)`: lines joined by "\\n", paragraphs by "\\n\\n"."""
    return "\n\n".join("\n".join(p) for p in _paragraphs(text))
