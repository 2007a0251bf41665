"""Rendered minutes read back whole in markdown-it-py and pandoc, with every typed string intact.

These tests fill a `MinutesDoc` directly (every text field from a corpus), so
they exercise the Markdown and TOML writers on their own; tests through the
real Session live in test_minutes_session.py.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.store.md_escape import clean
from facilitator.store.minutes import render_doc
from facilitator.store.minutes_model import (
    ConsentRecord,
    Extension,
    ItemRecord,
    MinutesDoc,
    TalkEntry,
    Version,
)
from tests.minutes_parse import assert_intact, check_minutes, split_front_matter
from tests.minutes_records import (
    action,
    conflict,
    consent_round,
    credit,
    decision,
    integration,
    response,
    turn,
)
from tests.test_md_escape import HOSTILE, typed_text

UTC = dt.UTC


def doc_from_strings(strings: list[str]) -> tuple[MinutesDoc, list[str], list[str]]:
    """A meeting whose every text field comes from `strings` (cycled).

    Returns the doc, the strings placed in one-line fields, and those placed in
    multi-line fields (notes, proposal versions).
    """
    pool = itertools.cycle(strings or [""])
    inline: list[str] = []
    block: list[str] = []

    def one() -> str:
        s = next(pool)
        inline.append(s)
        return s

    def many() -> str:
        s = next(pool)
        block.append(s)
        return s

    names = [one() for _ in range(4)]
    items = []
    talk = []
    for k in range(1, 5):
        consent = None
        if k % 2 == 0:
            consent = ConsentRecord(
                rule="consent",
                versions=(Version(1, many()), Version(2, many(), one())),
                rounds=(
                    consent_round(1, 1, tuple(response(n, "object", one()) for n in names[:2])),
                    consent_round(2, 2, (response(names[2], "concern", one(), advisory=True),)),
                ),
                integrations=(integration(names[0], one(), one()),),
                outcome="adopted-with-concerns",
                review=dt.date(2027, 6, 1),
                quorum_met=True,
            )
        items.append(
            ItemRecord(
                id=f"item-{k}",
                title=one(),
                kind="proposal" if consent else "discussion",
                status="done" if k < 4 else "pending",
                planned_seconds=600,
                actual_seconds=700 if k < 4 else None,
                owner=one(),
                extensions=(Extension(120, one()),),
                notes=(many(), many()),
                turns=tuple(turn(n, 30 * (i + 1)) for i, n in enumerate(names)),
                recused=(names[3],),
                consent=consent,
                confidential=k == 3,
            )
        )
        talk += [TalkEntry(n, f"item-{k}", 1, 30 * (i + 1)) for i, n in enumerate(names)]
    doc = MinutesDoc(
        title=one(),
        circle=one(),
        date=dt.date(2026, 11, 24),
        status="final",
        started=dt.datetime(2026, 11, 24, 23, 2, 11, tzinfo=UTC),
        ended=dt.datetime(2026, 11, 25, 0, 41, 57, tzinfo=UTC),
        agenda_path=next(pool),  # front matter only
        location=one(),
        facilitator=names[0],
        notetaker=names[1],
        timekeeper=names[2],
        present=tuple(names[:3]),
        guests=(names[2],),
        absent=(names[3],),
        left_early=(names[1],),
        quorum=2,
        members_present=2,
        quorum_met=True,
        items=tuple(items),
        decisions=(decision("2026-11-24-x-1", one(), one(), "adopted", "consent", {"consent": 3}),),
        actions=(action(one(), one(), dt.date(2026, 12, 1), one()),),
        credits=(credit(one(), one(), "care", one()),),
        conflicts=(
            conflict(one(), one(), (one(), one()), "open", one(), one()),
            conflict(one(), one(), confidential=True),
        ),
        talk=tuple(talk),
    )
    return doc, inline, block


def _check(strings: list[str]) -> None:
    doc, inline, block = doc_from_strings(strings)
    text = render_doc(doc, private=True)
    meta, texts = check_minutes(text)
    assert_intact(texts, inline, block)
    assert meta["title"] == clean(doc.title)
    assert meta["private"] is True
    shared = render_doc(doc)
    smeta, _ = check_minutes(shared)
    assert "private" not in smeta


def test_hostile_corpus_through_every_field() -> None:
    for shift in range(len(HOSTILE)):
        _check(HOSTILE[shift:] + HOSTILE[:shift])


@settings(max_examples=12)
@given(st.lists(typed_text, min_size=90, max_size=100))
def test_generated_corpus_through_every_field(strings: list[str]) -> None:
    # 12 meetings of >= 90 strings: >= 1,080 typed strings per run.
    _check(strings)


def test_same_doc_same_bytes() -> None:
    doc, _, _ = doc_from_strings(HOSTILE)
    assert render_doc(doc) == render_doc(doc)
    assert render_doc(doc, private=True) == render_doc(doc, private=True)


def test_front_matter_follows_the_contract() -> None:
    doc, _, _ = doc_from_strings(["Ana", "Bo", "Chen", "Dee", "Budget", "x"])
    meta = tomllib.loads(split_front_matter(render_doc(doc))[0])
    for key in (
        "schema",
        "title",
        "circle",
        "date",
        "started",
        "ended",
        "agenda",
        "facilitator",
        "notetaker",
        "timekeeper",
        "present",
        "absent",
        "quorum",
        "quorum_met",
        "status",
    ):
        assert key in meta, key
    assert meta["schema"] == 1
    assert meta["date"] == dt.date(2026, 11, 24)
    assert meta["started"] == dt.datetime(2026, 11, 24, 23, 2, 11, tzinfo=UTC)
    assert meta["status"] == "final"
    d = meta["decisions"][0]
    assert [k for k in d if k in ("consent", "concern", "stand_aside", "object", "block")] == [
        "consent",
        "concern",
        "stand_aside",
        "object",
        "block",
    ]
    assert {"what", "owner", "due", "item", "status"} <= set(meta["actions"][0])
    assert {"to", "for", "kind", "item"} <= set(meta["credits"][0])
    assert {"about", "raised_by", "parties", "status", "next_step", "owner"} <= set(
        meta["conflicts"][0]
    )
    # The confidential item 3's talk time is left out of the shared totals.
    assert {t["name"]: t["seconds"] for t in meta["talk_time"]} == {
        "Ana": 90,
        "Bo": 180,
        "Chen": 270,
        "Dee": 360,
    }
