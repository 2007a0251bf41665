"""The agenda mutation campaign: seeded mutants of the sample agendas, checked, then run.

Used by tests/test_agenda_fuzz.py (a CI-sized run) and bench/agenda_fuzz.py
(the longer one). Everything is seeded with `random.Random`, so a failure names
a seed and a mutant number that reproduce it exactly.

For each mutant:
1. `load_agenda_bytes` must either load it or raise `AgendaFileError` whose
   errors all sit on lines inside the file and print on one line each;
   anything else is a traceback. A watchdog fails a mutant that takes over 5 s.
2. A sample of the mutants that load runs as a meeting on real files: a
   journal (fsynced), a scripted set of commands through the session, draft
   minutes, a "crash" (the journal closed mid-meeting), `resume_meeting`,
   more commands, the end, final minutes, then `facilitator export` to a
   folder and to stdout. Engine refusals (`DomainError`) are fine, since a
   mutant may have no participants or odd items; any other exception fails.
"""

from __future__ import annotations

import contextlib
import io
import random
import signal
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from facilitator.core import commands as C
from facilitator.core.agenda import Agenda, Role
from facilitator.core.clock import FakeClock
from facilitator.store.agenda_file import AgendaFileError, load_agenda_bytes

SAMPLES = sorted((Path(__file__).parent.parent / "agendas").glob("*.toml"))
HANG_SECONDS = 5
"""A mutant that takes longer than this to check or run counts as a hang."""

VALUES = [
    b"",
    b'"',
    b"[",
    b"{",
    b'"""',
    b"1979-13-01",
    b"0001-01-01",
    b"9999-12-31",
    b"2026-02-30",
    b"nan",
    b"inf",
    b"-1",
    b"0",
    b"1.5",
    b"99999999999999999999999",
    b"true",
    b'"x"',
    b"{a=1}",
    b"{ count = -5 }",
    b"{}",
    b'{ text = "x" }',
    b"{ numerator = 1, denominator = 0 }",
    b"[1, 2]",
    b"18:00:00",
    b'"1h30m"',
    b'"9999999h"',
    b'"-5m"',
    b'"\\u001b[2J\\u001b[31mred"',
    b'"line\\nfile.toml:1: forged"',
    b'"Jose\\u0301"',
    b'"\\uff21\\uff4e\\uff41"',
    b'"A\\u200bna"',
    b'"\\u202eevil"',
    b'"50%"',
    b'"0.001%"',
    b'"2/3"',
    b'"0/0"',
    b"\x00",
    b'"\xff"',
]
LINES = [
    b"[meeting]",
    b"[[items]]",
    b"[[participants]]",
    b"[stack]",
    b"[items]",
    b"[meeting.x]",
    b"schema = 2",
    b"tittle = 1",
    b'name = "Ana Lima"',
    b'name = "ana lima"',
    b'facilitator = "Nobody"',
    b'kind = "proposal"',
    b'kind = "round"',
    b'role = "observer"',
    b"quorum = { count = -5 }",
    b"quorum = 1000",
    b"date = 0001-01-01",
    b"start = 23:59:59",
    b"review = 9999-12-31",
    b"confidential = true",
    b"a.b.c = 1",
    b"x = { " + b".".join(b"k%d" % i for i in range(40)) + b" = 1 }",
    b"y = " + b"[" * 40 + b"]" * 40,
    b"items = []",
    b"  # comment",
    b"",
    b"\r",
]
HOSTILE_MARKS = (b"quorum = {", b"0001-01-01", b"9999-12-31", b"\\u001b", b"\\u202e", b'h"')
"""A mutant that loads with one of these in it always runs as a meeting (within the cap):
they are what once passed `check` and then broke `run`, `resume` or `export`."""
OPS = (
    "delete",
    "insert",
    "flip",
    "truncate",
    "drop_line",
    "dup_line",
    "swap_lines",
    "value",
    "new_line",
    "rename_key",
)


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to four random edits of `data`, as a careless editor or a hostile file makes."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        lines = bytes(buf).split(b"\n")
        op = rng.choice(OPS)
        at = rng.randrange(max(1, len(buf)))
        n = rng.randrange(len(lines))
        if op == "delete":
            del buf[at : at + rng.randint(1, 40)]
        elif op == "insert":
            buf[at:at] = rng.randbytes(rng.randint(1, 8))
        elif op == "flip" and buf:
            buf[at] = rng.randrange(256)
        elif op == "truncate":
            del buf[at:]
        else:
            if op == "drop_line":
                del lines[n]
            elif op == "dup_line":
                lines.insert(n, lines[n])
            elif op == "swap_lines":
                m = rng.randrange(len(lines))
                lines[n], lines[m] = lines[m], lines[n]
            elif op == "value" and b"=" in lines[n]:
                lines[n] = lines[n].split(b"=", 1)[0] + b"= " + rng.choice(VALUES)
            elif op == "new_line":
                lines.insert(n, rng.choice(LINES))
            elif op == "rename_key" and b"=" in lines[n]:
                key, rest = lines[n].split(b"=", 1)
                lines[n] = key.strip() + rng.choice([b"e", b"_", b"x", b""]) + b" =" + rest
            buf = bytearray(b"\n".join(lines))
    return bytes(buf)


def mutants(seed: int, count: int) -> Iterator[tuple[int, bytes]]:
    """`count` mutants of the samples, numbered, from `seed`."""
    rng = random.Random(seed)
    samples = [p.read_bytes() for p in SAMPLES]
    for i in range(count):
        yield i, mutate(rng, rng.choice(samples))


class Hang(Exception):
    """A mutant ran past HANG_SECONDS."""


@contextlib.contextmanager
def watchdog(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Raise `Hang` in the main thread if the block runs longer than `seconds`."""

    def fire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@dataclass
class Outcome:
    """What a campaign saw."""

    mutants: int = 0
    """Mutants checked."""
    loaded: int = 0
    """Of them, how many loaded as agendas."""
    meetings: int = 0
    """Loaded mutants run as whole meetings (journal, resume, export)."""
    commands: int = 0
    """Commands the engine accepted in those meetings."""
    refused: int = 0
    """Commands it refused with a DomainError (fine: a plain message on screen)."""
    failures: list[str] = field(default_factory=list)
    """One line per traceback, hang or broken contract, with seed and mutant number."""


def check_one(data: bytes, name: str = "m.toml") -> Agenda | None:
    """Load `data`; None when it is refused with located errors. Raises AssertionError when
    an error is outside the file or spans lines; any other exception is a traceback."""
    try:
        return load_agenda_bytes(data, name)
    except AgendaFileError as exc:
        last = max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))
        assert exc.errors, "an AgendaFileError with no errors"
        for err in exc.errors:
            assert 0 <= err.line <= last, (err, last)
            shown = str(err)
            assert "\n" not in shown and "\x1b" not in shown, shown
            assert shown.startswith(f"{name}:{err.line}: " if err.line else f"{name}: "), shown
        return None


def run_meeting(agenda: Agenda, folder: Path, outcome: Outcome) -> None:
    """The scripted meeting on real files: start, crash, resume, end, export."""
    from facilitator import cli
    from facilitator.tui import live
    from facilitator.tui.meeting import MeetingError

    clock = FakeClock(mono=1000.0)
    minutes = folder / "minutes"
    meeting = live.start_meeting(agenda, None, minutes_dir=minutes, clock=clock)
    people = [p.name for p in agenda.participants if p.role is not Role.OBSERVER]

    def do(command: Any) -> None:
        clock.advance(7)
        try:
            meeting.do(command)
        except MeetingError:
            outcome.refused += 1
        else:
            outcome.commands += 1

    def item_block(n: int) -> None:
        do(C.StartItem())
        for name in people[:3]:
            do(C.Queue(name))
        do(C.GiveFloor())
        clock.advance(45)
        do(C.EndTurn())
        do(C.AddNote(f"note {n} \x1b[2J [bold]x[/] |"))
        if people:
            do(C.AddAction("follow up", people[0], "2026-12-24"))
            do(C.LogCredit(people[-1], "drafted it"))
        do(C.RaiseConflict("who decides", tuple(people[:2]), people[0] if people else ""))
        do(C.StartRound())
        do(C.RoundNext())
        do(C.EndRound())
        do(C.RecordOutcome("adopted"))
        do(C.FinishItem())

    try:
        do(C.StartMeeting(present=tuple(people)))
        item_block(1)
    finally:
        meeting.close()  # the laptop dies here
    for warning in meeting.take_warnings():
        assert "could not be written" not in warning, warning
    resumed = live.resume_meeting(meeting.journal.path, minutes_dir=minutes, clock=clock)
    meeting = resumed
    try:
        item_block(2)
        do(C.EndMeeting())
        resumed.finish()
    finally:
        resumed.close()
    err = io.StringIO()
    out = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = cli.main(["export", str(resumed.journal.path), "-o", str(folder / "export")])
        code_stdout = cli.main(["export", str(resumed.journal.path), "--stdout"])
    assert code == 0 and code_stdout == 0, err.getvalue()
    assert "Traceback" not in err.getvalue()
    outcome.meetings += 1


def campaign(seed: int, count: int, meetings: int, every: int = 1) -> Outcome:
    """Check `count` mutants from `seed`; run up to `meetings` of those that load as
    meetings, taking every `every`-th one that loads."""
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="agenda-fuzz-") as tmp:
        for i, data in mutants(seed, count):
            outcome.mutants += 1
            where = f"seed {seed}, mutant {i}"
            try:
                with watchdog():
                    agenda = check_one(data)
            except Exception as exc:
                outcome.failures.append(f"{where}: check: {_short(exc)}")
                continue
            if agenda is None:
                continue
            outcome.loaded += 1
            hostile = any(mark in data for mark in HOSTILE_MARKS)
            if outcome.meetings >= meetings or ((outcome.loaded - 1) % every and not hostile):
                continue
            try:
                with watchdog():
                    run_meeting(agenda, Path(tmp) / f"m{i}", outcome)
            except Exception as exc:
                outcome.failures.append(f"{where}: meeting: {_short(exc)}")
    return outcome


def _short(exc: BaseException) -> str:
    tb = traceback.extract_tb(exc.__traceback__)
    at = f" at {tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else ""
    return f"{type(exc).__name__}: {str(exc)[:200]}{at}"
