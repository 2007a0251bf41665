"""The fold: one handler per event type, each moving the state forward in place.

`replay(agenda, events)` builds the state from nothing; `apply(state, event)` returns
the state after one more event. Both are pure: the caller's state is never
changed (the session keeps a private copy that it advances in place, through
`advance`, for speed). The handlers are `fold_flow.py`'s (attendance, the agenda
flow, the stack), `fold_ledgers.py`'s, and each meeting process's
(`facilitator.processes`), merged into one table, `HANDLERS` (in `fold_flow.py`).

Handlers trust their event: `decide.py` checked the command before the event
was written, and `event_from_record` checked the record's shape on reading.
Undo and redo are the events that look back: `Undone` and `Redone` rebuild the
state from the events of the commands still in effect (see `fold_all`; checkpoints and
the undo copies readied at idle are in `fold_undo.py`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from facilitator.core.agenda import Agenda
from facilitator.core.events import Event, gc_paused
from facilitator.core.fold_flow import HANDLERS, Handler, initial_state, item_state
from facilitator.core.fold_undo import CHECKPOINT_EVERY, UNDO_READY, fold_one, prepare_undo
from facilitator.core.redo import UNDO_EVENTS, undone_set
from facilitator.core.state import MeetingState

__all__ = [
    "CHECKPOINT_EVERY",
    "HANDLERS",
    "UNDO_READY",
    "Handler",
    "advance",
    "apply",
    "fold_all",
    "fold_one",
    "initial_state",
    "item_state",
    "prepare_undo",
    "replay",
]


def replay(agenda: Agenda, events: Iterable[Event]) -> MeetingState:
    """The state after `events`, built from nothing."""
    return fold_all(initial_state(agenda), list(events))


def apply(state: MeetingState, event: Event) -> MeetingState:
    """The state after one more event; `state` itself is left as it was."""
    new = copy.deepcopy(state)
    advance(new, event)
    return new


def advance(state: MeetingState, event: Event) -> None:
    """Fold one event into `state` in place (the session's fast path)."""
    fold_one(state, event)


def fold_all(state: MeetingState, events: list[Event]) -> MeetingState:
    """Fold a whole history into a fresh `state`, skipping undone commands."""
    # Only undo events bear on the undone set; pairing every event cost replay ~3 ms at 10k.
    undone = undone_set((e.type, e.data.get("target_cmd")) for e in events if e.type in UNDO_EVENTS)
    handlers = HANDLERS
    with gc_paused():
        for event in events:
            kind = event.type
            if kind not in UNDO_EVENTS and event.cmd not in undone:
                handlers[kind](state, event)  # what `_fold` does, inlined for replay
        if events:
            state.last_mono = events[-1].mono
    state.events = list(events)
    state.undone = undone
    return state
