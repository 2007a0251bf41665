"""The members' inbox in the core: a hand raised on a device is an event, waits apart from
the stack, and joins it only with the facilitator's key; undo and replay treat it like any
other act."""

from __future__ import annotations

import pytest

from facilitator.core import commands as C
from facilitator.core.clock import FakeClock
from facilitator.core.errors import DomainError
from facilitator.core.events import events_from_records
from facilitator.core.fold import replay
from facilitator.core.session import MemorySink, Session
from tests.web_support import PEOPLE, web_agenda


class Meeting(Session):
    """A session that keeps its journal in memory, so a test can replay it."""

    def __init__(self) -> None:
        self.sink = MemorySink()
        super().__init__(web_agenda(), self.sink, FakeClock())

    def replayed(self) -> object:
        return replay(self.agenda, events_from_records(self.sink.records))


def started() -> Meeting:
    s = Meeting()
    s.do(C.StartMeeting(present=tuple(PEOPLE)))
    s.do(C.StartItem())
    return s


def test_a_raised_hand_waits_apart_and_joins_on_accept() -> None:
    s = started()
    s.do(C.RaiseHand("Bo Tran", "process"), device="web:Bo Tran")
    s.do(C.RaiseHand("Chen Wu"), device="web:Chen Wu")
    assert [h.name for h in s.state.hands] == ["Bo Tran", "Chen Wu"]
    assert s.state.stack == []
    events = s.do(C.AcceptHand())
    assert events[0].type == "HandAccepted"
    assert [(e.name, e.kind) for e in s.state.stack] == [("Bo Tran", "process")]
    assert [h.name for h in s.state.hands] == ["Chen Wu"]  # oldest first
    assert s.replayed() == s.state


def test_undo_of_an_accept_puts_the_hand_back_in_the_inbox() -> None:
    s = started()
    s.do(C.RaiseHand("Bo Tran"), device="web:Bo Tran")
    s.do(C.AcceptHand())
    s.do(C.Undo())
    assert s.state.stack == [] and [h.name for h in s.state.hands] == ["Bo Tran"]
    assert s.replayed() == s.state


@pytest.mark.parametrize(
    ("setup", "command", "said"),
    [
        ((), C.AcceptHand(), "no hands are waiting"),
        ((), C.LowerHand("Bo Tran"), "no hand waiting"),
        ((C.RaiseHand("Bo Tran"),), C.RaiseHand("Bo Tran"), "already up"),
        ((C.Queue("Bo Tran"),), C.RaiseHand("Bo Tran"), "already in the stack"),
        ((), C.RaiseHand("Bo Tran", "shout"), "not a stack entry"),
        ((C.RaiseHand("Bo Tran"), C.Recuse("Bo Tran")), C.AcceptHand(), "cannot join the stack"),
    ],
)
def test_a_refused_inbox_command_writes_nothing(
    setup: tuple[object, ...], command: object, said: str
) -> None:
    s = started()
    for cmd in setup:
        s.do(cmd)
    before = list(s.sink.records)
    with pytest.raises(DomainError, match=said):
        s.do(command)
    assert s.sink.records == before
