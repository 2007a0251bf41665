"""Every user-facing string in the modules translated so far goes through gettext.

An AST scan: each string literal (and each f-string's fixed text) that reads as prose, two
words or more, must stand inside `_()`, `N_()`, `ngettext()`, `pgettext()` or `lazy()`,
unless it is a docstring or listed in `STAYS_ENGLISH` with the reason it stays as it is.
`COVERED` names the modules the scan holds to that rule: a later session that marks the
run screen's strings adds `facilitator/tui/...` and `facilitator/processes/...` here.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "facilitator"

COVERED = (
    "facilitator/cli.py",
    "facilitator/argparse_i18n.py",
    "facilitator/commands/*.py",
    "facilitator/core/agenda.py",
    "facilitator/core/agenda_rules.py",
    "facilitator/core/agenda_types.py",
    "facilitator/core/durations.py",
    "facilitator/core/item_keys.py",
    "facilitator/core/public_process.py",
    "facilitator/store/agenda_file.py",
    "facilitator/store/agenda_messages.py",
    "facilitator/store/minutes.py",
    "facilitator/store/minutes_body.py",
    "facilitator/store/minutes_writer.py",
    "facilitator/store/settings.py",
    "facilitator/tui/add_item.py",
    "facilitator/tui/review/*.py",
    "facilitator/tui/screens/presentation.py",
    "facilitator/tui/screens/presented_process.py",
    "facilitator/tui/translate.py",
    "facilitator/web/cli_flags.py",
)
"""The modules whose every user-facing string is marked (globs from the repository root)."""

NOT_YET = (
    "facilitator/tui/*.py",
    "facilitator/tui/screens/*.py",
    "facilitator/tui/widgets/*.py",
    "facilitator/processes/**/*.py",
    "facilitator/web/[!c]*.py",
    "facilitator/store/journal*.py",
    "facilitator/store/network.py",
    "facilitator/store/next_agenda.py",
    "facilitator/store/archive*.py",
)
"""Known to hold unmarked strings still (the run screen, the processes, the members' view and
the messages the store passes up); the next sessions move entries from here to COVERED."""

MARKERS = frozenset({"_", "N_", "ngettext", "pgettext", "lazy"})

_TOMLLIB = "tomllib's own wording, matched to add our hint: input, never shown as it is"
STAYS_ENGLISH: dict[str, str] = {
    "facilitator/tui/review/app.py::facilitator review": "the program's name and command",
    "facilitator/tui/review/commands.py::bold underline": "a Rich style, not words",
    "facilitator/tui/screens/presentation.py::bold underline": "a Rich style, not words",
    "facilitator/core/agenda_types.py::Input should be one of {expected}": (
        "pydantic's error template, never shown: store/agenda_messages.py says the enum error"
        " in its own (marked) words"
    ),
    "facilitator/commands/next.py::Carried over": (
        "matches the note store/next_agenda.py writes into the agenda (translated with it)"
    ),
    **{
        f"facilitator/store/agenda_file.py::{text}": _TOMLLIB
        for text in (
            "\\s*\\(at (?:line (\\d+), column (\\d+)|end of document)\\)\\s*$",
            "^Cannot declare (\\(.*\\)) twice$",
            "Invalid value",
            "Cannot overwrite a value",
            "Invalid statement",
            "Unterminated string",
            "Unclosed array",
            "Unclosed inline table",
            "Invalid date or datetime",
            "Expected '=' after a key in a key/value pair",
            "Illegal character '\\n'",
        )
    },
}
"""Prose literals that stay English on purpose, each with its reason."""

_PROSE = re.compile(r"[A-Za-z]{2,}[,;:.]?\s+[A-Za-z]{2,}")


def _files() -> list[Path]:
    out: set[Path] = set()
    for pattern in COVERED:
        out.update(ROOT.glob(pattern))
    return sorted(out)


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            # A string expression standing alone: a module, class, function or attribute docstring.
            for stmt in body:
                if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                    ids.add(id(stmt.value))
    return ids


def _marked(tree: ast.AST) -> set[int]:
    """Literals inside a marker call, and regular expressions (patterns read input)."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            name = (
                fn.id
                if isinstance(fn, ast.Name)
                else fn.attr
                if isinstance(fn, ast.Attribute)
                else ""
            )
            is_re = isinstance(fn, ast.Attribute) and getattr(fn.value, "id", "") == "re"
            if name in MARKERS or is_re:
                for arg in node.args:
                    ids.update(id(n) for n in ast.walk(arg))
    return ids


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else " X " for v in node.values)
    return None


def unmarked(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every prose literal in `source` that is not marked for translation."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _marked(tree)
    inside_fstring = {
        id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values
    }
    for node in ast.walk(tree):
        if id(node) in skip or id(node) in inside_fstring:
            continue
        text = _text(node)
        if text is not None and _PROSE.search(text):
            yield getattr(node, "lineno", 0), text


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_user_facing_string_is_marked(path: Path) -> None:
    rel = str(path.relative_to(ROOT))
    found = [
        f"{rel}:{line}: {text!r}"
        for line, text in unmarked(path.read_text(encoding="utf-8"))
        if f"{rel}::{text}" not in STAYS_ENGLISH
    ]
    assert found == []


def test_the_scan_finds_an_unmarked_message() -> None:
    """The scan is only worth having if it sees the forms messages take."""
    source = (
        '"""A docstring, never shown as a message."""\n'
        "def f(x):\n"
        '    """Nor this one."""\n'
        '    print(f"cannot read {x} at all")\n'
        '    raise ValueError("the agenda has no items")\n'
        '    ok = _("marked text is fine") + N_("and so is this")\n'
        '    key = "title"\n'
        '    return f"{x}: {x}"\n'
    )
    assert [line for line, _text in unmarked(source)] == [4, 5]


def test_covered_and_not_yet_do_not_overlap() -> None:
    covered = set(_files())
    assert covered, "no files covered: the scan would check nothing"
    later = {p for pattern in NOT_YET for p in ROOT.glob(pattern)}
    named = {ROOT / pattern for pattern in COVERED if "*" not in pattern}
    # A file named on its own in COVERED is done even where its folder is not yet.
    assert not (covered & later) - named


def _format_mismatches(source: str) -> Iterator[tuple[int, str]]:
    """`_("… {name} …").format(other=…)`: a placeholder with no argument (a KeyError on the
    path of an error message), or an argument the message never says."""
    import string

    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and isinstance(node.func.value, ast.Call)
            and isinstance(node.func.value.func, ast.Name)
            and node.func.value.func.id in MARKERS
        ):
            continue
        if any(k.arg is None for k in node.keywords) or node.args:
            continue  # **mapping or positional: not checked here
        texts = [_text(a) for a in node.func.value.args if _text(a) is not None]
        if not texts:
            continue  # a marked constant (`_(_HEADER)`): its text is not here to check
        wanted: set[str] = set()
        for text in texts:
            assert text is not None
            wanted |= {f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f}
        given = {k.arg for k in node.keywords if k.arg}
        if wanted != given:
            yield node.lineno, f"placeholders {sorted(wanted)} but arguments {sorted(given)}"


def _all_sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _all_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_placeholders_match_the_format_arguments(path: Path) -> None:
    rel = path.relative_to(ROOT)
    bad = [f"{rel}:{line}: {why}" for line, why in _format_mismatches(path.read_text("utf-8"))]
    assert bad == []


def test_the_placeholder_check_sees_a_wrong_name() -> None:
    source = 'x = _("between {earliest} and {latest}").format(value=1, latest=2)\n'
    assert [line for line, _why in _format_mismatches(source)] == [1]


def _inside_fstrings(source: str) -> Iterator[int]:
    """Lines where `_("…")` stands inside an f-string: Babel's extractor cannot see it there
    on Python 3.11 (the f-string is one token), so the message never reaches the catalog."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            for part in node.values:
                for sub in ast.walk(part):
                    if (
                        isinstance(sub, ast.Call)
                        and isinstance(sub.func, ast.Name)
                        and sub.func.id in MARKERS
                        and any(isinstance(a, ast.Constant) for a in sub.args)
                    ):
                        yield sub.lineno


@pytest.mark.parametrize("path", _all_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_message_is_marked_inside_an_fstring(path: Path) -> None:
    rel = path.relative_to(ROOT)
    assert [f"{rel}:{line}" for line in _inside_fstrings(path.read_text("utf-8"))] == []


def test_the_fstring_check_sees_one() -> None:
    assert list(_inside_fstrings("x = f\"## {_('Attendance')}\"\n")) == [1]
