"""Process panels own their keys: declared in their `panel.py`, live only while mounted
(the round's on every item), answered wherever the focus is, posted up as `RunCommand`,
and explained in F1."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.processes import PROCESSES
from facilitator.processes.consent import panel_keys as consent_keys
from facilitator.store.journal import read_journal
from facilitator.store.settings import Settings
from facilitator.tui import commands
from facilitator.tui.app import FacilitatorApp, build_app
from facilitator.tui.commands import (
    all_commands,
    area_titles,
    check_registry,
    key_clashes,
    process_keys,
    spec,
)
from tests.tui_helpers import screen_text


def _agenda() -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": "Panels", "quorum": 1},
            "participants": [{"name": "Ana Lima", "key": "a"}, {"name": "Bo Tran", "key": "b"}],
            "items": [
                {"title": "Check-in", "kind": "round", "duration": 5},
                {"title": "Adopt it", "kind": "proposal", "duration": 10, "proposal": "We do."},
                {"title": "Open floor", "kind": "discussion", "duration": 10},
            ],
        }
    )


def _app(tmp_path: Path) -> FacilitatorApp:
    return build_app(
        None,
        agenda=_agenda(),
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(),
        settings=Settings(),
    )


def _types(tmp_path: Path) -> list[str]:
    (journal,) = (tmp_path / "minutes" / ".private").glob("*.journal.jsonl")
    return [r["type"] for r in read_journal(journal).records]


def _active(app: FacilitatorApp) -> set[str]:
    return {b.binding.id for b in app.screen.active_bindings.values() if b.binding.id}


def test_process_keys_come_from_each_panel_keys_module() -> None:
    areas = [pk.area for pk in process_keys()]
    assert areas == [p.name for p in PROCESSES]
    assert {s.id for s in consent_keys.KEYS} <= {s.id for s in all_commands()}
    assert all(s.area == "consent" for s in consent_keys.KEYS)
    assert spec("start-round").area == "round"
    # Help headings: the meeting's areas, each process's title, the app's last.
    titles = list(area_titles())
    assert titles[-1] == "app" and {"round", "consent"} <= set(titles)
    assert "process" not in titles
    assert check_registry() == []


def test_two_panels_may_share_a_key_but_not_with_the_meeting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    voting = replace(spec("respond-1"), id="vote-for", area="vote")
    areas = commands.panel_areas() | {"vote"}  # the real panels' areas, and a made-up vote's
    monkeypatch.setattr(commands, "panel_areas", lambda: areas)
    assert key_clashes({}, [*all_commands(), voting]) == []
    # The round's keys are live on every item: a panel key equal to one of them clashes.
    on_every_item = replace(spec("start-round"), id="vote-start", area="vote")
    clashes = key_clashes({}, [*all_commands(), on_every_item])
    assert [(k, a.id, b.id) for k, a, b in clashes] == [("j", "start-round", "vote-start")]


async def test_the_footer_follows_the_current_item(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")  # roll call, then the check-in round
        await pilot.pause()
        active = _active(app)
        assert "start-round" in active  # the round's keys: on every item
        assert "respond-1" not in active and "outcome" not in active
        await pilot.press("N")  # the proposal: its panel's keys join
        await pilot.pause()
        active = _active(app)
        assert {"respond-1", "stage", "outcome", "start-round"} <= active
        assert app.screen.focused is not None and app.screen.focused.id == "stack-panel"
        await pilot.press("N")  # a discussion: the consent keys are gone again
        await pilot.pause()
        active = _active(app)
        assert "respond-1" not in active and "start-round" in active


async def test_panel_keys_answer_wherever_the_focus_is(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter", "N")  # roll call, check-in, then the proposal
        await pilot.pause()
        # The focus is on the stack, not the panel; the panel's key still reaches it, and
        # the command it posts up is journalled by the screen.
        await pilot.press("1", "2", "enter")  # Ana consents; Bo's concern, no words
        await pilot.pause()
        assert "Ana Lima  consent" in screen_text(app)
        # A multi-step key is one coroutine: pick the person, fill the form, journalled.
        await pilot.press("R", *"ana", "enter", *"object", "tab", *"too soon", "enter")
        await pilot.pause()
        assert "too soon" in screen_text(app)
        # The round's keys work on the proposal too (a round on any item).
        await pilot.press("j", "enter")
        await pilot.pause()
    types = _types(tmp_path)
    assert types.count("ConsentResponse") == 3
    assert "RoundStarted" in types


async def test_f1_explains_the_current_process(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("N", "enter", "N", "f1")
        await pilot.pause()
        text = screen_text(app)
        assert "Consent (after Sociocracy For All)" in text
        assert "(focused)" in text
        await pilot.press("escape", "N", "f1")  # a discussion: no process to explain
        await pilot.pause()
        assert "Consent (after Sociocracy For All)" not in screen_text(app)
