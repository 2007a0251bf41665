"""Compile each catalog's `.po` into its `.mo`, writing a `.mo` only when its messages changed.

`./dev i18n` runs this after `pybabel update` (it is its last step). `pybabel compile`
rewrites every `.mo` on every run: the `.po` files carry no creation date (`dev` strips
it so parallel branches merge), so Babel stamps the current time into each `.mo`'s header,
and a run that changed nothing left a changed binary in git. Here the `.mo` is compiled in
memory as `pybabel compile` would (fuzzy catalogs skipped, `catalog.check()` errors
reported) and replaced, atomically, only when a message or a header other than that date
differs from the one on disk.

A developer's tool (Babel is a dev dependency); nothing at run time imports it.

    .venv/bin/python facilitator/locale/compile_mo.py [LOCALE_DIR]
"""

from __future__ import annotations

import gettext
import io
import os
import struct
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "facilitator"

_DATED = "POT-Creation-Date:"
"""The header line Babel fills with the time of compiling when the `.po` has none."""


def _messages(mo: bytes) -> dict[object, object]:
    """A compiled catalog's messages, its header without the compile date."""
    translations = gettext.GNUTranslations(io.BytesIO(mo))
    catalog: dict[object, object] = dict(translations._catalog)  # type: ignore[attr-defined]
    header = catalog.get("")
    if isinstance(header, str):
        catalog[""] = "".join(
            line for line in header.splitlines(keepends=True) if not line.startswith(_DATED)
        )
    return catalog


def same_messages(old: bytes, new: bytes) -> bool:
    """Whether two `.mo` files say the same (a compile date apart); an unreadable one never."""
    try:
        return _messages(old) == _messages(new)
    except (OSError, ValueError, struct.error):  # a bad magic number, a cut-off file
        return False


def compiled(catalog: Catalog) -> bytes:
    """`catalog` as a `.mo`, fuzzy entries left out (as `pybabel compile` without -f)."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _replace(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def compile_po(po: Path) -> bool | None:
    """Compile `po` next to itself; True if its `.mo` was written, False if it was already
    the same, None if the catalog is marked fuzzy (skipped, as Babel does)."""
    locale = po.parent.parent.name
    with po.open("rb") as f:
        catalog = read_po(f, locale=locale, domain=DOMAIN)
    if catalog.fuzzy:
        return None
    for message, errors in catalog.check():
        for error in errors:
            print(f"error: {po}:{message.lineno}: {error}", file=sys.stderr)
    data = compiled(catalog)
    mo = po.with_suffix(".mo")
    if mo.exists() and same_messages(mo.read_bytes(), data):
        return False
    _replace(mo, data)
    return True


def _statistics(po: Path) -> str:
    with po.open("rb") as f:
        messages = list(read_po(f))[1:]
    done = sum(1 for m in messages if m.string)
    return f"{done}/{len(messages)}"


def main(argv: list[str]) -> int:
    locale_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent
    pos = sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    if not pos:
        print(f"{locale_dir}: no {DOMAIN}.po", file=sys.stderr)
        return 1
    for po in pos:
        done = compile_po(po)
        said = {True: "written", False: "unchanged", None: "fuzzy"}[done]
        print(f"{po.with_suffix('.mo')}: {said} ({_statistics(po)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
