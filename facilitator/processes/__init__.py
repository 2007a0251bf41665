"""The meeting processes, and the one registry that lists them.

Each process is one package (`round/`, `consent/`): see `unit.Process` for what
its `model.py` hands the core. `PROCESSES` is the whole registry, an explicit
tuple in the order panels and minutes take them; adding a process is one line
here. The core's decide, fold, event table and undo wording are built from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from facilitator.processes.consent.model import PROCESS as CONSENT
from facilitator.processes.dot_vote.model import PROCESS as DOT_VOTE
from facilitator.processes.round.model import PROCESS as ROUND
from facilitator.processes.selection.model import PROCESS as SELECTION
from facilitator.processes.unit import Decider, Folder, Process, Wording
from facilitator.processes.vote.model import PROCESS as VOTE

PROCESSES: tuple[Process, ...] = (ROUND, CONSENT, VOTE, SELECTION, DOT_VOTE)
"""Every meeting process, in the order the minutes and the panels take them."""


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
    return _merged("command", (p.commands for p in PROCESSES))


def process_events() -> dict[str, tuple[str, ...]]:
    """Event type -> payload keys, over every process."""
    return _merged("event", (p.events for p in PROCESSES))


def process_folds() -> dict[str, Folder]:
    """Event type -> fold handler, over every process."""
    return _merged("fold", (p.folds for p in PROCESSES))


def process_wording() -> dict[str, Wording]:
    """Event type -> undo wording, over every process."""
    return _merged("wording", (p.wording for p in PROCESSES))


def by_name(name: str) -> Process | None:
    """The process called `name`, if any."""
    return next((p for p in PROCESSES if p.name == name), None)


def for_kind(kind: str) -> Process | None:
    """The process whose panel goes with items of `kind`, if any."""
    return next((p for p in PROCESSES if kind in p.kinds), None)


def process_kinds() -> tuple[str, ...]:
    """Every item kind a process owns, in registry order (core's own kinds may be among them)."""
    return tuple(kind for p in PROCESSES for kind in p.kinds)


def key_owners(key: str) -> tuple[Process, ...]:
    """The processes whose items take the agenda key `key` (for "`options` is for dot-vote
    items" when it is written on an item of another kind)."""
    return tuple(
        p for p in PROCESSES if p.agenda_keys is not None and key in p.agenda_keys.model_fields
    )


def table_owner(table: str) -> Process | None:
    """The process that writes the front-matter table `table` ("votes"), if any."""
    return next((p for p in PROCESSES if table in p.tables), None)


def outcome_tables() -> tuple[str, ...]:
    """Every process's front-matter tables, in registry order."""
    return tuple(t for p in PROCESSES for t in p.tables)


__all__ = [
    "PROCESSES",
    "Process",
    "by_name",
    "for_kind",
    "key_owners",
    "outcome_tables",
    "process_commands",
    "process_events",
    "process_folds",
    "process_kinds",
    "process_wording",
    "table_owner",
]
