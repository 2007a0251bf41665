"""Deciding the talking commands: the speaking stack, rounds and the consent process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from facilitator.core import commands as C
from facilitator.core import consent as K
from facilitator.core.errors import DomainError
from facilitator.core.rules import (
    Draft,
    arrive_if_absent,
    current,
    may_take_part,
    on_record,
    person,
    text,
)
from facilitator.core.stack import KINDS, ordered
from facilitator.core.state import Consent, GoAround, ItemState, MeetingState

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
        ("SpeakerQueued", {"name": who.name, "kind": cmd.kind, "to": to}),
    ]


def _withdraw(state: MeetingState, cmd: C.Withdraw) -> list[Draft]:
    who = person(state, cmd.name)
    entries = state.waiting(who.name)
    if not entries:
        raise DomainError(f"{who.name} is not in the stack")
    return [("SpeakerWithdrawn", {"name": who.name, "kind": entries[-1].kind})]


def _give_floor(state: MeetingState, cmd: C.GiveFloor) -> list[Draft]:
    placed = ordered(state)
    if cmd.name is None:
        if not placed:
            raise DomainError("nobody is waiting to speak")
        first = placed[0]
        return [
            (
                "FloorGiven",
                {"name": first.entry.name, "kind": first.entry.kind, "reason": first.reason},
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
        ("FloorGiven", {"name": who.name, "kind": kind, "reason": reason}),
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
    data = {
        "name": who.name,
        "kind": mine.entry.kind if mine else "speak",
        "reason": f"out of order: {reason}",
        "out_of_order": reason,
    }
    return [*arrive_if_absent(state, who), ("FloorGiven", data)]


def _end_turn(state: MeetingState, cmd: C.EndTurn) -> list[Draft]:
    if state.speaker is None:
        raise DomainError("nobody has the floor")
    go = _active_round(state)
    if go is not None and state.speaker.kind == "round":
        return [("RoundAdvanced", {"name": state.speaker.name, "passed": False})]
    return [("TurnEnded", {"name": state.speaker.name})]


# --- rounds -------------------------------------------------------------------------


def circle(state: MeetingState, item: ItemState, start: str | None = None) -> list[str]:
    """Who a go-around asks, in circle order from `start`: present, not observers, not recused."""
    names = [
        p.name
        for p in state.people.values()
        if p.present and p.role != "observer" and p.name not in item.recused
    ]
    if not names:
        raise DomainError("nobody is marked present to go around")
    if start is not None:
        first = person(state, start).name
        if first not in names:
            raise DomainError(f"{first} is not in this round (absent, observer or recused)")
        i = names.index(first)
        names = names[i:] + names[:i]
    return names


def _active_round(state: MeetingState) -> GoAround | None:
    item = state.current_item
    go = item.go_around if item else None
    return go if go is not None and not go.done else None


def _start_round(state: MeetingState, cmd: C.StartRound) -> list[Draft]:
    item = current(state, "start a round")
    if _active_round(state) is not None:
        raise DomainError("a round is already going: move on with next or pass, or end it")
    order = circle(state, item, cmd.start)
    return [("RoundStarted", {"item_id": item.id, "order": order, "purpose": "round"})]


def _round_step(passed: bool) -> Callable[[MeetingState, Any], list[Draft]]:
    def handler(state: MeetingState, cmd: object) -> list[Draft]:
        go = _active_round(state)
        if go is None or go.current is None:
            raise DomainError("no round is going")
        return [("RoundAdvanced", {"name": go.current, "passed": passed})]

    return handler


def _end_round(state: MeetingState, cmd: C.EndRound) -> list[Draft]:
    if _active_round(state) is None:
        raise DomainError("no round is going")
    return [("RoundEnded", {})]


# --- consent ------------------------------------------------------------------------


def _proposal(state: MeetingState) -> tuple[ItemState, Consent]:
    item = current(state, "run the consent process")
    if item.consent is None:
        raise DomainError(f"{item.title!r} is not a proposal item")
    if item.consent.stage == "decided":
        raise DomainError("this proposal is already decided (undo to reopen it)")
    return item, item.consent


def _end_reactions(state: MeetingState) -> list[Draft]:
    """Moving on from the quick reactions closes their round."""
    go = _active_round(state)
    return [("RoundEnded", {})] if go is not None and go.purpose == "reactions" else []


def _stage(state: MeetingState, cmd: C.ConsentStage) -> list[Draft]:
    item, consent = _proposal(state)
    if cmd.stage not in K.STAGES:
        raise DomainError(f"{cmd.stage!r} is not a stage; use one of: {', '.join(K.STAGES)}")
    if cmd.stage == consent.stage:
        raise DomainError(f"the proposal is already at: {K.STAGE_LABELS[cmd.stage]}")
    out: list[Draft] = [
        *_end_reactions(state),
        ("ConsentStageChanged", {"item_id": item.id, "stage": cmd.stage}),
    ]
    if cmd.stage == "reactions" and _active_round(state) is None:
        out.append(
            (
                "RoundStarted",
                {"item_id": item.id, "order": circle(state, item), "purpose": "reactions"},
            )
        )
    return out


def _respond(state: MeetingState, cmd: C.Respond) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, "a consent response")
    rule = str(state.agenda.meeting.decision_rule)
    who = person(state, cmd.name)
    may_take_part(state, who, item)
    response = K.normalize(rule, cmd.response)
    reason = cmd.reason.strip()
    if response in K.BLOCKING and not reason:
        raise DomainError(
            f"{'a block' if response == 'block' else 'an objection'} needs its reason"
        )
    out: list[Draft] = list(arrive_if_absent(state, who))
    if consent.stage != "consent":
        out += _end_reactions(state)
        out.append(("ConsentStageChanged", {"item_id": item.id, "stage": "consent"}))
    out.append(
        (
            "ConsentResponse",
            {
                "item_id": item.id,
                "version": consent.version,
                "name": who.name,
                "response": response,
                "reason": reason,
                "counted": who.role == "member",
            },
        )
    )
    return out


def _by_exception(state: MeetingState, cmd: C.ConsentByException) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, "a consent round")
    rule = str(state.agenda.meeting.decision_rule)
    response = K.normalize(rule, cmd.response)
    if response != K.VOCABULARY[rule][0]:
        raise DomainError(
            f"by exception, those not yet heard give {K.VOCABULARY[rule][0]}; "
            "record any other response person by person"
        )
    names = list(K.tally(state, consent, item.id).missing)
    if not names:
        raise DomainError("every voting member present has already responded")
    out: list[Draft] = []
    if consent.stage != "consent":
        out += _end_reactions(state)
        out.append(("ConsentStageChanged", {"item_id": item.id, "stage": "consent"}))
    data = {"item_id": item.id, "version": consent.version, "names": names, "response": response}
    return [*out, ("ConsentByException", data)]


def _integrate(state: MeetingState, cmd: C.Integrate) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, "integrating an objection")
    who = person(state, cmd.name)
    objected = [
        rnd.version
        for rnd in consent.rounds
        for r in rnd.responses
        if r.name == who.name and r.response in K.BLOCKING
    ]
    if not objected:
        raise DomainError(f"{who.name} has not objected to this proposal")
    how = text(cmd.how, "how the objection was integrated")
    out: list[Draft] = []
    if consent.stage != "integrate":
        out.append(("ConsentStageChanged", {"item_id": item.id, "stage": "integrate"}))
    out.append(
        (
            "ObjectionIntegrated",
            {"item_id": item.id, "name": who.name, "how": how, "version": objected[-1]},
        )
    )
    return out


def _amend(state: MeetingState, cmd: C.Amend) -> list[Draft]:
    item, consent = _proposal(state)
    on_record(state, "amending the proposal")
    new = text(cmd.text, "the amended proposal")
    if new == consent.text:
        raise DomainError("the amended text is the same as the current version")
    return [
        *_end_reactions(state),
        (
            "ProposalAmended",
            {
                "item_id": item.id,
                "version": consent.version + 1,
                "text": new,
                "note": cmd.note.strip(),
            },
        ),
    ]


def _outcome(state: MeetingState, cmd: C.RecordOutcome) -> list[Draft]:
    item, consent = _proposal(state)
    if state.off_record:
        raise DomainError(
            "a decision cannot be taken off the record: go back on the record (o), "
            "then record the outcome"
        )
    outcome = cmd.outcome.strip().lower().replace(" ", "-")
    K.check_outcome(outcome, K.tally(state, consent, item.id))
    return [
        (
            "DecisionRecorded",
            {
                "decision_id": f"D{len(state.decisions) + 1}",
                "item_id": item.id,
                "outcome": outcome,
                "note": cmd.note.strip(),
            },
        )
    ]


def _review(state: MeetingState, cmd: C.SetReview) -> list[Draft]:
    item = current(state, "set a review date")
    on_record(state, "a review date")
    if item.consent is None:
        raise DomainError(f"{item.title!r} is not a proposal item")
    # Any date is taken, one before the meeting too (minutes typed up later); the screen
    # warns about it. Refusing dates before *today* made past-dated meetings unusable.
    value = cmd.review.isoformat() if cmd.review else None
    return [("ReviewSet", {"item_id": item.id, "review": value})]


TALK: dict[type, Callable[[MeetingState, Any], list[Draft]]] = {
    C.Queue: _queue,
    C.Withdraw: _withdraw,
    C.GiveFloor: _give_floor,
    C.GiveFloorOutOfOrder: _out_of_order,
    C.EndTurn: _end_turn,
    C.StartRound: _start_round,
    C.RoundNext: _round_step(False),
    C.RoundPass: _round_step(True),
    C.EndRound: _end_round,
    C.ConsentStage: _stage,
    C.Respond: _respond,
    C.ConsentByException: _by_exception,
    C.Integrate: _integrate,
    C.Amend: _amend,
    C.RecordOutcome: _outcome,
    C.SetReview: _review,
}
"""Command type -> decider, for the talking commands."""
