"""The run screen in Spanish (issue 15): SVG snapshots and the words on screen.

The same scenarios as tests/test_tui_snapshots.py (idle, a consent round part-way, the
summary), driven the same way, with the screen's language set to Spanish. The SVGs (80×24
and 120×40) were looked at as pictures (`rsvg-convert -w 1400 file.svg -o file.png`) beside
the English ones before they were committed: Spanish runs about 25% longer, and nothing
whole in English may be cut. The words the processes' panels and the core say (a method's
name, a stack reason) are the processes' and the core's catalogs' to translate.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator import i18n
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from facilitator.tui.widgets.item_log import TYPE_WIDTH, type_width
from tests.test_tui_snapshots import SCENARIOS, _agenda, _quiet
from tests.tui_helpers import screen_text, settle, steady_cursors

pytestmark = pytest.mark.usefixtures("utc_zone")

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
SPANISH = ("idle", "consent", "summary")


@pytest.fixture
def spanish() -> Iterator[None]:
    previous = i18n.set_screen_language("es")
    yield
    i18n.set_screen_language(previous)


def _app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> FacilitatorApp:
    monkeypatch.chdir(tmp_path)  # the summary shows a relative minutes path
    steady_cursors(monkeypatch)
    app = build_app(
        None, agenda=_agenda(), minutes_dir=Path("minutes"), clock=clock, settings=Settings()
    )
    notify = app.notify

    def lasting(*args: Any, **kwargs: Any) -> None:
        notify(*args, **{**kwargs, "timeout": 3600})  # as in tests/test_tui_snapshots.py

    monkeypatch.setattr(app, "notify", lasting)
    return app


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("scenario", SPANISH)
def test_snapshot_es(
    snap_compare: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spanish: None,
    scenario: str,
    size: str,
) -> None:
    clock = FakeClock()
    app = _app(tmp_path, monkeypatch, clock)

    async def run_before(pilot: Any) -> None:
        await SCENARIOS[scenario](pilot, clock)
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


async def _run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scenario: str, size: tuple[int, int]
) -> str:
    clock = FakeClock()
    app = _app(tmp_path, monkeypatch, clock)
    async with app.run_test(size=size) as pilot:
        await SCENARIOS[scenario](pilot, clock)
        await _quiet(pilot)
        await settle(pilot)
        return screen_text(app)


async def test_idle_run_screen_speaks_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spanish: None
) -> None:
    text = await _run(tmp_path, monkeypatch, "idle", (80, 24))
    for said in (
        "Sin iniciar: ⇧N pasa lista e inicia",
        "Punto actual",
        "Lista de palabra",
        "Registro del punto",
        "La reunión no empezó. Presionen ⇧N para pasar lista y empezarla.",
        "Nadie en espera.",
        "Anotar",  # the Footer's first label
        "Atajo",
        "paleta",  # Textual's own palette binding, in our catalog
    ):
        assert said in text, said
    for english in ("Not started", "Current item", "Stack", "Item log", "Queue", "palette"):
        assert english not in text, english


async def test_consent_round_speaks_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spanish: None
) -> None:
    text = await _run(tmp_path, monkeypatch, "consent", (120, 40))
    assert "Punto actual" in text and "propuesta" in text  # the item's kind in words
    assert "⏱ resta 20:00   (tiempo 20m)" in text
    assert "Propuesta: We adopt the 2027 budget." in text  # the agenda's own words stay
    assert "fin ~18:33 (plan 18:35)" in text
    assert "1 persona invitada · 0 ausentes" in text  # whole, as in English at 120×40
    # The panel's keys first (as in English), whole, then the stack's.
    assert "1 Consiento  2 Inquietud  3 A un lado  4 Objeto  q Anotar" in text
    assert "p Proceso" in text
    for english in ("left", "timebox", "Proposal:", "Current item", "1 guest"):
        assert english not in text, english


async def test_summary_speaks_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spanish: None
) -> None:
    text = await _run(tmp_path, monkeypatch, "summary", (120, 40))
    for said in (
        "Reunión terminada.",
        "Acta:",
        "Decisiones",
        "adoptada",  # the outcome in words, as the minutes say it
        "Acciones",
        "Tiempo de palabra (turnos · minutos)",
        "Presionen q para salir",
    ):
        assert said in text, said
    for english in ("Meeting ended", "Decisions", "Talk time", "Press q"):
        assert english not in text, english


async def test_the_same_app_is_english_in_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bindings are class attributes: a Spanish instance earlier changed only itself."""
    previous = i18n.set_screen_language("es")
    try:
        _app(tmp_path, monkeypatch, FakeClock())
    finally:
        i18n.set_screen_language(previous)
    text = await _run(tmp_path, monkeypatch, "idle", (80, 24))
    assert "Queue" in text and "Not started" in text and "Anotar" not in text


def test_the_log_type_column_fits_its_widest_label(spanish: None) -> None:
    """ "⚡ conflicto" takes 12 cells: the column widens to it in Spanish, never in English."""
    assert type_width() == 12
    i18n.set_screen_language("en")
    assert type_width() == TYPE_WIDTH == 11
