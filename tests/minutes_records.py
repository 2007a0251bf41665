"""Minutes records for tests that build a `MinutesDoc` by hand: the core's records, wrapped
as the minutes hold them (`facilitator.store.minutes_records`).

Each factory takes what the minutes say (an action's text and due date, a credit's
"to" and "for") and fills the core record the minutes read it from, so the builders stay
as short as the minutes they describe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from facilitator.core.records import Action, Conflict, Credit, Decision, Turn
from facilitator.processes.consent.model import ConsentRound, Integration, Response
from facilitator.store.minutes_records import (
    Heard,
    HeldRound,
    Integrated,
    Logged,
    Registered,
    Spoken,
)

__all__ = [
    "action",
    "conflict",
    "consent_round",
    "credit",
    "decision",
    "integration",
    "response",
    "turn",
]


def turn(
    name: str,
    seconds: int,
    passed: bool = False,
    out_of_order: str = "",
    off_record: bool = False,
) -> Spoken:
    """A turn of `seconds` (or a pass in a round)."""
    record = Turn(
        name,
        "pass" if passed else "speak",
        None,
        0.0,
        0.0 if passed else float(seconds),
        off_record=off_record,
        out_of_order=out_of_order,
    )
    return Spoken(record, 0 if passed else seconds)


def decision(
    id: str,
    item: str,
    text: str,
    outcome: str,
    rule: str,
    counts: Mapping[str, int] | None = None,
    review: dt.date | None = None,
    confidential: bool = False,
    method: str = "",
    positions: Mapping[str, int] | None = None,
    quorum_met: bool | None = None,
    present: int | None = None,
    by_exception: int = 0,
    responses: str = "",
) -> Registered:
    """A decision in the register; `quorum_met=None` is a meeting without a quorum rule,
    `present=None` a register that does not say how many were present."""
    record = Decision(
        decision_id="D1",
        item_id="item-1",
        title=item,
        text=text,
        version=1,
        outcome=outcome,
        note="",
        rule=rule,
        review=review,
        quorum_met=bool(quorum_met),
        voting_present=present or 0,
        quorum_required=None if quorum_met is None else (present or 0),
        tally=dict(counts or {}),
        by_exception=by_exception,
        confidential=confidential,
        at="",
        method=method,
        positions=dict(positions or {}),
    )
    return Registered(record, id, dict(counts or {}), responses=responses, present=present)


def action(
    what: str,
    owner: str,
    due: dt.date | None = None,
    item: str | None = None,
    status: str = "open",
    confidential: bool = False,
    since: dt.date | None = None,
    off_record: bool = False,
) -> Logged[Action]:
    """An action item, from the item titled `item`."""
    record = Action(
        action_id="A1",
        item_id=None,
        text=what,
        owner=owner,
        due=due.isoformat() if due else "",
        status=status,
        confidential=confidential,
        since=since,
        off_record=off_record,
    )
    return Logged(record, item)


def credit(
    to: str,
    for_: str,
    kind: str,
    item: str | None = None,
    confidential: bool = False,
    off_record: bool = False,
) -> Logged[Credit]:
    """Credit to `to` for `for_`, given in the item titled `item`."""
    record = Credit("C1", None, to, for_, kind, confidential=confidential, off_record=off_record)
    return Logged(record, item)


def conflict(
    about: str,
    raised_by: str,
    parties: tuple[str, ...] = (),
    status: str = "open",
    next_step: str = "",
    owner: str | None = None,
    item: str | None = None,
    confidential: bool = False,
    off_record: bool = False,
    in_confidential_item: bool = False,
) -> Logged[Conflict]:
    """A conflict log entry, raised in the item titled `item`."""
    record = Conflict(
        conflict_id="K1",
        item_id=None,
        text=about,
        raised_by=raised_by,
        parties=list(parties),
        confidential=confidential,
        status=status,
        next_step=next_step,
        owner=owner or "",
        off_record=off_record,
    )
    return Logged(record, item, in_confidential_item=in_confidential_item)


def response(
    name: str,
    response: str,
    reason: str = "",
    advisory: bool = False,
    by_exception: bool = False,
) -> Heard:
    """A response in a consent round, printed as `response`."""
    record = Response(name, response, reason, counted=not advisory, by_exception=by_exception)
    return Heard(record, response)


def consent_round(number: int, version: int, responses: tuple[Heard, ...] = ()) -> HeldRound:
    """Round `number` of an item, on `version` of its text."""
    record = ConsentRound(version, [r.record for r in responses])
    return HeldRound(record, number, responses)


def integration(name: str, objection: str, how: str) -> Integrated:
    """How `name`'s objection was integrated."""
    return Integrated(Integration(name, how, version=1), objection)
