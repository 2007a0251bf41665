"""The layering rules, as harlequin's import hygiene tests check them.

Two halves. Each headless module (the core, the store, the processes' pure
parts) is imported alone in a fresh interpreter, which must not load textual or
rich. And a static contract over the source (every import statement, also the
ones inside functions and under `TYPE_CHECKING`): the core and the processes'
`model.py`/`minutes.py` import only the standard library, pydantic and each
other, and no I/O or clock modules; the store never imports the TUI; the TUI
never imports the CLI subcommands.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "facilitator"

PURE_IO = frozenset({"os", "pathlib", "time", "sqlite3", "subprocess", "shutil", "socket", "io"})
"""Standard-library modules the pure layers must not import: files, processes, clocks."""
PURE_THIRD_PARTY = frozenset({"pydantic", "pydantic_core"})
"""The only packages outside the standard library the pure layers may import."""


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (PACKAGE / folder).rglob("*.py"))


def _is_panel(path: Path) -> bool:
    """A process's Textual side: `panel.py`, and its light `panel_keys.py` (the keys, read
    at the first frame) and `panel_standing.py` (the keys held on every item)."""
    return path.name in ("panel.py", "panel_keys.py", "panel_standing.py")


def _pure_files() -> list[Path]:
    """The core, and every part of a process but its Textual panel modules."""
    return [p for p in _files("core", "processes") if not _is_panel(p)]


def _headless_modules() -> list[str]:
    return [_module(p) for p in [*_pure_files(), *_files("store")]]


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in `path`, wherever it stands."""
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    return _imports_in(path.read_text(encoding="utf-8"), package)


def _imports_in(source: str, package: str) -> Iterator[tuple[int, str]]:
    """The same for source text in `package` (relative imports are resolved against it)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            yield node.lineno, name


def _loaded_after(import_line: str) -> set[str]:
    code = f"import sys; {import_line}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", _headless_modules())
def test_headless_module_loads_no_textual_or_rich(module: str) -> None:
    loaded = _loaded_after(f"import {module}")
    assert module in loaded
    assert not {m for m in loaded if m.split(".")[0] in {"textual", "rich"}}


def _violations(files: list[Path], allowed: Callable[[str], bool]) -> list[str]:
    out = []
    for path in files:
        for line, name in _imports(path):
            if not allowed(name):
                out.append(f"{path.relative_to(PACKAGE.parent)}:{line}: imports {name}")
    return out


def _pure_may_import(name: str) -> bool:
    top = name.split(".")[0]
    if name == "facilitator.i18n":
        return True  # gettext lookups: no file is read on import (see test_i18n)
    if name.startswith("facilitator."):
        inside = name.startswith("facilitator.core") or name.startswith("facilitator.processes")
        return inside and not name.rpartition(".")[2].startswith("panel")
    if top in PURE_IO:
        return False
    return name == "__future__" or top in sys.stdlib_module_names or top in PURE_THIRD_PARTY


def test_core_and_process_models_import_only_stdlib_and_pydantic() -> None:
    assert _pure_files(), "no files found: the contract would check nothing"
    assert _violations(_pure_files(), _pure_may_import) == []


def test_store_never_imports_the_tui() -> None:
    files = _files("store")
    assert files
    bad = _violations(files, lambda n: not n.startswith("facilitator.tui"))
    assert bad == []


def test_tui_never_imports_the_cli_subcommands() -> None:
    panels = [p for p in _files("processes") if _is_panel(p)]
    files = [*_files("tui"), *panels]
    assert files
    bad = _violations(files, lambda n: not n.startswith("facilitator.commands"))
    assert bad == []


def test_the_contract_sees_imports_inside_functions() -> None:
    """The static check is only worth having if a late or relative import cannot slip past."""
    source = (
        "import json\n"
        "def f():\n"
        "    import os\n"
        "    from time import monotonic\n"
        "    from ..store import journal\n"
        "if TYPE_CHECKING:\n"
        "    from textual.app import App\n"
    )
    names = [name for _, name in _imports_in(source, "facilitator.core")]
    assert names == ["json", "os", "time", "facilitator.store", "textual.app"]
    assert [n for n in names if not _pure_may_import(n)] == names[1:]
    assert _pure_may_import("pydantic") and _pure_may_import("facilitator.processes.round.model")
    assert not _pure_may_import("facilitator.processes.round.panel")
    assert not _pure_may_import("facilitator.processes.round.panel_keys")
