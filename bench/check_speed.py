"""How long `facilitator check` takes on a sample agenda, against `python -c pass`.

Both run with the same (venv) Python, alternating, N times each; prints the medians
and their ratio. Usage: .venv/bin/python bench/check_speed.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGENDA = "agendas/monthly-member-call.toml"


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    check = [sys.executable, "-m", "facilitator", "check", AGENDA]
    bare = [sys.executable, "-c", "pass"]
    _time(check)  # warm the file cache and the .pyc files once
    checks, bares = [], []
    for _ in range(runs):
        checks.append(_time(check))
        bares.append(_time(bare))
    c, b = statistics.median(checks), statistics.median(bares)
    print(f"python: {sys.executable} ({runs} runs each, alternating)")
    print(f"facilitator check {AGENDA}: median {c * 1000:.0f} ms")
    print(f"python -c pass:              median {b * 1000:.0f} ms")
    print(f"ratio: {c / b:.1f}x  (check costs {1000 * (c - b):.0f} ms over a bare interpreter)")


if __name__ == "__main__":
    main()
