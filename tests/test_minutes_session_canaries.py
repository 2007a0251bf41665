"""Confidential and off-the-record canaries over 500 random meetings through the real Session.

Every text typed in a confidential context or off the record is a unique canary word (see
canary_meetings.py). The minutes are written with `meeting_files.write_minutes`
exactly as the TUI writes them, then: no canary may appear in the shared file
(front matter included) or in any file name, and every canary the meeting
still holds (not undone) must appear in the private record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import tomllib
from pathlib import Path
from typing import Any

from facilitator.core.state import MeetingState
from facilitator.store.meeting_files import new_stem, write_minutes
from facilitator.store.private_dir import PRIVATE_DIR_NAME
from tests.canary_meetings import canary_meeting
from tests.minutes_parse import check_minutes, split_front_matter

MEETINGS = 500


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.items() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _held(state: MeetingState) -> str:
    """Every text the meeting holds for its minutes (not undone ones, not conflict history)."""
    parts: list[Any] = []
    for item in state.items.values():
        data = dataclasses.asdict(item)
        data.pop("prep")  # the agenda's notes for the facilitator: never in the minutes
        if item.status not in ("skipped", "deferred"):
            data.pop("reason")  # a skipped item taken up again: the old reason no longer applies
        parts.append(data)
    parts += [dataclasses.asdict(x) for x in state.decisions]
    parts += [dataclasses.asdict(x) for x in state.actions]
    parts += [dataclasses.asdict(x) for x in state.credits]
    for conflict in state.conflicts:
        data = dataclasses.asdict(conflict)
        data.pop("history")
        parts.append(data)
    return "\x01".join(_strings(parts))


def _talk_outside_confidential(state: MeetingState) -> dict[str, float]:
    """Seconds per person over turns outside confidential items and taken on the record (a
    turn of 0 s counts too), with everyone who attended and could speak listed, at 0 when
    silent."""
    seconds: dict[str, float] = {
        p.name: 0.0 for p in state.people.values() if p.attended and p.role != "observer"
    }
    for t in state.all_turns():
        item = state.item(t.item_id)
        if (item is None or not item.confidential) and not t.off_record:
            seconds[t.name] = seconds.get(t.name, 0.0) + t.seconds(state.last_mono or 0.0)
    return seconds


def test_five_hundred_session_meetings_leak_no_canary(tmp_path: Path) -> None:
    rng = random.Random(2026)
    used = held_total = leaks = missing = with_private = checked = 0
    for n in range(MEETINGS):
        d, canaries = canary_meeting(rng, n)
        state = d.session.state
        folder = tmp_path / f"m{n}"
        stem = new_stem(folder, d.agenda, dt.date(2026, 12, 3))
        shared_path = write_minutes(state, folder, stem, final=state.ended)
        shared = shared_path.read_text(encoding="utf-8")
        private_path = folder / PRIVATE_DIR_NAME / f"{stem}.private.md"
        private = private_path.read_text(encoding="utf-8") if private_path.exists() else ""
        with_private += bool(private)
        front = split_front_matter(shared)[0]
        names = "\x01".join(str(p.relative_to(folder)) for p in folder.rglob("*"))
        held = _held(state)
        for c in canaries:
            used += 1
            leaks += c in shared or c in front or c in names
            if c in held:
                held_total += 1
                missing += c not in private
        meta = tomllib.loads(front)
        # Decision ids count only the shared decisions: 1, 2, 3, ... with no gaps.
        ids = [x["id"].rsplit("-", 1)[1] for x in meta.get("decisions", [])]
        assert ids == [str(k) for k in range(1, len(ids) + 1)]
        # Talk time leaves out every second spoken in a confidential item.
        talk = {t["name"]: t["seconds"] for t in meta.get("talk_time", [])}
        expected = _talk_outside_confidential(state)
        assert set(talk) == set(expected)
        assert all(abs(talk[name] - expected[name]) <= 1 for name in talk)
        if n % 50 == 0:  # the real readers too, on a sample (pandoc is the slow part)
            check_minutes(shared)
            if private:
                check_minutes(private)
            checked += 1
    assert used >= 5_000 and held_total >= 3_000 and with_private >= MEETINGS // 2, (
        used,
        held_total,
        with_private,
    )
    assert (leaks, missing) == (0, 0)
    assert checked == MEETINGS // 50
