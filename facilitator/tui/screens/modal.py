"""The base of every modal: it answers once.

The type-ahead gate (`tui/type_ahead.py`) already keeps a second key away
from a modal that has answered. This is the second line: should two answers
still race (a click and a key, two messages already queued), the second one
is ignored instead of popping the screen underneath (ScreenStackError).
"""

from __future__ import annotations

import importlib
from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

from facilitator.tui.translate import translate_bindings

ResultType = TypeVar("ResultType")

WARM_MODULES = (
    "textual.widgets._input",
    "textual.widgets._option_list",
    "textual.widgets._selection_list",
    "textual.widgets._text_area",
    "textual.widgets._label",
    "textual.suggester",
    "textual.fuzzy",
    "facilitator.tui.screens.confirm",
    "facilitator.tui.screens.forms",
    "facilitator.tui.screens.picker",
    "facilitator.tui.screens.help",
    "facilitator.tui.screens.history",
    "facilitator.tui.screens.attendance",
    "facilitator.tui.screens.preview_form",
    "facilitator.tui.screens.summary",
)
"""What the modal screens (forms, pickers, help, confirm) load the first time one opens."""


def panel_modules() -> list[str]:
    """Every process's `panel.py` (the slot imports one when an item of its kind is first
    shown; warmed too, so the first vote or proposal of the meeting mounts at once)."""
    from facilitator.processes import PROCESSES

    return [f"facilitator.processes.{p.name}.panel" for p in PROCESSES]


def warm_modals() -> list[str]:
    """Import the modal screens and the process panels ahead of use (on a worker thread
    after the first frame).

    The first `a`, `c` or F1 took 1-2.7 s while these loaded (issue 12); the first
    frame does not need them, so they load after it, off the UI thread. Returns the
    modules that could not be loaded: they load (and fail, with their real error) when
    used, as before.
    """
    missed = []
    for name in (*WARM_MODULES, *panel_modules()):
        try:
            importlib.import_module(name)
        except Exception:  # a warm-up only: the real import on use reports it
            missed.append(name)
    return missed


async def _nothing() -> None:
    """An already answered modal has nothing left to do."""


class Modal(ModalScreen[ResultType]):
    """A ModalScreen whose `dismiss` takes effect once."""

    answered = False
    """Set by the first dismiss."""

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        translate_bindings(self)  # the Footer's labels in the screen's language

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self.answered or not self.is_current:
            return AwaitComplete(_nothing()).call_next(self.app)
        self.answered = True
        return super().dismiss(result)
