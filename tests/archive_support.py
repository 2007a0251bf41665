"""A generated minutes archive for the archive, command and review tests (and the benchmark).

`write_archive(folder, n, seed)` writes `n` shared minutes with the real
renderer (`render_doc`, so confidential parts are redacted exactly as in use)
from random `MinutesDoc` values, plus the malformed files of `MALFORMED`.
Actions and conflicts are drawn from small pools per circle so the same entry
recurs across meetings with changing status, which is what the latest-mention
rule of the archive has to get right. `brute_force(folder)` reads every
file's front matter with tomllib directly, for comparing with the index.
"""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from pathlib import Path
from typing import Any

from facilitator.store.minutes import render_doc
from facilitator.store.minutes_model import ItemRecord, MinutesDoc, TalkEntry
from facilitator.store.minutes_paths import base_stem, unique_stem
from tests.minutes_records import action, conflict, decision

CIRCLES = (
    "General Circle",
    "Finance Circle",
    "Food Coalition",
    "Tenants' Union",
    "Café Collective",
)
PEOPLE = (
    "Ana Lima",
    "Bo Tran",
    "Chen Wu",
    "Dee Okafor",
    "Rosa Díaz",
    "Yusuf Ali",
    "Mei Chen",
    "Lena Park",
    "Omar Haddad",
    "Sofía Ruiz",
    "[bold] Tom",
    "Ines Costa",
)
WORDS = [
    "loan",
    "fund",
    "budget",
    "garden",
    "rota",
    "kitchen",
    "repairs",
    "outreach",
    "lease",
    "warehouse",
    "bylaws",
    "wages",
    "solar",
    "roof",
    "membership",
    "dues",
    "insurance",
    "bakery",
    "tools",
    "library",
    "childcare",
    "newsletter",
    "audit",
    "heating",
    "tenants",
    "deposit",
    "harvest",
]
OUTCOME_WEIGHTS = {
    "adopted": 6,
    "adopted-with-concerns": 2,
    "not-adopted": 1,
    "deferred": 1,
    "withdrawn": 1,
}
RARE_WORD = "quinoa"
"""In about one meeting in a hundred: a word that `--grep` finds in few decisions (benchmark)."""
GREP_WORDS = ("quinoa", "loan", "fund", "garden rota", "bud", "WAREHOUSE", "heat", "nosuchword")
"""Queries the tests compare with the brute-force scan (prefixes and case included)."""

MALFORMED: dict[str, bytes] = {
    "2026-01-01-bad-toml.md": b'+++\nschema = 1\ntitle = "unterminated\n+++\n\n# body\n',
    "2026-01-02-no-front-matter.md": b"# Just a heading\n\nNo front matter here.\n",
    "2026-01-03-wrong-types.md": (
        b'+++\nschema = 1\ntitle = "Wrong types"\ndate = "2026-01-03"\nstatus = "final"\n+++\n'
    ),
    "2026-01-04-wrong-row-type.md": (
        b'+++\nschema = 1\ntitle = "Bad row"\ndate = 2026-01-04\nstatus = "final"\n\n'
        b'[[decisions]]\ntext = "We do it"\noutcome = "adopted"\nreview = "soon"\n+++\n'
    ),
    "2026-01-05-binary.md": bytes(range(256)) * 4,
    "2026-01-06-unclosed.md": b'+++\nschema = 1\ntitle = "x"\ndate = 2026-01-06\n',
    "2026-01-07-newer-schema.md": b'+++\nschema = 9\ntitle = "x"\ndate = 2026-01-07\n+++\n',
}
"""Malformed minutes files, each of which must be reported and skipped."""


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def random_doc(rng: random.Random, n: int) -> MinutesDoc:
    """One random meeting; `n` makes titles and ids unique."""
    circle = rng.choice(CIRCLES)
    date = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(0, 5 * 365))
    people = rng.sample(PEOPLE, rng.randint(3, 8))
    present = tuple(people[: max(2, len(people) - rng.randint(0, 2))])
    absent = tuple(p for p in people if p not in present)
    items: list[ItemRecord] = []
    talk: list[TalkEntry] = []
    for i in range(rng.randint(2, 6)):
        status = rng.choice(["done", "done", "done", "pending", "deferred", "skipped"])
        conf = rng.random() < 0.08
        items.append(
            ItemRecord(
                f"item-{i + 1}",
                f"{_sentence(rng, 2).capitalize()} {i + 1}",
                rng.choice(["discussion", "report", "proposal", "round"]),
                status,
                rng.choice([300, 600, 900]),
                confidential=conf,
            )
        )
        if status == "done":
            for name in rng.sample(present, rng.randint(1, len(present))):
                talk.append(
                    TalkEntry(name, f"item-{i + 1}", rng.randint(1, 3), rng.randint(20, 400))
                )
    decisions = []
    for k in range(rng.randint(0, 3)):
        item = rng.choice(items)
        outcome = rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]
        review = date + dt.timedelta(days=rng.randint(30, 900)) if rng.random() < 0.5 else None
        # One meeting in 97 carries the rare word, without drawing from rng (keeps the data stable).
        rare = f" {RARE_WORD}" if n % 97 == 50 and k == 0 else ""
        decisions.append(
            decision(
                f"{date.isoformat()}-{n}-{k + 1}",
                item.title,
                f"We agree: {_sentence(rng, rng.randint(4, 12))}{rare}.",
                outcome,
                "consent",
                {"consent": rng.randint(1, 6), "concern": rng.randint(0, 2)},
                review,
                confidential=item.confidential,
            )
        )
    pool_rng = random.Random(circle)  # the same pool for every meeting of a circle
    action_pool = [(_sentence(pool_rng, 3), pool_rng.choice(PEOPLE)) for _ in range(12)]
    actions = [
        action(
            what,
            owner,
            date + dt.timedelta(days=rng.randint(-10, 60)) if rng.random() < 0.7 else None,
            rng.choice(items).title,
            rng.choice(["open", "open", "done", "dropped"]),
            confidential=rng.random() < 0.05,
        )
        for what, owner in rng.sample(action_pool, rng.randint(0, 3))
    ]
    conflict_pool = [f"Dispute over the {w}" for w in pool_rng.sample(WORDS, 6)]
    conflicts = [
        conflict(
            about,
            rng.choice(present),
            tuple(rng.sample(present, 2)),
            rng.choice(["open", "in-progress", "resolved"]),
            f"Talk about the {rng.choice(WORDS)}",
            rng.choice([*present, None]),
            confidential=rng.random() < 0.15,
        )
        for about in rng.sample(conflict_pool, rng.randint(0, 2))
    ]
    return MinutesDoc(
        title=f"{circle} meeting {n}",
        circle=circle,
        date=date,
        status=rng.choice(["final"] * 9 + ["draft"]),
        facilitator=present[0],
        notetaker=present[1],
        present=present,
        absent=absent,
        items=tuple(items),
        decisions=tuple(decisions),
        actions=tuple(actions),
        conflicts=tuple(conflicts),
        talk=tuple(talk),
    )


def write_doc(folder: Path, doc: MinutesDoc) -> Path:
    """Write `doc`'s shared minutes into `folder` under a fresh name."""
    stem = unique_stem(folder, base_stem(doc.date, doc.circle, doc.title))
    path = folder / f"{stem}.md"
    path.write_text(render_doc(doc), encoding="utf-8")
    return path


def write_archive(folder: Path, n: int, seed: int = 7, *, malformed: bool = True) -> list[Path]:
    """Write `n` generated minutes (and the malformed files) into `folder`; the good paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = [write_doc(folder, random_doc(rng, i)) for i in range(n)]
    if malformed:
        for name, data in MALFORMED.items():
            (folder / name).write_bytes(data)
    (folder / "README.md").write_text("# Minutes\n\nNot minutes itself: never reported.\n")
    return paths


def brute_force(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """(relative path, front matter) of every readable minutes file, by plain tomllib."""
    out = []
    for path in sorted(folder.glob("*.md")):
        if path.name in MALFORMED or path.name == "README.md":
            continue
        text = path.read_text(encoding="utf-8")
        front = text[4 : text.index("\n+++\n", 3) + 1]
        out.append((path.name, tomllib.loads(front)))
    return out


def _conflict_copy(name: str) -> bool:
    return ".sync-conflict-" in name or "conflicted copy" in name.casefold()


def brute_force_tree(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """(relative path, front matter) of every readable minutes file anywhere under `folder`.

    The rules written out plainly, independently of `scan`: walk real folders
    only (no symbolic link is followed, hidden folders are not entered), take
    `YYYY-MM-DD-….md` regular files that are not private records nor sync
    conflict copies, each inode once (its first path), and keep those whose
    front matter plain tomllib reads with a title and a date.
    """
    import os
    import re
    import stat

    name_ok = re.compile(r"^\d{4}-\d{2}-\d{2}-.*\.md$")
    seen: set[tuple[int, int]] = set()
    out = []
    found = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(here) / name
            st = path.lstat()
            if not stat.S_ISREG(st.st_mode) or name.startswith("."):
                continue
            if not name_ok.match(name) or name.endswith(".private.md") or _conflict_copy(name):
                continue
            found.append((path.relative_to(folder).as_posix(), (st.st_dev, st.st_ino)))
    for rel, key in sorted(found):
        if key in seen:
            continue
        seen.add(key)
        with (folder / rel).open("rb") as f:
            # Front matter is small: 8 MB is plenty, and a sparse 1 GB test file stays cheap.
            data = f.read(8 << 20).removeprefix(b"\xef\xbb\xbf")
        try:
            text = data.decode("utf-8").replace("\r\n", "\n")
            if not text.startswith("+++\n"):
                continue
            front = tomllib.loads(text[4 : text.index("\n+++\n", 3) + 1])
        except (UnicodeDecodeError, ValueError, RecursionError):
            continue
        if isinstance(front.get("title"), str) and type(front.get("date")) is dt.date:
            out.append((rel, front))
    return out
