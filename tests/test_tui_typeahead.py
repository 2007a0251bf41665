"""Type-ahead: keys typed faster than the app answers are handled in order, on the right screen.

Issue 9: `k` and a quick key typed close together crashed the app
(ScreenStackError) or queued the wrong person, and a key typed right after a
modal-opening key was lost. These tests send keys with no pauses at all, and
with seeded random amounts of event-loop time between them (no wall-clock
sleeps), and check that the journal is exactly what the same keys give when
typed slowly: one key, then wait until the app has settled.
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from typing import Any

import pytest
from textual import events

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.journal import read_journal
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from facilitator.tui.commands import all_commands

NAMES = ("Ana Lima", "Bo Tran", "Efua Mensah", "Kofi Boateng")


def agenda() -> Agenda:
    """Four people with quick keys, a discussion and a proposal."""
    return Agenda.model_validate(
        {
            "meeting": {"title": "Fast hands", "circle": "Ops"},
            "participants": [
                {"name": "Ana Lima", "key": "a"},
                {"name": "Bo Tran", "key": "b", "priority": True},
                {"name": "Efua Mensah", "key": "e"},
                {"name": "Kofi Boateng", "key": "k"},
            ],
            "items": [
                {"title": "Updates", "duration": 10},
                {
                    "title": "Adopt the rota",
                    "kind": "proposal",
                    "duration": 20,
                    "proposal": "We adopt the rota.",
                },
                {"title": "Check-out", "kind": "round", "duration": 5},
            ],
        }
    )


def make_app(tmp: Path) -> FacilitatorApp:
    """The real app on a real journal in `tmp`, on a clock that never moves by itself."""
    return build_app(
        None, agenda=agenda(), minutes_dir=tmp / "minutes", clock=FakeClock(), settings=Settings()
    )


def journal_events(tmp: Path) -> list[dict[str, Any]]:
    """Every journal record with its time stamps removed (type, payload, numbering)."""
    (path,) = (tmp / "minutes" / ".private").glob("*.journal.jsonl")
    return [
        {k: v for k, v in r.items() if k not in ("at", "mono")} for r in read_journal(path).records
    ]


def key_event(key: str) -> events.Key:
    """A key as the terminal driver would send it."""
    # A terminal sends "-" for minus: typed into a form, it is text (Pilot would send none).
    named = {"space": " ", "enter": "\r", "tab": "\t", "plus": "+", "minus": "-"}
    char = key if len(key) == 1 else named.get(key)
    return events.Key(key, char)


# Every key the run screen binds (ending the meeting and quitting leave the app: tested
# on their own), the letters of the names, and the keys that answer modals.
# The members' view keys (share, accept-hand) do nothing in a meeting that is not shared.
# A binding of two keys ("ctrl+y,ctrl+shift+z") is typed as its first: a terminal sends one
# key at a time (the bench sent the 19 characters of the name).
RUN_KEYS = sorted(
    {
        s.key.split(",")[0]
        for s in all_commands()
        if s.id not in ("end-meeting", "share", "accept-hand")
    }
)
NAME_KEYS = sorted({c.lower() for n in NAMES for c in n if c.isalpha()} | set("AEBK"))
ANSWER_KEYS = ["enter", "enter", "escape", "escape", "tab", "backspace", "y", "n", "space"]
ALPHABET = RUN_KEYS + NAME_KEYS + ANSWER_KEYS


def stream(seed: int, length: int) -> list[str]:
    """A reproducible random key stream, shaped like a facilitator's typing.

    Mostly phrases (a command key, a few letters, then Enter or Escape), so that
    modals get answered and the meeting moves; sometimes a key from anywhere.
    """
    rng = random.Random(seed)
    keys: list[str] = []
    while len(keys) < length:
        if rng.random() < 0.2:
            keys.append(rng.choice(ALPHABET))
            continue
        keys.append(rng.choice(RUN_KEYS))
        # The start of a name (a picker finds it), or of nothing in particular.
        name = rng.choice(NAMES).lower() if rng.random() < 0.8 else "".join(NAME_KEYS)
        keys.extend(c for c in name[: rng.choice((0, 1, 2, 3))] if c != " ")
        # Enter (next field, or done), Escape (and y to a "discard what you typed?"), Tab.
        keys.extend(
            rng.choice((["enter"], ["enter"], ["enter"], ["escape", "y"], ["escape"], ["tab"]))
        )
    return keys[:length]


async def start(app: FacilitatorApp, pilot: Any) -> None:
    """Take the roll (everyone present) and start the first item, slowly."""
    await pilot.press("N")
    await pilot.press("enter")
    assert app.meeting is not None and app.meeting.state.current == "item-1"


async def type_keys(app: FacilitatorApp, keys: list[str], how: str, rng: random.Random) -> None:
    """Post the keys as a terminal would, with the pauses `how` asks for."""
    for key in keys:
        app.post_message(key_event(key))
        if how == "slow":
            await app.keys.settled()
        elif how == "jitter":
            # A random amount of event-loop time between keys, none of it wall-clock time.
            for _ in range(rng.choice((0, 0, 1, 2, 5, 20, 60))):
                await asyncio.sleep(0)


async def play(tmp: Path, keys: list[str], how: str, seed: int = 0) -> tuple[list[Any], str]:
    """Type `keys` into a fresh meeting; `how` is "slow", "burst" or "jitter"."""
    app = make_app(tmp)
    rng = random.Random(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        # No repaints while the keys go in: painting costs far more than handling a key
        # and changes nothing in what a key does (the pty benchmark keeps painting).
        with app.batch_update():
            await type_keys(app, keys, how, rng)
        await app.keys.settled()
        top = type(app.screen).__name__
        assert app.keys.pending == 0
    assert app._exception is None
    return journal_events(tmp), top


SEEDS = (11, 29, 43, 47, 63)  # 23, then 37 and 41, became streams stuck in one form as keys joined RUN_KEYS (⇧S, ⇧P; ⇧L, ⇧V); 59 stopped covering ctrl+z when the processes brought their keys
LENGTH = 200


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
async def test_random_streams_burst_and_jitter_equal_slow_typing(tmp_path: Path, seed: int) -> None:
    keys = stream(seed, LENGTH)
    slow, slow_top = await play(tmp_path / "slow", keys, "slow")
    burst, burst_top = await play(tmp_path / "burst", keys, "burst")
    jitter, jitter_top = await play(tmp_path / "jitter", keys, "jitter", seed)
    # The stream did things: it is not a run of refusals.
    assert len(slow) >= 5  # the two that start the meeting, and at least three more
    assert burst == slow
    assert jitter == slow
    assert burst_top == jitter_top == slow_top


def test_the_streams_cover_at_least_2000_fast_keys() -> None:
    fast_keys = 2 * len(SEEDS) * LENGTH  # burst and jitter runs
    assert fast_keys >= 2000
    covered = {k for seed in SEEDS for k in stream(seed, LENGTH)}
    # Every run-screen binding, Enter and Escape, and most letters of the names.
    assert set(RUN_KEYS) | {"enter", "escape"} <= covered
    assert len(covered & set(NAME_KEYS)) >= len(NAME_KEYS) - 3


def queued(tmp: Path) -> list[tuple[str, str]]:
    return [(e["name"], e["kind"]) for e in journal_events(tmp) if e["type"] == "SpeakerQueued"]


async def burst(app: FacilitatorApp, *keys: str) -> None:
    for key in keys:
        app.post_message(key_event(key))
    await app.keys.settled()


async def test_k_then_a_quick_key_queues_that_person(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await start(app, pilot)
        # `k b` then `k d`: d is nobody's quick key, so it must not open "Direct response".
        await burst(app, "k", "b", "k", "d", "escape", "k", "e")
        assert type(app.screen).__name__ == "RunScreen"
    assert queued(tmp_path) == [("Bo Tran", "speak"), ("Efua Mensah", "speak")]


async def test_double_enter_in_a_picker_answers_once_and_loses_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await start(app, pilot)
        # The second Enter reaches the run screen (which ignores it); the `n` after it
        # gives Kofi the floor; `q` opens the picker again and takes "Ana".
        await burst(app, "q", "k", "o", "f", "enter", "enter", "n", "q", "a", "n", "a", "enter")
        assert type(app.screen).__name__ == "RunScreen"
    assert app._exception is None
    records = journal_events(tmp_path)
    assert queued(tmp_path) == [("Kofi Boateng", "speak"), ("Ana Lima", "speak")]
    assert [e["name"] for e in records if e["type"] == "FloorGiven"] == ["Kofi Boateng"]


async def test_keys_typed_right_after_a_form_key_go_into_the_form(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await start(app, pilot)
        await burst(app, "k", "a", "m", *"quick", "enter", "n")
    records = journal_events(tmp_path)
    assert [e["text"] for e in records if e["type"] == "NoteAdded"] == ["quick"]
    # The `n` typed after the form closed reached the run screen: Ana has the floor.
    assert [e["name"] for e in records if e["type"] == "FloorGiven"] == ["Ana Lima"]
