"""Fixtures and the brute-force oracle for the archive tests.

The 500-file archive is generated once per session (it takes about a second)
and never modified; tests that change files work on a copy.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from facilitator.store.archive import Archive, Filters
from tests.archive_support import brute_force, write_archive

ARCHIVE_SIZE = 500
TODAY = dt.date(2026, 3, 1)

_WORD = re.compile(r"[^\W_]+")
_SESSION: dict[str, Path] = {}


@pytest.fixture(scope="session")
def archive_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A read-only (by convention) generated archive of 500 minutes plus malformed files."""
    # Test modules import this fixture, so pytest sees one per module; the cache makes
    # them share one archive per process.
    if "archive" not in _SESSION:
        folder = tmp_path_factory.mktemp("archive") / "minutes"
        write_archive(folder, ARCHIVE_SIZE)
        Archive.open(folder).close()  # built once; copies take it along (mtimes are kept)
        _SESSION["archive"] = folder
    return _SESSION["archive"]


@pytest.fixture(scope="session")
def fronts(archive_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    """Every good file's front matter, read with plain tomllib."""
    return brute_force(archive_dir)


@pytest.fixture
def archive_copy(archive_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the archive, its warm index included, that a test may change."""
    dest = tmp_path / "minutes"
    shutil.copytree(archive_dir, dest)
    return dest


def _tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


def grep_ok(query: str | None, *texts: str) -> bool:
    """The documented `--grep` rule: every query word starts some word of the texts."""
    if query is None:
        return True
    words = _tokens(query)
    tokens = [t for text in texts for t in _tokens(text)]
    return bool(words) and all(any(t.startswith(w) for t in tokens) for w in words)


def _meeting_ok(f: Filters, fm: dict[str, Any]) -> bool:
    circle = fm.get("circle", "")
    if f.circle and f.circle.casefold() not in circle.casefold():
        return False
    if f.since and fm["date"] < f.since:
        return False
    return not (f.until and fm["date"] > f.until)


def expected_decisions(
    fronts: list[tuple[str, dict[str, Any]]], f: Filters
) -> set[tuple[str, str]]:
    """(path, decision id) of every decision `f` should find, by scanning the front matter."""
    out = set()
    for path, fm in fronts:
        if not _meeting_ok(f, fm):
            continue
        for d in fm.get("decisions", []):
            if not grep_ok(f.grep, d["text"], d.get("item", "")):
                continue
            if f.outcome and d["outcome"] != f.outcome:
                continue
            if f.due_within is not None:
                review = d.get("review")
                limit = f.today + dt.timedelta(days=f.due_within)
                if d["outcome"] not in ("adopted", "adopted-with-concerns"):
                    continue
                if review is None or review > limit:
                    continue
            out.add((path, d["id"]))
    return out


def _order(pf: tuple[str, dict[str, Any]]) -> tuple[Any, ...]:
    """The documented "latest meeting" order: date, start (none first), file name, path."""
    path, fm = pf
    started = fm.get("started")
    when = started.astimezone(dt.UTC) if isinstance(started, dt.datetime) else ""
    when = when.isoformat(timespec="microseconds") if isinstance(when, dt.datetime) else ""
    return (fm["date"], when, path.rsplit("/", 1)[-1], path)


def _latest(
    fronts: list[tuple[str, dict[str, Any]]], table: str, keys: tuple[str, ...], f: Filters
) -> dict[tuple[str, ...], tuple[str, dict[str, Any], dict[str, Any]]]:
    """The latest mention of each entry across every circle, kept when a circle `f` keeps
    spoke of it (the rule in store/archive.py)."""
    latest: dict[tuple[str, ...], tuple[str, dict[str, Any], dict[str, Any]]] = {}
    circles: dict[tuple[str, ...], set[str]] = {}
    span = Filters(today=f.today, since=f.since, until=f.until)
    kept = [(p, fm) for p, fm in fronts if _meeting_ok(span, fm)]
    for path, fm in sorted(kept, key=_order):
        for row in fm.get(table, []):
            key = tuple(" ".join(row.get(k, "").split()).casefold() for k in keys)
            latest[key] = (path, fm, row)
            circles.setdefault(key, set()).add(fm.get("circle", "").casefold())
    if f.circle:
        needle = f.circle.casefold()
        latest = {k: v for k, v in latest.items() if any(needle in c for c in circles[k])}
    return latest


def expected_actions(fronts: list[tuple[str, dict[str, Any]]], f: Filters) -> set[tuple[str, ...]]:
    """(path, what, owner, status) of every action `f` should find (latest mention wins)."""
    out: set[tuple[str, ...]] = set()
    for path, _fm, row in _latest(fronts, "actions", ("what", "owner"), f).values():
        if not grep_ok(f.grep, row["what"], row.get("item", "")):
            continue
        status = row.get("status", "open")
        if f.status == "open" and status != "open":
            continue
        if f.status not in ("open", "all") and status != f.status:
            continue
        if f.owner and f.owner.casefold() not in row.get("owner", "").casefold():
            continue
        if f.due_within is not None:
            due = row.get("due")
            if due is None or due > f.today + dt.timedelta(days=f.due_within):
                continue
        out.add((path, row["what"], row["owner"], status))
    return out


def expected_conflicts(
    fronts: list[tuple[str, dict[str, Any]]], f: Filters
) -> set[tuple[str, ...]]:
    """(path, about, status) of every conflict `f` should find (latest mention wins)."""
    out: set[tuple[str, ...]] = set()
    for path, _fm, row in _latest(fronts, "conflicts", ("about",), f).values():
        texts = (row["about"], row.get("next_step", ""), row.get("item", ""))
        if not grep_ok(f.grep, *texts):
            continue
        status = row.get("status", "open")
        if f.status == "open" and status not in ("open", "in-progress"):
            continue
        if f.status not in ("open", "all") and status != f.status:
            continue
        out.add((path, row["about"], status))
    return out
