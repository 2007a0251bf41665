"""facilitator: run member meetings of co-ops, coalitions and sociocratic circles."""

from __future__ import annotations

__version__ = "0.1.0"
