"""Property: the key path -> line index never reports a wrong line.

Hypothesis writes agendas as TOML text in many layouts (tables, dotted keys,
inline tables, multi-line arrays of inline tables, comments, blank lines,
multi-line strings whose content looks like keys), puts one bad value at a known
key, and checks that the loader reports exactly one error, on that key's line,
naming the key.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.store.agenda_file import AgendaFileError, load_agenda_text
from facilitator.store.toml_lines import LineIndex

NAMES = ["Ana Lima", "Bo Tran", "Chen Wu", "Dolores Ramírez", "Efua Mensah"]
TEXTS = ["Budget", 'The "new" plan', "Café # not a comment", "A = B", "[bold]", "x.y = 1"]
TRICKY_LINES = ['duration = "bad"', "[[items]]", "[meeting]", "title = 5", "kind = 'x'", "# hi", ""]

# (table, key, bad TOML value): each makes exactly one error at that key, and nothing else.
BAD = {
    "meeting": [("title", "5"), ("circle", "5"), ("date", '"someday"'), ("location", "true")],
    "stack": [("speaker_limit", '"zz"'), ("order", '"lifo"')],
    "participants": [("pronouns", "5"), ("priority", '"maybe"'), ("org", "7")],
    "items": [
        ("duration", '"ten"'),
        ("kind", '"debate"'),
        ("confidential", '"maybe"'),
        ("title", "3"),
    ],
}


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    return str(value)  # ints and dates


@dataclass
class Writer:
    """Collects lines and remembers the line of the key that holds the bad value."""

    draw: Any
    lines: list[str] = field(default_factory=list)
    target_line: int | None = None

    def noise(self) -> None:
        for _ in range(self.draw(st.integers(0, 2))):
            self.lines.append(self.draw(st.sampled_from(["", "   ", "# a comment", "\t# [x] = 1"])))

    def key(self, name: str) -> str:
        choice: str = self.draw(st.sampled_from([name, f'"{name}"', f"'{name}'"]))
        return choice

    def assign(self, prefix: str, name: str, value: str, bad: bool) -> None:
        eq = self.draw(st.sampled_from([" = ", "=", "   =  "]))
        self.noise()
        if bad:
            self.target_line = len(self.lines) + 1
        if value.startswith('"""') or value.startswith("'''"):
            head, *rest = value.split("\n")
            self.lines.append(f"{prefix}{self.key(name)}{eq}{head}")
            self.lines.extend(rest)
        else:
            comment = self.draw(st.sampled_from(["", "  # why", " #"]))
            self.lines.append(f"{prefix}{self.key(name)}{eq}{value}{comment}")

    def inline(self, pairs: list[tuple[str, str, bool]]) -> str:
        if any(bad for *_, bad in pairs):
            self.target_line = len(self.lines) + 1
        return "{ " + ", ".join(f"{self.key(k)} = {v}" for k, v, _ in pairs) + " }"


def _values(table: dict[str, Any], bad: tuple[str, str] | None) -> list[tuple[str, str, bool]]:
    pairs = [
        (k, v if isinstance(v, str) and v.startswith(("'''", '"""')) else _toml(v), False)
        for k, v in table.items()
    ]
    if bad:
        key, value = bad
        pairs = [p for p in pairs if p[0] != key] + [(key, value, True)]
    return pairs


@st.composite
def agendas(draw: Any) -> tuple[str, int, str]:
    people = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
    meeting = {"title": draw(st.sampled_from(TEXTS)), "facilitator": people[0]}
    if draw(st.booleans()):
        meeting["date"] = dt.date(2026, 11, 24)
    if draw(st.booleans()):
        meeting["circle"] = draw(st.sampled_from(TEXTS))
    stack = {"order": "fifo", "speaker_limit": "2m"}
    participants = [{"name": n, "pronouns": "they/them"} for n in people]
    items: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(1, 4))):
        item: dict[str, Any] = {
            "title": draw(st.sampled_from(TEXTS)),
            "duration": draw(st.sampled_from([5, "10m", "1h30m"])),
        }
        if draw(st.booleans()):
            body = "\n".join(draw(st.lists(st.sampled_from(TRICKY_LINES), min_size=1, max_size=4)))
            quote = draw(st.sampled_from(['"""', "'''"]))
            item["notes"] = f"{quote}\n{body}\n{quote}"
        items.append(item)
    for table in (meeting, stack, *participants, *items):
        keys = list(table)
        order = draw(st.permutations(keys))
        reordered = {k: table[k] for k in order}
        table.clear()
        table.update(reordered)

    target = draw(st.sampled_from(sorted(BAD)))
    key, value = draw(st.sampled_from(BAD[target]))
    index = 0
    if target in ("participants", "items"):
        index = draw(st.integers(0, len(participants if target == "participants" else items) - 1))

    def bad_for(table: str, i: int = 0) -> tuple[str, str] | None:
        return (key, value) if table == target and i == index else None

    w = Writer(draw)
    styles = {
        "meeting": draw(st.sampled_from(["header", "dotted", "inline"])),
        "stack": draw(st.sampled_from(["header", "dotted", "inline"])),
        "participants": draw(st.sampled_from(["tables", "array"])),
        "items": draw(st.sampled_from(["tables", "array"])),
    }
    if draw(st.booleans()):
        w.assign("", "schema", "1", False)
    # Keys at the top level must come before the first [header].
    for name in ("meeting", "stack"):
        data = meeting if name == "meeting" else stack
        if styles[name] == "dotted":
            for k, v, bad in _values(data, bad_for(name)):
                w.assign(f"{name}.", k, v, bad)
        elif styles[name] == "inline" and not any(
            v.startswith(("'''", '"""')) for _, v, _ in _values(data, None)
        ):
            w.noise()
            w.lines.append(f"{name} = {w.inline(_values(data, bad_for(name)))}")
        elif styles[name] == "inline":
            styles[name] = "header"
    for name, entries in (("participants", participants), ("items", items)):
        multiline = any(isinstance(v, str) and "\n" in v for e in entries for v in e.values())
        if styles[name] == "array" and not multiline:
            w.noise()
            w.lines.append(f"{name} = [")
            for i, entry in enumerate(entries):
                w.noise()
                w.lines.append(f"  {w.inline(_values(entry, bad_for(name, i)))},")
            w.lines.append("]")
        else:
            styles[name] = "tables"
    sections = [n for n in ("meeting", "stack") if styles[n] == "header"]
    sections += [n for n in ("participants", "items") if styles[n] == "tables"]
    for name in draw(st.permutations(sections)):
        if name in ("meeting", "stack"):
            w.noise()
            w.lines.append(f"[{name}]")
            for k, v, bad in _values(meeting if name == "meeting" else stack, bad_for(name)):
                w.assign("", k, v, bad)
            continue
        for i, entry in enumerate(participants if name == "participants" else items):
            w.noise()
            w.lines.append(f"[[{name}]]")
            for k, v, bad in _values(entry, bad_for(name, i)):
                w.assign("", k, v, bad)
    assert w.target_line is not None
    return "\n".join(w.lines) + "\n", w.target_line, key


@settings(max_examples=200)
@given(agendas())
def test_bad_value_is_reported_on_its_own_line(case: tuple[str, int, str]) -> None:
    text, line, key = case
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(text, "gen.toml")
    errors = info.value.errors
    assert [e.line for e in errors] == [line], (text, errors)
    assert f"`{key}`" in errors[0].message


def test_index_of_a_hand_written_document() -> None:
    text = "\n".join(
        [
            "schema = 1",  # 1
            'meeting.title = "x"',  # 2
            'stack = { order = "fifo", speaker_limit = "2m" }',  # 3
            "[[participants]]",  # 4
            'notes = """',  # 5
            "name = 'fake'",  # 6
            "[[participants]]",  # 7
            '"""',  # 8
            "[[participants]]",  # 9
            "name = 'B'",  # 10
            "[participants.extra]",  # 11
            "x = [1,",  # 12
            "  { k = 1 }]",  # 13
        ]
    )
    lines = LineIndex.build(text).lines
    assert lines[("schema",)] == 1
    assert lines[("meeting", "title")] == 2
    assert lines[("stack", "speaker_limit")] == 3
    assert lines[("participants", 0)] == 4
    assert lines[("participants", 0, "notes")] == 5
    assert ("participants", 0, "name") not in lines
    assert lines[("participants", 1)] == 9
    assert lines[("participants", 1, "name")] == 10
    assert lines[("participants", 1, "extra", "x", 1, "k")] == 13
    assert LineIndex.build(text).line_of(("participants", 1, "missing")) == 9
