"""Show text from files as it is, with nothing able to act on the terminal or hide itself.

`visible(text)` is for output to a terminal (tables, error messages quoting
a file): every character that a terminal would obey or that would be
invisible (C0 and C1 controls, DEL, the escape character, Unicode format
characters such as the bidi overrides and isolates and the zero-width space,
line and paragraph separators, lone surrogates) is replaced by a Python-style
escape such as `\\x1b`, `\\n`, `\\t` or `\\u202e`. Everything else, accents and
emoji included, is left alone, so a normal name reads as typed.

Two exceptions keep scripts readable: the zero-width joiner and non-joiner
(U+200D, U+200C) stay as they are between two visible characters, where
Persian, Indic scripts and emoji sequences need them; at an edge or next to
a space they are shown as escapes, since there they only hide something.

A backslash typed by a person is not doubled: a name is shown as written.
Pure: no I/O, stdlib only (it is on the fast path of `decisions`).
"""

from __future__ import annotations

import unicodedata

__all__ = ["is_hidden", "visible"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Cc: controls (C0, DEL, C1); Cf: format characters (bidi controls, zero-width
# characters, soft hyphen, BOM, tags); Zl/Zp: U+2028/U+2029, which end a line
# in some terminals; Cs: lone surrogates (from undecodable bytes).
_HIDDEN_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))
_JOINERS = frozenset("\u200c\u200d")


def _escape(ch: str) -> str:
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def is_hidden(ch: str) -> bool:
    """Whether the one character `ch` is one a terminal would obey or not show."""
    return unicodedata.category(ch) in _HIDDEN_CATEGORIES


_hidden = is_hidden


def visible(text: str) -> str:
    """`text` with control, escape, bidi and zero-width characters shown as escapes."""
    # Every character to escape is non-printable to Python; most text has none (a C loop).
    if text.isprintable():
        return text
    out: list[str] = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch in _JOINERS:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i < last else " "
            joined = not (before.isspace() or after.isspace())
            if joined and not _hidden(before) and not _hidden(after):
                out.append(ch)
                continue
            out.append(_escape(ch))
        elif _hidden(ch):
            out.append(_escape(ch))
        else:
            out.append(ch)
    return "".join(out)
