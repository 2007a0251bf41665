"""Clocks and counts derived from the state: quorum, talk time, the pace forecast.

Everything here is a pure function of the state and a monotonic `now`; the
screen calls these once a second, so they stay cheap (no replay, no copies).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from facilitator.i18n import _, ngettext

if TYPE_CHECKING:
    from collections.abc import Callable

    from facilitator.core.state import ItemState, MeetingState, Turn


@dataclass(frozen=True)
class QuorumStatus:
    """Voting members present against the agenda's quorum."""

    present: int
    """Voting members present now."""
    members: int
    """Voting members on the agenda."""
    required: int | None
    """The quorum, or None when the agenda sets none."""

    @property
    def met(self) -> bool:
        """Whether quorum is met (always, when there is no quorum rule)."""
        return self.required is None or self.present >= self.required

    @property
    def text(self) -> str:
        """The one wording, everywhere: "5 voting members present, 3 needed"."""
        return quorum_text(self.present, self.required)


def quorum_text(present: int, required: int | None) -> str:
    """How many voting members are present and how many are needed, in the words the
    header, the item panel and the minutes all use."""
    count = ngettext("{n} voting member present", "{n} voting members present", present).format(
        n=present
    )
    if required is None:
        return count
    return _("{count}, {required} needed").format(count=count, required=required)


def quorum(state: MeetingState) -> QuorumStatus:
    """Quorum from the voting members present now."""
    members = [p for p in state.people.values() if p.role == "member"]
    rule = state.agenda.meeting.quorum
    return QuorumStatus(
        present=sum(p.present for p in members),
        members=len(members),
        required=rule.required(len(members)) if rule is not None else None,
    )


def decision_quorum(state: MeetingState, item: ItemState) -> tuple[bool, int, int | None]:
    """(met, voting members present and not recused, required) for a decision on `item`.

    Recused members are present but take no part in the decision, so they do not count.
    """
    q = quorum(state)
    present = sum(
        1
        for p in state.people.values()
        if p.role == "member" and p.present and p.name not in item.recused
    )
    return (q.required is None or present >= q.required, present, q.required)


@dataclass(frozen=True)
class Talk:
    """One person's speaking, summed."""

    name: str
    """Who."""
    turns: int
    """How many turns."""
    seconds: float
    """How long in total."""


def talk(
    state: MeetingState,
    now: float,
    item_id: str | None = None,
    counted: Callable[[Turn], bool] | None = None,
) -> dict[str, Talk]:
    """Turns and seconds per person, for the whole meeting or for one item.

    Everyone on the agenda who is not an observer appears, with zeros when
    silent: the equity view is about who did not speak too. `counted` leaves turns
    out (a shared screen's: none off the record or on a confidential item).
    """
    turns: dict[str, int] = {}
    seconds: dict[str, float] = {}
    for t in state.all_turns():
        if item_id is not None and t.item_id != item_id:
            continue
        if counted is not None and not counted(t):
            continue
        turns[t.name] = turns.get(t.name, 0) + 1
        seconds[t.name] = seconds.get(t.name, 0.0) + t.seconds(now)
    out = {}
    for p in state.people.values():
        if p.role != "observer" or p.name in turns:
            out[p.name] = Talk(p.name, turns.get(p.name, 0), seconds.get(p.name, 0.0))
    return out


def speaker_elapsed(state: MeetingState, now: float) -> float:
    """Seconds the current speaker has held the floor (0 when nobody has it)."""
    return state.speaker.seconds(now) if state.speaker is not None else 0.0


def speaker_over(state: MeetingState, now: float) -> bool:
    """Whether the current speaker is past the agenda's speaker_limit."""
    limit = state.agenda.stack.speaker_limit
    return limit is not None and state.speaker is not None and speaker_elapsed(state, now) > limit


def meeting_elapsed(state: MeetingState, now: float) -> float:
    """Seconds since the meeting started (frozen at its end)."""
    if state.start_mono is None:
        return 0.0
    end = state.end_mono if state.end_mono is not None else now
    return max(0.0, end - state.start_mono)


def planned_total(state: MeetingState) -> int:
    """The planned length: the agenda's duration, else the sum of the items as planned."""
    duration = state.agenda.meeting.duration
    if duration is not None:
        return duration
    return sum(i.original for i in state.items.values() if not i.added_live)


@dataclass(frozen=True)
class Forecast:
    """Where the meeting is heading at the current pace."""

    planned_end: float
    """Seconds from the start at which the meeting should end."""
    projected_end: float
    """Seconds from the start at which it will end if every remaining item takes its timebox."""
    at_risk: tuple[str, ...]
    """Pending items (ids) that would end past the planned end."""

    @property
    def over(self) -> float:
        """Seconds the projection runs past the plan (negative: ahead of plan)."""
        return self.projected_end - self.planned_end


def forecast(state: MeetingState, now: float) -> Forecast:
    """The pace forecast: the current item runs to its timebox (or is already over), then
    every pending item takes its planned time, in running order."""
    t = meeting_elapsed(state, now)
    current = state.current_item
    if current is not None:
        t += max(0.0, current.planned - current.actual(now))
    planned_end = float(planned_total(state))
    at_risk = []
    for item in state.pending():
        t += item.planned
        if t > planned_end + 0.5:
            at_risk.append(item.id)
    return Forecast(planned_end=planned_end, projected_end=t, at_risk=tuple(at_risk))


def minutes_label(seconds: float) -> str:
    """Whole minutes, rounded up from a few seconds over ("0m" only for 0)."""
    return f"{math.ceil(seconds / 60)}m" if seconds > 0 else "0m"
