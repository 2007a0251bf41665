"""The agenda keys of a proposal, light: what `check` and the agenda loader need (the model,
its rules in `methods.py`, the kind), without consent's decide, fold and minutes (`model.py`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr

from facilitator.core.agenda_types import ItemKind
from facilitator.processes.consent import methods as M
from facilitator.processes.keys_unit import ProcessKeys

NAME = "consent"
"""The key of this process in the registry and in `ItemState.process`."""


class ConsentKeys(BaseModel):
    """The agenda keys of a `kind = "proposal"` item beyond the common ones (the loader
    validates them with located errors; `methods.item_issues` checks their values)."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    method: StrictStr | None = None
    """How this proposal is decided (`methods.NAMES`), overriding the meeting's
    `decision_rule`; None: the meeting's."""
    pass_min: StrictInt | None = None
    """Fist-to-five only: the lowest count that lets the proposal pass (3 when left out)."""


KEYS = ProcessKeys(
    name=NAME, kinds=(ItemKind.PROPOSAL,), agenda_keys=ConsentKeys, item_rules=M.item_issues
)
"""Consent's agenda keys, as the registry lists them."""
