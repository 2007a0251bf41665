"""What one meeting process is made of, as the core sees it: the `Process` record.

A process (a go-around, the consent round, ...) is one package under
`facilitator/processes/<name>/`: `model.py` (pure: its commands, events, decide
and fold handlers, its state), `minutes.py` (pure: how it reads in the minutes)
and `panel.py` (Textual: its panel and its keys). Its `model.py` ends with one
`PROCESS = Process(...)`, and `facilitator/processes/__init__.py` lists it in
the registry. The core's decide, fold, event table and undo wording loop over
the registry; nothing registers itself on import.

Everything else a process has is declared here too, each with a safe default, so
that the generic code loops over the registry instead of naming processes:
its agenda keys (`agenda_keys`, `item_rules`; `carried_keys` gives them back), its part of the minutes
(`minutes`, `tables`), its lines in `decisions`, `review` and `next`
(`outcome_line`), and its starter item for `facilitator new` (`starter`). See
docs/processes.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from facilitator.core.payloads import PayloadType, required_keys
from facilitator.processes.keys_unit import ItemRules as ItemRules
from facilitator.processes.keys_unit import KeyPath as KeyPath
from facilitator.processes.keys_unit import Labels as Labels
from facilitator.processes.keys_unit import ProcessKeys as ProcessKeys
from facilitator.processes.keys_unit import _no_issues
from facilitator.processes.keys_unit import mark as mark

if TYPE_CHECKING:
    from pydantic import BaseModel

    from facilitator.core.agenda import Item
    from facilitator.core.events import Event
    from facilitator.core.rules import Draft
    from facilitator.core.state import ItemState, MeetingState

Decider = Callable[["MeetingState", Any], "list[Draft]"]
"""Checks a command against the state; returns the event drafts or raises DomainError."""
Folder = Callable[["MeetingState", "Event"], None]
"""Moves the state forward by one event, in place."""
Wording = Callable[["Event"], str]
"""What an event did, in a few words, for undo and history ("ended the round")."""


Row = Mapping[str, Any]
"""One row of a front-matter table (`[[votes]]`): TOML-ready values."""


@dataclass(frozen=True)
class MinutesSection:
    """A process's part of one item in the minutes body, as plain text.

    The store escapes every string and lays it out (a bold heading, paragraphs, a table),
    so a process's `minutes` stays pure and can never inject Markdown.
    """

    heading: str
    """A short bold label ("Vote")."""
    lines: tuple[str, ...] = ()
    """Paragraphs, one line each, in order."""
    table: tuple[tuple[str, ...], ...] = ()
    """A table, header row first (empty: no table); every row has the header's width."""


@dataclass(frozen=True)
class ProcessMinutes:
    """What a process adds to the minutes for one item (open or private: the store redacts)."""

    section: MinutesSection | None = None
    """Its part of the item's body, or None."""
    rows: Mapping[str, Sequence[Row]] = field(default_factory=dict)
    """Front-matter table name (one of the process's `tables`) -> rows for this item."""


MinutesHook = Callable[["MeetingState", "ItemState"], "ProcessMinutes | None"]
"""The process's minutes for one item, from the folded state (None: nothing to add)."""
OutcomeLine = Callable[[str, Row], str]
"""One row of one of the process's front-matter tables -> a one-line summary, for
`decisions`, `review` and `next` ("carried: 41 for, 9 against, 3 abstaining; …")."""


def _nothing(*_: Any) -> None:
    return None


def _no_keys(_: object) -> Mapping[str, Any]:
    return {}


def _no_line(table: str, row: Row) -> str:
    return str(row.get("item") or table)


@dataclass(frozen=True)
class Process:
    """One meeting process: everything the core needs to run it."""

    name: str
    """Its package name and its key in `ItemState.process` ("round", "consent")."""
    title: str
    """How it is called on screen and in help ("Go-around round")."""
    kinds: tuple[str, ...]
    """The item kinds whose panel is this process's (the slot shows it while such an item
    is current); empty for a process with no panel of its own."""
    commands: Mapping[type, Decider]
    """Command type -> decider."""
    payloads: Mapping[str, PayloadType]
    """Event type -> its payload class, a `TypedDict` declared in the process's `model.py`
    (the journal's on-disk contract: see `core/payloads.py`)."""
    folds: Mapping[str, Folder]
    """Event type -> fold handler."""
    wording: Mapping[str, Wording]
    """Event type -> how undo and the history describe it."""
    quiet: frozenset[str] = frozenset()
    """Events that accompany the command's main one and are not the thing to describe."""
    from_agenda: Callable[[Item], object | None] = _nothing
    """The process's state for an agenda item before the meeting (None: not this process)."""
    from_added: Callable[[Mapping[str, Any]], object | None] = _nothing
    """The same for an item added during the meeting, from its `ItemAdded` payload."""
    hand_on: Callable[[MeetingState], list[Draft] | None] = _nothing
    """When the speaker's turn is this process's (a round's turn): the drafts that end it and
    move the process on; None when the turn is not the process's."""
    stop: Callable[[MeetingState], list[Draft] | None] = _nothing
    """When the item is closed with the process mid-way: the drafts that stop it (they go
    instead of a plain `TurnEnded`); None when there is nothing to stop."""
    closed: Callable[[ItemState], None] = _nothing
    """Fold hook: the item was finished, skipped or deferred."""
    arrival: Callable[[MeetingState, str, str], list[Draft] | None] = _nothing
    """Someone (name, role) is marked present or walks in now: the drafts that go after
    that event (a round going adds them at its end); None: nothing to add."""
    departure: Callable[[MeetingState, str], list[Draft] | None] = _nothing
    """Someone is marked as left, or recuses from the current item, now: the drafts that go
    after that (a round whose turn was theirs moves on); None: nothing to add."""
    on_record_only: bool = False
    """Every command of it is refused off the record (a vote is a decision, and nothing
    decided off the record reaches the minutes); the core checks it before the decider."""
    agenda_keys: type[BaseModel] | None = None
    """The agenda keys of items of its `kinds` beyond the common ones, as a frozen pydantic
    model (field names are the keys; `extra` does not matter, unknown keys are reported by
    the item). The loader validates them with located errors; `keys_of(item)` reads them."""
    item_rules: ItemRules = _no_issues
    carried_keys: Callable[[object], Mapping[str, Any]] = _no_keys
    """Its state on an item -> the agenda keys that run it again on such an item (a vote's
    `motion`, `threshold`, `of`, `secret`), TOML-ready and named as the agenda names them.
    The minutes' `[[items]]` carry them, so `next` puts an item not reached back on the
    agenda as it was; empty: nothing beyond the common keys."""
    """Rules spanning an item's keys (a vote needs a motion…), on the item's raw mapping,
    since pydantic skips after-validators once a key fails; paths inside the item."""
    minutes: MinutesHook = _nothing
    """Its minutes for one item. Confidential items and off-the-record stretches are
    filtered by the store before and after: a process never decides what is shared."""
    tables: tuple[str, ...] = ()
    """The front-matter tables (`[[votes]]` is "votes") its `minutes` rows go into; the
    archive indexes their rows, and `decisions`, `review` and `next` show them."""
    outcome_line: OutcomeLine = _no_line
    """One row of one of its `tables` in one line (see `OutcomeLine`)."""
    starter: str = ""
    """A commented `[[items]]` entry for `facilitator new` (TOML text, ending in a newline;
    empty: none), so a new agenda shows how to use it."""

    @property
    def events(self) -> dict[str, tuple[str, ...]]:
        """Event type -> the payload keys it must carry, from `payloads`."""
        return {kind: required_keys(payload) for kind, payload in self.payloads.items()}
