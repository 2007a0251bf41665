"""The meeting processes, and the one registry that lists them.

Each process is one package (`round/`, `consent/`): see `unit.Process` for what
its `model.py` hands the core, and `unit.ProcessKeys` for what its light `keys.py`
hands `check` and the agenda loader. `_PACKAGES` is the whole registry, an explicit
tuple in the order panels and minutes take them; adding a process is one line
here. The core's decide, fold, event table and undo wording are built from it.

`KEYS` (every process's `keys.py`) is read at import; `PROCESSES` (every whole
`model.py`) only when first asked for, so that `facilitator check` and the agenda
loader import no process's decide, fold, records or minutes (issue 12).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any, TypeVar

from facilitator.processes.keys_unit import ProcessKeys

if TYPE_CHECKING:
    from facilitator.processes.unit import Decider, Folder, Process, Wording

_PACKAGES = ("round", "consent", "vote", "selection", "dot_vote")
"""Every meeting process's package, in the order the minutes and the panels take them."""


def _each(module: str, name: str) -> tuple[Any, ...]:
    """`name` from `facilitator.processes.<package>.<module>`, for every package in order."""
    return tuple(getattr(import_module(f"{__name__}.{p}.{module}"), name) for p in _PACKAGES)


KEYS: tuple[ProcessKeys, ...] = _each("keys", "KEYS")
"""Every process's agenda keys (`keys.py`), in registry order: what `check` needs."""

if TYPE_CHECKING:
    PROCESSES: tuple[Process, ...]
    """Every meeting process, in the order the minutes and the panels take them."""


def __getattr__(name: str) -> object:
    """`PROCESSES`, the whole processes, imported on first use (PEP 562); `Process` too."""
    if name == "Process":
        from facilitator.processes.unit import Process

        return Process
    if name != "PROCESSES":
        raise AttributeError(name)
    whole: tuple[Process, ...] = _each("model", "PROCESS")
    globals()["PROCESSES"] = whole
    return whole


def _whole() -> tuple[Process, ...]:
    """`PROCESSES`, read as an attribute (loaded on first use; a test may replace it)."""
    found: tuple[Process, ...] = sys.modules[__name__].PROCESSES
    return found


def _keyed() -> tuple[Process | ProcessKeys, ...]:
    """What the agenda-key lookups read: the whole processes once they are loaded (the same
    keys, plus any a test put into the registry), else the light `KEYS`."""
    loaded: tuple[Process, ...] | None = globals().get("PROCESSES")
    return loaded if loaded is not None else KEYS


K = TypeVar("K")
V = TypeVar("V")


def _merged(part: str, tables: Iterable[Mapping[K, V]]) -> dict[K, V]:
    """The tables as one; two processes claiming the same command or event is a bug."""
    out: dict[K, V] = {}
    for table in tables:
        for key, value in table.items():
            if key in out:
                raise AssertionError(f"two processes declare the same {part} {key!r}")
            out[key] = value
    return out


def process_commands() -> dict[type, Decider]:
    """Command type -> decider, over every process."""
    return _merged("command", (p.commands for p in _whole()))


def process_events() -> dict[str, tuple[str, ...]]:
    """Event type -> payload keys, over every process."""
    return _merged("event", (p.events for p in _whole()))


def process_folds() -> dict[str, Folder]:
    """Event type -> fold handler, over every process."""
    return _merged("fold", (p.folds for p in _whole()))


def process_wording() -> dict[str, Wording]:
    """Event type -> undo wording, over every process."""
    return _merged("wording", (p.wording for p in _whole()))


def by_name(name: str) -> Process | None:
    """The process called `name`, if any."""
    return next((p for p in _whole() if p.name == name), None)


def for_kind(kind: str) -> Process | None:
    """The process whose panel goes with items of `kind`, if any."""
    return next((p for p in _whole() if kind in p.kinds), None)


def keys_for_kind(kind: str) -> Process | ProcessKeys | None:
    """The agenda keys of the process owning items of `kind`, if any, without importing any
    process's `model.py` (for `check` and the agenda loader)."""
    return next((p for p in _keyed() if kind in p.kinds), None)


def process_kinds() -> tuple[str, ...]:
    """Every item kind a process owns, in registry order (core's own kinds may be among them)."""
    return tuple(kind for p in _keyed() for kind in p.kinds)


def key_owners(key: str) -> tuple[Process | ProcessKeys, ...]:
    """The processes whose items take the agenda key `key` (for "`options` is for dot-vote
    items" when it is written on an item of another kind)."""
    return tuple(
        p for p in _keyed() if p.agenda_keys is not None and key in p.agenda_keys.model_fields
    )


def table_owner(table: str) -> Process | None:
    """The process that writes the front-matter table `table` ("votes"), if any."""
    return next((p for p in _whole() if table in p.tables), None)


def outcome_tables() -> tuple[str, ...]:
    """Every process's front-matter tables, in registry order."""
    return tuple(t for p in _whole() for t in p.tables)


__all__ = [
    "KEYS",
    "PROCESSES",
    "Process",
    "ProcessKeys",
    "by_name",
    "for_kind",
    "key_owners",
    "keys_for_kind",
    "outcome_tables",
    "process_commands",
    "process_events",
    "process_folds",
    "process_kinds",
    "process_wording",
    "table_owner",
]
