"""The slot in the current-item panel where the item's process panel goes.

A *process panel* guides an item of a given kind: the consent round for
"proposal" items, the turn pointer for "round" items. Each is its process's,
`PANEL` in `facilitator/processes/<name>/panel.py`, for the item kinds the
process declares (`Process.kinds`); `default_panels()` reads them off the
registry (no registration at import time), importing a panel module only when an
item of its kinds is first shown (or by the warm-up after the first frame). The slot
mounts the right panel when the current item changes and hands it the engine state on
every change, plus `now` every second.

A panel owns its keys: `KEYS` in its `panel_keys.py`, bound in its `BINDINGS`, its
`action_*` on the panel. They are live only while it is mounted (the run screen
chains the slot's `key_owners()`), so a vote's keys show in the Footer only
during a vote. Keys that work on every item (a go-around can be held on any
item) sit on `STANDING` in its `panel_standing.py` (`ANY_ITEM = True` in its
`panel_keys.py`), a `StandingKeys` widget the slot always holds. Either asks for a
change by posting `RunCommand(command)` (`self.run`). See docs/panels.md.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from facilitator.tui.view import ItemView
from facilitator.tui.widgets.commanding import Commanding

if TYPE_CHECKING:
    from facilitator.core.state import MeetingState


class ProcessPanel(Commanding, Vertical):
    """Base class for per-kind panels. Receives state; posts RunCommand messages up.

    A subclass sets `AREA` to its process's name and `BINDINGS = bindings_of(KEYS)`."""

    AREA: ClassVar[str] = "process"
    """The area of its keys in help (its process's name)."""
    item: ItemView | None = None
    """The current item as last shown (redacted when the screen is shared)."""

    def show_state(self, state: Any, item: ItemView, now: float) -> None:
        """Redraw from the engine's MeetingState and the current item (called on every change).

        The first call can come before the panel has composed its children: keep
        what you are given and draw it in `on_mount` too. Call `super().show_state`
        (it keeps `state` and `item` for the actions).
        """
        self.state = state
        self.item = item

    def tick(self, now: float) -> None:
        """Redraw anything that shows a clock (called every second)."""

    def on_mount(self) -> None:
        # The Footer shows the keys of what is mounted: this panel's are live now. Asked of
        # the screen: during its own Mount a widget is not yet `_is_mounted`, so its own
        # `refresh_bindings()` did nothing, and the Footer kept the last panel's keys.
        self.screen.refresh_bindings()


class StandingKeys(Commanding, Widget):
    """A process's keys that work on every item (`STANDING` in its `panel_standing.py`): the slot
    holds one, hidden, for the whole meeting, and hands it the state on every change."""

    DEFAULT_CSS = "StandingKeys { display: none; }"

    def show_state(self, state: MeetingState) -> None:
        """Keep the engine state for the actions."""
        self.state = state


PANELS: Mapping[str, type[ProcessPanel]] | None = None
"""Item kind -> the panel class shown while such an item is current (None: `default_panels`)."""


class _RegistryPanels(Mapping[str, type[ProcessPanel]]):
    """Item kind -> panel, over the process registry. A process's `panel.py` is imported the
    first time an item of its kinds is shown, not before the first frame (issue 12): the
    panels subclass `ProcessPanel` and pull in their forms, pickers and widgets."""

    def __init__(self) -> None:
        from facilitator.processes import PROCESSES

        self._owners = {kind: p.name for p in PROCESSES for kind in p.kinds}
        self._loaded: dict[str, type[ProcessPanel]] = {}

    def __getitem__(self, kind: str) -> type[ProcessPanel]:
        found = self._loaded.get(kind)
        if found is None:
            owner = self._owners[kind]
            module = importlib.import_module(f"facilitator.processes.{owner}.panel")
            found = self._loaded[kind] = module.PANEL
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._owners)

    def __len__(self) -> int:
        return len(self._owners)


def default_panels() -> Mapping[str, type[ProcessPanel]]:
    """Item kind -> panel, over the process registry (each panel module imported on first use)."""
    return _RegistryPanels()


def standing_keys() -> list[type[StandingKeys]]:
    """The processes' keys for every item (`STANDING` in the `panel_standing.py` of each
    process whose `panel_keys.py` says `ANY_ITEM`), over the registry."""
    from facilitator.tui.commands import process_keys

    return [
        importlib.import_module(f"facilitator.processes.{pk.area}.panel_standing").STANDING
        for pk in process_keys()
        if pk.any_item
    ]


class ProcessSlot(Vertical):
    """Holds at most one ProcessPanel, chosen by the current item's kind, and every
    process's standing keys."""

    def __init__(
        self, panels: Mapping[str, type[ProcessPanel]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        if panels is None:
            panels = PANELS if PANELS is not None else default_panels()
        self._panels = panels
        self._key: tuple[str, str, bool] | None = None
        self.panel: ProcessPanel | None = None
        """The mounted panel, if any."""
        self.standing = [cls() for cls in standing_keys()]
        """The processes' keys for every item (the round's), mounted for the whole meeting."""

    def compose(self) -> ComposeResult:
        yield from self.standing

    def key_owners(self) -> list[Widget]:
        """The mounted panel (its keys first), then the standing keys."""
        return [*([self.panel] if self.panel is not None else []), *self.standing]

    @property
    def process_area(self) -> str | None:
        """The area of the mounted panel's keys (F1 lists them first), if any."""
        return self.panel.AREA if self.panel is not None else None

    def show(self, state: Any, item: ItemView | None, now: float) -> None:
        """Mount the panel for `item` if it changed, then pass the state down."""
        key = (item.item_id, item.kind, item.hidden) if item else None
        if key != self._key:
            self._key = key
            if self.panel is not None:
                self.panel.remove()
                self.panel = None
                self.refresh_bindings()  # its keys are gone from the Footer
            cls = self._panels.get(item.kind) if item else None
            if cls is not None:
                self.panel = cls()
                self.mount(self.panel)
            # A confidential item redacted for a shared screen shows no process at all, but
            # its panel stays mounted: the facilitator still records the responses.
            self.display = self.panel is not None and not (item and item.hidden)
        if self.panel is not None and item is not None:
            if item.hidden:
                # Kept for its keys, never drawn (the key above remounts it when shown again).
                self.panel.state, self.panel.item = state, item
            else:
                self.panel.show_state(state, item, now)
        for keys in self.standing:
            keys.show_state(state)

    def tick(self, now: float) -> None:
        """Forward the clock to the panel."""
        if self.panel is not None:
            self.panel.tick(now)
