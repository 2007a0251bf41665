"""Shared bits for the journal and durability tests: a sample agenda and record makers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from facilitator.core.agenda import Agenda
from facilitator.store.journal import Journal, journal_path, make_header

CREATED = dt.datetime(2026, 11, 24, 23, 0, 0, tzinfo=dt.UTC)

AGENDA_DATA: dict[str, Any] = {
    "meeting": {
        "title": "General Circle — November",
        "circle": "General Circle",
        "date": "2026-11-24",
        "facilitator": "Ana Lima",
        "quorum": 3,
        "decision_rule": "consent",
    },
    "stack": {"order": "progressive", "speaker_limit": "2m"},
    "participants": [
        {"name": "Ana Lima", "priority": True},
        {"name": "Bo Tran"},
        {"name": "Chen Wu"},
        {"name": "Dee Okafor"},
        {"name": "Eli [bold]Guest[/]", "role": "guest"},
        {"name": "Fay Observer", "role": "observer"},
    ],
    "items": [
        {"title": "Check-in round", "kind": "round", "duration": "10m"},
        {"title": "Treasury report", "kind": "report", "duration": "5m", "owner": "Chen Wu"},
        {"title": "Outreach plan", "kind": "discussion", "duration": "15m"},
        {
            "title": "Adopt the 2027 budget",
            "kind": "proposal",
            "duration": "25m",
            "proposal": "We adopt the 2027 budget as circulated on 10 November.",
            "review": "2027-06-01",
        },
        {"title": "Close", "kind": "round", "duration": "5m"},
    ],
}


def sample_agenda() -> Agenda:
    """A small but complete agenda: members, a guest, an observer, a proposal."""
    return Agenda.model_validate(AGENDA_DATA)


def new_journal(tmp_path: Path, stem: str = "2026-11-24-general-circle") -> Journal:
    """A fresh journal under `<tmp_path>/minutes/.private/`."""
    path = journal_path(tmp_path / "minutes", stem)
    return Journal.create(path, make_header(sample_agenda(), "agendas/gc.toml", CREATED))


def note(seq: int, text: str = "a note", cmd: int | None = None) -> dict[str, Any]:
    """A record shaped like the engine's NoteAdded (the journal itself only needs "type")."""
    return {
        "type": "NoteAdded",
        "seq": seq,
        "cmd": cmd or seq,
        "at": f"2026-11-24T23:{seq // 60 % 60:02d}:{seq % 60:02d}Z",
        "mono": 1000.0 + seq,
        "note_id": f"N{seq}",
        "item_id": "item-1",
        "text": text,
    }
