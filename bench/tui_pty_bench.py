"""Run-screen speed in a real terminal (not a test): first frame and key -> frame, vs a bare app.

Pilot waits for idle before it returns, which hides what a facilitator waits for,
so this drives the real app (`App.run()`, the real terminal driver) in a real pty,
with the standard library only (`pty`), and times it from outside:

- first frame: from the fork to the moment the screen shows its marker text (the
  run screen's "Stack" border; the bare app's "ready"), after output has paused
  for QUIET seconds, so the frame is complete and not only begun;
- key -> frame: from writing `n` or `e` to the first output byte that follows (the
  frame Textual writes in answer), p50 and p95 over `--samples` presses;
- the same for a bare Textual app (one Static that changes on every key), in the
  same run, alternating, so the printed ratios hold however loaded the machine is;
- two floors in the same run: the bare app appending one small JSON line to a file and
  fsyncing it before the Static changes (what a recorded key must do at least), and the
  bare app showing a warning toast (what a refused key does); each app row gives its key
  ratio to both, and how many records its keys appended (a refused key appends none:
  resumed at 0 and at N events, `n` and `e` are refused, so the row is the toast's);
- key -> frame of a recorded key: space (pause, resume) `2 * --samples` times, with
  the records appended, against bare and bare + fsync; both to the first output byte and
  to the first output read once the journal has grown (the frame that can show the
  record: on 31a637d a whole repaint of the unchanged screen came before it);
- the meeting is resumed from a real journal of ~0 and ~N events (`--events`) of
  a 24-item agenda with 60 people (bench.tui_bench's generator and long meeting);
- modal open and close: `c` (the person picker) then Esc, the first time and again;
- idle CPU: the child's user+system time over `--idle` seconds of doing nothing, as a
  share of one core, against a bare app with a 1-s timer updating a Static; measured
  after `--settle` seconds, whose CPU is printed apart: the one-off work after the first
  frame (the modals warmed on a thread, the first undo copies readied at idle) is not
  the tick's, and at 10,000 events it was most of the 8-s figure;
- replay of the N-event journal against `json.loads` of its lines, and undo at N
  events (cold: from a checkpoint; after an idle tick: from the copy readied then),
  each in a child process of the measured source tree.

    .venv/bin/python -m bench.tui_pty_bench [--runs 3] [--events 10000] [--samples 20]
        [--idle 8] [--before DIR]
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COLUMNS, LINES = 120, 40
QUIET = 0.25
"""Seconds without output after which a frame counts as complete."""

BARE = """
from textual.app import App
from textual.widgets import Footer, Static
class Bare(App[None]):
    n = 0
    def compose(self):
        yield Static("ready", id="s")
        yield Footer()
    def on_key(self, event):
        self.n += 1
        self.query_one("#s", Static).update(f"ready {self.n} {event.key}")
Bare().run()
"""
BARE_FSYNC = """
import json, os, sys
from textual.app import App
from textual.widgets import Footer, Static
class Bare(App[None]):
    n = 0
    def compose(self):
        yield Static("ready", id="s")
        yield Footer()
    def on_mount(self):
        self.fd = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    def on_key(self, event):
        self.n += 1
        line = json.dumps({"seq": self.n, "type": "Key", "key": event.key}) + "\\n"
        os.write(self.fd, line.encode())
        os.fsync(self.fd)
        self.query_one("#s", Static).update(f"ready {self.n} {event.key}")
Bare().run()
"""
"""The floor of a recorded key: the bare app appending one small JSON line to a file and
fsyncing it (as the journal does) before the Static changes."""
BARE_NOTIFY = """
from textual.app import App
from textual.widgets import Footer, Static
class Bare(App[None]):
    n = 0
    def compose(self):
        yield Static("ready", id="s")
        yield Footer()
    def on_key(self, event):
        self.n += 1
        self.notify(f"Not done {self.n} {event.key}", title="Not done", severity="warning")
Bare().run()
"""
"""The floor of a refused key: the bare app showing a warning toast (`notify`), as the run
screen does for a command the engine refuses."""
BARE_TIMER = """
import time
from textual.app import App
from textual.widgets import Footer, Static
class Bare(App[None]):
    def compose(self):
        yield Static("ready", id="s")
        yield Footer()
    def on_mount(self):
        self.set_interval(1.0, self.tick)
    def tick(self):
        self.query_one("#s", Static).update(f"ready {time.monotonic():.0f}")
Bare().run()
"""
ENGINE = """
import json, statistics, sys, time
from pathlib import Path
from facilitator.core import commands as C
from facilitator.core.clock import FakeClock
from facilitator.core.events import events_from_records
from facilitator.core.session import MemorySink, Session
from facilitator.core.fold import replay
from facilitator.store.journal import agenda_from_header, read_journal
path = Path(sys.argv[1])
def timed(fn, n=5):
    out = []
    for _ in range(n):
        t = time.perf_counter(); fn(); out.append(time.perf_counter() - t)
    return statistics.median(out)
contents = read_journal(path)
agenda, _ = agenda_from_header(contents.header, path)
def ours():
    c = read_journal(path)
    replay(agenda, events_from_records(c.records))
def base():
    [json.loads(line) for line in path.read_bytes().splitlines()]
result = {"replay": timed(ours), "loads": timed(base)}
events = events_from_records(contents.records)
cold, warm = [], []
for _ in range(5):
    session = Session(agenda, MemorySink(), FakeClock(mono=events[-1].mono + 10), events)
    t = time.perf_counter(); session.do(C.Undo()); cold.append(time.perf_counter() - t)
    session = Session(agenda, MemorySink(), FakeClock(mono=events[-1].mono + 10), events)
    try:
        from facilitator.core.fold import prepare_undo
    except ImportError:
        prepare_undo = None
    if prepare_undo is not None:
        prepare_undo(session.state)
        t = time.perf_counter(); session.do(C.Undo()); warm.append(time.perf_counter() - t)
result["undo_cold"] = statistics.median(cold)
result["undo_idle"] = statistics.median(warm) if warm else None
print(json.dumps(result))
"""
APP = """
import sys
from pathlib import Path
from facilitator.tui.launch import launch
journal = Path(sys.argv[1])
sys.exit(launch(minutes_dir=journal.parent.parent, journal=journal))
"""
"""`facilitator resume JOURNAL`'s own path (`launch`: the settings, the imports as the command
makes them, the app), without the command line's parsing."""


class Term:
    """One child in a pty; everything it writes is read and timestamped."""

    def __init__(self, code: str, *args: str, source: Path | None = None) -> None:
        self.start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
            # `python -c` puts the working folder first on sys.path: another checkout of
            # the app (e.g. before a change) runs from its own folder.
            os.chdir(source or ROOT)
            if source is not None:
                env["PYTHONPATH"] = str(source)
            os.execve(sys.executable, [sys.executable, "-c", code, *args], env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.pid, self.fd = pid, fd
        self.output = bytearray()

    def read(self, timeout: float) -> float | None:
        """Read what is there within `timeout`; the time the first byte came, or None."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        at = time.perf_counter()
        try:
            self.output += os.read(self.fd, 1 << 16)
        except OSError:
            return None
        return at

    def frame(self, marker: bytes, limit: float = 60.0) -> float:
        """Seconds from the start until `marker` shows and the output then pauses."""
        deadline = time.perf_counter() + limit
        last = self.start
        while time.perf_counter() < deadline:
            at = self.read(QUIET)
            if at is not None:
                last = at
            elif marker in self.output:
                return last - self.start
        raise RuntimeError(f"no frame with {marker!r} within {limit} s")

    def key(self, key: str) -> float:
        """Seconds from writing `key` to the first output byte in answer."""
        while self.read(QUIET) is not None:  # let the previous frame finish
            pass
        sent = time.perf_counter()
        os.write(self.fd, key.encode())
        at = self.read(10.0)
        if at is None:
            raise RuntimeError(f"no frame after {key!r}")
        return at - sent

    def recorded_key(self, key: str, journal: Path) -> tuple[float, float]:
        """Seconds from writing `key` to the first output byte, and to the first output read
        once `journal` has grown (the frame that can show what the key recorded).

        The two differ when a frame comes before the record: on 31a637d the screen under
        the run screen repainted it whole on every key, before the command had even run,
        so the first byte measured that frame, not the one showing the pause.
        """
        while self.read(QUIET) is not None:  # let the previous frame finish
            pass
        size = journal.stat().st_size
        sent = time.perf_counter()
        os.write(self.fd, key.encode())
        first: float | None = None
        grown = False
        deadline = sent + 10.0
        while time.perf_counter() < deadline:
            # Polled every half millisecond: the record lands between two frames.
            grown = grown or journal.stat().st_size > size
            at = self.read(0.0005)
            if at is None:
                continue
            first = at if first is None else first
            if grown:
                return first - sent, at - sent
        raise RuntimeError(f"no frame after {key!r} recorded (record seen: {grown})")

    def cpu(self) -> float:
        """The child's user + system CPU seconds so far (Linux /proc)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def idle(self, seconds: float) -> float:
        """The share of one core the child used over `seconds` of no input."""
        while self.read(QUIET) is not None:
            pass
        start, cpu = time.perf_counter(), self.cpu()
        while time.perf_counter() - start < seconds:
            self.read(0.1)  # keep draining its output, as a terminal would
        return (self.cpu() - cpu) / (time.perf_counter() - start)

    def close(self) -> None:
        """Stop the child (it is ours) and reap it."""
        os.kill(self.pid, signal.SIGTERM)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def prefilled(work: Path, events: int) -> Path:
    """A journal of the 24-item, 60-person agenda with at least `events` events."""
    from bench.tui_bench import _long_meeting, big_agenda_toml
    from facilitator.core import commands as C
    from facilitator.core.clock import FakeClock
    from facilitator.core.session import Session
    from facilitator.store.journal import FileOps, Journal, journal_path, make_header
    from facilitator.tui.live import load_agenda

    agenda_file = work / f"big{events}.toml"
    agenda_file.write_text(big_agenda_toml(), encoding="utf-8")
    agenda = load_agenda(agenda_file)
    clock = FakeClock()
    path = journal_path(work / f"m{events}", "bench")
    no_fsync = FileOps(fsync=lambda fd: None)  # building the fixture only
    with Journal.create(path, make_header(agenda, None, clock.wall), ops=no_fsync) as journal:
        session = Session(agenda, journal, clock)
        names = [p.name for p in agenda.participants if p.role != "observer"]
        done = 0
        for command in _long_meeting(names):
            clock.advance(4)
            done += len(session.do(command))
            if done >= max(events, 2):
                break
        if session.state.current is None:
            # The long meeting stops where it stops, sometimes between two items: one is
            # running, so space (pause/resume) is a recorded key at every size.
            session.do(C.StartItem(None))
    return path


def percentile(values: list[float], q: float) -> float:
    """The q-quantile by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(
    code: str,
    args: tuple[str, ...],
    marker: bytes,
    samples: int,
    source: Path | None = None,
    *,
    idle: float = 0.0,
    settle: float = 0.0,
    modal: bool = False,
) -> dict[str, Any]:
    """First frame, idle CPU, `samples` presses of n and e (a refusal is a frame as well),
    then `c` + Esc twice (modal open and close)."""
    term = Term(code, *args, source=source)
    out: dict[str, Any] = {}
    try:
        out["first"] = term.frame(marker)
        # CPU to the first frame (and its QUIET wait, idle): a loaded machine stretches the
        # wall time, the child's CPU much less.
        out["first_cpu"] = term.cpu()
        if idle:
            # The CPU share over the settling seconds, times their length: CPU seconds.
            out["settle"] = term.idle(settle) * settle if settle else 0.0
            out["idle"] = term.idle(idle)
        keys: list[float] = []
        journal = Path(args[0]) if args and args[0].endswith(".jsonl") else None
        lines = _lines(journal)
        for _ in range(samples):
            for key in ("n", "e"):
                keys.append(term.key(key))
        out["keys"] = keys
        # Records the keys appended (a refused key appends none): what the figures measured.
        out["recorded"] = _lines(journal) - lines
        if journal is not None:
            # Space pauses and resumes the running item: a key the engine records (one
            # fsynced append each), so the row a recorded key costs, against bare + fsync.
            lines = _lines(journal)
            pairs = [term.recorded_key(" ", journal) for _ in range(samples * 2)]
            out["space"] = [first for first, _ in pairs]
            out["space_shown"] = [shown for _, shown in pairs]
            out["space_recorded"] = _lines(journal) - lines
        if modal:
            out["modal"] = [term.key(k) for k in ("c", "\x1b", "c", "\x1b")]
    finally:
        term.close()
    return out


def _lines(path: Path | None) -> int:
    """Lines in the file at `path` (0 for None)."""
    return path.read_bytes().count(b"\n") if path is not None else 0


def engine(journal: Path, source: Path | None = None) -> dict[str, Any]:
    """Replay vs json.loads and undo at the journal's end, in a child of `source`'s tree."""
    import json
    import subprocess

    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    done = subprocess.run(
        [sys.executable, "-c", ENGINE, str(journal)],
        cwd=source or ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure both apps, alternating, and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--idle", type=float, default=8.0, help="seconds of idle CPU per app")
    parser.add_argument(
        "--settle",
        type=float,
        default=3.0,
        help="seconds after the first frame before idle CPU is measured (their CPU is shown)",
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="also measure the app from this source tree (e.g. `git archive main` unpacked)",
    )
    args = parser.parse_args(argv)
    # Byte-compile every measured tree first, as check_speed and decisions_speed do: with
    # PYTHONDONTWRITEBYTECODE set (as here and in CI) the child would otherwise compile
    # ~95 modules from source on every run (~260 ms CPU), which a real install never does.
    for tree in (ROOT, args.before):
        if tree is not None:
            compileall.compile_dir(Path(tree) / "facilitator", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        journals = {n: prefilled(work, n) for n in sorted({0, args.events})}
        sources: dict[str, Path | None] = {"app": None}
        if args.before is not None:
            sources["before"] = args.before
        results: dict[str, list[dict[str, Any]]] = {}
        engines: dict[str, list[dict[str, Any]]] = {}
        for _ in range(args.runs):
            results.setdefault("bare", []).append(measure(BARE, (), b"ready", args.samples))
            results.setdefault("bare + fsync", []).append(
                measure(BARE_FSYNC, (str(work / "floor.jsonl"),), b"ready", args.samples)
            )
            results.setdefault("bare + toast", []).append(
                measure(BARE_NOTIFY, (), b"ready", args.samples)
            )
            results.setdefault("bare, 1-s timer", []).append(
                measure(BARE_TIMER, (), b"ready", 0, idle=args.idle, settle=args.settle)
            )
            for name, source in sources.items():
                for n, journal in journals.items():
                    results.setdefault(f"{name} at {n} events", []).append(
                        measure(
                            APP,
                            (str(journal),),
                            b"Stack",
                            args.samples,
                            source,
                            idle=args.idle,
                            settle=args.settle,
                            modal=True,
                        )
                    )
                engines.setdefault(name, []).append(engine(journals[args.events], source))
        report(results, engines, args)
    return 0


def report(
    results: dict[str, list[dict[str, Any]]],
    engines: dict[str, list[dict[str, Any]]],
    args: argparse.Namespace,
) -> None:
    """Medians over the runs, and every ratio against the same run's baseline."""

    def med(values: list[float]) -> float:
        return statistics.median(values) if values else float("nan")

    bare = results["bare"]
    bare_first = med([r["first"] for r in bare])
    bare_cpu = med([r["first_cpu"] for r in bare])
    bare_keys = [k for r in bare for k in r["keys"]]
    b50, b95 = med(bare_keys), percentile(bare_keys, 0.95)
    idle_base = med([r["idle"] for r in results["bare, 1-s timer"]])
    print(f"real pty {COLUMNS}x{LINES}, {args.runs} runs, {args.samples} n+e each:")
    print(
        f"  {'bare':22} first frame {bare_first * 1000:7.0f} ms ({bare_cpu * 1000:5.0f} ms CPU)"
        f"   key p50 {b50 * 1000:6.1f} ms   p95 {b95 * 1000:6.1f} ms"
    )
    floors: dict[str, tuple[float, float]] = {}
    for floor in ("bare + fsync", "bare + toast"):
        keys = [k for r in results[floor] for k in r["keys"]]
        floors[floor] = med(keys), percentile(keys, 0.95)
        print(
            f"  {floor:22} key p50 {floors[floor][0] * 1000:6.1f} ms ({floors[floor][0] / b50:4.2f}x"
            f" bare)   p95 {floors[floor][1] * 1000:6.1f} ms ({floors[floor][1] / b95:4.2f}x)"
        )
    # The same measure for bare + fsync's space (its one frame comes after its fsync).
    floor_shown = [k for r in results["bare + fsync"] for k in r.get("space_shown", [])]
    space_floor = med(floor_shown), percentile(floor_shown, 0.95)
    print(
        f"  {'bare + fsync':22} space, first frame after the record p50"
        f" {space_floor[0] * 1000:6.1f} ms   p95 {space_floor[1] * 1000:6.1f} ms"
    )
    settle_base = med([r["settle"] for r in results["bare, 1-s timer"]])
    print(
        f"  {'bare, 1-s timer':22} idle CPU {idle_base * 100:5.2f}% of a core"
        f"   first {args.settle:.0f} s after the frame {settle_base * 1000:5.0f} ms CPU"
    )
    for label, runs in results.items():
        if label.startswith("bare"):
            continue
        first = med([r["first"] for r in runs])
        first_cpu = med([r["first_cpu"] for r in runs])
        keys = [k for r in runs for k in r["keys"]]
        p50, p95 = med(keys), percentile(keys, 0.95)
        idle = med([r["idle"] for r in runs])
        modal = [r["modal"] for r in runs]
        print(
            f"  {label:22} first frame {first * 1000:7.0f} ms ({first / bare_first:4.2f}x bare;"
            f" CPU {first_cpu * 1000:5.0f} ms, {first_cpu / bare_cpu:4.2f}x)"
            f"   key p50 {p50 * 1000:6.1f} ms ({p50 / b50:5.2f}x)"
            f"   p95 {p95 * 1000:6.1f} ms ({p95 / b95:5.2f}x)"
        )
        recorded = sum(r["recorded"] for r in runs)
        print(
            f"  {'':22} key vs the floors: p50 {p50 / floors['bare + fsync'][0]:4.2f}x bare+fsync,"
            f" {p50 / floors['bare + toast'][0]:4.2f}x bare+toast;"
            f" p95 {p95 / floors['bare + fsync'][1]:4.2f}x, {p95 / floors['bare + toast'][1]:4.2f}x"
            f"   ({recorded} records appended by {len(keys)} keys: the rest were refused,"
            " a toast each)"
        )
        space = [k for r in runs for k in r.get("space", [])]
        shown = [k for r in runs for k in r.get("space_shown", [])]
        if shown:
            h50, h95 = med(shown), percentile(shown, 0.95)
            print(
                f"  {'':22} space, first frame after the record p50 {h50 * 1000:6.1f} ms"
                f" ({h50 / space_floor[0]:4.2f}x bare+fsync's)   p95 {h95 * 1000:6.1f} ms"
                f" ({h95 / space_floor[1]:4.2f}x)"
            )
        if space:
            s50, s95 = med(space), percentile(space, 0.95)
            print(
                f"  {'':22} space (pause/resume, recorded) p50 {s50 * 1000:6.1f} ms"
                f" ({s50 / b50:4.2f}x bare, {s50 / floors['bare + fsync'][0]:4.2f}x bare+fsync)"
                f"   p95 {s95 * 1000:6.1f} ms ({s95 / b95:4.2f}x,"
                f" {s95 / floors['bare + fsync'][1]:4.2f}x)"
                f"   ({sum(r['space_recorded'] for r in runs)} records by {len(space)} keys)"
            )
        print(
            f"  {'':22} idle CPU {idle * 100:5.2f}% ({idle / idle_base if idle_base else float('nan'):5.2f}x the timer app;"
            f" first {args.settle:.0f} s after the frame"
            f" {med([r['settle'] for r in runs]) * 1000:4.0f} ms CPU)"
            f"   modal open first {med([m[0] for m in modal]) * 1000:6.1f} ms,"
            f" again {med([m[2] for m in modal]) * 1000:6.1f} ms;"
            f" close {med([m[1] for m in modal] + [m[3] for m in modal]) * 1000:6.1f} ms"
        )
    for name in engines:
        space_small, space_large = (
            [k for r in results[f"{name} at {n} events"] for k in r.get("space", [])]
            for n in (0, args.events)
        )
        if not args.events:  # one journal: nothing to compare it with
            continue
        if space_small and space_large:
            print(
                f"  {name}: space at {args.events} events / 0 events:"
                f" p50 {med(space_large) / med(space_small):4.2f}x"
                f"   p95 {percentile(space_large, 0.95) / percentile(space_small, 0.95):4.2f}x"
            )
        small, large = (
            [k for r in results[f"{name} at {n} events"] for k in r["keys"]]
            for n in (0, args.events)
        )
        print(
            f"  {name}: {args.events} events / 0 events: p50 {med(large) / med(small):4.2f}x"
            f"   p95 {percentile(large, 0.95) / percentile(small, 0.95):4.2f}x"
        )
    for name, runs in engines.items():
        replay, loads = med([r["replay"] for r in runs]), med([r["loads"] for r in runs])
        cold = med([r["undo_cold"] for r in runs])
        idle_undo = [r["undo_idle"] for r in runs if r["undo_idle"] is not None]
        print(
            f"  {name}: replay of {args.events} events {replay * 1000:6.1f} ms vs json.loads"
            f" {loads * 1000:6.1f} ms ({replay / loads:4.2f}x);   undo at {args.events}:"
            f" {cold * 1000:6.1f} ms from a checkpoint"
            + (f", {med(idle_undo) * 1000:6.2f} ms after an idle tick" if idle_undo else "")
        )


if __name__ == "__main__":
    raise SystemExit(main())
