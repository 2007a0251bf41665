"""SVG snapshots of the run screen at 80x24, 100x30, 120x40 and 200x50, in the states a meeting passes through.

Each scenario drives the real app on a real journal (in a tmp folder) with a
FakeClock, so the pictures are the same on every run: the clock only moves when
a scenario advances it, the timer's tick is run by hand, text cursors do not
blink, and nothing waits on real time (`settle` waits on the app's own queue). Regenerate after a deliberate change to the look with
`.venv/bin/pytest tests/test_tui_snapshots.py --snapshot-update`, then look at
the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from tests import layout_support as L
from tests.tui_helpers import steady_cursors, tick

HOSTILE = "[bold]Alex[/]"
RTL = "שרה לוי"

Steps = Callable[[Any, FakeClock], Awaitable[None]]


pytestmark = pytest.mark.usefixtures("utc_zone")


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


# --- the layout at the four sizes (issue 11): 80x24 over SSH, 100x30 beside a video call,
# 120x40, 200x50 on a projector. The budget-call scenarios above gain the two new sizes;
# three more run on a bigger room (tests/layout_support.py).


async def long_proposal(pilot: Any, clock: FakeClock) -> None:
    """Version 2 of a long proposal in the consent stage, a few responses in, the two
    same-prefix board members among them."""
    await L.start(pilot)
    clock.advance(300)
    L.to_proposal(pilot)
    L.do(pilot, L.C.ConsentStage("consent"), L.C.Amend(L.VERSION_2, "reserve reviewed in June"))
    # The consent panel mounts now and takes its share of the height on the tick; the
    # responses come after, so the list scrolls in the panel's final size.
    await tick(pilot)
    L.do(pilot, L.C.Respond(L.WHITFIELD, "consent"), L.C.Respond(L.WHITCOMBE, "concern", "cost"))
    L.do(pilot, L.C.Queue("Amara Okoye"), L.C.GiveFloor(), L.C.Queue(L.WHITCOMBE))
    L.do(pilot, L.C.AddNote("Figures for the reserve to follow by Friday."))
    clock.advance(40)
    await pilot.pause()


async def round_58(pilot: Any, clock: FakeClock) -> None:
    """A check-in round of 58 people, half of them heard."""
    await L.start(pilot)
    L.do(pilot, L.C.StartRound())
    for _ in range(29):
        clock.advance(20)
        L.do(pilot, L.C.RoundNext())
    await pilot.pause()


async def confidential(pilot: Any, clock: FakeClock) -> None:
    """The confidential item running, with its note; someone on the floor."""
    await L.start(pilot)
    L.do(pilot, L.C.StartItem("item-3"))
    L.do(pilot, L.C.Queue(L.WHITFIELD), L.C.GiveFloor(), L.C.Queue("Carmen Okoye"))
    clock.advance(90)
    await pilot.pause()


LAYOUT_SIZES = {"80x24": (80, 24), "100x30": (100, 30), "120x40": (120, 40), "200x50": (200, 50)}
LAYOUT_CASES: list[tuple[str, Steps, int | None, str]] = [
    *(
        (name, SCENARIOS[name], None, size)
        for name in ("idle", "busy_stack")
        for size in ("100x30", "200x50")
    ),
    *(("long_proposal", long_proposal, 12, size) for size in LAYOUT_SIZES),
    *(("round_58", round_58, 58, size) for size in LAYOUT_SIZES),
    *(("confidential", confidential, 12, size) for size in LAYOUT_SIZES),
]
"""(scenario, steps, room size for `layout_support.agenda` or None for the budget call, size)."""


@pytest.mark.parametrize(
    ("scenario", "steps", "room", "size"),
    LAYOUT_CASES,
    ids=[f"{c[0]}-{c[3]}" for c in LAYOUT_CASES],
)
def test_layout_snapshot(
    snap_compare: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scenario: str,
    steps: Steps,
    room: int | None,
    size: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    steady_cursors(monkeypatch)
    clock = FakeClock()
    agenda = _agenda() if room is None else L.agenda(room)
    app = build_app(
        None, agenda=agenda, minutes_dir=Path("minutes"), clock=clock, settings=Settings()
    )
    notify = app.notify

    def lasting(*args: Any, **kwargs: Any) -> None:
        notify(*args, **{**kwargs, "timeout": 3600})

    monkeypatch.setattr(app, "notify", lasting)

    async def run_before(pilot: Any) -> None:
        await steps(pilot, clock)
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=LAYOUT_SIZES[size], run_before=run_before)
