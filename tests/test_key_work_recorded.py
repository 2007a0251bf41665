"""Work done by a recorded key (space: pause, then resume) on the run screen.

Issue 12: the bench's `n` and `e` were refused at every meeting size (a toast each), so
the key a facilitator presses to change the meeting was not measured at all. Pausing and
resuming the running item changes the item panel's timer (the agenda's running row keeps
its mark and its minutes);
it drew the item's heading again too, identical, with `Static.update`'s layout of the
whole screen, a full repaint of every panel. These tests count that work (content
updates, refreshes, layouts), never time, at 12 and at 10,000 events.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.dom import DOMNode

from facilitator.tui.screens.run_screen import RunScreen
from tests.test_tui_render_counts import counts, running_big
from tests.tui_helpers import settle, tick

__all__ = ["counts"]  # the fixture, shared with test_tui_render_counts


@pytest.fixture
def restyled(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Nodes restyled (`App.update_styles`: a class change restyles the node and all in it),
    by id or class name, each counted with its descendants."""
    seen: Counter[str] = Counter()
    update_styles = App.update_styles

    def counted(self: App[Any], node: DOMNode, animate: bool = True) -> None:
        for each in node.walk_children(with_self=True):
            seen[each.id or type(each).__name__] += 1
        update_styles(self, node, animate)

    monkeypatch.setattr(App, "update_styles", counted)
    return seen


@pytest.fixture
def cells(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Agenda rows whose cells were built (`agenda_panel._cells`), under `agenda-table`."""
    from facilitator.tui.widgets import agenda_panel

    seen: Counter[str] = Counter()
    build = agenda_panel._cells

    def counted(*args: Any) -> Any:
        seen["agenda-table"] += 1
        return build(*args)

    monkeypatch.setattr(agenda_panel, "_cells", counted)
    return seen


async def _space(
    tmp_path: Path, events: int, seen: dict[str, Counter[str]], *, over: bool = False
) -> dict[str, Any]:
    """Counts for one space (pause) and one more (resume), resumed at `events` on the
    24-item, 60-person agenda with an item running (past its timebox: `over`); and the
    events they recorded."""
    out: dict[str, Any] = {}
    async with running_big(tmp_path / f"s{events}", events) as (pilot, screen, clock):
        clock.advance(150)  # past the first minute's `<1m` (see test_tui_render_counts)
        item = screen.meeting.state.current_item
        assert item is not None
        if over:  # the same state at every size: its frame is red, and stays red on pause
            clock.advance(item.planned + 60)
        await tick(pilot)
        for what, status in (("pause", "paused"), ("resume", "running")):
            for counter in seen.values():
                counter.clear()
            recorded = len(screen.meeting.state.events)
            frame = _frame(screen)
            await pilot.press("space")
            await settle(pilot)
            out[f"{what} frame"] = frame == _frame(screen)
            out[f"{what} shows"] = _frame(screen)
            item = screen.meeting.state.current_item
            assert item is not None and item.status == status, (what, item)
            out[what] = {name: Counter(counter) for name, counter in seen.items()}
            out[what]["recorded"] = len(screen.meeting.state.events) - recorded
    return out


def _frame(screen: RunScreen) -> set[str]:
    """The warnings the item panel's frame shows (the classes run.tcss draws it by)."""
    return set(screen.query_one("#item-panel").classes) & {"-time-warn", "-time-over"}


async def test_pause_and_resume_leave_the_heading_and_the_other_panels_alone(
    tmp_path: Path, counts: dict[str, Counter[str]], restyled: Counter[str], cells: Counter[str]
) -> None:
    seen = {**counts, "restyle": restyled, "cells": cells}
    for events in (12, 10_000):
        work = await _space(tmp_path, events, seen)
        for what in ("pause", "resume"):
            step = work[what]
            assert step["recorded"] == 1, (events, what, step)  # a recorded key, not refused
            updates, layout = step["update"], step["layout"]
            # The timer line moved (paused / running): drawn once.
            assert updates["item-timer"] == 1, (events, what, updates)
            # The heading (title, kind, owner) is the same: not drawn again, and no
            # layout of the screen for it.
            assert updates["item-heading"] == 0, (events, what, updates)
            assert layout["item-heading"] == 0, (events, what, layout)
            # The agenda: nothing. The running row keeps its ▶ and its minutes (a row is
            # drawn by what it shows; it was drawn anew on every pause). The stack and the
            # log are not drawn either.
            assert updates["agenda-table"] == 0, (events, what, updates)
            others = {
                n: c for n, c in updates.items() if n.startswith(("stack", "log", "item-log"))
            }
            assert not others, (events, what, others)
            # Not the whole agenda either (its `rows` reactive repainted it all).
            assert step["whole"]["agenda-panel"] == 0, (events, what, step["whole"])
            # And no row's cells are built: all 24 come from the cache.
            assert step["cells"]["agenda-table"] == 0, (events, what, step["cells"])
            # Nothing repaints the whole run screen: the screen Textual leaves under it did,
            # on every message it got (the type-ahead gate's, several a key), so every key
            # drew all the panels again, changed or not.
            assert step["refresh"]["RunScreen"] == 0, (events, what, step["refresh"])
            # Within its time, the timer is not restyled: the paused look is inline styles
            # (`timer_look`), and the line keeps its class. It was restyled on every press
            # (-ok <-> -paused), about half the item panel's work on the key. A line past
            # its timebox drops its red (-over) while paused: restyled once (one class at a
            # time restyled it twice), and once more with the panel when its frame changed.
            restyle = step["restyle"]
            own = 0 if not work[f"{what} shows"] else 1
            assert restyle["item-timer"] == own + restyle["item-panel"], (events, what, restyle)
            # The panel's frame did not change (no warning came or went): neither it nor
            # what is in it is restyled.
            if work[f"{what} frame"]:
                assert step["restyle"]["item-panel"] == 0, (events, what, step["restyle"])
                assert step["restyle"]["item-heading"] == 0, (events, what, step["restyle"])
        assert work["pause frame"] or events != 12, work  # at 12 events the frame is plain


async def test_pausing_an_overrun_item_keeps_its_red_frame_and_restyles_only_the_timer(
    tmp_path: Path, counts: dict[str, Counter[str]], restyled: Counter[str]
) -> None:
    # The timer line says "⏸ PAUSED · ⛔ OVER +1:00": the frame says the same. Before, the
    # pause took the red frame away, which restyled the panel and all six widgets in it
    # (~4 ms of the key in a real terminal), and the resume restyled them all again.
    work = await _space(tmp_path, 12, {**counts, "restyle": restyled}, over=True)
    for what in ("pause", "resume"):
        assert work[f"{what} frame"], (what, work)  # the frame did not change:
        assert work[f"{what} shows"] == {"-time-over"}, (what, work)  # still red
        restyle = work[what]["restyle"]
        assert restyle["item-timer"] == 1, (what, restyle)  # its colour: paused / running
        assert restyle["item-panel"] == 0 and restyle["item-heading"] == 0, (what, restyle)
        # Nor is the panel repainted whole: it draws only its frame, and a repaint of it
        # drew every line in it again (its reactives repainted it, twice a pause).
        whole = work[what]["whole"]
        assert whole["item-panel"] == 0 and whole["item-heading"] == 0, (what, whole)


async def test_pause_and_resume_do_no_more_work_at_10000_events_than_at_12(
    tmp_path: Path, counts: dict[str, Counter[str]], restyled: Counter[str]
) -> None:
    seen = {**counts, "restyle": restyled}
    # Past the timebox at both sizes (the long meeting's item is): the same frame change.
    short = await _space(tmp_path, 12, seen, over=True)
    long = await _space(tmp_path, 10_000, seen, over=True)
    for what in ("pause", "resume"):
        for kind in ("update", "refresh", "layout", "whole", "restyle"):
            a, b = short[what][kind], long[what][kind]
            if kind not in ("layout", "whole"):
                assert sum(a.values()) > 0, (what, kind)  # the counters saw the work at all
            # Left out: scroll bars (the long meeting added items, so its agenda scrolls:
            # the agenda's size, not the meeting's length) and the screen's own refreshes
            # (the frames Textual's timer composes while the test waits: wall time).
            grown = {
                name: (a[name], n)
                for name, n in b.items()
                if name not in ("ScrollBar", "RunScreen") and n > a[name]
            }
            assert not grown, (what, kind, grown)


async def test_the_type_ahead_gate_leaves_idle_widgets_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The gate's barrier posted a callback to each of the 9 widgets it watches on the run
    # screen, every round (3 a key): 27 messages, idle events and task wake-ups a pause,
    # interleaved with the pause's own path (~10 ms of the key in a real terminal). A widget
    # parked on an empty queue has nothing to wait for; the app and the screens are waited
    # for every round.
    from facilitator.tui import type_ahead

    posted: Counter[str] = Counter()
    barrier = type_ahead.KeyGate._barrier
    rounds = 0

    async def counted(self: type_ahead.KeyGate) -> bool:
        nonlocal rounds
        rounds += 1
        return await barrier(self)

    rest = type_ahead._at_rest

    def at_rest(pump: Any) -> bool:
        resting = rest(pump)
        if not resting:
            posted[type(pump).__name__] += 1
        return resting

    monkeypatch.setattr(type_ahead.KeyGate, "_barrier", counted)
    monkeypatch.setattr(type_ahead, "_at_rest", at_rest)
    async with running_big(tmp_path / "gate", 12) as (pilot, _screen, _clock):
        await tick(pilot)
        posted.clear()
        rounds = 0
        for _ in range(4):
            await pilot.press("space")
            await settle(pilot)
        assert rounds >= 8  # the gate watched every key settle: 2 rounds at least
        # Every round waits for the app and the run screen; the focused stack panel is
        # waited for while the key passes through it. No other widget is.
        assert posted["FacilitatorApp"] == rounds and posted["RunScreen"] == rounds, posted
        others = {
            name: n for name, n in posted.items() if name not in ("FacilitatorApp", "RunScreen")
        }
        assert sum(others.values()) <= 4 * 2, (others, rounds)  # was 7 widgets x every round
