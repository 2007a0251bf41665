"""What the minutes say, as plain frozen data: the bridge between the meeting state and Markdown.

`minutes_view.build(state)` fills a `MinutesDoc` from core's `MeetingState`;
`redact(doc)` makes the shared version; the front matter and the body are then
pure functions of a `MinutesDoc`. Keeping this step separate means the privacy
rule lives in one small function (`redact`) that tests can check on its own,
and the Markdown writers never need to know which parts were confidential.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from facilitator.core.history import UndoneAct

__all__ = [
    "CONFIDENTIAL_CONFLICT_LINE",
    "CONFIDENTIAL_ITEM_LINE",
    "Action",
    "Conflict",
    "ConsentRecord",
    "ConsentRound",
    "Credit",
    "Decision",
    "Extension",
    "Integration",
    "ItemRecord",
    "MinutesDoc",
    "Response",
    "TalkEntry",
    "Turn",
    "Version",
    "has_confidential",
    "redact",
]

CONFIDENTIAL_ITEM_LINE = "Confidential item: recorded in the private record"
"""The one neutral line that stands in for a confidential item in shared minutes."""
CONFIDENTIAL_CONFLICT_LINE = "Confidential conflict entry: recorded in the private record"
"""The one neutral line that stands in for a confidential conflict entry."""


@dataclass(frozen=True)
class Extension:
    """A timebox extension granted during an item."""

    seconds: int
    """How much time was added."""
    reason: str = ""
    """Why, as typed."""


@dataclass(frozen=True)
class Turn:
    """One speaking turn, in the order turns were taken."""

    name: str
    """Who spoke."""
    seconds: int
    """How long the turn lasted."""


@dataclass(frozen=True)
class Version:
    """One version of a proposal's text: the original (number 1) or an amendment."""

    number: int
    """1 for the text as proposed, then 2, 3, ... per amendment."""
    text: str
    """The full text of this version."""
    note: str = ""
    """Why it was amended, or which objection the amendment integrates."""


@dataclass(frozen=True)
class Response:
    """One person's response in a consent or consensus round."""

    name: str
    """Who responded."""
    response: str
    """consent, concern, stand_aside, object, block, ..."""
    reason: str = ""
    """The reason they gave, as typed."""
    advisory: bool = False
    """A guest's response: recorded, not counted."""


@dataclass(frozen=True)
class ConsentRound:
    """One round of responses on one version of the proposal."""

    number: int
    """1-based round number within the item."""
    version: int
    """Which version of the text the round was on."""
    responses: tuple[Response, ...] = ()
    """Responses in the order they were given."""


@dataclass(frozen=True)
class Integration:
    """How an objection was worked into the proposal."""

    name: str
    """Whose objection."""
    objection: str
    """The objection as stated."""
    how: str
    """What was changed or agreed to resolve it."""


@dataclass(frozen=True)
class ConsentRecord:
    """The whole consent (or consensus) process of one proposal item."""

    rule: str
    """consent or consensus."""
    versions: tuple[Version, ...]
    """The text as proposed, then each amendment."""
    rounds: tuple[ConsentRound, ...] = ()
    """Every round of responses."""
    integrations: tuple[Integration, ...] = ()
    """How each objection was integrated."""
    outcome: str | None = None
    """adopted, adopted-with-concerns, not-adopted, deferred, withdrawn; None while open."""
    review: dt.date | None = None
    """When the decision comes up for review."""
    quorum_met: bool | None = None
    """Whether quorum held when the decision was recorded (None: no quorum rule)."""


@dataclass(frozen=True)
class ItemRecord:
    """One agenda item as it ran."""

    id: str
    """The stable item id ("item-1", ...)."""
    title: str
    """The item's title."""
    kind: str
    """round, report, discussion, proposal or break."""
    status: str
    """done, skipped, deferred, running, paused, or pending (not reached)."""
    planned_seconds: int
    """The timebox from the agenda (before extensions)."""
    actual_seconds: int | None = None
    """Time spent, when the item was started."""
    confidential: bool = False
    """Kept out of the shared minutes."""
    owner: str | None = None
    """Who presented it."""
    added: bool = False
    """Added during the meeting rather than planned."""
    extensions: tuple[Extension, ...] = ()
    """Timebox extensions granted."""
    notes: tuple[str, ...] = ()
    """Notes taken, in order."""
    turns: tuple[Turn, ...] = ()
    """Speaking turns, in order."""
    recused: tuple[str, ...] = ()
    """Who stepped out of this item (conflict of interest)."""
    consent: ConsentRecord | None = None
    """The consent process, for a proposal."""


@dataclass(frozen=True)
class Decision:
    """A decision for the register and the front matter."""

    id: str
    """Stable id: date, circle slug, number ("2026-11-24-general-circle-1")."""
    item: str
    """The title of the item it was made in."""
    text: str
    """The text as finally consented."""
    outcome: str
    """adopted, adopted-with-concerns, not-adopted, deferred or withdrawn."""
    rule: str
    """consent or consensus."""
    counts: dict[str, int] = field(default_factory=dict)
    """Counted (non-advisory) responses in the last round, by kind."""
    review: dt.date | None = None
    """When it comes up for review."""
    confidential: bool = False
    """Made in a confidential item."""


@dataclass(frozen=True)
class Action:
    """An action item."""

    what: str
    """What is to be done."""
    owner: str
    """Who does it."""
    due: dt.date | None = None
    """By when."""
    item: str | None = None
    """The item it came from."""
    status: str = "open"
    """open, done or dropped."""
    confidential: bool = False
    """Came from a confidential item."""


@dataclass(frozen=True)
class Credit:
    """Credit given to someone for a contribution."""

    to: str
    """Who is credited."""
    for_: str
    """What for."""
    kind: str
    """idea, work or care."""
    item: str | None = None
    """The item it was given in."""
    confidential: bool = False
    """Given in a confidential item."""


@dataclass(frozen=True)
class Conflict:
    """An entry in the conflict log."""

    about: str
    """What the conflict is about."""
    raised_by: str
    """Who raised it."""
    parties: tuple[str, ...] = ()
    """Who is involved."""
    status: str = "open"
    """open, in-progress or resolved."""
    next_step: str = ""
    """What happens next."""
    owner: str | None = None
    """Who carries the next step."""
    item: str | None = None
    """The item it was raised in."""
    confidential: bool = False
    """Marked confidential, or raised in a confidential item."""


@dataclass(frozen=True)
class TalkEntry:
    """Talk time of one person within one item (or outside any item)."""

    name: str
    """Who spoke."""
    item_id: str | None
    """The item, or None for time between items."""
    turns: int
    """How many turns."""
    seconds: int
    """How long in total."""


@dataclass(frozen=True)
class MinutesDoc:
    """Everything the minutes say, in the order the body says it."""

    title: str
    """The meeting's title."""
    circle: str | None
    """The circle, if the agenda names one."""
    date: dt.date
    """The meeting date."""
    status: str
    """draft or final."""
    started: dt.datetime | None = None
    """When the meeting started (UTC)."""
    ended: dt.datetime | None = None
    """When it ended (UTC)."""
    agenda_path: str | None = None
    """The agenda file it ran from."""
    location: str | None = None
    """Where it was held."""
    facilitator: str | None = None
    """Role holders."""
    notetaker: str | None = None
    """Role holders."""
    timekeeper: str | None = None
    """Role holders."""
    present: tuple[str, ...] = ()
    """Present voting members and guests, in circle order."""
    guests: tuple[str, ...] = ()
    """Those of `present` whose role is guest."""
    observers: tuple[str, ...] = ()
    """Observers present."""
    absent: tuple[str, ...] = ()
    """Expected but not present."""
    left_early: tuple[str, ...] = ()
    """Left before the end."""
    quorum: int | None = None
    """Voting members needed; None when the agenda sets no quorum."""
    members_present: int = 0
    """Voting members present."""
    quorum_met: bool | None = None
    """Whether quorum was met (None: no quorum rule)."""
    items: tuple[ItemRecord, ...] = ()
    """Items in running order."""
    decisions: tuple[Decision, ...] = ()
    """The decisions register."""
    actions: tuple[Action, ...] = ()
    """Action items."""
    credits: tuple[Credit, ...] = ()
    """The credit log."""
    conflicts: tuple[Conflict, ...] = ()
    """The conflict log."""
    talk: tuple[TalkEntry, ...] = ()
    """Talk time per person per item."""
    private: bool = False
    """This is the full private record."""
    hidden_conflicts: int = 0
    """Confidential conflict entries left out (each gets one neutral line)."""
    undone_acts: tuple[UndoneAct, ...] = ()
    """Acts taken back with undo (the private record lists them; the shared minutes never)."""


def has_confidential(doc: MinutesDoc) -> bool:
    """Whether anything in `doc` must stay out of the shared minutes."""
    return any(i.confidential for i in doc.items) or any(c.confidential for c in doc.conflicts)


def redact(doc: MinutesDoc) -> MinutesDoc:
    """The shared version: each confidential item or conflict reduced to a placeholder.

    A confidential item keeps only its position; its title, kind, times, notes,
    speakers, consent process and recusals go, and so do the decisions, actions,
    credits, conflicts and talk time that came from it.
    """
    hidden = {i.id for i in doc.items if i.confidential}
    items = tuple(
        ItemRecord(id=i.id, title="", kind="", status="", planned_seconds=0, confidential=True)
        if i.confidential
        else i
        for i in doc.items
    )
    conflicts = tuple(c for c in doc.conflicts if not c.confidential)
    return replace(
        doc,
        items=items,
        decisions=tuple(d for d in doc.decisions if not d.confidential),
        actions=tuple(a for a in doc.actions if not a.confidential),
        credits=tuple(c for c in doc.credits if not c.confidential),
        conflicts=conflicts,
        hidden_conflicts=len(doc.conflicts) - len(conflicts),
        talk=tuple(t for t in doc.talk if t.item_id not in hidden),
        private=False,
        undone_acts=(),
    )
