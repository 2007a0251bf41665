"""`facilitator next` keeps the minutes' language (issue 15): Spanish minutes give a Spanish
agenda (`language = "es"`, the approval item, the follow-ups, the notes and the comments in
Spanish), English minutes an English one even on a Spanish screen, and an approval item
in Spanish is still the approval item the next time (no second "Aprobación del acta").

The minutes are real ones, rendered by the minutes writer in their language; the agendas
are read back by the same loader as `facilitator check`.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.core.agenda import Agenda
from facilitator.store.agenda_file import load_agenda
from facilitator.store.minutes_model import ItemRecord, MinutesDoc
from facilitator.store.next_items import is_approval_title, minutes_language
from tests.archive_support import write_doc
from tests.minutes_builders import general_circle
from tests.minutes_records import action


def _doc(language: str | None) -> MinutesDoc:
    """The November general circle, with an item deferred and an action still open."""
    doc = general_circle()
    return replace(
        doc,
        language=language,
        items=(
            *doc.items,
            ItemRecord("item-5", "Garden rota", "discussion", "deferred", 420),
        ),
        actions=(*doc.actions, action("Fix the gate", "Chen Wu", dt.date(2026, 12, 10))),
    )


def _next(minutes: Path, out: Path, *flags: str) -> Agenda:
    assert main(["next", str(minutes), "-o", str(out), *flags]) == 0
    return load_agenda(out)  # the same loader as `facilitator check`


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "minutes").mkdir()
    return tmp_path / "minutes"


def test_spanish_minutes_give_a_spanish_agenda(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    minutes = write_doc(folder, _doc("es"))
    assert "## Asistencia" in minutes.read_text("utf-8")
    out = tmp_path / "next.toml"
    agenda = _next(minutes, out)
    text = out.read_text("utf-8")
    assert agenda.meeting.language == "es"
    assert tomllib.loads(text)["meeting"]["language"] == "es"
    assert agenda.meeting.title == "General Circle — próxima reunión"
    first = agenda.items[0]
    assert first.title == "Aprobación del acta del 2026-11-24"
    assert first.proposal is not None and first.proposal.startswith(
        "Aprobamos el acta del 2026-11-24"
    )
    assert first.notes is not None and "primero las correcciones" in first.notes
    carried = {i.title: i for i in agenda.items}
    garden = carried["Garden rota"]
    assert garden.notes == "Pendiente: se aplazó el 2026-11-24."
    assert carried["Outreach plan for spring"].notes == "Pendiente: no se trató el 2026-11-24."
    actions = carried["Acciones abiertas: revisar el avance"]
    assert actions.notes is not None
    assert "- Fix the gate (Chen Wu, vence el 2026-12-10; desde 2026-11-24)" in actions.notes
    # The file's own comments are in the agenda's language too; the keys stay English.
    assert text.startswith("# Preparada por `facilitator next` a partir de\n")
    assert "Approve the minutes" not in text and "Carried over" not in text
    assert "[[items]]" in text and 'kind = "proposal"' in text
    # What is printed is the screen's (English here), and counts the carried item.
    captured = capsys.readouterr()
    assert captured.out.startswith("wrote ")
    assert "2 not reached or deferred" in captured.err


def test_english_minutes_stay_english_on_a_spanish_screen(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    minutes = write_doc(folder, _doc("en"))
    out = tmp_path / "next.toml"
    agenda = _next(minutes, out, "--lang", "es")
    # Written for the federation in English: said so, or a Spanish screen would write the
    # next minutes in Spanish.
    assert agenda.meeting.language == "en"
    assert agenda.items[0].title == "Approve the minutes of 2026-11-24"
    assert "Carried over: deferred on 2026-11-24." in out.read_text("utf-8")
    captured = capsys.readouterr()
    assert captured.out == f"se escribió {out}\n"


def test_english_minutes_on_an_english_screen_need_no_language_key(
    folder: Path, tmp_path: Path
) -> None:
    minutes = write_doc(folder, _doc(None))
    out = tmp_path / "next.toml"
    agenda = _next(minutes, out)
    assert agenda.meeting.language is None
    assert "language" not in tomllib.loads(out.read_text("utf-8"))["meeting"]


def _ran(agenda: Agenda, date: dt.date, language: str) -> MinutesDoc:
    """Minutes of a meeting that ran `agenda` through: every item done, nothing decided."""
    items = tuple(
        ItemRecord(
            f"item-{n}",
            item.title,
            str(item.kind),
            "done",
            item.duration,
            standing=item.standing,
            prep=item.notes,
        )
        for n, item in enumerate(agenda.items, 1)
    )
    return replace(
        general_circle(),
        date=date,
        title="General Circle — December",
        language=language,
        items=items,
        decisions=(),
        actions=(),
    )


def test_a_spanish_standing_approval_item_is_not_doubled(folder: Path, tmp_path: Path) -> None:
    """The circle keeps "Aprobación del acta" as a standing item: the next `next` finds it
    as its approval item, in Spanish, instead of adding a second one."""
    november = write_doc(folder, _doc("es"))
    first = tmp_path / "december.toml"
    _next(november, first)
    text = first.read_text("utf-8")
    # The circle makes the approval item standing, as circles do.
    text = text.replace('kind = "proposal"', 'kind = "proposal"\nstanding = true', 1)
    first.write_text(text, encoding="utf-8")
    agenda = load_agenda(first)
    assert agenda.items[0].standing and agenda.items[0].title.startswith("Aprobación del acta")
    december = write_doc(folder, _ran(agenda, dt.date(2026, 12, 22), "es"))
    second = _next(december, tmp_path / "january.toml")
    approvals = [i for i in second.items if is_approval_title(i.title)]
    assert [i.title for i in approvals] == ["Aprobación del acta del 2026-11-24"]
    assert approvals[0] is second.items[0] and approvals[0].standing
    assert approvals[0].notes is not None and december.name in approvals[0].notes
    assert second.meeting.language == "es"


def test_the_minutes_language_is_read_from_the_body() -> None:
    from facilitator.store.minutes import render_doc

    assert minutes_language(render_doc(_doc("es"))) == "es"
    assert minutes_language(render_doc(_doc("en"))) == "en"
    assert minutes_language("+++\nschema = 1\n+++\n# Notes\n\nWe met.\n") is None


@pytest.mark.parametrize(
    ("title", "approves"),
    [
        ("Approve the minutes of 2026-11-24", True),
        ("Minutes", True),
        ("Aprobación del acta del 2026-11-24", True),
        ("ACTA anterior", True),
        ("Aprobación de actas pendientes", True),
        ("Five-minutes break", True),  # English "minutes" as a word: as before this session
        ("Reactivar el huerto", False),
        ("Exactamente el presupuesto", False),
        ("Adopt the 2027 budget", False),
    ],
)
def test_the_approval_item_is_known_in_every_language(title: str, approves: bool) -> None:
    assert is_approval_title(title) is approves
