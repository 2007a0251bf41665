"""Spanish from end to end, and the machinery any next language uses (issue 15).

The catalog is complete and compiled; the language is chosen in one place (`--lang`, the
settings file, the locale); argparse, `check`, `new` and the minutes speak Spanish; the
minutes' front matter stays English byte for byte; the minutes' language is the agenda's
own, whatever the screen's.
"""

from __future__ import annotations

import dataclasses
import gettext
import io
import os
import re
import string
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from facilitator import i18n
from facilitator.cli import main
from facilitator.i18n import choose_language, normalize_language, translator, using
from facilitator.store.minutes import render_doc
from facilitator.store.minutes_model import MinutesDoc
from facilitator.store.settings import SettingsError, load_settings
from tests.minutes_builders import coalition_consensus_block, general_circle
from tests.minutes_parse import check_minutes, split_front_matter

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "facilitator" / "locale"
PO = LOCALE / "es" / "LC_MESSAGES" / "facilitator.po"
MO = LOCALE / "es" / "LC_MESSAGES" / "facilitator.mo"
GOLDEN = Path(__file__).parent / "golden"
BAD_AGENDAS = sorted((Path(__file__).parent / "agenda_errors").glob("*.toml"))

# Words that only an English sentence has (a Spanish one may quote keys like `title`, values
# like "discussion", or tomllib's raw text, so those are not in this list).
_ENGLISH = re.compile(
    r"\b(must|the|is|are|did you mean|unknown|not a|needs|cannot|should|which|"
    r"add|write|missing|required|listed|participant|item \d|quotes|whole number)\b"
)


@pytest.fixture(autouse=True)
def _english_screen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts from an English screen and a locale of its own choosing."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("FACILITATOR_CONFIG", "/nonexistent/settings.toml")
    previous = i18n.set_screen_language("en")
    yield
    i18n.set_screen_language(previous)


# ---- the catalog ------------------------------------------------------------------------


def _catalog() -> Any:  # babel's Message fields are unions; the tests read them as they are
    with PO.open("rb") as f:
        return read_po(f)


def test_the_spanish_catalog_has_no_untranslated_or_fuzzy_entry() -> None:
    cat = _catalog()
    entries = [m for m in cat if m.id]
    assert len(entries) > 400
    untranslated = [
        m.id
        for m in entries
        if (not all(m.string) if isinstance(m.string, tuple) else not m.string)
    ]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []
    assert not cat.fuzzy


def _fields(text: str) -> set[str]:
    try:
        brace = {f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f is not None}
    except ValueError:
        brace = {"(not a format string)"}  # "close the table with }": never formatted
    percent = set(re.findall(r"%\(\w+\)[sdr]|%[sdr]", text))
    return brace | percent


def test_every_translation_keeps_the_placeholders() -> None:
    """A translation that drops or renames `{path}` would raise KeyError on a user's screen."""
    bad = []
    for m in _catalog():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strs = m.string if isinstance(m.string, tuple) else (m.string,)
        want = _fields(ids[-1])
        for s in strs:
            if _fields(s) != want:
                bad.append((ids[0], s))
    assert bad == []


def _keys(text: str) -> list[str]:
    """The TOML keys and table headers of a snippet's lines that are not comments."""
    lines = [line.strip() for line in text.split("\n")]
    return [line.split("=")[0].strip() for line in lines if line and not line.startswith("#")]


def test_the_starter_and_next_comments_stay_comments_in_spanish() -> None:
    """Every line of a translated comment block starts with `#`, or the agenda breaks; a
    starter item (`new --with`: comments, then `[[items]]` and its keys) keeps its keys, in
    the same order, in every language."""
    for m in _catalog():
        if not isinstance(m.id, str):
            continue
        if "[[items]]\n" in m.id:
            assert _keys(m.string) == _keys(m.id), m.string
        elif m.id.lstrip("\n").startswith("# "):
            lines = [line for line in m.string.split("\n") if line]
            assert all(line.startswith("#") for line in lines), m.string


def test_the_compiled_catalog_matches_the_po() -> None:
    """The .mo that ships is the .po compiled (run `./dev i18n` after editing the .po)."""
    buf = io.BytesIO()
    write_mo(buf, _catalog())
    buf.seek(0)
    fresh = gettext.GNUTranslations(buf)
    with MO.open("rb") as f:
        shipped = gettext.GNUTranslations(f)
    # The header ("" entry) carries a compile date; every message must be the same.
    fresh_messages = {k: v for k, v in fresh._catalog.items() if k != ""}  # type: ignore[attr-defined]
    shipped_messages = {k: v for k, v in shipped._catalog.items() if k != ""}  # type: ignore[attr-defined]
    assert shipped_messages == fresh_messages


def test_the_mo_files_are_package_data() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = pyproject["tool"]["setuptools"]["package-data"]["facilitator"]
    assert "locale/*/LC_MESSAGES/*.mo" in data
    assert MO.is_file()


# ---- choosing the language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("es", "es"),
        ("es_MX.UTF-8", "es"),
        ("es-AR", "es"),
        ("ES", "es"),
        ("en_GB.UTF-8", "en"),
        ("C", None),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("fr_FR.UTF-8", None),
        ("", None),
        (None, None),
    ],
)
def test_language_codes_are_normalized(code: str | None, expected: str | None) -> None:
    assert normalize_language(code) == (None if code in ("C", "C.UTF-8", "POSIX") else expected)


def test_the_flag_wins_then_the_settings_then_the_locale() -> None:
    calls: list[str] = []

    def settings() -> str | None:
        calls.append("read")
        return "es"

    env = {"LANG": "en_US.UTF-8"}
    assert choose_language("en", settings, env) == "en"
    assert calls == []  # with a flag, the settings file is not even read
    assert choose_language(None, settings, env) == "es"
    assert choose_language(None, lambda: None, {"LANG": "es_CO.UTF-8"}) == "es"
    assert choose_language(None, lambda: None, {"LANG": "de_DE.UTF-8"}) == "en"
    # gettext's order: LANGUAGE (a list) before LC_ALL before LC_MESSAGES before LANG.
    assert choose_language(None, lambda: None, {"LANGUAGE": "fr:es", "LANG": "en_US"}) == "es"
    assert choose_language(None, lambda: None, {"LC_ALL": "es_ES", "LANG": "en_US"}) == "es"
    assert choose_language(None, lambda: None, {"LC_MESSAGES": "C", "LANG": "es_ES"}) == "en"
    assert choose_language(None, lambda: None, {}) == "en"


def test_settings_language_is_read_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "settings.toml"
    good.write_text('bell = false\nlanguage = "es"\n', encoding="utf-8")
    assert load_settings(good).language == "es"
    bad = tmp_path / "bad.toml"
    bad.write_text('\nlanguage = "klingon"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"bad\.toml:2: language must be one of 'en', 'es'"):
        load_settings(bad)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG shortcut is for Linux")
@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-config", "  "])
def test_the_quick_settings_path_is_the_settings_path(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    from facilitator.cli import settings_file
    from facilitator.store.settings import ENV_VAR, settings_path

    monkeypatch.delenv(ENV_VAR, raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    assert settings_file() == str(settings_path())
    monkeypatch.setenv(ENV_VAR, "/somewhere/s.toml")
    assert settings_file() == "/somewhere/s.toml" == str(settings_path())


def test_settings_language_makes_the_cli_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('language = "es"\n', encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_CONFIG", str(settings))
    missing = tmp_path / "nope.toml"
    assert main(["check", str(missing)]) == 1
    assert "no existe el archivo" in capsys.readouterr().err
    # --lang wins over the settings file.
    assert main(["check", "--lang", "en", str(missing)]) == 1
    assert "no such file" in capsys.readouterr().err


def test_main_gives_the_language_back(capsys: pytest.CaptureFixture[str]) -> None:
    """In-process callers (the tests) keep their language after a Spanish run."""
    main(["check", "--lang", "es", "/nonexistent.toml"])
    capsys.readouterr()
    assert i18n.screen_language() == "en"
    assert i18n._("options") == "options"


def test_a_scoped_translator_wins_over_the_screen() -> None:
    i18n.set_screen_language("es")
    assert i18n._("options") == "opciones"
    with using(translator("en")):
        assert i18n._("options") == "options"
    assert i18n._("options") == "opciones"


def test_importing_i18n_reads_no_catalog() -> None:
    code = (
        "import sys, facilitator.i18n as m; "
        "print(m._('options'), 'gettext' in sys.modules, 'babel' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["options", "True", "False"]


# ---- the command line ---------------------------------------------------------------------


def test_help_is_spanish_with_lang_es(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--lang", "es", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("uso: facilitator check")
    assert "argumentos posicionales" in out and "opciones:" in out
    assert "mostrar esta ayuda y salir" in out
    assert "Revisar archivos de agenda" in out
    assert "archivos de agenda TOML" in out


def test_the_command_listing_is_spanish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "Llevar una reunión en vivo" in out
    assert "Recorrer el archivo de actas" in out
    with pytest.raises(SystemExit):
        main(["--lang", "es", "--help"])  # the listing takes --lang too
    assert capsys.readouterr().out.startswith("uso: facilitator")


def test_usage_errors_are_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--lang", "es"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "uso: " in err
    assert "facilitator check: error: se requieren los siguientes argumentos: FILE" in err


def test_an_unknown_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--lang", "xx", "a.toml"])
    assert exit_.value.code == 2
    assert "invalid choice: 'xx'" in capsys.readouterr().err


def _check_lines(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    status = main(["check", *args, *map(str, BAD_AGENDAS)])
    return status, capsys.readouterr().err.splitlines()


def test_check_over_every_bad_agenda_is_spanish_and_located(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, english = _check_lines(capsys)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    es_status, spanish = _check_lines(capsys)
    assert status == es_status == 1
    assert len(spanish) == len(english) >= len(BAD_AGENDAS)
    located = re.compile(r"^(tests/agenda_errors/|/)\S+\.toml:\d+: ")
    for en_line, es_line in zip(english, spanish, strict=True):
        head = located.match(es_line)
        assert head, es_line
        assert en_line.startswith(head.group(0)), (en_line, es_line)  # same file, same line
        said = es_line[head.end() :]
        assert said != en_line[head.end() :], es_line
        # Keys, values and tomllib's own text are quoted; the sentence around them is Spanish.
        prose = re.sub(r"`[^`]*`|\"[^\"]*\"|'[^']*'|\([^)]*\)|\[[^\]]*\]", "", said)
        assert not _ENGLISH.search(prose), es_line


def test_check_in_spanish_from_the_real_entry_point(tmp_path: Path) -> None:
    """`LANG=es_ES.UTF-8 facilitator check` in a real process, as a user types it."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env |= {"LANG": "es_ES.UTF-8", "FACILITATOR_CONFIG": str(tmp_path / "none.toml")}
    case = Path(__file__).parent / "agenda_errors" / "role-did-you-mean.toml"
    out = subprocess.run(
        [sys.executable, "-m", "facilitator", "check", str(case)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert out.returncode == 1
    assert out.stderr == (
        f'{case}:4: facilitator "Ana Lma" no está entre participantes; '
        '¿quisieron decir "Ana Lima"?\n'
    )


def test_new_in_spanish_writes_a_spanish_starter_that_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "asamblea.toml"
    status = main(
        [
            "new",
            "--lang",
            "es",
            str(path),
            "--title",
            "Asamblea de noviembre",
            "--participant",
            "Dolores Ramírez",
            "--participant",
            "Bo Tran",
        ]
    )
    assert status == 0, capsys.readouterr().err
    text = path.read_text(encoding="utf-8")
    assert "# Una agenda para `facilitator run`." in text
    assert "# La lista de palabra." in text
    data = tomllib.loads(text)
    assert data["meeting"]["language"] == "es"  # its minutes are Spanish too
    assert data["items"][0]["title"] == "Ronda de apertura"
    assert set(data["meeting"]) <= {
        "title",
        "circle",
        "date",
        "facilitator",
        "notetaker",
        "quorum",
        "decision_rule",
        "language",
    }
    assert main(["check", str(path)]) == 0
    capsys.readouterr()


def test_new_in_english_is_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.toml"
    assert main(["new", str(path), "--title", "Member meeting"]) == 0
    capsys.readouterr()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert "language" not in data["meeting"]
    assert data["items"][0]["title"] == "Check-in round"


# ---- the minutes ---------------------------------------------------------------------------


def _both(build: Callable[[], MinutesDoc]) -> tuple[str, str]:
    doc = build()
    english = render_doc(dataclasses.replace(doc, language="en"))
    spanish = render_doc(dataclasses.replace(doc, language="es"))
    return english, spanish


@pytest.mark.parametrize("build", [general_circle, coalition_consensus_block])
def test_minutes_front_matter_is_byte_identical_in_both_languages(build) -> None:  # type: ignore[no-untyped-def]
    english, spanish = _both(build)
    en_front, en_body = split_front_matter(english)
    es_front, es_body = split_front_matter(spanish)
    assert en_front == es_front
    assert en_body != es_body
    # Both read back with real clients: tomllib, markdown-it-py and pandoc (check_minutes).
    front, _texts = check_minutes(spanish)
    assert front == tomllib.loads(en_front)
    check_minutes(english)


def test_golden_minutes_in_english_and_in_spanish() -> None:
    """The same meeting, both languages; reviewed by eye and through pandoc before commit.
    `UPDATE_GOLDEN=1` rewrites them."""
    english, spanish = _both(general_circle)
    for name, text in (("general-circle.en.md", english), ("general-circle.es.md", spanish)):
        path = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN"):
            path.write_bytes(text.encode("utf-8"))
        assert path.read_bytes() == text.encode("utf-8"), name
    # English asked for explicitly is the English the minutes always had.
    assert english == (GOLDEN / "general-circle.md").read_text(encoding="utf-8")


def test_spanish_minutes_say_dates_and_words_in_spanish() -> None:
    _english, spanish = _both(general_circle)
    body = split_front_matter(spanish)[1]
    assert "## Asistencia" in body and "## Decisiones" in body and "## Tiempo de palabra" in body
    assert re.search(
        r"^(Lunes|Martes|Miércoles|Jueves|Viernes|Sábado|Domingo) \d+ de [a-z]+ de \d{4}",
        body,
        re.M,
    )
    for english_word in ("Attendance", "Decisions", "Outcome", "Talk time", "Action items"):
        assert english_word not in body


def test_the_minutes_language_is_the_agendas_not_the_screens() -> None:
    """A Spanish-speaking facilitator writes English minutes for a federation, and back."""
    doc = general_circle()
    i18n.set_screen_language("es")
    english = render_doc(dataclasses.replace(doc, language="en"))
    assert "## Attendance" in english
    follows_screen = render_doc(dataclasses.replace(doc, language=None))
    assert "## Asistencia" in follows_screen
    i18n.set_screen_language("en")
    assert "## Asistencia" in render_doc(dataclasses.replace(doc, language="es"))
    # An explicit translator wins over both.
    assert "## Attendance" in render_doc(
        dataclasses.replace(doc, language="es"), tr=translator("en")
    )


def test_meeting_language_in_the_agenda(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from facilitator.store.agenda_file import AgendaFileError, load_agenda_text

    base = '[meeting]\ntitle = "T"\nlanguage = "{}"\n\n[[items]]\ntitle = "A"\nduration = 5\n'
    assert load_agenda_text(base.format("es_MX")).meeting.language == "es"
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(base.format("klingon"), "a.toml")
    assert str(info.value) == (
        'a.toml:3: `language` in [meeting]: language "klingon" has no translation; '
        'write one of "en", "es"'
    )


def test_a_spanish_yes_confirms_serving_beyond_this_computer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import argparse

    from facilitator.web.cli_flags import share_options
    from facilitator.web.options import ShareOptions

    args = argparse.Namespace(share=True, bind="0.0.0.0", public_url=None)
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return "sí"

    i18n.set_screen_language("es")
    got = share_options(args, "run", ask=ask, interactive=lambda: True)
    assert got == ShareOptions("0.0.0.0", 8765, None)
    assert asked[0].startswith("¿Servir la vista de miembros en 0.0.0.0:8765?")
    assert asked[0].endswith("[s/N] ")
    # "y" still works in Spanish, and "no" still refuses.
    assert share_options(args, "run", ask=lambda q: "y", interactive=lambda: True) == got
    assert share_options(args, "run", ask=lambda q: "no", interactive=lambda: True) == 1
    assert "no se compartió" in capsys.readouterr().err


def test_run_takes_lang_and_its_help_is_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--lang", "es", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "Llevar una reunión en vivo" in out
    assert "servir la vista de miembros" in out  # the members' view flags too
    assert "--lang LANG" in out


def test_lazy_text_is_translated_when_shown() -> None:
    label = i18n.lazy("options")
    assert str(label) == "options" and f"{label:>8}" == " options"
    i18n.set_screen_language("es")
    assert str(label) == "opciones" and f"[{label}]" == "[opciones]"
    assert label == i18n.lazy("options") and len({label, i18n.lazy("options")}) == 1
