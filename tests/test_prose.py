"""Proposal text as prose (issue 9): one pure rule, used by the screen, the minutes and `next`."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.agenda import Agenda
from facilitator.core.fold import initial_state
from facilitator.core.prose import paragraphs, prose
from facilitator.processes.consent.model import consent_of
from facilitator.store.md_escape import escape_block


def test_a_single_newline_is_a_space_and_a_blank_line_a_paragraph() -> None:
    text = "\nWe adopt the 2027 budget\nas circulated on  10 November.\n\n\nIt takes effect\n  in January.\n"
    assert prose(text) == (
        "We adopt the 2027 budget as circulated on 10 November.\n\nIt takes effect in January."
    )
    assert paragraphs(text) == [
        "We adopt the 2027 budget as circulated on 10 November.",
        "It takes effect in January.",
    ]


def test_list_lines_keep_their_own_line_as_in_markdown() -> None:
    text = "We agree to:\n- paint the hall\n- fix the\n  gate\n1. then review"
    assert prose(text) == "We agree to:\n- paint the hall\n- fix the gate\n1. then review"


def test_windows_line_endings_and_tabs() -> None:
    assert prose("one\r\ntwo\r\n\r\nthree\tfour") == "one two\n\nthree four"
    assert prose("   \n\n ") == ""


@given(st.text(alphabet=st.sampled_from(list("ab -1.\n\r\t*")), max_size=60))
def test_prose_is_idempotent_and_keeps_every_word(text: str) -> None:
    once = prose(text)
    assert prose(once) == once
    assert once.split() == text.split()


def test_the_agenda_proposal_reaches_the_engine_and_the_minutes_as_prose() -> None:
    agenda = Agenda.model_validate(
        {
            "meeting": {"title": "T"},
            "items": [
                {
                    "title": "Lease",
                    "kind": "proposal",
                    "duration": 10,
                    "proposal": "We sign the lease\nfor three years.\n\nRent is paid monthly.\n",
                }
            ],
        }
    )
    consent = consent_of(initial_state(agenda).items["item-1"])
    assert consent is not None
    assert consent.text == "We sign the lease for three years.\n\nRent is paid monthly."
    # No hard line breaks (`\` line endings) in the minutes' block quote any more.
    assert escape_block(consent.text) == [
        "We sign the lease for three years.",
        "",
        "Rent is paid monthly.",
    ]
