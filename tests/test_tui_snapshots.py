"""SVG snapshots of the run screen at 80x24 and 120x40, in the states a meeting passes through.

Each scenario drives the real app on a real journal (in a tmp folder) with a
FakeClock, so the pictures are the same on every run: the clock only moves when
a scenario advances it, the timer's tick is run by hand, text cursors do not
blink, and nothing waits on real time (`settle` waits on the app's own queue). Regenerate after a deliberate change to the look with
`.venv/bin/pytest tests/test_tui_snapshots.py --snapshot-update`, then look at
the SVGs before committing them.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from tests.tui_helpers import steady_cursors, tick

HOSTILE = "[bold]Alex[/]"
RTL = "שרה לוי"

Steps = Callable[[Any, FakeClock], Awaitable[None]]


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The status line shows local clock times: pin the zone so the SVGs match anywhere.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _agenda() -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": "Budget call", "circle": "Finance", "quorum": 2},
            "stack": {"speaker_limit": "1m"},
            "participants": [
                {"name": "Ana Lima", "key": "a"},
                {"name": HOSTILE, "key": "x"},
                {"name": "Bo Tran", "key": "b", "priority": True},
                {"name": RTL, "key": "s"},
                {"name": "Chen Wu", "key": "c"},
                {"name": "Dee Okafor", "key": "d"},
                {"name": "Gus Guest", "role": "guest"},
            ],
            "items": [
                {"title": "Check-in", "kind": "round", "duration": 5},
                {
                    "title": "Adopt the budget",
                    "kind": "proposal",
                    "duration": 20,
                    "proposal": "We adopt the 2027 budget.",
                },
                {"title": "Next steps", "kind": "discussion", "duration": 10},
            ],
        }
    )


async def _quiet(pilot: Any) -> None:
    # Clear the toasts where the picture is taken (see `lasting`).
    pilot.app.clear_notifications()
    # Tick once: the item log's header is drawn a little differently before and after the
    # first redraw, so the picture is always taken after one.
    await tick(pilot)


async def _started(pilot: Any) -> None:
    await pilot.press("N")  # not started: the roll call opens
    await pilot.pause()
    await pilot.press("enter")  # everyone present; the first item starts
    await pilot.pause()


async def idle(pilot: Any, clock: FakeClock) -> None:
    """Just opened, nothing started: the empty stack and its hints."""
    await pilot.pause()


async def roll_call(pilot: Any, clock: FakeClock) -> None:
    """The roll call modal, every name ticked (the hostile and RTL names among them)."""
    await pilot.press("N")
    await pilot.pause()


async def busy_stack(pilot: Any, clock: FakeClock) -> None:
    """Someone speaking and seven waiting: process, direct, clarify and ordinary turns."""
    await _started(pilot)
    await pilot.press("k", "a", "n")  # Ana has the floor
    await pilot.pause()
    clock.advance(20)
    await pilot.press("k", "b", "k", "c", "k", "d", "k", "s")
    await pilot.press("p", *"chen", "enter")  # point of process
    await pilot.press("d", *"dee", "enter")  # direct response to Ana
    await pilot.press("c", *"alex", "enter")  # clarifying question
    await pilot.pause()


async def overrun(pilot: Any, clock: FakeClock) -> None:
    """The item past its timebox and the speaker past the limit, with someone waiting."""
    await _started(pilot)
    await pilot.press("k", "a", "n", "k", "b")
    await pilot.pause()
    clock.advance(400)
    await tick(pilot)  # the clocks are redrawn by the timer's tick


async def consent(pilot: Any, clock: FakeClock) -> None:
    """A consent round part-way: consents, a concern and an objection with its reason."""
    await _started(pilot)
    clock.advance(180)
    await pilot.press("N")  # the proposal
    await pilot.pause()
    await pilot.press("1", "1", "2", *"cost", "enter")  # Ana, Alex consent; Bo: a concern
    await pilot.pause()
    await pilot.press("4")  # the RTL name objects
    await pilot.pause()
    await pilot.press(*"too risky", "enter")
    await pilot.pause()


async def hostile_names(pilot: Any, clock: FakeClock) -> None:
    """A markup-looking name on the floor and an RTL name waiting, in the stack and the log."""
    await _started(pilot)
    await pilot.press("j", "enter")  # a round in circle order: Ana first
    await pilot.pause()
    clock.advance(30)
    await pilot.press("e")  # Ana done: the floor goes to [bold]Alex[/]
    await pilot.pause()
    await pilot.press("k", "s", "k", "b")
    await pilot.pause()


async def summary(pilot: Any, clock: FakeClock) -> None:
    """After ending: the summary with a decision and the talk time."""
    await _started(pilot)
    await pilot.press("k", "a", "n")
    clock.advance(90)
    await pilot.press("e", "k", "s", "n")
    clock.advance(45)
    await pilot.press("e", "N")
    await pilot.pause()
    await pilot.press("1", "1", "1", "1", "1", "1", "1")
    await pilot.pause()
    await pilot.press("O", "enter", "y")
    await pilot.pause()
    clock.advance(600)
    await pilot.press("E", "y")
    await pilot.pause()


SCENARIOS: dict[str, Steps] = {
    "idle": idle,
    "roll_call": roll_call,
    "busy_stack": busy_stack,
    "overrun": overrun,
    "consent": consent,
    "hostile_names": hostile_names,
    "summary": summary,
}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_snapshot(
    snap_compare: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scenario: str,
    size: str,
) -> None:
    # A relative minutes folder: the summary shows the minutes path, the same on every machine.
    monkeypatch.chdir(tmp_path)
    steady_cursors(monkeypatch)
    clock = FakeClock()
    app = build_app(
        None, agenda=_agenda(), minutes_dir=Path("minutes"), clock=clock, settings=Settings()
    )
    steps = SCENARIOS[scenario]
    notify = app.notify

    def lasting(*args: Any, **kwargs: Any) -> None:
        # Toasts time out on the real clock: keep them until `_quiet` clears them (those
        # under the summary stay, drawn the same every run).
        notify(*args, **{**kwargs, "timeout": 3600})

    monkeypatch.setattr(app, "notify", lasting)

    async def run_before(pilot: Any) -> None:
        await steps(pilot, clock)
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
