"""Engine benchmark (not a test): replay, durable append and the cost of one `Session.do`.

Run from the repository root::

    .venv/bin/python -m bench.engine_bench [--events 10000] [--samples 400]

Every figure is printed beside a baseline measured in the same run, with the
ratio, because this machine is shared and absolute times drift:

- replay of a long journal (read, parse, `event_from_record`, fold), against
  a bare `json.loads` of the same lines; also the fold alone. Goal < 0.3 s
  for 10,000 events.
- durable append (`Journal.append` of one event: one write and an fsync), p50
  and p99, against a bare `json.dumps` + `os.write` + `os.fsync` of the same
  record.
- durable `Session.do` (decide + append + fold) against the same baseline.
- `Session.do` with an in-memory sink at event ~10 and at event ~N, so that
  disk noise does not hide growth: the ratio must stay near 1. Undo rebuilds
  from the nearest checkpoint (every 500 events), so it is reported on its own.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from facilitator.core import commands as C
from facilitator.core.clock import FakeClock
from facilitator.core.events import event_from_record, events_from_records
from facilitator.core.fold import replay
from facilitator.core.session import MemorySink, Session
from facilitator.store.journal import FileOps, Journal, make_header, read_journal
from facilitator.store.journal_proof import proof_path
from tests.meeting_script import CREATED, endless_commands, fake_clock, scripted_agenda


def build_journal(path: Path, events: int) -> int:
    """Write a journal of at least `events` events by driving the real Session.

    fsync is skipped while building the fixture only: durability is not what
    is measured here, and 10,000 fsyncs would only slow the set-up.
    """
    agenda = scripted_agenda()
    clock = fake_clock()
    no_fsync = FileOps(fsync=lambda fd: None)
    with Journal.create(path, make_header(agenda, None, CREATED), ops=no_fsync) as journal:
        session = Session(agenda, journal, clock)
        done = 0
        for command in endless_commands():
            clock.advance(3)
            done += len(session.do(command))
            if done >= events:
                return done
    raise AssertionError("endless_commands ended")


def median_time(fn: Callable[[], object], repeat: int) -> float:
    """The median wall time of `fn` over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def percentile(values: list[float], q: float) -> float:
    """The `q` quantile (0-1) of `values`, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_replay(path: Path, repeat: int) -> tuple[float, float, float, float]:
    """(second reading, first reading, fold alone, json.loads baseline) medians for the
    journal at `path`. A second reading has the proof the first one left, so it skips the
    line hashes of the proven prefix; a first reading (no proof: a journal copied from
    another machine, or a crash before the first proof) checks every line."""
    agenda = scripted_agenda()
    events = [event_from_record(r) for r in read_journal(path).records]
    proof = proof_path(path)

    def ours() -> object:
        return replay(agenda, events_from_records(read_journal(path).records))

    def first() -> object:
        proof.unlink(missing_ok=True)
        return ours()

    def baseline() -> object:
        return [json.loads(line) for line in path.read_bytes().splitlines()]

    fold = median_time(lambda: replay(agenda, events), repeat)
    # Interleaved, so that a loaded machine slows both alike.
    mine: list[float] = []
    cold: list[float] = []
    base: list[float] = []
    for _ in range(repeat):
        cold.append(median_time(first, 1))  # leaves the proof the next one reads through
        mine.append(median_time(ours, 1))
        base.append(median_time(baseline, 1))
    return (
        statistics.median(mine),
        statistics.median(cold),
        fold,
        statistics.median(base),
    )


def bare_append(fd: int, record: dict[str, Any]) -> None:
    """The baseline: what any durable JSON Lines log must do at least."""
    os.write(fd, (json.dumps(record, separators=(",", ":")) + "\n").encode())
    os.fsync(fd)


def bench_append(workdir: Path, samples: int) -> tuple[list[float], list[float]]:
    """Alternate one `Journal.append` and one bare append of the same record."""
    agenda = scripted_agenda()
    session = Session(agenda, MemorySink(), fake_clock())
    session.do(C.StartMeeting(()))
    record = {**session.state.events[0].data, "type": "MeetingStarted", "seq": 1, "cmd": 1}
    ours: list[float] = []
    bare: list[float] = []
    raw_fd = os.open(workdir / "bare.jsonl", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    path = workdir / ".private" / "append.journal.jsonl"
    with Journal.create(path, make_header(agenda, None, CREATED)) as journal:
        for _ in range(samples):
            start = time.perf_counter()
            journal.append([record])
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            bare_append(raw_fd, record)
            bare.append(time.perf_counter() - start)
    os.close(raw_fd)
    return ours, bare


def bench_durable_do(workdir: Path, samples: int) -> tuple[list[float], list[float]]:
    """`Session.do` on a real journal (fsync and all), alternated with a bare append."""
    agenda = scripted_agenda()
    clock = fake_clock()
    commands = endless_commands()
    ours: list[float] = []
    bare: list[float] = []
    raw_fd = os.open(workdir / "bare-do.jsonl", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    path = workdir / ".private" / "durable.journal.jsonl"
    with Journal.create(path, make_header(agenda, None, CREATED)) as journal:
        session = Session(agenda, journal, clock)
        for _ in range(samples):
            clock.advance(3)
            command = next(commands)
            start = time.perf_counter()
            events = session.do(command)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            bare_append(raw_fd, dict(events[-1].data))
            bare.append(time.perf_counter() - start)
    os.close(raw_fd)
    return ours, bare


def _timed(
    session: Session, clock: FakeClock, commands: Iterator[Any], n: int
) -> tuple[list[float], list[float]]:
    """Times of `n` commands: (every command but Undo, Undo)."""
    plain: list[float] = []
    undo: list[float] = []
    for _ in range(n):
        clock.advance(3)
        command = next(commands)
        start = time.perf_counter()
        session.do(command)
        (undo if isinstance(command, C.Undo) else plain).append(time.perf_counter() - start)
    return plain, undo


def bench_do(events: int, samples: int) -> dict[str, Any]:
    """`Session.do` (memory sink) just after the start and after `events` events."""
    agenda = scripted_agenda()
    clock = fake_clock()
    session = Session(agenda, MemorySink(), clock)
    commands = endless_commands()
    _timed(session, clock, commands, 10)
    early, early_undo = _timed(session, clock, commands, samples)
    while len(session.state.events) < events:
        clock.advance(3)
        session.do(next(commands))
    at = len(session.state.events)
    late, late_undo = _timed(session, clock, commands, samples)
    return {
        "early": statistics.median(early),
        "late": statistics.median(late),
        "early_p99": percentile(early, 0.99),
        "late_p99": percentile(late, 0.99),
        "early_undo": statistics.median(early_undo),
        "late_undo": statistics.median(late_undo),
        "at": at,
    }


def bench_undo_pair(events: int, samples: int) -> tuple[list[float], list[float]]:
    """Two undos in a row, no idle moment between, after an idle `prepare_undo`, at ~`events`.

    Each sample: three notes, an idle moment, then Undo and Undo timed one by one (the
    second is what a facilitator hits when the first slip was two commands back).
    """
    from facilitator.core.fold import prepare_undo

    agenda = scripted_agenda()
    clock = fake_clock()
    session = Session(agenda, MemorySink(), clock)
    commands = endless_commands()
    while len(session.state.events) < events:
        clock.advance(3)
        session.do(next(commands))
    first: list[float] = []
    second: list[float] = []
    for n in range(samples):
        for k in range(3):
            clock.advance(3)
            session.do(C.AddNote(f"bench note {n}.{k}"))
        prepare_undo(session.state)
        for times in (first, second):
            start = time.perf_counter()
            session.do(C.Undo())
            times.append(time.perf_counter() - start)
    return first, second


def ms(seconds: float) -> str:
    """Seconds as milliseconds, aligned."""
    return f"{seconds * 1e3:8.3f} ms"


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--samples", type=int, default=400)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="engine-bench-") as tmp:
        workdir = Path(tmp)
        path = workdir / ".private" / "long.journal.jsonl"
        n = build_journal(path, args.events)
        ours, cold, fold, base = bench_replay(path, args.repeat)
        print(f"replay of a {n}-event journal, median of {args.repeat}:")
        print(
            f"  read + parse + fold {ms(ours)}   goal < 300 ms: {'met' if ours < 0.3 else 'MISSED'}"
            "  (second reading: through the proof)"
        )
        print(f"  first reading       {ms(cold)}   (no proof yet: every line's hash checked)")
        print(f"  fold alone          {ms(fold)}")
        print(f"  json.loads baseline {ms(base)}")
        print(f"  ratio second reading {ours / base:5.2f}x   first reading {cold / base:5.2f}x")
        app, bare = bench_append(workdir, args.samples)
        print(f"durable append of one event, {args.samples} samples:")
        print(
            f"  Journal.append      p50 {ms(statistics.median(app))}  p99 {ms(percentile(app, 0.99))}"
        )
        print(
            f"  bare write + fsync  p50 {ms(statistics.median(bare))}  p99 {ms(percentile(bare, 0.99))}"
        )
        print(f"  ratio p50 {statistics.median(app) / statistics.median(bare):5.2f}x")
        do, bare = bench_durable_do(workdir, args.samples)
        print(f"durable Session.do (decide + journal + fold), {args.samples} samples:")
        print(
            f"  Session.do          p50 {ms(statistics.median(do))}  p99 {ms(percentile(do, 0.99))}"
        )
        print(f"  bare write + fsync  p50 {ms(statistics.median(bare))}")
        print(f"  ratio p50 {statistics.median(do) / statistics.median(bare):5.2f}x")
        r = bench_do(args.events, args.samples)
        print(f"Session.do with a memory sink, {args.samples} commands each:")
        print(f"  at event ~10        p50 {ms(r['early'])}  p99 {ms(r['early_p99'])}")
        print(f"  at event ~{r['at']:<6}    p50 {ms(r['late'])}  p99 {ms(r['late_p99'])}")
        print(f"  ratio late/early p50 {r['late'] / r['early']:5.2f}x (must not grow)")
        print(f"  Undo at ~10         p50 {ms(r['early_undo'])}")
        print(
            f"  Undo at ~{r['at']:<6}     p50 {ms(r['late_undo'])}  (refolds from the nearest checkpoint)"
        )
        one, two = bench_undo_pair(args.events, min(args.samples, 60))
        print(f"two undos in a row after an idle moment, at ~{args.events} events:")
        print(
            f"  first undo          p50 {ms(statistics.median(one))}  p99 {ms(percentile(one, 0.99))}"
        )
        print(
            f"  second undo         p50 {ms(statistics.median(two))}  p99 {ms(percentile(two, 0.99))}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
