"""The kill -9 harness: a child drives the scripted meeting; the parent kills and resumes it.

The child is a real separate process (`os.fork` of an interpreter that has
already imported the engine, so a kill costs milliseconds instead of a Python
start-up). It opens or resumes the journal exactly as the app does, then runs
the rest of the script through the real `Session` and `Journal`, writing
`ack <seq>` to a pipe after each `do` returns. The parent SIGKILLs it at random
points, drains every ack the child managed to write, checks the journal on
disk, and starts the next child to resume. `tests/test_durability_kill.py`
runs 120 kills; `bench/kill_harness.py` runs hundreds and prints the figures.
"""

from __future__ import annotations

import os
import random
import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.core.agenda import Agenda
from facilitator.core.events import event_from_record
from facilitator.core.session import Session
from facilitator.store.clock import SystemClock, last_instant
from facilitator.store.journal import Journal, JournalError, make_header, read_journal
from tests.meeting_script import CREATED, commands_done, scripted_agenda, scripted_commands


def open_meeting(path: Path) -> tuple[Session, Journal, int]:
    """Start the scripted meeting's journal, or resume it; also how many steps are done."""
    if not path.exists():
        agenda = scripted_agenda()
        journal = Journal.create(path, make_header(agenda, None, CREATED))
        return Session(agenda, journal, SystemClock()), journal, 0
    journal = Journal.open(path)
    agenda = Agenda.model_validate(journal.header["agenda"])
    history = [event_from_record(r) for r in journal.records]
    clock = SystemClock.resuming(last_instant(journal.records))
    session = Session(agenda, journal, clock, history=history)
    return session, journal, commands_done(journal.records)


def child_main(path: Path, out_fd: int) -> int:
    """Run in the forked child: resume or start, then play the rest of the script."""
    try:
        session, _journal, done = open_meeting(path)
        os.write(out_fd, f"resumed {done}\n".encode())
        for command in scripted_commands()[done:]:
            events = session.do(command)
            os.write(out_fd, f"ack {events[-1].seq}\n".encode())
        os.write(out_fd, b"done\n")
        return 0
    except BaseException:
        os.write(out_fd, ("error " + traceback.format_exc().replace("\n", " | ") + "\n").encode())
        return 1


@dataclass
class KillReport:
    """What a kill campaign found."""

    kills: int = 0
    """SIGKILLs delivered to a running child."""
    acknowledged: int = 0
    """Events acknowledged (their `do` returned) before the kills, over all meetings."""
    lost: int = 0
    """Acknowledged events missing from the journal afterwards (must be 0)."""
    unreadable: int = 0
    """Times the journal could not be read after a kill (must be 0)."""
    resumes: int = 0
    """Children started on an existing journal."""
    resumes_ok: int = 0
    """Of those, how many opened and replayed it and carried on."""
    final_events: int = 0
    """Events in the finished journals (more than acknowledged when a kill fell between
    an fsync and its acknowledgement: durable, but never confirmed)."""
    late_kills: int = 0
    """Kills that landed after the child had finished the script (no resume needed)."""
    errors: list[str] = field(default_factory=list)
    """Anything a child reported going wrong."""
    journals: list[Path] = field(default_factory=list)
    """The finished meetings' journals."""


def campaign(workdir: Path, kills: int, seed: int, *, max_delay: float = 0.0) -> KillReport:
    """Kill scripted meetings `kills` times at random points; let each resume and finish.

    Each child is killed after a random number (0-12) of acks the parent has
    read, plus, when `max_delay` > 0, a random extra wait (bench only), so
    kills land at every point of a `do`: mid-write, mid-fsync, mid-fold. A
    meeting that finishes before all kills are spent is followed by another.
    """
    rng = random.Random(seed)
    report = KillReport()
    meeting = 0
    while report.kills < kills or meeting == 0:
        meeting += 1
        path = workdir / ".private" / f"killed-{meeting}.journal.jsonl"
        if not _one_meeting(path, kills, rng, max_delay, report):
            break
        report.journals.append(path)
    return report


def _one_meeting(
    path: Path, kills: int, rng: random.Random, max_delay: float, report: KillReport
) -> bool:
    """Run one scripted meeting to its end through kills; False if something broke."""
    acked = 0  # the highest acknowledged seq: every event up to it was acknowledged
    for _attempt in range(10 * kills + 50):
        existed = path.exists()
        kill_after = rng.randint(0, 12) if report.kills < kills else None
        lines, killed = _run_child(path, kill_after, rng.uniform(0, max_delay))
        report.resumes += existed
        for line in lines:
            if line.startswith("ack "):
                acked = max(acked, int(line.split()[1]))
            elif line.startswith("resumed "):
                report.resumes_ok += existed
            elif line.startswith("error "):
                report.errors.append(line)
        report.kills += killed
        report.late_kills += killed and "done" in lines
        try:
            seqs = [r["seq"] for r in read_journal(path).records] if path.exists() else []
        except JournalError as e:
            report.unreadable += 1
            report.errors.append(str(e))
            return False
        if seqs != list(range(1, len(seqs) + 1)):
            report.errors.append(f"{path.name}: seqs are not 1..n")
        report.lost += max(0, acked - len(seqs))
        if "done" in lines:
            report.acknowledged += acked
            report.final_events += len(seqs)
            return True
        if not killed:
            report.errors.append(f"{path.name}: child stopped without finishing: {lines[-2:]}")
            return False
    report.errors.append(f"{path.name}: gave up, the meeting never finished")
    return False


def _run_child(path: Path, kill_after: int | None, delay: float) -> tuple[list[str], bool]:
    """Fork a child on `path`; kill it after `kill_after` acks; return its lines and if killed."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into the parent's code (pytest)
        status = 1
        try:
            os.close(read_fd)
            status = child_main(path, write_fd)
        finally:
            os._exit(status)
    os.close(write_fd)
    killed = False
    buffer = b""
    acks = 0
    with os.fdopen(read_fd, "rb", buffering=0) as pipe:
        while True:
            chunk = pipe.read(4096)
            if not chunk:
                break
            buffer += chunk
            acks = buffer.count(b"\nack ") + buffer.startswith(b"ack ")
            finished = b"\ndone\n" in buffer  # nothing left to interrupt
            if kill_after is not None and not killed and not finished and acks >= kill_after:
                if delay:
                    time.sleep(delay)  # bench only: land the kill at an arbitrary instant
                os.kill(pid, signal.SIGKILL)
                killed = True
        # The loop drained the pipe to EOF: every ack the child wrote before dying is in.
    _, status = os.waitpid(pid, 0)
    killed = killed and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    complete = buffer.split(b"\n")[:-1]  # a cut-off last line was never fully written
    return [line.decode() for line in complete], killed
