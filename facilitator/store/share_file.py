"""The members' view's join code, secret and claims, kept beside the meeting's journal.

`<stem>.share.json` in `.private/` (mode 0600, git-ignored with the rest of `.private/`),
so that after `facilitator resume --share` the same join code still works and every
device keeps its name: phones reconnect silently instead of asking members to scan a
new code. A missing or unreadable file means a fresh code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from facilitator.store.atomic import write_atomic

SHARE_SUFFIX = ".share.json"
"""The file's suffix, after the meeting's stem."""


def share_path(journal: Path) -> Path:
    """Where the share file of the meeting with this journal lives."""
    return journal.with_name(journal.name.removesuffix(".journal.jsonl") + SHARE_SUFFIX)


def load_share(path: Path) -> dict[str, Any] | None:
    """The saved code, secret and claims; None when there are none (or they cannot be read)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def save_share(path: Path, data: dict[str, Any]) -> None:
    """Write them atomically, readable by this user only; OSError when that fails."""
    write_atomic(path, json.dumps(data, ensure_ascii=False), mode=0o600, overwrite=True)
