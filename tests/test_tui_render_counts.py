"""Work done per key and per tick on the run screen: it must not grow with the meeting.

Issue 12: every panel redrew on every command and every tick, changed or not, so a
long meeting got slower with every event. These tests count content updates
(`Static.update`, Textual's own hook for new content) and widget refreshes during a
tick and during a key, on the real app resumed from a real journal, and compare a
short meeting with a long one. They count work, never time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Static

from bench.tui_bench import prefill
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from tests.tui_helpers import settle, tick


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Counter[str]]]:
    """Per widget id (or class name): `update` = Static.update calls, `refresh` = refreshes."""
    seen: dict[str, Counter[str]] = {"update": Counter(), "refresh": Counter()}
    update, refresh = Static.update, Widget.refresh

    def counted_update(self: Static, *args: Any, **kwargs: Any) -> None:
        seen["update"][self.id or type(self).__name__] += 1
        update(self, *args, **kwargs)

    def counted_refresh(self: Widget, *args: Any, **kwargs: Any) -> Widget:
        seen["refresh"][self.id or type(self).__name__] += 1
        return refresh(self, *args, **kwargs)

    monkeypatch.setattr(Static, "update", counted_update)
    monkeypatch.setattr(Widget, "refresh", counted_refresh)
    yield seen


async def _work(tmp_path: Path, events: int, seen: dict[str, Counter[str]]) -> dict[str, Any]:
    """Counts for one tick, one `n` (give the floor) and one `e` (end the turn)."""
    journal, clock = prefill(tmp_path / f"m{events}", events)
    app = build_app(
        journal=journal, minutes_dir=journal.parent.parent, clock=clock, settings=Settings()
    )
    out: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "RunScreen", app.screen
        app.screen.query_one("#stack-panel").focus()
        await pilot.press("k", "a")  # someone waiting, so `n` has work to do
        await settle(pilot)
        for what, keys in (("tick", None), ("n", "n"), ("e", "e")):
            for counter in seen.values():
                counter.clear()
            clock.advance(1)
            if keys is None:
                await tick(pilot)
            else:
                await pilot.press(keys)
                await settle(pilot)
            out[what] = {name: Counter(counter) for name, counter in seen.items()}
    return out


async def test_a_tick_redraws_each_clock_once_and_nothing_else(
    tmp_path: Path, counts: dict[str, Counter[str]]
) -> None:
    work = await _work(tmp_path, 12, counts)
    updates = work["tick"]["update"]
    # The status line and the agenda's running row move with the clock: once each, not
    # twice (a forced re-push of an unchanged view came on top of the clock redraw).
    assert updates["status-line"] <= 1, updates
    assert updates["agenda-table"] <= 1, updates
    # Nothing about the log changes with the clock.
    assert not any("log" in name for name in updates), updates


async def test_a_key_leaves_unchanged_panels_alone(
    tmp_path: Path, counts: dict[str, Counter[str]]
) -> None:
    work = await _work(tmp_path, 12, counts)
    for key in ("n", "e"):
        updates = work[key]["update"]
        # Giving the floor and ending a turn change the stack and the status, never the
        # agenda table: the screen compares views and does not push an equal one.
        assert updates["agenda-table"] <= 1, (key, updates)
        assert updates["status-line"] <= 1, (key, updates)


async def test_work_per_key_and_tick_does_not_grow_with_the_meeting(
    tmp_path: Path, counts: dict[str, Counter[str]]
) -> None:
    short = await _work(tmp_path, 12, counts)
    long = await _work(tmp_path, 600, counts)
    for what in ("tick", "n", "e"):
        for kind in ("update", "refresh"):
            a, b = short[what][kind], long[what][kind]
            assert sum(a.values()) > 0, (what, kind)  # the counters saw the work at all
            # Per widget: the same work at 600 events as at 12. Scroll bars are left out:
            # the long meeting added items, so its agenda scrolls (agenda size, not length).
            grown = {
                name: (a[name], n)
                for name, n in b.items()
                if name != "ScrollBar" and n > a[name] + 1
            }
            assert not grown, (what, kind, grown)
