"""The records a meeting state is made of: people, stack entries, turns, items and the
ledgers (each meeting process keeps its own state records in its `model.py`). Plain mutable dataclasses, advanced only by the fold (`fold.py`);
everyone else reads them. `MeetingState` itself lives in `state.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.core.agenda_types import Kind


@dataclass
class Attendee:
    """One participant's place in this meeting."""

    name: str
    """As the agenda spells it."""
    role: str
    """member, guest or observer."""
    priority: bool
    """Centred by the circle's agreement (progressive stack)."""
    key: str
    """Quick-pick key ("" for observers)."""
    present: bool = False
    """Here now."""
    attended: bool = False
    """Was present at some point."""
    arrived_late: bool = False
    """First arrived after the start."""
    left: bool = False
    """Left before the end (and did not come back)."""
    org: str = ""
    """The organization they speak for, if any."""
    walk_in: bool = False
    """Added during the meeting (not on the agenda)."""


@dataclass
class Presence:
    """One entry of the attendance record: an arrival, departure, recusal or return."""

    name: str
    """Who."""
    event: str
    """arrived (after the start), left, recused or returned (after leaving)."""
    at: str
    """When (UTC ISO)."""
    item_id: str | None = None
    """For a recusal: the item."""
    reason: str = ""
    """For a recusal: why, as typed."""


@dataclass
class OffPeriod:
    """One stretch of the meeting off the record."""

    item_id: str | None
    """The item running when it began (None between items)."""
    start: float
    """Monotonic start."""
    end: float | None = None
    """Monotonic end; None while still off the record."""

    def seconds(self, now: float) -> float:
        """How long it lasted (or has lasted so far, at `now`)."""
        return max(0.0, (self.end if self.end is not None else now) - self.start)


@dataclass
class Entry:
    """A waiting entry on the speaking stack."""

    name: str
    """Who."""
    kind: str
    """speak, process, direct or clarify."""
    number: int
    """Arrival order on the stack over the meeting (smaller = earlier)."""
    to: str | None = None
    """For a direct response: whom it answers."""


@dataclass
class Hand:
    """A hand raised on a member's device, waiting in the inbox for the facilitator's key
    (`member_hands = "inbox"`): journalled, so a resume still has it."""

    name: str
    """Who."""
    kind: str
    """speak, process, direct or clarify: what they asked for."""


@dataclass
class Turn:
    """One turn at speaking."""

    name: str
    """Who."""
    kind: str
    """speak, process, direct, clarify, round, or pass (a pass in a round: no turn at all)."""
    item_id: str | None
    """The item it was on (None before the first item)."""
    start: float
    """Monotonic start."""
    end: float | None = None
    """Monotonic end; None while speaking."""
    off_record: bool = False
    """Taken off the record: kept out of the shared minutes."""
    out_of_order: str = ""
    """The facilitator gave this floor out of stack order, for this reason."""

    def seconds(self, now: float) -> float:
        """How long it lasted (or has lasted so far, at `now`)."""
        return max(0.0, (self.end if self.end is not None else now) - self.start)


@dataclass
class Note:
    """A note on an item."""

    note_id: str
    """"N1", "N2", …"""
    text: str
    """As typed."""
    at: str
    """When (UTC ISO)."""


@dataclass
class ItemState:
    """One agenda item as the meeting runs it."""

    id: str
    """"item-1", … in agenda order; live additions continue the numbering."""
    title: str
    """Title."""
    kind: Kind
    """An `ItemKind` (round, report, discussion, proposal or break) or a process's kind
    (vote, selection, dot-vote): one of `agenda_types.item_kinds()`."""
    planned: int
    """Planned seconds, including extensions."""
    original: int
    """Planned seconds before any extension."""
    owner: str | None = None
    """Presenter."""
    prep: str | None = None
    """The agenda's prep notes for the facilitator."""
    confidential: bool = False
    """Kept out of the shared minutes."""
    standing: bool = False
    """A standing item (comes back every meeting)."""
    added_live: bool = False
    """Added during the meeting."""
    status: str = "pending"
    """pending, running, paused, done, skipped or deferred."""
    elapsed: float = 0.0
    """Seconds counted up to the last start/pause."""
    since: float | None = None
    """Monotonic reading the clock runs from while running."""
    started_at: str | None = None
    """Wall time it first started."""
    ended_at: str | None = None
    """Wall time it was finished, skipped or deferred."""
    reason: str = ""
    """Why it was skipped or deferred."""
    extensions: list[tuple[int, str]] = field(default_factory=list)
    """(seconds, reason) per extension."""
    recused: dict[str, str] = field(default_factory=dict)
    """Who recused from it, with their reason."""
    notes: list[Note] = field(default_factory=list)
    """Notes taken on it."""
    process: dict[str, object] = field(default_factory=dict)
    """The state of each meeting process run on it, by process name (`facilitator.processes`):
    "consent" for a proposal, "round" once a round was held. Read through each process's own
    accessor (`consent_of`, `rounds_of`), which checks the type."""

    def actual(self, now: float) -> float:
        """Seconds spent on it, at monotonic `now`."""
        return self.elapsed + (max(0.0, now - self.since) if self.since is not None else 0.0)


@dataclass
class Decision:
    """A proposal's outcome, as the decisions register keeps it."""

    decision_id: str
    """"D1", "D2", … in this meeting."""
    item_id: str
    """The proposal item."""
    title: str
    """The item's title."""
    text: str
    """The proposal text decided on (latest version)."""
    version: int
    """Which version."""
    outcome: str
    """adopted, adopted-with-concerns, not-adopted, deferred or withdrawn."""
    note: str
    """The facilitator's note."""
    rule: str
    """The method it was decided by (before methods: consent or consensus)."""
    review: dt.date | None
    """Review date."""
    quorum_met: bool
    """Whether the voting members present (not recused) met quorum."""
    voting_present: int
    """Voting members present and not recused."""
    quorum_required: int | None
    """The quorum, or None when the agenda sets none."""
    tally: dict[str, int]
    """Counted responses of the last round, by response."""
    by_exception: int
    """How many of those were recorded by exception ("everyone not yet heard consents")."""
    confidential: bool
    """From a confidential item."""
    at: str
    """When."""
    method: str = "consent"
    """The method it was decided by (`processes/consent/methods.py`)."""
    positions: dict[str, int] = field(default_factory=dict)
    """Every position of the method (its minutes key) -> voting members who took it in the
    last round, zeros included."""
    concerns: tuple[tuple[str, str], ...] = ()
    """S3: the concerns given (who, what), to consider after the agreement."""


@dataclass
class Action:
    """An action item."""

    action_id: str
    """"A1", …"""
    item_id: str | None
    """The item it came from."""
    text: str
    """What."""
    owner: str
    """Who."""
    due: str
    """By when (free text)."""
    status: str = "open"
    """open, done or dropped."""
    confidential: bool = False
    """From a confidential item."""
    since: dt.date | None = None
    """Carried from an earlier meeting (the agenda's `[[actions]]`): the date it was first recorded."""
    from_item: str | None = None
    """Carried: the title of the earlier meeting's item it came from."""
    off_record: bool = False
    """Recorded off the record: private record only."""


@dataclass
class Credit:
    """Credit for a contribution."""

    credit_id: str
    """"C1", …"""
    item_id: str | None
    """The item."""
    name: str
    """To whom."""
    text: str
    """For what."""
    kind: str
    """idea, work or care."""
    confidential: bool = False
    """From a confidential item."""
    off_record: bool = False
    """Logged off the record: private record only."""


@dataclass
class Conflict:
    """A conflict the circle is holding."""

    conflict_id: str
    """"K1", …"""
    item_id: str | None
    """The item it was raised on."""
    text: str
    """About what."""
    raised_by: str
    """Who raised it."""
    parties: list[str]
    """Who is involved."""
    confidential: bool
    """Kept out of the shared minutes (also when raised on a confidential item)."""
    status: str = "open"
    """open, in-progress or resolved."""
    next_step: str = ""
    """What happens next."""
    owner: str = ""
    """Who carries the next step."""
    history: list[str] = field(default_factory=list)
    """One line per update."""
    off_record: bool = False
    """Raised off the record: private record only."""
