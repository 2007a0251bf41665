"""The processes' own words in Spanish (issue 15): the method table, a panel, a vote's
result, a refusal and an undo row, each looked up in the language in force when shown.

Every method's title, positions, stages and published steps must come out of the Spanish
catalog changed: a message marked with one context and looked up with another (or not
marked at all) stays English, and this is where that shows.
"""

from __future__ import annotations

import pytest

from facilitator.core import commands as C
from facilitator.core.errors import DomainError
from facilitator.core.events import event_from_record
from facilitator.i18n import translator, using
from facilitator.processes import process_wording
from facilitator.processes.consent import methods as M
from facilitator.processes.consent.panel import consent_text, method_help
from facilitator.processes.vote.model import result_line
from tests.engine_support import ANA, BO, CHEN, DEE, Meeting, make_agenda

SPANISH = translator("es")
SAME_IN_BOTH = {"8 · Veto", "Veto"}
"""Words Spanish writes as English does."""


@pytest.mark.parametrize("name", M.NAMES)
def test_every_word_of_every_method_is_translated(name: str) -> None:
    method = M.METHODS[name]
    english = [method.title, method.summary]
    english += [p.label for p in method.positions] + [p.says for p in method.positions]
    english += [p.short for p in method.positions if p.short]
    english += [s.label for s in method.stages] + [s.help for s in method.stages]
    with using(SPANISH):
        spanish = [method.title, method.summary]
        spanish += [p.label for p in method.positions] + [p.says for p in method.positions]
        spanish += [p.short for p in method.positions if p.short]
        spanish += [s.label for s in method.stages] + [s.help for s in method.stages]
    assert len(english) == len(spanish)
    untranslated = [e for e, s in zip(english, spanish, strict=True) if e == s]
    assert set(untranslated) <= SAME_IN_BOTH, untranslated
    # The fist-to-five pass line is filled in, in both languages.
    if name == "fist-to-five":
        assert "3" in method.summary and "{pass_min}" not in spanish[1]


def test_method_names_read_mid_sentence_in_spanish() -> None:
    with using(SPANISH):
        titles = [M.METHODS[n].title for n in M.NAMES]
        assert M.METHODS["sofa-consent"].heading == "Consentimiento (SoFA)"
    assert titles == [
        "consentimiento",
        "consentimiento (SoFA)",
        "consentimiento (S3)",
        "consenso",
        "gradientes de acuerdo",
        "puño a cinco",
    ]
    # English is as it always was.
    assert [M.METHODS[n].title for n in M.NAMES][1] == "SoFA consent"


def test_a_response_is_taken_in_english_and_in_the_language_in_force() -> None:
    sofa = M.METHODS["sofa-consent"]
    with using(SPANISH):
        assert M.normalize(sofa, "Objeción") == "object"
        assert M.normalize(sofa, "objeto") == "object"  # the key's word
        assert M.normalize(sofa, "objection") == "object"
        assert M.normalize(M.METHODS["consent"], "se hace a un lado") == "stand-aside"
        assert M.normalize(M.METHODS["gradients"], "Apoyo con reservas") == "3"
        with pytest.raises(DomainError, match="no es una respuesta del método sofa-consent"):
            M.normalize(sofa, "tal vez")
    assert M.normalize(sofa, "Objection") == "object"


def test_a_vote_result_in_spanish_counts_in_the_plural_spanish_needs() -> None:
    with using(SPANISH):
        one = result_line("carried", 3, 1, 1, 4, 3, "2/3", "cast")
        none = result_line("failed", 0, 0, 2, 0, 1, "majority", "cast")
    assert one == (
        "aprobada: 3 a favor, 1 en contra, 1 abstención; 75% de los votos emitidos, "
        "umbral de 2/3 (3 de 4)"
    )
    assert none == "rechazada: 0 a favor, 0 en contra, 2 abstenciones; ningún voto emitido"
    assert result_line("carried", 3, 1, 1, 4, 3, "2/3", "cast") == (
        "carried: 3 for, 1 against, 1 abstaining; 75% of votes cast, 2/3 needed (3 of 4)"
    )


def _sofa_meeting() -> Meeting:
    item = {
        "title": "Huerta",
        "kind": "proposal",
        "duration": "10m",
        "proposal": "Sembramos en marzo.",
        "method": "sofa-consent",
    }
    m = Meeting(make_agenda(items=[item]))
    m.do(C.StartMeeting((ANA, BO, CHEN, DEE)), C.StartItem("item-1"))
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "object", "falta agua"))
    return m


def test_the_consent_panel_in_spanish() -> None:
    m = _sofa_meeting()
    with using(SPANISH):
        shown = consent_text(m.state, "item-1").plain
        help_text = method_help(M.METHODS["sofa-consent"])
    for said in (
        "Etapa 4/6 ▶ Ronda de consentimiento · versión 1 · consentimiento (SoFA)",
        "Recuento: Consentimiento 1 · Objeción 1",
        "✗ Objeción pendiente: Bo Tran",
        "Respondieron 2 de 4",
        "Bo Tran  Objeción: falta agua",
        "1:Consiento 2:Objeto",
    ):
        assert said in shown, said
    assert "Tally" not in shown and "Stage" not in shown
    assert help_text.startswith("Consentimiento (SoFA): Tal como lo publica Sociocracy For All")
    assert "Etapas, en orden:" in help_text and "Se pide un motivo para: Objeción." in help_text
    # The same state in English reads as before.
    assert "Tally: Consent 1 · Objection 1" in consent_text(m.state, "item-1").plain


def test_a_refusal_and_an_undo_row_in_spanish() -> None:
    m = _sofa_meeting()
    events = [event_from_record(r) for r in m.sink.records]
    moved = next(e for e in events if e.type == "ConsentStageChanged")
    decided = process_wording()
    with using(SPANISH):
        m.refused(C.Respond(CHEN, "object"), "^una objeción necesita su motivo$")
        assert decided["ConsentStageChanged"](moved) == "pasó la propuesta a consentimiento"
        said = decided["ConsentResponse"](next(e for e in events if e.type == "ConsentResponse"))
    assert said == "la respuesta de Ana Lima (consentimiento)"
    assert decided["ConsentStageChanged"](moved) == "moved the proposal to consent"
