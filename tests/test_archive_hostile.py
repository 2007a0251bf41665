"""The archive under hostile and unlucky inputs (issue 10): links, nesting, huge files, escapes.

Each test here failed before the change it covers; the comment on each says how.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.store import archive_read
from facilitator.store.archive import Archive, Filters
from tests.archive_support import brute_force_tree, random_doc, write_doc

TODAY = dt.date(2026, 12, 1)
ROOT = Path(__file__).resolve().parent.parent

DEEP = b'+++\nschema = 1\ntitle = "Deep"\ndate = 2026-01-09\nx = ' + b"[" * 3000 + b"]" * 3000
DEEP += b"\n+++\n"
"""About 6 KB of nested arrays: tomllib recurses once per level."""


def _folder(tmp_path: Path, n: int = 6, seed: int = 3) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    rng = random.Random(seed)
    for i in range(n):
        write_doc(folder, random_doc(rng, i))
    return folder


def _decision_keys(folder: Path) -> list[tuple[str, str]]:
    with Archive.open(folder) as a:
        return sorted((h.path, h.id) for h in a.decisions(Filters(today=TODAY)))


def _expected(folder: Path) -> list[tuple[str, str]]:
    return sorted(
        (p, d["id"]) for p, fm in brute_force_tree(folder) for d in fm.get("decisions", [])
    )


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---- 1. symbolic links ------------------------------------------------------------------


def test_a_symlink_loop_lists_each_decision_once(tmp_path: Path) -> None:
    # Before: `ln -s . loop` listed every decision 41 times (once per level until ELOOP).
    folder = _folder(tmp_path)
    os.symlink(".", folder / "loop")
    got = _decision_keys(folder)
    assert got and len(got) == len(set(got))
    assert got == _expected(folder)


def test_two_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    # Before: two loops grew the walk exponentially; the command never finished.
    folder = _folder(tmp_path)
    (folder / "2025").mkdir()
    write_doc(folder / "2025", random_doc(random.Random(9), 99))
    os.symlink(".", folder / "loop")
    os.symlink("..", folder / "2025" / "up")
    code = (
        "import sys; from facilitator.cli import main; "
        f"sys.exit(main(['decisions', {str(folder)!r}, '--json']))"
    )
    # The timeout only guards against the old hang; nothing here measures time.
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert sorted((r["path"], r["id"]) for r in json.loads(done.stdout)) == _expected(folder)
    assert f"{folder / 'loop'}: is a symbolic link; not followed" in done.stderr


def test_links_out_of_the_folder_and_to_files_are_not_followed(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    secret = write_doc(outside, random_doc(random.Random(5), 500))
    os.symlink(outside, folder / "other-circle")
    os.symlink(secret, folder / secret.name)
    inside = sorted(folder.glob("*.md"))[0]
    os.symlink(inside.name, folder / ("2020-01-01-alias.md"))
    with Archive.open(folder) as a:
        paths = {m.path for m in a.meetings()}
        noted = {p.path for p in a.report.skipped}
    assert paths == {p.name for p in folder.glob("*.md") if not p.is_symlink()}
    assert {"other-circle", secret.name, "2020-01-01-alias.md"} <= noted


def test_a_hard_linked_file_is_read_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = sorted(folder.glob("*.md"))[0]
    (folder / "copies").mkdir()
    os.link(first, folder / "copies" / first.name)
    got = _decision_keys(folder)
    assert got == _expected(folder) and len(got) == len(set(got))
    assert not any(p.startswith("copies/") for p, _ in got)


# ---- 2. deeply nested TOML ----------------------------------------------------------------


def test_deeply_nested_toml_is_a_skipped_file_and_the_index_recovers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: RecursionError out of every `decisions` run, and of every later one.
    folder = _folder(tmp_path)
    (folder / "2026-01-09-deep.md").write_bytes(DEEP)
    for _ in range(2):
        code, out, err = _run(capsys, "decisions", str(folder), "--json")
        assert code == 0
        assert f"warning: {folder / '2026-01-09-deep.md'}: " in err
        assert "nested too deeply" in err
        assert sorted((r["path"], r["id"]) for r in json.loads(out)) == _expected(folder)
    for command in ("actions", "conflicts"):
        code, _, err = _run(capsys, command, str(folder))
        assert code == 0 and "nested too deeply" in err


def test_next_with_a_deeply_nested_file_in_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    (folder / "2026-01-09-deep.md").write_bytes(DEEP)
    monkeypatch.chdir(tmp_path)
    minutes = sorted(folder.glob("2*.md"))[-1]
    code, _, err = _run(capsys, "next", str(folder / "2026-01-09-deep.md"))
    assert code == 1 and "nested too deeply" in err
    if minutes.name == "2026-01-09-deep.md":
        minutes = sorted(folder.glob("2*.md"))[0]
    code, _, err = _run(capsys, "next", str(minutes), "-o", str(tmp_path / "next.toml"))
    assert code == 0, err
    assert "nested too deeply" in err


# ---- 13. bounded reads -------------------------------------------------------------------


def test_a_one_gigabyte_minutes_file_is_read_with_a_bound(tmp_path: Path) -> None:
    # Before: the whole file was read; under a 600 MB address-space limit that failed.
    folder = _folder(tmp_path, n=2)
    big = write_doc(folder, random_doc(random.Random(11), 77))
    with big.open("r+b") as f:
        f.truncate(1 << 30)  # sparse: a gigabyte of body after the front matter
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (600 << 20, 600 << 20))\n"
        "from facilitator.cli import main\n"
        f"sys.exit(main(['decisions', {str(folder)!r}, '--json']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted((r["path"], r["id"]) for r in json.loads(done.stdout)) == _expected(folder)


def test_the_front_matter_read_stops_at_its_closing_line() -> None:
    class Counting(io.BytesIO):
        read_bytes = 0

        def read(self, n: int | None = -1) -> bytes:
            data = super().read(n)
            self.read_bytes += len(data)
            return data

    body = b"x" * (20 * archive_read._CHUNK)
    f = Counting(b'+++\ntitle = "t"\n+++\n' + body)
    assert archive_read._read_front(f).startswith(b'+++\ntitle = "t"\n+++\n')
    assert f.read_bytes <= archive_read._CHUNK
    endless = Counting(b"+++\n" + b"a = 1\n" * (archive_read.MAX_FRONT // 3))
    archive_read._read_front(endless)
    assert endless.read_bytes <= archive_read.MAX_FRONT + archive_read._CHUNK


def test_front_matter_over_the_bound_is_skipped_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, n=2)
    name = "2026-01-10-huge-front.md"
    (folder / name).write_bytes(b"+++\n" + b'k = "v"\n' * (archive_read.MAX_FRONT // 8 + 10))
    code, _, err = _run(capsys, "decisions", str(folder))
    assert code == 0
    assert f"warning: {folder / name}: the front matter is larger than 4 MB" in err


# ---- 7. what reaches the terminal and the spreadsheet -------------------------------------

HOSTILE = "Buy \x1b[2J\x1b]8;;http://x\x07seeds\x9b31m \u202eevil\u202c\u200b\r\ndone"


def _hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    text = json.dumps(HOSTILE)  # a TOML basic string takes JSON's escapes
    (folder / "2026-02-01-hostile.md").write_text(
        '+++\nschema = 1\ntitle = "Hostile"\ncircle = "General"\ndate = 2026-02-01\n\n'
        f'[[decisions]]\nid = "d1"\ntext = {text}\noutcome = "adopted"\n'
        f'item = "=HYPERLINK(\\"http://evil\\",\\"click\\")"\n\n'
        f'[[decisions]]\nid = "d2"\ntext = "-2+3"\noutcome = "adopted"\nitem = "@SUM(A1)"\n\n'
        f'[[actions]]\nwhat = {text}\nowner = "\\tTab"\n+++\n\n# Hostile\n',
        encoding="utf-8",
    )
    return folder


def _no_raw_controls(text: str) -> None:
    from facilitator.core.visible import is_hidden

    bad = [ch for ch in text if ch not in "\n" and is_hidden(ch)]
    assert not bad, bad


def test_tables_show_controls_and_escapes_as_visible_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: ESC, BEL, CSI (U+009B), RLO and ZWSP reached the terminal raw.
    folder = _hostile_folder(tmp_path)
    for command in ("decisions", "actions"):
        code, out, _ = _run(capsys, command, str(folder))
        assert code == 0
        _no_raw_controls(out)
        assert "\\x1b[2J\\x1b]8;;http://x\\x07seeds\\x9b31m \\u202eevil\\u202c\\u200b" in out


def test_csv_cells_that_would_be_formulas_are_prefixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: `=HYPERLINK(...)` reached the spreadsheet as a formula.
    folder = _hostile_folder(tmp_path)
    code, out, _ = _run(capsys, "decisions", str(folder), "--csv")
    assert code == 0
    _no_raw_controls(out)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["d1"]["item"] == '\'=HYPERLINK("http://evil","click")'
    assert rows["d2"]["item"] == "'@SUM(A1)"
    assert rows["d2"]["text"] == "'-2+3"
    assert rows["d1"]["consent"] == "0"
    code, out, _ = _run(capsys, "actions", str(folder), "--csv")
    (action,) = csv.DictReader(io.StringIO(out))
    assert not action["owner"].startswith(("\t", "="))


def test_json_is_exact_data_with_hidden_characters_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _hostile_folder(tmp_path)
    code, out, _ = _run(capsys, "decisions", str(folder), "--json")
    assert code == 0
    _no_raw_controls(out)
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["d1"]["text"] == HOSTILE
    assert rows["d1"]["item"] == '=HYPERLINK("http://evil","click")'


def test_file_names_with_escapes_are_shown_escaped_in_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, n=1)
    (folder / "2026-03-01-\x1b[2Jwipe.md").write_bytes(b"no front matter")
    code, _, err = _run(capsys, "decisions", str(folder))
    assert code == 0
    assert "2026-03-01-\\x1b[2Jwipe.md: has no front matter" in err
    assert "\x1b" not in err


# ---- issue 16: sync tools' conflict copies ------------------------------------------------


def test_sync_conflict_copies_are_noted_and_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, n=2)
    original = sorted(folder.glob("*.md"))[0]
    stem = original.stem
    syncthing = f"{stem}.sync-conflict-20261124-101500-ABCDEFG.md"
    dropbox = f"{stem} (Ana's conflicted copy 2026-11-24).md"
    for name in (syncthing, dropbox):
        (folder / name).write_bytes(original.read_bytes())
    code, out, err = _run(capsys, "decisions", str(folder), "--json")
    assert code == 0
    assert sorted((r["path"], r["id"]) for r in json.loads(out)) == _expected(folder)
    assert f"note: {folder / syncthing}: is a Syncthing conflict copy" in err
    assert f"note: {folder / dropbox}: is a Dropbox conflict copy" in err


# ---- 13. conflicts raised inside a confidential item ---------------------------------------


def test_a_conflict_raised_in_a_confidential_item_leaves_no_trace_in_the_shared_minutes(
    tmp_path: Path,
) -> None:
    # Before: "Pay scale dispute", raised during the confidential "Staff grievance", got
    # its own "Confidential conflict entry" line, so the shared minutes counted it.
    from facilitator.store.minutes_model import CONFIDENTIAL_CONFLICT_LINE
    from facilitator.store.minutes_view import render
    from tests.session_meetings import governance_meeting

    state = governance_meeting().session.state
    shared, private = render(state), render(state, private=True)
    assert shared.count(CONFIDENTIAL_CONFLICT_LINE) == 1  # "Hidden matter", marked itself
    assert "Pay scale dispute" not in shared and "Pay scale dispute" in private
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2026-11-24-housing-co-op-governance.md").write_text(shared, encoding="utf-8")
    with Archive.open(folder) as a:
        abouts = {h.about for h in a.conflicts(Filters(today=TODAY, status="all"))}
    assert abouts == {"Cleaning rota"}
