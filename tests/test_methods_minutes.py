"""The minutes of a meeting that decides one proposal by each method (issue 13): the front
matter's `[[decisions]]` carry `method`, `positions` (every position, zeros included),
`quorum_met` and `present`, read back by tomllib; the body names the method, gives the
positions, the spread for gradients and fist-to-five, and S3's concerns to consider."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from facilitator import cli
from facilitator.core import commands as C
from facilitator.processes.consent import methods as M
from facilitator.store.minutes_view import render
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, Meeting, make_agenda
from tests.method_runs import ESCAPING_RUNS, OUTCOME
from tests.minutes_parse import split_front_matter


def _meeting() -> Meeting:
    items: list[dict[str, Any]] = [
        {
            "title": f"Decide by {name}",
            "kind": "proposal",
            "duration": "10m",
            "proposal": f"We try {name}.",
            "method": name,
        }
        for name in M.NAMES
    ]
    m = Meeting(make_agenda(meeting={"quorum": 3}, items=items))
    m.do(C.StartMeeting((ANA, BO, CHEN, DEE, ELI)))
    for n, name in enumerate(M.NAMES, 1):
        m.do(C.StartItem(f"item-{n}"))
        for who, word, reason in ESCAPING_RUNS[name]:
            m.do(C.Respond(who, word, reason))
        m.do(C.Respond(ELI, M.METHODS[name].yes))  # a guest: advisory, never counted
        m.do(C.RecordOutcome(OUTCOME.get(name, "adopted")))
        m.do(C.FinishItem())
    return m


def test_front_matter_carries_method_positions_quorum_and_present() -> None:
    front, _ = split_front_matter(render(_meeting().state))
    data = tomllib.loads(front)
    decisions = data["decisions"]
    assert [d["method"] for d in decisions] == list(M.NAMES)
    assert decisions[0]["positions"] == {
        "consent": 2,
        "concern": 1,
        "stand_aside": 1,
        "objection": 0,
    }
    assert decisions[1]["positions"] == {"consent": 4, "objection": 0}
    assert decisions[2]["positions"] == {"no_objection": 3, "concern": 1, "objection": 0}
    assert decisions[3]["positions"] == {"agree": 3, "stand_aside": 1, "block": 0}
    assert decisions[4]["positions"] == {
        "1": 1,
        "2": 0,
        "3": 2,
        "4": 0,
        "5": 0,
        "6": 1,
        "7": 0,
        "8": 0,
    }
    assert decisions[5]["positions"] == {"0": 0, "1": 0, "2": 0, "3": 2, "4": 1, "5": 1}
    for d in decisions:
        assert d["quorum_met"] is True and d["present"] == 4
        assert sum(d["positions"].values()) == 4  # the guest is not counted
    # The keys from before methods stay, so old readers keep reading.
    assert decisions[0]["rule"] == "consent" and decisions[0]["concern"] == 1


def test_body_names_the_method_positions_spread_and_concerns() -> None:
    _, body = split_front_matter(render(_meeting().state))
    assert "**SoFA consent process**" in body
    assert "**Positions** (voting members, last round): Consent 4, Objection 0." in body
    assert "**S3 consent process**" in body
    assert "**Concerns to consider after the agreement**" in body
    assert "- Bo Tran: the \\| audit \\*date\\*" in body
    assert "**Gradients of agreement process**" in body and "**Fist to five process**" in body
    assert "| 3 · Support with reservations | 2 |" in body
    assert "| 8 · Veto | 0 |" in body
    assert "| 0 · Fist | 0 |" in body and "| 5 fingers | 1 |" in body
    # Each person's position reads as its label, and the register gives the counts.
    assert "| Ana Lima | 1 · Whole-hearted endorsement |  |" in body
    assert "2 × 3 · Support with reservations" in body
    # Consent and consensus read as they did before methods.
    assert "**Consent process**" in body and "**Consensus process**" in body


def test_every_table_keeps_its_columns_through_markdown_it() -> None:
    _, body = split_front_matter(render(_meeting().state))
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    widths: list[list[int]] = []
    count = 0
    for t in tokens:
        if t.type == "table_open":
            widths.append([])
        elif t.type in ("th_open", "td_open"):
            count += 1
        elif t.type == "tr_close":
            widths[-1].append(count)
            count = 0
    spreads = [w for w in widths if w[0] == 2]
    assert len(spreads) == 2 and [len(w) for w in spreads] == [9, 7]  # header + 8, header + 6
    assert all(len(set(w)) == 1 for w in widths), "a row lost or gained a column"


def _archive(tmp_path: Path) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2026-11-24-general-circle.md").write_text(render(_meeting().state), "utf-8")
    # Minutes from before methods: no `method`, no `positions`; still read, as consent.
    old = render(_meeting().state).replace("2026-11-24", "2025-01-07")
    front, body = split_front_matter(old)
    kept = [
        line for line in front.splitlines() if not line.startswith(("method = ", "positions = "))
    ]
    (folder / "2025-01-07-old.md").write_text("+++\n" + "\n".join(kept) + "\n+++\n" + body, "utf-8")
    return folder


def test_decisions_json_and_csv_carry_method_and_positions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _archive(tmp_path)
    assert cli.main(["decisions", str(folder), "--json", "--since", "2026-01-01"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_method = {r["method"]: r for r in rows}
    assert set(by_method) == set(M.NAMES)
    assert by_method["gradients"]["positions"] == {
        "1": 1,
        "2": 0,
        "3": 2,
        "4": 0,
        "5": 0,
        "6": 1,
        "7": 0,
        "8": 0,
    }
    assert by_method["sofa-consent"]["positions"] == {"consent": 4, "objection": 0}
    assert cli.main(["decisions", str(folder), "--csv", "--since", "2026-01-01"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    fist = next(r for r in table if r["method"] == "fist-to-five")
    assert json.loads(fist["positions"]) == {"0": 0, "1": 0, "2": 0, "3": 2, "4": 1, "5": 1}
    assert cli.main(["decisions", str(folder), "--grep", "gradients"]) == 0
    out = capsys.readouterr().out
    assert "METHOD" in out and "POSITIONS" in out and "1 1, 3 2, 6 1" in out


def test_old_minutes_without_methods_still_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _archive(tmp_path)
    assert cli.main(["decisions", str(folder), "--json", "--until", "2025-12-31"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(M.NAMES)
    # No `method` key: the `rule` they were written with names it; no positions.
    assert [r["method"] for r in rows] == list(M.NAMES)
    assert all(r["positions"] is None for r in rows)


def test_review_rows_carry_the_method_and_its_counts(tmp_path: Path) -> None:
    from facilitator.store.archive import Archive
    from facilitator.store.archive_rows import Filters
    from facilitator.tui.review.tables import decision_row

    folder = _archive(tmp_path)
    with Archive.open(folder) as archive:
        hits = archive.decisions(Filters(today=dt.date(2026, 12, 2)))
    shown = {h.method: decision_row(h, 200)[-1].plain for h in hits if h.date.year == 2026}
    assert shown["gradients"] == "We try gradients. [gradients: 1: 1, 3: 2, 6: 1]"
    assert shown["sofa-consent"].endswith("[sofa-consent: consent: 4]")
    assert shown["consent"] == "We try consent."  # as before methods
