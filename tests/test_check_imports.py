"""`facilitator check` imports only what validating an agenda needs (issue 12).

`check` used to import every process's whole `model.py` (decide, fold, records, minutes)
only for its agenda keys, and with them `core.records`, `core.events` and `core.rules`.
Each case runs in a fresh interpreter (a test process has imported everything already):
the real `check` command on a real agenda, good or bad, and the modules loaded when it is
done are compared with a list. Modules are counted, never timed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import facilitator.processes as registry

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "agendas" / "monthly-member-call.toml"

CHILD = """
import contextlib, io, json, sys
from facilitator.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(["check", *sys.argv[1:]])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

HEAVY = (
    "facilitator.core.records",
    "facilitator.core.events",
    "facilitator.core.rules",
    "facilitator.core.state",
    "facilitator.core.fold",
    "facilitator.core.decide",
    "facilitator.core.payloads",
    "facilitator.processes.unit",
    "facilitator.store.minutes",
    "facilitator.store.journal",
    "textual",
    "rich",
    "babel",
    "markdown_it",
    "tomli_w",
)
"""Modules `check` never needs."""

BAD = """\
[meeting]
title = "Assembly"
date = 2026-11-24

[[participants]]
name = "Ana Lima"

[[items]]
title = "Budget"
kind = "vote"
duration = 10
motion = ""
threshold = "most"

[[items]]
title = "Priorities"
kind = "dot-vote"
duration = 10
options = ["A", "a"]
motion = "x"
"""
"""Errors in every process's keys: an empty motion, a bad threshold, a repeated option and
a key of another kind's (the messages that read the registry)."""


def _check(*files: Path) -> tuple[int, list[str]]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    got = json.loads(out.stdout)
    return got["code"], got["modules"]


def _loaded(modules: list[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


def _models(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith("facilitator.processes.") and m.endswith(".model")]


def test_check_of_a_good_agenda_imports_no_process_model_nor_the_run_stack() -> None:
    code, modules = _check(SAMPLE)
    assert code == 0
    assert _models(modules) == []
    assert [m for m in HEAVY if _loaded(modules, m)] == []
    # What it does import of the processes: the registry and each package's light keys.
    keys = sorted(
        m for m in modules if m.startswith("facilitator.processes.") and m.endswith(".keys")
    )
    assert keys == sorted(f"facilitator.processes.{p}.keys" for p in registry._PACKAGES)


def test_check_of_a_bad_agenda_words_its_errors_without_the_process_models(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD, encoding="utf-8")
    code, modules = _check(bad)
    assert code == 1
    assert _models(modules) == []
    assert [m for m in HEAVY if _loaded(modules, m)] == []


@pytest.mark.parametrize("process", registry.PROCESSES, ids=lambda p: p.name)
def test_each_process_keys_are_its_model_s(process: registry.Process) -> None:
    """The registry's light keys and the whole processes declare the same objects, so the
    loader validates with exactly the models the run path uses."""
    keys = next(k for k in registry.KEYS if k.name == process.name)
    assert keys.kinds == process.kinds
    assert keys.agenda_keys is process.agenda_keys
    assert keys.item_rules is process.item_rules
    assert [k.name for k in registry.KEYS] == [p.name for p in registry.PROCESSES]
