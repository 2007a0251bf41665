"""The archive index over a generated 500-meeting archive: equal to a brute-force scan, incremental, self-healing."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from facilitator.store import archive_read
from facilitator.store.archive import COUNT_KEYS, TABLE_KEYS, Archive, Filters, fts_query
from facilitator.store.archive_index import INDEX_DIR_NAME, SCHEMA_VERSION, is_minutes_name
from tests.archive_fixtures import (
    ARCHIVE_SIZE,
    TODAY,
    archive_copy,
    archive_dir,
    expected_actions,
    expected_conflicts,
    expected_decisions,
    fronts,
)
from tests.archive_support import CIRCLES, GREP_WORDS, MALFORMED, random_doc, write_doc

__all__ = ["archive_copy", "archive_dir", "fronts"]  # fixtures, imported for pytest

Fronts = list[tuple[str, dict[str, Any]]]

DECISION_FILTERS = [
    Filters(today=TODAY),
    *(Filters(today=TODAY, grep=w) for w in GREP_WORDS),
    Filters(today=TODAY, circle="circle"),
    Filters(today=TODAY, circle="CAFÉ"),
    Filters(today=TODAY, since=dt.date(2024, 1, 1)),
    Filters(today=TODAY, until=dt.date(2023, 6, 30)),
    Filters(today=TODAY, since=dt.date(2023, 1, 1), until=dt.date(2023, 12, 31), grep="roof"),
    *(Filters(today=TODAY, outcome=o) for o in ("adopted", "deferred", "not-adopted")),
    Filters(today=TODAY, due_within=0),
    Filters(today=TODAY, due_within=90, circle="finance"),
    Filters(today=TODAY, grep="loan", outcome="adopted", circle="general"),
]


def _dump(f: Filters) -> str:
    return ", ".join(f"{k}={v}" for k, v in f._asdict().items() if v not in (None, "open", TODAY))


@pytest.fixture(scope="module")
def opened(archive_dir: Path) -> Archive:
    return Archive.open(archive_dir)


def test_every_good_file_is_indexed_and_every_malformed_one_reported(
    opened: Archive, fronts: Fronts
) -> None:
    assert len(fronts) == ARCHIVE_SIZE
    assert len(opened.meetings()) == ARCHIVE_SIZE
    problems = {p.path: p.reason for p in opened.report.problems}
    assert set(problems) == set(MALFORMED)  # README.md is not minutes: never reported
    assert "not valid TOML" in problems["2026-01-01-bad-toml.md"]
    assert "no front matter" in problems["2026-01-02-no-front-matter.md"]
    assert "date should be a date" in problems["2026-01-03-wrong-types.md"]
    assert "decisions[1].review" in problems["2026-01-04-wrong-row-type.md"]
    assert "not a text file" in problems["2026-01-05-binary.md"]
    assert "format 9" in problems["2026-01-07-newer-schema.md"]


@pytest.mark.parametrize("f", DECISION_FILTERS, ids=_dump)
def test_decisions_equal_a_brute_force_scan(opened: Archive, fronts: Fronts, f: Filters) -> None:
    got = [(h.path, h.id) for h in opened.decisions(f)]
    assert len(got) == len(set(got))
    assert set(got) == expected_decisions(fronts, f)


def test_the_filters_are_not_vacuous(opened: Archive, fronts: Fronts) -> None:
    # Guards the comparison above: each kind of filter keeps some rows and drops others.
    everything = len(expected_decisions(fronts, Filters(today=TODAY)))
    for f in DECISION_FILTERS[1:]:
        if f.grep == "nosuchword":
            assert expected_decisions(fronts, f) == set()
        else:
            assert 0 < len(expected_decisions(fronts, f)) < everything, _dump(f)


@pytest.mark.parametrize(
    "f",
    [
        Filters(today=TODAY),
        Filters(today=TODAY, status="all"),
        Filters(today=TODAY, status="done"),
        Filters(today=TODAY, grep="roof"),
        Filters(today=TODAY, circle="union", since=dt.date(2025, 1, 1)),
        Filters(today=TODAY, owner="ana"),
        Filters(today=TODAY, due_within=10),
    ],
    ids=_dump,
)
def test_actions_equal_a_brute_force_scan(opened: Archive, fronts: Fronts, f: Filters) -> None:
    got = {(h.path, h.what, h.owner, h.status) for h in opened.actions(f)}
    want = expected_actions(fronts, f)
    assert got == want
    assert want or f.due_within is not None


@pytest.mark.parametrize(
    "f",
    [
        Filters(today=TODAY),
        Filters(today=TODAY, status="all"),
        Filters(today=TODAY, status="resolved"),
        Filters(today=TODAY, grep="dispute garden"),
        Filters(today=TODAY, circle="food", until=dt.date(2025, 6, 1)),
    ],
    ids=_dump,
)
def test_conflicts_equal_a_brute_force_scan(opened: Archive, fronts: Fronts, f: Filters) -> None:
    got = {(h.path, h.about, h.status) for h in opened.conflicts(f)}
    assert got == expected_conflicts(fronts, f)
    assert got


def test_hits_carry_the_front_matter_values(opened: Archive, fronts: Fronts) -> None:
    by_path = dict(fronts)
    for h in opened.decisions(Filters(today=TODAY, grep="budget"))[:50]:
        fm = by_path[h.path]
        row = next(d for d in fm["decisions"] if d["id"] == h.id)
        assert (h.date, h.circle, h.meeting) == (fm["date"], fm["circle"], fm["title"])
        assert (h.text, h.item, h.outcome, h.review) == (
            row["text"],
            row["item"],
            row["outcome"],
            row.get("review"),
        )
        assert h.counts == {k: row[k] for k in COUNT_KEYS}
    assert COUNT_KEYS == archive_read.COUNT_KEYS


def test_confidential_parts_never_reach_the_index(opened: Archive) -> None:
    # The generator marks ~8% of items confidential; their placeholder line is all that's shared.
    texts = [h.item for h in opened.decisions(Filters(today=TODAY))]
    assert all("Confidential" not in t for t in texts)
    assert "Confidential" not in " ".join(c.about for c in opened.conflicts(Filters(today=TODAY)))


def test_talk_time_and_circles(opened: Archive, fronts: Fronts) -> None:
    talk = opened.talk()
    assert len(talk) == sum(len(fm.get("talk_time", [])) for _, fm in fronts)
    assert sum(t.seconds for t in talk) == sum(
        r["seconds"] for _, fm in fronts for r in fm.get("talk_time", [])
    )
    assert set(opened.circles()) == set(CIRCLES)


def test_fts_query_quotes_operators_and_drops_punctuation() -> None:
    assert fts_query('loan AND "fund" NEAR*') == '"loan"* "AND"* "fund"* "NEAR"*'
    assert fts_query("!!! ...") is None


def test_only_shared_minutes_names_are_read() -> None:
    assert is_minutes_name("2026-11-24-general-circle-november.md")
    assert not is_minutes_name("2026-11-24-general-circle-november.private.md")
    assert not is_minutes_name("README.md")
    assert not is_minutes_name("2026-11-24-x.journal.jsonl")


def test_private_folder_and_private_records_are_never_read(archive_copy: Path) -> None:
    secret = random_doc(random.Random(1), 9999)
    private = archive_copy / ".private"
    private.mkdir()
    stray = write_doc(private, secret)
    (archive_copy / "2026-02-02-x.private.md").write_text(stray.read_text())
    with Archive.open(archive_copy) as a:
        assert not any(".private" in m.path for m in a.meetings())
        assert len(a.meetings()) == ARCHIVE_SIZE


def test_a_second_open_reads_nothing_and_one_new_file_reads_one(archive_copy: Path) -> None:
    shutil.rmtree(archive_copy / INDEX_DIR_NAME)
    with Archive.open(archive_copy) as a:
        assert len(a.report.reindexed) == ARCHIVE_SIZE + len(MALFORMED)
        assert a.report.rebuilt == "no index yet"
    assert (archive_copy / INDEX_DIR_NAME / ".gitignore").read_text().splitlines()[-1] == "*"
    with Archive.open(archive_copy) as a:
        assert a.report.reindexed == [] and a.report.rebuilt is None
        assert len(a.report.problems) == len(MALFORMED)  # still reported, without re-reading
    new = write_doc(archive_copy, random_doc(random.Random(5), 10_000))
    with Archive.open(archive_copy) as a:
        assert a.report.reindexed == [new.name]
        assert len(a.meetings()) == ARCHIVE_SIZE + 1


def test_a_changed_file_is_reread_and_a_deleted_one_dropped(
    archive_copy: Path,
) -> None:
    with Archive.open(archive_copy) as a:
        before = a.decisions(Filters(today=TODAY))
    victim = next(h.path for h in before)
    changed = sorted(p for p in archive_copy.glob("2024-*.md"))[0]
    text = changed.read_text()
    changed.write_text(text.replace("[[decisions]]", "[[decisions]]", 1) + "\nAn edit.\n")
    (archive_copy / victim).unlink()
    with Archive.open(archive_copy) as a:
        assert a.report.reindexed == [changed.name]
        assert a.report.removed == [victim]
        after = a.decisions(Filters(today=TODAY))
    assert not any(h.path == victim for h in after)
    assert len(after) == len(before) - sum(h.path == victim for h in before)
    # A file turning malformed is reported, and its old rows go.
    changed.write_text("+++\nnot toml at all\n+++\n")
    with Archive.open(archive_copy) as a:
        assert changed.name in {p.path for p in a.report.problems}
        assert not any(m.path == changed.name for m in a.meetings())


def test_a_corrupt_index_is_rebuilt(archive_copy: Path, fronts: Fronts) -> None:
    with Archive.open(archive_copy) as a:
        db = a.location.path
    assert db is not None
    db.write_bytes(os.urandom(4096))
    with Archive.open(archive_copy) as a:
        assert a.report.rebuilt is not None and "unreadable" in a.report.rebuilt
        got = {(h.path, h.id) for h in a.decisions(Filters(today=TODAY, grep="loan"))}
    assert got == expected_decisions(fronts, Filters(today=TODAY, grep="loan"))


def test_a_truncated_index_is_rebuilt(archive_copy: Path) -> None:
    with Archive.open(archive_copy) as a:
        db = a.location.path
    assert db is not None
    data = db.read_bytes()
    db.write_bytes(data[:100] + b"\x00" * 5000 + data[5100 : len(data) // 2])
    with Archive.open(archive_copy) as a:
        assert len(a.meetings()) == ARCHIVE_SIZE


def test_an_index_of_an_older_schema_is_rebuilt(archive_copy: Path) -> None:
    with Archive.open(archive_copy) as a:
        db = a.location.path
    assert db is not None
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.execute("DELETE FROM decisions")  # an old index's content must not survive
    conn.commit()
    conn.close()
    with Archive.open(archive_copy) as a:
        assert a.report.rebuilt == f"index schema {SCHEMA_VERSION - 1}, expected {SCHEMA_VERSION}"
        assert len(a.report.reindexed) == ARCHIVE_SIZE + len(MALFORMED)
        assert a.decisions(Filters(today=TODAY))


def test_a_read_only_folder_keeps_its_index_elsewhere(tmp_path: Path, monkeypatch: Any) -> None:
    from facilitator.store import archive_index

    folder = tmp_path / "ro"
    folder.mkdir()
    write_doc(folder, random_doc(random.Random(3), 1))
    monkeypatch.setattr(archive_index, "_ignored_dir", lambda _f: None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with Archive.open(folder) as a:
        assert a.location.path is not None and str(tmp_path / "cache") in str(a.location.path)
        assert a.location.note and "read-only" in a.location.note
        assert len(a.meetings()) == 1
    assert not (folder / INDEX_DIR_NAME).exists()


def _table_of(hits: list[Any]) -> list[dict[str, Any]]:
    return [{k: h.as_dict()[k] for k in TABLE_KEYS} for h in hits]


@pytest.mark.parametrize("f", DECISION_FILTERS, ids=_dump)
def test_the_table_rows_are_the_hits_columns(opened: Archive, f: Filters) -> None:
    # `decision_table` fetches only what a table shows, without building hits: it must
    # give exactly what the hits do, in their order.
    assert opened.decision_table(f) == _table_of(opened.decisions(f))


def test_the_table_rows_keep_methods_and_positions(tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    golden = Path(__file__).parent / "golden" / "every-method.md"
    for i in range(3):  # the same positions in three files: decoded once, equal in each
        shutil.copy(golden, folder / f"2026-0{i + 1}-01-board-every-method.md")
    rng = random.Random(4)
    for i in range(5):
        write_doc(folder, random_doc(rng, i))
    with Archive.open(folder) as a:
        everything = Filters(today=TODAY)
        rows = a.decision_table(everything)
        assert rows == _table_of(a.decisions(everything))
        assert {r["method"] for r in rows} > {"consent"}
        assert any(r["positions"] for r in rows)
