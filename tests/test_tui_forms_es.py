"""Forms on a Spanish screen take the words they show, and record the files' English values
(issue 15): a credit's kind "cuidado" is `care`, a role "persona invitada" is `guest`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator import i18n
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from facilitator.tui.screens.forms import choice_cleaner, yes_no_cleaner
from facilitator.tui.words import credit_kinds, roles
from tests.test_tui_snapshots import _agenda
from tests.tui_helpers import screen_text, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


@pytest.fixture
def spanish() -> Iterator[None]:
    previous = i18n.set_screen_language("es")
    yield
    i18n.set_screen_language(previous)


def test_a_choice_takes_the_shown_word_or_the_english_value(spanish: None) -> None:
    clean = choice_cleaner(("idea", "work", "care"), credit_kinds())
    assert clean("cuidado") == "care"
    assert clean("Trab") == "work"  # a unique prefix, any case
    assert clean("care") == "care"
    with pytest.raises(ValueError, match="una de estas: idea, trabajo, cuidado"):
        clean("dinero")


def test_yes_no_takes_spanish_yes(spanish: None) -> None:
    assert yes_no_cleaner("sí") is True and yes_no_cleaner("s") is True
    assert yes_no_cleaner("no") is False
    with pytest.raises(ValueError, match="respondan s o n"):
        yes_no_cleaner("quizás")


def test_roles_are_said_and_kept(spanish: None) -> None:
    said = roles()
    assert said == {
        "member": "miembro",
        "guest": "persona invitada",
        "observer": "persona observadora",
    }
    assert choice_cleaner(tuple(said), said)("persona obs") == "observer"


async def test_credit_and_walk_in_forms_in_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spanish: None
) -> None:
    monkeypatch.chdir(tmp_path)
    clock = FakeClock()
    app = build_app(
        None, agenda=_agenda(), minutes_dir=Path("minutes"), clock=clock, settings=Settings()
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        form = screen_text(app)
        assert "Tipo: idea, trabajo o cuidado" in form and "Por qué aporte" in form
        await pilot.press(*"Ana Lima", "enter", *"llevó las cuentas", "enter")
        await pilot.press("ctrl+a", "ctrl+k", *"cuidado", "enter")
        await settle(pilot)
        credits = app.meeting.state.credits  # type: ignore[union-attr]
        assert [(c.name, c.kind) for c in credits] == [("Ana Lima", "care")]
        assert "★ aporte" in screen_text(app) and "cuidado: llevó las cuentas" in screen_text(app)
        await pilot.press("W", *"Rosa Díaz", "enter")
        await pilot.press("ctrl+a", "ctrl+k", *"persona obs", "enter", "enter")
        await settle(pilot)
        people = app.meeting.state.people  # type: ignore[union-attr]
        assert {p.name: p.role for p in people.values()}["Rosa Díaz"] == "observer"


def _form_labels(app: object) -> list[str]:
    """The field labels of the form on top (each Label's text)."""
    from textual.widgets import Label

    return [str(label.render()) for label in app.screen.query(Label)]  # type: ignore[attr-defined]


async def test_an_optional_field_says_so_once_in_the_screen_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The form marks optional fields itself: a label that said "(optional)" too read
    "What changed (optional) (optional)", and the mark stayed English on a Spanish screen."""
    monkeypatch.chdir(tmp_path)
    app = build_app(
        None, agenda=_agenda(), minutes_dir=Path("minutes"), clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter", "N")  # roll call, then the proposal
        await settle(pilot)
        await pilot.press("A")  # amend: the text, and what changed (optional)
        await settle(pilot)
        labels = _form_labels(app)
        assert "What changed (optional)" in labels, labels
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("minus")  # skip an item: why (optional)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        labels = _form_labels(app)
        assert any("(goes in the minutes)" in t for t in labels), labels
        assert all(t.count("optional") <= 1 for t in labels), labels


async def test_optional_is_said_in_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spanish: None
) -> None:
    monkeypatch.chdir(tmp_path)
    app = build_app(
        None, agenda=_agenda(), minutes_dir=Path("minutes"), clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await settle(pilot)
        await pilot.press("f")  # a conflict: most of its fields are optional
        await settle(pilot)
        labels = _form_labels(app)
        assert any("(opcional)" in t for t in labels), labels
        assert not any("optional" in t for t in labels), labels
