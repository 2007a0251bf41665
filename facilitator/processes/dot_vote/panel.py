"""The dot vote's Textual side: its panel (who is in, and the ranked totals once they may be
seen) and its keys.

The panel draws from the engine state it is handed and never changes it; its keys (`KEYS`,
live while a dot-vote item is current) are its own actions, which post their commands up
to the run screen (`RunCommand`). The rules (who votes, the budget, when the totals may be
seen) are the model's, never redone here: the entry form checks typed counts with the
core's own `allocation`. It
never shows anyone's allocation, on a shared screen or not: the dots are placed in silence,
and only the entry form (typing a voter's dots, or correcting them) holds them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.binding import BindingType

from facilitator.core.errors import DomainError
from facilitator.core.state import MeetingState
from facilitator.i18n import _, ngettext
from facilitator.processes.dot_vote import model as M
from facilitator.processes.dot_vote.panel_keys import KEYS
from facilitator.tui import ask
from facilitator.tui.commands import app_keymap, bindings_of, key_label
from facilitator.tui.fields import Choice, Field
from facilitator.tui.translate import translate_bindings
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_panels import Parts, PartsPanel, join_parts

Label = Callable[[str], str]
"""The key that runs a command now, by command id."""


def _default_label(command_id: str) -> str:
    key = next(k.key for k in KEYS if k.id == command_id)
    return f"⇧{key}" if len(key) == 1 and key.isupper() else key


def _dots(n: int) -> str:
    return ngettext("{n} dot", "{n} dots", n).format(n=n)


def rules_line(settings: M.Settings) -> str:
    """ "3 dots each, at most 2 on one option"."""
    most = settings.max_per_option
    if most is None:
        return _("{dots} each").format(dots=_dots(settings.dots))
    return _("{dots} each, at most {most} on one option").format(
        dots=_dots(settings.dots), most=most
    )


def eligible(state: MeetingState, item_id: str, rnd: M.DotRound | None) -> list[tuple[str, str]]:
    """(name, role) of everyone who may place dots now, and anyone who placed them and has
    since left, in circle order."""
    item = state.items[item_id]
    placed = rnd.placements if rnd is not None else {}
    return [
        (p.name, p.role)
        for p in state.people.values()
        if p.role != "observer" and p.name not in item.recused and (p.present or p.name in placed)
    ]


def dot_vote_parts(state: MeetingState, item_id: str, label: Label = _default_label) -> Parts:
    """The dot vote in parts: where it stands and the totals above, a row per voter (in or
    not, never their dots), the keys below."""
    item = state.items[item_id]
    vote = M.dot_vote_of(item)
    head, foot = Text(), Text()
    rows: list[Text] = []
    current: int | None = None
    if vote is None:
        return Parts(head, rows, current, foot)
    rnd = vote.round
    if rnd is None:
        head.append(_("Dot vote: not opened · "), style="bold")
        head.append(rules_line(vote.settings) + "\n")
        for n, option in enumerate(vote.settings.options, start=1):
            head.append(f" {n}. ")
            head.append(option)
            head.append("\n")
        foot.append(_("{open}: open the vote").format(open=label("open-dot-vote")), style="italic")
        return Parts(head, rows, current, foot)
    waiting = M.waiting_for(state, item, rnd)
    voters = M.voters(state, item)
    counted_in = len(voters) - len(waiting)
    if rnd.number == 1:
        title = _("Dot vote · closed · ") if rnd.closed else _("Dot vote · open · ")
    else:
        title = (
            _("Dot vote · second round, among the tied · closed · ")
            if rnd.closed
            else _("Dot vote · second round, among the tied · open · ")
        )
    head.append(title, style="bold")
    head.append(
        _("{n} of {of} voting members in · {rules}").format(
            n=counted_in, of=len(voters), rules=rules_line(vote.settings)
        )
        + "\n"
    )
    if M.hidden(state, item, rnd):
        head.append(_("Totals hidden until everyone present is in, or you close the round."))
        head.append("\n")
        for n, option in enumerate(rnd.options, start=1):
            head.append(f" {n}. ")
            head.append(option)
            head.append("\n")
    else:
        result = M.ranking(rnd, item)
        for s in result:
            head.append(f" {s.rank}. ", style="bold" if s.rank == 1 and s.dots else "")
            head.append(s.option, style="bold" if s.rank == 1 and s.dots else "")
            head.append(f"  {_dots(s.dots)}")
            if s.advisory:
                head.append(_(" (+{n} advisory)").format(n=s.advisory), style="dim")
            head.append("\n")
        tied = M.top_tie(result) if rnd.closed else ()
        if tied:
            head.append(_("Tied at the top: "), style="bold")
            head.append(", ".join(tied))
            if rnd.number == 1:
                head.append(
                    _(" — {key} holds a second round among them").format(
                        key=label("second-dot-round")
                    )
                )
            else:
                head.append(_(" — still tied: settle it in discussion, note how in the log"))
            head.append("\n")
    for name, role in eligible(state, item_id, rnd):
        row = Text()
        placed = rnd.placements.get(name)
        if placed is not None:
            row.append(" ✓ ")
            row.append(name)
            row.append(_("  in (corrected)") if placed.corrected else _("  in"), style="dim")
        else:
            nxt = current is None and not rnd.closed and name in waiting
            if nxt:
                current = len(rows)
            row.append(" ▶ " if nxt else " ○ ")
            row.append(name, style="bold reverse" if nxt else "")
        if role == "guest":
            row.append(_("  (guest, advisory)"), style="dim")
        rows.append(row)
    if not rnd.closed:
        foot.append(
            _(
                "{next}: next voter's dots · {place}: dots for… · {correct}: correct… · "
                "{close}: close the round"
            ).format(
                next=label("next-voter-dots"),
                place=label("place-dots"),
                correct=label("correct-dots"),
                close=label("close-dot-vote"),
            ),
            style="italic",
        )
    return Parts(head, rows, current, foot)


def dot_vote_text(state: MeetingState, item_id: str, label: Label = _default_label) -> Text:
    """The panel as one text (tests, plain renderings)."""
    return join_parts(dot_vote_parts(state, item_id, label))


def dots_cleaner(state: MeetingState, item_id: str, name: str) -> Callable[[str], dict[str, int]]:
    """Reads a voter's dots typed as counts in the options' order ("2 1" or "2,1,0"), and
    checks them with the core's own rule (`model.allocation`), so the form says what is
    wrong before anything is sent."""

    def clean(typed: str) -> dict[str, int]:
        vote = M.dot_vote_of(state.items[item_id])
        rnd = vote.round if vote is not None else None
        if vote is None or rnd is None:
            raise ValueError(_("the dot vote is not open"))
        parts = typed.replace(",", " ").split()
        if len(parts) > len(rnd.options):
            raise ValueError(
                _("{n} counts for {options} options").format(n=len(parts), options=len(rnd.options))
            )
        counts: dict[str, int] = {}
        for option, part in zip(rnd.options, parts, strict=False):
            if not part.isdigit():
                raise ValueError(_("{part} is not a whole number of dots").format(part=repr(part)))
            counts[option] = int(part)
        try:
            return M.allocation(vote.settings, rnd, name, counts)
        except DomainError as exc:
            raise ValueError(str(exc)) from None

    return clean


def typed_counts(rnd: M.DotRound, dots: Mapping[str, int]) -> str:
    """A voter's dots as the form takes them ("2 1 0"), to correct them."""
    return " ".join(str(dots.get(o, 0)) for o in rnd.options)


class DotVotePanel(PartsPanel):
    """The dot vote of the current dot-vote item: it draws who is in and the totals once
    they may be seen, and owns the keys; every action ends in `self.run(command)`, and the
    engine says why not when it makes no sense now."""

    AREA = M.NAME
    BINDINGS: ClassVar[list[BindingType]] = bindings_of(KEYS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    def _parts(self, state: Any, item: ItemView) -> Parts:
        keymap = app_keymap(self)
        return dot_vote_parts(state, item.item_id, lambda c: key_label(c, keymap))

    def _vote(self) -> tuple[MeetingState, str, M.DotVote] | None:
        state, item = self.state, self.item
        if state is None or item is None:
            return None
        vote = M.dot_vote_of(state.items.get(item.item_id))
        return (state, item.item_id, vote) if vote is not None else None

    def action_open_vote(self) -> None:
        """Open the dot vote."""
        self.run(M.OpenDotVote(), done=_("The dot vote is open."))

    def action_next_voter(self) -> None:
        """The dots of the next voting member not yet in (circle order)."""
        found = self._vote()
        rnd = found[2].round if found else None
        if found is None or rnd is None or rnd.closed:
            self.run(M.PlaceDots("", {}))  # the engine says why not
            return
        state, item_id = found[0], found[1]
        waiting = M.waiting_for(state, state.items[item_id], rnd)
        if not waiting:
            self.notify(_("Every voting member present is in: O closes the round."), markup=False)
            return
        self._enter(waiting[0], correct=False)

    @work
    async def action_place_dots(self) -> None:
        """The dots of a person you choose (those not yet in come first)."""
        found = self._vote()
        rnd = found[2].round if found else None
        if found is None or rnd is None:
            self.run(M.PlaceDots("", {}))  # the engine says why not
            return
        state, item_id = found[0], found[1]
        people = [
            Choice(name, name, _("guest, advisory") if role == "guest" else "")
            for name, role in eligible(state, item_id, rnd)
            if name not in rnd.placements
        ]
        name = await ask.pick(
            self.app, _("Whose dots?"), people, empty=_("Everyone present has placed their dots.")
        )
        if name is not None:
            self._enter(name, correct=False)

    @work
    async def action_correct_dots(self) -> None:
        """Correct the dots a person placed in the open round."""
        found = self._vote()
        rnd = found[2].round if found else None
        if found is None or rnd is None:
            self.run(M.CorrectDots("", {}))  # the engine says why not
            return
        people = [Choice(n, n, "") for n in rnd.placements]
        name = await ask.pick(
            self.app, _("Correct whose dots?"), people, empty=_("Nobody has placed dots yet.")
        )
        if name is not None:
            self._enter(name, correct=True)

    @work
    async def _enter(self, name: str, correct: bool) -> None:
        """The entry form: one line of counts in the options' order, checked as typed."""
        found = self._vote()
        rnd = found[2].round if found else None
        if found is None or rnd is None:
            return
        state, item_id, vote = found
        listed = " · ".join(f"{n}. {o}" for n, o in enumerate(rnd.options, start=1))
        placed = rnd.placements.get(name)
        field = Field(
            "dots",
            _("{options} — counts in this order ({rules})").format(
                options=listed, rules=rules_line(vote.settings)
            ),
            clean=dots_cleaner(state, item_id, name),
            required=False,
            placeholder=_("e.g. 2 1 (the rest get none)"),
            value=typed_counts(rnd, placed.dots) if placed is not None else "",
        )
        title = (_("Correct {name}'s dots") if correct else _("{name}'s dots")).format(name=name)
        values = await ask.form(self.app, title, [field])
        if values is None:
            return
        dots = values["dots"] or {}
        command = M.CorrectDots(name, dots) if correct else M.PlaceDots(name, dots)
        total = sum(dots.values())
        done = ngettext("{name}: {n} dot placed.", "{name}: {n} dots placed.", total)
        self.run(command, done=done.format(name=name, n=total))

    def action_close_vote(self) -> None:
        """Close the round; asks first when someone present has not placed their dots."""
        found = self._vote()
        rnd = found[2].round if found else None
        waiting = M.waiting_for(found[0], found[0].items[found[1]], rnd) if found and rnd else []
        if waiting and rnd is not None and not rnd.closed:
            n = len(waiting)
            names = ", ".join(waiting[:5]) + (", …" if n > 5 else "")
            question = ngettext(
                "{n} voting member present has not placed dots ({names}). Close the round "
                "anyway? They are recorded as placing none.",
                "{n} voting members present have not placed dots ({names}). Close the round "
                "anyway? They are recorded as placing none.",
                n,
            ).format(n=n, names=names)
            self.run(M.CloseDotVote(), confirm=question, done=_("Round closed: the totals show."))
        else:
            self.run(M.CloseDotVote(), done=_("Round closed: the totals show."))

    def action_second_round(self) -> None:
        """One second round among the options tied at the top."""
        self.run(M.SecondDotRound(), done=_("Second round open, among the tied options."))


PANEL = DotVotePanel
"""The panel the slot mounts for this process's item kinds."""
