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

COVERED = ("facilitator/*.py", "facilitator/**/*.py")
"""Every module of the package: each user-facing string is marked (globs from the repository
root), so a new module is scanned from its first commit."""

NOT_YET: tuple[str, ...] = ()
"""Modules known to hold unmarked strings still (kept apart from COVERED's scan): none now."""

MARKERS = frozenset({"_", "N_", "ngettext", "pgettext", "lazy"})

_STYLE = "a Rich style, not words"
_CONTEXT = "a gettext context of a `Labels` table (its marked messages carry the same one)"
_ASSERT = "an assertion's message: a bug in the code, never a user's mistake"
_DEVELOPER = "a programming error's message (an assert or a registry check), never a user's"
_TOMLLIB = "tomllib's own wording, matched to add our hint: input, never shown as it is"
_JOURNAL = (
    "written into the journal, which keeps its data in English (the screen says the stack's"
    " reasons again with `stack.ordered`); never shown from there"
)
_DATE_WORDS = "a word `parse_date` reads: dates are typed with English words in every language"
_REBUILT = "why the index was rebuilt: compared in code and tests, never shown to a person"
_NEVER_SHOWN = "an internal ValueError, caught inside toml_lines (`key_lines`): never shown"
STAYS_ENGLISH: dict[str, str] = {
    "facilitator/tui/review/app.py::facilitator review": "the program's name and command",
    "facilitator/tui/review/commands.py::bold underline": "a Rich style, not words",
    "facilitator/tui/widgets/timer_look.py::color: {muted}; text-style: italic;": (
        "Textual CSS declarations, not words"
    ),
    "facilitator/tui/screens/presentation.py::bold underline": "a Rich style, not words",
    "facilitator/core/agenda_types.py::Input should be one of {expected}": (
        "pydantic's error template, never shown: store/agenda_messages.py says the enum error"
        " in its own (marked) words"
    ),
    **{
        f"facilitator/processes/{path}::bold reverse": _STYLE
        for path in (
            "consent/panel.py",
            "dot_vote/panel.py",
            "round/panel.py",
            "selection/panel.py",
            "vote/panel.py",
        )
    },
    "facilitator/processes/__init__.py::two processes declare the same  X   X ": _ASSERT,
    "facilitator/processes/consent/panel.py::shown before any key reaches it": _ASSERT,
    "facilitator/processes/vote/panel.py::shown before any key": _ASSERT,
    "facilitator/processes/unit.py::list[tuple[KeyPath, str]]": "a type annotation",
    "facilitator/processes/selection/model.py::stage id": _CONTEXT,
    "facilitator/processes/consent/panel.py::key word": _CONTEXT,
    "facilitator/store/journal.py::the journal is closed": (
        "a programming error (append after close), never a person's mistake"
    ),
    "facilitator/store/journal_lines.py::records must not use the journal's own key  X ": (
        "a programming error (a record with the journal's own keys), never a person's mistake"
    ),
    "facilitator/store/journal_lines.py::<new journal>": (
        "the stand-in path of a header checked before it is written; never in a message"
    ),
    **{
        f"facilitator/store/network.py::{text}": (
            "written into the shared network repository (commit messages, the ignore files):"
            " the same English text in every clone, as the front matter's keys are"
        )
        for text in (
            "no circle",
            "# facilitator: private data and the index cache never leave a laptop.\n",
            "Minutes of  X  meetings",
            "Ignore private data and the index cache",
        )
    },
    **{
        f"facilitator/store/next_agenda.py::{text}": (
            "reads the body's agenda table of minutes written before the front matter held"
            " the items, in English only then: input, never shown"
        )
        for text in ("not reached", "## Agenda as it ran")
    },
    "facilitator/core/decide_stack.py::chosen by the facilitator": _JOURNAL,
    "facilitator/core/decide_stack.py:: (was waiting:  X )": _JOURNAL,
    "facilitator/core/decide_stack.py::out of order:  X ": _JOURNAL,
    "facilitator/core/fold_flow.py::Redone is folded by fold_one": "an assertion: a bug, not a message",
    "facilitator/store/fast_tuple.py::Non-default namedtuple field  X  cannot follow default field X   X ": (
        "typing.NamedTuple's own words for a class written wrong: for programmers"
    ),
    "facilitator/store/fast_tuple.py::Cannot overwrite NamedTuple attribute ": (
        "typing.NamedTuple's own words for a class written wrong: for programmers"
    ),
    "facilitator/core/fold_ledgers.py::Undone is folded by fold_one": (
        "an assertion: a bug, not a message"
    ),
    **{
        f"facilitator/core/dates.py::{word}": _DATE_WORDS
        for word in ("next week", "next month", "next year", "end of month", "end of week")
    },
    **{
        f"facilitator/store/archive_index.py::{text}": _REBUILT
        for text in (
            "no index yet",
            "kept in memory",
            "index schema  X , expected  X ",
            "unreadable index ( X )",
        )
    },
    "facilitator/store/archive_index.py::no such table": "SQLite's own words, matched",
    "facilitator/store/archive_index.py::no such column": "SQLite's own words, matched",
    "facilitator/store/archive_index.py::# The archive index: a cache, rebuilt when missing.\n*\n": (
        "the index folder's .gitignore: a file in the shared minutes folder, in English for"
        " every reader"
    ),
    "facilitator/store/meeting_files.py::module  X  has no attribute  X ": (
        "Python's own AttributeError for a module's `__getattr__`: for programmers"
    ),
    **{
        f"facilitator/store/toml_lines.py::{text}": _NEVER_SHOWN
        for text in (
            "no key at offset  X ",
            "unexpected text in an array at offset  X ",
            "unexpected text in an inline table at offset  X ",
        )
    },
    "facilitator/tui/app.py::facilitator crash,  X \njournal:  X \nscreens:  X \n\n X \n": (
        "the private crash log's header, read by whoever fixes the bug (with the traceback)"
    ),
    "facilitator/tui/app.py::facilitator resume  X ": "a command line to type, not words",
    "facilitator/tui/app.py::build_app needs an agenda, an agenda path or a journal": _DEVELOPER,
    "facilitator/tui/commands.py::duplicate command id  X ": _DEVELOPER,
    "facilitator/tui/commands.py:: X : unknown area  X ": _DEVELOPER,
    "facilitator/tui/commands.py:: X : key  X  is already  X ": _DEVELOPER,
    "facilitator/tui/widgets/commanding.py::a key reached a widget that was never shown": (
        _DEVELOPER
    ),
    **{
        f"facilitator/tui/{where}::{style}": _STYLE
        for where, style in (
            ("screens/help.py", "bold underline"),
            ("screens/history.py", "strike dim"),
            ("screens/picker.py", "bold reverse"),
            ("screens/share.py", "black on white"),
            ("screens/summary.py", "bold underline"),
            ("widgets/agenda_panel.py", "bold reverse"),
            ("widgets/status_line.py", "reverse bold"),
            ("widgets/status_line.py", "bold reverse"),
        )
    },
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

_SQL_HEAD = frozenset(
    "SELECT INSERT UPDATE DELETE CREATE PRAGMA BEGIN FROM WHERE ORDER VALUES JOIN DESC ASC"  # noqa: SIM905
    " INTEGER TEXT BLOB NULL".split()
)
"""SQL keywords that only SQL says: a literal with none of them is not SQL."""
_SQL_WORDS = _SQL_HEAD | frozenset(
    "AND OR NOT IS IN ON AS BY INTO SET DEFAULT PRIMARY KEY UNIQUE INDEX TABLE VIRTUAL USING"  # noqa: SIM905
    " DISTINCT REPLACE IMMEDIATE OFF WAL NORMAL MATCH ROLLBACK COMMIT X".split()
)
"""Every upper-case word SQL may hold (X: an f-string's value, as `_text` shows it)."""
_SQL_QUOTED = re.compile(r"'[^']*'")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A table and its alias ("decisions t", "files fl") may stand side by side: the second
# name is one or two letters there, and never in prose's word pairs ("read the").
_TWO_NAMES = re.compile(r"\b[a-z_][a-z0-9_]*\s+[a-z_][a-z0-9_]{2,}\b")


def is_sql(text: str) -> bool:
    """Whether a literal is SQL (a statement or a clause of one), not prose.

    SQL, outside its quoted strings: at least one keyword only SQL uses (`SELECT`,
    `ORDER`, `INTEGER` …), every upper-case word a keyword, no Capitalised word, and never
    two lower-case words side by side (names are parted by commas, operators or keywords;
    an alias is one or two letters).
    Prose always has the last: "cannot read the minutes: SELECT failed" is still prose.
    """
    bare = _SQL_QUOTED.sub("''", text)
    words = _WORD.findall(bare)
    upper = {w for w in words if w.isupper()}
    if not upper & _SQL_HEAD or not upper <= _SQL_WORDS:
        return False
    if any(w[:1].isupper() and not w.isupper() for w in words):
        return False
    return _TWO_NAMES.search(bare) is None


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


def _css(tree: ast.AST) -> set[int]:
    """A widget's `DEFAULT_CSS`: Textual CSS, not words."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "DEFAULT_CSS" for t in targets):
                ids.add(id(node.value))
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
    skip = _docstrings(tree) | _marked(tree) | _css(tree)
    inside_fstring = {
        id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values
    }
    for node in ast.walk(tree):
        if id(node) in skip or id(node) in inside_fstring:
            continue
        text = _text(node)
        if text is not None and _PROSE.search(text) and not is_sql(text):
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


def test_sql_is_kept_out_of_the_scan_and_prose_is_not() -> None:
    """SQL is not prose (no translator touches it), and telling the two apart must not let
    a message through that happens to hold an SQL word."""
    sql = (
        "SELECT m.date, m.circle, t.* FROM decisions t JOIN meetings m ON m.file_id = t.file_id",
        "m.date DESC, fl.path, t.seq",
        " ORDER BY ",
        " X  INTEGER NOT NULL DEFAULT 0",
        "t.outcome IN  X  AND t.review IS NOT NULL AND t.review <= ?",
        "CREATE VIRTUAL TABLE a_fts USING fts5(text, item, tokenize='unicode61 remove_diacritics 2')",
        "INSERT OR REPLACE INTO state VALUES ('listing', ?)",
    )
    prose = (
        "cannot read the minutes: SELECT failed",
        "the meeting has NOT started yet",
        "Nothing FROM here",
        "no such table",
        "ORDER BY date, then by circle",
    )
    assert [t for t in sql if not is_sql(t)] == []
    assert [t for t in prose if is_sql(t)] == []
    source = 'conn.execute("SELECT id FROM files")\nraise ValueError("cannot read the minutes: SELECT failed")\n'
    assert [line for line, _text in unmarked(source)] == [2]


def test_the_scan_leaves_textual_css_alone() -> None:
    source = (
        "class Panel:\n"
        '    DEFAULT_CSS = "Panel { height: auto; max-height: 25vh; }"\n'
        '    title = "the panel title"\n'
    )
    assert [text for _line, text in unmarked(source)] == ["the panel title"]


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
