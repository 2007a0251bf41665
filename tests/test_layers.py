"""The layering rule: core and store never load textual or rich."""

from __future__ import annotations

import subprocess
import sys


def _loaded_after(import_line: str) -> set[str]:
    code = f"import sys; {import_line}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_core_and_store_do_not_load_textual_or_rich() -> None:
    import pkgutil

    import facilitator.core
    import facilitator.store

    names = ["facilitator.core", "facilitator.store"]
    for pkg in (facilitator.core, facilitator.store):
        names += [f"{pkg.__name__}.{m.name}" for m in pkgutil.iter_modules(pkg.__path__)]
    mods = _loaded_after("; ".join(f"import {n}" for n in names))
    assert not {m for m in mods if m.split(".")[0] in {"textual", "rich"}}, names


def test_core_does_no_io_imports() -> None:
    import pkgutil

    import facilitator.core

    names = [f"facilitator.core.{m.name}" for m in pkgutil.iter_modules(facilitator.core.__path__)]
    mods = _loaded_after("; ".join(f"import {n}" for n in names) or "pass")
    ours = {
        m for m in mods if m.startswith("facilitator.") and not m.startswith("facilitator.core")
    }
    assert ours == set(), ours
