"""The members' view server on a real loopback port: joining, claims, hands, positions,
the inbox, the security headers, and what becomes a journal event (marked with the device)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from facilitator.core import commands as C
from facilitator.processes.consent.model import consent_of
from facilitator.web.access import Claims, RateLimiter, code_matches, new_code
from facilitator.web.server import CSP
from tests.web_support import Member, raw_client, served


async def test_a_member_joins_claims_raises_and_withdraws(tmp_path: Path) -> None:
    async with served(tmp_path) as s:
        ana = Member(s)
        try:
            assert await ana.join() == 200  # 303 to the page, then the page
            status, body = await ana.post("/claim", {"name": "ana lima"})
            assert (status, body["name"]) == (200, "Ana Lima")
            before = len(s.journal_lines())
            status, _ = await ana.post("/hand", {"kind": "clarify"})
            assert status == 200
            lines = s.journal_lines()
            assert len(lines) == before + 1
            assert lines[-1]["type"] == "SpeakerQueued" and lines[-1]["device"] == "web:Ana Lima"
            state = await ana.state()
            assert [e["name"] for e in state["view"]["stack"]] == ["Ana Lima"]
            assert state["you"]["name"] == "Ana Lima"
            assert (await ana.post("/withdraw"))[0] == 200
            assert s.meeting.state.stack == []
            assert (await ana.post("/withdraw"))[0] == 409  # already down: nothing written
        finally:
            await ana.close()


async def test_device_events_replay_to_the_live_state(tmp_path: Path) -> None:
    from facilitator.core.events import events_from_records
    from facilitator.core.fold import replay
    from facilitator.store.journal import read_journal

    async with served(tmp_path) as s:
        ana = Member(s)
        try:
            await ana.join()
            await ana.post("/claim", {"name": "Ana Lima"})
            await ana.post("/hand", {"kind": "speak"})
            s.meeting.do(C.GiveFloor())
            s.meeting.do(C.Undo())  # undo treats a device's act like any other
            s.meeting.do(C.ConsentStage("consent"))
            await ana.post("/position", {"position": "concern", "reason": "timing"})
            records = read_journal(s.meeting.journal.path).records
            assert sum(1 for r in records if r.get("device") == "web:Ana Lima") == 2
            assert replay(s.meeting.agenda, events_from_records(records)) == s.meeting.state
        finally:
            await ana.close()


async def test_every_message_carries_the_clock_reading_of_its_sending(tmp_path: Path) -> None:
    async with served(tmp_path) as s:
        ana = Member(s)
        try:
            await ana.join()
            first = await ana.state()
            s.clock.advance(90)  # no command: the cached view is not rebuilt
            later = await ana.state()
            assert later["view"] == first["view"]
            assert later["now"] == first["now"] + 90 == s.meeting.now()
        finally:
            await ana.close()


async def test_one_device_per_name_and_release(tmp_path: Path) -> None:
    async with served(tmp_path) as s:
        ana, thief = Member(s), Member(s)
        try:
            await ana.join()
            await thief.join()
            assert (await ana.post("/claim", {"name": "Ana Lima"}))[0] == 200
            status, body = await thief.post("/claim", {"name": "Ana Lima"})
            assert status == 409 and "already joined" in body["error"]
            assert (await thief.post("/hand", {"kind": "speak"}))[0] == 403
            assert s.server.release("Ana Lima")
            # The released device's cookie no longer works; the name can be chosen again.
            assert (await ana.post("/hand", {"kind": "speak"}))[0] == 403
            assert (await thief.post("/claim", {"name": "Ana Lima"}))[0] == 200
        finally:
            await ana.close()
            await thief.close()


async def test_observers_never_queue_and_guests_are_advisory(tmp_path: Path) -> None:
    async with served(tmp_path) as s:
        olu, gus = Member(s), Member(s)
        try:
            for m, name in ((olu, "Olu Observer"), (gus, "Gus Guest")):
                await m.join()
                assert (await m.post("/claim", {"name": name}))[0] == 200
            status, body = await olu.post("/hand", {"kind": "speak"})
            assert status == 409 and "Observers" in body["error"]
            s.meeting.do(C.ConsentStage("consent"))
            assert (await olu.post("/position", {"position": "consent"}))[0] == 409
            assert (await gus.post("/position", {"position": "object", "reason": "too fast"}))[
                0
            ] == 200
            item = s.meeting.state.current_item
            consent = consent_of(item)
            assert consent is not None and consent.round is not None
            (response,) = consent.round.responses
            assert response.name == "Gus Guest" and not response.counted
        finally:
            await olu.close()
            await gus.close()


async def test_positions_only_in_an_open_round_and_in_the_method_words(tmp_path: Path) -> None:
    async with served(tmp_path) as s:
        bo = Member(s)
        try:
            await bo.join()
            await bo.post("/claim", {"name": "Bo Tran"})
            status, body = await bo.post("/position", {"position": "consent"})
            assert status == 409 and "not opened" in body["error"]
            s.meeting.do(C.ConsentStage("consent"))
            assert (await bo.post("/position", {"position": "yes please"}))[0] == 400
            status, body = await bo.post("/position", {"position": "object"})
            assert status == 409 and "reason" in body["error"].lower()  # the engine's own rule
            assert (await bo.post("/position", {"position": "object", "reason": "cost"}))[0] == 200
            last = s.journal_lines()[-1]
            assert last["type"] == "ConsentResponse" and last["device"] == "web:Bo Tran"
        finally:
            await bo.close()


async def test_inbox_mode_waits_for_the_facilitator(tmp_path: Path) -> None:
    async with served(tmp_path, hands="inbox") as s:
        chen = Member(s)
        try:
            await chen.join()
            await chen.post("/claim", {"name": "Chen Wu"})
            status, body = await chen.post("/hand", {"kind": "process"})
            assert status == 200 and body["pending"] is True
            # Journalled at once, as the member's act, but not on the stack until accepted.
            raised = s.journal_lines()[-1]
            assert raised["type"] == "HandRaised" and raised["device"] == "web:Chen Wu"
            assert s.meeting.state.stack == []
            assert (await chen.state())["you"]["pending"] is True
            assert (await chen.post("/hand", {"kind": "speak"}))[0] == 409  # already up
            said = s.server.accept_hand()
            assert said is not None and "Chen Wu" in said
            accepted = [line["type"] for line in s.journal_lines()[-2:]]
            assert accepted == ["HandAccepted", "SpeakerQueued"]
            assert "device" not in s.journal_lines()[-1]  # the facilitator's key accepted it
            assert [e.kind for e in s.meeting.state.stack] == ["process"]
            assert (await chen.state())["you"]["pending"] is False
        finally:
            await chen.close()


async def test_a_hand_withdrawn_or_released_leaves_the_inbox_on_the_record(
    tmp_path: Path,
) -> None:
    async with served(tmp_path, hands="inbox") as s:
        chen = Member(s)
        try:
            await chen.join()
            await chen.post("/claim", {"name": "Chen Wu"})
            await chen.post("/hand", {"kind": "speak"})
            assert (await chen.post("/withdraw", {}))[0] == 200
            lowered = s.journal_lines()[-1]
            assert lowered["type"] == "HandLowered" and lowered["device"] == "web:Chen Wu"
            assert s.meeting.state.hands == []
            assert (await chen.post("/withdraw", {}))[0] == 409  # nothing up any more
            await chen.post("/hand", {"kind": "speak"})
            assert s.server.release("Chen Wu")
            assert s.meeting.state.hands == []
            assert s.journal_lines()[-1]["type"] == "HandLowered"
            assert s.server.accept_hand() is None  # nothing waits
            # A hand that can no longer join (its owner recused meanwhile) leaves the inbox,
            # and the facilitator is told why.
            assert (await chen.post("/claim", {"name": "Chen Wu"}))[0] == 200
            assert (await chen.post("/hand", {"kind": "speak"}))[0] == 200
            s.meeting.do(C.Recuse("Chen Wu"))
            said = s.server.accept_hand()
            assert said is not None and "recused" in said
            assert s.meeting.state.hands == [] and s.meeting.state.stack == []
        finally:
            await chen.close()


async def test_headers_code_and_origin(tmp_path: Path) -> None:
    async with (
        served(tmp_path) as s,
        raw_client() as raw,
    ):
        async with raw.get(s.url + "/") as r:
            assert r.status == 403
            assert r.headers["Content-Security-Policy"] == CSP
            assert "script" not in (await r.text()).lower()  # the code form has no script
        async with raw.get(s.url + "/app.js") as r:
            assert r.status == 403
        async with raw.get(f"{s.url}/?code={s.server.code.upper()}", allow_redirects=False) as r:
            assert r.status == 303 and r.headers["Location"] == "/"
            assert "HttpOnly" in r.headers["Set-Cookie"]
        for path, kind in (
            ("/", "text/html"),
            ("/screen", "text/html"),
            ("/app.js", "text/javascript"),
            ("/app.css", "text/css"),
        ):
            async with raw.get(s.url + path) as r:
                assert r.status == 200 and r.content_type == kind
                assert r.headers["Content-Security-Policy"] == CSP
                assert r.headers["Referrer-Policy"] == "no-referrer"
                body = await r.text()
                assert "http://" not in body and "https://" not in body  # no external assets
                if kind == "text/html":
                    assert "<script>" not in body and "style=" not in body and "onclick" not in body
        # A POST from another site (or none stated) is refused before anything happens.
        for origin in ("https://evil.example", None):
            headers = {"Content-Type": "application/json"}
            if origin:
                headers["Origin"] = origin
            async with raw.post(s.url + "/claim", data='{"name":"Ana Lima"}', headers=headers) as r:
                assert r.status == 403
        assert s.server.claims.held() == []


async def test_events_stream_pushes_every_change(tmp_path: Path) -> None:
    async with served(tmp_path, keepalive=3600) as s:
        ana = Member(s)
        try:
            await ana.join()
            async with ana.session.get(s.url + "/events") as r:
                assert r.headers["Content-Type"] == "text/event-stream"

                async def next_view() -> dict[str, object]:
                    while True:
                        line = await asyncio.wait_for(r.content.readline(), 10)
                        if line.startswith(b"data: "):
                            data: dict[str, object] = json.loads(line[6:])
                            return data

                first = await next_view()
                assert first["view"]["stack"] == []  # type: ignore[index]
                assert s.server.devices == 1
                s.meeting.do(C.Queue("Bo Tran", "clarify"))
                pushed = await next_view()
                assert [e["name"] for e in pushed["view"]["stack"]] == ["Bo Tran"]  # type: ignore[index]
        finally:
            await ana.close()


def test_codes_and_claims_are_what_they_claim() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    code = next(iter(codes))
    assert len(code.replace("-", "")) == 20
    assert code_matches(code.upper().replace("-", " "), code)
    assert not code_matches(code[:-1], code)
    claims = Claims()
    device, cookie = claims.claim("Ana Lima") or ("", "")
    assert claims.verify(cookie) == (device, "Ana Lima")
    dev, name, mac = cookie.split(".")
    import base64

    other = base64.urlsafe_b64encode(b"Bo Tran").decode().rstrip("=")
    assert claims.verify(f"{dev}.{other}.{mac}") is None  # moved to another name
    assert claims.verify(f"{dev}.{name}.{'0' * len(mac)}") is None  # forged
    assert Claims().verify(cookie) is None  # another meeting's secret
    assert claims.claim("ana lima") is None  # taken by that device


def test_rate_limiter_refills_on_its_clock() -> None:
    now = [0.0]
    limiter = RateLimiter(lambda: now[0], burst=3, rate=1)
    assert [limiter.allow("d") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("other")
    now[0] = 1.0
    assert limiter.allow("d") and not limiter.allow("d")


async def test_a_failure_in_our_own_code_is_a_plain_500_kept_for_the_facilitator(
    tmp_path: Path,
) -> None:
    async with served(tmp_path) as s:
        ana = Member(s)
        try:
            await ana.join()
            await ana.post("/claim", {"name": "Ana Lima"})

            def broken(*args: object, **kwargs: object) -> None:
                raise RuntimeError("a defect of ours, not the member's")

            real, s.server.host.submit = s.server.host.submit, broken  # type: ignore[method-assign]
            try:
                status, body = await ana.post("/hand", {"kind": "speak"})
            finally:
                s.server.host.submit = real  # type: ignore[method-assign]
            assert status == 500 and body == {"error": "Something went wrong."}
            assert len(s.server.failures) == 1 and "a defect of ours" in s.server.failures[0]
            assert (await ana.post("/hand", {"kind": "speak"}))[0] == 200  # and it goes on
        finally:
            await ana.close()
