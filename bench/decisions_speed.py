"""Archive benchmark (not a test): `facilitator decisions --grep` against `rg -l`, index builds, review.

Run from the repository root::

    .venv/bin/python -m bench.decisions_speed [--sizes 500 5000] [--runs 15] [--keep DIR]
        [--no-review] [--baseline-tree DIR]

For each archive size it generates minutes with the real renderer (tests/archive_support;
`--keep DIR` generates them once into DIR and reuses them on later runs), then reports,
in the same run, medians over whole processes (the package byte-compiled first), the
command and its baseline interleaved so that a loaded machine slows both alike:

- `facilitator decisions DIR --grep WORD` with a warm index, against `rg -l WORD DIR`:
  wall time and CPU time (user + system of the child, from `wait4`), and their ratios
  (the goal is ≤ 1.0×), for a common word and a rare one. It runs the install's
  `facilitator` script next to the interpreter, as a user does, and says which install
  that is (a wheel, an editable install with or without setuptools' finder module);
  to measure what users get, name a wheel venv's interpreter with `--python`
  (`python3 -m venv /tmp/v && .venv/bin/pip --python /tmp/v/bin/python install --no-deps .`:
  the fast path needs no dependency), and run the bench without PYTHONPATH, which
  would put the source folder first;
- floors in the same interleaved round: `python -S -c pass`, `python -c pass`,
  `python -c 'import sqlite3'`, and `python -S` stat-ing every minutes file (the part
  of the freshness check that cannot be skipped: module docstring of
  `store/archive_sync.py`);
- a cold index build (the index removed first), serial (`FACILITATOR_INDEX_JOBS=1`)
  against the default parallel build, wall and CPU;
- an incremental update after adding one minutes file;
- the review screen's first frame (headless, process start to first refresh),
  against a bare Header + Footer Textual app measured the same way;

and the import time of the fast path (`python -X importtime`), with a check that
textual, pydantic and rich are never imported by it.

`--baseline-tree DIR` (a checkout of the `facilitator` package's parent, for example
`git archive main facilitator | tar -x -C /tmp/base`) adds that tree's `decisions --grep`
to the same interleaved round, run by the same script with `PYTHONPATH=DIR`, and prints
this tree's CPU over the baseline's. The baseline answers from its own copy of the
archive: two versions sharing one index would each find the other's listing and redo the
full comparison on every run, which neither does alone.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitator.store.archive_index import INDEX_DIR_NAME  # noqa: E402
from tests.archive_support import random_doc, write_archive, write_doc  # noqa: E402

COMMON, RARE = "loan", "quinoa"


PYTHON = sys.executable
"""The interpreter whose install is measured (`--python`; by default the one running this)."""
FACILITATOR: list[str] = []
BASELINE: Path | None = None
"""`--baseline-tree`: another source tree to compare this one with, in the same round."""


def _console_script(python: str) -> list[str]:
    """How a user starts it: the install's `facilitator` script next to `python` (no
    runpy, unlike `python -m facilitator`); `-m` only when there is no script."""
    script = Path(python).parent / "facilitator"
    return [str(script)] if script.exists() else [python, "-m", "facilitator"]


_SHAPE = """
import site
from pathlib import Path
dirs = [Path(d) for d in site.getsitepackages()]
finder = [p.name for d in dirs for p in d.glob("__editable___facilitator_*_finder.py")]
if finder:
    shape = "editable with the finder module " + finder[0]
elif [p for d in dirs for p in d.glob("__editable__.facilitator-*.pth")]:
    shape = "editable, compat mode (a plain path in a .pth)"
elif any((d / "facilitator").is_dir() for d in dirs):
    shape = "wheel (pip install .)"
else:
    shape = "not installed in this interpreter's site-packages"
import facilitator
print(f"{shape}; the package imported from {Path(facilitator.__file__).parent}")
"""
"""Read from the interpreter's site-packages, not from package metadata, which an
`.egg-info` in the source folder (on PYTHONPATH) would answer instead."""


def install_shape() -> str:
    """Which install the bench measures: a wheel, or an editable install with or without
    setuptools' finder module (which every interpreter start imports), and where the
    package that runs comes from (PYTHONPATH, inherited, puts the source folder first:
    a plain path, which costs what a wheel's site-packages does)."""
    # -P: not the current folder first (a script does not get it either).
    done = subprocess.run([PYTHON, "-P", "-c", _SHAPE], capture_output=True, text=True, check=False)
    shape = done.stdout.strip() or done.stderr.strip()[-300:]
    return f"{shape}; command: {' '.join(FACILITATOR)}"


_STAT_FLOOR = """
import os, sys
stack = [sys.argv[1]]
while stack:
    with os.scandir(stack.pop()) as it:
        for e in it:
            if e.name.startswith("."):
                continue
            if e.is_dir(follow_symlinks=False):
                stack.append(e.path)
            elif e.name.endswith(".md"):
                e.stat(follow_symlinks=False)
"""
"""The freshness floor: `python -S` listing the folder and stat-ing every minutes file."""


def _floors(folder: Path) -> dict[str, list[str]]:
    py = PYTHON
    return {
        "python -S -c pass": [py, "-S", "-c", "pass"],
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import sqlite3'": [py, "-c", "import sqlite3"],
        "python -S stat every file": [py, "-S", "-c", _STAT_FLOOR, str(folder)],
    }


_FIRST_FRAME = """
import sys, time
from pathlib import Path
mode, folder = sys.argv[1], sys.argv[2]
if mode == "review":
    from facilitator.tui.review.app import build_review_app
    app = build_review_app(Path(folder))
else:
    from textual.app import App
    from textual.widgets import Footer, Header
    class Bare(App[None]):
        def compose(self):
            yield Header()
            yield Footer()
    app = Bare()
async def leave(pilot):
    await pilot.pause()
    pilot.app.exit()
app.run(headless=True, size=(80, 24), auto_pilot=leave)
"""


def _run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `cmd`; CPU is the child's user + system time."""
    start = time.perf_counter()
    child = subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=None if env is None else {**os.environ, **env},
    )
    _, _, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = 0  # reaped by wait4 already
    return wall, usage.ru_utime + usage.ru_stime


def _wall(cmd: list[str]) -> float:
    return _run(cmd)[0]


def _interleaved(
    cmds: dict[str, list[str]], runs: int, envs: dict[str, dict[str, str]] | None = None
) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) of each command, all run in turn `runs` times after a warm-up
    (`envs`: extra environment variables of some of them)."""
    envs = envs or {}
    for name, cmd in cmds.items():
        _run(cmd, envs.get(name))
    got: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            got[name].append(_run(cmd, envs.get(name)))
    med = statistics.median
    return {n: (med(w for w, _ in r), med(c for _, c in r)) for n, r in got.items()}


def _median(cmd: list[str], runs: int) -> float:
    _wall(cmd)  # warm the page cache and the index
    return statistics.median(_wall(cmd) for _ in range(runs))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def _importtime(folder: Path) -> tuple[float, list[str]]:
    done = subprocess.run(
        [
            PYTHON,
            "-P",  # as the script: the current folder is not put first
            "-X",
            "importtime",
            "-c",
            "import sys; from facilitator.cli import main; sys.exit(main())",  # the script's body
            "decisions",
            str(folder),
            "--grep",
            COMMON,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    total = 0.0
    heavy = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if not cumulative.strip().isdigit():
            continue  # the header line
        if name.strip().split(".")[0] in {"textual", "pydantic", "rich"}:
            heavy.append(name.strip())
        if name.startswith(" ") and not name.startswith("  "):  # top-level imports only
            total += int(cumulative) / 1e6
    return total, heavy


def bench(size: int, runs: int, workdir: Path, *, review: bool = True) -> None:
    folder = workdir / f"minutes-{size}"
    if not folder.exists():
        start = time.perf_counter()
        write_archive(folder, size, seed=size)
        print(f"\n== {size} minutes files ({time.perf_counter() - start:.1f} s to generate) ==")
    else:
        print(f"\n== {size} minutes files (reused from {folder}) ==")

    cold = [*FACILITATOR, "decisions", str(folder), "--grep", RARE]
    serial: list[tuple[float, float]] = []
    parallel: list[tuple[float, float]] = []
    for _ in range(3):
        for jobs, into in (("1", serial), ("0", parallel)):
            shutil.rmtree(folder / INDEX_DIR_NAME, ignore_errors=True)
            into.append(_run(cold, {"FACILITATOR_INDEX_JOBS": jobs}))
    sw, sc = (statistics.median(x[i] for x in serial) for i in (0, 1))
    pw, pc = (statistics.median(x[i] for x in parallel) for i in (0, 1))
    print(
        f"cold index build, serial   wall {_ms(sw)}  CPU {_ms(sc)}\n"
        f"cold index build, parallel wall {_ms(pw)}  CPU {_ms(pc)}   "
        f"wall ratio parallel/serial {pw / sw:5.2f}x"
    )

    # One interleaved round over every command, so the ratios and floors share the load.
    cmds = {
        **{
            f"decisions {w}": [*FACILITATOR, "decisions", str(folder), "--grep", w]
            for w in (COMMON, RARE)
        },
        **{f"rg {w}": ["rg", "-l", w, str(folder)] for w in (COMMON, RARE)},
        **_floors(folder),
    }
    envs: dict[str, dict[str, str]] = {}
    if BASELINE is not None:
        compileall.compile_dir(BASELINE / "facilitator", quiet=1)
        copy = workdir / f"minutes-{size}-baseline"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(folder, copy, symlinks=True)
        for term in (COMMON, RARE):
            cmds[f"baseline {term}"] = [*FACILITATOR, "decisions", str(copy), "--grep", term]
            envs[f"baseline {term}"] = {"PYTHONPATH": str(BASELINE)}
    got = _interleaved(cmds, runs, envs)
    print(f"install: {install_shape()}; load average {os.getloadavg()[0]:.2f}")
    for word in (COMMON, RARE):
        fw, fc = got[f"decisions {word}"]
        rw, rc = got[f"rg {word}"]
        hits = subprocess.run(
            [*FACILITATOR, "decisions", str(folder), "--grep", word, "--csv"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.count("\n")
        print(
            f"decisions --grep {word:<7} (warm) wall {_ms(fw)} CPU {_ms(fc)} | rg -l wall {_ms(rw)} "
            f"CPU {_ms(rc)} | ratio wall {fw / rw:5.2f}x CPU {fc / rc:5.2f}x  ({hits - 1} decisions)"
        )

    if BASELINE is not None:
        for word in (COMMON, RARE):
            bc, fc, rc = (got[f"{k} {word}"][1] for k in ("baseline", "decisions", "rg"))
            print(
                f"baseline {word:<7} CPU {_ms(bc)} ({bc / rc:5.2f}x rg) | this tree {_ms(fc)} "
                f"({fc / rc:5.2f}x rg) | this / baseline {fc / bc:5.2f}x  ({BASELINE})"
            )
    rw, rc = got[f"rg {RARE}"]
    for name in _floors(folder):
        w, c = got[name]
        print(f"floor {name:<27} wall {_ms(w)} CPU {_ms(c)} | CPU / rg -l {RARE}: {c / rc:5.2f}x")

    rng = random.Random(size)
    increments = []
    for n in range(5):
        write_doc(folder, random_doc(rng, 1_000_000 + n))
        increments.append(_wall([*FACILITATOR, "decisions", str(folder), "--grep", RARE]))
    warm = _median([*FACILITATOR, "decisions", str(folder), "--grep", RARE], runs)
    inc = statistics.median(increments)
    print(
        f"after adding one file (incremental)   {_ms(inc)}   warm {_ms(warm)}   +{_ms(inc - warm)}"
    )

    total, heavy = _importtime(folder)
    print(
        f"fast path imports (-X importtime)     {_ms(total)}   textual/pydantic/rich: {heavy or 'none'}"
    )
    if not review:
        return
    review_s = statistics.median(
        _wall([sys.executable, "-c", _FIRST_FRAME, "review", str(folder)]) for _ in range(5)
    )
    bare = statistics.median(
        _wall([sys.executable, "-c", _FIRST_FRAME, "bare", str(folder)]) for _ in range(5)
    )
    print(
        f"review first frame (headless, 80x24)  {_ms(review_s)}   bare Header+Footer app "
        f"{_ms(bare)}   ratio {review_s / bare:5.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="generate the archives here once and reuse them")
    parser.add_argument("--no-review", action="store_true", help="skip the review first frame")
    parser.add_argument(
        "--baseline-tree",
        type=Path,
        metavar="DIR",
        help="also run `decisions` from this source tree (PYTHONPATH=DIR), interleaved",
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter whose install (its `facilitator` script) is measured",
    )
    args = parser.parse_args()
    global PYTHON, FACILITATOR, BASELINE
    PYTHON = args.python
    BASELINE = args.baseline_tree
    FACILITATOR = _console_script(PYTHON)
    # With PYTHONDONTWRITEBYTECODE set, every run would compile the package again, which a
    # real install never does: byte-compile it once.
    compileall.compile_dir(ROOT / "facilitator", quiet=1)
    if shutil.which("rg") is None:
        sys.exit("ripgrep (rg) is needed as the baseline: apt-get install ripgrep")
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            bench(size, args.runs, args.keep, review=not args.no_review)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            bench(size, args.runs, Path(tmp), review=not args.no_review)


if __name__ == "__main__":
    main()
