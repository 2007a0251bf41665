"""Golden minutes: three representative meetings, compared byte for byte.

The files in tests/golden/ were reviewed by eye (raw, and through
`pandoc -f gfm -t plain`) before being committed. After an intended change,
regenerate with `UPDATE_GOLDEN=1 pytest tests/test_minutes_golden.py`, then
review the diff the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from facilitator.store.minutes import render_doc
from facilitator.store.minutes_model import MinutesDoc
from tests.minutes_builders import coalition_consensus_block, general_circle, working_group_draft
from tests.minutes_parse import check_minutes

GOLDEN = Path(__file__).parent / "golden"

CASES: list[tuple[str, Callable[[], MinutesDoc], bool]] = [
    ("general-circle.md", general_circle, False),
    ("general-circle.private.md", general_circle, True),
    ("working-group-draft.md", working_group_draft, False),
    ("coalition-consensus-block.md", coalition_consensus_block, False),
]


@pytest.mark.parametrize(("name", "build", "private"), CASES, ids=[c[0] for c in CASES])
def test_golden_minutes(name: str, build: Callable[[], MinutesDoc], private: bool) -> None:
    text = render_doc(build(), private=private)
    check_minutes(text)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes() == text.encode("utf-8"), f"{name} differs from the golden file"
