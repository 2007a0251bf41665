"""The responses of one proposal decided by each method, shared by the tests that run them.

`RUNS` gives, per method, what Ana, Bo, Chen and Dee answer (with reasons where needed);
`OUTCOME` the outcome recorded when it is not "adopted"; `POSITIONS` the `[[decisions]]
positions` those responses make (the guest's advisory response is never counted). The
every-method golden (`test_every_method_golden.py`) and the methods' minutes tests
(`test_methods_minutes.py`) both run them; the latter uses `ESCAPING_RUNS`, the same
responses with S3's concern worded to test escaping in the body's tables.
"""

from __future__ import annotations

from collections.abc import Mapping

from tests.engine_support import ANA, BO, CHEN, DEE

Run = list[tuple[str, str, str]]
"""(who, response, reason), in the order they respond."""

RUNS: dict[str, Run] = {
    "consent": [
        (ANA, "consent", ""),
        (BO, "concern", "audit"),
        (CHEN, "consent", ""),
        (DEE, "stand-aside", ""),
    ],
    "sofa-consent": [
        (ANA, "consent", ""),
        (BO, "consent", ""),
        (CHEN, "consent", ""),
        (DEE, "consent", ""),
    ],
    "s3-consent": [
        (ANA, "no-objection", ""),
        (BO, "concern", "review the date"),
        (CHEN, "no-objection", ""),
        (DEE, "no-objection", ""),
    ],
    "consensus": [
        (ANA, "agree", ""),
        (BO, "agree", ""),
        (CHEN, "stand-aside", "not mine"),
        (DEE, "agree", ""),
    ],
    "gradients": [(ANA, "1", ""), (BO, "3", ""), (CHEN, "3", ""), (DEE, "6", "")],
    "fist-to-five": [(ANA, "5", ""), (BO, "4", ""), (CHEN, "3", ""), (DEE, "3", "")],
}

OUTCOME = {"consent": "adopted-with-concerns", "s3-consent": "adopted-with-concerns"}
"""Method -> the outcome recorded; the others are adopted."""

POSITIONS: dict[str, dict[str, int]] = {
    "consent": {"consent": 2, "concern": 1, "stand_aside": 1, "objection": 0},
    "sofa-consent": {"consent": 4, "objection": 0},
    "s3-consent": {"no_objection": 3, "concern": 1, "objection": 0},
    "consensus": {"agree": 3, "stand_aside": 1, "block": 0},
    "gradients": {"1": 1, "2": 0, "3": 2, "4": 0, "5": 0, "6": 1, "7": 0, "8": 0},
    "fist-to-five": {"0": 0, "1": 0, "2": 0, "3": 2, "4": 1, "5": 1},
}
"""Method -> the `positions` of its decision."""


def with_reason(runs: Mapping[str, Run], method: str, who: str, reason: str) -> dict[str, Run]:
    """`runs` with `who`'s reason under `method` replaced by `reason` (the rest shared)."""
    out = {name: list(run) for name, run in runs.items()}
    out[method] = [(w, said, reason if w == who else why) for w, said, why in out[method]]
    return out


ESCAPING_RUNS = with_reason(RUNS, "s3-consent", BO, "the | audit *date*")
"""RUNS with S3's concern holding a table's `|` and emphasis, to test the body's escaping."""
