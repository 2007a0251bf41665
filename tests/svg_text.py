"""Reading the text of a Textual SVG snapshot back as screen rows, and checking it.

A snapshot SVG has one `<text>` per run of same-styled cells, with its row in the
`clip-path` (`terminal-line-N`) and its column in `x` (CELL pixels a cell). The rows are
rebuilt cell by cell, then cut into *cells of text*: stretches between panel borders
(box-drawing and block characters) and, inside a panel, between gaps of two or more spaces
(table columns).

Two checks, strict but without false positives:

- **a broken word**: a cell ends in letters, the next row has a cell that starts inside
  the same columns with letters, and the two joined make a known word while they are not
  both words already (`Educat` + `ion`; not `in` + `to`);
- **a silent cut**: a cell runs into a panel border (or the one padding column before
  it) ending in letters that are not a whole known word but start one, and the next row
  does not carry the rest: cut without `…`.

"Known words" are those of the project's own text (source, tests, agendas, README), which
is where every word on these screens comes from.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rich.cells import get_character_cell_size

CELL = 12.2
"""Pixels per cell in Textual's SVG export."""

ROOT = Path(__file__).resolve().parent.parent
SELF = {"svg_text.py", "test_snapshot_text.py"}
"""Left out of the known words: they spell word fragments on purpose."""

_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]*line-(\d+)\)">([^<]*)</text>'
)
_LETTERS = re.compile(r"[^\W\d_]+")


def _is_border(ch: str) -> bool:
    # Box drawing (U+2500-U+257F), block elements (U+2580-U+259F): frames, scrollbars.
    return "\u2500" <= ch <= "\u259f"


def svg_rows(svg: str) -> list[str]:
    """The screen rows of a snapshot, one string per row, a character per cell."""
    rows: dict[int, dict[int, str]] = {}
    for x, line, content in _TEXT.findall(svg):
        col = round(float(x) / CELL)
        row = rows.setdefault(int(line), {})
        for ch in html.unescape(content).replace("\xa0", " ").rstrip("\n"):
            row[col] = ch
            width = get_character_cell_size(ch)
            for extra in range(1, width):
                row[col + extra] = ""
            col += max(1, width)
    out = []
    for n in range(max(rows, default=-1) + 1):
        row = rows.get(n, {})
        out.append("".join(row.get(c, " ") for c in range(max(row, default=-1) + 1)))
    return out


@dataclass(frozen=True)
class Cell:
    """A stretch of text on one row, between borders or wide gaps."""

    row: int
    start: int
    """First column of its text."""
    end: int
    """One past its last column of text."""
    text: str
    at_border: bool
    """Its text runs into a border (or the one padding column before it)."""


def cells(rows: list[str]) -> list[list[Cell]]:
    """Each row cut into cells of text."""
    out: list[list[Cell]] = []
    for r, line in enumerate(rows):
        found: list[Cell] = []
        for seg in re.finditer(r"[^\u2500-\u259f]+", line):
            seg_end = seg.end()
            # Only a frame line (box drawing) counts: block characters are scrollbars and
            # the thick edges of a modal or a toast drawn over the screen, not a cut.
            border_after = seg_end < len(line) and "\u2500" <= line[seg_end] <= "\u257f"
            for part in re.finditer(r"\S+(?: \S+)*", seg.group()):
                start, end = seg.start() + part.start(), seg.start() + part.end()
                at_border = border_after and seg_end - end <= 1
                found.append(Cell(r, start, end, part.group(), at_border))
        out.append(found)
    return out


@cache
def known_words() -> frozenset[str]:
    """Every word of the project's own text, lowercased."""
    words: set[str] = set()
    files: list[Path] = [ROOT / "README.md"]
    for pattern in ("facilitator/**/*.py", "tests/**/*.py", "agendas/*.toml", "docs/**/*.md"):
        files.extend(ROOT.glob(pattern))
    for path in files:
        if path.name in SELF:
            continue
        words.update(w.lower() for w in _LETTERS.findall(path.read_text(encoding="utf-8")))
    return frozenset(words)


@cache
def _prefixes() -> frozenset[str]:
    return frozenset(w[:i] for w in known_words() for i in range(2, len(w)))


def _tail(text: str) -> str:
    m = re.search(r"[^\W\d_]+$", text)
    return m.group() if m else ""


def _head(text: str) -> str:
    m = re.match(r"[^\W\d_]+", text)
    return m.group() if m else ""


def problems(svg: str, words: Iterable[str] | None = None) -> list[str]:
    """Broken words and silent cuts in one snapshot, as readable lines ("" when none)."""
    vocab = frozenset(w.lower() for w in words) if words is not None else known_words()
    prefixes = (
        frozenset(w[:i] for w in vocab for i in range(2, len(w)))
        if words is not None
        else _prefixes()
    )
    rows = svg_rows(svg)
    grid = cells(rows)
    found: list[str] = []
    for r, row in enumerate(grid):
        below = grid[r + 1] if r + 1 < len(grid) else []
        for cell in row:
            tail = _tail(cell.text)
            if not tail:
                continue
            carried = False
            for nxt in below:
                if not cell.start <= nxt.start < cell.end:
                    continue
                head = _head(nxt.text)
                if not head or nxt.text[: len(head)] != head:
                    continue
                joined = (tail + head).lower()
                if joined in vocab and not (tail.lower() in vocab and head.lower() in vocab):
                    found.append(f"row {r + 1}: word broken across lines: {tail}/{head}")
                    carried = True
            if (
                cell.at_border
                and not carried
                and len(tail) >= 2
                and tail.lower() not in vocab
                and tail.lower() in prefixes
            ):
                found.append(f"row {r + 1}: cut without …: {cell.text!r}")
    return found
