"""Random meetings through the real Session, every confidential text a unique canary word.

`canary_meeting(rng, n)` drives the engine with random commands (those it
refuses are skipped). Whatever is typed in a confidential context (an item
marked confidential, a conflict raised as confidential, anything typed while the
meeting is off the record) is a fresh canary, and nothing else is, so any canary
found in the shared minutes is a leak.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable
from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.processes.consent.model import consent_of
from tests.session_meetings import Driver

OPEN_PEOPLE = ("Ana Lima", "Bo Tran", "Chen Wu", "Dee Okafor")


def canary_agenda(rng: random.Random, canary: Callable[[], str]) -> Agenda:
    """3-6 items, each confidential with probability 0.4 (its texts are canaries)."""
    items = []
    for k in range(rng.randint(3, 6)):
        secret = rng.random() < 0.4
        kind = rng.choice(["discussion", "proposal", "round", "report"])
        item: dict[str, Any] = {
            "title": canary() if secret else f"Open item {k + 1}",
            "kind": kind,
            "duration": rng.randint(1, 30),
            "confidential": secret,
        }
        if kind == "proposal":
            item["proposal"] = canary() if secret else "We do the open thing."
        if rng.random() < 0.5:
            item["owner"] = canary() if secret else "Ana Lima"
        items.append(item)
    return Agenda.model_validate(
        {
            "meeting": {"title": "Open meeting", "circle": "GC", "quorum": 2},
            "participants": [{"name": n} for n in OPEN_PEOPLE]
            + [{"name": "Gus Guest", "role": "guest"}],
            "items": items,
        }
    )


def canary_meeting(rng: random.Random, n: int) -> tuple[Driver, list[str]]:
    """A random meeting; every text typed in a confidential context is a fresh canary.

    Returns the driver and every canary used (some end up undone or replaced).
    """
    canaries: list[str] = []

    def canary() -> str:
        c = f"Zq{n}x{len(canaries)}k"
        canaries.append(c)
        return c

    d = Driver(canary_agenda(rng, canary))
    state = d.session.state
    people = [*OPEN_PEOPLE, "Gus Guest"]
    d.do(C.StartMeeting(present=tuple(rng.sample(people, rng.randint(2, 5)))))

    opened = itertools.count(1)
    walk_ins = itertools.count(1)

    def text() -> str:
        item = state.current_item
        secret = state.off_record or (item is not None and item.confidential)
        return canary() if secret else f"open words {next(opened)}"

    def objector() -> str:
        item = state.current_item
        rounds = c.rounds if (c := consent_of(item)) is not None else []
        names = [r.name for rnd in rounds for r in rnd.responses if r.response == "object"]
        return rng.choice(names) if names else pick()

    def pick() -> str:
        return rng.choice(people)

    def drop(how: type[C.SkipItem] | type[C.DeferItem]) -> Any:
        # A pending item, or the current one; the reason is secret when that item is.
        ids = [i.id for i in state.pending()]
        target = state.item(rng.choice(ids)) if ids and rng.random() < 0.7 else state.current_item
        reason = canary() if target is not None and target.confidential else "open reason"
        return how(target.id if target is not None else None, reason)

    def consent_all() -> None:
        item = state.current_item
        for name in people:
            if consent_of(item) is not None:
                d.attempt(C.Respond(name, rng.choice(["consent", "consent", "concern"]), text()), 5)
        d.attempt(C.RecordOutcome(rng.choice(["adopted", "adopted-with-concerns"]), text()))

    moves: list[Callable[[], Any]] = [
        lambda: C.StartItem(),
        lambda: C.StartItem(),
        lambda: C.FinishItem(),
        lambda: drop(C.SkipItem),
        lambda: drop(C.DeferItem),
        lambda: C.AddItem(
            canary() if (secret := rng.random() < 0.5) else "Open live item",
            rng.randint(60, 900),
            kind="proposal",
            owner=canary() if secret else None,
            proposal=canary() if secret else "Open live proposal.",
            confidential=secret,
        ),
        lambda: C.Queue(pick(), rng.choice(["speak", "speak", "clarify", "process"])),
        lambda: C.GiveFloor(),
        lambda: C.GiveFloor(),
        lambda: C.EndTurn(),
        lambda: C.StartRound(),
        lambda: C.RoundNext(),
        lambda: C.RoundPass(),
    ]
    consent_moves: list[Callable[[], Any]] = [
        lambda: C.Respond(
            pick(), rng.choice(["consent", "concern", "stand-aside", "object"]), text()
        ),
        lambda: C.Integrate(objector(), text()),
        lambda: C.Amend(text(), text()),
        lambda: C.ConsentStage(rng.choice(["clarify", "reactions", "consent", "integrate"])),
        lambda: C.RecordOutcome(rng.choice(["not-adopted", "deferred", "withdrawn"]), text()),
        lambda: C.SetReview(dt.date(2027, 1, rng.randint(1, 28))),
    ]
    moves += [
        *consent_moves,
        lambda: C.AddNote(text()),
        lambda: C.AddNote(text()),
        lambda: C.AddAction(text(), text() if rng.random() < 0.3 else pick(), text()),
        lambda: C.SetActionStatus(f"A{rng.randint(1, 4)}", rng.choice(["done", "dropped"])),
        lambda: C.LogCredit(pick(), text(), rng.choice(["idea", "work", "care"])),
        lambda: C.RaiseConflict(text(), (pick(), text()), pick(), next_step=text(), owner=pick()),
        lambda: C.RaiseConflict(
            canary(), (pick(), canary()), canary(), True, next_step=canary(), owner=canary()
        ),
        lambda: C.UpdateConflict(f"K{rng.randint(1, 3)}", status="resolved"),
        lambda: C.Recuse(pick(), text()),
        lambda: C.ExtendTimebox(rng.randint(30, 300), text()),
        lambda: C.PauseItem(),
        lambda: C.ResumeItem(),
        lambda: C.Arrive(pick()),
        lambda: C.Leave(pick()),
        lambda: C.SetOffRecord(rng.random() < 0.5),
        lambda: C.SetOffRecord(rng.random() < 0.5),
        lambda: C.GiveFloorOutOfOrder(pick(), text()),
        lambda: C.ConsentByException(),
        lambda: C.AddParticipant(
            f"Walk In {next(walk_ins)}", rng.choice(["guest", "member"]), "Open org"
        ),
        lambda: C.Undo(),
    ]
    for _ in range(rng.randint(30, 80)):
        item = state.current_item
        proposal = consent_of(item) is not None
        if proposal and rng.random() < 0.15:
            consent_all()
            continue
        pool = consent_moves if proposal and rng.random() < 0.5 else moves
        d.attempt(rng.choice(pool)(), rng.uniform(1, 120))
    if rng.random() < 0.8:
        d.attempt(C.EndMeeting())
    return d, canaries
