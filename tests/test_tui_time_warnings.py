"""Warnings before time runs out (issue 11): a visible change, not only the bell at zero.

The rules (`TimeAlerts`) are pure and tested directly; the settings that tune them are
read from real files; one Pilot run checks the wiring on the real run screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings, SettingsError, load_settings
from facilitator.tui.alerts import TimeAlerts
from facilitator.tui.app import FacilitatorApp, build_app
from facilitator.tui.format import TimerState
from facilitator.tui.view import ItemView, StackView, Ticking
from tests.test_tui_run import _agenda
from tests.tui_helpers import screen_text, tick


def _toasts(app: FacilitatorApp) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


def _item(planned: int = 300) -> ItemView:
    return ItemView(
        item_id="i1",
        title="[b]Budget[/b]",
        kind="discussion",
        owner=None,
        notes=None,
        proposal=None,
        planned=planned,
        elapsed=Ticking(),
        paused=False,
        status="running",
    )


def test_the_early_warning_shows_once_per_timebox_without_the_bell() -> None:
    alerts = TimeAlerts(bell=True, warn_before=60)
    ok = alerts.check(_item(), TimerState.OK, StackView(), TimerState.IDLE)
    first = alerts.check(_item(), TimerState.WARN, StackView(), TimerState.IDLE)
    again = alerts.check(_item(), TimerState.WARN, StackView(), TimerState.IDLE)
    extended = alerts.check(_item(600), TimerState.WARN, StackView(), TimerState.IDLE)
    assert ok == []
    assert [(a.message, a.ring) for a in first] == [
        ("1:00 left for “[b]Budget[/b]”: wrap up.", False)
    ]
    assert again == []
    assert len(extended) == 1  # an extension is a new timebox: it warns again


def test_time_up_rings_and_shows_and_can_be_silent() -> None:
    loud = TimeAlerts(bell=True).check(_item(), TimerState.OVER, StackView(), TimerState.IDLE)
    quiet = TimeAlerts(bell=False).check(_item(), TimerState.OVER, StackView(), TimerState.IDLE)
    assert [(a.ring, a.severity) for a in loud] == [(True, "error")]
    assert [(a.ring, a.message) for a in quiet] == [(False, "Time is up for “[b]Budget[/b]”.")]


def test_the_turn_limit_shows_a_warning_unless_turned_off() -> None:
    stack = StackView(speaker="Ana Lima", limit=60)
    shown = TimeAlerts(bell=True).check(None, TimerState.IDLE, stack, TimerState.OVER)
    bell_only = TimeAlerts(bell=True, turn_warning=False).check(
        None, TimerState.IDLE, stack, TimerState.OVER
    )
    assert [(a.message, a.ring) for a in shown] == [("Ana Lima: the turn limit is reached.", True)]
    assert [(a.message, a.ring) for a in bell_only] == [("", True)]


def test_no_early_warning_when_warn_before_is_zero() -> None:
    alerts = TimeAlerts(warn_before=0)
    assert alerts.check(_item(), TimerState.WARN, StackView(), TimerState.IDLE) == []


@pytest.mark.parametrize(
    ("written", "seconds"), [('"90s"', 90), ("2", 120), ("false", 0), ('"1m"', 60)]
)
def test_warn_before_is_read_from_the_settings_file(
    tmp_path: Path, written: str, seconds: int
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(f"bell = false\nwarn_before = {written}\nturn_warning = false\n")
    settings = load_settings(path)
    assert (settings.warn_before, settings.turn_warning) == (seconds, False)
    assert Settings().warn_before == 60 and Settings().turn_warning


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('warn_before = "soon"', ":2: warn_before: cannot read duration"),
        ("warn_before = true", ":2: warn_before:"),
        ('turn_warning = "yes"', ":2: turn_warning must be true or false"),
    ],
)
def test_bad_warning_settings_are_located(tmp_path: Path, line: str, says: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(f"bell = true\n{line}\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert says in str(caught.value)


async def test_the_run_screen_warns_a_minute_before_the_timebox_ends(tmp_path: Path) -> None:
    clock = FakeClock()
    app = build_app(
        None,
        agenda=_agenda(),
        minutes_dir=tmp_path / "minutes",
        clock=clock,
        settings=Settings(bell=True),
    )
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")  # start; the 5-minute check-in runs
        await pilot.pause()
        panel = app.screen.query_one("#item-panel")
        clock.advance(200)
        await tick(pilot)
        assert not panel.has_class("-time-warn")
        clock.advance(45)  # 55 seconds left
        await tick(pilot)
        assert panel.has_class("-time-warn")
        assert "left, wrap up" in screen_text(app)
        assert "1:00 left for “Check-in”: wrap up." in _toasts(app)
        assert rings == []  # the bell is for zero
        clock.advance(60)
        await tick(pilot)
        assert panel.has_class("-time-over") and not panel.has_class("-time-warn")
        assert "Time is up for “Check-in”." in _toasts(app)
        assert _toasts(app).count("wrap up") == 1  # once per crossing
    assert rings == [1]
