"""The slot in the current-item panel where the item's process panel goes.

A *process panel* guides an item of a given kind: the consent round for
"proposal" items, the turn pointer for "round" items. Each is its process's,
`PANEL` in `facilitator/processes/<name>/panel.py`, for the item kinds the
process declares (`Process.kinds`); `default_panels()` reads them off the
registry (no registration at import time). The slot
mounts the right panel when the current item changes and hands it the engine
state on every change, plus `now` every second. Panels ask for changes by
posting `RunCommand(command)`; their keys come from `bindings_for("process")`.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar

from textual.containers import Vertical

from facilitator.tui.view import ItemView


class ProcessPanel(Vertical):
    """Base class for per-kind panels. Receives state; posts RunCommand messages up."""

    AREA: ClassVar[str] = "process"

    def show_state(self, state: Any, item: ItemView, now: float) -> None:
        """Redraw from the engine's MeetingState and the current item (called on every change).

        The first call can come before the panel has composed its children: keep
        what you are given and draw it in `on_mount` too.
        """

    def tick(self, now: float) -> None:
        """Redraw anything that shows a clock (called every second)."""


PANELS: dict[str, type[ProcessPanel]] | None = None
"""Item kind -> the panel class shown while such an item is current (None: `default_panels`)."""


def default_panels() -> dict[str, type[ProcessPanel]]:
    """Item kind -> panel, over the process registry. The panel modules are imported here,
    late, because they subclass `ProcessPanel`."""
    from facilitator.processes import PROCESSES

    out: dict[str, type[ProcessPanel]] = {}
    for process in PROCESSES:
        if process.kinds:
            module = importlib.import_module(f"facilitator.processes.{process.name}.panel")
            panel: type[ProcessPanel] = module.PANEL
            out.update(dict.fromkeys(process.kinds, panel))
    return out


class ProcessSlot(Vertical):
    """Holds at most one ProcessPanel, chosen by the current item's kind."""

    def __init__(self, panels: dict[str, type[ProcessPanel]] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if panels is None:
            panels = PANELS if PANELS is not None else default_panels()
        self._panels = panels
        self._key: tuple[str, str, bool] | None = None
        self.panel: ProcessPanel | None = None
        """The mounted panel, if any."""

    def show(self, state: Any, item: ItemView | None, now: float) -> None:
        """Mount the panel for `item` if it changed, then pass the state down."""
        key = (item.item_id, item.kind, item.hidden) if item else None
        if key != self._key:
            self._key = key
            if self.panel is not None:
                self.panel.remove()
                self.panel = None
            # A confidential item redacted for a shared screen shows no process at all.
            cls = self._panels.get(item.kind) if item and not item.hidden else None
            if cls is not None:
                self.panel = cls()
                self.mount(self.panel)
            self.display = self.panel is not None
        if self.panel is not None and item is not None:
            self.panel.show_state(state, item, now)

    def tick(self, now: float) -> None:
        """Forward the clock to the panel."""
        if self.panel is not None:
            self.panel.tick(now)
