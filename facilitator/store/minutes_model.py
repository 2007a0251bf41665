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
from typing import Literal

from facilitator.core.agenda_types import Kind
from facilitator.core.history import UndoneAct
from facilitator.core.records import Action, Conflict, Credit, Presence
from facilitator.i18n import N_
from facilitator.processes.unit import ProcessMinutes
from facilitator.store.minutes_records import (
    HeldRound,
    Integrated,
    Logged,
    Registered,
    Spoken,
)

__all__ = [
    "CONFIDENTIAL_CONFLICT_LINE",
    "CONFIDENTIAL_ITEM_LINE",
    "ConsentRecord",
    "Extension",
    "ItemRecord",
    "Logged",
    "MinutesDoc",
    "Person",
    "Registered",
    "RoundRecord",
    "Setup",
    "Spoken",
    "TalkEntry",
    "Version",
    "has_confidential",
    "redact",
]

CONFIDENTIAL_ITEM_LINE = N_("Confidential item: recorded in the private record")
"""The one neutral line that stands in for a confidential item in shared minutes."""
CONFIDENTIAL_CONFLICT_LINE = N_("Confidential conflict entry: recorded in the private record")
"""The one neutral line that stands in for a confidential conflict entry."""


@dataclass(frozen=True)
class Extension:
    """A timebox extension granted during an item."""

    seconds: int
    """How much time was added."""
    reason: str = ""
    """Why, as typed."""


@dataclass(frozen=True)
class RoundRecord:
    """One go-around held on an item: who passed and who did not respond."""

    purpose: str
    """round (a round item) or reactions (quick reactions to a proposal)."""
    asked: int
    """How many people the round went to."""
    passed: tuple[str, ...] = ()
    """Who passed (shared minutes: only passes made on the record)."""
    skipped: tuple[str, ...] = ()
    """Who had left or recused when their turn came."""
    not_reached: tuple[str, ...] = ()
    """Who was still to come when the round was ended early."""
    joined: tuple[str, ...] = ()
    """Who arrived while it was going and was asked at its end."""
    passed_off_record: tuple[str, ...] = ()
    """Those of `passed` who passed off the record (left out of the shared minutes)."""
    off_record: bool = False
    """Started off the record: the whole round stays in the private record."""


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
class ConsentRecord:
    """The whole consent (or consensus) process of one proposal item."""

    rule: str
    """consent or consensus."""
    versions: tuple[Version, ...]
    """The text as proposed, then each amendment."""
    rounds: tuple[HeldRound, ...] = ()
    """Every round of responses."""
    integrations: tuple[Integrated, ...] = ()
    """How each objection was integrated."""
    outcome: str | None = None
    """adopted, adopted-with-concerns, not-adopted, deferred, withdrawn; None while open."""
    review: dt.date | None = None
    """When the decision comes up for review."""
    quorum_met: bool | None = None
    """Whether quorum held when the decision was recorded (None: no quorum rule)."""
    quorum_text: str = ""
    """At the decision: "5 voting members present, 3 needed" ("" while undecided)."""
    quorum_counts: tuple[int, int | None] | None = None
    """(voting members present, required) at the decision, for saying it in any language."""
    method_title: str = ""
    """The method's name as the body says it ("SoFA consent"); "" for consent and consensus,
    whose minutes read as they did before there were methods."""
    positions: tuple[tuple[str, int], ...] = ()
    """At the decision: each of the method's positions (its label) and how many voting
    members took it, zeros included (methods other than consent and consensus)."""
    spread: tuple[tuple[str, int], ...] = ()
    """The same for gradients and fist-to-five, shown as the spread (a table)."""
    concerns: tuple[tuple[str, str], ...] = ()
    """S3: the concerns given (who, what), to consider after the agreement."""


@dataclass(frozen=True)
class ItemRecord:
    """One agenda item as it ran."""

    id: str
    """The stable item id ("item-1", ...)."""
    title: str
    """The item's title."""
    kind: Kind | Literal[""]
    """The item's kind (one of `agenda_types.item_kinds()`); "" for a confidential item in
    the shared minutes."""
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
    turns: tuple[Spoken, ...] = ()
    """Speaking turns, in order."""
    recused: tuple[str, ...] = ()
    """Who stepped out of this item (conflict of interest)."""
    consent: ConsentRecord | None = None
    """The consent process, for a proposal."""
    standing: bool = False
    """A standing item (the agenda's `standing = true`): carried into every next agenda."""
    prep: str | None = None
    """The agenda's preparation notes, kept for `next` on items it may carry."""
    rounds: tuple[RoundRecord, ...] = ()
    """Go-arounds held on it."""
    off_record: tuple[int, ...] = ()
    """Seconds of each stretch off the record that began during this item."""
    processes: tuple[tuple[str, ProcessMinutes], ...] = ()
    """(process name, what it adds) for each process with something to say about the item
    (a vote's result), in registry order; a confidential item's go with it in `redact`."""
    process_keys: tuple[tuple[str, object], ...] = ()
    """The agenda keys of its processes (a vote's `motion`…: each process's `carried_keys`),
    for the front matter's `[[items]]`, so `next` can put it back on an agenda as it was."""


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
    off_record: bool = False
    """Talk off the record: private record only."""


@dataclass(frozen=True)
class Person:
    """A participant as the agenda lists them, for `next` (front matter `[[participants]]`)."""

    name: str
    """Their name."""
    role: str = "member"
    """member, guest or observer."""
    org: str | None = None
    """The organization they speak for."""
    pronouns: str | None = None
    """Shown beside the name."""
    priority: bool = False
    """Centred on the progressive stack."""
    key: str | None = None
    """Their quick-pick key, when the agenda set one."""


@dataclass(frozen=True)
class Setup:
    """The agenda's settings that `next` carries: none is confidential."""

    quorum_rule: str | None = None
    """The quorum as the agenda wrote it ("50%", "2/3", "5")."""
    decision_rule: str = "consent"
    """The meeting's default decision rule."""
    stack_order: str = "progressive"
    """progressive or fifo."""
    speaker_limit: int | None = None
    """The per-turn limit, in seconds."""
    start: dt.time | None = None
    """The planned start time (local)."""


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
    language: str | None = None
    """The body's language, from the agenda's `[meeting] language`; None: the screen's."""
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
    decisions: tuple[Registered, ...] = ()
    """The decisions register."""
    actions: tuple[Logged[Action], ...] = ()
    """Action items."""
    credits: tuple[Logged[Credit], ...] = ()
    """The credit log."""
    conflicts: tuple[Logged[Conflict], ...] = ()
    """The conflict log."""
    talk: tuple[TalkEntry, ...] = ()
    """Talk time per person per item."""
    attendance: tuple[Logged[Presence], ...] = ()
    """Arrivals after the start, departures, recusals and returns, in order."""
    walk_ins: tuple[str, ...] = ()
    """Those added during the meeting (not on the agenda)."""
    off_record_between: tuple[int, ...] = ()
    """Seconds of each stretch off the record begun between items."""
    private: bool = False
    """This is the full private record."""
    hidden_conflicts: int = 0
    """Confidential conflict entries left out (each gets one neutral line)."""
    agenda_date: dt.date | None = None
    """The date the agenda gave, when the meeting took place on another day (`date`)."""
    participants: tuple[Person, ...] = ()
    """Everyone the agenda listed, with role, pronouns, org, priority and key."""
    setup: Setup = field(default_factory=Setup)
    """The agenda's quorum rule, decision rule, stack order, speaker limit and start time."""
    undone_acts: tuple[UndoneAct, ...] = ()
    """Acts taken back with undo (the private record lists them; the shared minutes never)."""


def has_confidential(doc: MinutesDoc) -> bool:
    """Whether anything in `doc` must stay out of the shared minutes (confidential, or kept
    from a stretch off the record), so that a private record is written."""
    return (
        any(i.confidential for i in doc.items)
        or any(c.record.confidential for c in doc.conflicts)
        or any(t.record.off_record for i in doc.items for t in i.turns)
        or any(r.off_record or r.passed_off_record for i in doc.items for r in i.rounds)
        or any(a.record.off_record for a in doc.actions)
        or any(c.record.off_record for c in doc.credits)
        or any(k.record.off_record for k in doc.conflicts)
    )


def redact(doc: MinutesDoc) -> MinutesDoc:
    """The shared version: each confidential item or conflict reduced to a placeholder.

    A confidential item keeps only its position; its title, kind, times, notes,
    speakers, consent process and recusals go, and so do the decisions, actions,
    credits, conflicts and talk time that came from it.

    Off the record, nothing but the fact and its length: turns and passes taken off the
    record, and the actions, credits and conflicts recorded then, go without a trace.
    """
    hidden = {i.id for i in doc.items if i.confidential}
    items = tuple(
        ItemRecord(id=i.id, title="", kind="", status="", planned_seconds=0, confidential=True)
        if i.confidential
        else _on_record(i)
        for i in doc.items
    )
    kept = tuple(c for c in doc.conflicts if not c.record.off_record)
    conflicts = tuple(c for c in kept if not c.record.confidential)
    # A conflict from a confidential item is part of that item's one line: counting it
    # with its own line would tell how many conflicts the confidential item had.
    hidden_conflicts = sum(1 for c in kept if c.record.confidential and not c.in_confidential_item)
    return replace(
        doc,
        items=items,
        decisions=tuple(d for d in doc.decisions if not d.record.confidential),
        actions=tuple(a for a in doc.actions if not _hidden(a.record)),
        credits=tuple(c for c in doc.credits if not _hidden(c.record)),
        conflicts=conflicts,
        hidden_conflicts=hidden_conflicts,
        talk=tuple(t for t in doc.talk if t.item_id not in hidden and not t.off_record),
        attendance=tuple(a for a in doc.attendance if not a.in_confidential_item),
        private=False,
        undone_acts=(),
    )


def _hidden(record: Action | Credit) -> bool:
    """An action or credit kept out of the shared minutes: confidential or off the record."""
    return record.confidential or record.off_record


def _on_record(item: ItemRecord) -> ItemRecord:
    """An open item without what was said off the record (passes made then included)."""
    if not any(t.record.off_record for t in item.turns) and not any(
        r.off_record or r.passed_off_record for r in item.rounds
    ):
        return item
    rounds = tuple(
        replace(
            r,
            passed=tuple(n for n in r.passed if n not in r.passed_off_record),
            passed_off_record=(),
        )
        for r in item.rounds
        if not r.off_record
    )
    return replace(
        item, turns=tuple(t for t in item.turns if not t.record.off_record), rounds=rounds
    )
