"""The base of every modal: it answers once.

The type-ahead gate (`tui/type_ahead.py`) already keeps a second key away
from a modal that has answered. This is the second line: should two answers
still race (a click and a key, two messages already queued), the second one
is ignored instead of popping the screen underneath (ScreenStackError).
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


async def _nothing() -> None:
    """An already answered modal has nothing left to do."""


class Modal(ModalScreen[ResultType]):
    """A ModalScreen whose `dismiss` takes effect once."""

    answered = False
    """Set by the first dismiss."""

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self.answered or not self.is_current:
            return AwaitComplete(_nothing()).call_next(self.app)
        self.answered = True
        return super().dismiss(result)
