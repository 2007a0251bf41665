"""The every-method meeting in Spanish (issue 15, "Done means"): the same meeting as
`golden/every-method.md` (test_every_method_golden.py), its agenda saying
`[meeting] language = "es"`, written by the real writer and compared byte for byte with
`golden/every-method.es.md` (regenerate with UPDATE_GOLDEN=1). The front matter is the
English one byte for byte; the body is read back through tomllib, markdown-it-py and
pandoc, and says the processes' own words (methods, positions, a vote's result, a
selection, a dot vote) in Spanish.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from facilitator.processes.consent import methods as M
from facilitator.store.meeting_files import write_minutes
from tests.minutes_parse import check_minutes, split_front_matter
from tests.test_every_method_golden import CANARY, GOLDEN, _meeting

GOLDEN_ES = GOLDEN.with_name("every-method.es.md")


def _write(tmp_path: Path, language: str | None) -> str:
    meeting = _meeting()
    state = meeting.state
    if language is not None:
        agenda = state.agenda
        state.agenda = agenda.model_copy(
            update={"meeting": agenda.meeting.model_copy(update={"language": language})}
        )
    path = write_minutes(state, tmp_path, "2026-11-24-every-method", final=True)
    return path.read_text(encoding="utf-8")


@pytest.fixture
def spanish(tmp_path: Path) -> str:
    return _write(tmp_path / "es", "es")


def test_golden(spanish: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN_ES.write_text(spanish, encoding="utf-8")
    assert spanish == GOLDEN_ES.read_text(encoding="utf-8")


def test_the_front_matter_is_the_english_one_byte_for_byte(spanish: str) -> None:
    english = GOLDEN.read_text(encoding="utf-8")
    assert split_front_matter(spanish)[0] == split_front_matter(english)[0]
    assert split_front_matter(spanish)[1] != split_front_matter(english)[1]


def test_asked_in_english_it_is_the_english_golden(tmp_path: Path) -> None:
    assert _write(tmp_path, "en") == GOLDEN.read_text(encoding="utf-8")


def test_the_processes_speak_spanish(spanish: str) -> None:
    body = split_front_matter(spanish)[1]
    for said in (
        "**Proceso de consentimiento (SoFA)**",
        "**Proceso de consentimiento (S3)**",
        "**Proceso de gradientes de acuerdo**",
        "**Proceso de puño a cinco**",
        "Consentimiento 4, Objeción 0.",
        "| 3 · Apoyo con reservas | 2 |",
        "| 2 dedos | 0 |",
        "**Elección sociocrática de roles**",
        "Se eligió a Chen Wu para el rol de Treasurer, 2 years.",
        "**Votación con recuento**",
        "Resultado: aprobada: 3 a favor, 1 en contra, 0 abstenciones; 75% de los votos"
        " emitidos, umbral de 2/3 (3 de 4)",
        "**Votación por puntos**",
        "| Lugar | Opción | Puntos | Con voz sin voto |",
    ):
        assert said in body, said
    # The English of the processes, which the Spanish body must not hold any more.
    for english in (
        "SoFA consent",
        "Gradients of agreement",
        "Whole-hearted",
        "fingers",
        "Counted vote",
        "Role selection",
        "Nominations round",
        "carried:",
        "Dot vote",
        "voting member",
    ):
        assert english not in body, english
    for method in M.METHODS.values():
        assert f"**Proceso de {method.title_en}**" not in body


def test_the_canary_stays_out(spanish: str) -> None:
    assert CANARY not in spanish and "Land purchase" not in spanish


def test_it_reads_back_through_tomllib_markdown_it_and_pandoc(spanish: str) -> None:
    front = tomllib.loads(split_front_matter(spanish)[0])
    assert [d["method"] for d in front["decisions"]] == list(M.NAMES)
    assert front["votes"][0]["result"] == "carried"  # the front matter's values stay English
    tokens = MarkdownIt("commonmark").enable("table").parse(split_front_matter(spanish)[1])
    assert sum(t.type == "table_open" for t in tokens) >= 6
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    meta, texts = check_minutes(spanish)
    assert meta == front
    assert CANARY not in "\x01".join(texts)
