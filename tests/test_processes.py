"""The process registry: every process is whole, none clashes with the core or another, and
the core's tables are built from it (so a new process needs no edit to the core)."""

from __future__ import annotations

import dataclasses

import pytest

from facilitator.core import commands as C
from facilitator.core.decide import _COMMANDS, describe
from facilitator.core.events import EVENT_TYPES, Event, event_from_record, event_types
from facilitator.core.fold import HANDLERS
from facilitator.processes import PROCESSES, Process, by_name, for_kind
from facilitator.processes.consent.model import positions_for
from tests.engine_support import ANA, MEMBERS, on_item


@pytest.mark.parametrize("process", PROCESSES, ids=lambda p: p.name)
def test_each_process_is_whole(process: Process) -> None:
    assert process.commands and process.events
    # Every event it declares is folded and worded by it, and nothing else.
    assert set(process.folds) == set(process.events) == set(process.wording)
    assert process.quiet <= set(process.events)
    for command in process.commands:
        assert dataclasses.is_dataclass(command)
        assert command.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert by_name(process.name) is process
    for kind in process.kinds:
        assert for_kind(kind) is process


def test_the_core_tables_are_built_from_the_registry() -> None:
    seen_events: set[str] = set(EVENT_TYPES)
    seen_commands: set[type] = set()
    for process in PROCESSES:
        assert not set(process.events) & seen_events, process.name
        assert not set(process.commands) & seen_commands, process.name
        seen_events |= set(process.events)
        seen_commands |= set(process.commands)
        for event, keys in process.events.items():
            assert event_types()[event] == keys
            assert HANDLERS[event] is process.folds[event]
        for command, decider in process.commands.items():
            assert _COMMANDS[command] is decider
    assert set(event_types()) == seen_events == set(HANDLERS)


def test_a_process_event_is_read_back_with_its_payload_checked() -> None:
    record = {"type": "RoundAdvanced", "seq": 1, "cmd": 1, "at": "2026-12-02T10:00:00Z", "mono": 1}
    with pytest.raises(ValueError, match="RoundAdvanced event is missing name, passed"):
        event_from_record(record)
    event = event_from_record({**record, "name": ANA, "passed": True})
    assert describe([event]) == f"{ANA} passed in the round"
    assert describe([Event("ConsentStageChanged", {"stage": "consent"})]) == (
        "moved the proposal to consent"
    )


def test_the_process_commands_are_the_core_commands() -> None:
    """`commands.Respond` is the consent process's own class, not a copy of it."""
    from facilitator.processes.consent import model as consent
    from facilitator.processes.round import model as round_

    assert C.Respond is consent.Respond and C.RecordOutcome is consent.RecordOutcome
    assert C.StartRound is round_.StartRound and C.RoundPass is round_.RoundPass


def test_positions_for_follows_the_proposal() -> None:
    """What a member may answer on an item (the web view asks this): the rule's words while a
    proposal is open, nothing on other items or once it is decided."""
    m = on_item("item-3")
    discussion = m.state.items["item-3"]
    assert positions_for(m.state, discussion) == ()
    m.do(C.StartItem("item-4"))
    proposal = m.state.items["item-4"]
    assert positions_for(m.state, proposal) == ("consent", "concern", "stand-aside", "object")
    m.do(*(C.Respond(name, "consent") for name in MEMBERS), C.RecordOutcome("adopted"))
    assert positions_for(m.state, m.state.items["item-4"]) == ()
