"""`facilitator check` and `facilitator new` from the command line.

Most cases call `cli.main` in-process to stay fast; a few run `python -m facilitator`
as a real subprocess, to see exactly what a user sees (stdout, stderr, exit code).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import cli

ROOT = Path(__file__).parent.parent
SAMPLES = sorted((ROOT / "agendas").glob("*.toml"))


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_samples_check_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(SAMPLES) >= 3
    assert cli.main(["check", *map(str, SAMPLES)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{p}: ok" for p in SAMPLES]
    assert err == ""


def test_samples_have_what_later_features_need() -> None:
    from facilitator.store.agenda_file import load_agenda

    agendas = {p.stem: load_agenda(p) for p in SAMPLES}
    assert "monthly-member-call" in agendas  # the README's `./dev run` default
    assert any(i.confidential for a in agendas.values() for i in a.items)
    assert any(i.review for a in agendas.values() for i in a.items)
    assert {a.meeting.decision_rule for a in agendas.values()} == {"consent", "consensus"}
    assert all(any(p.priority for p in a.participants) for a in agendas.values())


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary\xff", "binary"),
        (b'[meeting]\ntitle = "Caf\xe9"\n', "not UTF-8"),
        (b"[meeting]\ntitle = General\n", "TOML syntax error"),
    ],
    ids=["missing", "empty", "binary", "latin-1", "syntax"],
)
def test_bad_files_exit_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, words: str
) -> None:
    path = tmp_path / "agenda.toml"
    if content is not None:
        path.write_bytes(content)
    assert cli.main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert words in err and err.startswith(str(path))
    assert "Traceback" not in err


def test_directory_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_good_and_bad_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[meeting]\ntittle = "x"\n[[items]]\ntitle = "a"\nduration = "ten"\n')
    assert cli.main(["check", str(SAMPLES[0]), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{SAMPLES[0]}: ok\n"
    assert err.splitlines() == [
        f'{bad}:1: [meeting] is missing `title`, which is required; add title = "…"',
        f"{bad}:2: unknown key `tittle` in [meeting]; did you mean `title`?",
        f'{bad}:5: `duration` in item 1 ("a"): cannot read duration "ten": use h, m and s, '
        'as in "10m", "90s" or "1h30m"',
    ]


def test_subprocess_check_ok_and_bad(tmp_path: Path) -> None:
    ok = _run("check", "agendas/monthly-member-call.toml")
    assert (ok.returncode, ok.stdout, ok.stderr) == (
        0,
        "agendas/monthly-member-call.toml: ok\n",
        "",
    )
    binary = tmp_path / "x.toml"
    binary.write_bytes(bytes(range(256)))
    for target in (str(binary), str(tmp_path), str(tmp_path / "none.toml")):
        bad = _run("check", target)
        assert bad.returncode == 1 and bad.stdout == ""
        assert bad.stderr.startswith(target) and "Traceback" not in bad.stderr


def test_check_without_files_is_a_usage_error() -> None:
    res = _run("check")
    assert res.returncode == 2 and "usage:" in res.stderr and "Traceback" not in res.stderr


def test_check_does_not_import_textual_or_rich() -> None:
    code = (
        "import sys; from facilitator import cli; "
        "rc = cli.main(['check', 'agendas/monthly-member-call.toml']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert res.stdout.strip().splitlines()[-1] == "[]"


def test_new_round_trips_through_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "agendas" / "next.toml"
    args = [
        "new",
        str(path),
        "--title",
        'Riverside "Food" Co-op — December',
        "--circle",
        "Riverside",
    ]
    args += ["--date", "2026-12-15", "--participant", "Ana Lima", "--participant", "Bo Tran"]
    assert cli.main(args) == 0
    assert cli.main(["check", str(path)]) == 0
    from facilitator.store.agenda_file import load_agenda

    agenda = load_agenda(path)
    assert agenda.meeting.title == 'Riverside "Food" Co-op — December'
    assert agenda.meeting.date == dt.date(2026, 12, 15)
    assert [p.name for p in agenda.participants] == ["Ana Lima", "Bo Tran"]
    assert agenda.meeting.facilitator == "Ana Lima"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Riverside")
    assert "docs/agenda-format.md" in text and "[[items]]" in text


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.toml"
    path.write_text("mine\n")
    assert cli.main(["new", str(path), "--title", "x"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "mine\n"


def test_new_defaults_without_a_terminal(tmp_path: Path) -> None:
    res = _run("new", "--circle", "Harbor Bike Works", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    [written] = (tmp_path / "agendas").glob("*.toml")
    # agendas/<date>-<circle>-<title>.toml, the circle not repeated when the title starts with it
    date, _, rest = written.name.partition("-harbor")
    assert dt.date.fromisoformat(date) and rest == "-bike-works-meeting.toml"
    assert _run("check", str(written), cwd=ROOT).returncode == 0
    again = _run("new", "--circle", "Harbor Bike Works", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_new_refuses_answers_that_do_not_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "dup.toml"
    assert cli.main(["new", str(path), "--participant", "Ana", "--participant", "ana"]) == 1
    assert "listed twice" in capsys.readouterr().err
    assert not path.exists()


def test_new_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    res = _run("new", str(tmp_path / "a.toml"), "--date", "next tuesday")
    assert res.returncode == 2 and "not a date" in res.stderr and "Traceback" not in res.stderr


def test_control_characters_in_values_are_shown_as_escapes_and_forge_no_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agenda = tmp_path / "evil.toml"
    agenda.write_text(
        "[meeting]\n"
        f'title = "T"\ncircle = 5\nlocation = "x\\n{agenda}:1: fake error"\n'
        "[[participants]]\n"
        'name = "A\\u001b[31mB\\u202e"\n'
        "[[items]]\n"
        'title = "x"\n'
        'duration = "5\\n99: also fake\\u001b[2J"\n'
    )
    assert cli.main(["check", str(agenda)]) == 1
    _, err = capsys.readouterr()
    lines = err.splitlines()
    # One line per real problem, each at a real line: the newline in a value forged nothing.
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{agenda}:3",
        f"{agenda}:6",
        f"{agenda}:9",
    ]
    assert "\x1b" not in err and "\u202e" not in err
    assert "\\x1b[31m" in lines[1] and "\\u202e" in lines[1]
    assert '"5\\n99: also fake\\x1b[2J"' in lines[2]


def test_a_file_name_with_a_newline_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "a\nb.toml"
    good.write_text('[meeting]\ntitle = "T"\n[[items]]\ntitle = "x"\nduration = 5\n')
    assert cli.main(["check", str(good)]) == 0
    out, _ = capsys.readouterr()
    assert out == f"{tmp_path}/a\\nb.toml: ok\n"


def test_loading_the_agenda_models_reads_no_source_for_docstrings() -> None:
    """Issue 12: pydantic's `use_attribute_docstrings` re-read and parsed our modules' source
    for every model at import (about a third of `check`); nothing reads the descriptions."""
    code = (
        "import sys; from pydantic._internal import _docs_extraction as d; seen = []\n"
        "real = d.extract_docstrings_from_cls\n"
        "d.extract_docstrings_from_cls = lambda cls, *a, **k: seen.append(cls.__module__) "
        "or real(cls, *a, **k)\n"
        "from facilitator import cli\n"
        "rc = cli.main(['check', 'agendas/monthly-member-call.toml'])\n"
        "print(sorted({m for m in seen if m.startswith('facilitator')}))"
    )
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert res.stdout.strip().splitlines()[-1] == "[]"
