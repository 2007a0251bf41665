"""Turns at speaking, as the fold moves them: giving, ending and passing.

Shared by the core's own fold (`fold.py`) and the processes' fold handlers (a
round gives the floor in circle order), so both end a turn the same way: the
totals the stack order reads and who spoke on which item are kept in one place.
"""

from __future__ import annotations

from facilitator.core.events import Event
from facilitator.core.state import ItemState, MeetingState, Turn


def end_turn(state: MeetingState, mono: float) -> None:
    """The speaker's turn ends at `mono` (nothing happens when nobody has the floor)."""
    turn = state.speaker
    if turn is not None:
        turn.end = mono
        state.turns.append(turn)
        state.speaker = None
        count, seconds = state.turn_totals.get(turn.name, (0, 0.0))
        state.turn_totals[turn.name] = (count + 1, seconds + turn.seconds(mono))
        state.spoke_on.setdefault(turn.item_id, set()).add(turn.name)


def new_turn(state: MeetingState, e: Event, name: str, kind: str) -> Turn:
    """A turn for `name` starting with event `e`, on the current item."""
    return Turn(
        name=name,
        kind=kind,
        item_id=state.current,
        start=e.mono,
        off_record=state.off_record,
        out_of_order=e.data.get("out_of_order", "") or "",
    )


def pass_turn(state: MeetingState, mono: float, kind: str) -> None:
    """A pass is not a turn: it is logged in order, with no talk time, and counts for nothing
    in the stack order (it never reaches `turn_totals` or `spoke_on`). Only a speaker whose
    turn is of `kind` (the process's own) can pass."""
    turn = state.speaker
    if turn is not None and turn.kind == kind:
        state.turns.append(
            Turn(turn.name, "pass", turn.item_id, mono, mono, off_record=turn.off_record)
        )
        state.speaker = None


def here_for(state: MeetingState, item: ItemState, name: str) -> bool:
    """Whether `name` is present and has not recused from `item`."""
    person = state.person(name)
    return person is not None and person.present and name not in item.recused
