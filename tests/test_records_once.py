"""Records are defined once (issue 13): the minutes read the core's records, never their own.

The scan is static (AST, so a class defined inside a function counts too), over every
module of the layers; the walk is over the minutes of a real meeting, so a record the
minutes copy field by field into a class of their own would be seen.
"""

from __future__ import annotations

import ast
import dataclasses
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.core import records as core_records
from facilitator.processes.consent import model as consent_model
from facilitator.store import minutes_records
from facilitator.store.minutes_view import build
from tests.session_meetings import governance_meeting

PACKAGE = Path(__file__).resolve().parent.parent / "facilitator"

WRAPPED = {
    "Logged": (
        core_records.Action,
        core_records.Credit,
        core_records.Conflict,
        core_records.Presence,
    ),
    "Registered": (core_records.Decision,),
    "Spoken": (core_records.Turn,),
    "Heard": (consent_model.Response,),
    "HeldRound": (consent_model.ConsentRound,),
    "Integrated": (consent_model.Integration,),
}
"""Each minutes wrapper and the core records it may hold."""


def _classes(folder: Path, pattern: str = "*.py") -> dict[str, list[str]]:
    """Class name -> the files (relative) that define a class of that name."""
    out: dict[str, list[str]] = {}
    for path in sorted(folder.rglob(pattern)):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                out.setdefault(node.name, []).append(str(path.relative_to(PACKAGE)))
    return out


def test_the_scan_sees_the_records() -> None:
    """The scan itself finds what it looks for, so an empty overlap means something."""
    core = _classes(PACKAGE / "core")
    minutes = _classes(PACKAGE / "store", "minutes_*.py")
    assert {"Action", "Conflict", "Credit", "Decision", "Turn", "Attendee"} <= core.keys()
    assert {"MinutesDoc", "ItemRecord", "Logged", "Registered", "Spoken"} <= minutes.keys()


def test_no_class_is_defined_in_both_core_and_store() -> None:
    core = _classes(PACKAGE / "core")
    store = _classes(PACKAGE / "store")
    both = {name: (core[name], store[name]) for name in core.keys() & store.keys()}
    assert both == {}


def test_the_minutes_define_no_record_of_a_process() -> None:
    """The processes' models are core too (pure): the minutes hold their records, as the
    consent round's responses and integrations, and define none of the same name."""
    pure = _classes(PACKAGE / "core")
    for name, files in _classes(PACKAGE / "processes").items():
        if any(f.endswith(("model.py", "minutes.py", "methods.py")) for f in files):
            pure.setdefault(name, []).extend(files)
    minutes = _classes(PACKAGE / "store", "minutes_*.py")
    both = {name: (pure[name], minutes[name]) for name in pure.keys() & minutes.keys()}
    assert both == {}


@pytest.mark.parametrize("wrapper", sorted(WRAPPED))
def test_each_wrapper_holds_a_core_record(wrapper: str) -> None:
    """The `record` field of each minutes wrapper is typed with the core's own class."""
    cls = getattr(minutes_records, wrapper)
    hints = typing.get_type_hints(cls)
    expected = WRAPPED[wrapper]
    declared = hints["record"]
    if isinstance(declared, typing.TypeVar):
        assert declared.__constraints__ == expected
    else:
        assert (declared,) == expected
    for record in expected:
        assert record.__module__.startswith(("facilitator.core.", "facilitator.processes."))


def _walk(value: object) -> Iterator[object]:
    """Every dataclass instance inside `value` (itself included), depth first."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for v in value:
            yield from _walk(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)


def test_every_record_the_minutes_use_comes_from_core() -> None:
    """In the minutes of a whole meeting (private record: nothing left out), every
    record inside a wrapper is the core's class, and every kind of record is there."""
    doc = build(governance_meeting().session.state)
    found: set[type] = set()
    for obj in _walk(doc):
        name = type(obj).__name__
        if name in WRAPPED:
            record = obj.record  # type: ignore[attr-defined]
            assert isinstance(record, WRAPPED[name]), (name, type(record))
            found.add(type(record))
    assert found == {cls for classes in WRAPPED.values() for cls in classes}


def test_the_minutes_hold_copies() -> None:
    """A document built from a state never changes when the state moves on."""
    state = governance_meeting().session.state
    doc = build(state)
    held = doc.conflicts[0].record
    assert held is not state.conflicts[0]
    before = dataclasses.replace(held)
    state.conflicts[0].history.append("changed later")
    state.conflicts[0].status = "resolved"
    assert doc.conflicts[0].record == before
