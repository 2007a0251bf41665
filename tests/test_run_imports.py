"""`facilitator run` and `resume` import nothing before the first frame that it does not need.

Issue 12: the first frame of the run screen waited on imports it never used: the whole
minutes stack (only for a file stem), and it must never wait on the members' view's web
server, the archive or Babel. Each case runs in a fresh interpreter (a test process has
imported everything already): the real app, headless, on a real agenda and journal, and
the modules loaded when the run screen's first frame is done are compared with a list.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.store import meeting_files, minutes_writer

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "agendas" / "monthly-member-call.toml"

HEAVY = (
    "facilitator.store.minutes",
    "facilitator.store.minutes_body",
    "facilitator.store.minutes_model",
    "facilitator.store.minutes_view",
    "facilitator.store.minutes_writer",
    "facilitator.store.archive",
    "facilitator.web",
    "facilitator.tui.screens.share",
    "facilitator.tui.review",
    "aiohttp",
    "babel",
    "markdown_it",
    "tomli_w",
    # The forms and pickers (Input, TextArea and its document stack, the fuzzy matcher):
    # the widgets build their fields and choices from the light `tui.fields`.
    "facilitator.tui.screens.forms",
    "facilitator.tui.screens.picker",
    "facilitator.tui.screens.preview_form",
    "facilitator.tui.date_fields",
    "textual.widgets._text_area",
    "textual.document",
    # The panels of processes whose items are not shown: the footer and F1 read every
    # process's keys from its light `panel_keys.py` (the round's standing keys are in
    # `round/panel_standing.py`; both agendas here open on a round item, so the round's
    # panel is loaded and not listed).
    "facilitator.processes.consent.panel",
    "facilitator.processes.vote.panel",
    "facilitator.processes.selection.panel",
    "facilitator.processes.dot_vote.panel",
)
"""Modules the first frame of `run` or `resume` does not need."""

PANELLED = ("round", "consent", "vote", "selection", "dot_vote")

CHILD = """
import asyncio, json, sys
from pathlib import Path
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from facilitator.tui.screens import run_screen

what, path, minutes = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
seen = {}
warm = run_screen.RunScreen._warm_modals

def first_frame_done(self):
    # Called after the first refresh of the run screen (before the modals are warmed).
    seen["modules"] = sorted(sys.modules)
    warm(self)

run_screen.RunScreen._warm_modals = first_frame_done
if what == "run":
    app = build_app(path, minutes_dir=minutes, settings=Settings())
else:
    app = build_app(journal=path, minutes_dir=minutes, settings=Settings())

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        while "modules" not in seen:
            await pilot.pause()
        assert type(app.screen).__name__ == "RunScreen", app.screen

asyncio.run(main())
print(json.dumps(seen["modules"]))
"""


def _first_frame_modules(what: str, path: Path, minutes: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, what, str(path), str(minutes)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    modules: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return modules


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


@pytest.mark.parametrize("what", ["run", "resume"])
def test_the_first_frame_imports_no_minutes_web_archive_or_babel(tmp_path: Path, what: str) -> None:
    from bench.tui_bench import prefill

    minutes = tmp_path / "minutes"
    if what == "run":
        path = SAMPLE
    else:
        path, _ = prefill(minutes, 40)
    modules = _first_frame_modules(what, path, minutes)
    # The run screen itself is there: the probe saw its first frame, not an earlier one.
    assert "facilitator.tui.screens.run_screen" in modules
    assert "facilitator.tui.widgets.agenda_panel" in modules
    assert _heavy(modules) == []
    # Every process's keys are there (the footer and F1 need them), light.
    assert {f"facilitator.processes.{p}.panel_keys" for p in PANELLED} <= set(modules)
    if what == "run":
        # The new meeting's journal was created (the stem was found without the minutes).
        assert list((minutes / ".private").glob("*.journal.jsonl")), list(minutes.rglob("*"))


def test_the_cleanup_looks_for_the_plans_the_writer_leaves() -> None:
    # `cleanup` imports the writer only when a plan is pending: it must look for its files.
    assert meeting_files.PENDING_SUFFIX == minutes_writer.PENDING_SUFFIX


GC_CHILD = """
import gc, json, sys
from pathlib import Path
collections = []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info))
from facilitator.tui import launch

def probe(*args, **kwargs):
    print(json.dumps({
        "collections": len(collections) - before,
        "frozen": gc.get_freeze_count(),
        "imported": "facilitator.tui.app" in sys.modules and "textual.app" in sys.modules,
    }))
    return 0

launch._build_and_run = probe
before = len(collections)
code = launch.launch(minutes_dir=Path(sys.argv[1]), agenda_path=Path(sys.argv[2]))
print(json.dumps({"after": gc.get_freeze_count(), "code": code}))
"""


def test_the_apps_modules_are_imported_without_garbage_collections(tmp_path: Path) -> None:
    # Issue 12: importing the app's ~600 modules set off ~190 collections walking the
    # growing heap before the first frame. They are imported with the collector paused,
    # then frozen (the run screen freezes the heap again after its first frame).
    done = subprocess.run(
        [sys.executable, "-c", GC_CHILD, str(tmp_path / "minutes"), str(SAMPLE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    during, after = (json.loads(line) for line in done.stdout.strip().splitlines()[-2:])
    assert during["imported"]
    assert during["collections"] == 0
    assert during["frozen"] > 20_000  # the imported modules' objects
    assert after == {"after": 0, "code": 0}  # thawed when the app is done
