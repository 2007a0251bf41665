"""A 60-person room (issue 11): lists that follow the current person, counts, the roll
call's filter, two-letter quick keys, distinct names. The real app under Pilot on the
bundled 60-person sample agenda."""

from __future__ import annotations

import tomllib
from pathlib import Path

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.journal import read_journal
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from tests.tui_helpers import screen_text

SAMPLE = Path(__file__).parent.parent / "agendas" / "general-assembly-60.toml"


def _agenda() -> Agenda:
    with SAMPLE.open("rb") as f:
        return Agenda.model_validate(tomllib.load(f))


def _app(tmp_path: Path) -> FacilitatorApp:
    return build_app(
        None,
        agenda=_agenda(),
        minutes_dir=tmp_path / "minutes",
        clock=FakeClock(),
        settings=Settings(),
    )


def _journal(tmp_path: Path) -> Path:
    (found,) = (tmp_path / "minutes" / ".private").glob("*.journal.jsonl")
    return found


def test_all_sixty_get_a_distinct_quick_key() -> None:
    agenda = _agenda()
    keys = agenda.quick_keys()
    assert len(agenda.participants) == 60
    assert len(keys) == 60 and len(set(keys.values())) == 60
    # Two letters each, none the start of another.
    assert all(len(k) == 2 for k in keys.values())


def test_agenda_keys_stay_and_no_pair_starts_with_one() -> None:
    data = tomllib.loads(SAMPLE.read_text(encoding="utf-8"))
    data["participants"][2]["key"] = "a"
    keys = Agenda.model_validate(data).quick_keys()
    assert keys["Amara Okoye"] == "a"
    others = [k for n, k in keys.items() if n != "Amara Okoye"]
    assert len(others) == 59 and not any(k.startswith("a") for k in others)
    assert len(set(keys.values())) == 60


def test_a_small_room_keeps_one_letter_keys() -> None:
    agenda = Agenda.model_validate(
        {
            "meeting": {"title": "T"},
            "participants": [{"name": "Ana Lima"}, {"name": "Bo Tran"}],
            "items": [{"title": "x", "duration": 5}],
        }
    )
    assert agenda.quick_keys() == {"Ana Lima": "a", "Bo Tran": "b"}


async def _start(app: FacilitatorApp, pilot: object) -> None:
    await pilot.press("N")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_every_one_of_sixty_is_reachable_by_k_and_two_letters(tmp_path: Path) -> None:
    app = _app(tmp_path)
    keys = _agenda().quick_keys()
    async with app.run_test(size=(120, 40)) as pilot:
        await _start(app, pilot)
        for key in keys.values():
            await pilot.press("k", *key)
        await pilot.pause()
    queued = [
        r["name"] for r in read_journal(_journal(tmp_path)).records if r["type"] == "SpeakerQueued"
    ]
    assert queued == list(keys)


async def test_quick_key_screen_waits_for_the_second_letter(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _start(app, pilot)
        await pilot.press("k", "x")
        await pilot.pause()
        assert "x… (the second letter" in screen_text(app)
        await pilot.press("q")  # "xq": no one
        await pilot.pause()
        assert any("No one has the quick key 'xq'" in n.message for n in app._notifications)


async def test_roll_call_filter_space_toggles_the_filtered_person(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("N")
        await pilot.pause()
        assert "60 of 60 ticked present" in screen_text(app)
        await pilot.press(*"zeyn")
        await pilot.pause()
        text = screen_text(app)
        assert "Find: zeyn" in text and "Zeynep Aydin" in text and "Amara Okoye" not in text
        await pilot.press("space")  # Zeynep is absent
        await pilot.pause()
        assert "59 of 60 ticked present" in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await pilot.pause()
        assert "Amara Okoye" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
    records = read_journal(_journal(tmp_path)).records
    (started,) = [r for r in records if r["type"] == "MeetingStarted"]
    assert "Zeynep Aydin" not in started["present"] and len(started["present"]) == 59


async def test_the_round_list_follows_whoever_is_next(tmp_path: Path) -> None:
    app = _app(tmp_path)
    order = [p.name for p in _agenda().participants]
    async with app.run_test(size=(80, 24)) as pilot:
        await _start(app, pilot)
        await pilot.press("j", "enter")
        await pilot.pause()
        for turn in range(59):
            if turn in (0, 10, 25, 40, 58):
                text = screen_text(app)
                assert order[turn] in text, turn
                assert f"{turn} of 60 heard" in text
                assert order[-1] not in text or turn > 45
            await pilot.press("u")  # pass: the next person's turn
            await pilot.pause()


async def test_the_consent_list_follows_whoever_is_next(tmp_path: Path) -> None:
    app = _app(tmp_path)
    order = [p.name for p in _agenda().participants]
    async with app.run_test(size=(120, 40)) as pilot:
        await _start(app, pilot)
        await pilot.press("N")  # the proposal
        await pilot.pause()
        for turn in range(60):
            if turn in (1, 12, 30, 47, 59):
                text = screen_text(app)
                assert f"{turn} of 60 responded" in text, turn
                assert order[turn] in text.split("responded", 1)[1], turn
            await pilot.press("1")
            await pilot.pause()
        assert "60 of 60 responded" in screen_text(app)
