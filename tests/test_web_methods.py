"""Positions per method from members' devices (issue 14): the page is offered the positions
of the item's method (ids, labels, which need a reason), a position outside the method is
refused and writes nothing, a reason is asked where the method asks, and what is given lands
in the journal as the method's own position, marked with the device."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core import commands as C
from facilitator.processes.consent import methods as M
from tests.web_support import Member, served, web_agenda

# Per method: a position of another method (refused), one needing a reason, one that does not.
CASES = {
    "consent": ("agree-ish", "object", "stand-aside"),
    "sofa-consent": ("concern", "object", "consent"),
    "s3-consent": ("stand-aside", "object", "concern"),
    "consensus": ("concern", "block", "agree"),
    "gradients": ("9", "8", "3"),
    "fist-to-five": ("6", "0", "4"),
}


@pytest.mark.parametrize("method", M.NAMES)
async def test_a_member_gives_a_position_of_the_items_method(method: str, tmp_path: Path) -> None:
    foreign, needs, plain = CASES[method]
    async with served(tmp_path, web_agenda(decision_rule=method)) as s:
        bo = Member(s)
        try:
            await bo.join()
            await bo.post("/claim", {"name": "Bo Tran"})
            s.meeting.do(C.ConsentStage("consent"))
            proposal = (await bo.state())["view"]["item"]["proposal"]
            table = M.METHODS[method]
            assert proposal["method"] == method and proposal["method_title"] == table.title
            assert proposal["positions"] == list(table.ids())
            assert proposal["labels"] == [p.label for p in table.positions]
            assert needs in proposal["needs_reason"] and plain not in proposal["needs_reason"]
            before = len(s.journal_lines())
            assert (await bo.post("/position", {"position": foreign}))[0] == 400
            status, body = await bo.post("/position", {"position": needs})
            assert status == 409 and "needs its reason" in body["error"]
            assert len(s.journal_lines()) == before  # refused: nothing written
            assert (await bo.post("/position", {"position": needs, "reason": "cost"}))[0] == 200
            assert (await bo.post("/position", {"position": plain}))[0] == 200
            last = s.journal_lines()[-1]
            assert (last["type"], last["response"], last["device"]) == (
                "ConsentResponse",
                plain,
                "web:Bo Tran",
            )
        finally:
            await bo.close()
