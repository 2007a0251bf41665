"""The counted vote on paper: `check`'s located errors, the minutes' `[[votes]]` and body
section read back through tomllib and markdown-it-py, a golden file, secrecy and
confidentiality canaries, and the vote's line in `decisions`."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from facilitator.cli import main
from facilitator.core import commands as C
from facilitator.processes.vote.model import CastVote, CloseVote, OpenVote, SetVoteTotals
from facilitator.store.agenda_file import load_agenda_text
from facilitator.store.meeting_files import write_minutes
from tests.engine_support import ANA, BO, CHEN, DEE, Meeting
from tests.minutes_parse import check_minutes, split_front_matter

GOLDEN = Path(__file__).parent / "golden" / "vote-assembly.md"
CANARY = "qx-secret-motion-3390"

AGENDA = f"""\
[meeting]
title = "Spring assembly"
circle = "Land Trust"
date = 2026-11-24
quorum = 3

[[participants]]
name = "{ANA}"

[[participants]]
name = "{BO}"

[[participants]]
name = "{CHEN}"

[[participants]]
name = "{DEE}"

[[participants]]
name = "Eli Guest"
role = "guest"

[[items]]
title = "Amend bylaw 4.2"
kind = "vote"
duration = "15m"
motion = "Article 4.2 is amended to read: quorum is *one third* | of members."
threshold = "2/3"

[[items]]
title = "Elect the auditor"
kind = "vote"
duration = "10m"
motion = "Dana Wu audits the 2027 accounts."
secret = true
of = "present"

[[items]]
title = "Land purchase"
kind = "vote"
duration = "10m"
motion = "{CANARY}"
confidential = true
"""


def _meeting() -> Meeting:
    m = Meeting(load_agenda_text(AGENDA, "a.toml"))
    m.do(C.StartMeeting((ANA, BO, CHEN, DEE, "Eli Guest")), C.StartItem("item-1"))
    m.do(OpenVote(), CastVote(ANA, "for"), CastVote(BO, "for"), CastVote(CHEN, "for"))
    m.do(CastVote(DEE, "against"), CloseVote(), C.StartItem("item-2"))
    m.do(OpenVote(), SetVoteTotals(2, 1, 1), CloseVote(), C.StartItem("item-3"))
    m.do(OpenVote(), CastVote(ANA, "for"), CloseVote(), C.FinishItem(), C.EndMeeting())
    return m


@pytest.fixture
def written(tmp_path: Path) -> Path:
    return write_minutes(_meeting().state, tmp_path, "2026-11-24-land-trust-assembly", final=True)


def test_the_front_matter_has_a_votes_row_per_shared_vote(written: Path) -> None:
    front = tomllib.loads(split_front_matter(written.read_text(encoding="utf-8"))[0])
    assert front["votes"] == [
        {
            "item": "Amend bylaw 4.2",
            "motion": "Article 4.2 is amended to read: quorum is *one third* | of members.",
            "for": 3,
            "against": 1,
            "abstain": 0,
            "threshold": "2/3",
            "of": "cast",
            "result": "carried",
            "secret": False,
            "base": 4,
            "needed": 3,
            "present": 4,
        },
        {
            "item": "Elect the auditor",
            "motion": "Dana Wu audits the 2027 accounts.",
            "for": 2,
            "against": 1,
            "abstain": 1,
            "threshold": "majority",
            "of": "present",
            "result": "failed",
            "secret": True,
            "base": 4,
            "needed": 3,
            "present": 4,
        },
    ]


def test_the_body_states_result_threshold_and_base_and_parses(written: Path) -> None:
    body = split_front_matter(written.read_text(encoding="utf-8"))[1]
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    inline = [t.content.replace("\\", "") for t in tokens if t.type == "inline"]
    assert (
        "Result: carried: 3 for, 1 against, 0 abstaining; 75% of votes cast, 2/3 needed (3 of 4)"
        in (inline)
    )
    assert (
        "Result: failed: 2 for, 1 against, 1 abstaining; 50% of voting members present, "
        "majority needed (3 of 4)"
    ) in inline
    # The typed motion stays text: no emphasis, and its `|` does not split a table.
    assert "Motion: Article 4.2 is amended to read: quorum is *one third* | of members." in inline
    assert not any(t.type == "em_open" for t in tokens)
    # Person by person on the open vote: each member's vote, in a table of two columns.
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) >= 5
    assert inline[inline.index("Voting member") :][:2] == ["Voting member", "Vote"]
    assert "A secret vote: counted as totals, no names recorded." in inline


def test_markdown_it_and_pandoc_read_the_same_text(written: Path) -> None:
    meta, texts = check_minutes(written.read_text(encoding="utf-8"))
    assert len(meta["votes"]) == 2
    assert "Motion: Article 4.2 is amended to read: quorum is *one third* | of members." in texts


def test_golden(written: Path) -> None:
    text = written.read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_a_confidential_vote_leaves_no_trace(written: Path, tmp_path: Path) -> None:
    shared = written.read_text(encoding="utf-8")
    assert CANARY not in shared and "Land purchase" not in shared
    private = next((tmp_path / ".private").glob("*.private.md")).read_text(encoding="utf-8")
    assert CANARY in private
    assert main(["decisions", str(tmp_path), "--json"]) == 0
    index = next(tmp_path.rglob("*.sqlite3"))
    assert CANARY.encode() not in index.read_bytes()


def test_decisions_shows_each_vote_in_one_line(
    written: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decisions", str(tmp_path), "--json"]) == 0
    rows: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    assert [(r["process"], r["item"], r["outcome"]) for r in rows] == [
        ("vote", "Amend bylaw 4.2", "carried"),
        ("vote", "Elect the auditor", "failed"),
    ]
    assert rows[0]["text"] == (
        "Article 4.2 is amended to read: quorum is *one third* | of members. (carried: 3 for, "
        "1 against, 0 abstaining; 75% of votes cast, 2/3 needed (3 of 4))"
    )


def test_a_secret_vote_names_nobody_in_the_minutes(written: Path, tmp_path: Path) -> None:
    shared = written.read_text(encoding="utf-8")
    section = shared[shared.index("## 2. Elect the auditor") :]
    section = section[: section.index("## 3.")]
    assert not [n for n in (ANA, BO, CHEN, DEE) if n in section]


BAD = """\
[meeting]
title = "Assembly"

[[items]]
title = "No motion"
kind = "vote"
duration = 5

[[items]]
title = "Bad keys"
kind = "vote"
duration = 5
motion = "We do it."
threshold = "60%"
of = "everyone"
secret = "yes"
"""


def test_check_locates_every_vote_mistake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert f'{path}:4: item 1 ("No motion") is missing `motion`, which is required' in err
    assert (
        f'{path}:14: `threshold` in item 2 ("Bad keys"): threshold must be "majority", "2/3", '
        '"3/4" or "unanimous", not "60%"'
    ) in err
    assert (
        f'{path}:15: `of` in item 2 ("Bad keys"): of must be "cast", "present" or "members"' in err
    )
    assert f'{path}:16: `secret` in item 2 ("Bad keys") must be true or false' in err
    assert "Traceback" not in err


def test_new_starts_an_agenda_with_a_vote(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    assert main(["new", str(path), "--title", "Assembly", "--with", "vote"]) == 0
    agenda = load_agenda_text(path.read_text(encoding="utf-8"), str(path))
    assert [i.kind for i in agenda.items][-1] == "vote"


async def test_review_lists_the_votes_among_the_decisions(written: Path, tmp_path: Path) -> None:
    import datetime as dt

    from textual.widgets import DataTable

    from facilitator.store.settings import Settings
    from facilitator.tui.review.app import build_review_app
    from tests.tui_helpers import screen_text

    app = build_review_app(tmp_path, settings=Settings(), today=dt.date(2026, 12, 1))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#decisions-table", DataTable)
        assert table.row_count == 2
        text = screen_text(app)
        assert "carried" in text and "failed" in text
        assert "2 decisions" in text


def test_next_lists_the_last_meetings_votes(written: Path, tmp_path: Path) -> None:
    out = tmp_path / "next.toml"
    assert main(["next", str(written), "-o", str(out), "--date", "2026-12-08"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "# Decided by the processes of the last meeting:" in text
    assert "# - Amend bylaw 4.2: Article 4.2 is amended" in text
    assert "carried: 3 for, 1 against" in text
    assert CANARY not in text and "# A vote item, to copy" not in text
    load_agenda_text(text, str(out))
