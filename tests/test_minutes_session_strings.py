"""Typed strings through the real Session come out intact in the minutes, in both readers.

Every text of a scripted meeting (the agenda's names, titles and proposals,
then notes, reasons, amendments, actions, credits and conflicts typed during
it) is drawn from a corpus: a fixed hostile one and a hypothesis one of more
than 1,000 strings per run. The private record must hold every string intact
as markdown-it-py and pandoc read it; the shared minutes must parse the same way.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.store.md_escape import clean
from facilitator.store.minutes_view import render
from tests.minutes_parse import assert_intact, check_minutes
from tests.session_meetings import typed_meeting
from tests.test_md_escape import HOSTILE, typed_text

STRINGS_PER_MEETING = 67
"""The scripted meeting places 67 strings from its pool (plus 5 names): each list is placed whole."""


def _check(strings: list[str]) -> int:
    d, where = typed_meeting(strings)
    state = d.session.state
    private = render(state, private=True)
    meta, texts = check_minutes(private)
    assert_intact(texts, where.inline, where.block)
    assert meta["title"] == clean(state.agenda.meeting.title)
    shared = render(state)
    assert render(state) == shared
    smeta, _ = check_minutes(shared)
    assert "private" not in smeta and smeta["status"] == "final"
    return len(where.inline) + len(where.block)


def test_hostile_corpus_through_the_session() -> None:
    placed = 0
    for shift in range(0, len(HOSTILE), 11):
        placed += _check(HOSTILE[shift:] + HOSTILE[:shift])
    assert placed == 5 * (STRINGS_PER_MEETING + 5)


@settings(max_examples=16)
@given(st.lists(typed_text, min_size=STRINGS_PER_MEETING, max_size=STRINGS_PER_MEETING))
def test_generated_strings_through_the_session(strings: list[str]) -> None:
    # 16 meetings of 67 generated strings, every one placed: 1,072 strings per run.
    assert _check(strings) == STRINGS_PER_MEETING + 5
