"""Events: what happened, as the journal keeps it. The meeting state is a fold over them.

An event is a type name, a JSON-safe payload, and its stamps: `seq` (1, 2, …
over the meeting), `cmd` (the number of the command that produced it; one
command can produce several events, undone together), `at` (UTC wall time,
ISO 8601) and `mono` (monotonic seconds). `EVENT_TYPES` lists every type with
the payload keys it must carry; `event_from_record` checks them, so a journal
written by hand or by a broken build is refused with a message, not folded.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from facilitator.core.payloads import CORE_PAYLOADS, required_keys
from facilitator.i18n import _

P = TypeVar("P", bound=Mapping[str, Any])
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    kind: required_keys(payload) for kind, payload in CORE_PAYLOADS.items()
}
"""The core's event types and the payload keys each must carry, from their payload classes
(`payloads.py`, where the optional keys are marked too); each meeting process declares its
own in its `model.py` (`Process.payloads`), and `event_types()` is the whole table.
"""

_STAMPS = ("type", "seq", "cmd", "at", "mono")


@dataclass(frozen=True)
class Event:
    """One thing that happened."""

    type: str
    """One of `event_types()`."""
    data: Mapping[str, Any] = field(default_factory=dict)
    """The payload: JSON-safe values only (str, int, float, bool, None, lists)."""
    seq: int = 0
    """Position in the meeting, from 1."""
    cmd: int = 0
    """The command that produced it, from 1."""
    at: str = ""
    """UTC wall time, ISO 8601 with a Z."""
    mono: float = 0.0
    """Monotonic seconds."""

    def __getitem__(self, key: str) -> Any:
        return self.data[key]


def payload(event: Event, kind: type[P]) -> P:
    """The event's payload as its payload class (`payloads.ItemStarted`), so that reading a
    key mypy does not know is an error; no check at run time (`event_from_record` did it)."""
    return cast(P, event.data)


def event_to_record(event: Event) -> dict[str, Any]:
    """The journal record (one JSON object) for an event."""
    return {
        "type": event.type,
        "seq": event.seq,
        "cmd": event.cmd,
        "at": event.at,
        "mono": event.mono,
        **event.data,
    }


_REQUIRED: dict[str, frozenset[str]] = {}
"""`event_types()` as sets, so the check on reading is one subset test per record (filled on
first use: the processes' models import this module, so it cannot import them at load)."""


def event_types() -> dict[str, tuple[str, ...]]:
    """Every event type, the core's and every process's, with the payload keys it carries."""
    from facilitator.processes import process_events

    return {**EVENT_TYPES, **process_events()}


def _required() -> dict[str, frozenset[str]]:
    if not _REQUIRED:
        _REQUIRED.update((k, frozenset(v)) for k, v in event_types().items())
    return _REQUIRED


_new_event = object.__new__


def event_from_record(record: Mapping[str, Any]) -> Event:
    """Read a journal record back; raises ValueError saying what is wrong with it."""
    kind = record.get("type")
    required = (_REQUIRED or _required()).get(kind) if isinstance(kind, str) else None
    if required is None:
        raise ValueError(_("unknown event type {kind!r}").format(kind=kind))
    get = record.get
    seq, cmd, at, mono = get("seq"), get("cmd"), get("at"), get("mono")
    # `type(x) is int` refuses bools (a subclass of int) in the same test.
    if not (type(seq) is int and type(cmd) is int and type(at) is str):
        raise ValueError(_("{kind} event without its seq, cmd or at stamp").format(kind=kind))
    if (type(mono) is not float and type(mono) is not int) or not math.isfinite(mono):
        raise ValueError(_("{kind} event without a monotonic reading").format(kind=kind))
    if not required <= record.keys():
        missing = [k for k in event_types()[str(kind)] if k not in record]
        raise ValueError(
            _("{kind} event is missing {keys}").format(kind=kind, keys=", ".join(missing))
        )
    data = dict(record)
    del data["type"], data["seq"], data["cmd"], data["at"], data["mono"]  # _STAMPS, unrolled
    # Replay builds one Event per journal line, and the frozen dataclass's __init__ (one
    # object.__setattr__ per field) was a third of replay's cost; filling the instance
    # dict directly gives the same object, still frozen against later assignment.
    event: Event = _new_event(Event)
    event.__dict__.update(type=kind, data=data, seq=seq, cmd=cmd, at=at, mono=float(mono))
    return event


def events_from_records(records: Iterable[Mapping[str, Any]]) -> list[Event]:
    """`event_from_record` of each record, in order (replay's bulk path: see `gc_paused`)."""
    with gc_paused():
        return [event_from_record(r) for r in records]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector while building many objects that all stay alive.

    Replay and undo allocate tens of thousands of dicts and objects none of which is garbage;
    each allocation burst set off collections that walk the whole (growing) heap, which cost
    undo about half its time at 10,000 events. Reference counting still frees everything as
    usual; the collector runs again afterwards if it was on.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
