"""Someone who arrives while a round is going is asked too: last, after everyone already
waiting, and the panel and the minutes say so (they were never asked in a go-around, and cut
in ahead of those waiting in a consent round)."""

from __future__ import annotations

from pathlib import Path

from facilitator.core import commands as C
from facilitator.core.clock import FakeClock
from facilitator.processes.consent.model import asking_order, next_responder
from facilitator.processes.consent.panel import consent_text
from facilitator.processes.round.model import GoAround, last_round
from facilitator.processes.round.panel import round_text
from facilitator.store.journal import read_journal
from facilitator.store.minutes_view import render
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, FAY, Meeting, on_item
from tests.test_tui_run import HOSTILE, _app, _journal
from tests.tui_helpers import screen_text


def go(m: Meeting) -> GoAround:
    found = last_round(m.state.current_item)
    assert found is not None
    return found


def test_a_latecomer_is_asked_last_in_a_go_around_and_the_minutes_say_so() -> None:
    m = on_item("item-1", present=(ANA, BO, CHEN, ELI))
    m.do(C.StartRound())
    m.tick(10)
    m.do(C.RoundNext())  # Ana spoke; Bo's turn
    assert m.types(C.Arrive(DEE)) == ["Arrived", "RoundJoined"]
    assert go(m).order == [ANA, BO, CHEN, ELI, DEE] and go(m).joined == [DEE]
    assert go(m).current == BO, "the latecomer does not cut in"
    assert "○ Dee Okafor (arrived during the round)" in round_text(go(m)).plain
    m.do(C.RoundNext(), C.RoundPass(), C.RoundNext())
    assert go(m).current == DEE and not go(m).done
    speaker = m.state.speaker
    assert speaker is not None and (speaker.name, speaker.kind) == (DEE, "round")
    m.tick(20)
    m.do(C.RoundNext())
    assert go(m).done and go(m).not_reached == [] and go(m).skipped == []
    assert m.replayed() == m.state
    text = render(m.state)
    assert "**Round**, 5 asked · arrived during the round, asked last: Dee Okafor" in text
    assert "passed: Chen Wu" in text and "Dee Okafor (0:20)" in text
    assert "did not respond" not in text


def test_a_latecomer_still_to_come_when_the_round_ends_early_did_not_respond() -> None:
    m = on_item("item-1", present=(ANA, BO))
    m.do(C.StartRound(), C.Arrive(DEE), C.RoundNext(), C.EndRound())
    assert go(m).not_reached == [BO, DEE]
    assert "did not respond: Bo Tran, Dee Okafor" in render(m.state)


def test_who_is_not_added_to_a_go_around() -> None:
    m = on_item("item-1", present=(ANA, BO))
    m.do(C.Recuse(CHEN, "conflict"))  # recused while absent
    m.do(C.StartRound())
    assert m.types(C.Arrive(FAY)) == ["Arrived"], "an observer is never asked"
    assert m.types(C.Arrive(CHEN)) == ["Arrived"], "recused from the item"
    m.do(C.Leave(BO))
    assert m.types(C.Arrive(BO)) == ["Arrived"], "already in the round's order"
    m.do(C.RoundNext(), C.RoundNext())
    assert go(m).done
    assert m.types(C.Arrive(DEE)) == ["Arrived"], "the round is over"
    assert go(m).order == [ANA, BO] and go(m).joined == []


def test_a_walk_in_and_someone_queued_while_absent_join_the_round_too() -> None:
    m = on_item("item-1", present=(ANA, BO))
    m.do(C.StartRound())
    types = m.types(C.AddParticipant("Gil Walker", "member"))
    assert types == ["ParticipantAdded", "RoundJoined"]
    assert m.types(C.Queue(DEE))[:2] == ["Arrived", "RoundJoined"]
    assert go(m).order == [ANA, BO, "Gil Walker", DEE]


def test_undoing_the_arrival_takes_the_latecomer_out_of_the_round() -> None:
    m = on_item("item-1", present=(ANA, BO))
    m.do(C.StartRound(), C.Arrive(DEE))
    m.do(C.Undo())
    assert go(m).order == [ANA, BO] and go(m).joined == []
    assert not m.state.people[DEE.casefold()].present
    m.do(C.RoundNext(), C.RoundNext())
    assert go(m).done


def test_a_latecomer_to_a_consent_round_is_asked_after_those_waiting() -> None:
    m = on_item("item-4", present=(ANA, CHEN, DEE, ELI))
    m.do(C.Respond(ANA, "consent"), C.Respond(CHEN, "consent"))
    assert next_responder(m.state) == DEE
    m.do(C.Arrive(BO))  # Bo sits before Chen in the circle, whose turn is past
    item = m.state.items["item-4"]
    assert next_responder(m.state) == DEE, "the latecomer does not cut in"
    assert [p.name for p in asking_order(m.state, item)] == [ANA, CHEN, DEE, ELI, BO]
    panel = consent_text(m.state, "item-4").plain
    assert "Waiting for 2 member(s)." in panel
    assert "○ Bo Tran (arrived during the round: asked last)" in panel
    assert panel.index("Eli Guest") < panel.index("○ Bo Tran")
    m.do(C.Respond(DEE, "consent"), C.Respond(ELI, "consent"))
    assert next_responder(m.state) == BO
    m.do(C.Respond(BO, "concern", "cost"))
    m.refused(C.RecordOutcome("adopted"), "concerns were given")
    m.do(C.RecordOutcome("adopted-with-concerns"))
    assert m.replayed() == m.state
    text = render(m.state)
    assert "| Bo Tran (arrived during the round) | concern | cost |" in text
    assert "| Ana Lima | consent |" in text
    assert "Bo Tran arrived" in text  # the arrival time, in the comings and goings


def test_who_responded_then_left_and_came_back_did_not_come_late_to_the_round() -> None:
    m = on_item("item-4", present=(ANA, BO))
    m.do(C.Respond(ANA, "consent"), C.Leave(ANA), C.Arrive(ANA), C.Respond(BO, "consent"))
    m.do(C.RecordOutcome("adopted"))
    assert m.replayed() == m.state
    text = render(m.state)
    assert "| Ana Lima | consent |" in text and "arrived during the round" not in text


def test_who_was_here_when_the_consent_round_opened_is_not_a_latecomer() -> None:
    m = on_item("item-4", present=(ANA, CHEN))
    m.do(C.Arrive(BO))  # before the round opened: asked in circle order
    m.do(C.Respond(ANA, "consent"))
    assert next_responder(m.state) == BO
    assert "arrived during the round" not in consent_text(m.state, "item-4").plain
    m.do(C.Amend("We adopt the 2027 budget, revised."))  # version 2: a new round
    m.do(C.Arrive(DEE), C.Respond(ANA, "consent"))
    assert [p.name for p in asking_order(m.state, m.state.items["item-4"])] == [ANA, BO, CHEN, DEE]
    m.do(C.Respond(BO, "consent"), C.Respond(CHEN, "consent"), C.Respond(DEE, "consent"))
    m.do(C.RecordOutcome("adopted"))
    text = render(m.state)
    # Round 1 was on version 1 and Dee arrived after it: only round 2 marks her.
    round_1, round_2 = text.split("**Round 1**")[1].split("**Round 2**")
    assert "arrived during the round" not in round_1
    assert "| Dee Okafor (arrived during the round) | consent |" in round_2


async def test_a_latecomer_through_the_real_app_is_asked_last_and_minuted(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("N", *"tran", "space", "enter")  # roll call: Bo is not here
        await pilot.pause()
        await pilot.press("j", "enter")  # the check-in round, from Ana
        await pilot.pause()
        await pilot.press("e", "a", *"tran", "enter")  # Ana spoke; Bo arrives
        await pilot.pause()
        assert "○ Bo Tran (arrived during the round)" in screen_text(app)
        await pilot.press("e", "e")  # Alex, Gus
        await pilot.pause()
        assert "▶ Bo Tran" in screen_text(app)
        await pilot.press("e", "N")  # Bo spoke; the proposal
        await pilot.pause()
        await pilot.press("l", *"tran", "enter", "1", "1")  # Bo steps out; Ana, Alex consent
        await pilot.pause()
        await pilot.press("a", *"tran", "enter")  # Bo is back: Gus is still asked first
        await pilot.pause()
        text = screen_text(app)
        assert "▶ Gus Guest" in text
        assert "○ Bo Tran (arrived during the round: asked last)" in text
        await pilot.press("1", "1")  # Gus, then Bo
        await pilot.pause()
        assert "Supports: adopted" in screen_text(app)
        await pilot.press("O", "enter", "y", "E", "y")
        await pilot.pause()
    records = read_journal(_journal(tmp_path)).records
    joined = [r for r in records if r["type"] == "RoundJoined"]
    assert [(r["item_id"], r["name"]) for r in joined] == [("item-1", "Bo Tran")]
    said = [r["name"] for r in records if r["type"] == "ConsentResponse"]
    assert said == ["Ana Lima", HOSTILE, "Gus Guest", "Bo Tran"]
    (minutes,) = (tmp_path / "minutes").glob("*.md")
    text = minutes.read_text(encoding="utf-8")
    assert "**Round**, 4 asked · arrived during the round, asked last: Bo Tran" in text
    assert "| Bo Tran (arrived during the round) | consent |" in text
    assert "Bo Tran came back" in text


def test_someone_leaving_on_their_round_turn_is_skipped_and_the_round_moves_on() -> None:
    """The pointer stayed on whoever left, with nobody holding the floor: end-turn said
    "nobody has the floor" and the only way on was a pass recorded in their name."""
    m = on_item("item-1", present=(ANA, BO, CHEN, DEE))
    m.do(C.StartRound(), C.RoundNext())
    m.tick(3)
    assert m.types(C.Leave(BO)) == ["RoundSkipped", "Left"]
    speaker = m.state.speaker
    assert go(m).current == CHEN and speaker is not None and speaker.name == CHEN
    assert m.types(C.Recuse(CHEN, "conflict")) == ["RoundSkipped", "Recused"]
    assert go(m).current == DEE and go(m).skipped == [BO, CHEN] and go(m).passed == []
    # The turns the round handed them were no turns at speaking: no talk time either.
    assert [t.name for t in m.state.turns] == [ANA]
    assert BO not in m.state.turn_totals and CHEN not in m.state.turn_totals
    m.do(C.RoundNext())
    assert go(m).done
    text = render(m.state)
    assert "did not respond: Bo Tran, Chen Wu" in text
    assert "**Speakers, in order:** Ana Lima (0:00), Dee Okafor (0:00)" in text
    m.do(C.Undo())  # Dee's turn
    m.do(C.Undo())  # the recusal: Chen is on the turn again
    assert go(m).current == CHEN and go(m).skipped == [BO]


def test_someone_skipped_while_away_is_asked_again_at_the_end_when_back() -> None:
    m = on_item("item-1", present=(ANA, BO, CHEN))
    m.do(C.StartRound(), C.RoundNext(), C.Leave(BO))
    assert go(m).current == CHEN and go(m).skipped == [BO]
    assert m.types(C.Arrive(BO)) == ["Arrived", "RoundJoined"]
    assert go(m).order == [ANA, BO, CHEN, BO] and go(m).skipped == []
    text = round_text(go(m)).plain
    assert "⤼ Bo Tran (left; asked again at the end)" in text
    assert "○ Bo Tran (arrived during the round)" in text
    m.do(C.RoundNext())
    speaker = m.state.speaker
    assert go(m).current == BO and speaker is not None and speaker.name == BO
    m.tick(15)
    m.do(C.RoundNext())
    assert go(m).done
    assert "✓ Bo Tran" in round_text(go(m)).plain
    assert m.replayed() == m.state
    minutes = render(m.state)
    assert "**Round**, 3 asked · arrived during the round, asked last: Bo Tran" in minutes
    assert "Bo Tran (0:15)" in minutes and "did not respond" not in minutes
    m.do(C.Leave(BO), C.Arrive(BO))  # after the round is done: nothing to ask
    assert go(m).order == [ANA, BO, CHEN, BO]


def test_leaving_while_someone_holds_the_floor_outside_the_round_moves_only_the_pointer() -> None:
    m = on_item("item-1", present=(ANA, BO, CHEN))
    m.do(C.StartRound(), C.GiveFloor(DEE))  # Dee, absent, speaks out of the round's order
    m.do(C.Leave(ANA))
    speaker = m.state.speaker
    assert go(m).current == BO and speaker is not None and speaker.name == DEE
    assert go(m).skipped == [ANA]
