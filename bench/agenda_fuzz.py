"""The long agenda mutation campaign (not a test): many seeds, many meetings.

Run from the repository root::

    .venv/bin/python -m bench.agenda_fuzz [--mutants 20000] [--meetings 400] [--seed 1]

The same mutants and checks as tests/test_agenda_fuzz.py (see
tests/agenda_fuzz_support.py), at a size CI cannot afford. Prints the counts, the
time per mutant checked and per meeting run, and every failure with the seed and
mutant number that reproduce it; exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import time

from tests.agenda_fuzz_support import campaign


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=20_000)
    parser.add_argument("--meetings", type=int, default=400)
    parser.add_argument("--every", type=int, default=3, help="run every N-th loading mutant")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    outcome = campaign(args.seed, args.mutants, args.meetings, every=args.every)
    took = time.perf_counter() - started
    print(
        f"seed {args.seed}: {outcome.mutants} mutants, {outcome.loaded} load, "
        f"{outcome.meetings} meetings ({outcome.commands} commands accepted, "
        f"{outcome.refused} refused) in {took:.1f} s; failures: {len(outcome.failures)}"
    )
    for failure in outcome.failures:
        print("  " + failure)
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
