"""Hostile clients against the members' view inside the running app (Pilot), and canaries
over the wire.

Hostile: more than 1,000 bad requests (no code, wrong codes, forged and moved claims,
POSTs from other origins, oversized and malformed bodies, raw garbage on the socket,
floods, a stolen name) give 0 crashes, 0 journal events and an app still running.

Canaries: every confidential text (a confidential item's title, proposal, owner and prep
notes, confidential conflicts, everything typed off the record, reasons) is a unique
word; none of them is in any byte served: pages, script, style, JSON, errors, the event
stream across every change.
"""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
from pathlib import Path

from facilitator.core import commands as C
from tests.web_support import Member, Served, raw_client, served, sharing, web_agenda


async def _raw(s: Served, payload: bytes) -> bytes:
    host, port = s.url.removeprefix("http://").rsplit(":", 1)
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        writer.write(payload)
        await writer.drain()
        return await asyncio.wait_for(reader.read(4096), 5)
    finally:
        writer.close()


async def test_a_thousand_bad_requests_change_nothing(tmp_path: Path) -> None:
    async with sharing(tmp_path, size=(120, 40)) as (app, pilot, s):
        ana = Member(s)  # the rightful holder of a name
        await ana.join()
        assert (await ana.post("/claim", {"name": "Ana Lima"}))[0] == 200
        journal_before = s.journal_lines()
        statuses: list[int] = []
        # The rate limiter's clock moves one second per bad request until the flood, so each
        # kind of bad request reaches the check meant for it (not only the limiter).
        tick = [0.0]
        s.server.limiter.clock = lambda: tick[0]
        s.server.limiter.buckets.clear()
        async with raw_client() as raw:

            async def get(path: str, **kw: object) -> None:
                async with raw.get(s.url + path, allow_redirects=False, **kw) as r:  # type: ignore[arg-type]
                    await r.read()
                    statuses.append(r.status)

            async def post(path: str, data: bytes | str, **kw: object) -> None:
                tick[0] += 1.0
                headers = {"Origin": s.url, "Content-Type": "application/json"}
                headers.update(kw.pop("headers", {}))  # type: ignore[call-overload]
                async with raw.post(s.url + path, data=data, headers=headers, **kw) as r:  # type: ignore[arg-type]
                    await r.read()
                    statuses.append(r.status)

            # 1. No code, and wrong codes, on every route (300).
            for path in ("/", "/screen", "/app.js", "/app.css", "/events", "/state"):
                for _ in range(25):
                    await get(path)
                for _ in range(25):
                    await get(f"{path}?code={secrets.token_hex(10)}")
            for path in ("/claim", "/hand", "/withdraw", "/position", "/unclaim"):
                for _ in range(20):  # 100 POSTs without the code
                    await post(path, '{"name": "Ana Lima", "kind": "speak"}')
            # Paths that are not there, and traversal attempts (with no code: 403 first).
            for path in ("/../../etc/passwd", "/static/../server.py", "/%2e%2e/x", "/admin"):
                for _ in range(5):
                    await get(path)
            # 2. From here on this client has the code (as a leaked QR would give).
            await get(f"/?code={s.server.code}")
            # POSTs from another origin, or stating none (100).
            for origin in (
                "https://evil.example",
                "null",
                s.url + ".evil.example",
                "http://127.0.0.1",
            ):
                for _ in range(25):
                    await post("/claim", '{"name": "Bo Tran"}', headers={"Origin": origin})
            # 3. Forged claims: random, moved to another name, another meeting's (150).
            for n in range(150):
                name = base64.urlsafe_b64encode(b"Ana Lima").decode().rstrip("=")
                forged = {
                    0: f"{secrets.token_urlsafe(16)}.{name}.{secrets.token_hex(21)}",
                    1: "garbage",
                    2: "a.b.c.d.e",
                    3: "." * 600,
                }[n % 4]
                await post("/hand", '{"kind": "speak"}', cookies={"facilitator_claim": forged})
            # 4. Oversized bodies (50) and malformed ones (150).
            for n in range(50):
                await post("/claim", b'{"name": "' + b"A" * (3000 + n * 20000) + b'"}')
            bad_bodies: list[bytes] = [
                b"",
                b"{",
                b"[1,2]",
                b'"Ana"',
                b"null",
                b"\xff\xfe\x00",
                b"[" * 1500 + b"]" * 1500,
                b'{"name": 5}',
                b'{"name": ["Ana Lima"]}',
                b'{"name": "Nobody Here"}',
            ]
            for n in range(150):
                await post("/claim", bad_bodies[n % len(bad_bodies)])
            for _ in range(20):  # not JSON at all
                await post(
                    "/claim",
                    "name=Ana",
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                )
            # 5. A stolen name: every other device trying to take Ana's (60).
            for _ in range(60):
                tick[0] += 1.0
                async with raw_client() as thief:
                    async with thief.get(f"{s.url}/?code={s.server.code}") as r:
                        await r.read()
                    async with thief.post(
                        s.url + "/claim",
                        data='{"name": "Ana Lima"}',
                        headers={"Origin": s.url, "Content-Type": "application/json"},
                    ) as r:
                        await r.read()
                        statuses.append(r.status)
            # 6. A flood from the rightful device, of acts that must be refused (200):
            #    positions with no round open, withdrawing a hand that is not up.
            for n in range(200):
                path, body = (
                    ("/position", {"position": "object", "reason": "x"})
                    if n % 2
                    else ("/withdraw", {})
                )
                status, _ = await ana.post(path, body)
                statuses.append(status)
        # 7. Garbage on the socket (24): not HTTP, a bad length, a huge request line, bad
        #    chunks; and half requests whose senders hang up (not counted: no answer is due).
        for _ in range(10):
            host, port = s.url.removeprefix("http://").rsplit(":", 1)
            _, writer = await asyncio.open_connection(host, int(port))
            writer.write(b"POST /hand HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
            await writer.drain()
            writer.close()
        for payload in (
            b"\x00\x01\x02garbage\r\n\r\n",
            b"POST /claim HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
            b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n",
            b"POST /claim HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        ):
            for _ in range(6):
                with_reply = await _raw(s, payload)
                statuses.append(
                    int(with_reply[9:12]) if with_reply.startswith(b"HTTP/1.1 ") else 400
                )
        assert len(statuses) >= 1000, len(statuses)
        allowed = {303}  # the one redirect that took the code
        assert [st for st in statuses if st < 400 and st not in allowed] == []
        assert 500 not in statuses  # no handler crashed
        counts = {st: statuses.count(st) for st in set(statuses)}
        # Each kind was refused by its own check: code/origin/claim, size, shape, the name
        # already held, and the flood by the limiter.
        assert counts[403] >= 500 and counts[413] >= 50 and counts[400] + counts[404] >= 150, counts
        assert counts[409] >= 60 and counts[429] >= 150, counts
        assert s.journal_lines() == journal_before  # 0 events from any of them
        # Still serving the rightful member, and the app still running.
        assert (await ana.post("/hand", {"kind": "speak"}))[0] in (200, 429)
        await pilot.press("q")  # the TUI still answers keys
        await pilot.press("escape")
        assert app.is_running
        await ana.close()


async def test_no_canary_in_any_byte_served(tmp_path: Path) -> None:
    secret = "Zq7canaryk"
    agenda = web_agenda(secret)
    async with served(tmp_path, agenda, keepalive=3600) as s:
        ana, bo = Member(s), Member(s)
        seen: list[bytes] = []
        try:
            for m, name in ((ana, "Ana Lima"), (bo, "Bo Tran")):
                await m.join()
                await m.post("/claim", {"name": name})
            async with ana.session.get(s.url + "/events") as stream:

                async def drain() -> None:
                    # Everything pushed, up to the message that is the state now.
                    async with ana.session.get(s.url + "/state") as r:
                        now = b"data: " + await r.read() + b"\n"
                    while True:
                        line = await asyncio.wait_for(stream.content.readline(), 30)
                        seen.append(line)
                        if line == now:
                            return

                async def everything() -> None:
                    for path in ("/", "/screen", "/app.js", "/app.css", "/state"):
                        async with bo.session.get(s.url + path) as r:
                            seen.append(await r.read())
                    for path, body in (
                        ("/position", {"position": "consent"}),
                        ("/hand", {"kind": "speak"}),
                        ("/withdraw", {}),
                    ):
                        seen.append(json.dumps(await bo.post(path, body)).encode())
                    await drain()

                mt = s.meeting
                await everything()
                # The confidential item, with its consent round open and reasons given.
                mt.do(C.StartItem("item-2"))
                mt.do(C.Queue("Chen Wu"))
                mt.do(C.GiveFloor())
                mt.do(C.Queue("Dee Okafor", "clarify"))
                mt.do(C.ConsentStage("consent"))
                mt.do(C.Respond("Chen Wu", "object", f"{secret} objection"))
                mt.do(
                    C.RaiseConflict(
                        f"{secret} conflict", ("Ana Lima", f"{secret} party"), "Bo Tran"
                    )
                )
                mt.do(C.AddNote(f"{secret} note"))
                mt.do(C.Recuse("Gus Guest", f"{secret} recusal"))
                mt.do(C.ExtendTimebox(60, f"{secret} extension"))
                await everything()
                # Back on an open item: confidential conflicts, then off the record.
                mt.do(C.StartItem("item-3"))
                mt.do(
                    C.RaiseConflict(f"{secret} hidden", ("Ana Lima",), "Bo Tran", confidential=True)
                )
                mt.do(C.Queue("Ana Lima"))
                mt.do(C.GiveFloorOutOfOrder("Bo Tran", f"{secret} out of order"))
                await everything()
                mt.do(C.SetOffRecord(True))
                mt.do(C.Queue("Chen Wu"))
                mt.do(C.AddAction(f"{secret} action", "Ana Lima"))
                mt.do(C.LogCredit("Chen Wu", f"{secret} credit"))
                mt.do(C.RaiseConflict(f"{secret} off record", ("Ana Lima",), "Bo Tran"))
                await everything()
                mt.do(C.SetOffRecord(False))
                await everything()
        finally:
            await ana.close()
            await bo.close()
        served_bytes = b"".join(seen)
        assert len(served_bytes) > 10_000 and b"Adopt the budget" in served_bytes
        assert served_bytes.count(b"data: ") >= 5  # the stream was really read across changes
        assert secret.encode() not in served_bytes
        assert b"Confidential item" in served_bytes and b"off the record" in served_bytes
