"""The members' view in the screen's language (issue 15): the page's words, the scripts'
table, the server's refusals, and the scripts' `t()` / `tn()` themselves (under node, and in
Debian's chromium when it is installed).

The table must hold every message the scripts use: the scan below reads `t("…")` and
`tn("…", "…")` out of `static/*.js`, and `{{…}}` out of the HTML templates.
"""

from __future__ import annotations

import gettext
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from facilitator import i18n
from facilitator.core import commands as C
from facilitator.web import page_text
from facilitator.web.page_text import HTML_TEXT, SCRIPT_TEXT, page_table, render_page, slots
from tests.web_support import (
    Member,
    chromium,
    click,
    needs_browser,
    off_loop,
    phone_width,
    served,
    wait_for,
    web_agenda,
)

STATIC = Path(str(resources.files("facilitator.web").joinpath("static")))
SCRIPTS = ("app.js", "dots.js")
"""The scripts that call `t("…")` with the English text itself."""
DECIDE = "decide.js"
"""The script that keeps its words in one `WORDS` table and calls `t(key)` (and `tn("…")`)."""

_STRING = r'"((?:[^"\\]|\\.)*)"'
_T = re.compile(r"(?<![\w.])t\(\s*" + _STRING)
_TN = re.compile(r"(?<![\w.])tn\(\s*" + _STRING + r"\s*,\s*" + _STRING)
_FIELDS = re.compile(r"\{(\w+)\}")
_WORDS = re.compile(r"const WORDS = \{\n(.*?)\n  \};", re.S)
_ENTRY = re.compile(r"(\w+):\s*" + _STRING + r",")

JOIN = (STATIC / "join.html").read_text("utf-8")
"""The page that asks for the join code."""

ES = i18n.translator("es")
EN = i18n.translator("en")


@pytest.fixture
def spanish() -> Iterator[None]:
    previous = i18n.set_screen_language("es")
    yield
    i18n.set_screen_language(previous)


def _js(literal: str) -> str:
    text: str = json.loads(f'"{literal}"')
    return text


def decide_words() -> dict[str, str]:
    """decide.js's `WORDS` table (key -> English), read out of the script."""
    source = (STATIC / DECIDE).read_text(encoding="utf-8")
    table = _WORDS.search(source)
    assert table, "decide.js has no WORDS table"
    body = table.group(1)
    entries = {key: _js(text) for key, text in _ENTRY.findall(body)}
    # Every line of the table is an entry the pattern read (none silently skipped).
    assert len(entries) == len([line for line in body.splitlines() if line.strip()])
    return entries


def script_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """Every `t("…")` and `tn("…", "…")` message in the scripts, and decide.js's WORDS."""
    singles: set[str] = set(decide_words().values())
    counted: set[tuple[str, str]] = set()
    for name in (*SCRIPTS, DECIDE):
        source = (STATIC / name).read_text(encoding="utf-8")
        if name in SCRIPTS:  # decide.js's t() takes a key of WORDS, not the text
            singles |= {_js(m) for m in _T.findall(source)}
        counted |= {(_js(a), _js(b)) for a, b in _TN.findall(source)}
    return singles, counted


def test_the_scan_reads_the_calls_the_scripts_make() -> None:
    singles, counted = script_messages()
    # A few known ones, so a scan that finds nothing cannot pass.
    assert "Nobody has the floor." in singles
    assert "Round: {name}'s turn" in singles
    assert ("{n} dot", "{n} dots") in counted
    assert len(singles) >= 40 and len(counted) >= 5
    words = decide_words()
    assert words["rollCall"] == "How each voted" and words["stage_change"] == "Change round"
    assert len(words) >= 35
    assert (
        "The vote is open: {n} voting member may vote.",
        "The vote is open: {n} voting members may vote.",
    ) in counted


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_table_holds_every_message_the_scripts_use(lang: str) -> None:
    table = page_table(i18n.translator(lang))
    singles, counted = script_messages()
    assert sorted(singles - table["messages"].keys()) == []
    assert sorted({s for s, _p in counted} - table["plurals"].keys()) == []
    # Nothing in the table that no script or page asks for (a stale entry is a wrong one).
    html_words = set(slots((STATIC / "index.html").read_text("utf-8"))) | set(slots(JOIN))
    assert set(table["messages"]) == singles | html_words
    assert set(table["plurals"]) == {s for s, _p in counted}
    # The pair in the script is the pair in the catalog: English plural as the script says.
    english = page_table(EN)["plurals"]
    for singular, plural in counted:
        assert english[singular] == [singular, plural]


def test_every_page_slot_is_a_marked_message() -> None:
    for template in ((STATIC / "index.html").read_text("utf-8"), JOIN):
        found = slots(template)
        assert found, "no slots: the page would not be translated"
        assert sorted(set(found) - set(HTML_TEXT)) == []
    assert not set(HTML_TEXT) & set(SCRIPT_TEXT)


def test_the_spanish_table_is_complete_and_keeps_its_placeholders() -> None:
    table = page_table(ES)
    for english, spanish in table["messages"].items():
        words = _FIELDS.sub("", english)
        assert (spanish and spanish != english) or not re.search("[A-Za-z]{3}", words), english
        assert set(_FIELDS.findall(spanish)) == set(_FIELDS.findall(english)), english
    for english, forms in table["plurals"].items():
        assert len(forms) == 2 and all(forms), english  # Spanish: nplurals=2
        for form in forms:
            assert set(_FIELDS.findall(form)) <= set(_FIELDS.findall(english)) | {"n"}, form
    assert table["plurals"]["{n} dot"] == ["{n} punto", "{n} puntos"]
    assert table["plural_index"][:3] == [1, 0, 1]


# gettext Plural-Forms expressions of languages with more than two forms.
_RULES = {
    "fr": "n > 1",
    "pl": "n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2",
    "ru": "n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2",
    "cs": "(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2",
    "ga": "n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4",
    "sl": "n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3",
    "ar": "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5",
}


@pytest.mark.parametrize("lang", sorted(_RULES))
def test_two_hundred_plural_indexes_stand_for_every_count(lang: str) -> None:
    """The page reads the form of n ≥ 200 at 100 + n % 100 (page_text.py): true of the
    plural rules of languages with many forms."""
    rule = gettext.c2py(_RULES[lang])
    span = page_text.PLURAL_SPAN
    for n in range(span, 20_000):
        assert rule(n) == rule(100 + n % 100), n


def test_the_plural_table_follows_the_catalogs_rule() -> None:
    class Polish:
        """A translator with Polish's three forms (no catalog needed)."""

        plural = staticmethod(gettext.c2py(_RULES["pl"]))

        def gettext(self, message: str) -> str:
            return message

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return singular if self.plural(n) == 0 else plural

        def pgettext(self, context: str, message: str) -> str:
            return message

        def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
            return self.ngettext(singular, plural, n)

    table = page_table(Polish())
    assert table["plural_index"][:6] == [2, 0, 1, 1, 1, 2]
    assert table["plural_index"][22] == 1 and table["plural_index"][112] == 2
    # Three forms, from representative counts (1, 2, 0): this translator has no
    # third message, so the plural is said for the last two.
    assert table["plurals"]["{n} dot"] == ["{n} dot", "{n} dots", "{n} dots"]


class _Words(HTMLParser):
    """The text a person reads in a page (not the JSON block), and its `lang`."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.lang = ""
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        self._skip = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        text = data.strip().lstrip("✋⚑?↩ ").strip()
        if text and not self._skip and text != "–":
            self.words.append(text)


def _read(page: str) -> _Words:
    parser = _Words()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("template", ["index", "join"])
def test_the_rendered_spanish_page_has_no_english_left(template: str) -> None:
    source = (STATIC / "index.html").read_text("utf-8") if template == "index" else JOIN
    page = render_page(source, ES, "es")
    assert "{{" not in page
    read = _read(page)
    assert read.lang == "es"
    spanish = {ES.gettext(text) for text in HTML_TEXT}
    assert read.words and sorted(set(read.words) - spanish) == []
    english = _read(render_page(source, EN, "en"))
    assert english.lang == "en" and set(english.words) <= set(HTML_TEXT)


def test_the_json_block_cannot_close_its_script_tag() -> None:
    class Sly:
        plural = None

        def gettext(self, message: str) -> str:
            return "</script><script>alert(1)</script>" if message == "Now" else message

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return singular if n == 1 else plural

        def pgettext(self, context: str, message: str) -> str:
            return message

    page = render_page((STATIC / "index.html").read_text("utf-8"), Sly(), "xx")
    block = page.split('id="page-text">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block)["messages"]["Now"].startswith("</script>")
    assert "<script>alert" not in page  # escaped in the heading, \u003c in the block


async def test_the_served_page_and_refusals_are_in_spanish(tmp_path: Path, spanish: None) -> None:
    async with served(tmp_path) as s:
        ana, stranger = Member(s), Member(s)
        try:
            async with stranger.session.get(s.url + "/") as response:
                asked = await response.text()
            assert response.status == 403
            assert 'lang="es"' in asked and "Código de acceso" in asked
            assert (await stranger.post("/hand", {"kind": "speak"})) == (
                403,
                {"error": "Falta el código de acceso o no es correcto."},
            )
            await ana.join()
            async with ana.session.get(s.url + "/") as response:
                page = await response.text()
            assert _read(page).lang == "es"
            assert '<h2 id="stack-h">Lista de palabra</h2>' in page
            block = page.split('id="page-text">', 1)[1].split("</script>", 1)[0]
            table = json.loads(block)
            assert table == page_table(ES)
            async with ana.session.get(s.url + "/i18n.js") as response:
                assert response.status == 200
                assert "window.tn" in await response.text()
            status, body = await ana.post("/hand", {"kind": "speak"})
            assert (status, body["error"]) == (403, "Primero elija su nombre.")
            async with ana.session.get(s.url + "/nowhere") as response:
                said = await response.json()
            assert (response.status, said) == (404, {"error": "No hay nada en esa dirección."})
            status, body = await ana.post("/state")
            assert (status, body["error"]) == (405, "Eso no se puede hacer en esa dirección.")
            await ana.post("/claim", {"name": "Ana Lima"})
            status, body = await ana.post("/hand", {"kind": "shout"})
            assert status == 400
            assert (
                body["error"] == "Los tipos de mano levantada son: speak, process, clarify, direct."
            )
            s.meeting.do(C.ConsentStage("consent"))
            status, body = await ana.post("/position", {"position": "consent", "reason": "x" * 501})
            assert (status, body["error"]) == (413, "Un motivo tiene como máximo 500 caracteres.")
        finally:
            await ana.close()
            await stranger.close()


async def test_the_page_is_english_on_an_english_screen(tmp_path: Path) -> None:
    assert i18n.screen_language() == "en"
    async with served(tmp_path) as s:
        ana = Member(s)
        try:
            await ana.join()
            async with ana.session.get(s.url + "/") as response:
                page = await response.text()
            assert _read(page).lang == "en" and '<h2 id="stack-h">The stack</h2>' in page
            status, body = await ana.post("/hand", {"kind": "speak"})
            assert (status, body["error"]) == (403, "Choose your name first.")
        finally:
            await ana.close()


def _node(script: str, table: dict[str, Any]) -> Any:
    """Run static/i18n.js under node with a stub document holding `table`, then `script`."""
    stub = (
        "const window = globalThis;\n"
        "const document = { documentElement: { lang: 'es' }, getElementById: (id) =>"
        f" id === 'page-text' ? {{ textContent: {json.dumps(json.dumps(table))} }} : null }};\n"
    )
    source = (
        stub
        + (STATIC / "i18n.js").read_text("utf-8")
        + f"\nconsole.log(JSON.stringify({script}));\n"
    )
    done = subprocess.run(
        ["node", "-"], input=source, capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(done.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the page's script")
def test_t_and_tn_fill_the_spanish_words() -> None:
    got = _node(
        "[t('Nobody has the floor.'), t('Round: {name}\\'s turn', {name: 'Bo'}),"
        " tn('{n} dot', '{n} dots', 1), tn('{n} dot', '{n} dots', 0),"
        " tn('{n} dot left of {total}.', '{n} dots left of {total}.', 201, {total: 300}),"
        " t('Not in the table {x}', {x: 1}), tn('no such', 'no suches', 2)]",
        page_table(ES),
    )
    assert got == [
        "Nadie tiene la palabra.",
        "Ronda: turno de Bo",
        "1 punto",
        "0 puntos",
        "Quedan 201 puntos de 300.",
        "Not in the table 1",
        "no suches",
    ]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the page's script")
def test_tn_reads_counts_past_the_table_the_way_the_rule_does() -> None:
    table = page_table(ES)
    table["plurals"] = {"{n} x": ["a{n}", "b{n}", "c{n}"]}
    rule = gettext.c2py(_RULES["pl"])
    table["plural_index"] = [rule(n) for n in range(page_text.PLURAL_SPAN)]
    counts = [1, 2, 5, 22, 25, 112, 122, 1001, 1002, 12345]
    got = _node(f"{counts}.map((n) => tn('{{n}} x', '{{n}} xs', n))", table)
    assert got == [f"{'abc'[rule(n)]}{n}" for n in counts]


@needs_browser
async def test_the_page_reads_in_spanish_in_a_real_browser(
    tmp_path: Path, spanish: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chromium (`web_support.chromium`, as every browser test starts it) against the real
    server on a Spanish screen: the page's own words, the scripts' words, and a refusal."""
    async with (
        served(tmp_path) as s,
        chromium(tmp_path / "chrome", monkeypatch) as driver,
    ):
        await off_loop(driver.get, s.server.join_url())
        await off_loop(wait_for, driver, "#link", "En vivo")
        await off_loop(wait_for, driver, "#join-h", "¿Quién es usted?")
        await off_loop(wait_for, driver, "#roster", "Gus Guest (persona invitada)")
        assert await off_loop(driver.execute_script, "return document.documentElement.lang") == "es"
        await off_loop(click, driver, '#roster button[data-name="Ana Lima"]')
        await off_loop(
            wait_for, driver, "#you-line", "Usted es Ana Lima. No tiene la mano levantada."
        )
        await off_loop(wait_for, driver, "#timebox", "quedan ")
        await off_loop(click, driver, 'button[data-hand="speak"]')
        await off_loop(wait_for, driver, "#you-line", "Tiene el lugar 1 en la lista de palabra.")
        await off_loop(wait_for, driver, "#stack", "Ana Lima (usted)")
        s.meeting.do(C.ConsentStage("consent"))
        await off_loop(wait_for, driver, "#proposal-stage", "versión 1")
        await off_loop(wait_for, driver, "#tally", "falta escuchar")
        # Submitting with no position chosen: the page's own refusal, in Spanish.
        await off_loop(click, driver, '#position button[type="submit"]')
        await off_loop(wait_for, driver, "#position-error", "Primero elija una posición.")
        # Spanish runs longer: at 200 pixels wide (a 400-pixel phone at 200%) nothing
        # needs a sideways scroll.
        wide = await phone_width(driver)
        assert wide[0] <= wide[1] + 1, wide
        shot = os.environ.get("FACILITATOR_WEB_SHOT")
        if shot:  # for a person to look at: FACILITATOR_WEB_SHOT=page.png pytest -k browser
            await off_loop(driver.save_screenshot, shot)
        words = await off_loop(driver.execute_script, "return document.body.innerText")
        for english in ("The stack", "Nobody", "Your position", "Withdraw", "left"):
            assert english not in words, english
        # The projector view: the same page, its own words.
        await off_loop(driver.get, s.server.address + "/screen")
        await off_loop(wait_for, driver, "#stack-h", "Siguen")
        await off_loop(wait_for, driver, "#speaker", "Nadie tiene la palabra.")


@needs_browser
async def test_dots_are_counted_in_spanish_in_a_real_browser(
    tmp_path: Path, spanish: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """dots.js through tn(): the dots left, the buttons' labels, the placement, the status."""
    from facilitator.core.agenda import Agenda
    from facilitator.processes.dot_vote import model as M
    from tests.dot_vote_support import FOOD, HOUSING, dot_item

    data = web_agenda().model_dump(mode="json", exclude_none=True)
    data["items"].insert(0, dot_item())
    async with (
        served(tmp_path, Agenda.model_validate(data)) as s,
        chromium(tmp_path / "chrome", monkeypatch) as driver,
    ):
        s.meeting.do(M.OpenDotVote())
        await off_loop(driver.get, s.server.join_url())
        await off_loop(click, driver, '#roster button[data-name="Ana Lima"]')
        await off_loop(wait_for, driver, "#dots-h", "Votación por puntos")
        await off_loop(
            wait_for, driver, "#dots-left", "Quedan 3 puntos de 3, como máximo 2 en una opción."
        )
        more = '#dots-options button[aria-label="Un punto más para {}"]'
        for option in (HOUSING, HOUSING, FOOD):
            await off_loop(click, driver, more.format(option))
        await off_loop(wait_for, driver, "#dots-left", "Quedan 0 puntos de 3")
        await off_loop(click, driver, "#dots-submit")
        await off_loop(wait_for, driver, "#dots-error", "Registrado: 3 puntos colocados.")
        await off_loop(wait_for, driver, "#dots-status", "1 persona colocó puntos, faltan")
        await off_loop(wait_for, driver, "#dots-submit", "Cambiar mis puntos")
        placed = [r for r in s.journal_lines() if r["type"] == "DotsPlaced"]
        assert [r["dots"] for r in placed] == [{HOUSING: 2, FOOD: 1}]


def test_share_flag_mistakes_are_said_in_spanish(
    spanish: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from facilitator.web.cli_flags import share_options
    from tests.test_web_cli import ns

    assert share_options(ns(bind="127.0.0.1:70000"), "run") == 2
    assert share_options(ns(url="meet.example.org"), "run") == 2
    err = capsys.readouterr().err
    assert "--bind 127.0.0.1:70000: el puerto debe ser un número de 0 a 65535" in err
    assert "--public-url meet.example.org: indiquen la dirección que abren los miembros" in err
    assert "Traceback" not in err
