"""The minutes' continuity keys (issue 9) on their own: written, read back, never leaking."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from facilitator.store.archive_read import parse_front_matter, split_front_matter
from facilitator.store.minutes import render_doc
from facilitator.store.minutes_model import ItemRecord, MinutesDoc, Person, Setup
from tests.minutes_builders import general_circle


def _doc() -> MinutesDoc:
    doc = general_circle()
    items = (
        *doc.items,
        ItemRecord(
            "item-9", "Pay scale review", "discussion", "pending", 600, confidential=True, prep="X"
        ),
        ItemRecord("item-10", "Garden", "discussion", "pending", 300, prep="Bring the plan"),
    )
    return replace(
        doc,
        items=items,
        agenda_date=dt.date(2026, 11, 17),
        participants=(
            Person("Ana Lima", pronouns="she/her", key="a"),
            Person("Gus Ortiz", role="guest", org="City"),
        ),
        setup=Setup(quorum_rule="50%", stack_order="fifo", speaker_limit=90),
    )


def test_the_keys_read_back() -> None:
    front = parse_front_matter(split_front_matter(render_doc(_doc()).encode()))
    assert front.agenda_date == dt.date(2026, 11, 17)
    assert front.quorum_rule == "50%" and front.stack_order == "fifo"
    assert front.speaker_limit == 90 and front.decision_rule == "consent"
    assert [(p.name, p.role, p.pronouns, p.key, p.org) for p in front.participants] == [
        ("Ana Lima", "member", "she/her", "a", ""),
        ("Gus Ortiz", "guest", "", "", "City"),
    ]
    garden = front.items[-1]
    assert (garden.title, garden.status, garden.planned, garden.prep) == (
        "Garden",
        "not-reached",
        300,
        "Bring the plan",
    )


def test_confidential_items_keep_only_their_place() -> None:
    text = render_doc(_doc())
    assert "Pay scale" not in text and 'prep = "X"' not in text
    front = parse_front_matter(split_front_matter(text.encode()))
    assert all(i.title != "Pay scale review" for i in front.items)
    private = render_doc(_doc(), private=True)
    assert "Pay scale review" in private  # the private record keeps it whole


def test_a_hand_edited_continuity_key_does_not_drop_the_file() -> None:
    text = render_doc(_doc()).replace("speaker_limit = 90", 'speaker_limit = "soon"')
    front = parse_front_matter(split_front_matter(text.encode()))
    assert front.decisions and front.speaker_limit is None and not front.items
