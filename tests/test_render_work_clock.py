"""The tick's pace (`clock_view`) is exactly the part of the whole view that moves with time.

Issue 12: the run screen's 1-second tick builds only `clock_view(state, now)` and builds
the whole `MeetingView` again only when that changed. This holds only if every field of
the whole view that depends on `now` is in the clock view: checked here over a meeting's
life, second by second and hour by hour, on the pure view model (no app).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bench.tui_bench import _long_meeting, big_agenda_toml
from facilitator.core.clock import FakeClock
from facilitator.core.session import MemorySink, Session
from facilitator.tui.live import load_agenda
from facilitator.tui.view import MeetingView
from facilitator.tui.view_model import build_view, clock_view


def _without_pace(view: MeetingView) -> MeetingView:
    """The whole view with its pace taken out (to compare what is left)."""
    rows = tuple(replace(r, at_risk=False) for r in view.agenda)
    status = replace(view.status, planned_end="", projected_end="", at_risk=0)
    return replace(view, agenda=rows, status=status)


def test_the_clock_view_holds_everything_of_the_view_that_moves_with_time(tmp_path: Path) -> None:
    agenda_file = tmp_path / "big.toml"
    agenda_file.write_text(big_agenda_toml(people=12, items=8), encoding="utf-8")
    agenda = load_agenda(agenda_file)
    clock = FakeClock()
    session = Session(agenda, MemorySink(), clock)
    names = [p.name for p in agenda.participants if p.role != "observer"]
    moved = compared = 0
    for n, command in enumerate(_long_meeting(names)):
        if n >= 400:
            break
        clock.advance(4)
        session.do(command)
        state, now = session.state, clock.mono
        view = build_view(state, now)
        pace = clock_view(state, now)
        risky = tuple(sorted(r.item_id for r in view.agenda if r.at_risk))
        assert (pace.planned_end, pace.projected_end) == (
            view.status.planned_end,
            view.status.projected_end,
        )
        assert tuple(sorted(pace.at_risk)) == risky
        for later in (1.0, 59.0, 600.0, 7200.0):
            after = build_view(state, now + later)
            if clock_view(state, now + later) == pace:
                # The pace did not move: nothing else in the view did either.
                assert after == view, (n, later)
                compared += 1
            else:
                # It moved: the rest of the view is still the same.
                assert _without_pace(after) == _without_pace(view), (n, later)
                moved += 1
    # Both cases were seen many times.
    assert compared > 100 and moved > 100, (compared, moved)
