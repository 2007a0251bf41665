"""Archive benchmark (not a test): many `facilitator decisions` processes at once on one folder.

Run from the repository root::

    .venv/bin/python -m bench.archive_concurrency [--size 500] [--runs 80] [--rounds 3]

For a fresh index (none on disk) and an existing one (built, then 40 files
added so every run finds work), it starts `--runs` processes at the same
moment, and reports how many failed (non-zero exit, or output different from
the first run's), and the wall time of the whole batch. Issue 10 measured
69 of 80 and 38 of 60 failing before WAL, the busy timeout and the
build-then-rename index.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitator.store.archive_index import INDEX_DIR_NAME  # noqa: E402
from tests.archive_support import random_doc, write_archive, write_doc  # noqa: E402


def batch(folder: Path, runs: int) -> tuple[int, float, str]:
    """(failures, seconds, one failure's last stderr line) for `runs` concurrent runs."""
    cmd = [sys.executable, "-m", "facilitator", "decisions", str(folder), "--json"]
    start = time.perf_counter()
    procs = [
        subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(runs)
    ]
    outs = []
    for p in procs:
        out, err = p.communicate()
        outs.append((p.returncode, out, err))
    seconds = time.perf_counter() - start
    good = [out for code, out, _ in outs if code == 0]
    reference = max(set(good), key=good.count) if good else None
    failures = [(code, err) for code, out, err in outs if code != 0 or out != reference]
    sample = failures[0][1].strip().splitlines()[-1:] if failures else []
    return len(failures), seconds, sample[0] if sample else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--runs", type=int, default=80)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "minutes"
        write_archive(folder, args.size, seed=args.size, malformed=False)
        rng = random.Random(1)
        for r in range(args.rounds):
            shutil.rmtree(folder / INDEX_DIR_NAME, ignore_errors=True)
            failed, seconds, why = batch(folder, args.runs)
            print(
                f"fresh index, round {r + 1}:    {failed:3d} of {args.runs} failed  "
                f"{seconds:6.1f} s  {why}"
            )
            for i in range(40):
                write_doc(folder, random_doc(rng, 10_000 * (r + 1) + i))
            failed, seconds, why = batch(folder, args.runs)
            print(
                f"existing index, round {r + 1}: {failed:3d} of {args.runs} failed  "
                f"{seconds:6.1f} s  {why}"
            )


if __name__ == "__main__":
    main()
