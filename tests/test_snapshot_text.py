"""Every snapshot's text: no word broken across lines, nothing cut without `…`.

The check (`tests/svg_text.py`) is first shown to catch what it must catch, on small
hand-made samples and on a real snapshot deliberately broken, then run on every SVG
under tests/__snapshots__/ (all test files).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.svg_text import CELL, problems, svg_rows

SNAPSHOTS = sorted((Path(__file__).parent / "__snapshots__").rglob("*.svg"))
WORDS = {"education", "working", "group", "report", "guest", "room", "adopted", "with"}
WORDS |= {"concerns", "the", "in", "to", "into", "board", "member", "whitfield"}


def _svg(*rows: str) -> str:
    """A minimal snapshot: one <text> run per row, the way Textual exports them."""
    runs = []
    for n, row in enumerate(rows):
        text = row.replace(" ", "&#160;")
        runs.append(
            f'<text class="terminal-r1" x="0" y="{n * 24.4}" textLength="{len(row) * CELL}" '
            f'clip-path="url(#terminal-line-{n})">{text}</text>'
        )
    return "<svg>" + "".join(runs) + "</svg>"


def test_rows_are_rebuilt_cell_by_cell() -> None:
    assert svg_rows(_svg("│ ab  c │", "╰──────╯")) == ["│ ab  c │", "╰──────╯"]


@pytest.mark.parametrize(
    ("first", "second", "broken"),
    [
        ("│   2 Educat   10m │", "│     ion          │", "Educat/ion"),
        ("│ a guest-ro │", "│ om here    │", "ro/om"),
        ("│ ⚖ decision adopted-with-co│", "│            ncerns         │", "co/ncerns"),
    ],
)
def test_a_word_broken_across_lines_is_caught(first: str, second: str, broken: str) -> None:
    found = problems(_svg(first, second), WORDS)
    assert any(broken in p for p in found), found


def test_words_wrapped_between_them_pass() -> None:
    sample = _svg(
        "│   2 Education    10m │",
        "│     working group    │",
        "│     report           │",
        "│ go in                │",
        "│ to the room          │",
    )
    assert problems(sample, WORDS) == []


def test_text_cut_at_the_border_without_an_ellipsis_is_caught() -> None:
    found = problems(_svg("│ Board member: Whitfi│", "╰─────────────────────╯"), WORDS)
    assert any("cut without …" in p for p in found), found
    assert problems(_svg("│ Board member: Whit… │", "╰─────────────────────╯"), WORDS) == []


def test_a_real_snapshot_deliberately_broken_is_caught() -> None:
    path = next(p for p in SNAPSHOTS if "long_proposal-120x40" in p.name)
    rows = svg_rows(path.read_text(encoding="utf-8"))
    assert problems(_svg(*rows)) == []
    # Fold "follow" in the item log's note across two rows, as a bad wrap would ("foll"
    # and "ow" are not words of their own, so only the joined word explains them).
    r = next(i for i, row in enumerate(rows) if "to follow by Friday." in row)
    col = rows[r].index("Figures")  # a fold goes on at the start of the column
    rows[r] = rows[r].replace("follow by Friday.", "foll" + " " * 13)
    below = rows[r + 1]
    rows[r + 1] = below[:col] + "ow by Friday." + below[col + 13 :]
    assert any("foll/ow" in p for p in problems(_svg(*rows))), rows[r : r + 2]


@pytest.mark.parametrize("path", SNAPSHOTS, ids=[p.name for p in SNAPSHOTS])
def test_no_snapshot_breaks_a_word_or_cuts_text_silently(path: Path) -> None:
    assert problems(path.read_text(encoding="utf-8")) == []
