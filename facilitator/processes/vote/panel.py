"""The counted vote's Textual side: its panel, its keys and its F1 help.

The panel owns its keys: it takes the focus when a vote item becomes current, so
its bindings come before the run screen's (the consent keys `s`, `1`–`3`, ⇧R, `v`
and ⇧O mean the same steps of a vote here). Every step posts one `RunCommand` up;
the engine says why not when a step makes no sense now. It draws from the state it
is handed and never redoes the model's rules.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

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
from facilitator.tui.messages import RunCommand
from facilitator.tui.screens.forms import Field, FormScreen
from facilitator.tui.screens.modal import Modal
from facilitator.tui.screens.picker import Choice, PickerScreen
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_panels import Parts, PartsPanel

KEYS: tuple[tuple[str, str, str, str], ...] = (
    ("s", "open_vote", "Open vote", "Open the vote on the motion (quorum is checked)."),
    ("1", "cast(0)", "For", "The next voting member in circle order votes for."),
    ("2", "cast(1)", "Against", "The next voting member in circle order votes against."),
    ("3", "cast(2)", "Abstain", "The next voting member in circle order abstains."),
    ("R", "cast_as", "Vote as…", "Record (or change) one member's vote: pick them, then the vote."),
    (
        "v",
        "totals",
        "Totals",
        "Enter the count as totals: for, against, abstaining (a show of hands).",
    ),
    ("O", "close_vote", "Close vote", "Close the vote and record its result (asks first)."),
    ("f1", "vote_help", "Help", "The steps of a counted vote, and these keys."),
)
"""(key, action, footer label, help sentence) of each of the vote's keys."""

STEPS = (
    "1. Read the motion aloud; the panel shows the threshold and what it is measured against.",
    "2. s opens the vote. Quorum is checked: without it the vote cannot be taken.",
    "3. Count: for a show of hands press v and type the totals (for, against, abstaining); "
    "or go person by person, 1 for, 2 against, 3 abstain for whoever is next in circle "
    "order (⇧R picks someone, or changes a vote). A secret vote is entered as totals only.",
    "4. ⇧O closes the vote and records the result: carried or failed, with the share and "
    "the votes needed. Quorum is checked again.",
    "Only voting members present and not recused vote; guests and observers never do. "
    "Nothing of a vote happens off the record. ctrl+z undoes any step.",
)
"""The steps, as F1 states them."""


class VoteHelp(Modal[None]):
    """F1 on a vote: its steps and its keys. Escape, F1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close", id="vote-help-close")
    ]
    IS_HELP: ClassVar[bool] = True
    """F1 is not asked for again while this is open (the app's F1 looks for it)."""

    def compose(self) -> ComposeResult:
        text = Text("A counted vote (Escape closes)\n\n", style="bold")
        for step in STEPS:
            text.append(step + "\n\n")
        text.append("Keys, while the vote panel has the focus\n", style="bold")
        for key, _, _, sentence in KEYS:
            text.append(f"{'⇧' + key if key.isupper() else key:>4}  ", style="bold")
            text.append(sentence + "\n")
        with VerticalScroll(id="help-box", classes="modal-box"):
            yield Static(text, id="vote-help-text")

    def action_close(self) -> None:
        self.dismiss(None)


def _mark(choice: str | None) -> str:
    return {"for": " ✓ ", "against": " ✗ ", "abstain": " – "}.get(choice or "", " ○ ")


def next_voter(state: MeetingState, item_id: str) -> str | None:
    """Who votes next person by person: the first in circle order who has not voted."""
    item = state.items[item_id]
    vote = vote_of(item)
    if vote is None:
        return None
    return next((n for n in voters(state, item) if n not in vote.ballots), None)


def vote_parts(state: MeetingState, item_id: str) -> Parts:
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
    foot.append(_foot(vote), style="italic")
    return Parts(head, rows, current, foot)


def _foot(vote: Vote) -> str:
    if vote.closed:
        return "Closed: ctrl+z reopens it · F1: the steps"
    if not vote.opened:
        return "s: open the vote · F1: the steps"
    if vote.secret:
        return "v: enter the totals · ⇧O: close the vote · F1: the steps"
    return "1 for · 2 against · 3 abstain · ⇧R: vote as… · v: totals · ⇧O: close · F1"


def _count(text: str) -> int:
    text = text.strip() or "0"
    if not text.isdigit():
        raise ValueError("a whole number, 0 or more")
    return int(text)


class VotePanel(PartsPanel, can_focus=True):
    """The counted vote of a `kind = "vote"` item, with its own keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, action, label, id=f"vote-{action.split('(')[0].replace('_', '-')}-{key}")
        for key, action, label, _ in KEYS
    ]

    def show_state(self, state: Any, item: ItemView, now: float) -> None:
        self._state: MeetingState = state
        self._item_id = item.item_id
        super().show_state(state, item, now)

    def on_mount(self) -> None:
        super().on_mount()
        # Its keys are its own: take the focus when the vote comes up.
        self.call_after_refresh(self.focus)

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return vote_parts(state, item.item_id)

    def _vote(self) -> Vote | None:
        state: MeetingState | None = getattr(self, "_state", None)
        return vote_of(state.items.get(self._item_id)) if state is not None else None

    def _run(self, command: object, *, confirm: str | None = None, done: str | None = None) -> None:
        self.post_message(RunCommand(command, confirm=confirm, done=done))

    def action_open_vote(self) -> None:
        """Open the vote."""
        self._run(OpenVote(), done="The vote is open.")

    def action_cast(self, index: int) -> None:
        """The next voting member in circle order votes CHOICES[index]."""
        name = next_voter(self._state, self._item_id) if self._vote() is not None else None
        if name is None:
            vote = self._vote()
            if vote is not None and vote.opened and not vote.secret and vote.totals is None:
                self.notify("Everyone who may vote has voted (⇧R changes a vote).", markup=False)
                return
            name = ""  # the engine says why not (not open, secret, totals)
        self._run(CastVote(name, CHOICES[index]), done=f"{name}: {CHOICES[index]}")

    def action_cast_as(self) -> None:
        """Pick a voting member, then their vote."""
        item = self._state.items[self._item_id]
        vote = self._vote()
        choices = [
            Choice(n, n, vote.ballots.get(n, "") if vote else "") for n in voters(self._state, item)
        ]

        def chose(name: str | None) -> None:
            if name is None:
                return
            options = [Choice(c, c, "") for c in CHOICES]

            def voted(choice: str | None) -> None:
                if choice is not None:
                    self._run(CastVote(name, choice), done=f"{name}: {choice}")

            self.app.push_screen(PickerScreen(f"{name} votes", options), voted)

        self.app.push_screen(
            PickerScreen("Whose vote?", choices, empty="No voting member may vote now."), chose
        )

    def action_totals(self) -> None:
        """Enter (or correct) the totals of a show of hands."""
        vote = self._vote()
        now = vote.totals if vote is not None and vote.totals is not None else None
        labels = (("for_", "Votes for"), ("against", "Votes against"), ("abstain", "Abstaining"))
        fields = [
            Field(key, label, _count, required=key != "abstain", value=str(now[i]) if now else "")
            for i, (key, label) in enumerate(labels)
        ]

        def filled(values: dict[str, Any] | None) -> None:
            if values is not None:
                counts = (values["for_"], values["against"], values["abstain"] or 0)
                self._run(SetVoteTotals(*counts), done="Totals entered.")

        self.app.push_screen(FormScreen("The count (a show of hands)", fields), filled)

    def action_close_vote(self) -> None:
        """Close the vote, after a confirmation that gives the count."""
        vote = self._vote()
        if vote is None or not vote.opened or vote.closed:
            self._run(CloseVote())  # the engine says why not
            return
        item = self._state.items[self._item_id]
        for_, against, abstain = vote.counts(item.recused)
        self._run(
            CloseVote(),
            confirm=f"Close the vote with {for_} for, {against} against, {abstain} abstaining, "
            "and record the result?",
            done="The vote is closed: its result is recorded.",
        )

    def action_vote_help(self) -> None:
        """F1: the steps of a counted vote."""
        self.app.push_screen(self.help_screen())

    def help_screen(self) -> VoteHelp:
        """What F1 shows while this panel has the focus (the app asks for it)."""
        return VoteHelp()


PANEL = VotePanel
"""The panel the slot mounts for this process's item kinds."""
