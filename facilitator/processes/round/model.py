"""The go-around round, pure: its commands, events, decide and fold handlers, and its state.

A round asks everyone present (not observers, not recused) in circle order;
each speaks or passes, and the pointer moves on. It is the panel of "round"
items, and any item can hold one (a proposal's quick reactions are a round with
purpose "reactions"). Its state on an item is `Rounds`, at
`item.process["round"]`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from facilitator.core.errors import DomainError
from facilitator.core.events import payload
from facilitator.core.payloads import Payload
from facilitator.core.rules import Draft, current, person
from facilitator.core.turns import end_turn, here_for, new_turn, pass_turn
from facilitator.i18n import N_, _
from facilitator.processes.round.keys import (
    KEYS as KEYS,
)
from facilitator.processes.round.keys import (
    NAME as NAME,
)
from facilitator.processes.unit import Process

if TYPE_CHECKING:
    from facilitator.core.events import Event
    from facilitator.core.state import ItemState, MeetingState

TURN = "round"
"""The kind of the turns a round gives."""

# --- state --------------------------------------------------------------------------


@dataclass
class GoAround:
    """A round in circle order, with a turn pointer."""

    purpose: str
    """round (a round item), reactions (quick reactions to a proposal)."""
    order: list[str]
    """Who is asked, in order."""
    pointer: int = 0
    """Index into `order` of whose turn it is; len(order) when done."""
    passed: list[str] = field(default_factory=list)
    """Who passed."""
    skipped: list[str] = field(default_factory=list)
    """Who had left (or recused) by the time their turn came, and so was skipped."""
    not_reached: list[str] = field(default_factory=list)
    """Who was still to come when the round was ended early (they did not respond)."""
    joined: list[str] = field(default_factory=list)
    """Who arrived (or came back after being skipped) while the round was going, and was
    added at the end of `order` (someone back is then in it twice: skipped, then asked)."""
    off_record: bool = False
    """Started off the record: private record only."""
    done: bool = False
    """Finished or ended early."""

    @property
    def current(self) -> str | None:
        """Whose turn it is, if the round is still going."""
        return None if self.done or self.pointer >= len(self.order) else self.order[self.pointer]


@dataclass
class Rounds:
    """Every round held on one item."""

    held: list[GoAround] = field(default_factory=list)
    """Oldest first; the last is the current or latest one."""

    @property
    def last(self) -> GoAround | None:
        """The current or latest round."""
        return self.held[-1] if self.held else None


def rounds_of(item: ItemState | None) -> list[GoAround]:
    """Every round held on `item`, oldest first."""
    found = item.process.get(NAME) if item is not None else None
    return found.held if isinstance(found, Rounds) else []


def last_round(item: ItemState | None) -> GoAround | None:
    """The current or latest round on `item`."""
    held = rounds_of(item)
    return held[-1] if held else None


def active_round(state: MeetingState) -> GoAround | None:
    """The round going on the current item, if any."""
    go = last_round(state.current_item)
    return go if go is not None and not go.done else None


# --- commands -----------------------------------------------------------------------


@dataclass(frozen=True)
class StartRound:
    """Start a go-around in circle order, from `start` (default: the first present)."""

    start: str | None = None
    """Who speaks first."""


@dataclass(frozen=True)
class RoundNext:
    """The person on the turn pointer has spoken; move on."""


@dataclass(frozen=True)
class RoundPass:
    """The person on the turn pointer passes; move on."""


@dataclass(frozen=True)
class EndRound:
    """Close the go-around early (the rest are recorded as not reached)."""


# --- decide -------------------------------------------------------------------------


def circle(state: MeetingState, item: ItemState, start: str | None = None) -> list[str]:
    """Who a go-around asks, in circle order from `start`: present, not observers, not recused."""
    names = [
        p.name
        for p in state.people.values()
        if p.present and p.role != "observer" and p.name not in item.recused
    ]
    if not names:
        raise DomainError(_("nobody is marked present to go around"))
    if start is not None:
        first = person(state, start).name
        if first not in names:
            raise DomainError(
                _("{name} is not in this round (absent, observer or recused)").format(name=first)
            )
        i = names.index(first)
        names = names[i:] + names[:i]
    return names


def start_drafts(item: ItemState, order: list[str], purpose: str) -> Draft:
    """The event that starts a round on `item` (also the consent process's reactions round)."""
    return ("RoundStarted", RoundStartedData(item_id=item.id, order=order, purpose=purpose))


def end_drafts(state: MeetingState, purpose: str | None = None) -> list[Draft]:
    """Close the round going on the current item (only one of `purpose`, when given)."""
    go = active_round(state)
    if go is None or (purpose is not None and go.purpose != purpose):
        return []
    return [("RoundEnded", RoundEndedData())]


def _start_round(state: MeetingState, cmd: StartRound) -> list[Draft]:
    item = current(state, _("start a round"))
    if active_round(state) is not None:
        raise DomainError(_("a round is already going: move on with next or pass, or end it"))
    return [start_drafts(item, circle(state, item, cmd.start), "round")]


def _round_step(passed: bool) -> Any:
    def handler(state: MeetingState, cmd: object) -> list[Draft]:
        go = active_round(state)
        if go is None or go.current is None:
            raise DomainError(_("no round is going"))
        return [("RoundAdvanced", RoundAdvancedData(name=go.current, passed=passed))]

    return handler


def _joins(state: MeetingState, name: str, role: str) -> list[Draft] | None:
    """Someone arriving mid-round is asked too: last, after everyone already in the order;
    so is someone back who was skipped while away. Not an observer, nor someone recused
    from the item, nor anyone still to come or already heard."""
    go = active_round(state)
    item = state.current_item
    if go is None or item is None or role == "observer" or name in item.recused:
        return None
    if name in go.order[go.pointer :] or (name in go.order and name not in go.skipped):
        return None
    return [("RoundJoined", RoundJoinedData(item_id=item.id, name=name))]


def _departs(state: MeetingState, name: str) -> list[Draft] | None:
    """The person on the round's turn leaves or recuses: the round moves on at once, and
    they are recorded as skipped (the pointer stayed on them, and only a pass moved it).
    Written before the departure, so the turn the round handed them is dropped, not ended."""
    go = active_round(state)
    item = state.current_item
    if go is None or item is None or go.current != name:
        return None
    return [("RoundSkipped", RoundSkippedData(item_id=item.id, name=name))]


def _end_round(state: MeetingState, cmd: EndRound) -> list[Draft]:
    if active_round(state) is None:
        raise DomainError(_("no round is going"))
    return [("RoundEnded", RoundEndedData())]


def _hand_on(state: MeetingState) -> list[Draft] | None:
    """A round's turn ends by moving the pointer on, as if they had finished."""
    if state.speaker is not None and state.speaker.kind == TURN and active_round(state):
        return [("RoundAdvanced", RoundAdvancedData(name=state.speaker.name, passed=False))]
    return None


def _stop(state: MeetingState) -> list[Draft] | None:
    """Moving on mid-round ends the round: whoever was on the pointer did not respond."""
    if state.speaker is not None and state.speaker.kind == TURN and active_round(state):
        return [("RoundEnded", RoundEndedData())]
    return None


# --- fold ---------------------------------------------------------------------------


def _stops(go: GoAround) -> None:
    """The round ends where its pointer is: whoever was still to come did not respond."""
    go.not_reached += go.order[go.pointer :]
    go.done = True


def _closed(item: ItemState) -> None:
    go = last_round(item)
    if go is not None and not go.done:
        _stops(go)


def _started(state: MeetingState, e: Event) -> None:
    d = payload(e, RoundStartedData)
    item = state.items[d["item_id"]]
    rounds = item.process.setdefault(NAME, Rounds())
    assert isinstance(rounds, Rounds)
    rounds.held.append(
        GoAround(purpose=d["purpose"], order=list(d["order"]), off_record=state.off_record)
    )
    _floor(state, e)


def _floor(state: MeetingState, e: Event) -> None:
    end_turn(state, e.mono)
    item = state.current_item
    go = last_round(item)
    if item is None or go is None:
        return
    # The order was fixed at the start; whoever has since left or recused is passed over.
    while go.current is not None and not here_for(state, item, go.current):
        go.skipped.append(go.current)
        go.pointer += 1
    if go.current is None:
        go.done = True
    else:
        state.stack = [s for s in state.stack if s.name != go.current]
        state.speaker = new_turn(state, e, go.current, TURN)


def _advanced(state: MeetingState, e: Event) -> None:
    d = payload(e, RoundAdvancedData)
    go = last_round(state.current_item)
    assert go is not None
    if d["passed"]:
        go.passed.append(d["name"])
        pass_turn(state, e.mono, TURN)
    go.pointer += 1
    if go.pointer >= len(go.order):
        go.done = True
        end_turn(state, e.mono)
    else:
        _floor(state, e)


def _skipped(state: MeetingState, e: Event) -> None:
    d = payload(e, RoundSkippedData)
    item = state.items[d["item_id"]]
    go = last_round(item)
    if go is None or go.done or go.current != d["name"]:
        return
    go.skipped.append(d["name"])
    go.pointer += 1
    speaker = state.speaker
    if speaker is not None and speaker.kind == TURN and speaker.name == d["name"]:
        # The turn the round handed them is no turn: they did not respond, no talk time.
        state.speaker = None
    if state.speaker is None or state.speaker.kind == TURN:
        _floor(state, e)
        return
    # Someone holds the floor outside the round: the pointer moves, the floor stays theirs.
    while go.current is not None and not here_for(state, item, go.current):
        go.skipped.append(go.current)
        go.pointer += 1
    if go.current is None:
        go.done = True


def _joined(state: MeetingState, e: Event) -> None:
    d = payload(e, RoundJoinedData)
    go = last_round(state.items[d["item_id"]])
    if go is not None and not go.done:
        if d["name"] in go.skipped:
            go.skipped.remove(d["name"])  # back, and asked again: no longer skipped
        go.order.append(d["name"])
        go.joined.append(d["name"])


def _ended(state: MeetingState, e: Event) -> None:
    go = last_round(state.current_item)
    if go is not None:
        # Ending early is not a turn for whoever was on the pointer: they did not respond.
        if state.speaker is not None and state.speaker.kind == TURN:
            state.speaker = None
        _stops(go)


def _wording() -> Mapping[str, Any]:
    return {
        "RoundStarted": lambda e: _("started the round"),
        "RoundAdvanced": lambda e: (
            _("{name} passed in the round") if e["passed"] else _("{name} spoke in the round")
        ).format(name=e["name"]),
        "RoundEnded": lambda e: _("ended the round"),
        "RoundJoined": lambda e: _("added {name} to the end of the round").format(name=e["name"]),
        "RoundSkipped": lambda e: _("moved the round on past {name}").format(name=e["name"]),
    }


# --- payloads: the journal's contract for this process's events (`core/payloads.py`) ---


class RoundStartedData(Payload):
    """ "RoundStarted": a go-around began on an item."""

    item_id: str
    order: list[str]
    """Who is asked, in turn."""
    purpose: str
    """round, or reactions (a proposal's quick reactions)."""


class RoundAdvancedData(Payload):
    """ "RoundAdvanced": the pointer moved on from `name`."""

    name: str
    passed: bool


class RoundEndedData(Payload):
    """ "RoundEnded": the round on the current item ended."""


class RoundSkippedData(Payload):
    """ "RoundSkipped": the person on the round's turn left or recused; it moved on."""

    item_id: str
    name: str


class RoundJoinedData(Payload):
    """ "RoundJoined": someone who arrived mid-round was added at the end of its order."""

    item_id: str
    name: str


PROCESS = Process(
    name=KEYS.name,
    title=N_("Go-around round"),
    kinds=KEYS.kinds,
    commands={
        StartRound: _start_round,
        RoundNext: _round_step(False),
        RoundPass: _round_step(True),
        EndRound: _end_round,
    },
    payloads={
        "RoundStarted": RoundStartedData,
        "RoundAdvanced": RoundAdvancedData,
        "RoundEnded": RoundEndedData,
        "RoundJoined": RoundJoinedData,
        "RoundSkipped": RoundSkippedData,
    },
    folds={
        "RoundStarted": _started,
        "RoundAdvanced": _advanced,
        "RoundEnded": _ended,
        "RoundJoined": _joined,
        "RoundSkipped": _skipped,
    },
    wording=_wording(),
    quiet=frozenset({"RoundJoined", "RoundSkipped"}),
    arrival=_joins,
    departure=_departs,
    hand_on=_hand_on,
    stop=_stop,
    closed=_closed,
)
"""The go-around, as the registry lists it."""
