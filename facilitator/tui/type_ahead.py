"""Type-ahead: keys are handled one at a time, in the order they were typed.

Textual hands each key to the focused widget's queue and goes straight on to
the next key. A key that opens a picker is only acted on once it has bubbled
up to the app's bindings, and a picker's answer reaches the run screen later
still (its callback runs on the run screen's queue). Keys typed in those gaps
went to the wrong screen: `k` then a quick key queued the wrong person, `k d`
opened "Direct response", a second Enter dismissed a picker twice
(ScreenStackError), and a key could land on a screen that was going away.

`KeyGate` closes those gaps in one place, for every modal: the app gives it
every key that arrives, and it lets the next key through only when the
previous one has been handled completely: the key has come back to the app
(or a widget stopped it), the screen stack has stopped changing, and the
screen now on top is mounted. Until then keys wait in arrival order; none is
dropped and none skips ahead, so a fast burst gives the same journal as the
same keys typed slowly.

"Handled completely" is observed, not timed: a *barrier* posts a callback to
the app, to every screen on the stack and to the focused widget and its
ancestors (and to the widgets that own keys wherever the focus is, `key_owners`),
and waits until all of them have run, i.e. until every message queued before it
there was processed, and no key's `@work` coroutine is still waiting to start. A
widget parked on an empty queue gets no callback: there is nothing before it to wait
for (`_at_rest`), and the callbacks slowed every key (issue 12).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.message_pump import MessagePump

MAX_ROUNDS = 50
"""Barrier rounds before a key is let go regardless (a key whose widget vanished)."""
ROUND_VALVE = 2.0
"""Seconds one barrier may wait for a queue that was closed with our callback in it."""
BATCH_KEYS = 12
"""While keys wait, repaint at most once every this many keys (then show the result)."""


class KeyGate:
    """Serialises key handling for one app; see the module docstring."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._held: deque[events.Key] = deque()
        """Keys that arrived while another was being handled, oldest first."""
        self._in_flight: events.Key | None = None
        """The key being handled now (or None: the gate is open)."""
        self._releasing: events.Key | None = None
        """A held key posted back to the app, to be dispatched normally when it arrives."""
        self._returned: set[int] = set()
        """ids of in-flight keys that have bubbled back to the app and were handled there."""
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self._batch = contextlib.ExitStack()
        """Open while a backlog is worked off: Textual skips repaints until it closes."""
        self._batched = 0
        self._quiet = True
        """Whether the last barrier found nothing more queued along the key's path."""
        self.enabled = True
        """False hands every key straight to Textual (used to show what the gate prevents)."""
        self.keys_handled = 0
        """How many keys have been let through (for tests and the benchmark)."""

    # --- called by the app --------------------------------------------------------------

    def owns(self, event: events.Event) -> bool:
        """Take a key fresh from the terminal; True when the gate holds it (the app must not)."""
        if not self.enabled or not isinstance(event, events.Key) or event.is_forwarded:
            return False
        if event is self._releasing:
            # A held key's turn: dispatch it the normal way now.
            self._releasing = None
            return False
        if self._in_flight is None and not self._held:
            # Nothing pending: dispatch at once, then watch it settle.
            self._begin(event)
            return False
        self._held.append(event)
        return True

    def handled(self, event: events.Event, *, came_back: bool) -> None:
        """The app has finished dispatching `event`; `came_back`: it had bubbled up to the app."""
        if event is self._in_flight and came_back:
            self._returned.add(id(event))

    @property
    def pending(self) -> int:
        """Keys typed ahead and not yet let through (the in-flight key included)."""
        return len(self._held) + (self._in_flight is not None)

    async def run(self) -> None:
        """The gate's loop (an app worker): settle each key, then let the next one through."""
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._in_flight is not None:
                key = self._in_flight
                await self._settle(key)
                self._returned.discard(id(key))
                self.keys_handled += 1
                self._repaint_later(bool(self._held))
                if self._held:
                    nxt = self._held.popleft()
                    self._begin(nxt)
                    self._releasing = nxt
                    self._app.post_message(nxt)
                else:
                    self._in_flight = None
                    self._idle.set()

    async def settled(self) -> None:
        """Return once every key that has arrived so far has been handled completely."""
        # A key posted just now may still be in the app's queue: let the app look at it first.
        if not await self._barrier():
            return
        if self._in_flight is not None or self._held:
            idle: asyncio.Future[Any] = asyncio.ensure_future(self._idle.wait())
            failed: asyncio.Future[Any] = asyncio.ensure_future(self._app._exception_event.wait())
            await asyncio.wait((idle, failed), return_when=asyncio.FIRST_COMPLETED)
            idle.cancel()
            failed.cancel()

    # --- inside ---------------------------------------------------------------------------

    def _repaint_later(self, backlog: bool) -> None:
        # Painting the run screen costs far more than handling a key (MEASURED.md), so a
        # burst painted key by key lags ever further behind. While keys wait, skip the
        # intermediate frames; show the result when the backlog is gone, or every few keys.
        if backlog and self._batched < BATCH_KEYS:
            if not self._batched:
                self._batch.enter_context(self._app.batch_update())
            self._batched += 1
            return
        if self._batched:
            self._batched = 0
            self._batch.close()
            self._app.screen.refresh()

    def _begin(self, key: events.Key) -> None:
        self._in_flight = key
        self._idle.clear()
        self._wake.set()

    def _signature(self) -> tuple[object, ...]:
        app = self._app
        stack = tuple(app.screen_stack)
        top = stack[-1] if stack else None
        children = len(list(top.walk_children())) if top is not None else 0
        return (*stack, children, app.focused)

    async def _settle(self, key: events.Key) -> None:
        """Wait until `key` is handled and the screens it may have opened or closed are ready."""
        stopped_before = False
        for _ in range(MAX_ROUNDS):
            before = self._signature()
            if not await self._barrier():
                return
            # Done when a priority binding took it (never forwarded), when it came back to
            # the app (bindings checked, action run), or when a widget stopped it. Textual
            # also marks a key stopped as it hands it from the screen to the app that sent
            # it, so a stop counts only once a further round has passed without its return.
            stopped = key._stop_propagation
            done = (
                (not key.is_forwarded and key is not self._releasing)
                or id(key) in self._returned
                or (stopped and stopped_before)
            )
            stopped_before = stopped
            if done and before == self._signature() and self._quiet:
                return

    async def _barrier(self) -> bool:
        """Wait until the app, the screens and the focus chain processed what is queued.

        False when the app is going away (an exception or exit): stop waiting.
        """
        app = self._app
        if app._exit_renderables or app._exception is not None:
            return False
        # Where a key's consequences run: the widgets it passes through (the focused one
        # and its ancestors), every screen on the stack (a picker's answer runs on the
        # screen that opened it; a new screen composes and mounts its children before it
        # runs anything queued to it), and the app (bindings, focus changes).
        nodes: list[MessagePump] = [app, *(s for s in app.screen_stack if _has_work(s))]
        # And the widgets that own keys wherever the focus is (a process panel), with their
        # ancestors: what such a key posts may bubble up through them (a dialog's answer).
        starts: list[DOMNode | None] = [app.focused]
        for screen in app.screen_stack:
            owners = getattr(screen, "key_owners", None)
            starts += owners() if owners is not None else []
        for widget in starts:
            while widget is not None and widget not in nodes:
                nodes.append(widget)
                widget = widget.parent
        count = _Countdown()
        for pump in nodes:
            if _at_rest(pump):
                continue  # nothing queued there, nothing running: already past the barrier
            if pump.call_later(count.ran):
                count.remaining += 1
        if count.remaining:
            # A widget removed with our callback still queued never runs it: count it as done.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(count.all_ran.wait(), ROUND_VALVE)
        # Messages the key caused may still be bubbling from one queue to the next (a form's
        # Input.Submitted on its way to the form): then the key's work is not over yet.
        # A key's `@work` coroutine that has not run yet will push its picker: not quiet.
        self._quiet = all(
            pump._message_queue.empty() and not pump._next_callbacks for pump in nodes
        ) and not any(_not_started(w) for w in app.workers)
        return app._exception is None


class _Countdown:
    """One barrier round: set `all_ran` once every callback posted has run.

    A method, not a closure made afresh each round: Textual counts a callback's
    parameters with `inspect.signature` and caches the count on the function, so a new
    closure cost a signature per callback, ~36 a key (4% of a key's CPU, issue 12)."""

    def __init__(self) -> None:
        self.remaining = 0
        self.all_ran = asyncio.Event()

    def ran(self) -> None:
        self.remaining -= 1
        if self.remaining == 0:
            self.all_ran.set()


def _not_started(worker: Worker[Any]) -> bool:
    """Whether a worker has yet to run its first step: a key's `@work` action that will
    push its dialog there (Textual marks a worker RUNNING before its task has run at all).

    Read from the task's coroutine, not from the worker's state: the barrier used to wait
    on every widget it watches, and those wake-ups happened to give such a task its first
    step before the round ended; with idle widgets left out (`_at_rest`), ⇧E's
    confirmation was pushed after the gate had let the next key through.
    """
    if worker.state is WorkerState.PENDING:
        return True
    task = worker._task
    if task is None or task.done():
        return False
    return inspect.getcoroutinestate(task.get_coro()) == inspect.CORO_CREATED  # type: ignore[arg-type]


def _at_rest(pump: MessagePump) -> bool:
    """Whether a widget is parked waiting for its next message, nothing queued: a barrier
    callback there would run at once with nothing before it, so it need not be posted.

    Each callback costs a message, an idle event and a wake-up of the widget's task, all
    interleaved with the key's own path; posted to every widget the barrier watches (9 on
    the run screen, 3 rounds a key) they slowed every key (issue 12). "Parked" is read from
    the queue itself: the widget's task is blocked in `Queue.get` (its event has a waiter), so it
    is not in a handler, nor in its idle work, nor holding a message it peeked at. (The
    queue's count of unfinished messages cannot tell: Textual drops superseded messages
    without marking them done.) The app and the screens are always waited for.
    """
    if isinstance(pump, App | Screen) or pump._pending_message is not None:
        return False
    queue: Any = pump._message_queue
    # Textual's own queue (textual/_queue.py) parks its reader on an asyncio.Event; with
    # any other queue the attributes are not there, and the widget is always waited for.
    ready = getattr(queue, "ready_event", None)
    waiters = getattr(ready, "_waiters", ())
    return queue.empty() and any(not waiter.done() for waiter in waiters)


def _has_work(screen: MessagePump) -> bool:
    """Whether a key's consequences can run on `screen`: not on Textual's empty default
    screen, which lies under the run screen and never opens or answers anything.

    Left in the barrier, it got a callback every round (several a key), and any message a
    screen under the top one gets makes Textual repaint the whole top screen (its
    background-screen refresh sets its own repaint flag again each time): every panel of
    the run screen was drawn again twice a key, before the key's command had even run
    (issue 12: ~10 ms a frame at 120x40).
    """
    return getattr(screen, "id", None) != DEFAULT_SCREEN


DEFAULT_SCREEN = "_default"
"""The id Textual gives the screen it starts with (`App.get_default_screen`)."""


__all__ = ["KeyGate"]
