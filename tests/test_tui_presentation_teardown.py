"""The presentation view (⇧P) taken down while the run screen keeps pushing to it.

The run screen pushes every change and every tick to the presentation view until the
dismissal's callback tells it the view is gone, a turn of its queue after Escape; and
when the app exits with the view open there is no dismissal at all. A push in those
windows must draw nothing and raise nothing; a view opened again at once gets the pushes,
and keys typed ahead across ⇧P and Escape land on the screen they were typed for, in order.
What is counted is the view's draws and the journal, never the time. Real app, real
journal, FakeClock.

The first attempt at this (a flag named `_closing` set on the view at Escape) hung the app:
`_closing` is Textual's own MessagePump flag; set before the pop, Textual dropped the
screen's Prune message, its removal waited for ever, and the app's queue with it.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.message_pump import MessagePump

from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from facilitator.tui.screens.presentation import PresentationScreen, Presented
from facilitator.tui.screens.run_screen import RunScreen
from tests.meeting_script import scripted_agenda
from tests.test_tui_typeahead import journal_events, key_event, make_app, start
from tests.tui_helpers import settle


def _app(tmp_path: Path) -> FacilitatorApp:
    return build_app(
        None, agenda=scripted_agenda(), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )


def _count_draws(pres: PresentationScreen) -> list[bool]:
    """Each later draw of `pres`, as whether it was on the app's screen stack then."""
    draws: list[bool] = []
    real: Callable[[Presented], None] = pres._draw

    def counted(p: Presented) -> None:
        draws.append(pres.is_attached and pres in pres.app.screen_stack)
        real(p)

    pres._draw = counted  # type: ignore[method-assign]
    return draws


async def _presenting(app: FacilitatorApp, pilot: object) -> tuple[RunScreen, PresentationScreen]:
    await pilot.press("N", "enter")  # type: ignore[attr-defined]
    await settle(pilot)
    run = app.screen
    assert isinstance(run, RunScreen)
    await pilot.press("P")  # type: ignore[attr-defined]
    await settle(pilot)
    pres = app.screen
    assert isinstance(pres, PresentationScreen) and run.presentation is pres
    return run, pres


async def test_a_push_right_after_escape_draws_nothing(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        run, pres = await _presenting(app, pilot)
        draws = _count_draws(pres)
        run.refresh_state()
        assert draws == [True]  # open: a push is drawn
        pres.action_close()
        assert isinstance(app.screen, RunScreen)
        assert run.presentation is pres  # the callback has not run yet: the window
        run.refresh_state()
        run.tick()
        assert draws == [True]  # nothing drawn on a screen already off the stack
        await settle(pilot)
        assert run.presentation is None
        assert not pres.is_attached  # removed: its removal finished (it hung once)
        run.refresh_state()
        assert draws == [True]


async def test_the_view_opened_again_at_once_gets_the_pushes(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        run, first = await _presenting(app, pilot)
        # Typed ahead: Escape and ⇧P both queued before either runs.
        app.post_message(events.Key("escape", None))
        app.post_message(events.Key("P", "P"))
        await settle(pilot)
        again = app.screen
        assert isinstance(again, PresentationScreen) and again is not first
        assert run.presentation is again
        draws = _count_draws(again)
        run.refresh_state()
        assert draws == [True]


async def test_present_again_before_the_dismissal_s_callback_opens_a_new_view(
    tmp_path: Path,
) -> None:
    # Escape and ⇧P in one turn of the loop, before the old view's callback has run: the
    # ⇧P was ignored (the run screen still held the closed view), and the late callback
    # must not make the run screen forget the new one.
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        run, first = await _presenting(app, pilot)
        first.action_close()
        run.action_presentation()
        again = app.screen
        assert isinstance(again, PresentationScreen) and again is not first
        await settle(pilot)
        assert app.screen is again and run.presentation is again
        assert isinstance(again, PresentationScreen)
        draws = _count_draws(again)
        run.refresh_state()
        assert draws == [True]


async def test_exiting_with_the_view_open_while_pushes_arrive(tmp_path: Path) -> None:
    app = _app(tmp_path)
    errors: list[BaseException] = []
    pushes = [0]
    async with app.run_test(size=(100, 30)) as pilot:
        run, pres = await _presenting(app, pilot)
        draws = _count_draws(pres)
        view, now = run._pushed, run.meeting.now()
        stop = asyncio.Event()

        async def pushing() -> None:
            # As the run screen's tick would, at every turn of the loop through the teardown.
            while not stop.is_set():
                try:
                    run.show_presentation(view, now)
                    pushes[0] += 1
                except BaseException as exc:  # any of them is the failure
                    errors.append(exc)
                    return
                await asyncio.sleep(0)

        task = asyncio.create_task(pushing())
        await asyncio.sleep(0)
        app.exit()
    for _ in range(20):  # a few more turns after the app is gone
        await asyncio.sleep(0)
    stop.set()
    await task
    assert errors == []
    assert app._exception is None
    assert pushes[0] > len(draws)  # pushes arrived while it went down, and were not drawn
    assert all(draws), "a draw after the app let go of the view"


# --- type-ahead across ⇧P and Escape ------------------------------------------------------

# Queue three people, open the view, give the floor there, close it and open it again at
# once, queue someone from the view (the quick-key picker opens over it), close it with ⇧P,
# give the floor on the run screen, open and close it twice more, and end with it open.
KEYS = [
    *("k", "a", "k", "e", "k", "k"),
    *("P", "n", "escape", "P", "k", "b", "P", "n"),
    *("P", "escape", "P", "escape", "P"),
]


async def _typed(tmp: Path, how: str) -> tuple[list[dict[str, Any]], list[str], list[bool]]:
    app = make_app(tmp)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        for key in KEYS:
            app.post_message(key_event(key))
            if how == "slow":
                await app.keys.settled()
        await app.keys.settled()
        await settle(pilot)
        stack = [type(s).__name__ for s in app.screen_stack]
        run = app.screen_stack[1]
        assert isinstance(run, RunScreen)
        draws = _count_draws(app.screen) if isinstance(app.screen, PresentationScreen) else []
        run.refresh_state()
        assert run.presentation is app.screen
        assert app.keys.pending == 0
    assert app._exception is None
    return journal_events(tmp), stack, draws


async def test_keys_typed_ahead_across_present_and_escape_equal_slow_typing(
    tmp_path: Path,
) -> None:
    slow, slow_stack, slow_draws = await _typed(tmp_path / "slow", "slow")
    fast, fast_stack, fast_draws = await _typed(tmp_path / "burst", "burst")
    assert fast == slow
    assert fast_stack == slow_stack == ["Screen", "RunScreen", "PresentationScreen"]
    assert fast_draws == slow_draws == [True]  # the last view opened gets the pushes
    queued = [r["name"] for r in slow if r["type"] == "SpeakerQueued"]
    floor = [r["name"] for r in slow if r["type"] == "FloorGiven"]
    # `n` in the view gave Ana the floor; Bo, queued from the view, has priority: the `n`
    # typed on the run screen after ⇧P closed the view gave it to him.
    assert queued == ["Ana Lima", "Efua Mensah", "Kofi Boateng", "Bo Tran"]
    assert floor == ["Ana Lima", "Bo Tran"]


# --- Textual's own flags -------------------------------------------------------------------


def test_no_widget_of_ours_sets_textual_s_message_pump_flags() -> None:
    # MessagePump's own state (`_closing`, `_closed`, `_running`, `_task`…): a widget or a
    # screen that sets one under the same name changes how Textual takes it down.
    source = inspect.getsource(MessagePump.__init__)
    flags = set(re.findall(r"self\.(_\w+)\s*(?::[^=\n]+)?=", source)) | {"_pruning"}
    assert {"_closing", "_closed", "_running", "_task"} <= flags
    root = Path(__file__).resolve().parent.parent / "facilitator"
    found = [
        f"{path.relative_to(root)}:{n}: {line.strip()}"
        for path in sorted(root.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for m in re.finditer(r"self\.(_\w+)\s*(?::[^=\n]+)?=(?!=)", line)
        if m.group(1) in flags
    ]
    assert found == []
