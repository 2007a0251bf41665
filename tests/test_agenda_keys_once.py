"""The loader validates each item's process keys once (issue 12: "do not build models
twice"): the item's wrap validator used to run the process's keys model on the raw item
for its errors, then again for the value it keeps."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.processes.vote.keys import Threshold, VoteKeys
from facilitator.store.agenda_file import AgendaFileError, load_agenda_text

AGENDA = """\
[meeting]
title = "Assembly"
date = 2026-11-24

[[participants]]
name = "Ana Lima"

[[items]]
title = "Budget"
kind = "vote"
duration = 10
motion = "Adopt the budget"
threshold = "2/3"
"""


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    real = VoteKeys.model_validate

    def counting(obj: Any, **kwargs: Any) -> VoteKeys:
        calls.append(obj)
        return real(obj, **kwargs)

    monkeypatch.setattr(VoteKeys, "model_validate", counting)
    return calls


def test_a_vote_item_s_keys_are_validated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch)
    agenda = load_agenda_text(AGENDA, "a.toml")
    assert calls == [{"motion": "Adopt the budget", "threshold": "2/3"}]
    assert agenda.items[0].process_keys == VoteKeys(
        motion="Adopt the budget", threshold=Threshold.TWO_THIRDS
    )


def test_a_bad_key_is_still_located_and_worded(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch)
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(AGENDA.replace('"2/3"', '"most"'), "a.toml")
    assert [str(e) for e in info.value.errors] == [
        'a.toml:13: `threshold` in item 1 ("Budget"): threshold must be "majority", "2/3", '
        '"3/4" or "unanimous", not "most"'
    ]
    assert calls  # the loader's own wording pass validates the raw keys again, on errors only
