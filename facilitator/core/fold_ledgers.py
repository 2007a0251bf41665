"""The fold's handlers for the consent process and the ledgers (see `fold.py`).

They fill their own table, `HANDLERS`, which `fold.py` merges with its own:
no registration happens as a side effect of importing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from facilitator.core.events import Event
from facilitator.core.state import (
    Action,
    Conflict,
    Consent,
    ConsentRound,
    Credit,
    Decision,
    Integration,
    ItemState,
    MeetingState,
    Note,
    OffPeriod,
    Response,
)
from facilitator.core.timing import decision_quorum

Handler = Callable[[MeetingState, Event], None]
HANDLERS: dict[str, Handler] = {}
"""Event type -> handler, for the consent process and the ledgers."""


def _on(kind: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn

    return register


def _item(state: MeetingState, event: Event) -> ItemState:
    return state.items[event["item_id"]]


# --- consent ------------------------------------------------------------------------


def _consent(state: MeetingState, e: Event) -> Consent:
    consent = _item(state, e).consent
    assert consent is not None
    return consent


@_on("ConsentStageChanged")
def _stage(state: MeetingState, e: Event) -> None:
    consent = _consent(state, e)
    consent.stage = e["stage"]
    if e["stage"] == "consent" and consent.round is None:
        consent.rounds.append(ConsentRound(version=consent.version))


@_on("ConsentResponse")
def _response(state: MeetingState, e: Event) -> None:
    consent = _consent(state, e)
    if consent.round is None:
        consent.rounds.append(ConsentRound(version=consent.version))
    assert consent.round is not None
    consent.round.responses.append(
        Response(name=e["name"], response=e["response"], reason=e["reason"], counted=e["counted"])
    )


@_on("ConsentByException")
def _by_exception(state: MeetingState, e: Event) -> None:
    consent = _consent(state, e)
    if consent.round is None:
        consent.rounds.append(ConsentRound(version=consent.version))
    assert consent.round is not None
    for name in e["names"]:
        consent.round.responses.append(
            Response(name=name, response=e["response"], reason="", counted=True, by_exception=True)
        )


@_on("ObjectionIntegrated")
def _integrated(state: MeetingState, e: Event) -> None:
    _consent(state, e).integrations.append(
        Integration(name=e["name"], how=e["how"], version=int(e["version"]))
    )


@_on("ProposalAmended")
def _amended(state: MeetingState, e: Event) -> None:
    consent = _consent(state, e)
    consent.versions.append(e["text"])
    consent.version_notes.append(e["note"])
    consent.stage = "consent"
    consent.rounds.append(ConsentRound(version=consent.version))


@_on("ReviewSet")
def _review(state: MeetingState, e: Event) -> None:
    value = e["review"]
    review = dt.date.fromisoformat(value) if value else None
    _consent(state, e).review = review
    for decision in state.decisions:
        if decision.item_id == e["item_id"]:
            decision.review = review


@_on("DecisionRecorded")
def _decision(state: MeetingState, e: Event) -> None:
    item = _item(state, e)
    consent = item.consent
    assert consent is not None
    met, present, required = decision_quorum(state, item)
    last = consent.rounds[-1] if consent.rounds else None
    tally: dict[str, int] = {}
    by_exception = 0
    for r in last.by_name().values() if last else ():
        if r.counted and r.name not in item.recused:
            tally[r.response] = tally.get(r.response, 0) + 1
            by_exception += r.by_exception
    consent.stage = "decided"
    consent.decision_id = e["decision_id"]
    state.decisions.append(
        Decision(
            decision_id=e["decision_id"],
            item_id=item.id,
            title=item.title,
            text=consent.text,
            version=consent.version,
            outcome=e["outcome"],
            note=e["note"],
            rule=str(state.agenda.meeting.decision_rule),
            review=consent.review,
            quorum_met=met,
            voting_present=present,
            quorum_required=required,
            tally=tally,
            by_exception=by_exception,
            confidential=item.confidential,
            at=e.at,
        )
    )


# --- ledgers ------------------------------------------------------------------------


def _confidential(state: MeetingState, item_id: str | None) -> bool:
    item = state.item(item_id)
    return bool(item and item.confidential)


@_on("NoteAdded")
def _note(state: MeetingState, e: Event) -> None:
    _item(state, e).notes.append(Note(note_id=e["note_id"], text=e["text"], at=e.at))


@_on("ActionAdded")
def _action(state: MeetingState, e: Event) -> None:
    state.actions.append(
        Action(
            action_id=e["action_id"],
            item_id=e["item_id"],
            text=e["text"],
            owner=e["owner"],
            due=e["due"],
            confidential=_confidential(state, e["item_id"]),
            off_record=state.off_record,
        )
    )


@_on("ActionStatusSet")
def _action_status(state: MeetingState, e: Event) -> None:
    for action in [*state.actions, *state.carried]:
        if action.action_id == e["action_id"]:
            action.status = e["status"]


@_on("CreditLogged")
def _credit(state: MeetingState, e: Event) -> None:
    state.credits.append(
        Credit(
            credit_id=e["credit_id"],
            item_id=e["item_id"],
            name=e["name"],
            text=e["text"],
            kind=e["kind"],
            confidential=_confidential(state, e["item_id"]),
            off_record=state.off_record,
        )
    )


@_on("ConflictRaised")
def _conflict(state: MeetingState, e: Event) -> None:
    state.conflicts.append(
        Conflict(
            conflict_id=e["conflict_id"],
            item_id=e["item_id"],
            text=e["text"],
            raised_by=e["raised_by"],
            parties=list(e["parties"]),
            confidential=bool(e["confidential"]) or _confidential(state, e["item_id"]),
            next_step=e["next_step"],
            owner=e["owner"],
            off_record=state.off_record,
        )
    )


@_on("ConflictUpdated")
def _conflict_updated(state: MeetingState, e: Event) -> None:
    for c in state.conflicts:
        if c.conflict_id == e["conflict_id"]:
            changes = []
            for key in ("status", "next_step", "owner"):
                if e[key] is not None and e[key] != getattr(c, key):
                    setattr(c, key, e[key])
                    changes.append(f"{key.replace('_', ' ')}: {e[key]}")
            c.history.append(f"{e.at}: " + "; ".join(changes))


@_on("OffRecordSet")
def _off_record(state: MeetingState, e: Event) -> None:
    state.off_record = bool(e["off"])
    if state.off_record:
        open_off_period(state, e.mono)
    else:
        close_off_period(state, e.mono)


def close_off_period(state: MeetingState, mono: float) -> None:
    """End the open off-the-record stretch, if any."""
    if state.off_periods and state.off_periods[-1].end is None:
        state.off_periods[-1].end = mono


def open_off_period(state: MeetingState, mono: float) -> None:
    """Begin an off-the-record stretch on the current item."""
    state.off_periods.append(OffPeriod(item_id=state.current, start=mono))


@_on("Undone")
def _undone(state: MeetingState, e: Event) -> None:  # handled in fold_one / fold_all
    raise AssertionError("Undone is folded by fold_one")
