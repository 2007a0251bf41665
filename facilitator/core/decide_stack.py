"""Deciding the speaking-stack commands: queue, withdraw, give the floor, end a turn.

A turn a process gave (a round's) ends through that process (`Process.hand_on`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from facilitator.core import commands as C
from facilitator.core import payloads as P
from facilitator.core.errors import DomainError
from facilitator.core.events import Event
from facilitator.core.rules import (
    Draft,
    arrive_if_absent,
    may_take_part,
    person,
    text,
)
from facilitator.core.stack import KINDS, ordered
from facilitator.core.state import MeetingState
from facilitator.i18n import N_, _, translator, using
from facilitator.processes import PROCESSES

# --- speaking stack -----------------------------------------------------------------


def _queue(state: MeetingState, cmd: C.Queue) -> list[Draft]:
    if cmd.kind not in KINDS:
        raise DomainError(
            _("{kind!r} is not a stack entry; use one of: {kinds}").format(
                kind=cmd.kind, kinds=", ".join(KINDS)
            )
        )
    who = person(state, cmd.name)
    may_take_part(state, who, state.current_item)
    if any(e.kind == cmd.kind for e in state.waiting(who.name)):
        raise DomainError(
            _("{name} is already waiting ({kind})").format(name=who.name, kind=_(KINDS[cmd.kind]))
        )
    to = None
    if cmd.kind == "direct":
        if state.speaker is None:
            raise DomainError(_("nobody has the floor, so there is nothing to respond to directly"))
        if state.speaker.name == who.name:
            raise DomainError(
                _("{name} has the floor: a direct response is to someone else").format(
                    name=who.name
                )
            )
        to = state.speaker.name
    return [
        *arrive_if_absent(state, who),
        ("SpeakerQueued", P.SpeakerQueued(name=who.name, kind=cmd.kind, to=to)),
    ]


def _withdraw(state: MeetingState, cmd: C.Withdraw) -> list[Draft]:
    who = person(state, cmd.name)
    entries = state.waiting(who.name)
    if not entries:
        raise DomainError(_("{name} is not in the stack").format(name=who.name))
    return [("SpeakerWithdrawn", P.SpeakerWithdrawn(name=who.name, kind=entries[-1].kind))]


# --- the members' inbox: hands raised on devices, waiting for the facilitator's key ------


def _raise_hand(state: MeetingState, cmd: C.RaiseHand) -> list[Draft]:
    if cmd.kind not in KINDS:
        raise DomainError(
            _("{kind!r} is not a stack entry; use one of: {kinds}").format(
                kind=cmd.kind, kinds=", ".join(KINDS)
            )
        )
    who = person(state, cmd.name)
    may_take_part(state, who, state.current_item)
    if state.hand_of(who.name) is not None:
        raise DomainError(_("{name}'s hand is already up").format(name=who.name))
    if state.waiting(who.name):
        raise DomainError(_("{name} is already in the stack").format(name=who.name))
    return [("HandRaised", P.HandRaised(name=who.name, kind=cmd.kind))]


def _lower_hand(state: MeetingState, cmd: C.LowerHand) -> list[Draft]:
    hand = state.hand_of(cmd.name)
    if hand is None:
        raise DomainError(_("{name} has no hand waiting to be accepted").format(name=cmd.name))
    return [("HandLowered", P.HandLowered(name=hand.name))]


def _accept_hand(state: MeetingState, cmd: C.AcceptHand) -> list[Draft]:
    if not state.hands:
        raise DomainError(_("no hands are waiting in the inbox"))
    hand = state.hands[0]
    try:
        queued = _queue(state, C.Queue(hand.name, hand.kind))
    except DomainError as exc:
        raise DomainError(
            _("{name}'s hand cannot join the stack: {why}").format(name=hand.name, why=exc)
        ) from exc
    return [("HandAccepted", P.HandAccepted(name=hand.name)), *queued]


def _give_floor(state: MeetingState, cmd: C.GiveFloor) -> list[Draft]:
    # The reasons go into the journal, which keeps its data in English (the screen says
    # them again in its own language from `ordered`).
    with using(translator(None)):
        placed = ordered(state)
    if cmd.name is None:
        if not placed:
            raise DomainError(_("nobody is waiting to speak"))
        first = placed[0]
        return [
            (
                "FloorGiven",
                P.FloorGiven(name=first.entry.name, kind=first.entry.kind, reason=first.reason),
            )
        ]
    who = person(state, cmd.name)
    may_take_part(state, who, state.current_item)
    if state.speaker is not None and state.speaker.name == who.name:
        raise DomainError(_("{name} already has the floor").format(name=who.name))
    mine = next((p for p in placed if p.entry.name == who.name), None)
    kind = mine.entry.kind if mine else "speak"
    # English, for the journal (above); not shown from there.
    reason = "chosen by the facilitator" + (f" (was waiting: {mine.reason})" if mine else "")
    return [
        *arrive_if_absent(state, who),
        ("FloorGiven", P.FloorGiven(name=who.name, kind=kind, reason=reason)),
    ]


def _out_of_order(state: MeetingState, cmd: C.GiveFloorOutOfOrder) -> list[Draft]:
    who = person(state, cmd.name)
    may_take_part(state, who, state.current_item)
    if state.speaker is not None and state.speaker.name == who.name:
        raise DomainError(_("{name} already has the floor").format(name=who.name))
    placed = ordered(state)
    if placed and placed[0].entry.name == who.name:
        raise DomainError(
            _("{name} is next in the stack anyway: n gives them the floor").format(name=who.name)
        )
    reason = text(cmd.reason, N_("the reason for giving the floor out of order"))
    mine = next((p for p in placed if p.entry.name == who.name), None)
    data: P.FloorGiven = {
        "name": who.name,
        "kind": mine.entry.kind if mine else "speak",
        "reason": f"out of order: {reason}",
        "out_of_order": reason,
    }
    return [*arrive_if_absent(state, who), ("FloorGiven", data)]


def _end_turn(state: MeetingState, cmd: C.EndTurn) -> list[Draft]:
    if state.speaker is None:
        raise DomainError(_("nobody has the floor"))
    for process in PROCESSES:
        handed = process.hand_on(state)
        if handed is not None:
            return handed
    return [("TurnEnded", P.TurnEnded(name=state.speaker.name))]


STACK: dict[type, Callable[[MeetingState, Any], list[Draft]]] = {
    C.Queue: _queue,
    C.Withdraw: _withdraw,
    C.RaiseHand: _raise_hand,
    C.LowerHand: _lower_hand,
    C.AcceptHand: _accept_hand,
    C.GiveFloor: _give_floor,
    C.GiveFloorOutOfOrder: _out_of_order,
    C.EndTurn: _end_turn,
}
"""Command type -> decider, for the speaking stack."""

_KIND = {"speak": N_("speak"), "process": N_("process"), "direct": N_("direct")}
_KIND |= {"clarify": N_("clarify")}
"""A stack entry's kind in the history's short form ("queued Ana Lima (speak)")."""


def _kind(e: Event) -> str:
    kind = str(e["kind"])
    return _(_KIND[kind]) if kind in _KIND else kind


WORDING: dict[str, Callable[[Event], str]] = {
    "SpeakerQueued": lambda e: _("queued {name} ({kind})").format(name=e["name"], kind=_kind(e)),
    "SpeakerWithdrawn": lambda e: _("withdrew {name}").format(name=e["name"]),
    "HandRaised": lambda e: _("{name} raised a hand on their device ({kind})").format(
        name=e["name"], kind=_kind(e)
    ),
    "HandLowered": lambda e: _("took {name}'s hand out of the inbox").format(name=e["name"]),
    "HandAccepted": lambda e: _("accepted {name}'s hand from the inbox").format(name=e["name"]),
    "FloorGiven": lambda e: (
        _("gave the floor to {name} out of order")
        if e.data.get("out_of_order")
        else _("gave the floor to {name}")
    ).format(name=e["name"]),
    "TurnEnded": lambda e: _("ended {name}'s turn").format(name=e["name"]),
}
"""Event type -> how undo and the history describe it, for the stack's events."""
