"""Network benchmark (not a test): `decisions --grep` over a network repository, against `rg -l`.

Run from the repository root::

    .venv/bin/python -m bench.network_decisions [--circles 20] [--files 5000] [--runs 11]

Generates a network repository laid out as `publish` writes it (one folder per
circle, `<repo>/<circle-slug>/`) with the real renderer, warms the index, then
reports in the same run the median wall time of whole processes:
`facilitator decisions REPO --grep WORD` against `rg -l WORD REPO`, for a
common word and a rare one, and the ratio. It also checks that the answer
names a file from every circle folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.archive_support import random_doc, write_doc  # noqa: E402

FACILITATOR = [sys.executable, "-m", "facilitator"]
COMMON, RARE = "loan", "quinoa"


def _wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def _answers(repo: Path, word: str) -> str:
    """How big each answer is: decisions and their files, and the files `rg -l` names
    (rg matches the word anywhere in a file, body included, so it names more)."""
    done = subprocess.run(
        [*FACILITATOR, "decisions", str(repo), "--grep", word, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(done.stdout)
    rg = subprocess.run(["rg", "-l", word, str(repo)], capture_output=True, text=True, check=False)
    files = {row["path"] for row in rows}
    return f"{len(rows)} decisions in {len(files)} files; rg -l names {len(rg.stdout.split())}"


def build(repo: Path, circles: int, files: int) -> None:
    """`files` generated minutes spread over `circles` circle folders."""
    rng = random.Random(16)
    for n in range(files):
        k = n % circles
        doc = random_doc(rng, n)
        name = f"Circle {k:02d}"
        doc = dataclasses.replace(doc, circle=name, title=f"{name} meeting {n}")
        folder = repo / f"circle-{k:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        write_doc(folder, doc)


def main() -> None:
    """Build the network, then print the timings and ratios."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--circles", type=int, default=20)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=11)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "network"
        start = time.perf_counter()
        build(repo, args.circles, args.files)
        print(
            f"{args.files} minutes in {args.circles} circle folders"
            f" ({time.perf_counter() - start:.1f} s to generate)"
        )
        cold = _wall([*FACILITATOR, "decisions", str(repo), "--grep", RARE])
        print(f"cold index build: {cold * 1000:.0f} ms")
        done = subprocess.run(
            [*FACILITATOR, "decisions", str(repo), "--grep", COMMON, "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        folders = {row["path"].split("/")[0] for row in json.loads(done.stdout)}
        print(f"'{COMMON}' found in {len(folders)} of {args.circles} circle folders")
        for word in (COMMON, RARE):
            # Interleaved runs, so both commands see the same load on a shared machine.
            ours_runs: list[float] = []
            rg_runs: list[float] = []
            ours_cmd = [*FACILITATOR, "decisions", str(repo), "--grep", word]
            rg_cmd = ["rg", "-l", word, str(repo)]
            _wall(ours_cmd)  # warm the page cache and the index
            _wall(rg_cmd)
            for _ in range(args.runs):
                ours_runs.append(_wall(ours_cmd))
                rg_runs.append(_wall(rg_cmd))
            ours, rg = statistics.median(ours_runs), statistics.median(rg_runs)
            print(
                f"--grep {word:7}: decisions {ours * 1000:7.1f} ms, rg -l {rg * 1000:7.1f} ms,"
                f" ratio {ours / rg:5.2f}x  ({_answers(repo, word)})"
            )


if __name__ == "__main__":
    main()
