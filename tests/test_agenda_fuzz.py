"""The seeded agenda mutation campaign, CI-sized (issue 10): tracebacks 0, hangs 0.

2,000 mutants of the sample agendas go through `check`'s loader; a sample of those
that load (every third, up to 30) runs as a whole meeting on real files: journal,
scripted commands, draft minutes, crash, resume, end, final minutes, export. See
tests/agenda_fuzz_support.py; `python -m bench.agenda_fuzz` runs the longer one.
FACILITATOR_FUZZ_MUTANTS / FACILITATOR_FUZZ_MEETINGS / FACILITATOR_FUZZ_SEED change
the size and seed (`pytest -s` prints the counts).
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.agenda_fuzz_support import SAMPLES, Outcome, campaign, check_one, run_meeting

MUTANTS = int(os.environ.get("FACILITATOR_FUZZ_MUTANTS", "2000"))
MEETINGS = int(os.environ.get("FACILITATOR_FUZZ_MEETINGS", "30"))
SEED = int(os.environ.get("FACILITATOR_FUZZ_SEED", "20261201"))


def test_two_thousand_mutants_no_traceback_no_hang_and_sampled_meetings_recover() -> None:
    outcome = campaign(SEED, MUTANTS, MEETINGS, every=3)
    print(
        f"\nagenda fuzz: seed {SEED}, {outcome.mutants} mutants, {outcome.loaded} load, "
        f"{outcome.meetings} run as meetings ({outcome.commands} commands accepted, "
        f"{outcome.refused} refused), failures: {len(outcome.failures)}"
    )
    assert outcome.failures == []
    assert outcome.mutants == MUTANTS
    # The mutations really do break files, and enough still load to run meetings.
    assert 0 < outcome.loaded < outcome.mutants
    assert outcome.meetings == min(MEETINGS, (outcome.loaded + 2) // 3)
    assert outcome.commands > outcome.meetings * 10


def test_the_defects_of_issue_10_are_among_the_mutations() -> None:
    """The hostile values the campaign draws from, one by one: each is refused, located."""
    base = (
        b'[meeting]\ntitle = "T"\n{extra}\n[[participants]]\nname = "Ana"\n'
        b'[[items]]\ntitle = "x"\nduration = 5\n'
    )
    for extra in [
        b"quorum = { numerator = 1, denominator = 0 }",
        b"quorum = { count = -5 }",
        b"date = 0001-01-01\nstart = 18:00:00",
        b'date = 9999-12-31\nstart = 18:00:00\nduration = "90m"',
        b"x = { " + b".".join(b"k%d" % i for i in range(1000)) + b" = 1 }",
    ]:
        assert check_one(base.replace(b"{extra}", extra)) is None, extra


def test_a_loaded_mutant_runs_as_a_whole_meeting(tmp_path: Path) -> None:
    agenda = check_one(SAMPLES[0].read_bytes())
    assert agenda is not None
    outcome = Outcome()
    run_meeting(agenda, tmp_path, outcome)
    assert outcome.meetings == 1 and outcome.commands > 10
    exported = list((tmp_path / "export").glob("*.md"))
    assert len(exported) == 1 and 'status = "final"' in exported[0].read_text()
