"""`facilitator new`'s starter comments name every item kind and every decision method
(issue 13): the registry's kinds (vote, selection, dot-vote beside the core's) and the
methods a proposal or the meeting's `decision_rule` may name, in English and in Spanish."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.core.agenda_types import item_kinds
from facilitator.processes.consent import methods as M


def _comment_before(text: str, table: str) -> str:
    """The comment block just before the first `table` header (`[meeting]`, `[[items]]`)."""
    head, _sep, _rest = text.partition(f"\n{table}\n")
    block = head.rstrip("\n").split("\n\n")[-1]
    assert all(line.startswith("#") for line in block.splitlines()), block
    return block


def _words(block: str) -> set[str]:
    return set(re.findall(r"[a-z0-9_]+(?:-[a-z0-9_]+)*", block))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_starter_names_every_kind_and_every_method(
    tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.toml"
    assert main(["new", "--lang", lang, str(path), "--title", "T"]) == 0
    text = path.read_text(encoding="utf-8")
    items = _words(_comment_before(text, "[[items]]"))
    assert set(item_kinds()) <= items, sorted(set(item_kinds()) - items)
    assert {"vote", "selection", "dot-vote"} <= items  # the processes' kinds
    assert set(M.NAMES) <= items, sorted(set(M.NAMES) - items)
    assert {"motion", "role", "options", "pass_min"} <= items
    meeting = _words(_comment_before(text, "[meeting]"))
    assert set(M.NAMES) <= meeting, sorted(set(M.NAMES) - meeting)
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
