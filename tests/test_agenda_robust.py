"""Robustness: mutated agendas and the toml-test corpus never produce a traceback.

Every input either loads as an Agenda or raises AgendaFileError whose errors
all sit on a line inside the file. The mutation test prints how many mutated
agendas ran (see it with `pytest -s` or `-rP`); FACILITATOR_MUTATIONS=N runs more.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core.agenda import Agenda
from facilitator.store.agenda_file import AgendaFileError, load_agenda, load_agenda_bytes
from tests.agenda_fuzz_support import OPS

SAMPLES = sorted((Path(__file__).parent.parent / "agendas").glob("*.toml"))
# shared/ lies beside the checkout (CI clones elsewhere and copies shared/ beside the clone).
TOML_TEST = next(
    (
        p
        for p in (
            Path(__file__).resolve().parents[2] / "shared" / "testdata" / "toml-test",
            Path("/work/shared/testdata/toml-test"),
        )
        if p.is_dir()
    ),
    Path("/work/shared/testdata/toml-test"),
)
MUTATIONS = int(os.environ.get("FACILITATOR_MUTATIONS", "400"))

VALUES = [
    b"",
    b'"',
    b"'",
    b"[",
    b"{",
    b'"""',
    b"'''",
    b"1979-13-01",
    b"2026-02-30",
    b"nan",
    b"inf",
    b"-inf",
    b"-1",
    b"0",
    b"1.5",
    b"99999999999999999999999",
    b"true",
    b'"x"',
    b"[[]]",
    b"{a=1}",
    b'{ name = "A" }',
    b"[1, 2]",
    b"18:00",
    b'"1h30m"',
    b'"-5m"',
    b'"\xff"',
    b"\x00",
    b"\\u0000",
]
LINES = [
    b"[meeting]",
    b"[[meeting]]",
    b"[[items]]",
    b"[[participants]]",
    b"[stack]",
    b"[items]",
    b"[participants]",
    b"[meeting.x]",
    b"[[items.x]]",
    b"schema = 2",
    b"tittle = 1",
    b"key = 5",
    b'name = "Ana Lima"',
    b'facilitator = "Nobody"',
    b'kind = "proposal"',
    b"a.b.c = 1",
    b"items = []",
    b"participants = 5",
    b"meeting = 1",
    b"  # comment",
    b"",
    b"\r",
    b"\xef\xbb\xbf",
]


def _line_count(data: bytes) -> int:
    return max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))


def _loads_or_locates(data: bytes, name: str = "m.toml") -> bool:
    """True when `data` loads; otherwise every error must be located inside the file."""
    try:
        agenda = load_agenda_bytes(data, name)
    except AgendaFileError as exc:
        assert exc.errors
        last = _line_count(data)
        for err in exc.errors:
            assert 1 <= err.line <= last, (err, last)
            assert err.message and str(err).startswith(f"{name}:{err.line}: ")
        return False
    assert isinstance(agenda, Agenda)
    return True


@st.composite
def mutated(draw: Any) -> bytes:
    data = bytearray(draw(st.sampled_from(SAMPLES)).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        lines = bytes(data).split(b"\n")
        op = draw(st.sampled_from(OPS))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        n = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "truncate":
            del data[at:]
        elif op in ("drop_line", "dup_line", "swap_lines", "value", "new_line", "rename_key"):
            if op == "drop_line":
                del lines[n]
            elif op == "dup_line":
                lines.insert(n, lines[n])
            elif op == "swap_lines":
                m = draw(st.integers(0, len(lines) - 1))
                lines[n], lines[m] = lines[m], lines[n]
            elif op == "value" and b"=" in lines[n]:
                key = lines[n].split(b"=", 1)[0]
                lines[n] = key + b"= " + draw(st.sampled_from(VALUES))
            elif op == "new_line":
                lines.insert(n, draw(st.sampled_from(LINES)))
            elif op == "rename_key" and b"=" in lines[n]:
                key, rest = lines[n].split(b"=", 1)
                lines[n] = (
                    key.strip() + draw(st.sampled_from([b"e", b"_", b"x", b""])) + b" =" + rest
                )
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def test_mutated_agendas_never_crash() -> None:
    runs = {"ran": 0, "loaded": 0}

    @settings(max_examples=MUTATIONS)
    @given(mutated())
    def one(data: bytes) -> None:
        runs["ran"] += 1
        runs["loaded"] += _loads_or_locates(data)

    one()
    print(f"\nmutated agendas run: {runs['ran']}, still loading: {runs['loaded']}, tracebacks: 0")
    assert runs["ran"] >= MUTATIONS // 2
    assert runs["loaded"] < runs["ran"]  # the mutations really do break files


def test_samples_survive_unmutated() -> None:
    assert SAMPLES and all(_loads_or_locates(p.read_bytes()) for p in SAMPLES)


@pytest.mark.skipif(not TOML_TEST.is_dir(), reason="toml-test corpus not on this machine")
def test_toml_test_corpus_loads_or_locates() -> None:
    files = sorted(TOML_TEST.rglob("*.toml"))
    assert len(files) > 500
    outcome = {"loaded": 0, "located": 0}
    for path in files:
        try:
            load_agenda(path)
        except AgendaFileError as exc:
            last = _line_count(path.read_bytes())
            assert all(1 <= e.line <= last for e in exc.errors), (path, exc.errors)
            outcome["located"] += 1
        else:
            outcome["loaded"] += 1
    print(f"\ntoml-test: {len(files)} files, {outcome}")
    # None of them is an agenda, so every file is a located error.
    assert outcome["located"] == len(files)
