"""As a person would: play a meeting in tmux, close the terminal mid-meeting, resume.

Runs the real `facilitator` in a tmux session, types with `send-keys` (waiting
for the screen after each step, as MEASURED.md advises), reads the screen with
`capture-pane`, then kills the session (tmux sends SIGHUP; Textual does not
handle it, so the process dies without cleanup). `facilitator resume` in a new
session must show everything that was on screen before. Exits 1 on a loss.

    .venv/bin/python bench/tmux_sighup_check.py [--size 120x40]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / ".venv" / "bin" / "facilitator"
AGENDA = ROOT / "agendas" / "monthly-member-call.toml"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session: str, text: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen(session)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise SystemExit(f"timed out waiting for {text!r}; the screen shows:\n{screen(session)}")


def keys(session: str, *ks: str, then: str | None = None) -> str:
    for k in ks:
        tmux("send-keys", "-t", session, k)
        time.sleep(0.15)
    return wait_for(session, then) if then else screen(session)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="120x40")
    args = parser.parse_args()
    width, height = args.size.split("x")
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 1
    minutes = Path(tempfile.mkdtemp(prefix="facilitator-tmux-"))
    s1, s2 = "fac-sighup-1", "fac-sighup-2"
    for s in (s1, s2):
        subprocess.run(["tmux", "kill-session", "-t", s], capture_output=True)
    run = f"{APP} run {AGENDA} --minutes-dir {minutes}"
    tmux("new", "-d", "-s", s1, "-x", width, "-y", height, run)
    wait_for(s1, "Agenda")
    keys(s1, "N", then="Who is here?")
    keys(s1, "Enter", then="present")
    keys(s1, "j", then="Start the round with whom?")
    keys(s1, "Enter", then="Round")
    keys(s1, "e", "u")
    keys(s1, "N", then="Education")
    keys(s1, "k", then="Queue by quick key")
    keys(s1, "b", then="Bo Tran")
    keys(s1, "p", then="Point of process")
    tmux("send-keys", "-t", s1, "-l", "Chen")
    wait_for(s1, "Chen")
    keys(s1, "Enter", then="PROCESS")
    keys(s1, "n")
    keys(s1, "m", then="Note")
    tmux("send-keys", "-t", s1, "-l", "Tool library opens in March")
    wait_for(s1, "Tool library opens in March")
    before = keys(s1, "Enter", then="✎ note")
    time.sleep(0.5)
    tmux("kill-session", "-t", s1)  # SIGHUP to the app: no cleanup, no goodbye
    time.sleep(0.5)
    tmux("new", "-d", "-s", s2, "-x", width, "-y", height, f"{APP} resume --minutes-dir {minutes}")
    after = wait_for(s2, "Agenda")
    after = wait_for(s2, "Tool library")
    checks = ["Chen Wu", "Bo Tran", "Tool library", "Education", "PROCESS"]
    lost = [c for c in checks if c in before and c not in after]
    tmux("kill-session", "-t", s2)
    print("before the kill:\n" + before)
    print("after resume:\n" + after)
    print(
        f"checked {len(checks)} things shown before SIGHUP; lost after resume: {len(lost)} {lost}"
    )
    return 1 if lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
