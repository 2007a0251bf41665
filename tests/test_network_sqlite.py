"""`facilitator decisions --sqlite FILE`: a clean register database with full-text search."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from facilitator.cli import main
from tests.archive_support import write_archive


def test_sqlite_register_holds_the_decisions_with_full_text_search(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "network"
    write_archive(repo / "general-circle", 20, seed=3, malformed=False)
    write_archive(repo / "finance-circle", 20, seed=4, malformed=False)
    assert main(["decisions", str(repo), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) > 10
    db = tmp_path / "register.db"
    assert main(["decisions", str(repo), "--sqlite", str(db)]) == 0
    assert f"{len(rows)} decisions written" in capsys.readouterr().out
    con = sqlite3.connect(db)
    got = con.execute("SELECT path, id, text, circle, outcome, consent FROM decisions").fetchall()
    want = [
        (r["path"], r["id"], r["text"], r["circle"], r["outcome"], r["counts"].get("consent", 0))
        for r in rows
    ]
    assert sorted(got) == sorted(want)
    # No cache bookkeeping: only the register and its full-text index.
    tables = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "decisions" in tables and all(t.startswith("decisions") for t in tables)
    word = rows[0]["text"].split()[2].strip(".")
    hits = con.execute(
        "SELECT d.id FROM decisions_fts JOIN decisions d ON d.rowid = decisions_fts.rowid"
        " WHERE decisions_fts MATCH ?",
        (f'"{word}"',),
    ).fetchall()
    assert rows[0]["id"] in {h for (h,) in hits}
    assert all(
        word.casefold() in t.casefold()
        for (t,) in con.execute(
            "SELECT text || ' ' || item || ' ' || meeting || ' ' || circle FROM decisions"
            " WHERE rowid IN (SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ?)",
            (f'"{word}"',),
        )
    )
    con.close()
    assert not list(tmp_path.glob(".register.db.tmp"))


def test_sqlite_unwritable_place_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_archive(tmp_path / "m", 3, malformed=False)
    assert main(["decisions", str(tmp_path / "m"), "--sqlite", str(tmp_path / "no" / "r.db")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_register_reads_every_circle_folder_and_filters_by_circle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "network"
    write_archive(repo / "general-circle", 15, seed=5, malformed=False)
    write_archive(repo / "finance-circle", 15, seed=6, malformed=False)
    for command in ("decisions", "actions", "conflicts"):
        assert main([command, str(repo), "--json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        assert {r["path"].split("/")[0] for r in rows} == {"general-circle", "finance-circle"}
        assert all(r["circle"] for r in rows)
        circle = rows[0]["circle"]
        assert main([command, str(repo), "--json", "--circle", circle]) == 0
        only = json.loads(capsys.readouterr().out)
        if command == "decisions":
            assert only and {r["circle"] for r in only} == {circle}
            assert len(only) == sum(r["circle"] == circle for r in rows)
        else:
            # Actions and conflicts are the network's: kept when the circle spoke of them,
            # named by the circle whose meeting last did (store/archive.py).
            assert only and all(circle in r["circles"] for r in only)
            assert len(only) == sum(circle in r["circles"] for r in rows)
