"""The presentation view (⇧P) during a vote and a role selection, in the real app on a real
journal, driven with Pilot and a FakeClock: it shows what `core.public_process` lets the room
see (a secret vote's totals and never a name; the nominees' counts only after the
nominations round), and its clocks move with the run screen's one tick (it has none)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.widgets import Static

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.processes.selection import model as S
from facilitator.processes.vote import model as V
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from facilitator.tui.screens.presentation import PresentationScreen
from facilitator.tui.screens.run_screen import RunScreen
from tests.tui_helpers import screen_text, settle

CANARY = "Zq5canaryVOTER"
"""A voting member's name: a secret vote never shows it on the room's screen."""
WHY = "Zq5canaryWHY"
"""In every nomination's reason: the room's screen never shows a reason."""
ANA, BO, CHEN = "Ana Lima", "Bo Tran", "Chen Wu"


def agenda() -> Agenda:
    people = [{"name": n} for n in (ANA, BO, CHEN, CANARY)]
    return Agenda.model_validate(
        {
            "meeting": {"title": "Assembly", "quorum": 2},
            "participants": people,
            "items": [
                {
                    "title": "Dues",
                    "kind": "vote",
                    "duration": 10,
                    "motion": "Dues rise by 5%.",
                    "threshold": "2/3",
                    "secret": True,
                },
                {
                    "title": "Delegate",
                    "kind": "selection",
                    "duration": 30,
                    "role": "Delegate to the network",
                    "term": "1 year",
                },
                {
                    "title": "Values",
                    "kind": "proposal",
                    "duration": 10,
                    "proposal": "We adopt the values.",
                    "method": "consensus",
                },
            ],
        }
    )


def process_text(app: Any) -> str:
    content = app.screen.query_one("#pres-process", Static).content
    return content.plain if isinstance(content, Text) else str(content)


async def presenting(pilot: Any) -> RunScreen:
    """The meeting started on the vote, and the presentation view open."""
    await pilot.press("N", "enter")
    await settle(pilot)
    run = pilot.app.screen
    assert isinstance(run, RunScreen)
    await pilot.press("P")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PresentationScreen)
    return run


async def test_the_room_sees_a_secret_vote_s_motion_and_totals_never_a_name(
    tmp_path: Path,
) -> None:
    app = build_app(
        None, agenda=agenda(), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(100, 30)) as pilot:
        run = await presenting(pilot)
        shown = process_text(app)
        assert "Vote · 2/3 of votes cast needed · secret ballot" in shown
        assert "Motion: Dues rise by 5%." in shown and "Not opened yet." in shown
        for command in (V.OpenVote(), V.SetVoteTotals(3, 1, 0)):
            assert run.do(command)
            await settle(pilot)
            assert "The vote is open: 4 voting members may vote." in process_text(app)
        assert run.do(V.CloseVote())
        await settle(pilot)
        shown = process_text(app)
        assert (
            "Carried: 3 for, 1 against, 0 abstaining; 75% of votes cast, 2/3 needed (3 of 4)"
            in (shown)
        )
        for name in (CANARY, ANA, BO, CHEN):
            assert name not in shown
        assert CANARY not in screen_text(app)


async def test_the_room_sees_the_nominees_only_after_the_nominations_round(
    tmp_path: Path,
) -> None:
    app = build_app(
        None, agenda=agenda(), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(100, 30)) as pilot:
        run = await presenting(pilot)
        for command in (C.FinishItem(), C.StartItem(), S.SelectionStage("nominate")):
            assert run.do(command)
        assert run.do(S.SelectionStage("nominations"))
        await settle(pilot)
        shown = process_text(app)
        assert "Role selection: Delegate to the network · 1 year" in shown
        assert "Stage: Nominations round" in shown and f"now: {ANA}" in shown
        for who, nominee in ((ANA, BO), (BO, CHEN), (CHEN, BO), (CANARY, BO)):
            assert run.do(S.Nominate(nominee, f"{WHY} {who}"))
            await settle(pilot)
            assert "Nominations:" not in process_text(app)
        assert run.do(S.SelectionStage("change"))
        await settle(pilot)
        assert f"Nominations: {BO} 3 · {CHEN} 1" in process_text(app)
        assert run.do(S.ProposeNominee(BO))
        assert run.do(S.SelectionRespond("consent"))
        await settle(pilot)
        assert f"Proposed: {BO} · 1 of 4 heard · next: {CHEN}" in process_text(app)
        for _ in range(3):
            assert run.do(S.SelectionRespond("consent"))
        assert run.do(S.SelectNominee())
        await settle(pilot)
        assert f"Selected: {BO}" in process_text(app)
        assert WHY not in screen_text(app)


async def test_one_run_screen_tick_redraws_the_presentation_once(tmp_path: Path) -> None:
    """Nothing calls a tick of the presentation view's own (it had one, unused): the run
    screen's 1-second timer runs behind it and pushes each tick here, once."""
    clock = FakeClock()
    app = build_app(None, agenda=agenda(), minutes_dir=tmp_path, clock=clock, settings=Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        run = await presenting(pilot)
        presentation = app.screen
        assert isinstance(presentation, PresentationScreen)
        assert not hasattr(presentation, "tick")
        shows: list[float] = []
        real_show = presentation.show

        def counted(view: Any, state: Any, now: float) -> None:
            shows.append(now)
            real_show(view, state, now)

        presentation.show = counted  # type: ignore[method-assign]
        for n in range(1, 4):
            clock.advance(1)
            before = len(shows)
            run.tick()  # what the run screen's timer calls each second: drawn once, at once
            assert len(shows) == before + 1 and shows[-1] == clock.mono, n
        await settle(pilot)
        box = presentation.query_one("#pres-timebox-label", Static).content
        assert "left of the timebox 10:00" in str(box)


async def test_a_proposal_shows_its_own_method_s_stages(tmp_path: Path) -> None:
    """Consensus has a discussion stage that plain consent has not: the room sees it, in
    the method's words and count (it was looked up in consent's stages, and failed)."""
    app = build_app(
        None, agenda=agenda(), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(100, 30)) as pilot:
        run = await presenting(pilot)
        assert run.do(C.StartItem("item-3"))
        assert run.do(C.ConsentStage("discuss"))
        await settle(pilot)
        assert "Stage 3/5: Discussion · version 1" in process_text(app)
        assert run.do(C.ConsentStage("consent"))
        await settle(pilot)
        assert "Stage 4/5: Check for consensus · version 1" in process_text(app)
