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
from facilitator.processes.vote.model import (
    _BASE_WORDS,
    CHOICES,
    CastVote,
    CloseVote,
    OpenVote,
    SetVoteTotals,
    Vote,
    vote_of,
    voters,
)
from facilitator.tui import ask
from facilitator.tui.commands import CommandSpec, app_keymap, bindings_of, key_label
from facilitator.tui.screens.forms import Field
from facilitator.tui.screens.picker import Choice
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_panels import Parts, PartsPanel

KEYS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "vote-open", "s", "open_vote", "Open vote", "Open the vote (quorum is checked).", "vote"
    ),
    CommandSpec(
        "vote-for",
        "1",
        "cast(0)",
        "For",
        "The next voting member in circle order votes for.",
        "vote",
    ),
    CommandSpec(
        "vote-against", "2", "cast(1)", "Against", "The next voting member votes against.", "vote"
    ),
    CommandSpec(
        "vote-abstain", "3", "cast(2)", "Abstain", "The next voting member abstains.", "vote"
    ),
    CommandSpec(
        "vote-as", "R", "cast_as", "Vote as…", "Record or change one member's vote.", "vote"
    ),
    CommandSpec(
        "vote-totals",
        "v",
        "totals",
        "Totals",
        "Enter the count as totals (a show of hands).",
        "vote",
    ),
    CommandSpec(
        "vote-close",
        "O",
        "close_vote",
        "Close vote",
        "Close the vote and record its result (asks first).",
        "vote",
    ),
)
"""The vote's keys, live while a vote item is current."""

HELP = (
    "A counted vote, for an assembly bound by bylaws. Read the motion aloud: the panel shows "
    "the threshold and what it is measured against. Open the vote (without quorum it cannot "
    "be taken). Count: for a show of hands enter the totals (for, against, abstaining); or go "
    "person by person, for, against or abstain for whoever is next in circle order (vote "
    "as… picks someone, or changes a vote); a secret vote is entered as totals only. Close "
    "the vote: quorum is checked again, and the result is recorded, carried or failed, with "
    "the share and the votes needed. Only voting members present and not recused vote; "
    "guests and observers never do; nothing of a vote happens off the record; undo takes "
    "back any step."
)
"""How a vote runs, for F1."""


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
    stage = "closed" if vote.closed else ("open" if vote.opened else "not open yet")
    head.append(f"Vote · {stage}", style="bold reverse" if vote.opened else "bold")
    head.append(f" · {vote.threshold} of {_BASE_WORDS.get(vote.of, vote.of)}")
    if vote.secret:
        head.append(" · secret: totals only")
    head.append("\nMotion: ", style="bold")
    head.append(vote.motion)  # typed text: a Text, never markup
    head.append("\n")
    eligible = voters(state, item)
    for_, against, abstain = vote.counts(item.recused)
    if vote.result is not None:
        head.append(vote.result.line(vote.threshold, vote.of), style="bold")
    elif vote.opened:
        mode = "totals" if vote.totals is not None else "so far"
        head.append(f"{for_} for · {against} against · {abstain} abstaining ({mode})")
        head.append(f" · {len(eligible)} may vote")
    current: int | None = None
    if vote.opened and not vote.secret and vote.totals is None:
        upcoming = next_voter(state, item_id)
        for i, name in enumerate(eligible):
            row = Text(_mark(vote.ballots.get(name)))
            row.append(name, style="bold reverse" if name == upcoming else "")
            if name in vote.ballots:
                row.append(f" ({vote.ballots[name]})", style="dim")
            if name == upcoming:
                current = i
            rows.append(row)
    foot.append(_foot(vote, keymap), style="italic")
    return Parts(head, rows, current, foot)


def _foot(vote: Vote, keymap: Mapping[str, str] | None) -> str:
    def k(command_id: str) -> str:
        return key_label(command_id, keymap)

    if vote.closed:
        return "Closed: undo reopens it · F1: how a vote runs"
    if not vote.opened:
        return f"{k('vote-open')}: open the vote · F1: how a vote runs"
    if vote.secret:
        return f"{k('vote-totals')}: enter the totals · {k('vote-close')}: close the vote · F1"
    return (
        f"{k('vote-for')} for · {k('vote-against')} against · {k('vote-abstain')} abstain · "
        f"{k('vote-as')}: vote as… · {k('vote-totals')}: totals · {k('vote-close')}: close · F1"
    )


def _count(text: str) -> int:
    text = text.strip() or "0"
    if not text.isdigit():
        raise ValueError("a whole number, 0 or more")
    return int(text)


class VotePanel(PartsPanel):
    """The counted vote of a `kind = "vote"` item, with its keys."""

    AREA = "vote"
    BINDINGS: ClassVar[list[BindingType]] = bindings_of(KEYS)

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return vote_parts(state, item.item_id, app_keymap(self))

    def _here(self) -> tuple[MeetingState, str, Vote | None]:
        assert self.state is not None and self.item is not None, "shown before any key"
        state: MeetingState = self.state
        item_id = self.item.item_id
        return state, item_id, vote_of(state.items.get(item_id))

    def action_open_vote(self) -> None:
        """Open the vote."""
        self.run(OpenVote(), done="The vote is open.")

    def action_cast(self, index: int) -> None:
        """The next voting member in circle order votes CHOICES[index]."""
        state, item_id, vote = self._here()
        name = next_voter(state, item_id)
        if name is None:
            if vote is not None and vote.opened and not vote.secret and vote.totals is None:
                self.notify("Everyone who may vote has voted (vote as… changes a vote).")
                return
            name = ""  # the engine says why not (not open, secret, totals)
        self.run(CastVote(name, CHOICES[index]), done=f"{name}: {CHOICES[index]}")

    @work
    async def action_cast_as(self) -> None:
        """Pick a voting member, then their vote."""
        state, item_id, vote = self._here()
        people = [
            Choice(n, n, vote.ballots.get(n, "") if vote else "")
            for n in voters(state, state.items[item_id])
        ]
        name = await ask.pick(self.app, "Whose vote?", people, empty="No one may vote now.")
        if name is None:
            return
        choice = await ask.pick(self.app, f"{name} votes", [Choice(c, c, "") for c in CHOICES])
        if choice is not None:
            self.run(CastVote(name, choice), done=f"{name}: {choice}")

    @work
    async def action_totals(self) -> None:
        """Enter (or correct) the totals of a show of hands."""
        _, _, vote = self._here()
        now = vote.totals if vote is not None else None
        labels = (("for_", "Votes for"), ("against", "Votes against"), ("abstain", "Abstaining"))
        fields = [
            Field(key, label, _count, required=key != "abstain", value=str(now[i]) if now else "")
            for i, (key, label) in enumerate(labels)
        ]
        values = await ask.form(self.app, "The count (a show of hands)", fields)
        if values is not None:
            counts = (values["for_"], values["against"], values["abstain"] or 0)
            self.run(SetVoteTotals(*counts), done="Totals entered.")

    def action_close_vote(self) -> None:
        """Close the vote, after a confirmation that gives the count."""
        state, item_id, vote = self._here()
        if vote is None or not vote.opened or vote.closed:
            self.run(CloseVote())  # the engine says why not
            return
        for_, against, abstain = vote.counts(state.items[item_id].recused)
        self.run(
            CloseVote(),
            confirm=f"Close the vote with {for_} for, {against} against, {abstain} abstaining, "
            "and record the result?",
            done="The vote is closed: its result is recorded.",
        )


PANEL = VotePanel
"""The panel the slot mounts for this process's item kinds."""
