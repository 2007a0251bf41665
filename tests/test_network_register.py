"""The register of a whole network: ids unique across it, old ids still found, the latest
status of an action or conflict across circle folders, and `next --repo`.

Real files throughout (the real minutes writer, the real index); the publish round trip
drives the real `git` against a bare "remote" on disk (fixtures from test_network_publish).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.core.records import Action, Conflict
from facilitator.store.meeting_files import new_stem, write_minutes
from facilitator.store.minutes_model import MinutesDoc
from facilitator.store.minutes_records import Logged, Registered, action_due
from facilitator.store.minutes_writer import write_minutes_doc
from tests.minutes_records import action, conflict, decision
from tests.session_meetings import governance_meeting
from tests.test_network_publish import git, git_env, network

__all__ = ["git_env"]  # the fixture, used here by name

UTC = dt.UTC


def _front(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return tomllib.loads(text[4 : text.index("\n+++\n", 3) + 1])


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main([*argv, "--json"]) == 0
    rows: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return rows


def _meeting(
    circle: str,
    date: dt.date,
    title: str,
    *,
    started: dt.datetime | None = None,
    actions: tuple[Logged[Action], ...] = (),
    conflicts: tuple[Logged[Conflict], ...] = (),
    decisions: tuple[Registered, ...] = (),
) -> MinutesDoc:
    return MinutesDoc(
        title=title,
        circle=circle,
        date=date,
        status="final",
        started=started,
        present=("Ana Lima", "Bo Tran"),
        actions=actions,
        conflicts=conflicts,
        decisions=decisions,
    )


def _write(folder: Path, stem: str, doc: MinutesDoc) -> Path:
    return write_minutes_doc(doc, folder, stem).shared


# ---- ids -----------------------------------------------------------------------------------


def test_two_meetings_of_a_circle_on_one_day_have_distinct_decision_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "minutes"
    paths = []
    for _ in range(2):  # the same agenda run twice on one day: stems X and X-2
        state = governance_meeting().session.state
        stem = new_stem(folder, state.agenda, dt.date(2026, 12, 3))
        paths.append(write_minutes(state, folder, stem, final=True))
    ids = [[d["id"] for d in _front(p)["decisions"]] for p in paths]  # type: ignore[attr-defined]
    assert ids == [
        ["2026-12-03-general-circle-governance-1"],
        ["2026-12-03-general-circle-governance-2-1"],
    ]
    found = _json(capsys, "decisions", str(folder))
    assert sorted(str(d["id"]) for d in found) == sorted(i for row in ids for i in row)
    # Each id names its own file's stem, so it is unique wherever the file is published.
    assert all(str(d["id"]).startswith(Path(str(d["path"])).stem + "-") for d in found)


def _old(circle_folder: Path, stem: str, text: str, review: dt.date | None = None) -> Path:
    """Minutes written before ids were unique: `<date>-<circle>-N`, whatever the stem."""
    made = decision(
        "2026-11-24-general-circle-1", "Budget", text, "adopted", "consent", {"consent": 2}, review
    )
    doc = _meeting(
        "General Circle", dt.date(2026, 11, 24), "General Circle — November", decisions=(made,)
    )
    return _write(circle_folder, stem, doc)


def test_old_style_ids_are_still_found_and_each_can_be_cited_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "network"
    gc = repo / "general-circle"
    _old(gc, "2026-11-24-general-circle-november", "We adopt the budget.")
    _old(gc, "2026-11-24-general-circle-november-2", "We adopt the rota.")
    old_id = "2026-11-24-general-circle-1"
    both = _json(capsys, "decisions", str(repo), "--id", old_id)
    assert sorted(str(d["text"]) for d in both) == ["We adopt the budget.", "We adopt the rota."]
    assert all(d["circle"] == "General Circle" for d in both)
    # Which one is which, and how to cite it alone.
    capsys.readouterr()
    assert main(["decisions", str(repo), "--id", old_id]) == 0
    err = capsys.readouterr().err
    assert "2 decisions have the id" in err
    assert "2026-11-24-general-circle-november-1" in err
    assert "2026-11-24-general-circle-november-2-1" in err
    [second] = _json(
        capsys, "decisions", str(repo), "--id", "2026-11-24-general-circle-november-2-1"
    )
    assert second["text"] == "We adopt the rota."
    assert _json(capsys, "decisions", str(repo), "--id", "2026-11-24-nowhere-1") == []


def test_new_ids_are_found_by_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "minutes"
    state = governance_meeting().session.state
    write_minutes(state, folder, new_stem(folder, state.agenda, dt.date(2026, 12, 3)), final=True)
    [hit] = _json(
        capsys, "decisions", str(folder), "--id", "2026-12-03-general-circle-governance-1"
    )
    assert hit["item"] == "Adopt the guest-room booking policy"


def test_next_cites_an_old_style_id_carried_for_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "network"
    minutes = _old(
        repo / "general-circle",
        "2026-11-24-general-circle-november",
        "We adopt the budget.",
        review=dt.date(2026, 12, 10),
    )
    out = tmp_path / "next.toml"
    assert main(["next", str(minutes), "-o", str(out), "--date", "2026-12-01"]) == 0
    agenda = tomllib.loads(out.read_text(encoding="utf-8"))
    notes = [str(i.get("notes", "")) for i in agenda["items"]]
    assert any("Decision 2026-11-24-general-circle-1:\nWe adopt the budget." in n for n in notes)


# ---- latest status across circle folders -----------------------------------------------


INSURANCE = action("Renew the insurance", "Ana Lima", dt.date(2026, 12, 1))
DISPUTE = conflict("Use of the van", "Bo Tran", ("Bo Tran", "Ana Lima"), next_step="Talk")


def _board_opens(repo: Path) -> Path:
    doc = _meeting(
        "Board",
        dt.date(2026, 11, 3),
        "Board — November",
        started=dt.datetime(2026, 11, 3, 18, 0, tzinfo=UTC),
        actions=(INSURANCE, action("Book the hall", "Bo Tran")),
        conflicts=(DISPUTE,),
    )
    return _write(repo / "board", "2026-11-03-board-november", doc)


def _general_closes(repo: Path) -> Path:
    doc = _meeting(
        "General Circle",
        dt.date(2026, 11, 20),
        "General Circle — November",
        started=dt.datetime(2026, 11, 20, 18, 0, tzinfo=UTC),
        # Carried into the general circle's meeting and closed there (issue 7).
        actions=(
            action(
                INSURANCE.record.text,
                INSURANCE.record.owner,
                action_due(INSURANCE.record),
                status="done",
            ),
        ),
        conflicts=(
            conflict(
                DISPUTE.record.text,
                DISPUTE.record.raised_by,
                tuple(DISPUTE.record.parties),
                "resolved",
            ),
        ),
    )
    return _write(repo / "general-circle", "2026-11-20-general-circle-november", doc)


def _where(capsys: pytest.CaptureFixture[str], repo: Path, *extra: str) -> dict[str, object]:
    """What the register says of the insurance action and the van dispute."""
    actions = _json(capsys, "actions", str(repo), "--all", *extra)
    conflicts = _json(capsys, "conflicts", str(repo), "--all", *extra)
    [action] = [a for a in actions if a["what"] == INSURANCE.record.text]
    [conflict] = [c for c in conflicts if c["about"] == DISPUTE.record.text]
    return {
        "action": (action["status"], action["circle"], action["first"], action["circles"]),
        "conflict": (conflict["status"], conflict["circle"], conflict["circles"]),
    }


CLOSED = {
    "action": ("done", "General Circle", "2026-11-03", ["Board", "General Circle"]),
    "conflict": ("resolved", "General Circle", ["Board", "General Circle"]),
}


def test_a_later_meeting_of_another_circle_closes_an_action_and_a_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "network"
    _board_opens(repo)
    _general_closes(repo)
    assert _where(capsys, repo) == CLOSED
    # The board's own view says the same: the entry is the board's, closed elsewhere.
    assert _where(capsys, repo, "--circle", "Board") == CLOSED
    open_now = _json(capsys, "actions", str(repo))
    assert [a["what"] for a in open_now] == ["Book the hall"]
    assert _json(capsys, "conflicts", str(repo)) == []
    # As of a date before the general circle met, it was still open.
    before = _json(capsys, "actions", str(repo), "--until", "2026-11-10")
    assert sorted(str(a["what"]) for a in before) == ["Book the hall", "Renew the insurance"]


def test_the_latest_status_holds_whichever_file_arrives_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "network"
    later = _general_closes(repo)
    os.utime(later, (1_700_000_000, 1_700_000_000))
    _json(capsys, "actions", str(repo), "--all")  # indexed alone first
    earlier = _board_opens(repo)  # the earlier meeting's file arrives after (newer mtime)
    assert earlier.stat().st_mtime > later.stat().st_mtime
    assert _where(capsys, repo) == CLOSED


def test_two_meetings_of_one_day_are_ordered_by_start_then_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "network"
    day = dt.date(2026, 11, 20)

    def at(circle: str, folder: str, stem: str, hour: int | None, status: str) -> None:
        started = None if hour is None else dt.datetime(2026, 11, 20, hour, 0, tzinfo=UTC)
        carried = action(INSURANCE.record.text, INSURANCE.record.owner, status=status)
        _write(
            repo / folder, stem, _meeting(circle, day, stem, started=started, actions=(carried,))
        )

    # The board met in the evening and closed it; the general circle met that morning. The
    # board's folder and file name sort first, so only the start time puts it last.
    at("Board", "board", "2026-11-20-board-evening", 19, "done")
    at("General Circle", "general-circle", "2026-11-20-general-circle-morning", 9, "open")
    [hit] = _json(capsys, "actions", str(repo), "--all")
    assert (hit["status"], hit["circle"]) == ("done", "Board")
    # With no start time in either (hand-written minutes), the file name decides: "z" > "a".
    other = tmp_path / "other"
    repo = other
    at("Board", "b", "2026-11-20-board-z", None, "dropped")
    at("General Circle", "a", "2026-11-20-general-circle-a", None, "open")
    [hit] = _json(capsys, "actions", str(other), "--all")
    assert (hit["status"], hit["circle"]) == ("open", "General Circle")


def test_the_latest_status_holds_across_a_publish_round_trip(
    tmp_path: Path, git_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _remote, (board_clone, general_clone) = network(tmp_path, 2)
    board_file = _board_opens(tmp_path / "board-laptop")
    general_file = _general_closes(tmp_path / "general-laptop")
    # The general circle publishes first; the board's earlier meeting arrives after it.
    assert main(["publish", str(general_file), "--repo", str(general_clone)]) == 0
    assert main(["publish", str(board_file), "--repo", str(board_clone)]) == 0
    assert main(["sync", "--repo", str(general_clone)]) == 0
    for clone in (board_clone, general_clone):
        assert sorted(git("-C", clone, "ls-files", "*.md").split()) == [
            "board/2026-11-03-board-november.md",
            "general-circle/2026-11-20-general-circle-november.md",
        ]
        assert _where(capsys, clone) == CLOSED


# ---- next --repo -------------------------------------------------------------------------


def test_next_with_repo_carries_the_circles_items_from_the_whole_network(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "network"
    _board_opens(repo)
    _general_closes(repo)
    review = decision(
        "2026-12-01-board-december-1",
        "Hall fees",
        "We raise the hall fee.",
        "adopted",
        "consent",
        {"consent": 2},
        dt.date(2026, 12, 20),
    )
    december = _meeting("Board", dt.date(2026, 12, 1), "Board — December", decisions=(review,))
    # The note-taker's own copy, published into the board's folder.
    local = _write(tmp_path / "laptop", "2026-12-01-board-december", december)
    out = tmp_path / "next.toml"
    argv = ["next", str(local), "-o", str(out), "--date", "2026-12-15", "--repo", str(repo)]
    capsys.readouterr()
    assert main(argv) == 1  # not published yet: the register does not hold this meeting
    err = capsys.readouterr().err
    assert "not in the network repository" in err and "facilitator publish" in err
    assert not out.exists()
    _write(repo / "board", "2026-12-01-board-december", december)
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "from: Board, in every folder of the network repository" in err
    assert f"# Carried for Board from every folder of {repo}." in out.read_text(encoding="utf-8")
    agenda = tomllib.loads(out.read_text(encoding="utf-8"))
    # The insurance was closed by the general circle: not carried. The hall is still open.
    assert [a["what"] for a in agenda.get("actions", [])] == ["Book the hall"]
    titles = [str(i["title"]) for i in agenda["items"]]
    assert "Review: Hall fees" in titles
    assert not any("van" in t for t in titles)  # the dispute was resolved elsewhere
    # Without --repo, only the board's folder is read: the closing is not seen.
    out2 = tmp_path / "next2.toml"
    in_repo = repo / "board" / "2026-12-01-board-december.md"
    assert main(["next", str(in_repo), "-o", str(out2), "--date", "2026-12-15"]) == 0
    agenda2 = tomllib.loads(out2.read_text(encoding="utf-8"))
    assert sorted(a["what"] for a in agenda2["actions"]) == ["Book the hall", INSURANCE.record.text]


def test_next_repo_must_be_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    minutes = _old(tmp_path / "minutes", "2026-11-24-general-circle-november", "We adopt it.")
    assert main(["next", str(minutes), "--repo", str(tmp_path / "missing")]) == 1
    assert "no such folder" in capsys.readouterr().err


async def test_review_reads_every_circle_folder_with_the_latest_status(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from facilitator.store.settings import Settings
    from facilitator.tui.review.app import build_review_app
    from tests.tui_helpers import screen_text

    repo = tmp_path / "network"
    _board_opens(repo)
    _general_closes(repo)
    app = build_review_app(repo, settings=Settings(), today=dt.date(2026, 12, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one("#decisions-table", DataTable).focus()
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.query_one("#actions-table", DataTable).row_count == 1
        text = screen_text(app)
        assert "Book the hall" in text and "Board" in text
        assert INSURANCE.record.text not in text  # closed by the general circle, in another folder
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.query_one("#conflicts-table", DataTable).row_count == 0


def test_start_times_order_to_the_microsecond(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hand-written minutes may give fractions of a second; text order must be time order."""
    repo = tmp_path / "network"

    def hand_written(folder: str, name: str, started: str, status: str) -> None:
        (repo / folder).mkdir(parents=True, exist_ok=True)
        (repo / folder / name).write_text(
            f'+++\ntitle = "T"\ncircle = "{folder}"\ndate = 2026-11-20\n'
            f"started = {started}\n"
            f'[[actions]]\nwhat = "Renew the insurance"\nowner = "Ana Lima"\nstatus = "{status}"\n'
            "+++\n",
            encoding="utf-8",
        )

    # The later start has the name and folder that sort first.
    hand_written("a", "2026-11-20-a.md", "2026-11-20T18:00:00.500Z", "done")
    hand_written("b", "2026-11-20-b.md", "2026-11-20T18:00:00Z", "open")
    [hit] = _json(capsys, "actions", str(repo), "--all")
    assert (hit["status"], hit["circle"]) == ("done", "a")
