"""Messages widgets post up to the run screen (attributes go down, messages go up)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message


class RunCommand(Message):
    """Ask the screen to run an engine command (`session.do`), optionally after a confirmation.

    The screen shows a DomainError as a notification and a StorageError as a
    persistent error; widgets never call the session themselves. A widget asks for it
    from the action of the key it owns (or at the end of its `@work` coroutine) with
    `Commanding.run`, which posts it to the run screen itself; the screen journals it
    with `do`.
    """

    def __init__(
        self,
        command: object,
        *,
        confirm: str | None = None,
        done: str | None = None,
        then: Sequence[object] = (),
    ) -> None:
        super().__init__()
        self.command = command
        """A command object from facilitator.core.commands."""
        self.confirm = confirm
        """If set, the question a ConfirmScreen asks first."""
        self.done = done
        """If set, a short notification shown when it succeeded."""
        self.then = tuple(then)
        """Commands run after it, in order, each only if the one before was recorded
        (start the meeting, then its first item)."""


class ScreenKey(Message):
    """A key the status line holds for the run screen itself: sharing (⇧S), the presentation
    view (⇧P), ending the meeting (⇧E). They change the screen, not a widget."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        """The run screen's action to run: "toggle_sharing", "presentation" or "end_meeting"."""
