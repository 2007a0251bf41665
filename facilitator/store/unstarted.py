"""A meeting opened and then its agenda edited before anything was recorded (a false start).

`run` offers to resume every unfinished meeting of an agenda. Resuming replays the journal,
and the journal holds its own copy of the agenda, so edits made to the file since (a guest
added, an item moved) would be silently left out. The start screen asks `agenda_change` and
says so; for a journal that recorded nothing it offers to start again with the edited agenda,
which removes the empty journal (`discard_unstarted`) so the new meeting takes its name.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.store.journal import Journal, JournalError, read_journal
from facilitator.store.trusted_agenda import recorded_agenda

if TYPE_CHECKING:
    from facilitator.core.agenda import Agenda


class AgendaChange(Enum):
    """How an unfinished journal's agenda compares with the agenda file as it is now."""

    SAME = "same"
    EDITED_UNSTARTED = "edited-unstarted"
    """The file changed, and the journal recorded nothing: starting again loses nothing."""
    EDITED = "edited"
    """The file changed after the meeting recorded something: resuming keeps the old copy."""


def agenda_change(path: Path, agenda: Agenda) -> AgendaChange:
    """Compare the agenda `path`'s journal was opened with against `agenda` (the file now).

    An unreadable journal counts as SAME: the start screen describes it as unreadable anyway.
    """
    try:
        contents = read_journal(path)
        recorded, _warnings = recorded_agenda(contents.header, path, agenda)
    except JournalError:
        return AgendaChange.SAME
    if recorded is agenda or recorded.to_json_dict() == agenda.to_json_dict():
        return AgendaChange.SAME
    return AgendaChange.EDITED if contents.records else AgendaChange.EDITED_UNSTARTED


def discard_unstarted(path: Path) -> bool:
    """Remove `path` if it is a journal that recorded nothing; True if it was removed.

    The journal is opened (and so locked) first: one open in another window raises
    `JournalLockedError`, and one that recorded something is left exactly as it was.
    """
    return Journal.open(path).discard_if_unstarted()
