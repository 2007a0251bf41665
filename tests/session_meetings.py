"""Meetings driven through the real engine `Session` (FakeClock, MemorySink) for the minutes tests.

- `governance_meeting()`: one scripted meeting touching every part of the minutes.
- `typed_meeting(strings)`: a scripted meeting whose every typed text comes from
  `strings`; returns where each string went (one-line or multi-line field).

Random meetings for the privacy tests are in `canary_meetings.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.errors import DomainError
from facilitator.core.prose import prose
from facilitator.core.rules import canonical
from facilitator.core.session import MemorySink, Session
from facilitator.processes.consent.model import consent_of

WALL = dt.datetime(2026, 12, 3, 19, 0, tzinfo=dt.UTC)

GOVERNANCE: dict[str, Any] = {
    "meeting": {
        "title": "General Circle — governance",
        "circle": "General Circle",
        "date": "2026-12-03",
        "location": "Common house, room 2",
        "facilitator": "Jamal Price",
        "notetaker": "Lin Zhou",
        "timekeeper": "Tomás Herrera",
        "quorum": "2/3",
    },
    "participants": [
        {"name": "Jamal Price"},
        {"name": "Lin Zhou"},
        {"name": "Tomás Herrera"},
        {"name": "Priya Raman"},
        {"name": "Sam Kowalski", "priority": True},
        {"name": "Ines Duarte", "role": "guest"},
        {"name": "Ola Observer", "role": "observer"},
    ],
    "items": [
        {"title": "Opening round", "kind": "round", "duration": 5},
        {"title": "Consent to the agenda", "duration": 5},
        {
            "title": "Adopt the guest-room booking policy",
            "kind": "proposal",
            "duration": "30m",
            "owner": "Operations circle",
            "proposal": "Residents book the guest room through the shared calendar,\n"
            "at most 7 nights in a row.",
            "review": "2027-07-01",
        },
        {"title": "Select a delegate", "duration": "20m"},
        {
            "title": "Reserve fund target",
            "kind": "proposal",
            "duration": "20m",
            "proposal": "We set the reserve fund target at 12%.",
        },
        {"title": "Closing round", "kind": "round", "duration": 5},
    ],
}


class Driver:
    """A Session on a FakeClock, with a sink that keeps the journal records."""

    def __init__(self, agenda: Agenda, wall: dt.datetime = WALL) -> None:
        self.agenda = agenda
        self.clock = FakeClock(wall=wall)
        self.sink = MemorySink()
        self.session = Session(agenda, self.sink, self.clock)

    def do(self, command: Any, wait: float = 30.0) -> None:
        """Move the clock by `wait` seconds, then run `command` (it must succeed)."""
        self.clock.advance(wait)
        self.session.do(command)

    def attempt(self, command: Any, wait: float = 30.0) -> bool:
        """Like `do`, but a command the engine refuses is just skipped."""
        self.clock.advance(wait)
        try:
            self.session.do(command)
        except DomainError:
            return False
        return True


def governance_meeting(*, end: bool = True) -> Driver:
    """A full meeting: round, consent with objection and amendment, a live confidential item,
    skipped and deferred items, a late arrival and an early leaver, an undo."""
    d = Driver(Agenda.model_validate(GOVERNANCE))
    d.do(C.StartMeeting(present=("Jamal Price", "Lin Zhou", "Tomás Herrera", "Priya Raman")))
    d.do(C.StartItem())
    d.do(C.StartRound())
    for wait in (40, 50, 60):
        d.do(C.RoundNext(), wait)
    d.do(C.RoundPass(), 5)
    d.do(C.AddNote("All well; Sam is late | on a train"))
    d.do(C.AddNote("A typo to take back"))
    d.do(C.Undo())
    d.do(C.StartItem())
    d.do(C.Arrive("Sam Kowalski"))
    d.do(C.AddNote("Agenda consented"))
    d.do(C.StartItem())
    d.do(C.ConsentStage("clarify"))
    d.do(C.Queue("Priya Raman", "clarify"))
    d.do(C.GiveFloor())
    d.do(C.EndTurn(), 70)
    d.do(C.Respond("Jamal Price", "consent"))
    d.do(C.Respond("Lin Zhou", "object", "7 nights is *too* long"))
    d.do(C.Respond("Tomás Herrera", "concern", "who cleans?"))
    d.do(C.Respond("Priya Raman", "consent"))
    d.do(C.Respond("Sam Kowalski", "stand aside", "new here"))
    d.do(C.Respond("Ines Duarte", "concern", "guests need a say"))
    d.do(C.Integrate("Lin Zhou", "cap at 5 nights"))
    d.do(C.Amend("Residents book the guest room,\nat most 5 nights in a row.", "Lin's cap"))
    for name in ("Jamal Price", "Lin Zhou", "Tomás Herrera", "Priya Raman", "Sam Kowalski"):
        d.do(C.Respond(name, "consent"), 10)
    d.do(C.Respond("Tomás Herrera", "concern", "cleaning rota"))
    d.do(C.ExtendTimebox(300, "more questions"))
    d.do(C.RecordOutcome("adopted-with-concerns", "review with the rota"))
    d.do(C.AddAction("Publish the policy", "Jamal Price", "2027-01-01"))
    d.do(C.AddAction("Tell residents", "Lin Zhou", "next week"))
    d.do(C.LogCredit("Lin Zhou", "Drafted the cap", "idea"))
    d.do(C.RaiseConflict("Cleaning rota", ("Tomás Herrera", "Lin Zhou"), "Tomás Herrera"))
    d.do(
        C.UpdateConflict(
            "K1", status="in-progress", next_step="Talk it through", owner="Jamal Price"
        )
    )
    d.do(C.AddItem("Staff grievance", 600, confidential=True))
    d.do(C.StartItem())
    d.do(C.AddNote("Heard both sides; mediation offered"))
    d.do(C.Recuse("Priya Raman", "friend of the person"))
    d.do(C.Queue("Lin Zhou"))
    d.do(C.GiveFloor())
    d.do(C.EndTurn(), 200)
    d.do(C.AddAction("Book the mediator", "Jamal Price"))
    d.do(C.RaiseConflict("Pay scale dispute", ("Lin Zhou",), "Jamal Price"))
    d.do(C.FinishItem())
    d.do(C.RaiseConflict("Hidden matter", ("Sam Kowalski",), "Lin Zhou", confidential=True))
    d.do(C.StartItem())  # Select a delegate
    d.do(C.Queue("Sam Kowalski"))
    d.do(C.GiveFloor())
    if not end:
        d.clock.advance(45)  # Sam is still speaking: the draft counts up to the last event
        return d
    d.do(C.EndTurn(), 45)
    d.do(C.SkipItem("item-5", "no time"))
    d.do(C.DeferItem("item-6", "next month"))
    d.do(C.Leave("Sam Kowalski"))
    d.do(C.EndMeeting())
    return d


# ---- typed strings ------------------------------------------------------------------------


@dataclasses.dataclass
class Typed:
    """Where the strings of `typed_meeting` went."""

    inline: list[str] = dataclasses.field(default_factory=list)
    """Strings placed in one-line fields (titles, names, reasons, table cells)."""
    block: list[str] = dataclasses.field(default_factory=list)
    """Strings placed in multi-line fields (notes, proposal versions)."""


def _required(s: str) -> str:
    # The engine refuses blank text where text is required; keep the string, visibly.
    return s if s.strip() else f"({s})"


def _unique_names(strings: list[str], n: int) -> list[str]:
    names: list[str] = []
    for s in strings:
        s = s.strip()
        if s and s.casefold() not in {x.casefold() for x in names}:
            names.append(s)
        if len(names) == n:
            return names
    for k in itertools.count(1):
        filler = f"Person {k}"
        if filler.casefold() not in {x.casefold() for x in names}:
            names.append(filler)
        if len(names) == n:
            return names
    raise AssertionError("unreachable")


def typed_meeting(strings: list[str]) -> tuple[Driver, Typed]:
    """A scripted meeting whose agenda and every typed text come from `strings` (cycled).

    It places 67 strings from the pool, plus 5 participant names taken from it.
    Skip and defer reasons and the decision's note are kept as notes, so they
    count as multi-line text.
    """
    pool = itertools.cycle(strings or [""])
    where = Typed()

    def one(required: bool = True) -> str:
        s = next(pool)
        s = _required(s) if required else s
        where.inline.append(s)
        return s

    def many(required: bool = True) -> str:
        s = next(pool)
        s = _required(s) if required else s
        where.block.append(s)
        return s

    def proposal() -> str:
        # A proposal from the agenda reads as prose (issue 9): single line
        # breaks are the editor's wrapping, so the minutes hold `prose(s)`, every word intact.
        s = many()
        where.block[-1] = prose(s)
        return s

    names = _unique_names(strings, 5)
    where.inline += names
    agenda = Agenda.model_validate(
        {
            "meeting": {
                "title": one(),
                "circle": one(),
                "location": one(),
                "facilitator": names[0],
                "notetaker": names[1],
                "timekeeper": names[2],
                "quorum": 3,
            },
            "participants": [{"name": n} for n in names[:4]]
            + [{"name": names[4], "role": "guest"}],
            "items": [
                {"title": one(), "kind": "round", "duration": 5, "owner": one()},
                {
                    "title": one(),
                    "kind": "proposal",
                    "duration": 20,
                    "owner": one(),
                    "proposal": proposal(),
                },
                {"title": one(), "duration": 10, "confidential": True},
                {"title": one(), "duration": 10},
                {"title": one(), "kind": "proposal", "duration": 10, "proposal": proposal()},
            ],
        }
    )
    d = Driver(agenda)
    state = d.session.state
    member = names[:4]

    def who(s: str) -> str:
        # Free-text names that match a participant are stored as the agenda spells them.
        stored = canonical(state, s)
        where.inline[-1] = stored
        return stored

    d.do(C.StartMeeting(present=tuple(names)))
    d.do(C.StartItem())
    d.do(C.Recuse(member[3], one(required=False)))
    d.do(C.StartRound())
    d.do(C.RoundNext(), 40)
    d.do(C.RoundPass(), 5)
    for _ in range(5):
        d.do(C.AddNote(many()))
    d.do(C.ExtendTimebox(60, one()))
    d.do(C.StartItem())
    d.do(C.Queue(member[1], "clarify"))
    d.do(C.GiveFloor())
    d.do(C.EndTurn(), 50)
    d.do(C.ExtendTimebox(120, one()))
    d.do(C.Respond(member[0], "object", one()))
    d.do(C.Respond(member[1], "concern", one(required=False)))
    d.do(C.Respond(names[4], "consent", one(required=False)))
    d.do(C.Integrate(member[0], one()))
    text = many()
    amended = consent_of(state.items["item-2"])
    if amended is not None and text.strip() == amended.text:
        where.block[-1] = text = text + " (amended)"
    d.do(C.Amend(text, one(required=False)))
    for name in member:
        d.do(C.Respond(name, "consent", one(required=False)), 5)
    d.do(C.Respond(member[2], "stand-aside", one(required=False)))
    d.do(C.RecordOutcome("adopted", many(required=False)))  # a stand-aside is no concern
    for _ in range(3):
        d.do(C.AddAction(one(), who(one()), one(required=False)))
    for kind in ("idea", "work", "care"):
        d.do(C.LogCredit(who(one()), one(), kind))
    for _ in range(2):
        parties = (who(one()), who(one()))
        d.do(C.RaiseConflict(one(), parties, who(one()), next_step=one(), owner=who(one())))
    d.do(C.AddItem(one(), 300, kind="proposal", owner=one(), proposal=many()))
    d.do(C.StartItem("item-3"))  # the confidential item (the added one came first)
    for _ in range(3):
        d.do(C.AddNote(many()))
    d.do(C.SkipItem("item-4", many(required=False)))
    d.do(C.DeferItem("item-5", many(required=False)))
    d.do(C.EndMeeting())
    return d, where
