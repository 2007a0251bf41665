"""The real app on a real journal, driven by Pilot: whole flows a facilitator runs.

Rules are tested in the pure engine tests; these check the wiring: keys reach
the engine, refusals show as notifications, everything on screen is on disk,
and ending writes the minutes.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.processes.consent.model import consent_of
from facilitator.store.journal import is_finished, read_journal
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from tests.tui_helpers import screen_text, tick

HOSTILE = "[bold]Alex[/]"


def _agenda() -> Agenda:
    return Agenda.model_validate(
        {
            "meeting": {"title": "Budget call", "circle": "Finance", "quorum": 2},
            "stack": {"speaker_limit": "1m"},
            "participants": [
                {"name": "Ana Lima", "key": "a"},
                {"name": HOSTILE, "key": "x"},
                {"name": "Bo Tran", "key": "b", "priority": True},
                {"name": "Gus Guest", "role": "guest"},
            ],
            "items": [
                {"title": "Check-in", "kind": "round", "duration": 5},
                {
                    "title": "Adopt the budget",
                    "kind": "proposal",
                    "duration": 20,
                    "proposal": "We adopt the 2027 budget.",
                },
            ],
        }
    )


def _app(tmp_path: Path, clock: FakeClock) -> FacilitatorApp:
    return build_app(
        None, agenda=_agenda(), minutes_dir=tmp_path / "minutes", clock=clock, settings=Settings()
    )


def _journal(tmp_path: Path) -> Path:
    (found,) = (tmp_path / "minutes" / ".private").glob("*.journal.jsonl")
    return found


async def test_roll_call_round_consent_undo_and_end(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N")  # not started: the roll call opens
        await pilot.pause()
        await pilot.press("enter")  # everyone ticked
        await pilot.pause()
        assert "3 voting members present, 2 needed ✓ · 1 guest" in screen_text(app)
        await pilot.press("j", "enter")  # round from the first present
        await pilot.pause()
        clock.advance(30)
        await pilot.press("e", "u")  # Ana spoke, Alex passes
        await pilot.pause()
        text = screen_text(app)
        assert HOSTILE in text  # shown literally, not as markup
        assert "passed" in text
        await pilot.press("N")  # next item: the proposal
        await pilot.pause()
        await pilot.press("1")  # Ana consents
        await pilot.press("4")  # Alex objects: asks for the reason
        await pilot.pause()
        await pilot.press(*"not yet", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Objection stands" in text and "not yet" in text
        await pilot.press("ctrl+z")  # undo the objection
        await pilot.pause()
        assert "not yet" not in screen_text(app)
        await pilot.press("1", "1", "1")  # Alex, Bo consent; Gus (guest) advisory
        await pilot.pause()
        assert "Supports: adopted" in screen_text(app)
        await pilot.press("O", "enter", "y")  # outcome: the suggestion, confirmed
        await pilot.pause()
        await pilot.press("E", "y")  # end the meeting
        await pilot.pause()
        text = screen_text(app)
        assert "Meeting ended" in text and "adopted" in text
    records = read_journal(_journal(tmp_path)).records
    assert is_finished(records)
    kinds = [r["type"] for r in records]
    assert kinds.count("DecisionRecorded") == 1 and "Undone" in kinds
    minutes = list((tmp_path / "minutes").glob("*.md"))
    assert minutes and "We adopt the 2027 budget." in minutes[0].read_text(encoding="utf-8")


async def test_refusal_is_a_notification_and_changes_nothing(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("N", "enter")
        await pilot.pause()
        before = read_journal(_journal(tmp_path)).records
        await pilot.press("e")  # nobody has the floor
        await pilot.pause()
        assert read_journal(_journal(tmp_path)).records == before
        assert any("Nobody has the floor" in n.message for n in app._notifications)


async def test_quick_key_queue_and_speaker_over_limit(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await pilot.pause()
        await pilot.press("k", "b")  # Bo by quick key
        await pilot.press("q", *"ana", "enter")  # Ana by the fuzzy picker
        await pilot.pause()
        text = screen_text(app)
        assert "Bo Tran" in text and "hasn't spoken" in text
        await pilot.press("n")
        await pilot.pause()
        clock.advance(75)
        await tick(pilot)  # what the 1-second timer does
        assert "PAST LIMIT" in screen_text(app)


async def test_resume_rebuilds_the_screen_from_the_journal(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await pilot.pause()
        await pilot.press("q", *"tran", "enter", "n")
        await pilot.pause()
    journal = _journal(tmp_path)
    again = build_app(
        journal=journal, minutes_dir=tmp_path / "minutes", clock=clock, settings=Settings()
    )
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(again)
        assert "Bo Tran" in text and "Check-in" in text


async def test_add_move_skip_items_and_credit_kind(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await pilot.pause()
        await pilot.press("plus", *"Tool library", "enter", *"15", "ctrl+s")
        await pilot.pause()
        rows = [r.title for r in app.meeting.view(clock.mono).agenda]  # type: ignore[union-attr]
        assert rows == ["Check-in", "Tool library", "Adopt the budget"]
        await pilot.press("M", "enter", "down", "enter")  # move "Tool library" to the end
        await pilot.pause()
        rows = [r.title for r in app.meeting.view(clock.mono).agenda]  # type: ignore[union-attr]
        assert rows == ["Check-in", "Adopt the budget", "Tool library"]
        await pilot.press("minus", "down", "enter", *"no time", "enter")
        await pilot.pause()
        statuses = {r.title: r.status for r in app.meeting.view(clock.mono).agenda}  # type: ignore[union-attr]
        assert statuses["Adopt the budget"] == "skipped"
        await pilot.press("g", *"Ana Lima", "enter", *"ran the numbers", "enter", *"care", "enter")
        await pilot.pause()
        credits = app.meeting.state.credits  # type: ignore[union-attr]
        assert [(c.name, c.kind) for c in credits] == [("Ana Lima", "care")]


async def test_amend_keeps_paragraphs_and_runs_the_round_again(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await pilot.pause()
        await pilot.press("N", "4", *"too vague", "enter")  # the proposal; Ana objects
        await pilot.pause()
        await pilot.press("A", "end", "enter", "enter", *"Reviewed in June.", "ctrl+s")
        await pilot.pause()
        assert app.meeting is not None
        consent = consent_of(app.meeting.state.current_item)
        assert consent is not None
        assert consent.version == 2
        assert consent.text == "We adopt the 2027 budget.\n\nReviewed in June."
        assert "version 2" in screen_text(app)


async def test_a_whole_meeting_ends_in_minutes_that_hold_it(tmp_path: Path) -> None:
    """The issue's script: process and direct response, an overrun with an extension, a
    consent process with an objection integrated then adopted, an action, a credit, a
    conflict, undo of a mistaken entry, and the end; then the minutes file on disk."""
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")  # roll call, first item (a round)
        await pilot.pause()
        await pilot.press("k", "a", "n")  # Ana speaks
        await pilot.press("d", *"tran", "enter")  # Bo: direct response to Ana
        await pilot.press("p", *"gus", "enter")  # Gus (a guest): point of process
        await pilot.pause()
        waiting = app.meeting.view(clock.mono).stack.waiting  # type: ignore[union-attr]
        assert [(w.name, w.kind) for w in waiting] == [
            ("Gus Guest", "process"),
            ("Bo Tran", "direct"),
        ]
        await pilot.press("n", "n")
        clock.advance(6 * 60)  # past the 5-minute timebox
        await tick(pilot)
        assert "OVER" in screen_text(app)
        await pilot.press("x", "enter", *"finish the round", "enter")  # +5m with a reason
        await pilot.pause()
        await pilot.press("m", *"Mistaken note", "enter", "ctrl+z")  # undo a mistaken entry
        await pilot.press("N")  # the proposal
        await pilot.press("4", *"too costly", "enter")  # Ana objects
        await pilot.press("I", "enter", *"cap the cost at 5k", "enter")
        await pilot.press("A", "end", *" Capped at 5k.", "ctrl+s")  # version 2
        await pilot.press("1", "1", "1", "1")  # Ana, Alex, Bo (and Gus, advisory) consent
        await pilot.press(
            "t", *"Send the budget", "enter", *"Bo Tran", "enter", *"2026-12-01", "enter"
        )
        await pilot.press("g", *"Ana Lima", "enter", *"drafted the budget", "enter", "enter")
        await pilot.press("f", *"Outreach line", "enter", *"Bo Tran, Ana Lima", "ctrl+s")
        await pilot.press("O", "enter", "y")  # adopted, confirmed
        await pilot.press("E", "y")
        await pilot.pause()
        assert "Meeting ended" in screen_text(app)
    (minutes,) = (tmp_path / "minutes").glob("*.md")
    text = minutes.read_text(encoding="utf-8")
    for expected in (
        "finish the round",  # the extension's reason
        "too costly",  # the objection
        "cap the cost at 5k",  # how it was integrated
        "Capped at 5k.",  # version 2
        'outcome = "adopted"',
        "version 2",
        "Send the budget",
        "drafted the budget",
        "Outreach line",
        HOSTILE.replace("[", "\\[").replace("]", "\\]"),  # escaped, never markup
    ):
        assert expected in text, expected
    assert "Mistaken note" not in text


async def test_the_bell_rings_once_per_crossing_and_can_be_turned_off(tmp_path: Path) -> None:
    for bell_on in (True, False):
        clock = FakeClock()
        app = build_app(
            None,
            agenda=_agenda(),
            minutes_dir=tmp_path / f"minutes-{bell_on}",
            clock=clock,
            settings=Settings(bell=bell_on),
        )
        rings: list[int] = []
        app.bell = lambda rings=rings: rings.append(1)  # type: ignore[method-assign,misc]
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("N", "enter", "k", "a", "n")
            await pilot.pause()
            clock.advance(65)  # past the 1-minute speaker limit
            await tick(pilot)
            await tick(pilot)  # a second tick: no second ring for the same crossing
            assert "PAST LIMIT" in screen_text(app)
        assert len(rings) == (1 if bell_on else 0)


async def test_a_confidential_conflict_is_masked_on_the_shared_screen(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await pilot.pause()
        await pilot.press("f", *"Rent arrears of a member", "enter", *"Bo Tran", "enter")
        await pilot.press("enter", "enter", "enter", "y", "enter")  # confidential: y
        await pilot.pause()
        text = screen_text(app)
        assert "Rent arrears" not in text
        assert "🔒 confidential" in text
    assert app.meeting is not None
    assert app.meeting.state.conflicts[0].text == "Rent arrears of a member"


async def test_draft_minutes_are_refreshed_at_the_end_of_every_item(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N", "enter")
        await pilot.pause()
        assert not list((tmp_path / "minutes").glob("*.md"))  # nothing finished yet
        await pilot.press("m", *"Everyone checked in", "enter", "N")  # item 1 ends
        await pilot.pause()
        app.meeting.wait_for_writes()  # type: ignore[union-attr]  # drafts: a worker thread
        (draft,) = (tmp_path / "minutes").glob("*.md")
        text = draft.read_text(encoding="utf-8")
        assert 'status = "draft"' in text and "Everyone checked in" in text
