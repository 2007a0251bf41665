"""Undo and redo in the fold: checkpoints, the rebuild from the nearest one, and the
copies readied at idle (`prepare_undo`), so an undo at 10,000 events refolds at most
`CHECKPOINT_EVERY` events and usually thaws nothing on the key press.

`fold_one` (the session's path for every new event) lives here because it is where
checkpoints are taken and where `Undone` and `Redone` rebuild the state.
"""

from __future__ import annotations

import bisect
import pickle

from facilitator.core.agenda import Agenda
from facilitator.core.events import Event, gc_paused
from facilitator.core.fold_flow import fold_event, initial_state
from facilitator.core.redo import UNDO_EVENTS
from facilitator.core.state import MeetingState

CHECKPOINT_EVERY = 500
"""Events between the checkpoints undo starts from: it then refolds at most this many."""


def fold_one(state: MeetingState, event: Event) -> None:
    """Fold `event` into `state` in place."""
    if event.type in UNDO_EVENTS:
        state.events.append(event)
        target = int(event["target_cmd"])
        if event.type == "Undone":
            state.undone.add(target)
            _rebuild(state, target)
        else:  # Redone: the command is in effect again
            state.undone.discard(target)
            if state.redo and state.redo[-1][0] == target:
                _redo_from_copy(state, target)
            else:
                _rebuild(state, target)
        return
    if state.redo:  # something new: nothing can be redone any more
        state.discarded = [*state.discarded, *(r[1] for r in state.redo)][-DISCARD_KEEP:]
        state.redo = []
    # A checkpoint goes *before* a command's first event, so undoing that very command
    # (the usual undo) starts from it.
    last = state.checkpoints[-1][0] if state.checkpoints else 0
    starts_command = not state.events or state.events[-1].cmd != event.cmd
    if starts_command and len(state.events) - last >= CHECKPOINT_EVERY:
        state.checkpoints.append((len(state.events), _frozen_copy(state)))
    state.events.append(event)
    fold_event(state, event)


def _frozen_copy(state: MeetingState) -> bytes:
    """The state as bytes, without its events, checkpoints and (immutable) agenda.

    Pickle, in memory: about 7 times faster than `copy.deepcopy` for a long meeting, and
    compact. The live event list is a prefix-extension of the one at checkpoint time.
    """
    events, checkpoints, agenda, ready = state.events, state.checkpoints, state.agenda, state.ready
    discarded, redo = state.discarded, state.redo
    state.events, state.checkpoints, state.ready, state.discarded, state.redo = [], [], [], [], []
    state.agenda = None  # type: ignore[assignment]
    try:
        return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        state.events, state.checkpoints, state.agenda = events, checkpoints, agenda
        state.ready, state.discarded, state.redo = ready, discarded, redo


def _thaw(data: bytes, agenda: Agenda) -> MeetingState:
    with gc_paused():
        state: MeetingState = pickle.loads(data)
    state.agenda = agenda
    return state


def _rebuild(state: MeetingState, target: int) -> None:
    """The state without command `target`: refold from the last checkpoint before it.

    Undo always takes back the latest command still in effect, so every effective event
    after the target's first one belongs to it: a checkpoint taken before that event is
    still right, and the ones after it are dropped. Redo brings back the command the
    latest undo took back, with nothing recorded since, so the same holds for it. The
    ready copies (`prepare_undo`) obey the same rule: those made at or before the target's
    first event stay right; the latest of them is used up here, the others are kept for the
    next undo.
    """
    first = bisect.bisect_left(state.events, target, key=lambda e: e.cmd)
    kept = [c for c in state.checkpoints if c[0] <= first]
    usable = [r for r in state.ready if r[0] <= first]  # newest first, as `ready` is
    state.ready = []
    nearest = kept[-1][0] if kept else 0
    if usable and (usable[0][0] >= nearest or first - usable[0][0] <= CHECKPOINT_EVERY):
        # Made at idle: no thaw on the key press. Folding on from it costs less than a thaw
        # even when a checkpoint is nearer, while it is at most CHECKPOINT_EVERY events
        # behind (~2 ms at 500 events, against ~10-50 ms for a thaw at 10,000).
        start, fresh = usable.pop(0)
    elif kept:
        start, fresh = kept[-1][0], _thaw(kept[-1][1], state.agenda)
    else:
        start, fresh = 0, initial_state(state.agenda)
    for event in state.events[start:]:
        if event.type not in UNDO_EVENTS and event.cmd not in state.undone:
            fold_event(fresh, event)
    fresh.events = state.events
    fresh.undone = state.undone
    fresh.last_mono = state.events[-1].mono
    fresh.checkpoints = kept
    fresh.ready = usable
    # The replaced values are kept until the next idle moment (`prepare_undo`): freeing a
    # long meeting's turns, notes and people here cost ~4 ms of the key press at 10,000 events.
    if target in state.undone:
        # An undo: the state it replaces is exactly what a redo of `target` gives back (redo
        # brings back the command the latest undo took back, with nothing recorded since).
        fresh.redo = [*state.redo, (target, _detached(state))][-REDO_KEEP:]
        fresh.discarded = state.discarded
    else:  # a redo with no copy for it: nothing else can be redone from the copies either
        replaced = dict(state.__dict__)
        del replaced["discarded"]  # the older ones are in the list itself, not nested in each
        fresh.redo = []
        fresh.discarded = [*state.discarded[-(DISCARD_KEEP - 1) :], replaced]
    state.__dict__.update(fresh.__dict__)


def _detached(state: MeetingState) -> MeetingState:
    """A second handle on `state`'s folded values, without its events, undo and redo lists
    (those stay the live state's; the copy's are set again when it is used)."""
    copy: MeetingState = object.__new__(MeetingState)
    copy.__dict__.update(state.__dict__)
    copy.events, copy.undone, copy.checkpoints = [], set(), []
    copy.ready, copy.discarded, copy.redo = [], [], []
    return copy


def _redo_from_copy(state: MeetingState, target: int) -> None:
    """Redo `target` from the state its undo replaced (`_rebuild` kept it): no refold.

    The state being replaced is the fold of the effective events before the target's first
    one, so it becomes the ready copy for undoing `target` again (the usual undo, redo,
    undo of a slip) without a thaw either.
    """
    first = bisect.bisect_left(state.events, target, key=lambda e: e.cmd)
    _, back = state.redo.pop()
    before = _detached(state)
    back.events, back.undone, back.last_mono = state.events, state.undone, state.events[-1].mono
    back.checkpoints = [c for c in state.checkpoints if c[0] <= first]
    back.ready = [(first, before), *(r for r in state.ready if r[0] <= first)][:UNDO_READY]
    back.discarded, back.redo = state.discarded, state.redo
    state.__dict__.update(back.__dict__)


REDO_KEEP = 8
"""How many undos in a row keep their redo copy (a whole state each); a redo past them
refolds, as every redo did before."""

DISCARD_KEEP = 2
"""How many replaced states an undo leaves for the next idle moment to free. With no idle
moment at all (a session driven headless, or the benchmark), older ones are freed on the
key press rather than kept: before, each undo kept its whole replaced state alive, nested
in the next one's, so memory and every full garbage collection grew with each undo."""


def _fold_span(twin: MeetingState, state: MeetingState, start: int, end: int) -> None:
    """Fold `state`'s events `start:end` that are in effect into `twin`."""
    with gc_paused():
        for event in state.events[start:end]:
            if event.type not in UNDO_EVENTS and event.cmd not in state.undone:
                fold_event(twin, event)


UNDO_READY = 2
"""How many undos in a row `prepare_undo` readies: the usual slip is one or two commands."""


def _effective_starts(state: MeetingState, n: int) -> list[int]:
    """The first event index of each of the latest `n` commands in effect, newest first."""
    events, undone = state.events, state.undone
    starts: list[int] = []
    i = len(events) - 1
    while i >= 0 and len(starts) < n:
        event = events[i]
        if event.type in UNDO_EVENTS or event.cmd in undone:
            i -= 1
            continue
        first = bisect.bisect_left(events, event.cmd, key=lambda e: e.cmd)
        starts.append(first)
        i = first - 1
    return starts


def prepare_undo(state: MeetingState) -> None:
    """At idle, not on a key: ready the states from before the latest commands in effect.

    Undo takes the latest back, so `_rebuild` can then start from a ready copy instead of
    thawing a checkpoint (about 25-50 ms at 10,000 events); the copy before the one but
    latest serves the undo after it, even when no idle moment comes between them. Cheap
    when already ready: nothing is done when nothing was recorded, and after a new command
    the oldest copy leapfrogs the others (it folds only the events in between, no thaw).
    Only after an undo is one copy made afresh. Every copy is folded with the same handlers
    and the same undone set, so it is exactly what a checkpoint would give. A copy folded
    from nothing (a resumed meeting: `replay` takes no checkpoints) leaves a checkpoint at the
    last multiple of `CHECKPOINT_EVERY` on its way, so an undo with no idle moment before it
    thaws that rather than refolding the whole meeting on the key press.
    """
    state.discarded = []  # freed here, at idle, not on the undo that replaced them
    wanted = _effective_starts(state, UNDO_READY)
    have = dict(state.ready)  # n -> copy; the n are distinct
    made = {n: have.pop(n) for n in wanted if n in have}
    for first in wanted:  # newest first: the furthest to go takes the latest leftover
        if first in made:
            continue
        below = [n for n in have if n <= first]
        if below:
            start = max(below)
            twin = have.pop(start)
        else:
            kept = [c for c in state.checkpoints if c[0] <= first]
            if kept:
                start, twin = kept[-1][0], _thaw(kept[-1][1], state.agenda)
            else:
                start, twin = 0, initial_state(state.agenda)
                mark = first - first % CHECKPOINT_EVERY
                if mark:  # a resumed meeting has no checkpoints: leave one on the way
                    _fold_span(twin, state, 0, mark)
                    bisect.insort(state.checkpoints, (mark, _frozen_copy(twin)), key=lambda c: c[0])
                    start = mark
        _fold_span(twin, state, start, first)
        made[first] = twin
    state.ready = [(n, made[n]) for n in wanted]
