"""Members' view load benchmark (not a test): 60 devices on loopback against the real app.

Run from the repository root::

    .venv/bin/python -m bench.web_load [--clients 60] [--samples 30]

The app runs headless (`run_test`, 120x40) with `--share` on a free loopback port and a
60-person agenda. The devices are a separate process (aiohttp, one event stream each),
so their work is not charged to the app. Figures, all from one run:

- command to all updated: the facilitator presses `n` (give the floor); the time from
  just before the key to the moment the last of the devices has received a state
  naming the new speaker. Both processes read the same CLOCK_MONOTONIC. p50 and p95.
  Goal: p95 < 250 ms.
- memory: the app process's resident set (VmRSS) with no devices, then with every
  device connected and served, after a garbage collection. Goal: < 30 MB more.
- key-to-frame: a Pilot press of `n` and of `e` (end the turn), timed to after
  `pilot.pause()`, with no devices and then with them all, in the same run. Goal: the
  ratio of the medians <= 1.1.

The machine is shared: quote medians, and compare within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)

# The devices: N event streams; every message is recorded as (time, client, speaker).
CLIENTS = r"""
import asyncio, json, sys, time
import aiohttp

async def main(url, code, n):
    got = []
    ready = 0
    done = asyncio.Event()
    async def one(i, session):
        nonlocal ready
        first = True
        async with session.get(url + "/events", headers={"Cookie": "facilitator_code=" + code}) as r:
            async for line in r.content:
                if not line.startswith(b"data: "):
                    continue
                t = time.monotonic()
                view = json.loads(line[6:])["view"]
                got.append((t, i, view.get("speaker")))
                if first:
                    first = False
                    ready += 1
                    if ready == n:
                        print("ready", flush=True)
                if done.is_set():
                    return
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [asyncio.create_task(one(i, session)) for i in range(n)]
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    print(json.dumps(got), flush=True)

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
"""


def rss_mb() -> float:
    """This process's resident set, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(clients: int, samples: int, work: Path) -> dict[str, Any]:
    from bench.tui_bench import big_agenda_toml
    from facilitator.core import commands as C
    from facilitator.core.clock import FakeClock
    from facilitator.store.settings import Settings
    from facilitator.tui.app import build_app
    from facilitator.web.options import ShareOptions

    agenda = work / "agm.toml"
    agenda.write_text(big_agenda_toml(), encoding="utf-8")
    clock = FakeClock()
    app = build_app(
        agenda,
        minutes_dir=work / "minutes",
        clock=clock,
        settings=Settings(),
        offer_resume=False,
        share=ShareOptions(port=0),
    )
    out: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(400):
            if app.members_view is not None and app.members_view.running:
                break
            await pilot.pause()
        assert app.members_view is not None and app.members_view.running, "not serving"
        await pilot.press("N", "enter")
        await pilot.pause()
        screen: Any = app.screen
        names = [p.name for p in app.meeting.agenda.participants]  # type: ignore[union-attr]

        async def keys(tag: str, t0s: list[tuple[float, str]] | None) -> dict[str, list[float]]:
            times: dict[str, list[float]] = {"n": [], "e": []}
            for i in range(samples):
                name = names[i % len(names)]
                screen.do(C.Queue(name))  # someone to give the floor to (not timed)
                await pilot.pause()
                for key in ("n", "e"):
                    clock.advance(5)
                    start = time.perf_counter()
                    if key == "n" and t0s is not None:
                        t0s.append((time.monotonic(), name))
                    await pilot.press(key)
                    await pilot.pause()
                    times[key].append(time.perf_counter() - start)
            return times

        await keys("warm-up", None)
        gc.collect()
        out["rss_none"] = rss_mb()
        out["keys_none"] = await keys("none", None)
        server = app.members_view.server
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            CLIENTS,
            server.address,
            server.code,
            str(clients),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            cwd=ROOT,
        )
        assert child.stdout is not None and child.stdin is not None
        line = await child.stdout.readline()
        assert line.strip() == b"ready", line
        await pilot.pause()
        out["devices"] = server.devices
        gc.collect()
        out["rss_clients"] = rss_mb()
        t0s: list[tuple[float, str]] = []
        out["keys_clients"] = await keys("clients", t0s)
        child.stdin.write(b"stop\n")
        await child.stdin.drain()
        got = json.loads(await child.stdout.read())
        await child.wait()
    # For each `n`: when the last device saw that speaker, counted from the key.
    updates: list[float] = []
    for t0, name in t0s:
        last: dict[int, float] = {}
        for t, client, speaker in got:
            if t >= t0 and speaker == name and client not in last:
                last[client] = t
        if len(last) == clients:
            updates.append(max(last.values()) - t0)
    out["updates"] = updates
    out["missed"] = len(t0s) - len(updates)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=60, help="devices (event streams)")
    parser.add_argument("--samples", type=int, default=30, help="presses of each key per case")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        r = asyncio.run(run(args.clients, args.samples, Path(tmp)))
    ms = 1000.0
    up = r["updates"]
    print(f"devices connected: {r['devices']} (asked for {args.clients})")
    if up:
        print(
            f"command to all {args.clients} updated: p50 {statistics.median(up) * ms:.1f} ms, "
            f"p95 {percentile(up, 0.95) * ms:.1f} ms over {len(up)} presses "
            f"({r['missed']} not seen by all)  goal p95 < 250 ms"
        )
    extra = r["rss_clients"] - r["rss_none"]
    print(
        f"app memory: {r['rss_none']:.1f} MB with none, {r['rss_clients']:.1f} MB with "
        f"{args.clients}: +{extra:.1f} MB  goal < 30 MB"
    )
    for key in ("n", "e"):
        none = statistics.median(r["keys_none"][key])
        with_clients = statistics.median(r["keys_clients"][key])
        print(
            f"key-to-frame {key!r}: median {none * ms:.1f} ms with none, "
            f"{with_clients * ms:.1f} ms with {args.clients}: x{with_clients / none:.2f}  "
            "goal <= 1.1"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
