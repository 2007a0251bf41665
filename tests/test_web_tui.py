"""The members' view inside the real app (Pilot): served from the app's own loop, a hand
raised on a device lands in the TUI's stack, the share window releases claims and turns
sharing off, and the port closes when the app exits."""

from __future__ import annotations

from pathlib import Path

from facilitator.tui.screens.share import ShareScreen
from facilitator.tui.widgets.stack_panel import StackPanel
from facilitator.tui.widgets.status_line import StatusLine
from tests.tui_helpers import screen_text
from tests.web_support import Member, port_open, resuming, sharing, until


async def test_a_hand_from_a_device_reaches_the_stack_panel(tmp_path: Path) -> None:
    async with sharing(tmp_path) as (app, pilot, s):
        ana = Member(s)
        try:
            await ana.join()
            assert (await ana.post("/claim", {"name": "Ana Lima"}))[0] == 200
            assert (await ana.post("/hand", {"kind": "process"}))[0] == 200
            await pilot.pause()
            stack = app.screen.query_one(StackPanel)
            assert stack.stack.waiting[0].name == "Ana Lima"
            assert "Ana Lima" in screen_text(app)
            line = app.screen.query_one(StatusLine)
            assert "device" in line.share
            # The share window: the address, who joined as whom, release, sharing off.
            await pilot.press("U")
            await until(pilot, lambda: isinstance(app.screen, ShareScreen))
            text = screen_text(app)
            assert s.server.code in text and "Ana Lima" in text
            await pilot.press("r")
            assert s.server.claims.held() == []
            assert (await ana.post("/withdraw"))[0] == 403  # must choose a name again
            address = s.server.address
            assert port_open(address)
            await pilot.press("o", "y")
            await until(
                pilot, lambda: app.members_view is not None and not app.members_view.running
            )
            assert not port_open(address)
        finally:
            await ana.close()


async def test_inbox_hands_wait_for_shift_h(tmp_path: Path) -> None:
    async with sharing(tmp_path, member_hands="inbox") as (app, pilot, s):
        bo = Member(s)
        try:
            await bo.join()
            await bo.post("/claim", {"name": "Bo Tran"})
            assert (await bo.post("/hand", {"kind": "speak"}))[1]["pending"] is True
            await pilot.pause()
            assert app.meeting is not None and app.meeting.state.stack == []
            assert "to accept" in app.screen.query_one(StatusLine).share
            await pilot.press("H")
            assert [e.name for e in app.meeting.state.stack] == ["Bo Tran"]
            address = s.server.address
        finally:
            await bo.close()
    assert not port_open(address)  # the app's exit closed the port


async def test_resume_keeps_the_code_and_the_claims(tmp_path: Path) -> None:
    async with sharing(tmp_path) as (app, _pilot, s):
        code = s.server.code
        ana = Member(s)
        await ana.join()
        assert (await ana.post("/claim", {"name": "Ana Lima"}))[0] == 200
        cookies = {c.key: c.value for c in ana.session.cookie_jar}
        await ana.close()
        journal = app.meeting.journal.path  # type: ignore[union-attr]
    (saved,) = journal.parent.glob("*.share.json")
    assert oct(saved.stat().st_mode & 0o777) == "0o600"
    # `facilitator resume --share`: the same code, and Ana's phone keeps her name.
    async with resuming(tmp_path, journal) as (again, _pilot, s):
        assert s.server.code == code
        phone = Member(s)
        try:
            phone.session.cookie_jar.update_cookies(cookies)
            status, _ = await phone.post("/hand", {"kind": "speak"})
            assert status == 200
            assert [e.name for e in again.meeting.state.stack] == ["Ana Lima"]  # type: ignore[union-attr]
        finally:
            await phone.close()


async def test_a_hand_waiting_in_the_inbox_survives_a_resume(tmp_path: Path) -> None:
    """The inbox is on the record: a crash or a closed laptop does not drop a member's
    hand, and ⇧H after `resume` still accepts it."""
    async with sharing(tmp_path, member_hands="inbox") as (app, pilot, s):
        bo = Member(s)
        try:
            await bo.join()
            await bo.post("/claim", {"name": "Bo Tran"})
            assert (await bo.post("/hand", {"kind": "clarify"}))[1]["pending"] is True
        finally:
            await bo.close()
        journal = app.meeting.journal.path  # type: ignore[union-attr]
    async with resuming(tmp_path, journal, member_hands="inbox") as (again, pilot, _):
        meeting = again.meeting
        assert meeting is not None
        assert [(h.name, h.kind) for h in meeting.state.hands] == [("Bo Tran", "clarify")]
        assert meeting.state.stack == []
        await pilot.pause()
        assert "1 hand to accept" in again.screen.query_one(StatusLine).share
        await pilot.press("H")
        assert [(e.name, e.kind) for e in meeting.state.stack] == [("Bo Tran", "clarify")]
        assert meeting.state.hands == []
