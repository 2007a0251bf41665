"""TUI benchmark (not a test): time to first frame, and key-to-frame latency in a long meeting.

Run from the repository root::

    .venv/bin/python -m bench.tui_bench [--runs 5] [--events 5000] [--samples 25]

Every figure is printed beside a baseline measured in the same run, because
this machine is shared and absolute times drift:

- first frame: a fresh Python process that builds the app, runs it headless
  (`run_test`, 120x40) until the first screen has been drawn, then exits. Timed
  from outside, so imports and agenda loading count. For the sample agenda and
  for a generated 60-participant, 24-item agenda, against a bare Textual app
  (Header + Footer) timed the same way, alternating.
- key-to-frame: the real app resumed from a real journal pre-filled through
  the Session, at ~10 events and at ~N events. A sample is one Pilot key press
  timed to after `pilot.pause()`: `q` (opens the picker) and `escape` (closes
  it), `n` (give the floor) and `e` (end the turn, journalled). Pilot's own
  waiting is in every sample, so the ratio of the two meeting lengths is what
  matters: it should stay near 1.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "agendas" / "monthly-member-call.toml"
SIZE = (120, 40)

# The child processes for the first frame; {agenda} and {minutes} are filled in.
BARE_CHILD = """
from textual.app import App
from textual.widgets import Footer, Header
class Bare(App[None]):
    def compose(self):
        yield Header()
        yield Footer()
async def main():
    async with Bare().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
import asyncio; asyncio.run(main())
"""
APP_CHILD = """
from pathlib import Path
from facilitator.tui.app import build_app
async def main():
    app = build_app(Path({agenda!r}), minutes_dir=Path({minutes!r}), offer_resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "RunScreen", app.screen
import asyncio; asyncio.run(main())
"""


def big_agenda_toml(people: int = 60, items: int = 24) -> str:
    """A valid agenda with `people` participants and `items` items of every kind."""
    import tomli_w

    kinds = ["discussion", "proposal", "round", "report"]
    data: dict[str, Any] = {
        "schema": 1,
        "meeting": {"title": "Annual general meeting", "circle": "Members", "quorum": "50%"},
        "stack": {"order": "progressive", "speaker_limit": "2m"},
        "participants": [
            {"name": f"Member {i:02d} Surname", "org": f"Co-op {i % 7}"} for i in range(people)
        ],
        "items": [],
    }
    for i in range(items):
        item: dict[str, Any] = {"title": f"Item {i + 1}", "kind": kinds[i % 4], "duration": "5m"}
        if item["kind"] == "proposal":
            item["proposal"] = f"We adopt proposal {i + 1}."
        data["items"].append(item)
    return tomli_w.dumps(data)


def _child_time(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    return time.perf_counter() - start


def bench_first_frame(runs: int, workdir: Path) -> dict[str, float]:
    """Median seconds to first frame and exit, per variant, alternating the variants."""
    big = workdir / "big.toml"
    big.write_text(big_agenda_toml(), encoding="utf-8")
    codes = {"bare Header+Footer": BARE_CHILD}
    for label, agenda in (("sample agenda", SAMPLE), ("60 people, 24 items", big)):
        codes[label] = APP_CHILD.format(agenda=str(agenda), minutes=str(workdir / label[:6]))
    for code in codes.values():
        _child_time(code)  # warm the .pyc files and the file cache once
    times: dict[str, list[float]] = {label: [] for label in codes}
    for _ in range(runs):
        for label, code in codes.items():
            times[label].append(_child_time(code))
    return {label: statistics.median(t) for label, t in times.items()}


def _long_meeting(names: list[str]) -> Iterator[Any]:
    """Open discussion forever: queue, floor, turns and notes, a new item every 30 cycles."""
    from facilitator.core import commands as C

    yield C.StartMeeting(tuple(names))
    yield C.StartItem(None)
    cycle = 0
    while True:
        cycle += 1
        a, b, c = (names[(cycle + k) % len(names)] for k in range(3))
        yield from (C.Queue(a), C.Queue(b), C.Queue(c, "clarify"))
        yield from (C.GiveFloor(), C.EndTurn(), C.GiveFloor(), C.EndTurn())
        yield from (C.GiveFloor(), C.EndTurn(), C.AddNote(f"Point {cycle}: agreed to follow up."))
        if cycle % 30 == 0:
            yield C.AddItem(f"Follow-up topic {cycle // 30}", 600)
            yield C.FinishItem()
            yield C.StartItem(None)


def prefill(minutes_dir: Path, events: int) -> tuple[Path, Any]:
    """A journal of at least `events` events of the sample meeting, and its clock."""
    from facilitator.core.clock import FakeClock
    from facilitator.core.session import Session
    from facilitator.store.journal import FileOps, Journal, journal_path, make_header
    from facilitator.tui.live import load_agenda

    agenda = load_agenda(SAMPLE)
    clock = FakeClock()
    path = journal_path(minutes_dir, "bench")
    # fsync is skipped while building the fixture only; the measured presses do fsync.
    no_fsync = FileOps(fsync=lambda fd: None)
    with Journal.create(path, make_header(agenda, None, clock.wall), ops=no_fsync) as journal:
        session = Session(agenda, journal, clock)
        names = [p.name for p in agenda.participants if p.role != "observer"]
        done = 0
        for command in _long_meeting(names):
            clock.advance(4)
            done += len(session.do(command))
            if done >= events:
                break
    return path, clock


async def _latency(journal: Path, clock: Any, samples: int) -> dict[str, list[float]]:
    from facilitator.store.settings import Settings
    from facilitator.tui.app import build_app

    app = build_app(
        journal=journal, minutes_dir=journal.parent.parent, clock=clock, settings=Settings()
    )
    times: dict[str, list[float]] = {"q": [], "escape": [], "n": [], "e": []}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "RunScreen", app.screen
        for _ in range(samples):
            await pilot.press("k", "a")  # someone to give the floor to (not timed)
            await pilot.pause()
            for key in ("q", "escape", "n", "e"):
                clock.advance(5)
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times[key].append(time.perf_counter() - start)
        refused = [n.message for n in app._notifications if "ould not" in n.message]
        assert not refused, refused
    return times


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    """Milliseconds, for printing."""
    return f"{seconds * 1000:7.1f} ms"


def main(argv: list[str] | None = None) -> int:
    """Run both benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="first-frame runs per variant")
    parser.add_argument("--events", type=int, default=5000, help="events in the long meeting")
    parser.add_argument("--samples", type=int, default=25, help="presses of each key per case")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"first frame (fresh process, headless {SIZE[0]}x{SIZE[1]}, median of {args.runs}):")
        firsts = bench_first_frame(args.runs, work)
        bare = firsts["bare Header+Footer"]
        for label, seconds in firsts.items():
            print(f"  {label:22} {ms(seconds)}   {seconds / bare:4.2f}x bare")
        medians: dict[int, dict[str, tuple[float, float]]] = {}
        for events in (10, args.events):
            start = time.perf_counter()
            journal, clock = prefill(work / f"m{events}", events)
            built = time.perf_counter() - start
            lines = sum(1 for _ in journal.open(encoding="utf-8")) - 1
            times = asyncio.run(_latency(journal, clock, args.samples))
            medians[events] = {
                k: (statistics.median(v), percentile(v, 0.95)) for k, v in times.items()
            }
            print(
                f"key-to-frame at ~{lines} events (pre-filled in {built:.1f} s), {args.samples} presses each:"
            )
            for key, (p50, p95) in medians[events].items():
                print(f"  {key:7} median {ms(p50)}   p95 {ms(p95)}")
        print(f"ratio ~{args.events} events / ~10 events (median, p95):")
        for key in medians[10]:
            (a50, a95), (b50, b95) = medians[10][key], medians[args.events][key]
            print(f"  {key:7} {b50 / a50:4.2f}x   {b95 / a95:4.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
