"""The agenda column never breaks a word: titles wrap between words, and a word too long ends in `…`.

This is the first thing a facilitator sees, at 80 and 100 columns beside a video call
(the agenda column is then about 20 characters wide).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from facilitator.tui.view import AgendaRow, Ticking
from facilitator.tui.widgets.agenda_panel import agenda_table

SAMPLES = sorted((Path(__file__).parent.parent / "agendas").glob("*.toml"))


def _rows(titles: list[str], used: float = 0.0) -> tuple[AgendaRow, ...]:
    return tuple(
        AgendaRow(
            item_id=f"item-{i}",
            number=i,
            title=t,
            kind="discussion",
            planned=600,
            actual=Ticking(base=used),
            status="pending",
        )
        for i, t in enumerate(titles, 1)
    )


def _lines(rows: tuple[AgendaRow, ...], width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None, legacy_windows=False)
    console.print(agenda_table(rows, now=0.0))
    return console.export_text().splitlines()


def _broken_words(titles: list[str], lines: list[str]) -> list[str]:
    """Words of the titles that appear nowhere whole, and are not a `…`-ended prefix."""
    shown = {w for line in lines for w in line.split()}
    missing = []
    for title in titles:
        for word in title.split():
            if word in shown:
                continue
            if any(s.endswith("…") and word.startswith(s[:-1]) and len(s) > 1 for s in shown):
                continue
            missing.append(word)
    return missing


@pytest.mark.parametrize("width", [18, 22, 26, 30, 40])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_titles_are_never_broken_mid_word(sample: Path, width: int) -> None:
    titles = [i["title"] for i in tomllib.loads(sample.read_text())["items"]]
    for used in (0.0, 125.0, 900.0):
        lines = _lines(_rows(titles, used), width)
        assert _broken_words(titles, lines) == [], "\n".join(lines)


word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé-", min_size=1, max_size=24)


@settings(max_examples=150, deadline=None)
@given(
    titles=st.lists(st.lists(word, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=5),
    width=st.integers(min_value=16, max_value=60),
)
def test_generated_titles_wrap_between_words_or_end_in_an_ellipsis(
    titles: list[str], width: int
) -> None:
    lines = _lines(_rows(titles), width)
    assert _broken_words(titles, lines) == [], "\n".join(lines)


def test_used_and_planned_share_one_column() -> None:
    text = "\n".join(_lines(_rows(["Budget"], used=180.0), 30))
    assert "3/10m" in text
    over = "\n".join(_lines(_rows(["Budget"], used=720.0), 30))
    assert "12/10m!" in over
