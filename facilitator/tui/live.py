"""The live meeting behind the run screen: engine session + journal + minutes writer.

`JournalledMeeting` implements `LiveMeeting`. It is the one place that turns
the engine's errors into the screen's (`MeetingError`, `StorageProblem`) and
that writes minutes: a draft at the end of every item, the final version when
the meeting ends. The functions below open meetings for `build_app`.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.i18n import _, ngettext
from facilitator.tui.meeting import MeetingError, StorageProblem

if TYPE_CHECKING:
    from facilitator.core.agenda import Agenda
    from facilitator.core.clock import Clock
    from facilitator.core.session import Session
    from facilitator.store.journal import Journal
    from facilitator.tui.view import MeetingView

_ITEM_CLOSED = {"ItemFinished", "ItemSkipped", "ItemDeferred"}


class AgendaProblem(Exception):
    """The agenda file cannot be used; the message lists every located error."""


class JournalledMeeting:
    """A meeting whose every command is journalled before it shows."""

    def __init__(
        self,
        session: Session,
        journal: Journal,
        minutes_dir: Path,
        stem: str,
        agenda_path: str | None = None,
    ) -> None:
        self.session = session
        """The engine session."""
        self.journal = journal
        """The open, locked journal."""
        self.minutes_dir = minutes_dir
        """Where minutes go."""
        self.stem = stem
        """The minutes file stem (`<stem>.md`)."""
        self.agenda: Agenda = session.agenda
        self.warnings: list[str] = list(journal.warnings)
        """Things to tell the facilitator once (a damaged journal tail, a failed minutes write)."""
        self.minutes_path: Path | None = None
        """The shared minutes, once written."""
        self.agenda_path = agenda_path
        """The agenda file as the minutes name it (`agenda =`), relative to the minutes folder."""
        self.listeners: list[Callable[[], None]] = []
        """Called after every recorded command (the members' view pushes the new state)."""
        self.background = False
        """Write draft minutes on a worker thread (the run screen), not before `do` returns."""
        self._writer: concurrent.futures.ThreadPoolExecutor | None = None
        """One thread, so drafts are written in the order their items ended."""
        self._pending: concurrent.futures.Future[None] | None = None
        """The latest draft handed to the writer."""

    @property
    def state(self) -> Any:
        """The engine's MeetingState."""
        return self.session.state

    def now(self) -> float:
        """The clock's monotonic reading."""
        return self.session.now()

    def view(self, now: float) -> MeetingView:
        """What the run screen draws."""
        from facilitator.tui.view_model import build_view

        return build_view(self.session.state, now)

    def do(self, command: Any, *, device: str | None = None) -> None:
        """Run a command through the session; write draft minutes when an item closes.

        `device` marks a member's command from the members' view (see `Session.do`)."""
        from facilitator.core.errors import DomainError, StorageError

        try:
            events = self.session.do(command, device=device)
        except DomainError as exc:
            raise MeetingError(_sentence(str(exc))) from exc
        except StorageError as exc:
            raise StorageProblem(str(exc)) from exc
        types = {e.type for e in events}
        if types & _ITEM_CLOSED and "MeetingEnded" not in types:
            if self.background:
                self._draft_in_background()
            else:
                self.write_minutes(final=False)
        for listener in self.listeners:
            listener()

    def _draft_in_background(self) -> None:
        """Hand the draft to the writer thread: a 10,000-event meeting took 0.4 s to render.

        The state is mutable and the screen goes on changing it, so the thread gets what
        cannot change: the agenda and a copy of the event list (events are frozen). It
        folds them again (replay equals live) and renders that.
        """
        if self._writer is None:
            self._writer = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="draft-minutes"
            )
        agenda, events = self.session.agenda, list(self.session.state.events)
        self._pending = self._writer.submit(self._write_draft, agenda, events)

    def _write_draft(self, agenda: Agenda, events: list[Any]) -> None:
        from facilitator.core.fold import replay

        self.write_minutes(final=False, state=replay(agenda, events))

    def wait_for_writes(self) -> None:
        """Return once every draft handed to the writer is on disk (or failed, as a warning)."""
        pending = self._pending
        if pending is not None:
            pending.result()

    def idle(self) -> None:
        """Once a second when nothing happens: make the next undo cheap (see `prepare_undo`)."""
        from facilitator.core.fold import prepare_undo

        prepare_undo(self.session.state)

    def write_minutes(self, *, final: bool, state: Any = None) -> Path | None:
        """Write the draft or final minutes; a failure becomes a warning, never lost state."""
        from facilitator.store.meeting_files import write_minutes
        from facilitator.store.minutes_writer import MinutesWriteError

        try:
            self.minutes_path = write_minutes(
                state if state is not None else self.session.state,
                self.minutes_dir,
                self.stem,
                final=final,
                agenda_path=self.agenda_path,
            )
        except (MinutesWriteError, OSError) as exc:
            self.warnings.append(
                _(
                    "The minutes could not be written ({reason}). The meeting is safe in its "
                    "journal; export it later with: facilitator export {journal}"
                ).format(reason=exc, journal=self.journal.path)
            )
            return None
        return self.minutes_path

    def take_warnings(self) -> list[str]:
        """Warnings not yet shown; each is returned once."""
        out, self.warnings = self.warnings, []
        return out

    def finish(self) -> Path | None:
        """After the meeting ended: write the final minutes; their path."""
        # A draft still being written must not land after (and over) the final version.
        self.wait_for_writes()
        return self.write_minutes(final=True)

    def close(self) -> None:
        """Finish the drafts being written, then release the journal (unlock)."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        if not self.journal.closed:
            self.journal.close()


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


# --- opening meetings ---------------------------------------------------------------------


def system_clock() -> Clock:
    """The real clock (CLOCK_BOOTTIME on Linux)."""
    from facilitator.store.clock import SystemClock

    return SystemClock()


def load_agenda(path: Path) -> Agenda:
    """Read and check an agenda file; AgendaProblem lists every located error."""
    from facilitator.store.agenda_file import AgendaFileError
    from facilitator.store.agenda_file import load_agenda as load

    try:
        return load(path)
    except AgendaFileError as exc:
        raise AgendaProblem(str(exc)) from exc


def start_meeting(
    agenda: Agenda, agenda_path: Path | None, *, minutes_dir: Path, clock: Clock
) -> JournalledMeeting:
    """Create a new journal for `agenda` and open a session on it."""
    from facilitator.core.session import Session
    from facilitator.store.journal import Journal, JournalError, journal_path, make_header
    from facilitator.store.meeting_files import agenda_reference, cleanup, new_stem

    now = clock.now()
    # The day it takes place (local), which names the files and dates the minutes.
    today = now.wall.astimezone().date()
    reference = agenda_reference(agenda_path, minutes_dir) if agenda_path else None
    try:
        cleanup(minutes_dir)
        stem = new_stem(minutes_dir, agenda, today)
        journal = Journal.create(
            journal_path(minutes_dir, stem), make_header(agenda, reference, now.wall)
        )
    except (JournalError, OSError) as exc:
        message = _("Could not start the meeting's journal: {reason}").format(reason=exc)
        raise StorageProblem(message) from exc
    meeting = JournalledMeeting(
        Session(agenda, journal, clock), journal, minutes_dir, stem, reference
    )
    warning = date_warning(agenda.meeting.date, today)
    if warning:
        meeting.warnings.append(warning)
    return meeting


def date_warning(planned: dt.date | None, today: dt.date) -> str | None:
    """What to tell the facilitator when the agenda is dated another day than today."""
    if planned is None or planned == today:
        return None
    return _(
        "This agenda is dated {planned}, but today is {today}. The minutes "
        "will be dated {today}, the day the meeting takes place, and keep the "
        "agenda's date beside it. Is this the right agenda?"
    ).format(planned=_day(planned), today=_day(today))


def _day(d: dt.date) -> str:
    # Our own names (the catalog's, as in the minutes), not strftime's, which follow the locale.
    from facilitator.tui.words import long_date

    return long_date(d)


def resume_meeting(
    path: Path, *, minutes_dir: Path, clock: Clock, agenda: Agenda | None = None
) -> JournalledMeeting:
    """Reopen an unfinished journal: replay it, and continue its clock.

    `agenda`, the agenda file as `run` read it, spares validating the journal's copy again
    when that copy is exactly it (`trusted_agenda`); the journal's copy is what runs.
    """
    from facilitator.core.events import events_from_records
    from facilitator.core.session import Session
    from facilitator.store.clock import SystemClock, last_instant, read_boot_id
    from facilitator.store.journal import JOURNAL_SUFFIX, Journal, JournalError
    from facilitator.store.trusted_agenda import recorded_agenda

    try:
        journal = Journal.open(path)
    except JournalError as exc:
        raise StorageProblem(str(exc)) from exc
    try:
        agenda, agenda_warnings = recorded_agenda(journal.header, path, agenda)
        events = events_from_records(journal.records)
        if isinstance(clock, SystemClock):
            clock = SystemClock.resuming(
                last_instant(journal.records), last_boot=journal.boot_id, boot_now=read_boot_id()
            )
            if clock.note:
                agenda_warnings.append(clock.note)
        session = Session(agenda, journal, clock, events)
    except JournalError as exc:
        journal.close()
        raise StorageProblem(str(exc)) from exc
    except Exception as exc:  # a damaged or hand-edited journal: a message, never a traceback
        journal.close()
        raise StorageProblem(
            _(
                "{path}: this journal cannot be replayed ({error}); "
                "was it edited by hand? `facilitator export` shows which line is wrong"
            ).format(path=path, error=f"{type(exc).__name__}: {exc}")
        ) from exc
    stem = path.name.removesuffix(JOURNAL_SUFFIX)
    from facilitator.store.private_dir import minutes_dir_for

    folder = minutes_dir_for(path.parent) if path.parent.name == ".private" else minutes_dir
    recorded = journal.header.get("agenda_path")
    reference = recorded if isinstance(recorded, str) else None
    meeting = JournalledMeeting(session, journal, folder, stem, reference)
    meeting.warnings += agenda_warnings
    return meeting


def _journals(minutes_dir: Path) -> list[Path]:
    from facilitator.store.journal import JOURNAL_SUFFIX
    from facilitator.store.private_dir import private_dir_for

    folder = private_dir_for(minutes_dir)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*{JOURNAL_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)


def _unfinished(path: Path) -> dict[str, Any] | None:
    """The header of an unfinished, readable journal; None otherwise."""
    from facilitator.store.journal import JournalError, is_finished, read_journal

    try:
        contents = read_journal(path)
    except JournalError:
        return None
    return None if is_finished(contents.records) else contents.header


def unfinished_for(agenda: Agenda, agenda_path: Path | None, minutes_dir: Path) -> list[Path]:
    """Unfinished journals of this agenda, newest first: the same agenda file (however its
    path is written), the same title and circle, or the same file stem (date, circle, title:
    the name a new meeting would get a `-2` after)."""
    from facilitator.core.agenda_rules import name_key
    from facilitator.store.journal import JOURNAL_SUFFIX
    from facilitator.store.meeting_files import agenda_reference
    from facilitator.store.minutes_paths import base_stem

    meeting_now = agenda.meeting
    out = []
    for path in _journals(minutes_dir):
        header = _unfinished(path)
        if header is None:
            continue
        raw = header.get("agenda")
        meeting = raw.get("meeting") if isinstance(raw, dict) else None
        meeting = meeting if isinstance(meeting, dict) else {}
        recorded = header.get("agenda_path")
        # Journals record the path relative to the minutes folder (older ones: as typed).
        same_file = (
            agenda_path is not None
            and isinstance(recorded, str)
            and (
                recorded == agenda_reference(agenda_path, minutes_dir)
                or _same_file(minutes_dir / recorded, agenda_path)
                or _same_file(Path(recorded), agenda_path)
            )
        )
        title, circle = meeting.get("title"), meeting.get("circle")
        same_meeting = (
            isinstance(title, str)
            and name_key(title) == name_key(meeting_now.title)
            and (circle if isinstance(circle, str) else None) == meeting_now.circle
        )
        stem = path.name.removesuffix(JOURNAL_SUFFIX)
        base = (
            base_stem(meeting_now.date, meeting_now.circle, meeting_now.title)
            if meeting_now.date is not None
            else None
        )
        same_stem = base is not None and base in (stem, _base_of(stem))
        if same_file or same_meeting or same_stem:
            out.append(path)
    return out


def _same_file(recorded: Path, given: Path) -> bool:
    """Whether two spellings of an agenda path name one file (`a.toml`, `./a.toml`, absolute)."""
    with contextlib.suppress(OSError, RuntimeError):
        if recorded.resolve() == given.resolve():
            return True
    return recorded == given


def _base_of(stem: str) -> str:
    """A stem without the `-2`, `-3` a clash added."""
    head, _dash, tail = stem.rpartition("-")
    return head if head and tail.isdigit() and len(tail) < 4 else stem


def latest_unfinished(minutes_dir: Path) -> Path | None:
    """The most recently written unfinished journal in the minutes folder."""
    return next((p for p in _journals(minutes_dir) if _unfinished(p) is not None), None)


def describe_journal(path: Path) -> str:
    """One line for the start screen: title, when it was last saved, how many events."""
    from facilitator.store.journal import JournalError, read_journal

    try:
        contents = read_journal(path)
    except JournalError as exc:
        return _("{name} (unreadable: {reason})").format(name=path.name, reason=exc)
    title = contents.header.get("agenda", {}).get("meeting", {}).get("title", path.name)
    last = (
        contents.records[-1].get("at", "")
        if contents.records
        else contents.header.get("created", "")
    )
    when = ""
    with contextlib.suppress(ValueError):
        local = dt.datetime.fromisoformat(str(last).replace("Z", "+00:00")).astimezone()
        when = f"{_day(local.date())} {local:%H:%M}"
    n = len(contents.records)
    return ngettext(
        "{title} · last saved {when} · {n} event", "{title} · last saved {when} · {n} events", n
    ).format(title=title, when=when, n=n)
