"""The review app in Spanish: tabs, columns, statuses, the Footer and F1 help (issue 15).

The SVG snapshots (80×24 and 120×40) were looked at as pictures (rsvg-convert to PNG)
before they were committed: Spanish runs longer, and nothing whole in English may be cut.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator import i18n
from facilitator.store.settings import Settings
from facilitator.tui.review.app import ReviewApp, build_review_app
from tests.archive_support import write_archive
from tests.tui_helpers import screen_text, settle, steady_cursors

TODAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 generated meetings plus the malformed files (as tests/test_review_app.py)."""
    folder = tmp_path_factory.mktemp("review-es") / "minutes"
    write_archive(folder, 60, seed=11)
    return folder


@pytest.fixture
def spanish() -> Iterator[None]:
    previous = i18n.set_screen_language("es")
    yield
    i18n.set_screen_language(previous)


def _app(small: Path, monkeypatch: pytest.MonkeyPatch) -> ReviewApp:
    monkeypatch.chdir(small.parent)  # a relative folder: the title is the same on every machine
    steady_cursors(monkeypatch)
    return build_review_app(Path("minutes"), settings=Settings(), today=TODAY)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_register_speaks_spanish(
    small: Path, monkeypatch: pytest.MonkeyPatch, spanish: None, size: tuple[int, int]
) -> None:
    app = _app(small, monkeypatch)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "60 reuniones · 7 omitidas" in text
        for tab in ("1 Decisiones", "2 Por revisar", "3 Acciones", "4 Conflictos", "5 Palabra"):
            assert tab in text, tab
        assert "Fecha" in text and "Círculo" in text and "Resultado" in text
        assert "Buscar" in text  # the Footer's label
        for english in ("meetings", "Decisions", "Outcome", "Search"):
            assert english not in text
        await pilot.press("2")
        await settle(pilot)
        due = screen_text(app)
        assert "decisiones adoptadas cuya fecha de revisión ya pasó" in due
        await pilot.press("3")
        await settle(pilot)
        assert "Enter abre el acta más reciente" in screen_text(app)
        await pilot.press("f1")
        await settle(pilot)
        helptext = screen_text(app)
        assert "Teclas de revisión" in helptext and "Mostrar el registro de decisiones." in helptext


async def test_the_same_app_is_english_again_in_english(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The class keeps its English bindings: a Spanish instance changed only itself."""
    previous = i18n.set_screen_language("es")
    try:
        _app(small, monkeypatch)
    finally:
        i18n.set_screen_language(previous)
    app = _app(small, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "1 Decisions" in text and "Search" in text
        assert "Buscar" not in text


def test_snapshot_register_es_80x24(
    snap_compare: Any, small: Path, monkeypatch: pytest.MonkeyPatch, spanish: None
) -> None:
    async def due(pilot: Any) -> None:
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(_app(small, monkeypatch), terminal_size=(80, 24), run_before=due)


def test_snapshot_register_es_120x40(
    snap_compare: Any, small: Path, monkeypatch: pytest.MonkeyPatch, spanish: None
) -> None:
    async def search(pilot: Any) -> None:
        await pilot.press("slash", *"garden")
        await settle(pilot)

    assert snap_compare(_app(small, monkeypatch), terminal_size=(120, 40), run_before=search)
