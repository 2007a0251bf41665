"""The go-around's part of the registry that `check` and the agenda loader read: its name and
kind (it has no agenda keys of its own), without its decide and fold (`model.py`)."""

from __future__ import annotations

from facilitator.core.agenda_types import ItemKind
from facilitator.processes.keys_unit import ProcessKeys

NAME = "round"
"""The key of this process in the registry and in `ItemState.process`."""

KEYS = ProcessKeys(name=NAME, kinds=(ItemKind.ROUND,))
"""The go-around's agenda keys (none beyond the common ones), as the registry lists them."""
