"""First frame of `resume` in a real terminal (not a test), against a bare app and a floor.

Only the first frame, so many runs fit in the time `bench.tui_pty_bench` takes for three
(its children, pty and journals are reused from there, unchanged). Per run, alternating:

- bare: App + Static + Footer (`tui_pty_bench.BARE`);
- floor: the same bare app, started only after what any resume must do before it can
  draw: read and check the journal, rebuild the agenda from its header (pydantic) and
  replay the events into the meeting state (the core's fold), so `floor / bare` is the
  cost that no work on the screen side can remove;
- the app (and `--before DIR`'s) resumed at 0 and at `--events` events; with
  `--no-warm`, also the app without its warm-up after the first frame (see `NO_WARM`).

Each child's wall time to a complete frame (the marker shown, then QUIET seconds of no
output) and its CPU then (user + system); medians and ratios against the same runs' bare.

    .venv/bin/python -m bench.first_frame [--runs 7] [--events 10000] [--before DIR]
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import tempfile
from pathlib import Path

from bench.tui_pty_bench import APP, BARE, ROOT, Term, prefilled

FLOOR = """
import sys
from pathlib import Path
from facilitator.core.events import events_from_records
from facilitator.core.fold import replay
from facilitator.store.journal import agenda_from_header, read_journal
path = Path(sys.argv[1])
contents = read_journal(path)
agenda, _ = agenda_from_header(contents.header, path)
state = replay(agenda, events_from_records(contents.records))
from textual.app import App
from textual.widgets import Footer, Static
class Floor(App[None]):
    def compose(self):
        yield Static(f"ready {len(state.items)}", id="s")
        yield Footer()
Floor().run()
"""
NO_WARM = (
    "from facilitator.tui.screens import run_screen\n"
    "run_screen.RunScreen._warm_modals = run_screen.RunScreen.freeze_heap\n" + APP
)
"""The app without its warm-up after the first frame (the modal screens and the panels
imported on a thread): the pty sees no output from it, so its CPU falls inside the
QUIET wait and counts in the app's first-frame CPU; this row says how much (diagnosis
only: the real app warms)."""


def first(
    code: str, args: tuple[str, ...], marker: bytes, source: Path | None
) -> tuple[float, float]:
    """(wall, CPU) seconds of one child to its complete first frame."""
    term = Term(code, *args, source=source)
    try:
        wall = term.frame(marker)
        return wall, term.cpu()
    finally:
        term.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--before", type=Path, help="also measure the app from this tree")
    parser.add_argument(
        "--no-warm", action="store_true", help="also measure the app without its warm-up"
    )
    args = parser.parse_args(argv)
    for tree in (ROOT, args.before):
        if tree is not None:
            compileall.compile_dir(Path(tree) / "facilitator", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sizes = sorted({0, args.events})
        journals = {n: prefilled(work, n) for n in sizes}
        results: dict[str, list[tuple[float, float]]] = {}
        for _ in range(args.runs):
            results.setdefault("bare", []).append(first(BARE, (), b"ready", None))
            for n in sizes:
                journal = (str(journals[n]),)
                results.setdefault(f"floor at {n}", []).append(
                    first(FLOOR, journal, b"ready", None)
                )
                results.setdefault(f"app at {n}", []).append(first(APP, journal, b"Stack", None))
                if args.no_warm:
                    results.setdefault(f"no warm at {n}", []).append(
                        first(NO_WARM, journal, b"Stack", None)
                    )
                if args.before is not None:
                    results.setdefault(f"before at {n}", []).append(
                        first(APP, journal, b"Stack", args.before)
                    )
    bare_wall = statistics.median(w for w, _ in results["bare"])
    bare_cpu = statistics.median(c for _, c in results["bare"])
    print(f"first frame, real pty, {args.runs} runs, medians (ratios to bare in the same runs):")
    for label, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        spread = max(c for _, c in runs) - min(c for _, c in runs)
        print(
            f"  {label:16} wall {wall * 1000:6.0f} ms ({wall / bare_wall:4.2f}x)"
            f"   CPU {cpu * 1000:6.0f} ms ({cpu / bare_cpu:4.2f}x; spread {spread * 1000:4.0f} ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
