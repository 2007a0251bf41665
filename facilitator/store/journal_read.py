"""Reading a meeting journal: where it lives, its header and the agenda in it, and a
read-only reading (export, review, listing) that checks the chain through the proof file.

The on-disk format and the reading rules are in `journal_format`; the proof file that
lets a second reading skip the line hashes is in `journal_proof`. `journal` (the writer)
reads through `parse_proven` too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from facilitator.core.agenda import Agenda
from facilitator.core.redo import undone_set
from facilitator.i18n import N_, _
from facilitator.store.journal_format import (
    CHAIN_KEY,
    CHAIN_NAME,
    JOURNAL_KIND,
    JOURNAL_SCHEMA,
    JournalContents,
    JournalCorruptError,
    JournalError,
    parse_journal,
)
from facilitator.store.journal_os import no_journal, os_reason
from facilitator.store.journal_proof import ProofCheck
from facilitator.store.private_dir import private_dir_for

JOURNAL_SUFFIX = ".journal.jsonl"
"""Journal files are `.private/<stem>.journal.jsonl`."""


def journal_path(minutes_dir: Path, stem: str) -> Path:
    """Where the journal for minutes `<stem>.md` lives (the folder is made on create)."""
    return private_dir_for(minutes_dir) / f"{stem}{JOURNAL_SUFFIX}"


def make_header(agenda: Agenda, agenda_path: str | None, created: dt.datetime) -> dict[str, Any]:
    """The header line: the agenda embedded, so the journal alone rebuilds the meeting."""
    return {
        "kind": JOURNAL_KIND,
        "schema": JOURNAL_SCHEMA,
        CHAIN_KEY: CHAIN_NAME,
        "agenda": agenda.to_json_dict(),
        "agenda_path": agenda_path,
        "created": created.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
    }


_DROPPABLE = {
    ("meeting", "quorum"): N_("its quorum rule"),
    ("meeting", "date"): N_("its date"),
    ("meeting", "start"): N_("its planned start"),
    ("meeting", "duration"): N_("its planned length"),
    ("stack", "speaker_limit"): N_("its speaker limit"),
}


def agenda_from_header(header: Mapping[str, Any], path: Path) -> tuple[Agenda, list[str]]:
    """The agenda a journal's header holds, and warnings about what had to be set aside.

    A meeting may have started from an agenda that an older version accepted and this
    one refuses (`quorum = { count = -5 }`, `date = 0001-01-01`). What was recorded must
    still resume and export, so such optional values are left out, each with a warning,
    rather than the whole journal refused. Raises `JournalCorruptError` when even that fails.
    """
    from pydantic import ValidationError

    data = header.get("agenda")
    if not isinstance(data, dict):
        raise JournalCorruptError(
            _("{path}, line 1: the header does not hold the meeting's agenda").format(path=path)
        )
    warnings: list[str] = []
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    for _attempt in range(len(_DROPPABLE) + 2):
        try:
            return Agenda.model_validate(data), warnings
        except ValidationError as exc:
            errors = exc.errors()
            dropped = False
            for err in errors:
                loc = tuple(err["loc"])[:2]
                table = data.get(str(loc[0])) if loc else None
                if loc in _DROPPABLE and isinstance(table, dict) and loc[1] in table:
                    value = table.pop(str(loc[1]))
                    warnings.append(
                        _(
                            "the agenda in this journal has {what} set to {value}, which cannot"
                            " be used ({error}); the meeting goes on without it"
                        ).format(what=_(_DROPPABLE[loc]), value=repr(value), error=err["msg"])
                    )
                    dropped = True
            if not dropped:
                problems = "; ".join(
                    f"{'.'.join(map(str, e['loc'])) or 'agenda'}: {e['msg']}" for e in errors[:3]
                )
                raise JournalCorruptError(
                    _("{path}, line 1: the agenda in the journal is not valid ({problems})").format(
                        path=path, problems=problems
                    )
                ) from None
    raise JournalCorruptError(
        _("{path}, line 1: the agenda in the journal is not valid").format(path=path)
    )


def read_journal(path: Path) -> JournalContents:
    """Read a journal without locking or repairing it (for export, review, listing).

    A damaged tail is skipped and reported in `.warnings`, as on open.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise JournalError(no_journal(path)) from None
    except OSError as e:
        raise JournalError(
            _("could not read the journal {path}: {reason}").format(path=path, reason=os_reason(e))
        ) from e
    return parse_proven(data, path)[0]


def parse_proven(data: bytes, path: Path) -> tuple[JournalContents, ProofCheck]:
    """`parse_journal`, skipping the line hashes of a prefix its proof file proves, and
    leaving a proof after a clean reading (store/journal_proof.py). The bytes are hashed
    once, in the proof check, whose running digest (returned) a writer carries on."""
    check = ProofCheck(path, data)
    contents = parse_journal(data, path, check.proven)
    check.note_clean_reading(contents)
    return contents, check


def is_finished(records: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the meeting was ended: a MeetingEnded that no later undo took back."""
    undone = undone_set((r.get("type"), r.get("target_cmd")) for r in records)
    return any(r.get("type") == "MeetingEnded" and r.get("cmd") not in undone for r in records)
