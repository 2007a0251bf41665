"""How long `facilitator check` takes on a sample agenda, against `python -c pass`.

All run with the same (venv) Python, interleaved, N times each; prints the medians
of wall and CPU time (user + system of the child) and their ratios to `python -c pass`.
Three floors are measured in the same run, to show what pydantic costs on its own:
`from pydantic import BaseModel`; one two-field model built and validated (pydantic's
schema generation, pydantic_core and its plugin loader, which imports `importlib.metadata`,
are paid by any program that validates with pydantic); importing the agenda models.
The package is byte-compiled first: with PYTHONDONTWRITEBYTECODE set (as in some
shells and CI), every run would otherwise compile the sources again, which a real
install never does. Usage: .venv/bin/python bench/check_speed.py [N]
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGENDA = "agendas/monthly-member-call.toml"
_ONE_MODEL = (
    "from pydantic import BaseModel\n"
    "class M(BaseModel):\n    title: str\n    n: int = 0\n"
    "M.model_validate({'title': 'x'})"
)


def _run(cmd: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped by wait4 already
    if status != 0:
        raise SystemExit(f"{cmd} failed")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    compileall.compile_dir(ROOT / "facilitator", quiet=1)
    py = sys.executable
    cmds = {
        "python -c pass": [py, "-c", "pass"],
        f"facilitator check {AGENDA}": [py, "-m", "facilitator", "check", AGENDA],
        "floor: from pydantic import BaseModel": [py, "-c", "from pydantic import BaseModel"],
        "floor: one pydantic model validated": [py, "-c", _ONE_MODEL],
        "floor: import facilitator.core.agenda": [py, "-c", "import facilitator.core.agenda"],
    }
    for cmd in cmds.values():
        _run(cmd)  # warm the file cache once
    got: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            got[name].append(_run(cmd))
    med = statistics.median
    base_wall = med(w for w, _ in got["python -c pass"])
    base_cpu = med(c for _, c in got["python -c pass"])
    print(f"python: {py} ({runs} runs each, interleaved)")
    for name, times in got.items():
        wall, cpu = med(w for w, _ in times), med(c for _, c in times)
        print(
            f"{name:<48} wall {wall * 1000:6.0f} ms ({wall / base_wall:4.1f}x)"
            f"  CPU {cpu * 1000:6.0f} ms ({cpu / base_cpu:4.1f}x)"
        )


if __name__ == "__main__":
    main()
