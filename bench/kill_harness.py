"""kill -9 harness, large N (not a test): kill the scripted meeting at random instants.

Run from the repository root::

    .venv/bin/python -m bench.kill_harness [--kills 200] [--seed 1]

A child process drives the scripted ~200-event meeting through the real
Session and Journal and reports each acknowledged event; the parent SIGKILLs it
at random instants (after a random number of acks plus a random 0-3 ms), checks
the journal, and resumes it in a new child until the script finishes. See
tests/journal_child.py for the mechanics; tests/test_durability_kill.py runs a
small N of the same campaign in CI.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tests.journal_child import campaign


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay-ms", type=float, default=3.0)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kill-harness-") as tmp:
        report = campaign(Path(tmp), args.kills, args.seed, max_delay=args.max_delay_ms / 1000)
    elapsed = time.perf_counter() - start
    print(f"kills                       {report.kills}")
    print(f"events acknowledged         {report.acknowledged}")
    print(f"acknowledged events lost    {report.lost}")
    print(f"unreadable journals         {report.unreadable}")
    print(f"resumes succeeded           {report.resumes_ok}/{report.resumes}")
    print(f"kills after the script end  {report.late_kills}  (nothing left to resume)")
    print(f"meetings                    {len(report.journals)}")
    print(f"events in final journals    {report.final_events}  (a kill between an fsync and")
    print("                            its acknowledgement leaves events durable, unconfirmed)")
    print(f"errors                      {len(report.errors)}")
    for error in report.errors[:5]:
        print(f"  {error}")
    print(f"({elapsed:.1f} s)")
    ok = (
        report.lost == 0
        and report.unreadable == 0
        and report.resumes_ok == report.resumes == report.kills - report.late_kills
        and not report.errors
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
