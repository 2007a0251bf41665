"""What the archive commands (`decisions`, `actions`, `conflicts`) share: flags, opening, output.

Not a command itself (the leading underscore keeps `cli.py` from registering
it). Stdlib only at the top, like every command module: these commands are
the fast path and must never load pydantic, rich or textual.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Sequence

from facilitator.core.visible import is_hidden, visible
from facilitator.i18n import _

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 12)
if TYPE_CHECKING:
    from typing import Any

    from facilitator.store.archive import Archive, Filters

DEFAULT_DIR = "minutes"
"""Where minutes go by default, so where the archive commands look by default."""


def shown(folder: str, rel: str = "") -> str:
    """`str(Path(folder) / rel)`, without importing pathlib (~5 ms of every run): how a
    folder and a file in it are named in messages. POSIX rules, as pathlib's: empty and
    `.` parts go, a root of exactly two slashes stays, nothing at all is `.`."""
    root = ""
    if folder.startswith("/"):
        root = "//" if folder.startswith("//") and not folder.startswith("///") else "/"
    parts = [p for p in f"{folder}/{rel}".split("/") if p and p != "."]
    return root + "/".join(parts) if root or parts else "."


def _period(text: str, *, end: bool) -> dt.date:
    """A date, or a month (`2026-03`) or year (`2026`) meaning its first or last day."""
    import calendar

    try:
        if len(text) == 4 and text.isdigit():
            return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
        if len(text) == 7 and text[4] == "-":
            year, month = int(text[:4]), int(text[5:])
            day = calendar.monthrange(year, month)[1] if end else 1
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date like 2026-11-24 (or a month 2026-11, or a year 2026): {text!r}").format(
                text=text
            )
        ) from None


def _since(text: str) -> dt.date:
    return _period(text, end=False)


def _until(text: str) -> dt.date:
    return _period(text, end=True)


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(
            _("a number of days, 0 or more: {text!r}").format(text=text)
        )
    return days


def add_common(parser: argparse.ArgumentParser, *, what: str, searched: str) -> None:
    """The folder, the filters every archive command has, and the output formats."""
    parser.add_argument(
        "dir",
        nargs="?",
        default=DEFAULT_DIR,
        metavar="DIR",
        help=_("the minutes folder (default: ./minutes)"),
    )
    parser.add_argument(
        "--grep",
        metavar="TEXT",
        help=_(
            "full-text search in {searched}: every word must start a word there "
            "(case and accents ignored)"
        ).format(searched=_(searched)),
    )
    parser.add_argument("--circle", metavar="NAME", help=_("circles whose name contains NAME"))
    parser.add_argument(
        "--since",
        type=_since,
        metavar="DATE",
        help=_("{what} from meetings on or after DATE").format(what=_(what)),
    )
    parser.add_argument(
        "--until",
        type=_until,
        metavar="DATE",
        help=_("{what} from meetings on or before DATE").format(what=_(what)),
    )
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help=_("a JSON list, for scripts"))
    fmt.add_argument(
        "--csv", action="store_true", help=_("CSV with a header row, for spreadsheets")
    )


def add_due(parser: argparse.ArgumentParser, meaning: str) -> None:
    """`--due [N]`: overdue, or due within N days (0 when N is left out)."""
    parser.add_argument(
        "--due",
        nargs="?",
        const=0,
        type=_days,
        metavar="N",
        help=_("{meaning} (default N: 0)").format(meaning=_(meaning)),
    )


def add_status(parser: argparse.ArgumentParser, statuses: Sequence[str]) -> None:
    """`--status` and `--all` for actions and conflicts, and `--owner`."""
    parser.add_argument("--owner", metavar="NAME", help=_("owners whose name contains NAME"))
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--status",
        choices=[*statuses, "all"],
        default="open",
        help=_("which to list, by where the latest meeting left them (default: open)"),
    )
    group.add_argument("--all", action="store_true", help=_("every status (same as --status all)"))


def filters(args: argparse.Namespace, **extra: Any) -> Filters:
    """The Filters the parsed flags ask for."""
    from facilitator.store.archive import Filters

    status = "all" if getattr(args, "all", False) else getattr(args, "status", "open")
    return Filters(
        today=dt.date.today(),
        grep=args.grep,
        circle=args.circle,
        since=args.since,
        until=args.until,
        due_within=getattr(args, "due", None),
        owner=getattr(args, "owner", None),
        status=status,
        **extra,
    )


def open_archive(folder: str) -> Archive | None:
    """The synced archive of `folder`, with skipped files warned about on stderr; None on error."""
    import sqlite3

    from facilitator.store.archive import Archive

    if not os.path.exists(folder):
        print(
            _(
                "{folder}: no such folder; name the minutes folder (the default is ./minutes)"
            ).format(folder=visible(shown(folder))),
            file=sys.stderr,
        )
        return None
    if not os.path.isdir(folder):
        print(
            _("{folder}: is a file, not a folder; name the minutes folder").format(
                folder=visible(shown(folder))
            ),
            file=sys.stderr,
        )
        return None
    try:
        archive = Archive.open(folder)
    except (OSError, sqlite3.Error) as exc:
        print(
            _("{folder}: cannot read the minutes: {exc}").format(
                folder=visible(shown(folder)), exc=exc
            ),
            file=sys.stderr,
        )
        return None
    # Paths and reasons come from the folder, so they are shown with visible escapes:
    # a file name holding an escape sequence must not reach the terminal as one.
    if archive.location.note and archive.report.rebuilt:
        print(_("note: {note}").format(note=visible(archive.location.note)), file=sys.stderr)
    for problem in archive.report.skipped:
        print(
            _("note: {path}: {reason}").format(
                path=visible(shown(folder, problem.path)), reason=visible(problem.reason)
            ),
            file=sys.stderr,
        )
    for problem in archive.report.problems:
        print(
            _("warning: {path}: {reason}; skipped").format(
                path=visible(shown(folder, problem.path)), reason=visible(problem.reason)
            ),
            file=sys.stderr,
        )
    return archive


# Whitespace that only lays text out (newlines of a long proposal, tabs) becomes one
# space in a table cell; every other control character is shown as an escape.
_FOLD = re.compile(r"(?:\r\n|[ \t\n])+")
# A spreadsheet runs a cell that starts with one of these as a formula
# (OWASP, "CSV Injection"): `=HYPERLINK(...)` in a decision must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NON_ASCII = re.compile(r"[^\x00-\x7e]")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if type(value) is str:  # most cells: no isinstance of a union, no copy
        text = value
    elif isinstance(value, list | tuple):
        text = "; ".join(str(v) for v in value)
    else:
        text = str(value)
    if not text.isprintable():  # newlines, tabs, controls: rare, so the slow path
        text = visible(_FOLD.sub(" ", text))
    if "  " in text or text.startswith(" ") or text.endswith(" "):
        text = " ".join(text.split())
    return text


def _csv_cell(value: Any) -> str:
    if isinstance(value, int):
        return str(value)  # counts: a negative number is a number, not a formula
    text = _cell(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _json_char(match: re.Match[str]) -> str:
    ch = match.group()
    if not is_hidden(ch):
        return ch
    code = ord(ch)
    if code > 0xFFFF:  # JSON escapes name UTF-16 units: a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_text(data: Any) -> str:
    """`data` as JSON: exact, but with every control, bidi and zero-width character escaped.

    `json` already escapes C0 controls; DEL, C1 controls (`\\u009b` is a CSI to
    some terminals), bidi and zero-width characters are escaped here too, so
    the output is the same data and still safe to print on a terminal.
    """
    import json

    return _NON_ASCII.sub(_json_char, json.dumps(data, ensure_ascii=False, indent=2))


def emit(
    args: argparse.Namespace,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    none: str,
    flatten: Callable[[dict[str, Any]], dict[str, Any]] = lambda r: r,
) -> None:
    """Write `rows` as JSON, CSV, or an aligned table of `columns` (key, heading).

    The table's last column takes what is left of the terminal's width, and is
    cut with "…" only when writing to a terminal; piped output keeps every word.
    """
    out = sys.stdout
    if args.json:
        out.write(json_text(list(rows)) + "\n")
        return
    if args.csv:
        import csv

        flat = [flatten(r) for r in rows]
        keys = list(flat[0]) if flat else [k for k, _h in columns]
        writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        for r in flat:
            writer.writerow({k: _csv_cell(v) for k, v in r.items()})
        return
    if not rows:
        print(_(none), file=out)
        return
    cells = _cells(rows, [k for k, _h in columns])
    # Headings are marked with N_ by each command and said here; the JSON and CSV keys stay.
    heads = [_(h) for _k, h in columns]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
    if out.isatty():
        import shutil

        room = shutil.get_terminal_size().columns - sum(w + 2 for w in widths[:-1])
        widths[-1] = max(len(heads[-1]), min(widths[-1], room))
    # Every column but the last is as wide as its widest cell, so only the last is ever cut;
    # one format per line pads the others (as `ljust`), in C.
    pad = "".join(f"{{:<{w}}}  " for w in widths[:-1]) + "{}"
    last = widths[-1]

    def line(values: Sequence[str]) -> str:
        v = values[-1]
        if len(v) > last:
            values = [*values[:-1], v[: last - 1] + "…"]
        return pad.format(*values).rstrip()

    lines = [line(heads), line(["-" * w for w in widths])]
    lines += [line(c) for c in cells]
    out.write("\n".join(lines) + "\n")


def _cells(rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> list[list[str]]:
    """`_cell` of each row's value of each key. A table repeats most values (dates, circles,
    outcomes) thousands of times on a common word: each distinct text is made a cell once."""
    said: dict[str, str] = {}
    out = []
    for r in rows:
        line = []
        for k in keys:
            v = r.get(k)
            if type(v) is str:
                c = said.get(v)
                if c is None:
                    c = said[v] = _cell(v)
                line.append(c)
            else:
                line.append(_cell(v))
        out.append(line)
    return out
