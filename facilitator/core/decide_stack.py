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
from facilitator.processes import PROCESSES

# --- speaking stack -----------------------------------------------------------------


def _queue(state: MeetingState, cmd: C.Queue) -> list[Draft]:
    if cmd.kind not in KINDS:
        raise DomainError(f"{cmd.kind!r} is not a stack entry; use one of: {', '.join(KINDS)}")
    who = person(state, cmd.name)
    may_take_part(state, who, state.current_item)
    if any(e.kind == cmd.kind for e in state.waiting(who.name)):
        raise DomainError(f"{who.name} is already waiting ({KINDS[cmd.kind]})")
    to = None
    if cmd.kind == "direct":
        if state.speaker is None:
            raise DomainError("nobody has the floor, so there is nothing to respond to directly")
        if state.speaker.name == who.name:
            raise DomainError(f"{who.name} has the floor: a direct response is to someone else")
        to = state.speaker.name
    return [
        *arrive_if_absent(state, who),
        ("SpeakerQueued", P.SpeakerQueued(name=who.name, kind=cmd.kind, to=to)),
    ]


def _withdraw(state: MeetingState, cmd: C.Withdraw) -> list[Draft]:
    who = person(state, cmd.name)
    entries = state.waiting(who.name)
    if not entries:
        raise DomainError(f"{who.name} is not in the stack")
    return [("SpeakerWithdrawn", P.SpeakerWithdrawn(name=who.name, kind=entries[-1].kind))]


# --- the members' inbox: hands raised on devices, waiting for the facilitator's key ------


def _raise_hand(state: MeetingState, cmd: C.RaiseHand) -> list[Draft]:
    if cmd.kind not in KINDS:
        raise DomainError(f"{cmd.kind!r} is not a stack entry; use one of: {', '.join(KINDS)}")
    who = person(state, cmd.name)
    may_take_part(state, who, state.current_item)
    if state.hand_of(who.name) is not None:
        raise DomainError(f"{who.name}'s hand is already up")
    if state.waiting(who.name):
        raise DomainError(f"{who.name} is already in the stack")
    return [("HandRaised", P.HandRaised(name=who.name, kind=cmd.kind))]


def _lower_hand(state: MeetingState, cmd: C.LowerHand) -> list[Draft]:
    hand = state.hand_of(cmd.name)
    if hand is None:
        raise DomainError(f"{cmd.name} has no hand waiting to be accepted")
    return [("HandLowered", P.HandLowered(name=hand.name))]


def _accept_hand(state: MeetingState, cmd: C.AcceptHand) -> list[Draft]:
    if not state.hands:
        raise DomainError("no hands are waiting in the inbox")
    hand = state.hands[0]
    try:
        queued = _queue(state, C.Queue(hand.name, hand.kind))
    except DomainError as exc:
        raise DomainError(f"{hand.name}'s hand cannot join the stack: {exc}") from exc
    return [("HandAccepted", P.HandAccepted(name=hand.name)), *queued]


def _give_floor(state: MeetingState, cmd: C.GiveFloor) -> list[Draft]:
    placed = ordered(state)
    if cmd.name is None:
        if not placed:
            raise DomainError("nobody is waiting to speak")
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
        raise DomainError(f"{who.name} already has the floor")
    mine = next((p for p in placed if p.entry.name == who.name), None)
    kind = mine.entry.kind if mine else "speak"
    reason = "chosen by the facilitator" + (f" (was waiting: {mine.reason})" if mine else "")
    return [
        *arrive_if_absent(state, who),
        ("FloorGiven", P.FloorGiven(name=who.name, kind=kind, reason=reason)),
    ]


def _out_of_order(state: MeetingState, cmd: C.GiveFloorOutOfOrder) -> list[Draft]:
    who = person(state, cmd.name)
    may_take_part(state, who, state.current_item)
    if state.speaker is not None and state.speaker.name == who.name:
        raise DomainError(f"{who.name} already has the floor")
    placed = ordered(state)
    if placed and placed[0].entry.name == who.name:
        raise DomainError(f"{who.name} is next in the stack anyway: n gives them the floor")
    reason = text(cmd.reason, "the reason for giving the floor out of order")
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
        raise DomainError("nobody has the floor")
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

WORDING: dict[str, Callable[[Event], str]] = {
    "SpeakerQueued": lambda e: f"queued {e['name']} ({e['kind']})",
    "SpeakerWithdrawn": lambda e: f"withdrew {e['name']}",
    "HandRaised": lambda e: f"{e['name']} raised a hand on their device ({e['kind']})",
    "HandLowered": lambda e: f"took {e['name']}'s hand out of the inbox",
    "HandAccepted": lambda e: f"accepted {e['name']}'s hand from the inbox",
    "FloorGiven": lambda e: (
        f"gave the floor to {e['name']}" + (" out of order" if e.data.get("out_of_order") else "")
    ),
    "TurnEnded": lambda e: f"ended {e['name']}'s turn",
}
"""Event type -> how undo and the history describe it, for the stack's events."""
