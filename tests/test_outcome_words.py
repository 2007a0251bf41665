"""A decision's outcome is said from one table on the screen and in the minutes.

`tui.words.outcome_word` (the summary, the view model) and `store.minutes_registers.outcome`
(the minutes' decisions register and items) both read `core.outcome_words`. They must say
every outcome a proposal can close with the same way, in every catalog; they differ only
for an id no process records, which the screen shows as written and the minutes with spaces.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from facilitator.core.outcome_words import outcome_words
from facilitator.i18n import translator, using
from facilitator.processes.consent.model import OUTCOMES as CONSENT_OUTCOMES
from facilitator.store.archive import OUTCOMES as ARCHIVE_OUTCOMES
from facilitator.store.minutes_registers import outcome
from facilitator.tui.words import outcome_word

PACKAGE = Path(__file__).resolve().parent.parent / "facilitator"


def test_the_table_has_words_for_every_outcome_a_proposal_can_close_with() -> None:
    assert set(outcome_words()) == set(CONSENT_OUTCOMES) == set(ARCHIVE_OUTCOMES)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_screen_and_the_minutes_say_every_outcome_alike(lang: str) -> None:
    with using(translator(lang)):
        screen = {o: outcome_word(o) for o in CONSENT_OUTCOMES}
        minutes = {o: outcome(o) for o in CONSENT_OUTCOMES}
    assert screen == minutes
    assert len(set(screen.values())) == len(CONSENT_OUTCOMES)  # no two outcomes read alike


def test_the_words_follow_the_language() -> None:
    with using(translator("en")):
        english = outcome_words()
    with using(translator("es")):
        spanish = outcome_words()
    assert english["not-adopted"] == "not adopted"
    assert spanish["deferred"] == "aplazada"  # a decision is feminine in Spanish
    assert all(spanish[o] != english[o] for o in english)  # every one is translated


def test_an_unknown_id_is_shown_as_written_and_minuted_with_spaces() -> None:
    with using(translator("en")):
        assert outcome_word("sent-back") == "sent-back"
        assert outcome("sent-back") == "sent back"


@pytest.mark.parametrize("path", ["tui/words.py", "store/minutes_registers.py"])
def test_neither_side_keeps_its_own_copy_of_the_words(path: str) -> None:
    tree = ast.parse((PACKAGE / path).read_text(encoding="utf-8"))
    contexts = [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "pgettext"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert "outcome" not in contexts
