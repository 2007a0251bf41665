"""`facilitator next`: the next agenda from minutes and the archive, checked by the real loader."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
import tomli_w

from facilitator.cli import main
from facilitator.core.agenda import Agenda
from facilitator.store.agenda_file import load_agenda
from facilitator.store.minutes import render_doc
from facilitator.store.minutes_continuity import CONTINUITY_TABLES
from facilitator.store.minutes_model import ItemRecord, MinutesDoc
from facilitator.store.next_agenda import unreached_items
from tests.archive_support import write_doc
from tests.minutes_builders import general_circle
from tests.minutes_records import action, decision

REPO = Path(__file__).resolve().parent.parent
GOVERNANCE = "agendas/general-circle-governance.toml"


def _earlier() -> MinutesDoc:
    """An October meeting of the same circle: an action still open, a decision due for review."""
    return MinutesDoc(
        title="General Circle — October",
        circle="General Circle",
        date=dt.date(2026, 10, 20),
        status="final",
        present=("Ana Lima", "Bo Tran"),
        decisions=(
            decision(
                "2026-10-20-general-circle-1",
                "Pilot the tool library",
                "We run the tool library as a three-month pilot.",
                "adopted",
                "consent",
                {"consent": 2},
                dt.date(2027, 1, 10),
            ),
        ),
        actions=(
            action("Draft the loan fund rules", "Bo Tran", dt.date(2026, 11, 30)),
            action("Fix the gate", "Chen Wu", status="open"),
        ),
    )


def _later_other_circle() -> MinutesDoc:
    return replace(
        _earlier(),
        circle="Finance Circle",
        title="Finance — October",
        actions=(action("Audit the till", "Bo Tran"),),
    )


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with agendas/ (the governance sample) and minutes/ (three meetings)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agendas").mkdir()
    shutil.copy(REPO / GOVERNANCE, tmp_path / GOVERNANCE)
    minutes = tmp_path / "minutes"
    minutes.mkdir()
    write_doc(minutes, _earlier())
    write_doc(minutes, _later_other_circle())
    # "Fix the gate" is reported done in November, so it is not open any more.
    doc = general_circle()
    doc = replace(
        doc,
        agenda_path=GOVERNANCE,
        items=(
            *doc.items,
            ItemRecord("item-5", "Garden | rota *draft*", "discussion", "deferred", 420),
        ),
        actions=(*doc.actions, action("Fix the gate", "Chen Wu", status="done")),
    )
    return _written_before_issue_9(write_doc(minutes, doc))


def _written_before_issue_9(path: Path) -> Path:
    """Strip the continuity keys, as minutes written before them lack them: `next` then
    reads the old agenda file (and the body's agenda table) instead."""
    text = path.read_text(encoding="utf-8")
    front, body = text.removeprefix("+++\n").split("\n+++\n", 1)
    data = tomllib.loads(front)
    for key in (*CONTINUITY_TABLES, "guests", "observers", "quorum_rule", "location"):
        data.pop(key, None)
    path.write_text(f"+++\n{tomli_w.dumps(data)}+++\n{body}", encoding="utf-8")
    return path


def _agenda(path: Path) -> Agenda:
    return load_agenda(path)  # the same loader as `facilitator check`


def test_next_round_trips_through_the_loader(
    setup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "next.toml"
    assert main(["next", str(setup), "-o", str(out), "--date", "2026-12-22"]) == 0
    agenda = _agenda(out)
    titles = [i.title for i in agenda.items]
    # The governance agenda's own standing consent item opens it, now naming the minutes.
    assert titles[0] == "Consent to the agenda and last minutes"
    assert setup.name in (agenda.items[0].notes or "")
    assert titles[1:] == [
        "Outreach plan for spring",
        "Garden | rota *draft*",
        "Open actions: check progress",
        "Review: Pilot the tool library",
        "Conflict follow-up: Allocation of the outreach line",
        "Closing round: meeting evaluation",
    ]
    assert agenda.items[-1].standing and agenda.items[0].standing
    assert agenda.items[2].duration == 420 and "deferred" in (agenda.items[2].notes or "")
    notes = agenda.items[3].notes or ""
    assert "Draft the loan fund rules" in notes and "Send the adopted budget" in notes
    assert "Fix the gate" not in notes  # done in the latest meeting that mentions it
    assert agenda.meeting.circle == "General Circle" and agenda.meeting.date == dt.date(
        2026, 12, 22
    )
    assert agenda.meeting.facilitator == "Ana Lima"
    ines = agenda.find("Ines Duarte")
    assert ines is not None and ines.role == "guest"  # details come from the old agenda
    assert agenda.find("Dee Okafor") is not None  # absent last time, still expected
    text = out.read_text()
    for secret in ("Staff grievance", "Pay scale", "Book the mediator", "mediation"):
        assert secret not in text
    assert "Audit the till" not in text  # another circle's open work stays out
    assert text.count("Pilot the tool library") == 1


def test_next_never_overwrites(
    setup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "next.toml"
    out.write_text("# mine\n")
    assert main(["next", str(setup), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "Traceback" not in err
    assert out.read_text() == "# mine\n"


def test_default_path_and_no_old_agenda(
    setup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / GOVERNANCE).unlink()
    assert main(["next", str(setup)]) == 0
    captured = capsys.readouterr()
    assert "cannot be found" in captured.err
    out = tmp_path / "agendas" / f"{setup.stem}-next.toml"
    agenda = _agenda(out)
    assert agenda.items[0].title == "Approve the minutes of 2026-11-24"
    assert [p.name for p in agenda.participants] == [
        "Ana Lima",
        "Bo Tran",
        "Chen Wu",
        "Gus Ortiz",
        "Dee Okafor",
    ]
    assert not any(i.standing for i in agenda.items)


def test_unreadable_minutes_are_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "2026-01-01-x.md"
    bad.write_text("no front matter\n")
    assert main(["next", str(bad), "-o", str(tmp_path / "n.toml")]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "front matter" in err
    assert main(["next", str(tmp_path / "missing.md")]) == 1
    assert not (tmp_path / "n.toml").exists()


def test_unreached_items_read_back_escaped_titles() -> None:
    titles = ["Budget | 2027 *draft*", "#1 priority: [links] & <tags>", "1. Numbered", "`code`"]
    doc = replace(
        general_circle(),
        items=tuple(
            ItemRecord(f"item-{n}", t, "discussion", "pending", 300) for n, t in enumerate(titles)
        ),
    )
    carried = unreached_items(render_doc(doc))
    assert [c.title for c in carried] == titles
    assert {c.planned_seconds for c in carried} == {300}
