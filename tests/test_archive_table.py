"""The archive commands' table (`_archive_cli.emit`), made with one format per line and each
distinct text made a cell once, is the plain algorithm's table: pad every column with
`ljust`, cut any cell longer than its column with "…", join with two spaces, strip the end."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.commands import _archive_cli as common
from facilitator.commands._archive_cli import _cell

_value = st.none() | st.text(max_size=12) | st.integers(-5, 500) | st.lists(st.text(max_size=4))
_KEYS = ("a", "b", "c")


def _plain_table(rows: Sequence[dict[str, Any]], heads: list[str], room: int | None) -> str:
    cells = [[_cell(r.get(k)) for k in _KEYS] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
    if room is not None:
        widths[-1] = max(len(heads[-1]), min(widths[-1], room - sum(w + 2 for w in widths[:-1])))

    def line(values: Sequence[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            if len(v) > widths[i]:
                v = v[: widths[i] - 1] + "…"
            parts.append(v if i == len(values) - 1 else v.ljust(widths[i]))
        return "  ".join(parts).rstrip()

    lines = [line(heads), line(["-" * w for w in widths])] + [line(c) for c in cells]
    return "\n".join(lines) + "\n"


class _Out(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@given(
    rows=st.lists(st.fixed_dictionaries({k: _value for k in _KEYS}), min_size=1, max_size=8),
    room=st.none() | st.integers(1, 60),
)
def test_the_table_is_the_plain_algorithms(rows: list[dict[str, Any]], room: int | None) -> None:
    args = argparse.Namespace(json=False, csv=False)
    out = _Out(tty=room is not None)
    columns = [(k, k.upper() * 3) for k in _KEYS]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stdout", out)
        mp.setenv("COLUMNS", str(room or 80))
        common.emit(args, rows, columns, none="none")
    assert out.getvalue() == _plain_table(rows, [h for _k, h in columns], room)


@given(
    folder=st.text(alphabet="/.a", max_size=8),
    rel=st.text(alphabet="/.b", max_size=6).filter(lambda r: not r.startswith("/")),
)
def test_names_in_messages_are_pathlibs(folder: str, rel: str) -> None:
    # `shown` stands in for `str(Path(folder) / rel)` so that the fast path needs no pathlib.
    from pathlib import Path

    assert common.shown(folder, rel) == str(Path(folder) / rel)
    assert common.shown(folder) == str(Path(folder))
