"""`next` carries process items that were not reached, with their keys (issue 13).

An agenda holding every kind (round, report, discussion, break, a proposal under each
of two methods, a vote, a selection, two dot votes and a confidential vote) is run
partly through the real `Session` and journal: the check-in round and the vote are
held, the rest is not reached. The minutes' `[[items]]` then carry each item's process
keys; the agenda file is deleted; `facilitator next` rebuilds the next agenda from the
minutes alone; `facilitator check` passes on it; and every item not reached comes back
with the same kind and the same keys, so it runs the same process.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from facilitator.cli import main
from facilitator.core import commands as C
from facilitator.core.agenda import Agenda, Item
from facilitator.core.clock import FakeClock
from facilitator.processes import PROCESSES
from facilitator.processes.vote.model import CastVote, CloseVote, OpenVote
from facilitator.store.agenda_file import load_agenda
from facilitator.store.archive_read import read_front_matter, split_front_matter
from facilitator.tui.live import start_meeting

CANARY = "qz-next-processes-canary-5512"

AGENDA = f'''\
[meeting]
title = "Assembly — March"
circle = "Assembly"
date = 2027-03-02
facilitator = "Ana Lima"
quorum = 2
decision_rule = "consent"

[[participants]]
name = "Ana Lima"

[[participants]]
name = "Bo Tran"

[[participants]]
name = "Chen Wu"

[[items]]
title = "Check-in round"
kind = "round"
duration = 5

[[items]]
title = "Amend bylaw 4.2"
kind = "vote"
duration = "10m"
motion = "Quorum is one third of members."
threshold = "2/3"

[[items]]
title = "Treasurer's report"
kind = "report"
duration = 10
owner = "Bo Tran"

[[items]]
title = "Open discussion"
kind = "discussion"
duration = 15

[[items]]
title = "Adopt the budget"
kind = "proposal"
duration = "20m"
method = "sofa-consent"
proposal = "We adopt the 2027 budget."
review = 2027-09-01

[[items]]
title = "Move the office"
kind = "proposal"
duration = "20m"
method = "fist-to-five"
pass_min = 4
proposal = "We move the office to Elm Street."

[[items]]
title = "Change the dues"
kind = "vote"
duration = "15m"
motion = "Dues rise to 12 a month."
threshold = "3/4"
of = "present"
secret = true

[[items]]
title = "Select our delegate"
kind = "selection"
duration = "30m"
role = "Delegate to the regional network"
term = "1 year"
qualifications = "Can travel twice a year."

[[items]]
title = "Priorities for 2027"
kind = "dot-vote"
duration = "10m"
options = ["Housing fund", "Food hub", "Tool library"]
dots = 2
max_per_option = 1

[[items]]
title = "Where to meet"
kind = "dot-vote"
duration = "10m"
options = ["Hall", "Library", "Online", "School", "Park"]

[[items]]
title = "Land purchase"
kind = "vote"
duration = "10m"
motion = "{CANARY}"
confidential = true

[[items]]
title = "Break"
kind = "break"
duration = 10
'''

NOT_REACHED = [
    "Treasurer's report",
    "Open discussion",
    "Adopt the budget",
    "Move the office",
    "Change the dues",
    "Select our delegate",
    "Priorities for 2027",
    "Where to meet",
    "Break",
]


def _run(tmp_path: Path) -> Path:
    """The meeting: the round and the first vote held, then ended; the shared minutes."""
    agenda_path = tmp_path / "agendas" / "assembly-march.toml"
    agenda_path.parent.mkdir()
    agenda_path.write_text(AGENDA, encoding="utf-8")
    clock = FakeClock(wall=dt.datetime(2027, 3, 2, 18, 0, tzinfo=dt.UTC))
    meeting = start_meeting(
        load_agenda(agenda_path), agenda_path, minutes_dir=tmp_path / "minutes", clock=clock
    )
    meeting.do(C.StartMeeting(present=("Ana Lima", "Bo Tran", "Chen Wu")))
    meeting.do(C.StartItem())
    clock.advance(300)
    meeting.do(C.FinishItem())
    for command in (
        C.StartItem(),
        OpenVote(),
        CastVote("Ana Lima", "for"),
        CastVote("Bo Tran", "for"),
        CastVote("Chen Wu", "against"),
        CloseVote(),
    ):
        meeting.do(command)
    clock.advance(240)
    meeting.do(C.FinishItem())
    meeting.do(C.EndMeeting())
    shared = meeting.finish()
    meeting.close()
    assert shared is not None
    return shared


def _by_title(agenda: Agenda) -> dict[str, Item]:
    return {i.title: i for i in agenda.items}


def _states(item: Item) -> dict[str, object]:
    """The process states an item starts with: what `run` would hold before it is reached."""
    out = {}
    for process in PROCESSES:
        begun = process.from_agenda(item)
        if begun is not None:
            out[process.name] = begun
    return out


def test_the_minutes_items_carry_each_items_process_keys(tmp_path: Path) -> None:
    shared = _run(tmp_path)
    front = tomllib.loads(split_front_matter(shared.read_bytes()))
    rows = {r["title"]: r for r in front["items"] if "title" in r}
    assert rows["Amend bylaw 4.2"] | {} == {
        "title": "Amend bylaw 4.2",
        "kind": "vote",
        "status": "done",
        "planned": 600,
        "actual": 240,
        "standing": False,
        "motion": "Quorum is one third of members.",
        "threshold": "2/3",
        "of": "cast",
        "secret": False,
    }
    assert rows["Adopt the budget"]["method"] == "sofa-consent"
    assert "pass_min" not in rows["Adopt the budget"]
    move = rows["Move the office"]
    assert (move["method"], move["pass_min"]) == ("fist-to-five", 4)
    dues = rows["Change the dues"]
    assert (dues["threshold"], dues["of"], dues["secret"]) == ("3/4", "present", True)
    delegate = rows["Select our delegate"]
    assert delegate["role"] == "Delegate to the regional network"
    assert (delegate["term"], delegate["qualifications"]) == ("1 year", "Can travel twice a year.")
    dots = rows["Priorities for 2027"]
    assert dots["options"] == ["Housing fund", "Food hub", "Tool library"]
    assert (dots["dots"], dots["max_per_option"]) == (2, 1)
    # The default number of dots is written out (one per 4 options, at least 1).
    assert rows["Where to meet"]["dots"] == 1 and "max_per_option" not in rows["Where to meet"]
    # Kinds without a process of their own hold no extra keys.
    assert set(rows["Open discussion"]) == {"title", "kind", "status", "planned", "standing"}
    # The confidential vote keeps only its place: no motion, no kind.
    assert {"confidential": True} in front["items"]
    assert CANARY not in shared.read_text(encoding="utf-8")


def test_next_brings_back_every_process_item_not_reached_with_its_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shared = _run(tmp_path)
    old = _by_title(load_agenda(tmp_path / "agendas" / "assembly-march.toml"))
    (tmp_path / "agendas" / "assembly-march.toml").unlink()
    out = tmp_path / "agendas" / "next.toml"
    assert main(["next", str(shared), "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0
    new = _by_title(load_agenda(out))
    carried = [t for t in new if t in old]
    assert carried == NOT_REACHED  # held items are not carried; the confidential one never is
    for title in NOT_REACHED:
        before, after = old[title], new[title]
        assert str(after.kind) == str(before.kind), title
        assert after.duration == before.duration, title
        assert after.proposal == before.proposal and after.review == before.review, title
        assert _states(after) == _states(before), title  # runs the same process
    # Every key written in the agenda comes back with the same value.
    for title in ("Adopt the budget", "Move the office", "Change the dues"):
        assert new[title].process_keys == old[title].process_keys, title
    for title in ("Select our delegate", "Priorities for 2027"):
        assert new[title].process_keys == old[title].process_keys, title
    text = out.read_text(encoding="utf-8")
    assert CANARY not in text and "Land purchase" not in text


def _without_process_keys(path: Path) -> None:
    """The minutes as written before `[[items]]` carried process keys."""
    text = path.read_text(encoding="utf-8")
    keys = {"motion", "threshold", "of", "secret", "role", "term", "qualifications"}
    keys |= {"options", "dots", "max_per_option", "method", "pass_min"}
    kept = []
    skipping = False
    for line in text.splitlines(keepends=True):
        name = line.split("=", 1)[0].strip()
        if skipping:
            skipping = not line.startswith("]")
            continue
        if name in keys and "=" in line:
            skipping = line.rstrip().endswith("[")
            continue
        kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")


def test_older_minutes_without_the_keys_bring_a_process_item_back_as_a_discussion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shared = _run(tmp_path)
    (tmp_path / "agendas" / "assembly-march.toml").unlink()
    _without_process_keys(shared)
    rows: list[dict[str, Any]] = [
        {"kind": r.kind, **dict(r.keys)} for r in read_front_matter(shared).items
    ]
    assert all(set(r) == {"kind"} for r in rows)
    out = tmp_path / "agendas" / "next.toml"
    assert main(["next", str(shared), "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0
    new = _by_title(load_agenda(out))
    dues = new["Change the dues"]
    assert str(dues.kind) == "discussion"
    assert dues.notes is not None and "Was a vote item" in dues.notes and "motion" in dues.notes
    assert str(new["Select our delegate"].kind) == "discussion"
    assert str(new["Priorities for 2027"].kind) == "discussion"
    # A proposal needs only its text, which the minutes always held: it stays a proposal,
    # decided by the meeting's rule now that its own method is not known.
    assert str(new["Adopt the budget"].kind) == "proposal"
