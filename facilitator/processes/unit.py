"""What one meeting process is made of, as the core sees it: the `Process` record.

A process (a go-around, the consent round, ...) is one package under
`facilitator/processes/<name>/`: `model.py` (pure: its commands, events, decide
and fold handlers, its state), `minutes.py` (pure: how it reads in the minutes)
and `panel.py` (Textual: its panel and its keys). Its `model.py` ends with one
`PROCESS = Process(...)`, and `facilitator/processes/__init__.py` lists it in
the registry. The core's decide, fold, event table and undo wording loop over
the registry; nothing registers itself on import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def _nothing(*_: Any) -> None:
    return None


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
    events: Mapping[str, tuple[str, ...]]
    """Event type -> the payload keys it must carry (the journal's on-disk contract)."""
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
