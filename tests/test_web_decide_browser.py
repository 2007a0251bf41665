"""A vote and a role selection in a real browser: Debian's chromium through
/usr/bin/chromedriver (nothing downloads a browser), the app under Pilot in this test's loop.
A member's page shows the motion, then the result in totals once the chair closes a secret
vote (no name on the page's vote section); then the selection's role, no nominees during the
nominations round, the counts after it, and the consent round's progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.processes.selection import model as S
from facilitator.processes.vote import model as V
from tests.web_support import (
    PEOPLE,
    chromium,
    click,
    needs_browser,
    off_loop,
    sharing,
    text_of,
    wait_for,
    web_agenda,
)

pytestmark = needs_browser
ANA, BO, CHEN, DEE = PEOPLE


def agenda() -> Agenda:
    data = web_agenda().model_dump(mode="json", exclude_none=True)
    data["items"][:0] = [
        {
            "title": "Dues",
            "kind": "vote",
            "duration": 10,
            "motion": "Dues rise by 5%.",
            "threshold": "2/3",
            "secret": True,
        },
        {"title": "Delegate", "kind": "selection", "duration": 30, "role": "Treasurer"},
    ]
    return Agenda.model_validate(data)


async def test_a_member_follows_a_vote_and_a_selection_in_a_real_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with (
        sharing(tmp_path, agenda()) as (app, _pilot, s),
        chromium(tmp_path / "chrome-ana", monkeypatch) as ana,
    ):
        run = app.screen
        await off_loop(ana.get, s.server.join_url())
        await off_loop(wait_for, ana, "#link", "Live")
        await off_loop(click, ana, f'#roster button[data-name="{ANA}"]')
        await off_loop(wait_for, ana, "#vote-motion", "Dues rise by 5%.")
        await off_loop(wait_for, ana, "#vote-threshold", "2/3 of votes cast needed")
        await off_loop(wait_for, ana, "#vote-secret", "Secret ballot")
        await off_loop(wait_for, ana, "#vote-status", "Not opened yet")
        for command in (V.OpenVote(), V.SetVoteTotals(3, 1, 0)):
            assert run.do(command)  # type: ignore[attr-defined]
        await off_loop(wait_for, ana, "#vote-status", "The vote is open: 4 voting members")
        assert run.do(V.CloseVote())  # type: ignore[attr-defined]
        await off_loop(
            wait_for,
            ana,
            "#vote-status",
            "Carried: 3 for, 1 against, 0 abstaining; 75% of votes cast, 2/3 needed (3 of 4)",
        )
        section = await off_loop(text_of, ana, "#vote")
        assert not any(name in section for name in PEOPLE)
        # The selection: nothing of the nominations until their round is over.
        for step in (C.FinishItem(), C.StartItem(), S.SelectionStage("nominate")):
            assert run.do(step)  # type: ignore[attr-defined]
        assert run.do(S.SelectionStage("nominations"))  # type: ignore[attr-defined]
        await off_loop(wait_for, ana, "#selection-role", "Treasurer")
        await off_loop(wait_for, ana, "#selection-stage", "Stage: Nominations round")
        for who, nominee in ((ANA, BO), (BO, CHEN), (CHEN, BO), (DEE, BO)):
            assert run.do(S.Nominate(nominee, "reasons", name=who))  # type: ignore[attr-defined]
        await off_loop(wait_for, ana, "#selection-later", "counted after the nominations")
        assert await off_loop(text_of, ana, "#selection-nominees") == ""
        assert run.do(S.NominationPass("Gus Guest"))  # type: ignore[attr-defined]
        assert run.do(S.SelectionStage("change"))  # type: ignore[attr-defined]
        await off_loop(wait_for, ana, "#selection-nominees", f"{BO}: 3")
        assert f"{CHEN}: 1" in await off_loop(text_of, ana, "#selection-nominees")
        assert run.do(S.ProposeNominee(BO))  # type: ignore[attr-defined]
        await off_loop(wait_for, ana, "#selection-status", f"Proposed: {BO}")
        await off_loop(wait_for, ana, "#selection-status", "Consent round: 0 of 5 heard")
        await off_loop(wait_for, ana, "#selection-status", f"Next: {ANA}")
        assert "reasons" not in await off_loop(text_of, ana, "#selection")
