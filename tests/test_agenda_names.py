"""Names that look the same are the same person: NFKC, zero-width characters, case (issue 10)."""

from __future__ import annotations

import unicodedata

import pytest

from facilitator.core.agenda_rules import name_key
from facilitator.store.agenda_file import AgendaFileError, load_agenda_text

AGENDA = """\
[meeting]
title = "T"
{meeting}
[[participants]]
name = "{first}"

[[participants]]
name = "{second}"

[[items]]
title = "x"
duration = 5
"""

NFD_JOSE = unicodedata.normalize("NFD", "José")


@pytest.mark.parametrize(
    ("first", "second", "shown"),
    [
        ("José", NFD_JOSE, 'participant "Jose\\u0301" looks the same as participant 1, "José"'),
        ("Ana", "Ａｎａ", 'participant "\\uff21\\uff4e\\uff41" looks the same as participant 1'),
        ("Ana", "A\u200bna", 'participant "A\\u200bna" looks the same as participant 1, "Ana"'),
        ("Ana Lima", "Ana\u00a0Lima", 'participant "Ana\\u00a0Lima" looks the same'),
        ("Bo", "bo", 'participant "bo" is listed twice (also participant 1)'),
    ],
)
def test_look_alike_names_clash_and_the_message_says_which(
    first: str, second: str, shown: str
) -> None:
    with pytest.raises(AgendaFileError) as info:
        load_agenda_text(AGENDA.format(meeting="", first=first, second=second), "a.toml")
    [error] = info.value.errors
    assert error.line == 8 and error.message.startswith(shown), error.message
    assert error.message.endswith("names must be unique")


def test_different_names_stay_different() -> None:
    agenda = load_agenda_text(AGENDA.format(meeting="", first="Jose", second="José"), "a")
    assert [p.name for p in agenda.participants] == ["Jose", "José"]


def test_a_role_written_another_way_finds_its_participant() -> None:
    text = AGENDA.format(meeting='facilitator = "ana"', first="Ａｎａ", second="Bo")
    agenda = load_agenda_text(text, "a")
    found = agenda.find("A\u200bNA")
    assert found is not None and found.name == "Ａｎａ"


def test_name_key_is_idempotent_on_tricky_text() -> None:
    for text in ["ﬁne", "Ǆ", "ß", "İ", NFD_JOSE, "a\u200d\u200cb", "  spaced   out "]:
        assert name_key(name_key(text)) == name_key(text)
