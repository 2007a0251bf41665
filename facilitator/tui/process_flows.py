"""The run screen's process keys (area "process"): each process's own, from its `panel.py`.

The actions live with their process (`facilitator/processes/<name>/panel.py`);
this class only puts them together for the run screen.
"""

from __future__ import annotations

from facilitator.processes.consent.panel import ConsentActions
from facilitator.processes.round.panel import RoundActions


class ProcessActions(ConsentActions, RoundActions):
    """Every process's keys, for the run screen."""
