"""Events and the session: records, their checks, replay, resume, and the scripted meeting."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
import random
from typing import Any

import pytest

from facilitator.core import commands as C
from facilitator.core.clock import FakeClock, Instant, parse_iso
from facilitator.core.errors import StorageError
from facilitator.core.events import Event, event_from_record, event_to_record, event_types
from facilitator.core.fold import HANDLERS, apply, initial_state, replay
from facilitator.core.session import MemorySink, Session
from facilitator.processes import PROCESSES
from tests.engine_support import ANA, BO, Meeting
from tests.meeting_script import (
    reference_event_types,
    reference_records,
    scripted_agenda,
    scripted_commands,
)


def test_every_event_type_has_a_handler_and_the_script_writes_them_all() -> None:
    assert set(HANDLERS) == set(event_types())
    # A process whose item kinds the scripted agenda does not hold (a selection) has its
    # events written by its own tests, which check that they write them all.
    kinds = {str(item.kind) for item in scripted_agenda().items}
    elsewhere = {e for p in PROCESSES if p.kinds and not set(p.kinds) & kinds for e in p.events}
    assert set(reference_event_types()) == set(event_types()) - elsewhere
    assert not elsewhere & {"RoundStarted", "ConsentResponse"}
    assert len(reference_event_types()) >= 200


def test_records_survive_json_and_replay_to_the_live_state() -> None:
    clock = FakeClock()
    sink = MemorySink()
    session = Session(scripted_agenda(), sink, clock)
    for command in scripted_commands():
        clock.advance(11)
        session.do(command)
    text = "\n".join(json.dumps(r, allow_nan=False) for r in sink.records)
    back = [json.loads(line) for line in text.splitlines()]
    assert back == sink.records
    events = [event_from_record(r) for r in back]
    assert events == session.state.events
    assert [event_to_record(e) for e in events] == sink.records
    assert replay(scripted_agenda(), events) == session.state
    seqs = [e.seq for e in events]
    assert seqs == list(range(1, len(events) + 1))
    assert all(a.mono <= b.mono for a, b in itertools.pairwise(events))
    assert all(a.cmd <= b.cmd for a, b in itertools.pairwise(events))


@pytest.mark.parametrize("seed", range(8))
def test_the_script_is_valid_whatever_the_clock_does(seed: int) -> None:
    rng = random.Random(seed)
    clock = FakeClock()
    sink = MemorySink()
    session = Session(scripted_agenda(), sink, clock)
    for command in scripted_commands():
        clock.advance(rng.choice([0.0, 0.001, rng.uniform(0, 5), rng.uniform(0, 900)]))
        session.do(command)
    assert [r["type"] for r in sink.records] == reference_event_types()


def test_resuming_at_any_command_continues_exactly() -> None:
    reference = reference_records()
    commands = scripted_commands()
    for cut in range(0, len(commands), 13):
        clock = FakeClock()
        sink = MemorySink()
        session = Session(scripted_agenda(), sink, clock)
        for command in commands[:cut]:
            clock.advance(7)
            session.do(command)
        history = [event_from_record(r) for r in sink.records]
        resumed = Session(scripted_agenda(), sink, clock, history=history)
        assert resumed.state == session.state
        for command in commands[cut:]:
            clock.advance(7)
            resumed.do(command)
        assert sink.records == reference, f"resumed after command {cut}"


def test_apply_leaves_its_input_alone() -> None:
    agenda = scripted_agenda()
    events = [event_from_record(r) for r in reference_records()[:40]]
    state = replay(agenda, events[:-1])
    before = copy.deepcopy(state)
    after = apply(state, events[-1])
    assert state == before and after == replay(agenda, events)
    assert replay(agenda, []) == initial_state(agenda)


def test_a_session_continues_numbering_after_its_history() -> None:
    m = Meeting()
    m.do(C.StartMeeting((ANA,)), C.StartItem())
    history = [event_from_record(r) for r in m.sink.records]
    session = Session(m.agenda, m.sink, m.clock, history=history)
    events = session.do(C.Queue(BO))
    assert [(e.seq, e.cmd) for e in events] == [(3, 3), (4, 3)], "Arrived + SpeakerQueued"
    assert session.agenda is m.agenda and session.now() == m.clock.mono


def _record(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "type": "Arrived",
        "seq": 1,
        "cmd": 1,
        "at": "2026-11-24T18:00:00.000Z",
        "mono": 1.5,
        "name": "Bo Tran",
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not ...}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"type": "Exploded"}, "unknown event type 'Exploded'"),
        ({"type": ...}, "unknown event type None"),
        ({"seq": ...}, "Arrived event without its seq, cmd or at stamp"),
        ({"seq": True}, "without its seq"),
        ({"cmd": "c1"}, "without its seq"),
        ({"at": 5}, "without its seq"),
        ({"mono": ...}, "without a monotonic reading"),
        ({"mono": "1"}, "without a monotonic reading"),
        ({"mono": float("nan")}, "without a monotonic reading"),
        ({"mono": float("inf")}, "without a monotonic reading"),
        ({"mono": False}, "without a monotonic reading"),
        ({"name": ...}, "Arrived event is missing name"),
    ],
)
def test_bad_records_are_refused_with_a_reason(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        event_from_record(_record(**changes))


def test_a_good_record_reads_back() -> None:
    event = event_from_record(_record(mono=2, extra="kept"))
    assert event == Event("Arrived", {"name": "Bo Tran", "extra": "kept"}, 1, 1, event.at, 2.0)
    assert event["name"] == "Bo Tran" and isinstance(event.mono, float)


def test_instants_and_the_fake_clock() -> None:
    clock = FakeClock(mono=5.0)
    first = clock.now()
    assert first == Instant(dt.datetime(2026, 11, 24, 18, 0, tzinfo=dt.UTC), 5.0)
    clock.advance(61.5)
    assert clock.now().mono == 66.5 and clock.now().iso() == "2026-11-24T18:01:01.500Z"
    local = Instant(dt.datetime(2026, 11, 24, 19, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))), 0)
    assert local.iso() == "2026-11-24T18:00:00.000Z"
    assert parse_iso("2026-11-24T18:01:01.500Z") == clock.now().wall
    assert parse_iso("2026-11-24T18:00:00") == first.wall, "no offset: read as UTC"


class _Sink:
    """A sink that can fail, and that notes what the session showed while it was saving."""

    def __init__(self, session_state: list[Any]) -> None:
        self.fail = False
        self.records: list[dict[str, Any]] = []
        self.seen: list[int] = []
        self._state = session_state

    def append(self, records: Any) -> None:
        self.seen.append(len(self._state[0].events))
        if self.fail:
            raise StorageError("could not save to disk: no space left on device")
        self.records.extend(dict(r) for r in records)


def test_events_are_saved_before_they_are_folded_and_a_failed_save_changes_nothing() -> None:
    holder: list[Any] = []
    sink = _Sink(holder)
    clock = FakeClock()
    session = Session(scripted_agenda(), sink, clock)
    holder.append(session.state)
    session.do(C.StartMeeting((ANA,)))
    assert sink.seen == [0], "the state had not moved when the sink was asked to save"
    before = replay(scripted_agenda(), session.state.events)
    sink.fail = True
    clock.advance(5)
    with pytest.raises(StorageError, match="no space left"):
        session.do(C.Queue(BO))
    assert session.state == before and len(sink.records) == 1
    sink.fail = False
    events = session.do(C.Queue(BO))
    assert [(e.seq, e.cmd) for e in events] == [(2, 2), (3, 2)], "no number was used up"
    assert replay(scripted_agenda(), [event_from_record(r) for r in sink.records]) == session.state


def test_a_read_event_equals_the_one_written_and_stays_frozen() -> None:
    # event_from_record builds the Event without its __init__ (replay speed): it must still
    # be the same value, hash alike, and refuse assignment like any frozen Event.
    import dataclasses

    from facilitator.core.events import Event

    read = event_from_record(_record())
    built = Event(
        type="Arrived",
        data={"name": "Bo Tran"},
        seq=1,
        cmd=1,
        at="2026-11-24T18:00:00.000Z",
        mono=1.5,
    )
    assert read == built and repr(read) == repr(built)
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.seq = 2  # type: ignore[misc]
    assert isinstance(event_from_record(_record(mono=2)).mono, float)


def test_gc_paused_restores_the_collector_as_it_was_even_on_error() -> None:
    import gc

    from facilitator.core.events import gc_paused

    assert gc.isenabled()
    with pytest.raises(KeyError), gc_paused():
        assert not gc.isenabled()
        raise KeyError("x")
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
