"""A selection's two go-arounds in the minutes (issue 13): the nominations round and the
change round are labelled as such (in the minutes' language), and their turns count as
talk time like every go-around's, a pass excepted (MINUTES_FORMAT.md, "Talk time")."""

from __future__ import annotations

import tomllib

from facilitator.i18n import translator, using
from facilitator.processes.selection import model as S
from facilitator.store.minutes_view import render
from tests.engine_support import ANA, BO, CHEN, DEE, ELI, Meeting
from tests.minutes_parse import split_front_matter
from tests.selection_support import on_selection


def _selection() -> Meeting:
    """Nominations with a minute each (Dee passes), then a change round where only Bo
    speaks (two minutes) and the rest pass; the guest is heard in neither."""
    m = on_selection()
    m.do(S.SelectionStage("nominate"), S.SelectionStage("nominations"))
    for who, nominee in ((ANA, CHEN), (BO, DEE), (CHEN, CHEN)):
        m.tick(60)
        m.do(S.Nominate(nominee, "reasons", name=who))
    m.do(S.NominationPass(name=DEE), S.NominationPass(name=ELI))
    m.do(S.SelectionStage("change"))
    m.do(S.NominationPass(name=ANA))
    m.tick(120)
    m.do(S.Nominate(CHEN, "changed my mind", name=BO))
    m.do(S.NominationPass(name=CHEN), S.NominationPass(name=DEE), S.NominationPass(name=ELI))
    m.do(S.ProposeNominee(CHEN, "most nominations"))
    return m


def test_the_two_rounds_are_labelled_nominations_and_change() -> None:
    body = split_front_matter(render(_selection().state))[1]
    assert "**Nominations round**, 5 asked · passed: Dee Okafor, Eli Guest" in body
    assert "**Change round**, 5 asked · passed: Ana Lima, Chen Wu, Dee Okafor, Eli Guest" in body
    assert "**Round**," not in body


def test_the_labels_are_in_the_minutes_language() -> None:
    state = _selection().state
    with using(translator("es")):
        body = split_front_matter(render(state))[1]
    assert "**Ronda de nominaciones**" in body and "**Ronda de cambios**" in body


def test_their_turns_count_as_talk_time_and_passes_do_not() -> None:
    front = tomllib.loads(split_front_matter(render(_selection().state))[0])
    talk = {r["name"]: (r["turns"], r["seconds"]) for r in front["talk_time"]}
    # Ana's and Chen's nomination took a minute each; Bo spoke in both rounds.
    assert talk[ANA] == (1, 60) and talk[CHEN] == (1, 60)
    assert talk[BO] == (2, 60 + 120)
    # They only passed: no turn and no time (a pass is listed, never counted).
    assert talk.get(DEE, (0, 0)) == (0, 0) and talk.get(ELI, (0, 0)) == (0, 0)
