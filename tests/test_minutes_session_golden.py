"""Golden minutes of a meeting run through the real Session, compared byte for byte.

The same scripted meeting as tests/session_meetings.py `governance_meeting`:
shared and private final minutes, and a draft taken mid-item. Reviewed by eye
(raw, and through `pandoc -f gfm -t plain`) before being committed. After an
intended change, regenerate with `UPDATE_GOLDEN=1 pytest
tests/test_minutes_session_golden.py` and review the diff the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from facilitator.store.minutes_view import render
from tests.minutes_parse import check_minutes
from tests.session_meetings import governance_meeting

GOLDEN = Path(__file__).parent / "golden"

CASES = [
    ("session-governance.md", True, False),
    ("session-governance.private.md", True, True),
    ("session-governance-draft.md", False, False),
]


@pytest.mark.parametrize(("name", "end", "private"), CASES, ids=[c[0] for c in CASES])
def test_golden_session_minutes(name: str, end: bool, private: bool) -> None:
    text = render(governance_meeting(end=end).session.state, private=private)
    check_minutes(text)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes() == text.encode("utf-8"), f"{name} differs from the golden file"
