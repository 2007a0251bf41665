"""An idle tick paints only the lines whose text moved with the clock (issue 12).

Each second the run screen hands the new time to its panels. Their `now` reactives
used to repaint each whole panel (Textual's default) on top of what their watchers
drew, and with no item running the item timer was blanked again with a layout of
the whole screen, so every tick painted about a hundred lines at 120x40. This counts
the lines Textual styles for the screen (`StylesCache.render_line`, every line a
frame paints goes through it) and the layouts, on the real app resumed from a real
journal: work done, never time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual._styles_cache import StylesCache
from textual.widget import Widget

from facilitator.core import commands as C
from facilitator.core.clock import FakeClock
from facilitator.core.session import Session
from facilitator.store.journal import FileOps, Journal, journal_path, make_header
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from facilitator.tui.live import load_agenda
from tests.tui_helpers import settle, tick

SAMPLE = Path(__file__).parent.parent / "agendas" / "monthly-member-call.toml"


@pytest.fixture
def painted(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """`lines`: lines styled for painting; `layouts`: refreshes that lay the screen out."""
    seen = {"lines": 0, "layouts": 0}
    render_line, refresh = StylesCache.render_line, Widget.refresh

    def counted_line(self: StylesCache, *args: Any, **kwargs: Any) -> Any:
        seen["lines"] += 1
        return render_line(self, *args, **kwargs)

    def counted_refresh(self: Widget, *args: Any, **kwargs: Any) -> Widget:
        seen["layouts"] += bool(kwargs.get("layout"))
        return refresh(self, *args, **kwargs)

    monkeypatch.setattr(StylesCache, "render_line", counted_line)
    monkeypatch.setattr(Widget, "refresh", counted_refresh)
    yield seen


def _journal(folder: Path, commands: list[Any]) -> tuple[Path, FakeClock]:
    agenda = load_agenda(SAMPLE)
    clock = FakeClock()
    path = journal_path(folder, "ticks")
    no_fsync = FileOps(fsync=lambda fd: None)  # the fixture only
    with Journal.create(path, make_header(agenda, None, clock.wall), ops=no_fsync) as journal:
        session = Session(agenda, journal, clock)
        for command in commands:
            clock.advance(4)
            session.do(command)
    return path, clock


def _names() -> list[str]:
    return [p.name for p in load_agenda(SAMPLE).participants if p.role != "observer"]


async def _per_tick(folder: Path, commands: list[Any], painted: dict[str, int]) -> list[int]:
    """Lines painted by each of 5 ticks (after the first frame and two ticks to settle)."""
    journal, clock = _journal(folder, commands)
    app = build_app(
        journal=journal, minutes_dir=journal.parent.parent, clock=clock, settings=Settings()
    )
    lines: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "RunScreen", app.screen
        for n in range(7):
            painted["lines"] = painted["layouts"] = 0
            clock.advance(1)
            await tick(pilot)
            if n >= 2:
                assert painted["layouts"] == 0, "a tick laid the whole screen out"
                lines.append(painted["lines"])
    return lines


async def test_a_tick_with_someone_speaking_paints_the_turn_clock_alone(
    tmp_path: Path, painted: dict[str, int]
) -> None:
    names = _names()
    speaking = [C.StartMeeting(tuple(names)), C.StartItem(None), C.Queue(names[0]), C.GiveFloor()]
    # The turn clock's line moves every second; the item timer's and the status line's
    # may too. Nothing else: not the agenda, the stack's list, the log, the footer.
    assert max(await _per_tick(tmp_path / "a", speaking, painted)) <= 3


async def test_a_tick_between_items_paints_next_to_nothing(
    tmp_path: Path, painted: dict[str, int]
) -> None:
    names = _names()
    between = [C.StartMeeting(tuple(names)), C.StartItem(None), C.FinishItem()]
    # No clock runs but the status line's: the blank item timer is not blanked again.
    assert max(await _per_tick(tmp_path / "b", between, painted)) <= 1
