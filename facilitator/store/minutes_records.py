"""The core's records as the minutes hold them: each record once, in `core/records.py`.

The minutes never redefine an action, a credit, a conflict, a decision, a turn, or a
consent round's responses and integrations (the consent process's records, in its
`model.py`). A `MinutesDoc` holds the core's own record, wrapped where the minutes add
something of their own: `Logged` (a ledger entry with the title of the item it came from),
`Registered` (a decision with its register id and counts), `Spoken` (a turn with its
length in whole seconds), `Heard` (a response with the word the body prints), `HeldRound`
(a consent round with its number and the responses the minutes keep) and `Integrated`
(an integration with the objection it met). The wrappers hold copies, so a document built from a state never changes
when the state moves on.

The conversion from `MeetingState` is here too (`actions`, `credits`, `conflicts`,
`decisions`, `turns`), and the few readings of a record that only the minutes make
(`action_what`, `action_due`, `decision_quorum_met`).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from facilitator.core.clock import parse_iso
from facilitator.core.records import Action, Conflict, Credit, Decision, Presence, Turn
from facilitator.core.state import MeetingState
from facilitator.processes.consent.methods import method_named
from facilitator.processes.consent.model import ConsentRound, Integration, Response, consent_of

__all__ = [
    "LEGACY_METHODS",
    "Heard",
    "HeldRound",
    "Integrated",
    "Logged",
    "Registered",
    "Spoken",
    "action_due",
    "action_what",
    "actions",
    "attendance",
    "conflicts",
    "credits",
    "decision_quorum_met",
    "decisions",
    "moment",
    "turns",
]

R = TypeVar("R", Action, Credit, Conflict, Presence)

LEGACY_METHODS = ("consent", "consensus")
"""The methods from before methods: their minutes read exactly as they did then."""


@dataclass(frozen=True)
class Logged(Generic[R]):
    """An action, credit, conflict or attendance entry as the minutes log it: the core's
    record, and where it came from."""

    record: R
    """The core's record (a copy)."""
    item: str | None = None
    """The title of the item it came from (a carried action: the earlier meeting's item)."""
    in_confidential_item: bool = False
    """Raised in (or, for a recusal, from) a confidential item: the shared minutes leave it
    out without a trace."""


@dataclass(frozen=True)
class Registered:
    """A decision as the register and the front matter give it."""

    record: Decision
    """The core's record (a copy)."""
    id: str
    """Stable id: date, circle slug, number ("2026-11-24-general-circle-1")."""
    counts: dict[str, int] = field(default_factory=dict)
    """Counted (non-advisory) responses in the last round, by the front matter's keys."""
    responses: str = ""
    """The register's "Responses" cell for a method other than consent and consensus
    ("4 × Consent, 1 × Objection"); "" for those two, whose cell is built from `counts`."""
    present: int | None = None
    """Voting members present (and not recused) at the decision; None when not known."""


@dataclass(frozen=True)
class Spoken:
    """A turn (or a pass in a round) as the minutes list it."""

    record: Turn
    """The core's record (a copy)."""
    seconds: int
    """How long it lasted, in whole seconds (0 for a pass)."""

    @property
    def passed(self) -> bool:
        """A pass in a round: not a turn, no talk time."""
        return self.record.kind == "pass"


@dataclass(frozen=True)
class Heard:
    """One person's response in a consent or consensus round, as the minutes give it."""

    record: Response
    """The consent process's record (a copy)."""
    word: str
    """The response as the body prints it: consent, concern, stand_aside, object, block,
    a method's position label ("3 · Support with reservations"), or the word followed by
    "(changed later in this round)"."""
    late: bool = False
    """They arrived (or came back) while the round was open, and were asked last."""

    @property
    def advisory(self) -> bool:
        """A guest's response: recorded, not counted."""
        return not self.record.counted


@dataclass(frozen=True)
class HeldRound:
    """One round of responses on one version of the proposal, as the minutes give it."""

    record: ConsentRound
    """The consent process's record (a copy): its `version` is the one the round was on."""
    number: int
    """1-based round number within the item."""
    heard: tuple[Heard, ...] = ()
    """The responses the minutes keep, in the order they were given (one recorded by
    exception and then given in person is the latter only)."""


@dataclass(frozen=True)
class Integrated:
    """How an objection was worked into the proposal."""

    record: Integration
    """The consent process's record (a copy): whose objection, and how it was met."""
    objection: str
    """The objection as stated."""


def action_due(action: Action) -> dt.date | None:
    """The action's due date, when its free-text `due` is a calendar date."""
    try:
        return dt.date.fromisoformat(action.due.strip())
    except ValueError:
        return None


def action_what(action: Action) -> str:
    """What is to be done, as the minutes say it: a due date that is not a calendar date is
    kept beside the text, so no typed word is lost."""
    if not action.due or action_due(action) is not None:
        return action.text
    return f"{action.text} (due: {action.due})"


def moment(at: str | None) -> dt.datetime | None:
    """A UTC ISO stamp as the minutes give times: whole seconds, UTC; None when empty or
    not a time."""
    if not at:
        return None
    try:
        # Whole seconds: the minutes never need milliseconds, and the TOML stays short.
        return parse_iso(at).astimezone(dt.UTC).replace(microsecond=0)
    except ValueError:
        return None


def decision_quorum_met(decision: Decision) -> bool | None:
    """Whether quorum was met at the decision; None when the agenda sets no quorum."""
    return None if decision.quorum_required is None else decision.quorum_met


def secs(value: float) -> int:
    """Seconds rounded to whole ones (never negative)."""
    return int(value + 0.5) if value > 0 else 0


def _title(state: MeetingState) -> Callable[[str | None], str | None]:
    titles = {item_id: item.title for item_id, item in state.items.items()}
    return lambda item_id: titles.get(item_id) if item_id else None


def _in_confidential(state: MeetingState, item_id: str | None) -> bool:
    item = state.items.get(item_id) if item_id else None
    return bool(item and item.confidential)


def actions(state: MeetingState) -> tuple[Logged[Action], ...]:
    """The meeting's actions, then those carried from earlier meetings with the status this
    meeting left them in (so the archive, latest meeting wins, shows it)."""
    title = _title(state)
    live = [Logged(copy.deepcopy(a), title(a.item_id)) for a in state.actions]
    carried = [Logged(copy.deepcopy(a), a.from_item) for a in state.carried]
    return (*live, *carried)


def credits(state: MeetingState) -> tuple[Logged[Credit], ...]:
    """The credit log."""
    title = _title(state)
    return tuple(Logged(copy.deepcopy(c), title(c.item_id)) for c in state.credits)


def conflicts(state: MeetingState) -> tuple[Logged[Conflict], ...]:
    """The conflict log."""
    title = _title(state)
    return tuple(
        Logged(
            copy.deepcopy(k),
            title(k.item_id),
            in_confidential_item=_in_confidential(state, k.item_id),
        )
        for k in state.conflicts
    )


def attendance(state: MeetingState) -> tuple[Logged[Presence], ...]:
    """Arrivals after the start, departures, recusals and returns, in order; a recusal
    carries the title of the item it was from."""
    title = _title(state)
    return tuple(
        Logged(
            copy.deepcopy(a),
            title(a.item_id),
            in_confidential_item=_in_confidential(state, a.item_id),
        )
        for a in state.attendance
    )


def decisions(state: MeetingState, prefix: str) -> tuple[Registered, ...]:
    """The register. Open and confidential decisions are numbered apart, so the shared
    minutes' ids (1, 2, 3, ...) never reveal how many confidential ones there were."""
    from facilitator.store.minutes_frontmatter import old_count_key  # it reads these records

    out = []
    shown = hidden = 0
    for d in state.decisions:
        if d.confidential:
            hidden += 1
            did = f"{prefix}-confidential-{hidden}"
        else:
            shown += 1
            did = f"{prefix}-{shown}"
        # The method with the item's own pass line (fist-to-five), for the old count keys.
        found = consent_of(state.item(d.item_id))
        method = method_named(d.method, found.pass_min if found is not None else None)
        counts: dict[str, int] = {}
        for word, n in d.tally.items():
            key = old_count_key(method, word)
            counts[key] = counts.get(key, 0) + n
        responses = ""
        if d.method not in LEGACY_METHODS:
            labels = {p.key: p.label for p in method.positions}
            responses = ", ".join(
                f"{n} × {labels.get(key, key)}" for key, n in d.positions.items() if n
            )
        out.append(
            Registered(copy.deepcopy(d), did, counts, responses=responses, present=d.voting_present)
        )
    return tuple(out)


def turns(state: MeetingState, item_id: str, now: float) -> tuple[Spoken, ...]:
    """The turns and passes on an item, in the order they happened."""
    return tuple(
        Spoken(copy.deepcopy(t), 0 if t.kind == "pass" else secs(t.seconds(now)))
        for t in state.floor_log()
        if t.item_id == item_id
    )
