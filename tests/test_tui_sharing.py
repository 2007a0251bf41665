"""The sharing toggle (⇧S), the end summary under it, and the presentation view (⇧P), in the
real app on a real journal, driven with Pilot and a FakeClock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.widgets import DataTable, Digits, OptionList, Static

from facilitator.core import commands as C
from facilitator.core import shared_screen as share
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings, load_settings
from facilitator.tui.app import build_app
from facilitator.tui.screens.presentation import PresentationScreen
from facilitator.tui.screens.run_screen import RunScreen
from facilitator.tui.screens.summary import SummaryScreen
from tests.tui_helpers import screen_text, settle, tick

SECRET = "ZQX-SECRET"
"""A canary in the confidential item's title, notes, proposal and log."""
OFF = "ZQX-OFFREC"
"""A canary recorded off the record."""


def agenda() -> Agenda:
    """Four members; a discussion, a confidential proposal, an open proposal."""
    return Agenda.model_validate(
        {
            "meeting": {"title": "Member call", "quorum": 2},
            "stack": {"speaker_limit": "2m"},
            "participants": [
                {"name": "Ana Lima", "key": "a"},
                {"name": "Bo Tran", "key": "b"},
                {"name": "Chen Wu", "key": "c"},
                {"name": "Dee Okafor", "key": "d"},
            ],
            "items": [
                {"title": "Outreach plan", "kind": "discussion", "duration": 15},
                {
                    "title": f"Hardship loan {SECRET}",
                    "kind": "proposal",
                    "duration": 20,
                    "notes": f"Prep {SECRET}",
                    "proposal": f"Lend {SECRET} 500.",
                    "confidential": True,
                },
                {
                    "title": "Join the campaign",
                    "kind": "proposal",
                    "duration": 10,
                    "proposal": "We join the regional buy-local campaign.",
                },
            ],
        }
    )


def all_text(app: Any) -> str:
    """What the screen shows, and everything its widgets hold (scrolled out of sight too)."""
    out = [screen_text(app)]
    for widget in app.screen.query("*"):
        if isinstance(widget, Static):
            content = widget.content
            out.append(content.plain if isinstance(content, Text) else str(content))
        elif isinstance(widget, DataTable):
            for row in range(widget.row_count):
                out += [str(cell) for cell in widget.get_row_at(row)]
        elif isinstance(widget, OptionList):
            out += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
        if widget.border_title:
            out.append(str(widget.border_title))
    return "\n".join(out)


async def _confidential_item(pilot: Any) -> Any:
    """The meeting started, with things off the record on item 1 and item 2 running."""
    app = pilot.app
    await pilot.press("N", "enter")
    await settle(pilot)
    run = app.screen
    run.do(C.AddAction("Print the flyer", "Ana Lima"))
    run.do(C.SetOffRecord(True))
    run.do(C.AddAction(f"Call {OFF}", "Bo Tran"))
    run.do(C.SetOffRecord(False))
    run.do(C.FinishItem())
    run.do(C.StartItem("item-2"))
    run.do(C.AddNote(f"Note {SECRET}"))
    run.do(C.AddAction(f"Pay {SECRET}", "Bo Tran", "fri"))
    run.do(C.LogCredit("Ana Lima", f"Work {SECRET}"))
    run.do(C.ConsentStage("consent"))
    run.do(C.Respond("Ana Lima", "concern", f"worry {SECRET}"))
    await settle(pilot)
    return run


async def test_sharing_hides_every_canary_and_not_sharing_shows_them(tmp_path: Path) -> None:
    app = build_app(
        None, agenda=agenda(), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await _confidential_item(pilot)
        before = all_text(app)
        assert SECRET in before and "⧉ sharing" not in before
        await pilot.press("S")
        await settle(pilot)
        shared = all_text(app)
        assert SECRET not in shared
        assert "⧉ sharing" in screen_text(app).splitlines()[0]
        assert share.CONFIDENTIAL_TITLE in screen_text(app)
        assert share.HIDDEN in screen_text(app)
        # Pickers opened while sharing name the item neutrally too.
        await pilot.press("i")
        await settle(pilot)
        assert SECRET not in all_text(app)
        await pilot.press("escape")
        # So does the action picker (⇧T): by id alone for a confidential or off-record one.
        await pilot.press("T")
        await settle(pilot)
        assert SECRET not in all_text(app) and OFF not in all_text(app)
        assert "Print the flyer" in all_text(app)
        await pilot.press("escape")
        # Back on item 1: the off-the-record action is hidden, the other stays.
        run = app.screen
        assert isinstance(run, RunScreen)
        run.do(C.ConsentByException())
        run.do(C.RecordOutcome("adopted-with-concerns"))
        run.do(C.StartItem("item-1"))
        await settle(pilot)
        assert OFF not in all_text(app) and "Print the flyer" in all_text(app)
        await pilot.press("S")
        await settle(pilot)
        assert OFF in all_text(app) and "⧉ sharing" not in screen_text(app)


async def test_the_sharing_setting_starts_it_on(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("sharing = true\n", encoding="utf-8")
    app = build_app(
        None,
        agenda=agenda(),
        minutes_dir=tmp_path,
        clock=FakeClock(),
        settings=load_settings(path),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await _confidential_item(pilot)
        assert SECRET not in all_text(app)
        assert "⧉ sharing" in screen_text(app)


async def test_the_summary_follows_sharing(tmp_path: Path) -> None:
    app = build_app(
        None, agenda=agenda(), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(100, 40)) as pilot:
        run = await _confidential_item(pilot)
        await pilot.press("S")
        run.do(C.ConsentByException())
        run.do(C.RecordOutcome("adopted-with-concerns"))
        run.end_meeting()
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        text = all_text(app)
        assert SECRET not in text and OFF not in text
        assert f"2 actions {share.HIDDEN}" in text and "Print the flyer" in text
        # The facilitator can look at everything once the screen is no longer shared.
        await pilot.press("S")
        await settle(pilot)
        text = all_text(app)
        assert f"🔒 Pay {SECRET}" in text and f"Call {OFF}" in text


async def test_the_presentation_view_opens_updates_and_closes(tmp_path: Path) -> None:
    clock = FakeClock()
    app = build_app(None, agenda=agenda(), minutes_dir=tmp_path, clock=clock, settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        run = await _confidential_item(pilot)
        run.do(C.Queue("Chen Wu"))
        run.do(C.Queue("Dee Okafor"))
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, PresentationScreen)
        # Sharing is off, yet the presentation shows nothing confidential.
        assert SECRET not in all_text(app)
        assert share.CONFIDENTIAL_TITLE in screen_text(app)
        assert "1. Chen Wu" in screen_text(app) and "2. Dee Okafor" in screen_text(app)
        await pilot.press("n")  # the meeting key works behind it
        await settle(pilot)
        assert isinstance(app.screen, PresentationScreen)
        assert "Chen Wu" in app.screen.query_one("#pres-speaker", Static).content.plain  # type: ignore[union-attr]
        assert "1. Dee Okafor" in screen_text(app)
        clock.advance(65)
        await tick(pilot)
        digits = app.screen.query_one("#pres-turn", Digits)
        assert digits.value == "1:05"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PresentationScreen)
        assert "Chen Wu" in screen_text(app)


async def test_confirmations_on_a_confidential_item_say_only_recorded_while_sharing(
    tmp_path: Path,
) -> None:
    app = build_app(
        None, agenda=agenda(), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await _confidential_item(pilot)
        await pilot.press("1")  # Bo Tran consents: the toast would name him and his response
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert "Bo Tran: consent" in said
        await pilot.press("S", "1")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert "Chen Wu: consent" not in said and "Recorded." in said
        assert "Chen Wu" not in screen_text(app)


def test_the_sharing_setting_must_be_true_or_false(tmp_path: Path) -> None:
    import pytest

    from facilitator.store.settings import SettingsError

    path = tmp_path / "settings.toml"
    path.write_text('bell = true\nsharing = "yes"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"settings.toml:2: sharing must be true or false"):
        load_settings(path)
    assert load_settings(tmp_path / "missing.toml").sharing is False


async def test_both_keys_are_in_the_palette_help_and_presentation(tmp_path: Path) -> None:
    from facilitator.tui.screens.help import help_table

    app = build_app(
        None, agenda=agenda(), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("N", "enter")
        await settle(pilot)
        # The palette offers what is bound on the active screen (palette.py).
        bound = {b.binding.id for b in app.screen.active_bindings.values()}
        assert {"sharing", "presentation"} <= bound
        await pilot.press("P")
        await settle(pilot)
        bound = {b.binding.id for b in app.screen.active_bindings.values()}
        # The run screen's keys and the process keys of the item in force (a discussion:
        # the round's, not consent's) are live under the presentation view too.
        assert {"next-speaker", "start-round", "sharing", "presentation-close"} <= bound
        assert "respond-1" not in bound
        await pilot.press("N")  # a proposal: its panel's keys join, here too
        await settle(pilot)
        bound = {b.binding.id for b in app.screen.active_bindings.values()}
        assert {"respond-1", "stage", "presentation-close"} <= bound
    table = help_table(None, {})
    cells = [str(c) for col in table.columns for c in col._cells]
    assert any("end summary follows it" in c for c in cells)
    assert any("Escape or ⇧P returns" in c for c in cells)
