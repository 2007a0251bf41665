"""Reading agenda files: bytes -> text -> TOML -> `Agenda`, every mistake as `FILE:LINE: message`.

All the problems a file has are reported in one go (only a TOML syntax error
stops early, since nothing after it can be read). Lines come from a key path ->
line index built over the text (`toml_lines`), because tomllib keeps no
positions. The pydantic errors are put into plain words by `agenda_messages`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from facilitator.core.agenda import Agenda
from facilitator.core.agenda_rules import control_in_name
from facilitator.core.visible import visible
from facilitator.i18n import N_, _
from facilitator.store.agenda_messages import describe
from facilitator.store.toml_lines import LineIndex

MAX_BYTES = 512_000
"""An agenda is a small text file (the bundled samples are 2 to 6 KB; a year of items is
well under 100 KB); anything bigger is almost surely the wrong file."""
MAX_KEY_PARTS = 16
"""The most parts a dotted key may have. An agenda needs three at most (`meeting.title`);
tomllib's time grows with the square of a key's length (8,000 parts took 10 s)."""
MAX_DEPTH = 16
"""The deepest nesting of tables and lists the data may have (an agenda needs three)."""


@dataclass(frozen=True)
class LocatedError:
    """One problem in an agenda file, at a line (0 when it concerns the whole file)."""

    path: str
    """The file as the user named it."""
    line: int
    """The 1-based line, or 0 when the file itself cannot be read."""
    message: str
    """What is wrong, and how to fix it, in plain words."""

    def __str__(self) -> str:
        # Values from the file are quoted in messages: a raw newline would forge a fake
        # `FILE:LINE:` line, an ESC sequence would act on the terminal. Show them as escapes.
        path, message = visible(self.path), visible(self.message)
        if self.line <= 0:
            return f"{path}: {message}"
        return f"{path}:{self.line}: {message}"


class AgendaFileError(Exception):
    """An agenda file that cannot be used; `errors` lists every located problem."""

    def __init__(self, errors: list[LocatedError]) -> None:
        self.errors = errors
        """Every problem found, in line order."""
        super().__init__("\n".join(str(e) for e in errors))


def load_agenda(path: Path) -> Agenda:
    """Read and check the agenda at `path`; raises AgendaFileError with every problem."""
    name = str(path)
    try:
        if path.is_dir():
            _fail(name, 0, _("is a folder, not an agenda file; name a .toml file inside it"))
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        _fail(name, 0, _("no such file; `facilitator new` writes a starter agenda"))
    except IsADirectoryError:
        _fail(name, 0, _("is a folder, not an agenda file"))
    except PermissionError:
        _fail(name, 0, _("cannot be read: permission denied"))
    except OSError as exc:
        _fail(name, 0, _("cannot be read: {reason}").format(reason=exc.strerror or exc))
    if len(data) > MAX_BYTES:
        _fail(
            name,
            0,
            _(
                "is larger than the {size} KB an agenda may be; is it the right file? (an agenda is a small text file)"
            ).format(size=MAX_BYTES // 1000),
        )
    return load_agenda_bytes(data, name)


def load_agenda_bytes(data: bytes, name: str) -> Agenda:
    """Decode `data` as UTF-8 (a leading BOM is allowed) and load it as an agenda named `name`."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(name, 1, _("is saved as UTF-16; save it as UTF-8 text"))
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        _fail(
            name, line, _("looks like a binary file, not a TOML agenda (a NUL byte on this line)")
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # editors on Windows add a byte-order mark; it is harmless here
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        _fail(
            name,
            line,
            _(
                "is not UTF-8 text (byte 0x{value:02x} at column {column}); save the file as UTF-8"
            ).format(value=data[exc.start], column=column),
        )
    return load_agenda_text(text, name)


def load_agenda_text(text: str, name: str = "<agenda>") -> Agenda:
    """Load agenda TOML `text`; `name` is the file name used in messages."""
    if not text.strip():
        _fail(name, 1, _("the file is empty; ") + _(_EMPTY_HINT))
    if len(text) > MAX_BYTES:  # text handed in directly, not through load_agenda
        _fail(
            name,
            0,
            _("is larger than the {size} KB an agenda may be").format(size=MAX_BYTES // 1000),
        )
    long_key = _long_dotted_key(text)
    if long_key is not None and long_key[1] < 0:
        _fail(
            name,
            long_key[0],
            _(
                "values are nested too deeply here (tables or lists inside each other more than {depth} deep); an agenda needs only three levels"
            ).format(depth=MAX_DEPTH),
        )
    if long_key is not None:
        line, parts = long_key
        _fail(
            name,
            line,
            _(
                "a dotted key of {parts} parts; an agenda needs at most three (as in `meeting.title`): use [table] headers instead"
            ).format(parts=parts),
        )
    data = _parse_toml(text, name)
    if not data:
        _fail(name, 1, _("the agenda has nothing in it but comments; ") + _(_EMPTY_HINT))
    deep = _too_deep(data)
    if deep is not None:
        line = LineIndex.build(text).line_of(deep[:3]) or 1
        _fail(
            name,
            min(line, _line_count(text)),
            _(
                "`{value}` is nested too deeply (tables or lists inside each other more than {depth} deep); an agenda needs only three levels"
            ).format(value=deep[min(len(deep), 3) - 1], depth=MAX_DEPTH),
        )
    names = _control_names(data)
    try:
        agenda = Agenda.model_validate(data)
    except ValidationError as exc:
        index = LineIndex.build(text)
        last = _line_count(text)
        problems = describe(exc, data, index) + _located(names, index)
        errors: list[LocatedError] = []
        seen: set[tuple[int, str]] = set()
        for line, message in problems:
            line = min(max(line, 1), last)
            if (line, message) not in seen:
                seen.add((line, message))
                errors.append(LocatedError(name, line, message))
        errors.sort(key=lambda e: e.line)
        raise AgendaFileError(errors) from None
    if names:
        index = LineIndex.build(text)
        raise AgendaFileError([LocatedError(name, ln, m) for ln, m in _located(names, index)])
    return agenda


def _control_names(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Participant names holding control or bidi characters, as (key path, message)."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    people = data.get("participants")
    for i, p in enumerate(people if isinstance(people, list) else []):
        value = p.get("name") if isinstance(p, dict) else None
        if not isinstance(value, str):
            continue
        bad = control_in_name(value)
        if bad is not None:
            out.append(
                (
                    ("participants", i, "name"),
                    _(
                        '`name` in participant {n} ("{name}"): a name must not contain control '
                        "characters (it has {bad}); write the name as people read it"
                    ).format(n=i + 1, name=visible(value)[:60], bad=visible(bad)),
                )
            )
    return out


def _located(
    issues: list[tuple[tuple[str | int, ...], str]], index: LineIndex
) -> list[tuple[int, str]]:
    return [(index.line_of(path) or 1, message) for path, message in issues]


_EMPTY_HINT = N_(
    "an agenda needs a [meeting] table with a title and at least one [[items]] entry "
    "(`facilitator new` writes a starter)"
)


def _too_deep(data: object) -> tuple[str | int, ...] | None:
    """The key path to where `data` nests deeper than MAX_DEPTH, else None.

    Iterative, since deep data must not recurse (pydantic's own messages then failed
    with a RecursionError on 1,000 levels).
    """
    todo: list[tuple[object, tuple[str | int, ...]]] = [(data, ())]
    while todo:
        value, path = todo.pop()
        if len(path) >= MAX_DEPTH:
            return path
        if isinstance(value, dict):
            todo += [(v, (*path, k)) for k, v in value.items()]
        elif isinstance(value, list):
            todo += [(v, (*path, i)) for i, v in enumerate(value)]
    return None


_KEY_CHAIN_RE = re.compile(rf"(?:[A-Za-z0-9_-]+[ \t]*\.[ \t]*){{{MAX_KEY_PARTS},}}")


def _long_dotted_key(text: str) -> tuple[int, int] | None:
    """(line, parts) of the first dotted key with more than MAX_KEY_PARTS parts, else None;
    (line, -1) where `{` and `[` nest deeper than MAX_DEPTH.

    One linear pass: strings (each becomes one `s`) and comments are set aside, so a
    dotted run in what is left can only be a key (no number, date or time has 16 dots).
    The text has not been parsed yet; an unclosed string just ends the pass.
    """
    out: list[str] = []
    i, n = 0, len(text)
    depth = 0
    while i < n:
        ch = text[i]
        if ch in "{[":
            depth += 1
            if depth > MAX_DEPTH:
                # tomllib would recurse this deep and fail without saying where.
                return text.count("\n", 0, i) + 1, -1
        elif ch in "}]":
            depth = max(0, depth - 1)
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if ch in "\"'":
            triple = text.startswith(ch * 3, i)
            delim = ch * 3 if triple else ch
            j = i + len(delim)
            while j < n:
                if ch == '"' and text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(delim, j):
                    break
                if not triple and text[j] == "\n":
                    break
                j += 1
            out.append("s" + "\n" * text.count("\n", i, j))
            i = j + len(delim)
            continue
        out.append(ch)
        i += 1
    rest = "".join(out)
    m = _KEY_CHAIN_RE.search(rest)
    if m is None:
        return None
    parts = m.group(0).count(".") + 1
    end = m.end()
    while (
        end < len(rest)
        and rest[end] in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.s \t"
    ):
        if rest[end] == ".":
            parts += 1
        end += 1
    return rest.count("\n", 0, m.start()) + 1, parts


def _line_count(text: str) -> int:
    """Lines as editors number them: a final newline does not start a new line."""
    return max(1, text.count("\n") + (0 if text.endswith("\n") else 1))


def _fail(name: str, line: int, message: str) -> NoReturn:
    raise AgendaFileError([LocatedError(name, line, message)])


# ---- TOML syntax errors -----------------------------------------------------------

_AT_RE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")
_DECLARE_RE = re.compile(r"^Cannot declare (\(.*\)) twice$")
_HINTS = {
    "Invalid value": N_(
        'text needs quotes ("…"), dates look like 2026-11-24, times like 18:00:00, '
        "and true/false are lowercase"
    ),
    "Cannot overwrite a value": N_("this key is already set above; keep only one"),
    "Invalid statement": N_("each line is `key = value`, a [table] header, or a # comment"),
    "Unterminated string": N_(
        'a string is missing its closing quote (use """ for text over several lines)'
    ),
    "Unclosed array": N_("close the list with ]"),
    "Unclosed inline table": N_("close the table with } on the same line"),
    "Invalid date or datetime": N_("dates look like 2026-11-24 and times like 18:00:00"),
    "Expected '=' after a key in a key/value pair": N_(
        "each line is `key = value`; text values need quotes"
    ),
}
_TOMLLIB_MESSAGES = frozenset(
    {
        # tomllib's fixed sentences (Python 3.11-3.13), so a Spanish `check` says them in
        # Spanish too; those with a value inside ("Illegal character '\\t'") stay as tomllib
        # writes them. The msgids must match tomllib's words exactly.
        N_("Cannot overwrite a value"),
        N_("Escaped character is not a Unicode scalar value"),
        N_("Expected '=' after a key in a key/value pair"),
        N_("Expected ']' at the end of a table declaration"),
        N_("Expected ']]' at the end of an array declaration"),
        N_("Invalid date or datetime"),
        N_("Invalid hex value"),
        N_("Invalid initial character for a key part"),
        N_("Invalid statement"),
        N_("Invalid value"),
        N_("Unclosed array"),
        N_("Unclosed inline table"),
        N_("Unescaped '\\' in a string"),
        N_("Unterminated string"),
    }
)
_SIMPLE_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_LINE_KEY_RE = re.compile(rf"^\s*(\[\[?[^\]\n]*\]\]?|{_SIMPLE_KEY}(?:\s*\.\s*{_SIMPLE_KEY})*)")


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AgendaFileError([_syntax_error(str(exc), text, name)]) from None
    except RecursionError:
        _fail(name, 1, _("is nested too deeply to read; an agenda needs only two levels"))
    except ValueError as exc:  # tomllib's own checks not wrapped as TOMLDecodeError
        _fail(name, 1, _("TOML syntax error: {exc}").format(exc=exc))


def _syntax_error(raw: str, text: str, name: str) -> LocatedError:
    m = _AT_RE.search(raw)
    message = raw[: m.start()] if m else raw
    if m and m.group(1):
        line, column = int(m.group(1)), int(m.group(2))
    elif message == "Unterminated string" and max(text.rfind('"""'), text.rfind("'''")) >= 0:
        # A multi-line string left open: its opening line is the one to fix.
        line, column = text.count("\n", 0, max(text.rfind('"""'), text.rfind("'''"))) + 1, 0
    else:
        # "At end of document": point at the last line that has anything on it.
        lines = text.split("\n")
        line = max((n for n, t in enumerate(lines, 1) if t.strip()), default=1)
        column = 0
    line = min(max(line, 1), _line_count(text))
    # tomllib's own sentence, translated when it is one we know (they are listed below).
    said = _(message) if message in _TOMLLIB_MESSAGES else _tomllib_with_value(message)
    where = _(" at column {column}").format(column=column) if column else ""
    out = _("TOML syntax error{where}: {message}").format(
        where=where, message=f"{said[:1].lower()}{said[1:]}"
    )
    declared = _DECLARE_RE.match(message)
    if declared:
        out = _("TOML syntax error: the table [{table}] is declared twice").format(
            table=_dotted(declared.group(1))
        )
        return LocatedError(
            name,
            line,
            out + _("; merge them into one (use [[…]] on every entry for a list of tables)"),
        )
    if message.startswith("Illegal character '\\n'"):
        out += _('; a string is missing its closing quote (use """ for text over several lines)')
    elif message in _HINTS:
        out += f"; {_(_HINTS[message])}"
    key = _key_on_line(text, line, bare=message.startswith("Expected '='"))
    return LocatedError(name, line, out + (_(" (in `{key}`)").format(key=key) if key else ""))


# tomllib's sentences that hold a value, as (pattern, our marked wording of it).
_TOMLLIB_PATTERNS = (
    (re.compile(r"^Illegal character (.+)$"), N_("Illegal character {value}")),
    (re.compile(r"^Found invalid character (.+)$"), N_("Found invalid character {value}")),
    (re.compile(r"^Expected (.+)$"), N_("Expected {value}")),
    (re.compile(r"^Duplicate inline table key (.+)$"), N_("Duplicate inline table key {value}")),
    (re.compile(r"^Cannot mutate immutable namespace (.+)$"), N_("Cannot change {value} again")),
    (re.compile(r"^Cannot redefine namespace (.+)$"), N_("Cannot define {value} again")),
)


def _tomllib_with_value(message: str) -> str:
    """tomllib's `message` in the language in force, when it is one we know."""
    for pattern, wording in _TOMLLIB_PATTERNS:
        m = pattern.match(message)
        if m:
            return _(wording).format(value=m.group(1))
    return message


def _dotted(tuple_text: str) -> str:
    try:
        import ast  # only for this message: not on the path of a good agenda

        parts = ast.literal_eval(tuple_text)
    except (ValueError, SyntaxError):
        return tuple_text
    return ".".join(str(p) for p in parts) if isinstance(parts, tuple) else tuple_text


def _key_on_line(text: str, line: int, *, bare: bool) -> str | None:
    """The key or header written on `line`; a key without `=` after it only when `bare`."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    m = _LINE_KEY_RE.match(lines[line - 1])
    if not m:
        return None
    rest = lines[line - 1][m.end() :].lstrip()
    if not (m.group(1).startswith("[") or rest.startswith("=") or bare):
        return None
    return m.group(1).strip()[:60]
