"""Issue 9's smaller defects at the command line: each a clear error and the right exit status.

`run --minutes-dir` naming a file, a theme that does not exist, a key given to
two commands, and `./dev` keeping the caller's folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings, SettingsError, load_settings
from facilitator.tui.app import build_app
from facilitator.tui.commands import check_keymap, key_clashes
from facilitator.tui.screens.help import remap_hint
from facilitator.tui.theme import check_theme, theme_names

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "agendas" / "monthly-member-call.toml"


def _agenda() -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": "Call", "circle": "General"},
            "participants": [{"name": "Ana Lima"}, {"name": "Bo Tran"}],
            "items": [{"title": "Check-in", "kind": "round", "duration": 5}],
        }
    )


def _cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    # A child process: were the check to regress, the app would start there, not in pytest.
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from facilitator.cli import main; sys.exit(main())",
            *args,
        ],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- run --minutes-dir FILE --------------------------------------------------------------


@pytest.mark.parametrize("command", ["run", "resume"])
def test_minutes_dir_that_is_a_file_exits_1(tmp_path: Path, command: str) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not a folder\n")
    args = [str(SAMPLE)] if command == "run" else []
    done = _cli(command, *args, "--minutes-dir", str(afile), cwd=tmp_path)
    assert done.returncode == 1
    assert f"--minutes-dir {afile} is a file, not a folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_minutes_dir_below_a_file_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    assert main(["run", str(SAMPLE), "--minutes-dir", str(afile / "sub")]) == 1
    assert "which is a file" in capsys.readouterr().err


async def test_app_that_cannot_open_its_journal_exits_with_status_1(tmp_path: Path) -> None:
    # The app's own path (e.g. the folder became a file after the CLI checked it).
    afile = tmp_path / "afile"
    afile.write_text("x")
    app = build_app(
        None, agenda=_agenda(), minutes_dir=afile, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test() as pilot:
        await pilot.pause()
    assert app.return_code == 1


# --- the theme ---------------------------------------------------------------------------


def test_unknown_theme_is_a_located_error_listing_the_themes(tmp_path: Path) -> None:
    f = tmp_path / "settings.toml"
    f.write_text('bell = true\ntheme = "high-contrats"\n')
    with pytest.raises(SettingsError) as err:
        check_theme(load_settings(f))
    message = str(err.value)
    assert message.startswith(f'{f}:2: there is no theme "high-contrats".')
    assert 'Did you mean "high-contrast"?' in message
    assert "textual-dark" in message and "high-contrast" in message


def test_known_themes_pass() -> None:
    for name in ("high-contrast", "textual-dark", "nord"):
        assert name in theme_names()
        check_theme(Settings(theme=name))


@pytest.mark.parametrize("command", ["run", "review"])
def test_unknown_theme_exits_1_without_a_traceback(tmp_path: Path, command: str) -> None:
    f = tmp_path / "settings.toml"
    f.write_text('theme = "nope"\n')
    (tmp_path / "minutes").mkdir()
    args = [str(SAMPLE), "--minutes-dir", "minutes"] if command == "run" else ["minutes"]
    done = _cli(command, *args, cwd=tmp_path, env={"FACILITATOR_CONFIG": str(f)})
    assert done.returncode == 1
    assert f'{f}:1: there is no theme "nope"' in done.stderr
    assert "Traceback" not in done.stderr


# --- one key, two commands ---------------------------------------------------------------


def test_the_default_keys_never_clash() -> None:
    assert key_clashes({}) == []


def test_a_key_given_to_two_commands_names_both(tmp_path: Path) -> None:
    f = tmp_path / "settings.toml"
    f.write_text('bell = true\n[keys]\nnext-speaker = "space"\n')
    settings = load_settings(f)
    with pytest.raises(SettingsError) as err:
        check_keymap(settings)
    message = str(err.value)
    assert message.startswith(f'{f}:3: the key "space" is given to two commands')
    assert '"next-speaker"' in message and '"pause"' in message


def test_two_remapped_commands_on_one_key_clash_too() -> None:
    clashes = key_clashes({"note": "f6", "credit": "f6"})
    assert [(k, a.id, b.id) for k, a, b in clashes] == [("f6", "note", "credit")]


def test_moving_both_commands_is_fine() -> None:
    assert key_clashes({"next-speaker": "space", "pause": "f5"}) == []


def test_build_app_refuses_a_clash_when_the_app_starts(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match='"pause"'):
        build_app(
            None,
            agenda=_agenda(),
            minutes_dir=tmp_path,
            clock=FakeClock(),
            settings=Settings(keys={"next-speaker": "space"}),
        )


def test_the_f1_remap_example_is_itself_valid() -> None:
    hint = remap_hint()
    line = next(x for x in hint.splitlines() if x.startswith("next-speaker"))
    key = line.split("=")[1].strip().strip('"')
    assert key != "space"
    assert key_clashes({"next-speaker": key}) == []


# --- ./dev keeps the caller's folder -----------------------------------------------------


def _dev(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    import hashlib

    # ./dev installs first when pyproject, the constraints or the install mode changed: not in
    # a unit test. The stamp is computed as ./dev computes it (its `want=` line).
    mode = re.search(r'^editable_mode="(\w+)"$', (ROOT / "dev").read_text(), re.M)
    assert mode, "./dev names its editable_mode"
    want = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes()
        + (ROOT / "constraints.txt").read_bytes()
        + f"editable_mode={mode[1]}\n".encode()
    ).hexdigest()[:16]
    stamp = ROOT / ".venv" / ".installed"
    if not stamp.is_file() or stamp.read_text().strip() != want:
        pytest.skip("./dev would install into .venv first")
    return subprocess.run(
        [str(ROOT / "dev"), *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_dev_check_reads_a_file_in_the_callers_folder(tmp_path: Path) -> None:
    (tmp_path / "my.toml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    done = _dev("check", "my.toml", cwd=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, "my.toml: ok")


def test_dev_run_with_only_options_opens_the_sample_with_them(tmp_path: Path) -> None:
    # A file as --minutes-dir stops `run` before the screen opens: that it got this far
    # shows the sample was added and the relative option kept the caller's folder.
    (tmp_path / "afile").write_text("x")
    for args in (["--minutes-dir", "afile"], ["--new", "--minutes-dir=afile"]):
        done = _dev("run", *args, cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert "--minutes-dir afile is a file" in done.stderr
        assert "required" not in done.stderr
