"""`--lang` is taken before the subcommand as well as after it (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "agendas" / "monthly-member-call.toml"


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "es", "new", "--help"],
        ["new", "--lang", "es", "--help"],
        ["--lang=es", "new", "--help"],
        ["new", "--help", "--lang=es"],
    ],
    ids=["before", "after", "before-equals", "after-equals"],
)
def test_lang_before_or_after_the_command_gives_spanish_help(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("uso: facilitator new")
    assert "opciones:" in out
    assert "argumentos no reconocidos" not in out


@pytest.mark.parametrize("where", ["before", "after"])
def test_lang_before_or_after_runs_the_command(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.toml"
    argv = ["check", str(SAMPLE), str(missing)]
    argv = ["--lang", "es", *argv] if where == "before" else [*argv, "--lang", "es"]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert f"{SAMPLE}: ok" in out  # stays English on purpose (docs/translating.md)
    assert str(missing) in err
    assert "unrecognized arguments" not in err and "argumentos no reconocidos" not in err
    assert "no existe el archivo" in err


def test_lang_alone_before_a_mistyped_command_is_still_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "es", "nosuch"])
    assert exit_.value.code == 2
    assert "opción no válida: 'nosuch'" in capsys.readouterr().err
