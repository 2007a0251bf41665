"""`facilitator new [PATH]`: write a commented starter agenda that passes `facilitator check`.

The title, circle, date and participants come from flags; on a terminal the
command asks for the ones left out, and otherwise uses defaults. The default
path is `agendas/<date>-<circle>-<title>.toml`. An existing file is never
overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from facilitator.i18n import DEFAULT_LANGUAGE, N_, _, screen_language

NAME = "new"
HELP = N_("Write a commented starter agenda (asks, or takes flags); never overwrites.")
ORDER = 40

_HEADER = N_("""\
# {title}
#
# An agenda for `facilitator run`. Check it with `facilitator check {path}`.
# The whole format, every key and its meaning: docs/agenda-format.md
# Durations are whole minutes (10) or strings like "90s", "10m", "1h30m".

""")

_SECTIONS = {
    "meeting": N_("""
# The meeting. Only `title` is required. Roles (facilitator, notetaker,
# timekeeper) must name a participant below. quorum: a count of voting members,
# or "50%" or "2/3". decision_rule: how proposals are decided unless an item sets
# `method`: "consent" (sociocratic, the default), "sofa-consent", "s3-consent",
# "consensus", "gradients" or "fist-to-five".
# Optional too: start = 18:00:00, duration = "90m", location = "Room 2, or a call link".
# language = "es" writes the minutes' headings and dates in Spanish ("en": English).
"""),
    "stack": N_("""
# The speaking stack. "progressive" hears first those who have not spoken on the
# item yet (priority = true first among them); "fifo" keeps arrival order.
"""),
    "participants": N_("""
# Everyone expected, in the order rounds go around. role: "member" (votes),
# "guest" (advisory) or "observer" (listed, never queued). Optional keys:
# org, pronouns, priority = true, key = "a" (quick-pick key).
"""),
    "items": N_("""
# The agenda items, in order. kind: round, report, discussion, proposal, vote,
# selection, dot-vote or break. A proposal needs `proposal = \"\"\"…\"\"\"` text
# and may set `review = 2027-06-01` and `method`: consent, sofa-consent,
# s3-consent, consensus, gradients or fist-to-five (with `pass_min = 3`, the
# lowest count that passes); the meeting's decision_rule when left out.
# A vote needs `motion`, a selection `role` and a dot vote `options` (see
# docs/agenda-format.md). confidential = true keeps an item out of the shared minutes.
"""),
}

_NO_PARTICIPANTS = N_("""
# Everyone expected, in the order rounds go around. For example:
#
# [[participants]]
# name = "Ana Lima"
# pronouns = "she/her"
# org = "Riverside Food Co-op"
# role = "member"          # "member" (votes), "guest" or "observer"
# priority = true          # heard first within their group on the progressive stack
""")

_PROPOSAL_EXAMPLE = N_("""
# A proposal item, to copy:
#
# [[items]]
# title = "Adopt the 2027 budget"
# kind = "proposal"
# duration = "25m"
# owner = "Treasury circle"
# proposal = \"\"\"
# We adopt the 2027 budget as circulated on 10 November.
# \"\"\"
# review = 2027-06-01
""")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date like 2026-11-24: {text!r}").format(text=text)
        ) from None


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the path, and the flags that answer the questions."""
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help=_("where to write it (default: agendas/<date>-<circle>-<title>.toml)"),
    )
    parser.add_argument("--title", help=_("the meeting's title"))
    parser.add_argument("--circle", help=_("the circle or body that meets"))
    parser.add_argument(
        "--date", type=_date, help=_("the meeting date, YYYY-MM-DD (default: today)")
    )
    parser.add_argument(
        "--participant",
        action="append",
        default=None,
        metavar="NAME",
        help=_("a participant (repeat for each); the first one facilitates"),
    )
    parser.add_argument(
        "--with",
        dest="with_kinds",
        action="append",
        default=None,
        metavar="KIND",
        # Not listed from the registry here: every command's parser is built on every run,
        # and the fast `decisions` must not load the processes.
        help=_(
            "add the starter item of a process's kind, such as vote (repeat for each);"
            " the others are written as comments to copy"
        ),
    )


def _starters() -> dict[str, str]:
    """Item kind -> the starter `[[items]]` entry of the process that owns it (its `starter`)."""
    from facilitator.processes import PROCESSES

    return {p.kinds[0]: p.starter for p in PROCESSES if p.starter and p.kinds}


def _commented(snippet: str) -> str:
    """A starter entry as comments, to copy: every line behind `# `."""
    return "".join(f"# {line}".rstrip() + "\n" for line in snippet.splitlines())


def _ask(question: str, default: str) -> str:
    shown = f" [{default}]" if default else ""
    try:
        answer = input(f"{question}{shown}: ").strip()
    except EOFError:
        return default
    return answer or default


def _ask_people() -> list[str]:
    print(_("Participants, one name per line (an empty line to finish):"), file=sys.stderr)
    names: list[str] = []
    while True:
        try:
            name = input(_("  name: ")).strip()
        except EOFError:
            return names
        if not name:
            return names
        names.append(name)


def _answers(
    args: argparse.Namespace, today: dt.date
) -> tuple[str, str | None, dt.date, list[str]]:
    """Flags first; questions for the rest only on a terminal, else the defaults."""
    interactive = sys.stdin.isatty()
    circle: str | None = args.circle
    if circle is None and interactive:
        circle = _ask(_("Circle or group"), "") or None
    title: str | None = args.title
    default_title = _("{circle} meeting").format(circle=circle) if circle else _("Member meeting")
    if title is None:
        title = _ask(_("Meeting title"), default_title) if interactive else default_title
    date: dt.date | None = args.date
    while date is None and interactive:
        try:
            date = dt.date.fromisoformat(_ask(_("Date (YYYY-MM-DD)"), today.isoformat()))
        except ValueError:
            print(_("  please write a date like 2026-11-24"), file=sys.stderr)
    people: list[str] | None = args.participant
    if people is None:
        people = _ask_people() if interactive else []
    return title, circle, date or today, [p.strip() for p in people if p.strip()]


def _kinds(args: argparse.Namespace) -> list[str] | None:
    """The `--with` kinds (on a terminal, asked when none are given); None if one is unknown."""
    known = _starters()
    wanted: list[str] | None = args.with_kinds
    if wanted is None and sys.stdin.isatty() and known:
        answer = _ask(
            _("Also start with an item of kind ({kinds})").format(kinds=", ".join(sorted(known))),
            "",
        )
        wanted = [k for k in answer.replace(",", " ").split() if k]
    out: list[str] = []
    for kind in wanted or []:
        kind = kind.strip()
        if kind not in known:
            choices = (
                _("choose from {kinds}").format(kinds=", ".join(sorted(known)))
                if known
                else _("there are none")
            )
            print(
                _("facilitator new: --with {kind!r}: no starter item of that kind; {choices}").format(
                    kind=kind, choices=choices
                ),
                file=sys.stderr,
            )
            return None
        if kind not in out:
            out.append(kind)
    return out


def _data(title: str, circle: str | None, date: dt.date, people: list[str]) -> dict[str, Any]:
    meeting: dict[str, Any] = {"title": title}
    if circle:
        meeting["circle"] = circle
    meeting["date"] = date
    if people:
        meeting["facilitator"] = people[0]
    if len(people) > 1:
        meeting["notetaker"] = people[1]
    meeting |= {"quorum": "50%", "decision_rule": "consent"}
    language = screen_language()
    if language != DEFAULT_LANGUAGE:
        # Asked in Spanish, the starter's minutes are Spanish too (the key says so, in the file).
        meeting["language"] = language
    return {
        "meeting": meeting,
        "stack": {"order": "progressive", "speaker_limit": "2m"},
        "participants": [{"name": n, "role": "member"} for n in people],
        "items": [
            {
                "title": _("Check-in round"),
                "kind": "round",
                "duration": 10,
                "notes": _("One word for how you arrive."),
            },
            {"title": _("Reports"), "kind": "report", "duration": 15},
            {"title": _("Open discussion"), "kind": "discussion", "duration": 20},
            {"title": _("Check-out round"), "kind": "round", "duration": 5},
        ],
    }


def render(data: dict[str, Any], path: Path, kinds: list[str] | None = None) -> str:
    """The agenda text: a header, then each table with a comment saying what its keys mean;
    then the starter item of each of `kinds` (a process's kind), and the others' as comments."""
    import tomli_w

    # Comments end at a newline, so a title with one in it must not reach the header as is.
    title = " ".join(str(data["meeting"]["title"]).split())
    shown = " ".join(str(path).split())
    parts = [_(_HEADER).format(title=title, path=shown), "schema = 1\n"]
    for key in ("meeting", "stack"):
        parts += [_(_SECTIONS[key]), tomli_w.dumps({key: data[key]})]
    # tomli-w writes a list of tables inline; agendas read better as [[…]] blocks, so each
    # entry (a flat table) is dumped on its own under its header.
    if data["participants"]:
        parts.append(_(_SECTIONS["participants"]))
        parts += [f"[[participants]]\n{tomli_w.dumps(p)}\n" for p in data["participants"]]
    else:
        parts.append(_(_NO_PARTICIPANTS))
    parts.append(_(_SECTIONS["items"]))
    parts += [f"[[items]]\n{tomli_w.dumps(item)}\n" for item in data["items"]]
    # `next` passes no kinds: its agenda continues a meeting and needs no examples of them.
    starters = _starters() if kinds is not None else {}
    parts += [f"\n{_(starters[k])}" for k in kinds or []]
    parts.append(_(_PROPOSAL_EXAMPLE))
    for kind, snippet in starters.items():
        if kind not in (kinds or []):
            to_copy = _("# A {kind} item, to copy:\n#\n").format(kind=kind)
            parts.append(f"\n{to_copy}{_commented(_(snippet))}")
    return "".join(parts).replace("\n\n\n", "\n\n")


def run(args: argparse.Namespace) -> int:
    """Write the starter agenda; 1 with a message if the file exists or the answers do not check."""
    from facilitator.store.agenda_file import AgendaFileError, load_agenda_text
    from facilitator.store.minutes_paths import base_stem

    today = dt.date.today()
    title, circle, date, people = _answers(args, today)
    kinds = _kinds(args)
    if kinds is None:
        return 2
    path: Path = args.path or Path("agendas") / f"{base_stem(date, circle, title)}.toml"
    text = render(_data(title, circle, date, people), path, kinds)
    try:
        load_agenda_text(text, str(path))  # the starter must pass `check`, answers included
    except AgendaFileError as exc:
        print(_("{exc}\nnothing written").format(exc=exc), file=sys.stderr)
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as f:  # "x": never overwrite
            f.write(text)
    except FileExistsError:
        print(
            _("{path}: already exists; `new` never overwrites, so name another path").format(
                path=path
            ),
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(
            _("{path}: cannot write it: {reason}").format(path=path, reason=exc.strerror or exc),
            file=sys.stderr,
        )
        return 1
    print(_("wrote {path}").format(path=path))
    print(
        _("  edit it, then: facilitator check {path} && facilitator run {path}").format(path=path),
        file=sys.stderr,
    )
    return 0
