"""Every decision method run to its end from the keyboard (issue 13), in the real app under
Pilot: the Footer offers the item's method's positions (and nothing else on the digits), F1
shows its stages, a position that needs a reason asks for one, and the outcome is recorded
with the method in the journal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.processes.consent import methods as M
from facilitator.store.journal import read_journal
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from tests.tui_helpers import screen_text

# Per method: Ana's key and reason (one that needs a reason asks for it), then Bo's key;
# the outcome the tally then supports (the outcome picker offers it first).
RUNS = {
    "consent": ("2", "timing", "1", "adopted-with-concerns"),
    "sofa-consent": ("1", "", "1", "adopted"),
    "s3-consent": ("2", "the audit", "1", "adopted-with-concerns"),
    "consensus": ("3", "our values", "1", "not-adopted"),
    "gradients": ("8", "the lease", "3", "not-adopted"),
    "fist-to-five": ("4", "", "5", "adopted"),
}


def _app(tmp_path: Path, method: str) -> FacilitatorApp:
    agenda = Agenda.model_validate(
        {
            "meeting": {"title": "Methods", "quorum": 1},
            "participants": [{"name": "Ana Lima", "key": "a"}, {"name": "Bo Tran", "key": "b"}],
            "items": [
                {
                    "title": "Adopt it",
                    "kind": "proposal",
                    "duration": 10,
                    "proposal": "We do.",
                    "method": method,
                },
            ],
        }
    )
    return build_app(
        None,
        agenda=agenda,
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(),
        settings=Settings(),
    )


def _records(tmp_path: Path) -> list[dict[str, object]]:
    (journal,) = (tmp_path / "minutes" / ".private").glob("*.journal.jsonl")
    return [json.loads(json.dumps(r)) for r in read_journal(journal).records]


@pytest.mark.parametrize("method", M.NAMES)
async def test_a_method_runs_to_its_end_from_the_keyboard(tmp_path: Path, method: str) -> None:
    table = M.METHODS[method]
    ana_key, reason, bo_key, outcome = RUNS[method]
    ana, bo = table.by_key(ana_key), table.by_key(bo_key)
    assert ana is not None and bo is not None
    app = _app(tmp_path, method)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("N", "enter", "N")  # roll call, then the proposal
        await pilot.pause()
        active = {
            b.binding.id: b.binding.description
            for b in app.screen.active_bindings.values()
            if b.binding.id and b.binding.id.startswith("respond-") and b.binding.id != "respond-as"
        }
        # One key per position of this method, in its words; no other digit is bound.
        assert active == {f"respond-{d}": p.short or p.label for d, p in table.key_positions()}
        await pilot.press("f1")
        await pilot.pause()
        # The help wraps inside its frame: compare the words, whatever the line breaks.
        text = " ".join(re.sub(r"[█│╭╮╰╯─▀▄]", " ", screen_text(app)).split())
        for n, stage in enumerate(table.stages, 1):
            assert f"{n}. {stage.label}:" in text
        await pilot.press("escape")
        await pilot.press(ana_key)
        await pilot.pause()
        if reason or ana.reason:
            await pilot.press(*reason, "enter")
        await pilot.press(bo_key)
        await pilot.pause()
        if bo.reason:
            await pilot.press("enter")  # an optional reason, left empty
        await pilot.pause()
        await pilot.press("O", "enter", "y")  # the tally's suggestion, confirmed
        await pilot.pause()
    records = _records(tmp_path)
    responses = [(r["name"], r["response"]) for r in records if r["type"] == "ConsentResponse"]
    assert responses == [("Ana Lima", ana.id), ("Bo Tran", bo.id)]
    (decided,) = [r for r in records if r["type"] == "DecisionRecorded"]
    assert decided["outcome"] == outcome
    reasons = [r["reason"] for r in records if r["type"] == "ConsentResponse"]
    assert reasons[0] == reason
