"""A dot vote's agenda keys: loaded and written back, every mistake a located error
(`facilitator check` exits 1, no traceback), and `facilitator new --with dot-vote`."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.core.agenda import Agenda
from facilitator.core.fold import initial_state
from facilitator.processes.dot_vote import model as M
from facilitator.store.agenda_file import AgendaFileError, load_agenda_text

AGENDA = """\
[meeting]
title = "Assembly"
date = 2026-11-24

[[participants]]
name = "Ana Lima"

[[items]]
title = "Priorities"
kind = "dot-vote"
duration = 10
options = ["Housing fund", "Food hub", "School garden"]
dots = 2
max_per_option = 1
"""


def _errors(text: str) -> list[str]:
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(text, "a.toml")
    return [str(e) for e in info.value.errors]


def test_the_keys_load_start_the_process_and_round_trip() -> None:
    agenda = load_agenda_text(AGENDA, "a.toml")
    item = agenda.items[0]
    assert item.kind == "dot-vote"
    assert item.process_keys == M.DotVoteKeys(
        options=["Housing fund", "Food hub", "School garden"], dots=2, max_per_option=1
    )
    vote = M.dot_vote_of(initial_state(agenda).items["item-1"])
    assert vote is not None and vote.settings == M.Settings(
        ("Housing fund", "Food hub", "School garden"), 2, 1
    )
    assert Agenda.model_validate(agenda.to_toml_dict()) == agenda
    assert Agenda.model_validate(agenda.to_json_dict()) == agenda


def test_dots_default_to_one_per_four_options() -> None:
    text = AGENDA.replace("dots = 2\nmax_per_option = 1\n", "")
    text = text.replace('"School garden"]', '"School garden", "d", "e", "f", "g", "h"]')
    vote = M.dot_vote_of(initial_state(load_agenda_text(text, "a.toml")).items["item-1"])
    assert vote is not None and (vote.settings.dots, vote.settings.max_per_option) == (2, None)


@pytest.mark.parametrize(
    ("old", "new", "errors"),
    [
        (
            'options = ["Housing fund", "Food hub", "School garden"]\n',
            "",
            [
                'a.toml:8: item 1 ("Priorities") is missing `options`, which is required; add '
                "options = …"
            ],
        ),
        (
            '"Food hub", "School garden"]',
            '" housing FUND "]',
            ["a.toml:12: item 1 (\"Priorities\"): 'housing FUND' is listed twice (also option 1)"],
        ),
        (
            'options = ["Housing fund", "Food hub", "School garden"]',
            'options = ["Housing fund"]',
            ['a.toml:12: item 1 ("Priorities"): a dot vote needs at least 2 options'],
        ),
        (
            "dots = 2",
            "dots = 0",
            [
                'a.toml:13: item 1 ("Priorities"): `dots` is how many dots each voter has: '
                "at least 1"
            ],
        ),
        (
            "max_per_option = 1",
            "max_per_option = 3",
            [
                'a.toml:14: item 1 ("Priorities"): max_per_option = 3 is more than the 2 dots a '
                "voter has, so it limits nothing: lower it, or leave it out"
            ],
        ),
        (
            "dots = 2",
            "dots = 4",
            [
                'a.toml:13: item 1 ("Priorities"): dots = 4, but 3 options with at most 1 each '
                "take only 3: raise max_per_option, or give fewer dots"
            ],
        ),
        (
            "max_per_option = 1",
            "max_per_option = true",
            [
                'a.toml:14: `max_per_option` in item 1 ("Priorities") must be a whole number, '
                "not true"
            ],
        ),
        (
            'kind = "dot-vote"',
            'kind = "discussion"',
            [
                f'a.toml:{line}: unknown key `{key}` in item 1 ("Priorities"): `{key}` is for '
                'dot-vote items (this item is "discussion")'
                for line, key in ((12, "options"), (13, "dots"), (14, "max_per_option"))
            ],
        ),
    ],
)
def test_every_mistake_is_a_located_error(old: str, new: str, errors: list[str]) -> None:
    assert old in AGENDA
    assert _errors(AGENDA.replace(old, new)) == errors


def test_check_reports_them_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.toml"
    path.write_text(AGENDA.replace("dots = 2", "dots = 0"), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    assert "at least 1" in captured.err + captured.out
    assert "Traceback" not in captured.err + captured.out
    path.write_text(AGENDA, encoding="utf-8")
    assert main(["check", str(path)]) == 0


def test_new_starts_an_agenda_with_a_dot_vote(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    assert main(["new", str(path), "--title", "T", "--with", "dot-vote"]) == 0
    agenda = load_agenda_text(path.read_text(encoding="utf-8"), "new.toml")
    [vote] = [i for i in agenda.items if i.kind == "dot-vote"]
    assert isinstance(vote.process_keys, M.DotVoteKeys) and len(vote.process_keys.options) == 3
    other = tmp_path / "plain.toml"
    assert main(["new", str(other), "--title", "T"]) == 0
    assert '# kind = "dot-vote"' in other.read_text(encoding="utf-8")


def test_a_kind_typo_lists_dot_vote_among_the_kinds_and_suggests_the_nearest() -> None:
    [error] = _errors(AGENDA.replace('kind = "dot-vote"', 'kind = "dot-vot"').split("options")[0])
    assert "must be one of round, report, discussion, proposal, break" in error
    assert "dot-vote" in error and error.endswith('did you mean "dot-vote"?')
