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
