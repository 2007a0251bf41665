"""`decisions --sqlite FILE`: a clean, self-contained SQLite register for a network's members.

Not the index (that is a cache with bookkeeping tables): one `decisions` table
with plain columns and an FTS5 table over the texts, so Datasette can serve it
read-only (`datasette --immutable register.db`) with full-text search. The file
is written to a temporary name and renamed, so a reader never sees half of it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

COUNT_KEYS = ("consent", "concern", "stand_aside", "object", "block")
"""Response counts, one column each (the front matter's keys)."""

_COLUMNS = (
    "id",
    "date",
    "circle",
    "meeting",
    "path",
    "item",
    "text",
    "outcome",
    "rule",
    "review",
    *COUNT_KEYS,
)

_SCHEMA = f"""
CREATE TABLE decisions (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL, date TEXT NOT NULL, circle TEXT NOT NULL, meeting TEXT NOT NULL,
    path TEXT NOT NULL, item TEXT NOT NULL, text TEXT NOT NULL, outcome TEXT NOT NULL,
    rule TEXT NOT NULL, review TEXT,
    {", ".join(f"{k} INTEGER NOT NULL DEFAULT 0" for k in COUNT_KEYS)}
);
CREATE INDEX decisions_date ON decisions(date);
CREATE INDEX decisions_circle ON decisions(circle);
CREATE VIRTUAL TABLE decisions_fts USING fts5(
    text, item, meeting, circle, content='decisions', content_rowid='rowid'
);
"""


def write_register(path: Path, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write the decisions `rows` (as `DecisionHit.as_dict` gives them) to `path`; how many."""
    tmp = path.with_name(f".{path.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    con = sqlite3.connect(tmp)
    try:
        con.executescript(_SCHEMA)
        values = []
        for r in rows:
            counts = r.get("counts") or {}
            values.append(
                (
                    *(r.get(c) if c == "review" else str(r.get(c, "")) for c in _COLUMNS[:10]),
                    *(int(counts.get(k, 0)) for k in COUNT_KEYS),
                )
            )
        marks = ", ".join("?" for _ in _COLUMNS)
        con.executemany(f"INSERT INTO decisions ({', '.join(_COLUMNS)}) VALUES ({marks})", values)
        # Fill the full-text index from the table it describes (an external-content table).
        con.execute("INSERT INTO decisions_fts(decisions_fts) VALUES ('rebuild')")
        con.commit()
    except BaseException:
        con.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    con.close()
    os.replace(tmp, path)
    return len(values)
