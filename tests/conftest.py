"""Shared test configuration: hypothesis profiles.

CI runs the "ci" profile: derandomized, so a run is repeatable, with no deadline
because these machines are shared and noisy. Keep fixtures in each area's own
helper module under tests/ rather than here, so features do not collide.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def utc_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pin the local time zone to UTC: the screens show local clock times, and snapshots
    must match on any machine. Use with `pytestmark = pytest.mark.usefixtures("utc_zone")`."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
