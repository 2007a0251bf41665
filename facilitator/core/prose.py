"""Proposal text as prose: what a TOML multi-line string means when a person reads it.

Agenda authors wrap a long proposal over several lines of a triple-quoted string the
way they would in an e-mail or a Markdown file. Those line breaks are for the
editor, not for the reader, so the text is read as Markdown reads a paragraph:
a single newline is a space, and a blank line starts a new paragraph. A line
that starts a list (`- `, `* `, `+ `, `1. `, `1) `) keeps its own line, as it
would in Markdown, so a proposal that enumerates its points still does.

Pure and idempotent: `prose(prose(t)) == prose(t)`. Used for the screen, the
minutes and `facilitator next`, so all three say the same text.
"""

from __future__ import annotations

import re

__all__ = ["paragraphs", "prose"]

_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+\S")
_SPACES = re.compile(r"[ \t]+")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of `text`, each as one string (list lines joined by "\\n" within it)."""
    out: list[str] = []
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES.sub(" ", raw.strip())
        if not line:
            if lines:
                out.append("\n".join(lines))
                lines = []
            continue
        if lines and not _LIST_ITEM.match(raw):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    if lines:
        out.append("\n".join(lines))
    return out


def prose(text: str) -> str:
    """`text` with its soft line breaks made spaces and its paragraphs separated by one blank line.

    Runs of spaces and tabs become one space, and leading and trailing blank
    space goes, as when Markdown renders a paragraph.
    """
    return "\n\n".join(paragraphs(text))
