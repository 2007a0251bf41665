"""The review app (`facilitator review`): Pilot tests at 80×24 and 120×40, and SVG snapshots."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, TabbedContent

from facilitator.cli import main
from facilitator.store.archive import Filters
from facilitator.store.settings import Settings
from facilitator.tui.review.app import ReviewApp, build_review_app
from facilitator.tui.review.commands import REVIEW_COMMANDS
from facilitator.tui.review.query import parse_search
from facilitator.tui.review.screens import MAX_ROWS, MinutesView, RegisterScreen
from facilitator.tui.review.trends import months_back, sparkline, talk_trends
from tests.archive_support import write_archive
from tests.tui_helpers import screen_text, settle, steady_cursors

TODAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 generated meetings plus the malformed files."""
    folder = tmp_path_factory.mktemp("review") / "minutes"
    write_archive(folder, 60, seed=11)
    return folder


def _app(folder: Path, **settings: Any) -> ReviewApp:
    return build_review_app(folder, settings=Settings(**settings), today=TODAY)


def _table(app: ReviewApp, tab: str) -> DataTable[Any]:
    return app.screen.query_one(f"#{tab}-table", DataTable)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_register_search_filters_and_open_minutes(small: Path, size: tuple[int, int]) -> None:
    app = _app(small)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "60 meetings · 7 skipped" in text and "Decision" in text
        header = next(line for line in text.splitlines() if " Date " in line)
        assert ("Review" in header) is (size[0] >= 100)  # narrow drops the column
        everything = app.archive.decisions(Filters(today=TODAY))
        assert _table(app, "decisions").row_count == min(MAX_ROWS, len(everything))
        app.screen.query_one("#review-search", Input).focus()
        await pilot.press(*"roof circle:finance")
        await pilot.pause()
        want = app.archive.decisions(Filters(today=TODAY, grep="roof", circle="finance"))
        assert want and _table(app, "decisions").row_count == len(want)
        assert f"{len(want)} decisions" in screen_text(app)
        await pilot.press("enter", "enter")  # to the table, then open the row
        await pilot.pause()
        assert isinstance(app.screen, MinutesView)
        assert app.screen.path.name == want[0].path
        assert want[0].meeting in screen_text(app)
        assert "+++" not in screen_text(app)  # the front matter is for machines
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)


async def test_tab_keys_switch_tabs_as_soon_as_the_app_opens(small: Path) -> None:
    # Issue 9: the keys 1–5 typed into the focused search box until Tab was pressed.
    app = _app(small)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        search = app.screen.query_one("#review-search", Input)
        for key, tab in zip(
            "23451", ("due", "actions", "conflicts", "talk", "decisions"), strict=True
        ):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == tab
        assert search.value == ""
        await pilot.press("slash", *"2025")  # in the search box the digits are a search
        await pilot.pause()
        assert (search.value, tabs.active) == ("2025", "decisions")
        await pilot.press("escape", "3")  # Esc leaves the box; the keys switch tabs again
        await pilot.pause()
        assert (search.value, tabs.active) == ("", "actions")


async def test_tabs_show_due_actions_conflicts_and_talk(small: Path) -> None:
    app = _app(small)
    async with app.run_test(size=(80, 24)) as pilot:
        _table(app, "decisions").focus()
        await pilot.press("2")
        await pilot.pause()
        due = app.archive.decisions(Filters(today=TODAY, due_within=0))
        assert due and _table(app, "due").row_count == len(due)
        assert "overdue" in screen_text(app)
        await pilot.press("3")
        await pilot.pause()
        assert _table(app, "actions").row_count == len(app.archive.actions(Filters(today=TODAY)))
        assert "[bold] Tom" in screen_text(app) or "[bold] Tom" not in {
            a.owner for a in app.archive.actions(Filters(today=TODAY))
        }
        await pilot.press("4")
        await pilot.pause()
        conflicts = app.archive.conflicts(Filters(today=TODAY))
        assert _table(app, "conflicts").row_count == len(conflicts)
        await pilot.press("5")
        await pilot.pause()
        people = talk_trends(app.archive.talk())
        assert _table(app, "talk").row_count == len(people)
        assert people[0].name in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert "per circle" in screen_text(app)
        assert _table(app, "talk").row_count == len(app.archive.circles())


async def test_cycling_filters_help_and_clear(small: Path) -> None:
    app = _app(small)
    async with app.run_test(size=(80, 24)) as pilot:
        _table(app, "decisions").focus()
        await pilot.press("c")
        await pilot.pause()
        first = app.archive.circles()[0]
        assert f"circle: {first}" in screen_text(app)
        want = app.archive.decisions(Filters(today=TODAY, circle=first))
        assert _table(app, "decisions").row_count == len(want)
        await pilot.press("o", "o")
        await pilot.pause()
        assert "outcome: adopted-with-concerns" in screen_text(app)
        await pilot.press("f1")
        await pilot.pause()
        assert "Review keys" in screen_text(app) and "Talk time per person" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # clears the filters
        await pilot.pause()
        everything = len(app.archive.decisions(Filters(today=TODAY)))
        assert "circle: " not in screen_text(app) and f"{everything} decisions" in screen_text(app)


async def test_keys_are_remappable_by_id(small: Path) -> None:
    app = _app(small, keys={"review-tab-talk": "t"})
    async with app.run_test(size=(80, 24)) as pilot:
        _table(app, "decisions").focus()
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query_one("#review-tabs").active == "talk"  # type: ignore[attr-defined]
        text = screen_text(app)
        assert "t Talk" in text and "5 Talk" not in text  # the tab's hint follows the key
        await pilot.press("f1")
        await pilot.pause()
        assert "Show talk time across meetings" in screen_text(app)


def test_every_binding_has_a_unique_review_id() -> None:
    ids = [s.id for s in REVIEW_COMMANDS]
    assert len(ids) == len(set(ids)) and all(i.startswith("review-") for i in ids)
    bindings = RegisterScreen.BINDINGS + MinutesView.BINDINGS + ReviewApp.BINDINGS
    assert all(getattr(b, "id", None) for b in bindings)


def test_search_box_syntax() -> None:
    q = parse_search("loan fund circle:finance outcome:adopted-w since:2025 until:2025-02 since:x")
    assert q.words == "loan fund" and q.circle == "finance"
    assert q.outcome == "adopted-with-concerns"
    assert q.until == dt.date(2025, 2, 28)
    assert q.problems and "since" in q.problems[0]
    assert parse_search("outcome:nope").problems
    assert parse_search("circle:").circle is None  # still typing


def test_sparkline_and_months() -> None:
    assert sparkline([0, 1, 8, 4]) == " ▁█▄"
    assert sparkline([0, 0]) == "  "
    assert months_back(dt.date(2026, 2, 10), 3) == [(2025, 12), (2026, 1), (2026, 2)]


def test_review_command_rejects_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(tmp_path / "nope")]) == 1
    assert "no such folder" in capsys.readouterr().err


def _snap_app(small: Path, monkeypatch: pytest.MonkeyPatch) -> ReviewApp:
    monkeypatch.chdir(small.parent)  # a relative folder: the title is the same on every machine
    steady_cursors(monkeypatch)  # the search box's cursor blinked on real time
    return _app(Path("minutes"))


def test_snapshot_register_80x24(
    snap_compare: Any, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def search(pilot: Any) -> None:
        await pilot.press("slash", *"garden")
        await settle(pilot)

    app = _snap_app(small, monkeypatch)
    assert snap_compare(app, terminal_size=(80, 24), run_before=search)


def test_snapshot_talk_120x40(
    snap_compare: Any, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def to_talk(pilot: Any) -> None:
        pilot.app.screen.query_one("#decisions-table").focus()
        await pilot.press("5")
        await settle(pilot)

    app = _snap_app(small, monkeypatch)
    assert snap_compare(app, terminal_size=(120, 40), run_before=to_talk)


async def test_the_search_hint_is_never_cut_mid_word(small: Path) -> None:
    # At 80 columns the hint read "… (Enter or Esc: back to th": it now leaves out how to
    # leave the box when the box is too narrow for it, and brings it back when wider.
    app = _app(small)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        search = app.screen.query_one("#review-search", Input)
        line = next(ln for ln in screen_text(app).splitlines() if "Search:" in ln)
        assert "until:" in line and "(Enter" not in line and "back to th" not in line
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert search.placeholder.endswith("(Enter or Esc: back to the table)")
        line = next(ln for ln in screen_text(app).splitlines() if "Search:" in ln)
        assert "back to the table)" in line
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert search.placeholder == "Search: words, circle:, outcome:, since:, until:"


@pytest.mark.parametrize("language", ["en", "es"])
async def test_conflicts_fit_80_columns_and_follow_a_resize(
    small: Path, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The last column ran past the screen at 80 columns, cut mid-word ("Bring a 1-y").
    from facilitator import i18n

    previous = i18n.set_screen_language(language)
    try:
        app = _app(small)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("4")
            await pilot.pause()
            table = _table(app, "conflicts")
            assert table.row_count > 0
            statuses = {str(table.get_row_at(r)[2]) for r in range(table.row_count)}
            assert statuses <= (
                {"open", "in progress"} if language == "en" else {"abierto", "en curso"}
            ), statuses
            assert table.virtual_size.width <= 80, table.virtual_size
            await pilot.resize_terminal(140, 40)
            await pilot.pause()
            wide = _table(app, "conflicts")
            assert 80 < wide.virtual_size.width <= 140
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert _table(app, "conflicts").virtual_size.width <= 80
    finally:
        i18n.set_screen_language(previous)


@pytest.mark.parametrize(
    ("language", "want"),
    [
        ("en", ["carried", "failed", "selection", "dot vote"]),
        ("es", ["aprobada", "rechazada", "selección", "por puntos"]),
    ],
)
def test_process_outcomes_read_in_the_screens_language(language: str, want: list[str]) -> None:
    # The register's outcome column said "carried" on a Spanish screen and "dot_vote" on any.
    from facilitator import i18n
    from facilitator.store.archive_rows import OutcomeHit
    from facilitator.tui.review.tables import outcome_row

    def hit(process: str, result: str | None) -> OutcomeHit:
        data = {"result": result} if result else {}
        return OutcomeHit(dt.date(2026, 11, 24), "", "M", "m.md", process, "t", "i", "s", data)

    previous = i18n.set_screen_language(language)
    try:
        hits = [hit("vote", "carried"), hit("vote", "failed"), hit("selection", None)]
        hits.append(hit("dot_vote", None))
        assert [outcome_row(h, 40)[2].plain for h in hits] == want
    finally:
        i18n.set_screen_language(previous)
