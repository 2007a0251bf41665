"""`facilitator export JOURNAL [-o DIR | --stdout] [--private]`: re-render minutes from a journal.

For after a typo was fixed with undo, after a resumed meeting, or when the
minutes folder was lost: the journal alone rebuilds the meeting. The minutes
are final when the journal's meeting was ended, else a draft.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from facilitator.i18n import N_, _

NAME = "export"
HELP = N_("Re-render a meeting's minutes from its journal (.private/<stem>.journal.jsonl).")
ORDER = 40


def register(parser: argparse.ArgumentParser) -> None:
    """Arguments: the journal, then where the minutes go."""
    parser.add_argument("journal", type=Path, metavar="JOURNAL", help=_("the meeting's journal"))
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help=_("the minutes folder to write to (default: the folder the journal belongs to)"),
    )
    where.add_argument(
        "--stdout",
        action="store_true",
        help=_("print the shared minutes instead of writing files"),
    )
    parser.add_argument(
        "--private",
        action="store_true",
        help=_("with --stdout: print the full private record, confidential parts included"),
    )


def _fail(message: str) -> int:
    print(_("facilitator export: {message}").format(message=message), file=sys.stderr)
    return 1


def _default_dir(journal: Path) -> Path:
    """A journal lives in `<minutes>/.private/`; its minutes go in `<minutes>/`."""
    from facilitator.store.private_dir import PRIVATE_DIR_NAME, minutes_dir_for

    parent = journal.parent
    return minutes_dir_for(parent) if parent.name == PRIVATE_DIR_NAME else parent


def _load(path: Path) -> tuple[Any, dict[str, Any], list[dict[str, Any]], list[str]]:
    """(state, header, records, warnings); ValueError with a plain message on bad input."""
    from facilitator.core.events import event_from_record
    from facilitator.core.fold import replay
    from facilitator.store.journal import JournalError, agenda_from_header, read_journal

    if path.is_dir():
        raise ValueError(
            _("{path} is a folder; give the meeting's .journal.jsonl file").format(path=path)
        )
    try:
        contents = read_journal(path)
        agenda, agenda_warnings = agenda_from_header(contents.header, path)
    except JournalError as exc:
        raise ValueError(str(exc)) from exc
    events = []
    for number, record in enumerate(contents.records, start=2):
        try:
            events.append(event_from_record(record))
        except ValueError as exc:
            raise ValueError(
                _("{path}, line {number}: {exc}").format(path=path, number=number, exc=exc)
            ) from exc
    try:
        state = replay(agenda, events)
    except Exception as exc:  # a hand-edited journal can hold anything; never a traceback
        raise ValueError(
            _(
                "{path}: the events do not replay into a meeting ({kind}: {exc}); was the journal edited by hand?"
            ).format(path=path, kind=type(exc).__name__, exc=exc)
        ) from exc
    return state, contents.header, contents.records, contents.warnings + agenda_warnings


def run(args: argparse.Namespace) -> int:
    """Rebuild the meeting from the journal and write (or print) its minutes."""
    if args.private and not args.stdout:
        print(
            _(
                "facilitator export: --private only goes with --stdout; written exports always put the private record in .private/ when something was confidential"
            ),
            file=sys.stderr,
        )
        return 2
    from facilitator.store.journal import JOURNAL_SUFFIX, is_finished
    from facilitator.store.meeting_files import (
        cleanup,
        export_stem,
        new_stem,
        stem_date,
        write_minutes_files,
    )
    from facilitator.store.minutes import render_doc
    from facilitator.store.minutes_view import build, meeting_date
    from facilitator.store.minutes_writer import MinutesWriteError

    journal: Path = args.journal
    try:
        state, header, records, warnings = _load(journal)
    except ValueError as exc:
        return _fail(str(exc))
    for warning in warnings:
        print(
            _("facilitator export: warning: {journal}: {warning}").format(
                journal=journal, warning=warning
            ),
            file=sys.stderr,
        )
    final = is_finished(records)
    agenda_path = header.get("agenda_path")
    agenda_path = agenda_path if isinstance(agenda_path, str) else None
    folder: Path = args.output or _default_dir(journal)
    if journal.name.endswith(JOURNAL_SUFFIX) and journal.name != JOURNAL_SUFFIX:
        stem = journal.name[: -len(JOURNAL_SUFFIX)]
    else:
        # Not a journal name we made: name the minutes as a new meeting would be named.
        stem = new_stem(folder, state.agenda, meeting_date(state))

    if args.stdout:
        doc = build(
            state,
            status="final" if final else "draft",
            date=stem_date(stem),
            agenda_path=agenda_path,
            id_prefix=stem,
        )
        sys.stdout.write(render_doc(doc, private=args.private))
        return 0

    try:
        cleanup(folder)
        doc = build(
            state,
            status="final" if final else "draft",
            date=stem_date(stem),
            agenda_path=agenda_path,
        )
        wanted, stem = stem, export_stem(folder, stem, journal, doc)
        if stem != wanted:
            print(
                _(
                    "facilitator export: {path} holds another meeting's minutes; it was left as it is, and these go to {stem}.md"
                ).format(path=folder / (wanted + ".md"), stem=stem),
                file=sys.stderr,
            )
        files = write_minutes_files(state, folder, stem, final=final, agenda_path=agenda_path)
    except (MinutesWriteError, ValueError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(
            _("could not write to {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        )
    print(
        _("wrote {shared} ({status})").format(
            shared=files.shared, status=_("final") if final else _("draft")
        )
    )
    if files.private is not None:
        print(_("wrote {private} (private record: do not share it)").format(private=files.private))
    return 0
