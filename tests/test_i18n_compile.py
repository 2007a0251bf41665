"""`./dev i18n`'s last step, `facilitator/locale/compile_mo.py`: a `.mo` is written only when
its messages changed, so a run that changed nothing leaves git clean.

`pybabel compile` stamped the time into every `.mo` header on every run (the `.po` files
carry no creation date). Real catalogs copied to tmp_path; what is counted is the writes.
"""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from facilitator.locale import compile_mo

LOCALE = Path(compile_mo.__file__).resolve().parent
PO = LOCALE / "es" / "LC_MESSAGES" / "facilitator.po"


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[Path]]:
    """A copy of the Spanish catalog (its .po and .mo), and the list of .mo files written."""
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(PO, folder / PO.name)
    shutil.copy(PO.with_suffix(".mo"), folder / "facilitator.mo")
    written: list[Path] = []
    real = compile_mo._replace

    def counted(path: Path, data: bytes) -> None:
        written.append(path)
        real(path, data)

    monkeypatch.setattr(compile_mo, "_replace", counted)
    return folder / PO.name, written


def _read(po: Path) -> Catalog:
    with po.open("rb") as f:
        return read_po(f, locale="es")


def _say(mo: Path, message: str) -> str:
    with mo.open("rb") as f:
        return gettext.GNUTranslations(f).gettext(message)


def test_the_shipped_mo_is_its_po_compiled_and_is_left_alone(
    catalogs: tuple[Path, list[Path]],
) -> None:
    po, written = catalogs
    before = po.with_suffix(".mo").read_bytes()
    assert compile_mo.compile_po(po) is False
    assert written == []
    assert po.with_suffix(".mo").read_bytes() == before


def test_a_second_run_writes_nothing(catalogs: tuple[Path, list[Path]]) -> None:
    po, written = catalogs
    po.with_suffix(".mo").unlink()
    assert compile_mo.main([str(po.parent.parent.parent)]) == 0
    assert written == [po.with_suffix(".mo")]
    first = po.with_suffix(".mo").read_bytes()
    assert compile_mo.main([str(po.parent.parent.parent)]) == 0
    assert written == [po.with_suffix(".mo")]  # not again
    assert po.with_suffix(".mo").read_bytes() == first


def test_a_changed_translation_is_written(catalogs: tuple[Path, list[Path]]) -> None:
    po, written = catalogs
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Nadie tiene la palabra."' in text
    po.write_text(
        text.replace('msgstr "Nadie tiene la palabra."', 'msgstr "Hoy nadie tiene la palabra."'),
        "utf-8",
    )
    assert compile_mo.compile_po(po) is True
    assert written == [po.with_suffix(".mo")]
    assert _say(po.with_suffix(".mo"), "Nobody has the floor.") == "Hoy nadie tiene la palabra."


def test_a_damaged_mo_is_written_again(catalogs: tuple[Path, list[Path]]) -> None:
    po, written = catalogs
    po.with_suffix(".mo").write_bytes(b"not a catalog")
    assert compile_mo.compile_po(po) is True
    assert written == [po.with_suffix(".mo")]
    assert _say(po.with_suffix(".mo"), "Nobody has the floor.") == "Nadie tiene la palabra."


def test_it_compiles_what_pybabel_compile_does(tmp_path: Path) -> None:
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(PO, folder / PO.name)
    argv = ["pybabel", "-q", "compile", "-D", "facilitator", "-d", str(tmp_path)]
    CommandLineInterface().run(argv)  # type: ignore[no-untyped-call]
    theirs = (folder / "facilitator.mo").read_bytes()
    ours = compile_mo.compiled(_read(PO))
    assert compile_mo.same_messages(ours, theirs)
    # and the compile date is all that may differ: another message is a difference
    assert not compile_mo.same_messages(ours, PO.with_suffix(".mo").read_bytes()[:-1])


def test_a_fuzzy_catalog_is_skipped_as_babel_does(catalogs: tuple[Path, list[Path]]) -> None:
    po, written = catalogs
    text = po.read_text(encoding="utf-8")
    po.write_text("#, fuzzy\n" + text, encoding="utf-8")
    assert compile_mo.compile_po(po) is None
    assert written == []
