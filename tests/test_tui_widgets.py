"""Each widget and modal alone in a host app: what it shows, what it dismisses with, what it posts."""

from __future__ import annotations

from facilitator.tui.format import TimerState, countdown
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.screens.forms import Field, FormScreen, minutes_cleaner, person_cleaner
from facilitator.tui.screens.picker import Choice, PickerScreen, QuickKeyScreen, rank
from facilitator.tui.view import LogEntry, StackView, Ticking, Waiting
from facilitator.tui.widgets.item_log import ItemLog
from facilitator.tui.widgets.stack_panel import StackPanel
from tests.tui_helpers import HostApp, screen_text

HOSTILE = "[bold]Alex[/]"
PEOPLE = [
    Choice("Ana Lima", "Ana Lima", key="a"),
    Choice(HOSTILE, HOSTILE, key="x"),
    Choice("Bo Tran", "Bo Tran", "guest", "b"),
]


def test_countdown_states_have_labels_not_only_colour() -> None:
    assert countdown(600, 100).state is TimerState.OK
    assert countdown(600, 560).text.endswith("left, wrap up")
    over = countdown(600, 680)
    assert over.state is TimerState.OVER and over.text == "⛔ OVER +1:20"
    assert countdown(600, 100, paused=True).text.startswith("⏸ PAUSED")


def test_rank_is_fuzzy_and_keeps_order_for_empty_query() -> None:
    assert [c.value for c in rank(PEOPLE, "")] == ["Ana Lima", HOSTILE, "Bo Tran"]
    assert rank(PEOPLE, "btr")[0].value == "Bo Tran"
    assert rank(PEOPLE, "zzz") == []


async def test_picker_filters_and_enter_picks_the_best_match() -> None:
    app = HostApp(screen=PickerScreen("Queue who?", PEOPLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "l", "e", "x", "enter")
    assert app.results == [HOSTILE]


async def test_picker_escape_cancels() -> None:
    app = HostApp(screen=PickerScreen("Queue who?", PEOPLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
    assert app.results == [None]


async def test_quick_key_screen_picks_by_key_and_shows_names_literally() -> None:
    app = HostApp(screen=QuickKeyScreen("Queue by quick key", PEOPLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert HOSTILE in screen_text(app)
        await pilot.press("x")
    assert app.results == [HOSTILE]


async def test_form_validates_inline_then_submits_clean_values() -> None:
    names = ["Ana Lima", HOSTILE]
    form = FormScreen(
        "Extend",
        [
            Field("minutes", "Extra minutes", minutes_cleaner),
            Field("who", "Who", person_cleaner(names)),
        ],
    )
    app = HostApp(screen=form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x", "enter", "z", "enter")
        text = screen_text(app)
        assert "✗ write whole minutes, like 5" in text
        assert '✗ "z" is not a participant' in text
        assert app.results == []
        form.query_one("#field-minutes").value = "5"  # type: ignore[attr-defined]
        form.query_one("#field-who").value = "[BOLD]alex[/]"  # type: ignore[attr-defined]
        form.submit()
        await pilot.pause()
    assert app.results == [{"minutes": 300, "who": HOSTILE}]


async def test_confirm_defaults_to_no() -> None:
    app = HostApp(screen=ConfirmScreen("End the meeting?"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
    assert app.results == [False]


async def test_stack_panel_warns_past_the_speaker_limit_with_a_label() -> None:
    panel = StackPanel(id="stack-panel")
    app = HostApp(widget=panel)
    async with app.run_test(size=(80, 24)) as pilot:
        panel.stack = StackView(
            HOSTILE,
            "speak",
            Ticking(0.0, 0.0),
            120,
            (Waiting("Bo Tran", "process", "point of process goes first"),),
        )
        panel.now = 60.0
        await pilot.pause()
        assert panel.turn_state is TimerState.OK
        text = screen_text(app)
        assert HOSTILE in text and "‼ PROCESS" in text and "point of process goes first" in text
        panel.now = 130.0
        await pilot.pause()
        # Read afresh: mypy would keep the narrowing of the assert above on the attribute.
        later: TimerState = panel.turn_state
        assert later is TimerState.OVER
        assert "PAST LIMIT +0:10" in screen_text(app)


async def test_item_log_appends_only_new_rows_and_rebuilds_after_undo() -> None:
    log = ItemLog(id="item-log")
    app = HostApp(widget=log)
    async with app.run_test(size=(80, 24)) as pilot:
        first = (LogEntry("e1", "note", "[red]literal[/]"),)
        log.entries = first
        await pilot.pause()
        row_key = next(iter(log.rows))
        log.entries = (*first, LogEntry("e2", "action", "send it", HOSTILE))
        await pilot.pause()
        assert log.row_count == 2 and next(iter(log.rows)) == row_key  # first row kept, not redrawn
        assert "[red]literal[/]" in screen_text(app)
        log.entries = (LogEntry("e2", "action", "send it", HOSTILE),)  # e1 undone
        await pilot.pause()
        assert log.row_count == 1
