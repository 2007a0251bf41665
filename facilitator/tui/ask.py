"""Asking the facilitator, from a `@work` coroutine: pick a person, fill a form, confirm.

A multi-step command is one straight-line coroutine on the widget that owns the
key, in the braindrop manner:

    @work
    async def action_recuse(self) -> None:
        name = await ask.pick(self.app, "Who recuses?", ask.people(self.state))
        if name is None:
            return
        values = await ask.form(self.app, f"{name} recuses", [Field("reason", "Why")])
        if values is not None:
            self.post_message(RunCommand(C.Recuse(name, values["reason"])))

Each helper awaits `App.push_screen_wait`, which pushes the modal at once (the
type-ahead gate then hands the next key to it) and returns its answer, None when
it was cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from facilitator.i18n import N_, _
from facilitator.tui.fields import Choice

if TYPE_CHECKING:
    from textual.app import App

    from facilitator.core.state import MeetingState
    from facilitator.tui.fields import Field


async def pick(
    app: App[Any], title: str, choices: Sequence[Choice], *, empty: str = N_("Nobody to pick.")
) -> str | None:
    """The value picked, or None (Escape, or nothing to pick)."""
    from facilitator.tui.screens.picker import PickerScreen

    return await app.push_screen_wait(PickerScreen(title, choices, empty=_(empty)))


async def form(app: App[Any], title: str, fields: Sequence[Field]) -> dict[str, Any] | None:
    """The cleaned values of a filled form, or None (cancelled)."""
    from facilitator.tui.screens.forms import FormScreen

    return await app.push_screen_wait(FormScreen(title, fields))


async def confirm(
    app: App[Any], question: str, *, yes: str = N_("Yes"), no: str = N_("Cancel")
) -> bool:
    """True only for an explicit yes (Cancel is the default answer)."""
    from facilitator.tui.screens.confirm import ConfirmScreen

    answer: bool = await app.push_screen_wait(ConfirmScreen(question, yes=yes, no=no))
    return answer is True


def people(
    state: MeetingState, *, present: bool | None = None, queueable: bool = False
) -> list[Choice]:
    """The people to pick from, with their role, absence and place in the stack as hints."""
    from facilitator.tui.view_model import people_of
    from facilitator.tui.words import role_word

    out = []
    for p in people_of(state):
        if queueable and p.role == "observer":
            continue
        if present is not None and p.present != present:
            continue
        hint = " · ".join(
            x
            for x in (
                role_word(p.role) if p.role != "member" else "",
                "" if p.present else _("not here"),
                _("waiting") if p.waiting else "",
            )
            if x
        )
        out.append(Choice(p.name, p.name, hint, p.key))
    return out
