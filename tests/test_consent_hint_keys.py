"""The consent panel's tally hints name the keys in force: a remapped key shows in the hint
(they said I, A, O and R whatever the keymap was)."""

from __future__ import annotations

from facilitator.core import commands as C
from facilitator.processes.consent.panel import consent_text
from tests.engine_support import ANA, BASE, BO, make_agenda, on_item

REMAPPED = {"integrate": "ctrl+g", "amend": "ctrl+e", "outcome": "ctrl+o", "respond-as": "ctrl+r"}
"""Every key the tally's hints name, moved off its default."""


def _proposal(method: str) -> list[dict[str, object]]:
    return [{**BASE["items"][3], "method": method}]


def test_an_objection_standing_names_the_remapped_integrate_and_amend_keys() -> None:
    m = on_item("item-4", present=(ANA, BO))
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "object", "too soon"))
    text = consent_text(m.state, "item-4", REMAPPED).plain
    assert "✗ Objection stands: Bo Tran — ctrl+g integrates, ctrl+e amends" in text
    assert " I integrates" not in text and " A amends" not in text


def test_s3_one_at_a_time_names_the_remapped_keys() -> None:
    m = on_item("item-1", make_agenda(items=_proposal("s3-consent")), present=(ANA, BO))
    m.do(C.Respond(ANA, "object", "cost"), C.Respond(BO, "no-objection"))
    text = consent_text(m.state, "item-1", REMAPPED).plain
    assert "ctrl+g integrates (one at a time: the first first), ctrl+e amends" in text


def test_an_integrated_objection_names_the_remapped_amend_and_respond_as_keys() -> None:
    m = on_item("item-4", present=(ANA, BO))
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "object", "too soon"))
    m.do(C.Integrate(BO, "we wait a month"))
    text = consent_text(m.state, "item-4", REMAPPED).plain
    assert "Bo Tran — ctrl+e amends (new version, round again), or ctrl+r asks them again" in text


def test_a_block_that_stops_it_names_the_remapped_amend_and_outcome_keys() -> None:
    m = on_item("item-1", make_agenda(items=_proposal("consensus")), present=(ANA, BO))
    m.do(C.Respond(ANA, "agree"), C.Respond(BO, "block", "not now"))
    text = consent_text(m.state, "item-1", REMAPPED).plain
    assert "— ctrl+e amends (new version, asked again), or ctrl+o records not-adopted" in text


def test_supports_names_the_remapped_outcome_key_and_the_default_without_a_keymap() -> None:
    m = on_item("item-4", present=(ANA, BO))
    m.do(C.Respond(ANA, "consent"), C.Respond(BO, "consent"))
    assert "✓ Supports: adopted. ctrl+o records the outcome." in (
        consent_text(m.state, "item-4", REMAPPED).plain
    )
    assert "✓ Supports: adopted. ⇧O records the outcome." in consent_text(m.state, "item-4").plain
