"""A recorded key in a real terminal, tree against tree (not a test): quick A/B of a change.

`bench.tui_pty_bench` measures everything (about 50 minutes for 3 runs of two trees);
this measures one row of it, the one a facilitator feels most: space (pause, resume; one
fsynced journal append each), from writing the key to the first output read once the
journal has grown, against the bare app that appends and fsyncs one JSON line (the
floor of a recorded key), alternating bare and every tree, `--rounds` times.

    .venv/bin/python -m bench.recorded_key_ab TREE [TREE ...] [--events 0] [--rounds 4]

A TREE is a checkout (e.g. `git worktree add /tmp/before main`); the meeting is the
24-item, 60-person agenda resumed at ~`--events` events, with its first item running.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import tempfile
from pathlib import Path

from bench.tui_pty_bench import APP, BARE_FSYNC, Term, percentile, prefilled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--events", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--samples", type=int, default=30, help="keys per app per round")
    args = parser.parse_args(argv)
    for tree in args.trees:
        compileall.compile_dir(tree / "facilitator", quiet=1)
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        journal = prefilled(work, args.events)
        floor = work / "floor.jsonl"
        floor.touch()
        for _ in range(args.rounds):
            term = Term(BARE_FSYNC, str(floor))
            term.frame(b"ready")
            keys = [term.recorded_key(" ", floor)[1] for _ in range(args.samples)]
            times.setdefault("bare + fsync", []).extend(keys)
            term.close()
            for tree in args.trees:
                term = Term(APP, str(journal), source=tree)
                term.frame(b"Stack")
                term.idle(1.5)  # past the one-off work after the first frame
                keys = [term.recorded_key(" ", journal)[1] for _ in range(args.samples)]
                times.setdefault(str(tree), []).extend(keys)
                term.close()
    floor_p50 = statistics.median(times["bare + fsync"])
    print(f"space, frame after the record, {args.events} events, {args.rounds} rounds:")
    for name, values in times.items():
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(
            f"  {name:40s} p50 {p50 * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms"
            f"  {p50 / floor_p50:4.2f}x bare + fsync"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
