"""The first argument picks one subcommand: the fast path loads only that command's module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import main


def _loaded_commands(*argv: str) -> tuple[int, set[str]]:
    code = (
        "import sys\n"
        "from facilitator.cli import main\n"
        f"rc = main({list(argv)!r})\n"
        "mods = sorted(m for m in sys.modules if m.startswith('facilitator.commands.'))\n"
        "print('RC', rc, 'MODS', ','.join(mods), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("RC "))
    _, rc, _, mods = line.split(" ", 3)
    return int(rc), {m.rsplit(".", 1)[-1] for m in mods.split(",") if m}


def test_decisions_loads_only_its_own_command_modules(tmp_path: Path) -> None:
    rc, mods = _loaded_commands("decisions", str(tmp_path), "--grep", "loan")
    assert rc == 0
    assert mods == {"decisions", "_archive_cli"}


def test_the_full_parser_still_answers_help_and_unknown_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 2
    assert "decisions" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["nope"])
    assert exc.value.code == 2
    assert "invalid choice: 'nope'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["_archive_cli"])
    assert exc.value.code == 2


def test_a_subcommand_usage_error_names_the_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["decisions", "--since", "soon"])
    assert exc.value.code == 2
    assert "facilitator decisions: error:" in capsys.readouterr().err
