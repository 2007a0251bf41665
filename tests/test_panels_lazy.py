"""A process's panel module is imported only when an item of its kind is shown (issue 12).

The footer, F1 and the keymap check read every process's keys at the first frame; they
come from the light `panel_keys.py`, and the slot's panels are looked up (and imported)
per kind. Each case runs in a fresh interpreter, where nothing is imported yet, and
counts the panel modules loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from facilitator.processes import PROCESSES
from facilitator.tui import commands
from facilitator.tui.widgets.process_slot import default_panels

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, sys
from facilitator.tui.commands import all_commands, check_registry, process_keys
from facilitator.tui.widgets.process_slot import default_panels, standing_keys

def panels():
    return sorted(m for m in sys.modules if m.startswith("facilitator.processes.")
                  and m.rpartition(".")[2].startswith("panel"))

out = {"problems": check_registry(), "commands": len(all_commands())}
out["after_keys"] = panels()
standing = [cls.__name__ for cls in standing_keys()]
slot = default_panels()
out["kinds"] = sorted(slot)
out["after_lookup_table"] = panels()
out["vote_panel"] = slot["vote"].__name__
out["after_vote"] = panels()
out["standing"] = standing
print(json.dumps(out))
"""


def _child() -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def test_keys_come_from_panel_keys_and_a_panel_loads_with_its_kind() -> None:
    out = _child()
    assert out["problems"] == []
    assert out["commands"] == len(commands.all_commands())
    keys = [f"facilitator.processes.{p.name}.panel_keys" for p in PROCESSES]
    # Every process's keys, and no panel.
    assert out["after_keys"] == sorted(keys)
    # The round's standing keys are held on every item: their module, not the round's panel.
    assert out["standing"] == ["RoundKeys"]
    standing = "facilitator.processes.round.panel_standing"
    assert out["after_lookup_table"] == sorted([*keys, standing])
    # An item of a kind: its process's panel, and only that one.
    assert out["vote_panel"] == "VotePanel"
    assert out["after_vote"] == sorted([*keys, standing, "facilitator.processes.vote.panel"])
    assert out["kinds"] == sorted(kind for p in PROCESSES for kind in p.kinds)


def test_the_lazy_table_gives_each_kind_its_process_panel() -> None:
    import importlib

    slot = default_panels()
    for p in PROCESSES:
        module = importlib.import_module(f"facilitator.processes.{p.name}.panel")
        for kind in p.kinds:
            assert slot[kind] is module.PANEL
            assert slot.get(kind) is module.PANEL
    assert slot.get("report") is None  # a core kind: no process panel
    assert len(slot) == sum(len(p.kinds) for p in PROCESSES)


def test_a_panel_binds_the_keys_its_panel_keys_declares() -> None:
    # One source of truth: the panel's bindings are built from the same KEYS objects.
    import importlib

    for pk in commands.process_keys():
        light = importlib.import_module(f"facilitator.processes.{pk.area}.panel_keys")
        assert pk.specs == light.KEYS and pk.help == light.HELP
        owner = (
            importlib.import_module(f"facilitator.processes.{pk.area}.panel_standing").STANDING
            if pk.any_item
            else importlib.import_module(f"facilitator.processes.{pk.area}.panel").PANEL
        )
        ids = {b.id for b in owner.BINDINGS if not isinstance(b, tuple)}
        assert ids == {s.id for s in light.KEYS}, pk.area
