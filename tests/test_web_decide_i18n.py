"""decide.js (a counted vote and a role selection on the members' page) in the screen's
language (issue 15): its `WORDS` are in the page's table for every language, its stage
names are the selection's own (`STAGE_LABELS`), and a served Spanish page during a vote and
during a selection shows no English from it (decide.js run under node over the served
page's table, and in Debian's chromium when it is installed)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from facilitator import i18n
from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.public_view import public_view
from facilitator.processes.selection import model as S
from facilitator.processes.vote import model as V
from facilitator.web.page_text import page_table, stage_words
from tests.test_web_i18n import DECIDE, ES, STATIC, decide_words, spanish
from tests.web_support import (
    PEOPLE,
    Member,
    Served,
    chromium,
    click,
    needs_browser,
    off_loop,
    served,
    wait_for,
    web_agenda,
)

__all__ = ["spanish"]  # the fixture, used by name

ANA, BO, CHEN, DEE = PEOPLE
_FIELDS = re.compile(r"\{(\w+)\}")
_LONG_WORD = re.compile(r"[A-Za-z]{4,}")


def agenda() -> Agenda:
    """A secret vote, then a selection, before the web agenda's items (as in
    tests/test_web_decide_browser.py), the meeting's own text in Spanish."""
    data = web_agenda().model_dump(mode="json", exclude_none=True)
    data["items"][:0] = [
        {
            "title": "Cuotas",
            "kind": "vote",
            "duration": 10,
            "motion": "La cuota sube un 5 %.",
            "threshold": "2/3",
            "secret": True,
        },
        {"title": "Delegación", "kind": "selection", "duration": 30, "role": "Tesorería"},
    ]
    return Agenda.model_validate(data)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_decide_word_is_in_the_table(lang: str) -> None:
    messages = page_table(i18n.translator(lang))["messages"]
    words = decide_words()
    assert sorted(set(words.values()) - messages.keys()) == []
    for key, english in words.items():
        said = messages[english]
        assert set(_FIELDS.findall(said)) == set(_FIELDS.findall(english)), key
        if lang == "es" and _LONG_WORD.search(_FIELDS.sub("", english)):
            assert said != english, key
        if lang == "en":
            assert said == english, key


def test_the_stage_names_are_the_selections_own() -> None:
    words = decide_words()
    stages = {k.removeprefix("stage_"): v for k, v in words.items() if k.startswith("stage_")}
    with i18n.using(i18n.translator("en")):
        english = dict(S.STAGE_LABELS.items())
    assert stages == english  # every stage, in the model's English
    with i18n.using(ES):
        spoken = dict(S.STAGE_LABELS.items())
    table = page_table(ES)["messages"]
    for key, text in stages.items():
        assert table[text] == spoken[key] == ES.pgettext("stage", text), key
    assert stage_words(ES)["Change round"] == "Ronda de cambios"
    assert stage_words(ES)["Nominations round"] == "Ronda de nominaciones"


def _english_words() -> set[str]:
    """The words of decide.js's English messages (not their placeholders), 4 letters on."""
    source = (STATIC / DECIDE).read_text("utf-8")
    texts = [*decide_words().values(), *re.findall(r'tn\(\s*"([^"]*)",\s*"([^"]*)"', source)[0]]
    return {w for text in texts for w in _LONG_WORD.findall(_FIELDS.sub("", text))}


_HARNESS = """
const window = globalThis;
const nodes = {};
const node = (id) => nodes[id] || (nodes[id] = {
  textContent: "", hidden: false, className: "", children: [],
  replaceChildren() { this.children = []; }, append(c) { this.children.push(c); },
});
const handlers = [];
const document = {
  documentElement: { lang: "es" },
  getElementById: (id) => (id === "page-text" ? { textContent: TABLE } : node(id)),
  createElement: (tag) => ({ tag, textContent: "", className: "" }),
  addEventListener: (type, fn) => { if (type === "meeting") handlers.push(fn); },
};
"""

_SHOW = """
const shown = VIEWS.map((view) => {
  handlers.forEach((fn) => fn({ detail: { view } }));
  const out = {};
  for (const [id, n] of Object.entries(nodes)) {
    const parts = [n.textContent, ...n.children.map((c) => c.textContent)];
    const text = parts.filter(Boolean).join(" | ").trim();
    if (!n.hidden && text) out[id] = text;
  }
  return out;
});
console.log(JSON.stringify(shown));
"""


def _decide(table: dict[str, Any], views: list[dict[str, Any]]) -> list[dict[str, str]]:
    """decide.js under node over `table`: what each of `views` shows, element by element."""
    source = (
        _HARNESS.replace("TABLE", json.dumps(json.dumps(table)))
        + (STATIC / "i18n.js").read_text("utf-8")
        + (STATIC / DECIDE).read_text("utf-8")
        + _SHOW.replace("VIEWS", json.dumps(views))
    )
    done = subprocess.run(
        ["node", "-"], input=source, capture_output=True, text=True, timeout=60, check=True
    )
    shown: list[dict[str, str]] = json.loads(done.stdout)
    return shown


def _view(s: Served) -> dict[str, Any]:
    view: dict[str, Any] = public_view(s.meeting.state, s.meeting.now()).to_json()
    return view


async def _served_table(s: Served) -> dict[str, Any]:
    """The table a member's browser reads out of the served page."""
    ana = Member(s)
    try:
        await ana.join()
        async with ana.session.get(s.url + "/") as response:
            page = await response.text()
    finally:
        await ana.close()
    table: dict[str, Any] = json.loads(page.split('id="page-text">', 1)[1].split("</script>")[0])
    return table


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the page's script")
async def test_a_served_spanish_page_shows_a_vote_and_a_selection_in_spanish(
    tmp_path: Path, spanish: None
) -> None:
    async with served(tmp_path, agenda()) as s:
        table = await _served_table(s)
        assert table == page_table(ES)
        views = [_view(s)]
        s.meeting.do(V.OpenVote())
        views.append(_view(s))
        s.meeting.do(V.SetVoteTotals(3, 1, 0))
        s.meeting.do(V.CloseVote())
        views.append(_view(s))
        for step in (C.FinishItem(), C.StartItem(), S.SelectionStage("nominate")):
            s.meeting.do(step)
        s.meeting.do(S.SelectionStage("nominations"))
        for who, nominee in ((ANA, BO), (BO, CHEN), (CHEN, BO), (DEE, BO)):
            s.meeting.do(S.Nominate(nominee, "motivos", name=who))
        views.append(_view(s))
        s.meeting.do(S.NominationPass("Gus Guest"))
        s.meeting.do(S.SelectionStage("change"))
        s.meeting.do(S.ProposeNominee(BO))
        views.append(_view(s))
    waiting, opened, closed, nominating, proposed = _decide(table, views)
    assert waiting["vote-h"] == "Votación" and waiting["vote-motion-label"] == "Moción"
    assert waiting["vote-threshold"] == "Se necesita 2/3 de votos emitidos"
    assert waiting["vote-secret"].startswith("Voto secreto")
    assert (
        waiting["vote-status"]
        == "Todavía no está abierta. La facilitación la abre cuando hay quórum."
    )
    voters = len(PEOPLE)
    assert opened["vote-status"] == (
        f"La votación está abierta: pueden votar {voters} miembros con voto."
    )
    assert closed["vote-status"].startswith("Aprobada: 3 a favor, 1 en contra, 0 abstenciones;")
    assert "de votos emitidos, se necesita 2/3 (3 de 4)" in closed["vote-status"]
    assert nominating["selection-h"] == "Elección sociocrática de roles"
    assert nominating["selection-stage"] == "Etapa: Ronda de nominaciones"
    assert nominating["selection-later"] == (
        "Las nominaciones se cuentan después de la ronda de nominaciones."
    )
    # Proposing a nominee opens the consent round: the stage the selection's panel names.
    assert proposed["selection-stage"] == "Etapa: " + ES.pgettext("stage", "Consent round")
    assert proposed["selection-stage"] == "Etapa: Ronda de consentimiento"
    assert proposed["selection-nominees"] == f"{BO}: 3 | {CHEN}: 1"
    assert f"Persona propuesta: {BO}" in proposed["selection-status"]
    assert "Ronda de consentimiento: se escuchó a 0 de" in proposed["selection-status"]
    status = proposed["selection-status"]
    assert f"Sigue: {ANA} (a la persona nominada se le pregunta al final)" in status
    # No English word of decide.js's anywhere it wrote (the meeting's own text is Spanish).
    english = _english_words()
    assert {"voted", "Nominations", "needed", "heard"} <= english  # the scan reads words
    for shown in (waiting, opened, closed, nominating, proposed):
        for element, text in shown.items():
            left = english & set(_LONG_WORD.findall(text)) - {w for p in PEOPLE for w in p.split()}
            assert not left, (element, text, left)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the page's script")
def test_one_voter_is_said_in_the_singular() -> None:
    view = {
        "item": {
            "vote": {
                "motion": "x",
                "threshold": "1/2",
                "of": "cast",
                "secret": False,
                "open": True,
                "voters": 1,
                "result": None,
                "ballots": [],
            },
            "selection": None,
        },
        "off_record": False,
    }
    (shown,) = _decide(page_table(ES), [view])
    assert shown["vote-status"] == "La votación está abierta: puede votar 1 miembro con voto."
    (english,) = _decide(page_table(i18n.translator("en")), [view])
    assert english["vote-status"] == "The vote is open: 1 voting member may vote."


@needs_browser
async def test_a_vote_reads_in_spanish_in_a_real_browser(
    tmp_path: Path, spanish: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """decide.js in chromium against the real server on a Spanish screen: the vote's words,
    the open vote's count through tn(), the result; then the selection's stage."""
    async with (
        served(tmp_path, agenda()) as s,
        chromium(tmp_path / "chrome", monkeypatch) as driver,
    ):
        await off_loop(driver.get, s.server.join_url())
        await off_loop(click, driver, f'#roster button[data-name="{ANA}"]')
        await off_loop(wait_for, driver, "#vote-h", "Votación")
        await off_loop(wait_for, driver, "#vote-motion-label", "Moción")
        await off_loop(wait_for, driver, "#vote-threshold", "Se necesita 2/3 de votos emitidos")
        await off_loop(wait_for, driver, "#vote-status", "Todavía no está abierta.")
        s.meeting.do(V.OpenVote())
        await off_loop(wait_for, driver, "#vote-status", "La votación está abierta: pueden votar 4")
        s.meeting.do(V.SetVoteTotals(3, 1, 0))
        s.meeting.do(V.CloseVote())
        await off_loop(
            wait_for, driver, "#vote-status", "Aprobada: 3 a favor, 1 en contra, 0 abstenciones"
        )
        words = await off_loop(driver.execute_script, "return document.body.innerText")
        for english in ("Vote", "Motion", "needed", "Carried", "votes cast", "Secret"):
            assert english not in words, english
        for step in (C.FinishItem(), C.StartItem(), S.SelectionStage("nominate")):
            s.meeting.do(step)
        await off_loop(wait_for, driver, "#selection-h", "Elección sociocrática de roles")
        await off_loop(wait_for, driver, "#selection-stage", "Etapa: Nominaciones, en silencio")
