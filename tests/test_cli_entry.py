"""The CLI's entry path: the first argument picks one subcommand, without discovering the rest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import cli


def test_a_named_command_imports_neither_discovery_nor_the_other_commands(tmp_path: Path) -> None:
    # pkgutil and importlib.util cost ~30 ms of a `decisions` run that rg answers in ~50.
    code = (
        "import sys\n"
        "from facilitator.cli import main\n"
        f"rc = main(['decisions', {str(tmp_path)!r}, '--grep', 'loan'])\n"
        "mods = sorted(m for m in sys.modules if m in {'pkgutil'} or "
        "(m.startswith('facilitator.commands.') and not m.startswith('facilitator.commands._')))\n"
        "print('MODS', mods, rc, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "MODS ['facilitator.commands.decisions'] 0" in done.stderr, done.stderr[-2000:]


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["nosuch"])
    assert exc.value.code == 2
    assert "invalid choice: 'nosuch'" in capsys.readouterr().err


def test_a_missing_import_inside_a_command_is_raised_not_called_unknown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Only the command's own module being absent means "no such command"; anything else
    # is a broken install, and hiding it behind "invalid choice" would mislead.
    def broken(name: str) -> object:
        raise ModuleNotFoundError("No module named 'tomli_w'", name="tomli_w")

    monkeypatch.setattr("importlib.import_module", broken)
    with pytest.raises(ModuleNotFoundError, match="tomli_w"):
        cli._named_module("decisions")
    assert cli._named_module("_archive_cli") is None and cli._named_module("a-b") is None


def test_the_static_command_table_names_every_command_module_in_order() -> None:
    # `--help` lists COMMANDS without importing the modules; this keeps it honest.
    import importlib
    import pkgutil

    from facilitator import commands

    mods = [
        importlib.import_module(f"facilitator.commands.{info.name}")
        for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name)
        if not info.name.startswith("_")
    ]
    mods.sort(key=lambda m: m.ORDER)
    assert list(cli.COMMANDS) == [(m.NAME, m.HELP) for m in mods]


def test_help_lists_every_command_without_importing_one() -> None:
    code = (
        "import sys\n"
        "from facilitator.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit as exc:\n"
        "    print('RC', exc.code, file=sys.stderr)\n"
        "print('MODS', sorted(m for m in sys.modules if m.startswith('facilitator.commands')"
        " or m == 'pkgutil'), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "RC 0" in done.stderr and "MODS []" in done.stderr, done.stderr[-2000:]
    for name, text in cli.COMMANDS:
        assert name in done.stdout
        assert text.split()[0] in done.stdout


def test_no_arguments_prints_the_listing_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert all(name in err for name, _ in cli.COMMANDS)


def test_the_fast_path_never_imports_shutil_for_argparse_widths(tmp_path: Path) -> None:
    # argparse's own formatter imports shutil (and bz2, lzma, zlib) at every add_argument;
    # ours computes the width itself. Counted in a fresh interpreter, never timed.
    code = (
        "import sys\n"
        "from facilitator.cli import main\n"
        f"rc = main(['decisions', {str(tmp_path)!r}, '--grep', 'loan', '--csv'])\n"
        "mods = sorted(m for m in sys.modules if m in {'shutil', 'bz2', 'lzma', 'runpy'})\n"
        "print('MODS', mods, rc, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "MODS [] 0" in done.stderr, done.stderr[-2000:]


@pytest.mark.parametrize(
    ("columns", "want"), [("57", 57), ("0", 80), ("wide", 80), ("", 80), ("132", 132)]
)
def test_help_is_as_wide_as_shutil_says(
    monkeypatch: pytest.MonkeyPatch, columns: str, want: int
) -> None:
    import shutil

    monkeypatch.setenv("COLUMNS", columns)
    # Not a terminal under pytest: COLUMNS, else 80, exactly what shutil answers.
    monkeypatch.setattr(sys, "__stdout__", None)
    assert cli._columns() == want
    if columns.isdigit() and int(columns) > 0:
        assert shutil.get_terminal_size().columns == want
    help_text = cli.build_parser().format_help()
    assert max(len(line) for line in help_text.splitlines()) <= want - 2


def test_the_width_comes_from_the_terminal_when_columns_is_unset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((101, 30)))
    assert cli._columns() == 101
    assert cli.HelpFormatter("facilitator")._width == 99  # argparse's own 2 off

    def no_terminal(fd: int) -> os.terminal_size:
        raise OSError(25, "Inappropriate ioctl for device")

    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    assert cli._columns() == 80
