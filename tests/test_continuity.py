"""Continuity into the next meeting (issue 9): a meeting run live, its agenda file gone, `next`.

The whole path a circle takes: a meeting played through the real `Session` and
`JournalledMeeting` (real journal, real fsyncs) writes its minutes as it goes;
the agenda file is deleted; `facilitator next` rebuilds the next agenda from the
minutes alone, and `facilitator check` accepts it. Then the next meeting follows
up the carried actions, and the archive shows their latest status.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.core import commands as C
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.fold import initial_state
from facilitator.store.agenda_file import load_agenda
from facilitator.store.archive import Archive, Filters
from facilitator.store.archive_read import read_front_matter, split_front_matter
from facilitator.tui.live import JournalledMeeting, resume_meeting, start_meeting

AGENDA = '''\
[meeting]
title = "Land Trust — November"
circle = "Land Trust"
date = 2026-11-24
start = 18:30:00
location = "Community hall"
facilitator = "Ana Lima"
notetaker = "Bo Tran"
quorum = "50%"

[stack]
order = "fifo"
speaker_limit = "2m"

[[participants]]
name = "Ana Lima"
pronouns = "she/her"
key = "z"

[[participants]]
name = "Bo Tran"
org = "Tenants' Union"
priority = true

[[participants]]
name = "Chen Wu"

[[participants]]
name = "Dee Okafor"

[[participants]]
name = "Grace Okafor"
role = "guest"
org = "City housing office"

[[participants]]
name = "Hana Sato"
role = "observer"

[[items]]
title = "Check-in round"
kind = "round"
duration = 5
standing = true
notes = "One word for how you arrive."

[[items]]
title = "Adopt the lease"
kind = "proposal"
duration = "20m"
proposal = """
We sign the lease for plot 4
for three years.
"""
review = 2027-06-01

[[items]]
title = "Garden rota"
kind = "proposal"
duration = "15m"
owner = "Garden group"
proposal = """
Each household takes one week
of watering in turn.

Swaps are agreed in the group chat.
"""

[[items]]
title = "Staff pay grievance"
duration = "10m"
confidential = true

[[items]]
title = "Closing round"
kind = "round"
duration = 5
standing = true
'''

CARRIED = """\

[[actions]]
what = "Fix the gate"
owner = "Chen Wu"
since = 2026-10-20

[[actions]]
what = "Call the bank"
owner = "Bo Tran"
due = 2026-11-30
since = 2026-10-20
item = "Finances"
"""

RAN_ON = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
"""A week after the agenda's date; noon UTC is 1 December in every usual time zone."""


def _front(path: Path) -> dict[str, object]:
    return tomllib.loads(split_front_matter(path.read_bytes()))


def _run_november(tmp_path: Path, *, carried: bool = False) -> tuple[JournalledMeeting, Path]:
    """The November meeting, run on 1 December; `carried`: its agenda carries two October
    actions, and the meeting marks "Fix the gate" done."""
    agenda_path = tmp_path / "agendas" / "land-trust-november.toml"
    agenda_path.parent.mkdir()
    agenda_path.write_text(AGENDA + (CARRIED if carried else ""), encoding="utf-8")
    clock = FakeClock(wall=RAN_ON)
    meeting = start_meeting(
        load_agenda(agenda_path), agenda_path, minutes_dir=tmp_path / "minutes", clock=clock
    )
    present = ("Ana Lima", "Bo Tran", "Chen Wu", "Grace Okafor", "Hana Sato")
    meeting.do(C.StartMeeting(present=present))
    meeting.do(C.StartItem())
    clock.advance(240)
    meeting.do(C.FinishItem())  # the draft minutes are written live here
    meeting.do(C.StartItem())
    clock.advance(600)
    meeting.do(C.RecordOutcome("deferred", note="Wait for the survey"))
    meeting.do(C.AddAction("Write the lease FAQ", "Bo Tran", "2026-12-15"))
    if carried:
        meeting.do(C.SetActionStatus("P1", "done"))  # "Fix the gate", carried from October
    meeting.do(C.FinishItem())
    meeting.do(C.EndMeeting())
    shared = meeting.finish()
    meeting.close()
    assert shared is not None
    return meeting, shared


def test_live_minutes_name_the_agenda_and_the_day_it_ran(tmp_path: Path) -> None:
    _, shared = _run_november(tmp_path)
    front = _front(shared)
    assert front["agenda"] == "../agendas/land-trust-november.toml"  # relative to minutes/
    assert front["date"] == dt.date(2026, 12, 1) and front["agenda_date"] == dt.date(2026, 11, 24)
    assert shared.name.startswith("2026-12-01-land-trust-")
    assert front["guests"] == ["Grace Okafor"] and front["observers"] == ["Hana Sato"]
    assert front["quorum_rule"] == "50%" and front["speaker_limit"] == 120
    items = front["items"]
    assert isinstance(items, list)
    assert [i.get("status") for i in items] == [
        "done",
        "done",
        "not-reached",
        None,
        "not-reached",
    ]
    assert items[3] == {"confidential": True}
    text = shared.read_text(encoding="utf-8")
    assert "Staff pay" not in text
    # The proposal reads as prose: no hard line breaks from the agenda's wrapping.
    assert "We sign the lease for plot 4 for three years." in text
    assert "plot 4\\" not in text


def test_the_start_warns_when_the_agenda_is_dated_another_day(tmp_path: Path) -> None:
    meeting, _ = _run_november(tmp_path)
    # The warning was queued at start; a meeting run on its own date has none.
    journal = meeting.journal.path
    assert journal.name.startswith("2026-12-01-")
    fresh = tmp_path / "again"
    fresh.mkdir()
    agenda = Agenda.model_validate(tomllib.loads(AGENDA))
    late = start_meeting(agenda, None, minutes_dir=fresh / "m", clock=FakeClock(wall=RAN_ON))
    warnings = late.take_warnings()
    late.close()
    assert any(
        "dated Tuesday 24 November 2026" in w and "Tuesday 1 December" in w for w in warnings
    )
    on_time = start_meeting(
        agenda,
        None,
        minutes_dir=fresh / "n",
        clock=FakeClock(wall=dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)),
    )
    assert not any("dated" in w for w in on_time.take_warnings())
    on_time.close()


def test_next_without_the_agenda_file_and_check_on_the_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _, shared = _run_november(tmp_path)
    (tmp_path / "agendas" / "land-trust-november.toml").unlink()
    out = tmp_path / "agendas" / "next.toml"
    assert main(["next", str(shared), "-o", str(out)]) == 0
    assert "cannot be found" not in capsys.readouterr().err  # it never looked
    assert main(["check", str(out)]) == 0
    agenda = load_agenda(out)
    text = out.read_text(encoding="utf-8")

    people = {p.name: p for p in agenda.participants}
    assert list(people) == [
        "Ana Lima",
        "Bo Tran",
        "Chen Wu",
        "Dee Okafor",
        "Grace Okafor",
        "Hana Sato",
    ]
    assert people["Grace Okafor"].role == "guest" and people["Hana Sato"].role == "observer"
    assert people["Grace Okafor"].org == "City housing office"
    assert people["Ana Lima"].pronouns == "she/her" and people["Ana Lima"].key == "z"
    assert people["Bo Tran"].priority and people["Bo Tran"].org == "Tenants' Union"
    assert agenda.meeting.quorum is not None and agenda.meeting.quorum.text == "50%"
    assert agenda.meeting.start == dt.time(18, 30) and agenda.meeting.location == "Community hall"
    assert agenda.stack.speaker_limit == 120 and str(agenda.stack.order) == "fifo"

    titles = [i.title for i in agenda.items]
    assert titles == [
        "Approve the minutes of 2026-12-01",
        "Check-in round",
        "Adopt the lease",
        "Garden rota",
        "Open actions: check progress",
        "Closing round",
    ]
    approve, checkin, lease, rota = agenda.items[:4]
    assert str(approve.kind) == "proposal" and shared.name in (approve.proposal or "")
    assert checkin.standing and agenda.items[-1].standing
    assert checkin.notes == "One word for how you arrive."
    # Deferred by its outcome: it comes back as a proposal, with its text and review date.
    assert str(lease.kind) == "proposal"
    assert lease.proposal == "We sign the lease for plot 4 for three years."
    assert lease.review == dt.date(2027, 6, 1) and "deferred" in (lease.notes or "")
    assert str(rota.kind) == "proposal" and rota.owner == "Garden group"
    assert rota.proposal == (
        "Each household takes one week of watering in turn.\n\nSwaps are agreed in the group chat."
    )
    assert rota.duration == 15 * 60 and "not reached" in (rota.notes or "")
    assert "Staff pay" not in text and "grievance" not in text.casefold()


def test_open_actions_are_carried_as_agenda_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _, shared = _run_november(tmp_path, carried=True)
    front = read_front_matter(shared)
    assert {(a.what, a.status, a.since) for a in front.actions} == {
        ("Write the lease FAQ", "open", None),
        ("Fix the gate", "done", dt.date(2026, 10, 20)),
        ("Call the bank", "open", dt.date(2026, 10, 20)),
    }
    out = tmp_path / "agendas" / "next.toml"
    assert main(["next", str(shared), "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0
    carried = {a.what: a for a in load_agenda(out).actions}
    assert set(carried) == {"Call the bank", "Write the lease FAQ"}  # "Fix the gate" was done
    assert carried["Call the bank"].since == dt.date(2026, 10, 20)
    assert carried["Call the bank"].due == dt.date(2026, 11, 30)
    assert carried["Call the bank"].item == "Finances"
    assert carried["Write the lease FAQ"].since == dt.date(2026, 12, 1)


def test_the_next_meeting_follows_up_carried_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _, shared = _run_november(tmp_path, carried=True)
    out = tmp_path / "agendas" / "next.toml"
    assert main(["next", str(shared), "-o", str(out), "--date", "2026-12-15"]) == 0
    agenda = load_agenda(out)
    assert [a.text for a in initial_state(agenda).carried] == [
        "Call the bank",
        "Write the lease FAQ",
    ]
    clock = FakeClock(wall=dt.datetime(2026, 12, 15, 12, 0, tzinfo=dt.UTC))
    meeting = start_meeting(agenda, out, minutes_dir=tmp_path / "minutes", clock=clock)
    meeting.do(C.StartMeeting(present=("Ana Lima", "Bo Tran", "Chen Wu")))
    meeting.do(C.StartItem())
    meeting.do(C.ConsentStage("consent"))
    for name in ("Ana Lima", "Bo Tran", "Chen Wu"):
        meeting.do(C.Respond(name, "consent"))
    meeting.do(C.RecordOutcome("adopted"))  # the last minutes are approved: a decision
    meeting.do(C.SetActionStatus("P1", "done"))
    meeting.do(C.EndMeeting())
    december = meeting.finish()
    meeting.close()
    assert december is not None
    front = read_front_matter(december)
    assert [(d.item, d.outcome) for d in front.decisions] == [
        ("Approve the minutes of 2026-12-01", "adopted")
    ]
    rows = {a.what: a for a in front.actions}
    assert rows["Call the bank"].status == "done" and rows["Call the bank"].since == dt.date(
        2026, 10, 20
    )
    assert rows["Write the lease FAQ"].status == "open"
    with Archive.open(tmp_path / "minutes") as archive:
        still_open = {a.what for a in archive.actions(Filters(today=dt.date(2026, 12, 16)))}
    assert still_open == {"Write the lease FAQ"}


def test_resume_keeps_the_start_date_and_the_agenda_path(tmp_path: Path) -> None:
    agenda_path = tmp_path / "agendas" / "nov.toml"
    agenda_path.parent.mkdir()
    agenda_path.write_text(AGENDA, encoding="utf-8")
    minutes = tmp_path / "minutes"
    first = start_meeting(
        load_agenda(agenda_path), agenda_path, minutes_dir=minutes, clock=FakeClock(wall=RAN_ON)
    )
    first.do(C.StartMeeting(present=("Ana Lima", "Bo Tran")))
    first.close()  # the laptop dies; resumed the next morning
    later = FakeClock(wall=RAN_ON + dt.timedelta(hours=20))
    resumed = resume_meeting(first.journal.path, minutes_dir=minutes, clock=later)
    resumed.do(C.StartItem())
    resumed.do(C.FinishItem())
    resumed.close()
    (shared,) = minutes.glob("*.md")
    front = _front(shared)
    assert shared.name.startswith("2026-12-01-")
    assert front["date"] == dt.date(2026, 12, 1)
    assert front["agenda"] == "../agendas/nov.toml"


def test_export_writes_the_same_agenda_path_as_the_live_minutes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting, shared = _run_november(tmp_path)
    live = shared.read_text(encoding="utf-8")
    assert main(["export", str(meeting.journal.path), "--stdout"]) == 0
    assert capsys.readouterr().out == live
