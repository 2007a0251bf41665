"""Messages widgets post up to the run screen (attributes go down, messages go up)."""

from __future__ import annotations

from textual.message import Message


class RunCommand(Message):
    """Ask the screen to run an engine command (`session.do`), optionally after a confirmation.

    The screen shows a DomainError as a notification and a StorageError as a
    persistent error; widgets never call the session themselves.
    """

    def __init__(
        self, command: object, *, confirm: str | None = None, done: str | None = None
    ) -> None:
        super().__init__()
        self.command = command
        """A command object from facilitator.core.commands."""
        self.confirm = confirm
        """If set, the question a ConfirmScreen asks first."""
        self.done = done
        """If set, a short notification shown when it succeeded."""
