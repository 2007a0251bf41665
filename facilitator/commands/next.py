"""`facilitator next MINUTES.md [-o AGENDA.toml] [--repo DIR]`: the next meeting's agenda from what is still open.

It opens with a proposal to approve those minutes (so the approval is a recorded
outcome), then carries the items not reached (a vote, a selection or a dot vote with
its own keys, from the minutes' `[[items]]`), the proposals deferred, the
actions still open (also as `[[actions]]`, which the meeting can mark done or
dropped), the decisions due for review and the open conflicts (shared minutes
only, so never a confidential one) of the same circle, across the minutes
folder the file sits in (or, with `--repo`, every circle's folder of a network
repository, where the latest meeting of any circle says whether an action or
conflict is still open), and keeps the participants, settings and standing
items (`standing = true`) of the meeting. Those come from the minutes' front
matter, so the old agenda file is not needed; for minutes written before those
keys existed it is looked up. The file is written with tomli-w, passes
`facilitator check`, and never overwrites.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.i18n import DEFAULT_LANGUAGE, N_, _, screen_language, translator, using

if TYPE_CHECKING:
    from facilitator.core.agenda import Agenda
    from facilitator.store.archive import ActionHit
    from facilitator.store.archive_read import MeetingFront

NAME = "next"
HELP = N_("Write the next meeting's agenda from a meeting's minutes and what is still open.")
ORDER = 45

_HEADER = N_("""\
# Prepared by `facilitator next` from
#   {minutes}
# with the items not reached, the proposals deferred, the open actions, the
# decisions due for review and the open conflicts of the circle.
# Items marked `standing = true` are carried into every next agenda. Set the date,
# check the participants, then edit freely.
#
""")

REVIEW_HORIZON_DAYS = 31
"""Decisions whose review date falls within this many days of the next meeting are due."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date like 2026-12-22: {text!r}").format(text=text)
        ) from None


_ACTIONS_HEADER = N_("""
# ---- Actions still open from earlier meetings ---------------------------------
# The meeting lists these beside its own (⇧T marks one done or dropped), and its
# minutes record their latest status. Remove a line block to stop following one.
#   what   - what is to be done      owner - who does it
#   due    - by when                 since - the meeting it was first recorded in
#   item   - the item it came from
""")


def _actions_section(actions: list[dict[str, object]]) -> str:
    """`[[actions]]` blocks after the items (tomli-w writes a list of tables inline otherwise)."""
    import tomli_w

    if not actions:
        return ""
    return _(_ACTIONS_HEADER) + "".join(f"\n[[actions]]\n{tomli_w.dumps(a)}" for a in actions)


def _outcomes_section(front: MeetingFront) -> str:
    """The last meeting's votes, dot votes and selections, one comment line each (the
    process's own line), so the chair sees what was settled; nothing when there were none."""
    if not front.outcomes:
        return ""
    import json

    from facilitator.core.visible import visible
    from facilitator.store.archive import outcome_line

    lines = [_("# Decided by the processes of the last meeting:\n")]
    for row in front.outcomes:
        _table, said = outcome_line(row.table, json.loads(row.data))
        # A comment ends at a newline: one line, control characters shown as escapes.
        item = " ".join(visible(row.item).split())
        lines.append(f"# - {item}: {' '.join(visible(said).split())}\n")
    return "".join(lines) + "#\n"


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the minutes file, the output path and the next meeting's date."""
    parser.add_argument("minutes", type=Path, metavar="MINUTES.md", help=_("a meeting's minutes"))
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="AGENDA.toml",
        help=_("where to write it (default: agendas/<minutes name>-next.toml)"),
    )
    parser.add_argument(
        "--repo",
        type=Path,
        metavar="DIR",
        help=_(
            "a network repository (one folder per circle): carry this circle's open actions,"
            " reviews due and open conflicts from every folder in it, by their latest status"
            " anywhere in the network; the minutes must be published there first"
            " (default: the minutes' own folder)"
        ),
    )
    parser.add_argument(
        "--date",
        type=_date,
        help=_(
            "the next meeting's date, YYYY-MM-DD (default: left out, so the day it runs); "
            "decisions due for review within {days} days of it are included"
        ).format(days=REVIEW_HORIZON_DAYS),
    )


def _old_agenda(front: MeetingFront, minutes: Path) -> Agenda | None:
    from facilitator.store.agenda_file import AgendaFileError, load_agenda
    from facilitator.store.next_agenda import agenda_candidates

    for path in agenda_candidates(front.agenda, minutes):
        if path.is_file():
            try:
                return load_agenda(path)
            except AgendaFileError as exc:
                print(
                    _("note: the old agenda {path} does not check ({error})").format(
                        path=path, error=exc.errors[0]
                    ),
                    file=sys.stderr,
                )
                return None
    print(
        _(
            "note: the agenda this meeting ran from cannot be found; participants come from the attendance in the minutes (all as members: check guests and observers), and no standing items are carried"
        ),
        file=sys.stderr,
    )
    return None


def _since(front: MeetingFront, actions: list[ActionHit]) -> list[ActionHit]:
    """Each action dated from the meeting that first recorded it, even when the archive holds
    only the later meetings that carried it (their rows say `since`)."""
    since = {(a.what.casefold(), a.owner.casefold()): a.since for a in front.actions if a.since}
    out = []
    for a in actions:
        first = since.get((a.what.casefold(), a.owner.casefold()))
        out.append(a._replace(first=first) if first is not None and first < a.first else a)
    return out


def _ours(circle: str, circles: tuple[str, ...]) -> bool:
    """Whether a meeting of `circle` (casefolded) spoke of an entry spoken of by `circles`."""
    return any(c.casefold() == circle for c in circles)


def _not_in_repo(minutes: Path, front: MeetingFront, repo: Path) -> str | None:
    """Why `--repo` cannot be used for these minutes, or None when the register holds them.

    The register must hold this meeting itself (its own open actions and decisions): either
    the file is inside the repository, or its published copy is in its circle's folder.
    """
    from facilitator.store.minutes_paths import circle_slug
    from facilitator.store.network import NO_CIRCLE

    if not repo.is_dir():
        what = _("is a file, not a folder") if repo.exists() else _("no such folder")
        return _("{repo}: {what}; --repo names the network repository's folder").format(
            repo=repo, what=what
        )
    if minutes.resolve().is_relative_to(repo.resolve()):
        return None
    published = repo / (circle_slug(front.circle) or NO_CIRCLE) / minutes.name
    if published.is_file():
        return None
    return _(
        "{minutes}: not in the network repository {repo} yet (no {published}); publish it"
        " first (facilitator publish {minutes} --repo {repo}), so the register holds this"
        " meeting's actions and decisions"
    ).format(minutes=minutes, repo=repo, published=published)


def run(args: argparse.Namespace) -> int:
    """Write the agenda; 1 with a plain message when the minutes cannot be read or the file exists."""
    import sqlite3

    from facilitator.commands.new import render
    from facilitator.core.visible import visible
    from facilitator.store.agenda_file import AgendaFileError, load_agenda_text
    from facilitator.store.archive import Archive, Filters
    from facilitator.store.archive_read import MalformedMinutes, read_front_matter
    from facilitator.store.next_agenda import (
        build_next,
        source_from_agenda,
        source_from_front,
        unreached_items,
    )
    from facilitator.store.next_items import carried_note, minutes_language

    minutes: Path = args.minutes
    if not minutes.is_file():
        print(_("{minutes}: no such minutes file").format(minutes=minutes), file=sys.stderr)
        return 1
    try:
        front = read_front_matter(minutes)
        body = minutes.read_text(encoding="utf-8")
    except (MalformedMinutes, UnicodeDecodeError, OSError) as exc:
        print(f"{minutes}: {exc}", file=sys.stderr)
        return 1
    folder = minutes.parent
    if args.repo is not None:
        folder = args.repo
        refused = _not_in_repo(minutes, front, args.repo)
        if refused is not None:
            print(refused, file=sys.stderr)
            return 1
    source = source_from_front(front)
    if source is None:
        source = source_from_agenda(front, _old_agenda(front, minutes), unreached_items(body))
    base = args.date or dt.date.today()
    same = front.circle.casefold()
    try:
        with Archive.open(folder) as archive:
            # Names and reasons come from the folder: shown with visible escapes.
            for problem in archive.report.problems:
                where = visible(str(folder / problem.path))
                print(
                    _("warning: {where}: {reason}; skipped").format(
                        where=where, reason=visible(problem.reason)
                    ),
                    file=sys.stderr,
                )
            f = Filters(today=base, until=front.date)
            # Actions and conflicts this circle spoke of, where the network's latest meeting
            # left them (another circle may have closed one); decisions this circle took.
            actions = _since(front, [a for a in archive.actions(f) if _ours(same, a.circles)])
            horizon = Filters(today=base, due_within=REVIEW_HORIZON_DAYS, until=front.date)
            due = [d for d in archive.decisions(horizon) if d.circle.casefold() == same]
            conflicts = [c for c in archive.conflicts(f) if _ours(same, c.circles)]
    except (OSError, sqlite3.Error) as exc:
        print(
            _("{folder}: cannot read the minutes folder: {exc}").format(folder=folder, exc=exc),
            file=sys.stderr,
        )
        return 1
    path: Path = args.output or Path("agendas") / f"{minutes.stem}-next.toml"
    # The agenda continues the meeting in its minutes' language (its words and comments, and
    # `language` so its minutes are in it again); what is printed here is the screen's.
    language = minutes_language(body) or screen_language()
    with using(translator(language)):
        data = build_next(
            front,
            minutes.name,
            source=source,
            actions=actions,
            due=sorted(due, key=lambda d: (d.review or d.date, d.id)),
            conflicts=conflicts,
            date=args.date,
        )
        if language != DEFAULT_LANGUAGE or language != screen_language():
            data["meeting"]["language"] = language
        text = _(_HEADER).format(minutes=" ".join(str(minutes).split()))
        if args.repo is not None:
            # Whose items, from where; one line whatever the names hold (a TOML comment).
            whose = visible(" ".join((front.circle or _("meetings with no circle")).split()))
            place = visible(" ".join(str(folder).split()))
            text += _("# Carried for {whose} from every folder of {place}.\n#\n").format(
                whose=whose, place=place
            )
        text += _outcomes_section(front)
        text += render(data, path)
        text += _actions_section(data["actions"])
        notes = {carried_note(why, front.date) for why in ("not-reached", "deferred")}
    carried = sum(1 for i in data["items"] if str(i.get("notes", "")).split("\n")[0] in notes)
    try:
        load_agenda_text(text, str(path))
    except AgendaFileError as exc:
        # Our own output failing `check` is a bug; say so plainly rather than write it.
        print(
            _("{exc}\nthe generated agenda does not check; nothing written").format(exc=exc),
            file=sys.stderr,
        )
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError:
        print(
            _(
                "{path}: already exists; `next` never overwrites, so name another path with -o"
            ).format(path=path),
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
    counts = _(
        "{carried} not reached or deferred, {actions} open actions, "
        "{due} reviews due, {conflicts} open conflicts"
    ).format(carried=carried, actions=len(actions), due=len(due), conflicts=len(conflicts))
    print(_("  carried: {counts}").format(counts=counts), file=sys.stderr)
    whose = visible(front.circle) if front.circle else _("meetings with no circle")
    where = (
        _("every folder of the network repository") if args.repo is not None else _("the folder")
    )
    print(
        _("  from: {whose}, in {where} {folder}").format(
            whose=whose, where=where, folder=visible(str(folder))
        ),
        file=sys.stderr,
    )
    return 0
