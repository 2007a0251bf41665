"""An agenda and meeting states for the layout tests and snapshots: a 60-person room with
two same-prefix names, a long proposal and its longer version 2, a confidential item."""

from __future__ import annotations

from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda

WHITFIELD = "Board member: Maria Fernanda Alvarez-Whitfield"
WHITCOMBE = "Board member: Maria Fernanda Alvarez-Whitcombe"

FIRST = [
    "Amara", "Bilal", "Carmen", "Dmitri", "Esi", "Fatima", "Gustavo", "Hyun", "Ines",
    "Jomo", "Kaia", "Lars", "Mei", "Nadia", "Oren", "Priya", "Quentin", "Rosa", "Sione",
    "Tariq", "Uma", "Vikram", "Wanjiru", "Xochitl", "Yusuf", "Zanele", "Aiko", "Bruno",
]  # fmt: skip
LAST = ["Okoye", "Rahman", "Soto", "Volkov", "Asante", "Zahra", "Pereira", "Kim"]

LONG_PROPOSAL = (
    "The co-op adopts the 2027 budget as circulated on 12 November, with the solidarity "
    "fund at five percent of dues, the repair reserve raised to eight thousand, and the "
    "board reporting to the assembly on both funds every quarter until the end of 2027."
)
VERSION_2 = (
    LONG_PROPOSAL
    + " Amended: the repair reserve is reviewed in June by the housing working group, "
    "who publish their figures two weeks before the assembly votes on them, unabridged."
)
"""Version 2 ends in a word found nowhere else ("unabridged"): it must be visible or reachable."""


def people(n: int) -> list[dict[str, Any]]:
    """`n` people: the two board members first, then made-up names."""
    out: list[dict[str, Any]] = [{"name": WHITFIELD}, {"name": WHITCOMBE}]
    i = 0
    while len(out) < n:
        out.append({"name": f"{FIRST[i % len(FIRST)]} {LAST[i // len(FIRST)]}"})
        i += 1
    return out


def agenda(n: int = 12) -> Agenda:
    """A meeting of `n`: a check-in round, the long proposal, a confidential item, and more."""
    return Agenda.model_validate(
        {
            "meeting": {"title": "Spring assembly", "circle": "Members", "quorum": 2},
            "stack": {"speaker_limit": "2m"},
            "participants": people(n),
            "items": [
                {"title": "Check-in round", "kind": "round", "duration": 15},
                {
                    "title": "Adopt the 2027 budget and the repair reserve",
                    "kind": "proposal",
                    "duration": 30,
                    "owner": "Bilal Okoye",
                    "proposal": LONG_PROPOSAL,
                },
                {
                    "title": "Member hardship loan request",
                    "kind": "discussion",
                    "duration": 10,
                    "confidential": True,
                    "notes": "Only the facilitator reads this note before the item.",
                },
                {"title": "Education working group report", "kind": "report", "duration": 10},
                {"title": "Announcements and close", "kind": "round", "duration": 5},
            ],
        }
    )


async def start(pilot: Any) -> None:
    """Take the roll (everyone present) and start the check-in round."""
    await pilot.press("N")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def do(pilot: Any, *commands: Any) -> None:
    """Record commands through the run screen, as its keys would."""
    for command in commands:
        assert pilot.app.screen.do(command), command


def to_proposal(pilot: Any) -> None:
    """Finish the check-in; the proposal is the current item."""
    do(pilot, C.StartItem())


__all__ = ["C"]
