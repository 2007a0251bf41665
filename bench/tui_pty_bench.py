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
- the meeting is resumed from a real journal of ~0 and ~N events (`--events`) of
  a 24-item agenda with 60 people (bench.tui_bench's generator and long meeting).

    .venv/bin/python -m bench.tui_pty_bench [--runs 3] [--events 10000] [--samples 20]
"""

from __future__ import annotations

import argparse
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
APP = """
import sys
from pathlib import Path
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
journal = Path(sys.argv[1])
build_app(journal=journal, minutes_dir=journal.parent.parent, settings=Settings()).run()
"""


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

    def close(self) -> None:
        """Stop the child (it is ours) and reap it."""
        os.kill(self.pid, signal.SIGTERM)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def prefilled(work: Path, events: int) -> Path:
    """A journal of the 24-item, 60-person agenda with at least `events` events."""
    from bench.tui_bench import _long_meeting, big_agenda_toml
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
    return path


def percentile(values: list[float], q: float) -> float:
    """The q-quantile by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(
    code: str, args: tuple[str, ...], marker: bytes, samples: int, source: Path | None = None
) -> dict[str, Any]:
    """First frame, then `samples` presses of n and e (a refusal is a frame as well)."""
    term = Term(code, *args, source=source)
    try:
        first = term.frame(marker)
        keys: list[float] = []
        for _ in range(samples):
            for key in ("n", "e"):
                keys.append(term.key(key))
    finally:
        term.close()
    return {"first": first, "keys": keys}


def main(argv: list[str] | None = None) -> int:
    """Measure both apps, alternating, and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument(
        "--before",
        type=Path,
        help="also measure the app from this source tree (e.g. `git archive main` unpacked)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        journals = {n: prefilled(work, n) for n in (0, args.events)}
        results: dict[str, list[dict[str, Any]]] = {}
        for _ in range(args.runs):
            results.setdefault("bare", []).append(measure(BARE, (), b"ready", args.samples))
            for n, journal in journals.items():
                label = f"app at {n} events"
                results.setdefault(label, []).append(
                    measure(APP, (str(journal),), b"Stack", args.samples)
                )
                if args.before is not None:
                    results.setdefault(f"before, {n} events", []).append(
                        measure(APP, (str(journal),), b"Stack", args.samples, args.before)
                    )
        summary = {}
        for label, runs in results.items():
            keys = [k for r in runs for k in r["keys"]]
            summary[label] = (
                statistics.median(r["first"] for r in runs),
                statistics.median(keys),
                percentile(keys, 0.95),
            )
        bare = summary["bare"]
        print(f"real pty {COLUMNS}x{LINES}, {args.runs} runs, {args.samples} n+e each:")
        for label, (first, p50, p95) in summary.items():
            print(
                f"  {label:22} first frame {first * 1000:7.0f} ms ({first / bare[0]:4.2f}x bare)"
                f"   key p50 {p50 * 1000:6.1f} ms ({p50 / bare[1]:5.2f}x)"
                f"   p95 {p95 * 1000:6.1f} ms ({p95 / bare[2]:5.2f}x)"
            )
        (_, s50, s95), (_, l50, l95) = (
            summary["app at 0 events"],
            summary[f"app at {args.events} events"],
        )
        print(f"  {args.events} events / 0 events: p50 {l50 / s50:4.2f}x   p95 {l95 / s95:4.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
