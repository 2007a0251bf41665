"""`facilitator check` on the decision methods' agenda keys: `method` and `pass_min`, each
mistake located at its line, with a did-you-mean for a misspelt method."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator import cli
from facilitator.processes.consent.model import ConsentKeys
from facilitator.store.agenda_file import load_agenda

HEAD = """\
[meeting]
title = "Methods"
decision_rule = "{rule}"

[[participants]]
name = "Ana"
"""

ITEM = """
[[items]]
title = "{title}"
kind = "{kind}"
duration = 10
{extra}"""


def _agenda(tmp_path: Path, items: list[tuple[str, str, str]], rule: str = "consent") -> Path:
    text = HEAD.format(rule=rule)
    for title, kind, extra in items:
        proposal = 'proposal = "We do it."\n' if kind == "proposal" else ""
        text += ITEM.format(title=title, kind=kind, extra=proposal + extra)
    path = tmp_path / "a.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = cli.main(["check", str(path)])
    err = capsys.readouterr().err
    return code, err.splitlines()


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_every_method_checks_ok_and_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ["consent", "sofa-consent", "s3-consent", "consensus", "gradients", "fist-to-five"]
    items = [(n, "proposal", f'method = "{n}"\n') for n in names]
    items.append(("with a pass line", "proposal", 'method = "fist-to-five"\npass_min = 4\n'))
    path = _agenda(tmp_path, items)
    assert _check(path, capsys) == (0, [])
    agenda = load_agenda(path)
    keys = [i.process_keys for i in agenda.items]
    assert all(isinstance(k, ConsentKeys) for k in keys)
    assert [getattr(k, "method", None) for k in keys] == [*names, "fist-to-five"]
    assert getattr(keys[-1], "pass_min", None) == 4


@pytest.mark.parametrize("rule", ["sofa-consent", "s3-consent", "gradients", "fist-to-five"])
def test_the_new_methods_are_decision_rules(
    rule: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _agenda(tmp_path, [("p", "proposal", "")], rule=rule)
    assert _check(path, capsys) == (0, [])
    assert load_agenda(path).meeting.decision_rule == rule


def test_method_mistakes_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _agenda(
        tmp_path,
        [
            ("typo", "proposal", 'method = "sofa-concent"\n'),
            ("on a discussion", "discussion", 'method = "consensus"\n'),
            ("pass line off fist", "proposal", 'method = "gradients"\npass_min = 2\n'),
            ("pass line too high", "proposal", 'method = "fist-to-five"\npass_min = 6\n'),
            ("pass line by the rule", "proposal", "pass_min = 3\n"),
            ("wrong types", "proposal", 'method = 3\npass_min = "three"\n'),
        ],
    )
    code, lines = _check(path, capsys)
    assert code == 1
    p = str(path)
    assert lines == [
        f'{p}:{_line_of(path, "sofa-concent")}: item 1 ("typo"): `method` is "sofa-concent", but '
        "must be one of consent, sofa-consent, s3-consent, consensus, gradients, fist-to-five; "
        'did you mean "sofa-consent"?',
        f'{p}:{_line_of(path, "consensus")}: unknown key `method` in item 2 ("on a discussion"): '
        '`method` is for proposal items (this item is "discussion")',
        f'{p}:{_line_of(path, "pass_min = 2")}: item 3 ("pass line off fist"): `pass_min` is the '
        'pass line of fist-to-five: it needs method = "fist-to-five"',
        f'{p}:{_line_of(path, "pass_min = 6")}: item 4 ("pass line too high"): `pass_min` is 6, '
        "but must be from 0 (fist) to 5",
        f'{p}:{_line_of(path, "pass_min = 3")}: item 5 ("pass line by the rule"): `pass_min` is '
        'the pass line of fist-to-five: it needs method = "fist-to-five"',
        f'{p}:{_line_of(path, "method = 3")}: `method` in item 6 ("wrong types") must be text '
        'in quotes, like "…", not 3',
        f'{p}:{_line_of(path, "three")}: `pass_min` in item 6 ("wrong types") must be a whole '
        'number, not "three"',
    ]


def test_pass_min_follows_a_fist_to_five_decision_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _agenda(tmp_path, [("p", "proposal", "pass_min = 2\n")], rule="fist-to-five")
    assert _check(path, capsys) == (0, [])


def test_an_unknown_decision_rule_names_the_methods(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _agenda(tmp_path, [("p", "proposal", "")], rule="gradient")
    code, lines = _check(path, capsys)
    assert code == 1 and len(lines) == 1
    assert lines[0].startswith(f"{path}:3: ") and 'did you mean "gradients"?' in lines[0]
