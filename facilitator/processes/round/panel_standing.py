"""The go-around's keys on every item: `RoundKeys`, which the process slot holds, hidden, for
the whole meeting (a round can be held on any item). Apart from `panel.py` (the turn pointer,
mounted only while a round item is current), so the first frame imports no panel (issue 12).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import work
from textual.binding import BindingType

from facilitator.core import commands as C
from facilitator.i18n import _
from facilitator.processes.round.panel_keys import KEYS
from facilitator.tui import ask
from facilitator.tui.commands import bindings_of
from facilitator.tui.translate import translate_bindings
from facilitator.tui.widgets.process_slot import StandingKeys


class RoundKeys(StandingKeys):
    """The go-around's keys, held by the process slot for the whole meeting: a round can be
    held on any item, so they are not only the round panel's."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_of(KEYS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    @work
    async def action_start_round(self) -> None:
        """Start a go-around in circle order, from a chosen person."""
        if self.state is None:
            return
        people = ask.people(self.state, present=True, queueable=True)
        name = await ask.pick(
            self.app,
            _("Start the round with whom?"),
            people,
            empty=_("Nobody is marked present."),
        )
        if name is not None:
            self.run(C.StartRound(name))

    def action_round_pass(self) -> None:
        """The person on the turn pointer passes."""
        self.run(C.RoundPass())

    def action_end_round(self) -> None:
        """End the round early."""
        self.run(C.EndRound())


STANDING = RoundKeys
"""The widget that holds this process's keys on every item (`ANY_ITEM` in `panel_keys.py`)."""
