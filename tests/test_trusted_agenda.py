"""Resume trusts the agenda it already validated only when the journal holds exactly it (issue 12).

The journal header's copy of the agenda is what the meeting ran on. `run` has validated the
agenda file; when the header holds exactly that file's JSON, resuming uses that Agenda rather
than validating the copy again. Any other header, an edited file, a damaged or hand-edited
header, is the header's own copy, validated, with a located error when it is broken. Work is
counted (validations), never timed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.core.commands import AddNote, StartItem, StartMeeting
from facilitator.store.agenda_file import load_agenda
from facilitator.store.journal import JournalCorruptError
from facilitator.store.journal_format import CHAIN_KEY
from facilitator.store.trusted_agenda import recorded_agenda
from facilitator.store.unstarted import AgendaChange, agenda_change
from facilitator.tui import live
from facilitator.tui.meeting import StorageProblem
from tests.meeting_script import scripted_agenda

AGENDAS = sorted((Path(__file__).parent.parent / "agendas").glob("*.toml"))


def _with_guest(agenda: Agenda) -> Agenda:
    data = agenda.to_toml_dict()
    data["participants"].append({"name": "Guadalupe Ortiz", "role": "guest"})
    return Agenda.model_validate(data)


def _journal(minutes: Path, agenda: Agenda) -> Path:
    meeting = live.start_meeting(agenda, None, minutes_dir=minutes, clock=FakeClock(5.0))
    try:
        meeting.do(StartMeeting(present=()))
        meeting.do(StartItem())
        meeting.do(AddNote("recorded before the crash"))
        return meeting.journal.path
    finally:
        meeting.close()


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every `Agenda.model_validate` from here on."""
    seen: list[object] = []
    original = Agenda.model_validate.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Agenda], obj: Any, *args: Any, **kwargs: Any) -> Agenda:
        seen.append(obj)
        return original(cls, obj, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Agenda, "model_validate", classmethod(counted))
    return seen


@pytest.mark.parametrize("path", AGENDAS, ids=[p.stem for p in AGENDAS])
def test_an_agenda_read_back_from_its_json_is_the_same_agenda(path: Path) -> None:
    """What trusting rests on: validating `to_json_dict` again gives an equal Agenda."""
    agenda = load_agenda(path)
    assert Agenda.model_validate(agenda.to_json_dict()) == agenda


def test_resume_with_the_same_agenda_file_validates_nothing_again(
    tmp_path: Path, validations: list[object]
) -> None:
    agenda = scripted_agenda()
    path = _journal(tmp_path, agenda)
    validations.clear()
    assert agenda_change(path, agenda) is AgendaChange.SAME
    meeting = live.resume_meeting(path, minutes_dir=tmp_path, clock=FakeClock(9e3), agenda=agenda)
    try:
        assert meeting.session.agenda is agenda
        assert meeting.state.items["item-1"].notes[-1].text == "recorded before the crash"
        assert meeting.take_warnings() == []
    finally:
        meeting.close()
    assert validations == []
    # Without a known agenda (`facilitator resume`), the header's copy is validated once.
    meeting = live.resume_meeting(path, minutes_dir=tmp_path, clock=FakeClock(9e4))
    meeting.close()
    assert len(validations) == 1
    assert meeting.session.agenda == agenda


def test_an_agenda_file_edited_since_does_not_change_the_resumed_meeting(
    tmp_path: Path, validations: list[object]
) -> None:
    """The user is told the file changed (EDITED); the meeting resumes on its journal's copy."""
    recorded = scripted_agenda()
    path = _journal(tmp_path, recorded)
    edited = _with_guest(recorded)
    validations.clear()
    assert agenda_change(path, edited) is AgendaChange.EDITED
    meeting = live.resume_meeting(path, minutes_dir=tmp_path, clock=FakeClock(9e3), agenda=edited)
    try:
        assert meeting.session.agenda is not edited
        assert meeting.session.agenda == recorded
        assert "guadalupe ortiz" not in meeting.state.people
    finally:
        meeting.close()
    assert len(validations) == 2  # the header's copy, once per reading, as before


def test_a_copy_equal_only_loosely_is_validated_not_trusted(validations: list[object]) -> None:
    """`1 == 1.0 == True` in a dict compare; the JSON text tells them apart."""
    agenda = scripted_agenda()
    data = agenda.to_json_dict()
    data["meeting"]["quorum"] = float(data["meeting"]["quorum"])  # 3.0 for 3
    data["participants"][0]["priority"] = 1  # 1 for true
    header = {"agenda": data}
    assert header["agenda"] == agenda.to_json_dict()  # what `==` alone would have trusted
    try:
        result = recorded_agenda(header, Path("j.journal.jsonl"), agenda)[0]
    except JournalCorruptError:
        result = None  # refused by validation: also not trusted
    assert len(validations) >= 1 and result is not agenda


@pytest.mark.parametrize(
    "damage",
    [
        lambda a: a.update(items="not a list"),
        lambda a: a.pop("meeting"),
        lambda a: a["items"][0].update(duration=float("nan")),
    ],
    ids=["items-not-a-list", "no-meeting-table", "nan-duration"],
)
def test_a_damaged_header_agenda_is_a_located_error_even_with_a_known_agenda(
    damage: Any,
) -> None:
    agenda = scripted_agenda()
    data = agenda.to_json_dict()
    damage(data)
    with pytest.raises(JournalCorruptError, match=r"j\.journal\.jsonl, line 1: "):
        recorded_agenda({"agenda": data}, Path("j.journal.jsonl"), agenda)
    with pytest.raises(JournalCorruptError, match="line 1: the header does not hold"):
        recorded_agenda({"agenda": None}, Path("j.journal.jsonl"), agenda)


def test_a_hand_edited_header_in_an_old_unchained_journal_resumes_with_a_message(
    tmp_path: Path,
) -> None:
    """No chain to catch the edit: the header's copy is validated, and the user reads where."""
    agenda = scripted_agenda()
    path = _journal(tmp_path, agenda)
    lines = path.read_bytes().split(b"\n")
    header = {k: v for k, v in json.loads(lines[0]).items() if k != CHAIN_KEY}
    header["agenda"]["items"] = "edited by hand"
    body = [
        json.dumps({k: v for k, v in json.loads(raw).items() if k not in ("_p", "_h")}).encode()
        for raw in lines[1:]
        if raw
    ]
    path.write_bytes(b"\n".join([json.dumps(header).encode(), *body, b""]))
    with pytest.raises(StorageProblem, match="line 1: the agenda in the journal is not valid"):
        live.resume_meeting(path, minutes_dir=tmp_path, clock=FakeClock(9e3), agenda=agenda)
