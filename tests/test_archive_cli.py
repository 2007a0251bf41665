"""The `decisions`, `actions` and `conflicts` commands: formats, filters, messages, and the fast path."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from facilitator.cli import main
from tests.archive_fixtures import TODAY, archive_dir, expected_decisions, fronts
from tests.archive_support import MALFORMED

__all__ = ["archive_dir", "fronts"]  # fixtures, imported for pytest


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_what_a_scan_finds(
    archive_dir: Path, fronts: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from facilitator.store.archive import Filters

    code, out, err = _run(capsys, "decisions", str(archive_dir), "--grep", "loan", "--json")
    assert code == 0
    rows = json.loads(out)
    want = expected_decisions(fronts, Filters(today=TODAY, grep="loan"))
    assert {(r["path"], r["id"]) for r in rows} == want
    assert set(rows[0]) >= {"date", "circle", "text", "outcome", "review", "counts"}
    # Malformed files are warned about on stderr, each with its path, never on stdout.
    for name in MALFORMED:
        assert f"{archive_dir / name}:" in err
    assert "README" not in err


def test_csv_parses_with_one_column_per_count(
    archive_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys, "decisions", str(archive_dir), "--circle", "finance", "--since", "2024", "--csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["circle"] == "Finance Circle" and r["date"] >= "2024" for r in rows)
    assert {"consent", "concern", "block", "text", "path"} <= set(rows[0])


def test_table_is_aligned_for_people(archive_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "decisions", str(archive_dir), "--grep", "roof", "--until", "2022-06"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["DATE", "CIRCLE", "OUTCOME", "METHOD", "POSITIONS", "REVIEW", "DECISION"]
    start = lines[0].index("DECISION")
    assert all(line[start - 2 : start] == "  " for line in lines[2:])
    assert all(line[:4] in ("2022", "----") for line in lines[1:])


def test_no_match_is_a_plain_line_and_exit_0(
    archive_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "decisions", str(archive_dir), "--grep", "zzzz")
    assert (code, out) == (0, "No decisions match.\n")
    code, out, _ = _run(capsys, "decisions", str(archive_dir), "--grep", "zzzz", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = _run(capsys, "conflicts", str(archive_dir), "--grep", "zzzz", "--csv")
    assert code == 0 and out.startswith("first,") and len(out.splitlines()) == 1


def test_due_and_outcome(archive_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "decisions", str(archive_dir), "--due", "--json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert all(r["outcome"] in ("adopted", "adopted-with-concerns") for r in rows)
    code, out, _ = _run(capsys, "decisions", str(archive_dir), "--outcome", "withdrawn", "--json")
    assert {r["outcome"] for r in json.loads(out)} == {"withdrawn"}


def test_actions_and_conflicts(archive_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "actions", str(archive_dir), "--json")
    open_rows = json.loads(out)
    assert code == 0 and open_rows and {r["status"] for r in open_rows} == {"open"}
    code, out, _ = _run(capsys, "actions", str(archive_dir), "--all", "--json")
    assert {r["status"] for r in json.loads(out)} == {"open", "done", "dropped"}
    code, out, _ = _run(capsys, "actions", str(archive_dir), "--owner", "ana", "--csv")
    assert all("ana" in r["owner"].lower() for r in csv.DictReader(io.StringIO(out)))
    code, out, _ = _run(capsys, "conflicts", str(archive_dir))
    assert code == 0 and out.split()[:3] == ["SINCE", "CIRCLE", "STATUS"]
    code, out, _ = _run(capsys, "conflicts", str(archive_dir), "--status", "resolved", "--json")
    assert {r["status"] for r in json.loads(out)} == {"resolved"}


def test_bad_folder_and_bad_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "decisions", str(tmp_path / "nope"))
    assert code == 1 and "no such folder" in err and "Traceback" not in err
    (tmp_path / "f.md").write_text("x")
    code, _, err = _run(capsys, "actions", str(tmp_path / "f.md"))
    assert code == 1 and "is a file" in err
    with pytest.raises(SystemExit) as exc:
        main(["decisions", str(tmp_path), "--since", "last week"])
    assert exc.value.code == 2
    assert "not a date" in capsys.readouterr().err
    code, out, _ = _run(capsys, "decisions", str(tmp_path))  # an empty folder: nothing, fine
    assert (code, out) == (0, "No decisions match.\n")


def test_the_fast_path_never_imports_textual_pydantic_or_rich(archive_dir: Path) -> None:
    code = (
        "import sys\n"
        "from facilitator.cli import main\n"
        f"rc = main(['decisions', {str(archive_dir)!r}, '--grep', 'loan', '--json'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'textual', 'pydantic', 'rich', 'pydantic_core'})\n"
        "sys.stdout.flush()\n"
        "print('HEAVY', heavy, rc, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "HEAVY [] 0" in done.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line]
    assert "facilitator.store.archive" in imported
    assert not [m for m in imported if m.split(".")[0] in {"textual", "pydantic", "rich"}]
