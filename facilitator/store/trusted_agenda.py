"""The agenda a resumed meeting runs on, validated once per process rather than once per reading.

`run agenda.toml` validates the agenda file, then the start screen compares it with each
unfinished journal's copy (`unstarted.agenda_change`), and resuming reads that copy again
(`live.resume_meeting`): the same agenda went through pydantic three times. The journal's
header copy is what the meeting ran on and stays the authority; but when it is, value for
value and type for type, the JSON of an agenda this process already validated (the file),
validating it again can only give an equal `Agenda` (`to_json_dict` round-trips), so that
one is used. Anything else, another agenda, an older version's copy, a hand-edited or
damaged header, goes through `agenda_from_header` as before: the header's own copy,
validated, with its located errors and warnings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from facilitator.core.agenda import Agenda
from facilitator.store.journal_read import agenda_from_header


def _canonical(value: Any) -> str:
    # JSON text, not `==`: a dict compare holds 1 == 1.0 == True, which pydantic does not.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def recorded_agenda(
    header: Mapping[str, Any], path: Path, known: Agenda | None = None
) -> tuple[Agenda, list[str]]:
    """The agenda `header` holds, and warnings about what had to be set aside.

    `known` is an agenda already validated in this process; it is returned itself, with no
    warnings, when the header holds exactly its JSON. Otherwise `agenda_from_header`.
    Raises `JournalCorruptError` (a located message) as that does.
    """
    data = header.get("agenda")
    if known is not None and isinstance(data, dict):
        try:
            same = _canonical(data) == _canonical(known.to_json_dict())
        except (TypeError, ValueError):  # NaN or a non-JSON value: not ours, so validate
            same = False
        if same:
            return known, []
    return agenda_from_header(header, path)
