"""The command registry and the settings file: one declaration feeds bindings, help and palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding

from facilitator.store.settings import SettingsError, load_settings, validate_keys
from facilitator.tui.commands import all_commands, bindings_for, check_registry, command_ids, spec
from facilitator.tui.screens.help import help_table


def test_registry_is_consistent() -> None:
    assert check_registry() == []
    assert len(command_ids()) == len(all_commands())


def test_bindings_carry_ids_keys_and_labels() -> None:
    made = bindings_for("stack", "item", "log", "meeting")
    bindings = {b.id: b for b in made if isinstance(b, Binding)}
    assert len(bindings) == len(made)
    assert bindings["queue"].key == "q"
    assert bindings["undo"].key == "ctrl+z" and bindings["undo"].priority
    assert bindings["next-speaker"].description == spec("next-speaker").label


def test_duplicate_keys_in_one_area_are_reported() -> None:
    from dataclasses import replace

    clash = replace(spec("queue"), id="other", action="other")
    assert any("already" in p for p in check_registry([*all_commands(), clash]))


def test_help_lists_focused_area_first_with_remapped_keys() -> None:
    from rich.console import Console

    console = Console(width=100, record=True)
    console.print(help_table("log", {"note": "ctrl+n"}))
    text = console.export_text()
    assert text.index("Item log") < text.index("Speaking stack")
    assert "ctrl+n" in text and "(focused)" in text


def test_settings_defaults_when_missing(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "none.toml")
    assert s.bell is True and dict(s.keys) == {} and s.theme is None


def test_settings_read_keys_bell_theme(tmp_path: Path) -> None:
    f = tmp_path / "settings.toml"
    f.write_text(
        'bell = false\ntheme = "high-contrast"\n[keys]\nqueue = "s"\nundo = "ctrl+u, f9"\n'
    )
    s = load_settings(f)
    assert s.bell is False and s.theme == "high-contrast"
    assert dict(s.keys) == {"queue": "s", "undo": "ctrl+u,f9"}
    validate_keys(s.keys, command_ids(), f)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bell = 3\n", ":1: bell must be true or false"),
        ('\n\ncolour = "red"\n', ":3: unknown setting 'colour'"),
        ("[keys]\nqueue = 5\n", ':2: key for "queue" must be a key name'),
        ('[keys]\nqueue = "a b"\n', ':2: cannot read key "a b"'),
        ("bell = \n", ":1:"),
    ],
)
def test_bad_settings_give_located_errors(tmp_path: Path, text: str, expected: str) -> None:
    f = tmp_path / "settings.toml"
    f.write_text(text)
    with pytest.raises(SettingsError) as err:
        load_settings(f)
    assert f"{f}{expected}" in str(err.value)


def test_unknown_command_in_keys_suggests_the_closest(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match='"queu" is not a command; did you mean "queue"'):
        validate_keys({"queu": "s"}, command_ids(), tmp_path / "s.toml")


def test_settings_path_follows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "custom.toml"
    f.write_text("bell = false\n")
    monkeypatch.setenv("FACILITATOR_CONFIG", str(f))
    assert load_settings().bell is False
