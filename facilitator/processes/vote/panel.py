"""The counted vote's Textual side: its panel, its keys (`KEYS`) and how it runs (`HELP`).

The panel draws from the engine state it is handed and never redoes the model's
rules; each key posts one command up (`self.run`), and the engine says why not when
a step makes no sense now. Its keys are live while a vote item is current, wherever
the focus is (docs/panels.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.binding import BindingType

from facilitator.core.state import MeetingState
from facilitator.i18n import _
from facilitator.processes.vote.model import (
    CHOICES,
    CastVote,
    CloseVote,
    OpenVote,
    SetVoteTotals,
    Vote,
    choice_words,
    measured,
    vote_of,
    voters,
)
from facilitator.processes.vote.panel_keys import KEYS
from facilitator.tui import ask
from facilitator.tui.commands import app_keymap, bindings_of, key_label
from facilitator.tui.fields import Choice, Field
from facilitator.tui.translate import translate_bindings
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_panels import Parts, PartsPanel


def _mark(choice: str | None) -> str:
    return {"for": " ✓ ", "against": " ✗ ", "abstain": " – "}.get(choice or "", " ○ ")


def next_voter(state: MeetingState, item_id: str) -> str | None:
    """Who votes next person by person: the first in circle order who has not voted."""
    item = state.items[item_id]
    vote = vote_of(item)
    if vote is None:
        return None
    return next((n for n in voters(state, item) if n not in vote.ballots), None)


def vote_parts(state: MeetingState, item_id: str, keymap: Mapping[str, str] | None = None) -> Parts:
    """The vote in parts: motion, threshold and count above, a row per voter, keys below."""
    item = state.items[item_id]
    vote = vote_of(item)
    head, foot = Text(), Text()
    rows: list[Text] = []
    if vote is None:
        return Parts(head, rows, None, foot)
    stage = (
        _("Vote · closed")
        if vote.closed
        else (_("Vote · open") if vote.opened else _("Vote · not open yet"))
    )
    head.append(stage, style="bold reverse" if vote.opened else "bold")
    head.append(f" · {measured(vote.threshold, vote.of)}")
    if vote.secret:
        head.append(_(" · secret: totals only"))
    head.append("\n")
    head.append(_("Motion: "), style="bold")
    head.append(vote.motion)  # typed text: a Text, never markup
    head.append("\n")
    eligible = voters(state, item)
    for_, against, abstain = vote.counts(item.recused)
    if vote.result is not None:
        head.append(vote.result.line(vote.threshold, vote.of), style="bold")
    elif vote.opened:
        said = (
            _("{yes} for · {no} against · {abstain} abstaining (totals)")
            if vote.totals is not None
            else _("{yes} for · {no} against · {abstain} abstaining (so far)")
        )
        head.append(said.format(yes=for_, no=against, abstain=abstain))
        head.append(_(" · {n} may vote").format(n=len(eligible)))
    current: int | None = None
    if vote.opened and not vote.secret and vote.totals is None:
        upcoming = next_voter(state, item_id)
        for i, name in enumerate(eligible):
            row = Text(_mark(vote.ballots.get(name)))
            row.append(name, style="bold reverse" if name == upcoming else "")
            if name in vote.ballots:
                row.append(f" ({choice_words(vote.ballots[name])})", style="dim")
            if name == upcoming:
                current = i
            rows.append(row)
    foot.append(_foot(vote, keymap), style="italic")
    return Parts(head, rows, current, foot)


def _foot(vote: Vote, keymap: Mapping[str, str] | None) -> str:
    def k(command_id: str) -> str:
        return key_label(command_id, keymap)

    if vote.closed:
        return _("Closed: undo reopens it · F1: how a vote runs")
    if not vote.opened:
        return _("{open}: open the vote · F1: how a vote runs").format(open=k("vote-open"))
    if vote.secret:
        return _("{totals}: enter the totals · {close}: close the vote · F1").format(
            totals=k("vote-totals"), close=k("vote-close")
        )
    return _(
        "{yes} for · {no} against · {abstain} abstain · {vote_as}: vote as… · "
        "{totals}: totals · {close}: close · F1"
    ).format(
        yes=k("vote-for"),
        no=k("vote-against"),
        abstain=k("vote-abstain"),
        vote_as=k("vote-as"),
        totals=k("vote-totals"),
        close=k("vote-close"),
    )


def _count(text: str) -> int:
    text = text.strip() or "0"
    if not text.isdigit():
        raise ValueError(_("a whole number, 0 or more"))
    return int(text)


class VotePanel(PartsPanel):
    """The counted vote of a `kind = "vote"` item, with its keys."""

    AREA = "vote"
    BINDINGS: ClassVar[list[BindingType]] = bindings_of(KEYS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return vote_parts(state, item.item_id, app_keymap(self))

    def _here(self) -> tuple[MeetingState, str, Vote | None]:
        assert self.state is not None and self.item is not None, "shown before any key"
        state: MeetingState = self.state
        item_id = self.item.item_id
        return state, item_id, vote_of(state.items.get(item_id))

    def action_open_vote(self) -> None:
        """Open the vote."""
        self.run(OpenVote(), done=_("The vote is open."))

    def action_cast(self, index: int) -> None:
        """The next voting member in circle order votes CHOICES[index]."""
        state, item_id, vote = self._here()
        name = next_voter(state, item_id)
        if name is None:
            if vote is not None and vote.opened and not vote.secret and vote.totals is None:
                self.notify(_("Everyone who may vote has voted (vote as… changes a vote)."))
                return
            name = ""  # the engine says why not (not open, secret, totals)
        choice = CHOICES[index]
        self.run(CastVote(name, choice), done=f"{name}: {choice_words(choice)}")

    @work
    async def action_cast_as(self) -> None:
        """Pick a voting member, then their vote."""
        state, item_id, vote = self._here()
        people = [
            Choice(n, n, choice_words(vote.ballots[n]) if vote and n in vote.ballots else "")
            for n in voters(state, state.items[item_id])
        ]
        name = await ask.pick(self.app, _("Whose vote?"), people, empty=_("No one may vote now."))
        if name is None:
            return
        choices = [Choice(c, choice_words(c), "") for c in CHOICES]
        choice = await ask.pick(self.app, _("{name} votes").format(name=name), choices)
        if choice is not None:
            self.run(CastVote(name, choice), done=f"{name}: {choice_words(choice)}")

    @work
    async def action_totals(self) -> None:
        """Enter (or correct) the totals of a show of hands."""
        vote = self._here()[2]
        now = vote.totals if vote is not None else None
        labels = (
            ("for_", _("Votes for")),
            ("against", _("Votes against")),
            ("abstain", _("Abstaining")),
        )
        fields = [
            Field(key, label, _count, required=key != "abstain", value=str(now[i]) if now else "")
            for i, (key, label) in enumerate(labels)
        ]
        values = await ask.form(self.app, _("The count (a show of hands)"), fields)
        if values is not None:
            counts = (values["for_"], values["against"], values["abstain"] or 0)
            self.run(SetVoteTotals(*counts), done=_("Totals entered."))

    def action_close_vote(self) -> None:
        """Close the vote, after a confirmation that gives the count."""
        state, item_id, vote = self._here()
        if vote is None or not vote.opened or vote.closed:
            self.run(CloseVote())  # the engine says why not
            return
        for_, against, abstain = vote.counts(state.items[item_id].recused)
        self.run(
            CloseVote(),
            confirm=_(
                "Close the vote with {yes} for, {no} against, {abstain} abstaining, and record "
                "the result?"
            ).format(yes=for_, no=against, abstain=abstain),
            done=_("The vote is closed: its result is recorded."),
        )


PANEL = VotePanel
"""The panel the slot mounts for this process's item kinds."""
