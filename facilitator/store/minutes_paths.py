"""Minutes filenames: `YYYY-MM-DD-<circle>-<title>.md`, safe on every OS, never clobbering.

A meeting's files share one *stem*: `<stem>.md` (shared minutes) and, under
`.private/`, `<stem>.journal.jsonl` and `<stem>.private.md`. A stem is taken
when any of the three exists, so a new meeting never reuses an old meeting's
name; a number is appended instead (`-2`, `-3`, ...).

Slugs are plain ASCII `[a-z0-9-]`: accents are folded (NFKD), anything else
becomes a hyphen, length is capped. Only the meeting's title and circle go into
names; they are never confidential (confidential item titles never reach a
filename).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from facilitator.i18n import _
from facilitator.store.private_dir import private_dir_for

__all__ = [
    "JOURNAL_SUFFIX",
    "PRIVATE_SUFFIX",
    "SHARED_SUFFIX",
    "base_stem",
    "inside",
    "slugify",
    "stem_taken",
    "unique_stem",
]

SHARED_SUFFIX = ".md"
"""The shared minutes: `<stem>.md`."""
PRIVATE_SUFFIX = ".private.md"
"""The full record, only when something was confidential: `.private/<stem>.private.md`."""
JOURNAL_SUFFIX = ".journal.jsonl"
"""The event journal: `.private/<stem>.journal.jsonl` (same suffix as store.journal)."""

TITLE_MAX = 48
"""Longest title slug; the whole name stays far below every filesystem's 255-byte limit."""
CIRCLE_MAX = 32
"""Longest circle slug."""
TITLE_FALLBACK = "meeting"
"""Used when a title slugs to nothing (`..`, emoji only, a script with no ASCII form)."""
CIRCLE_FALLBACK = "circle"
"""Used when a circle is given but slugs to nothing."""

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Device names Windows refuses as a file's base name, whatever the extension.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)


def slugify(text: str, *, fallback: str, max_len: int) -> str:
    """`text` as a lowercase ASCII slug of `[a-z0-9-]`, at most `max_len` long, never empty.

    Cut at a hyphen when one is near the limit, so words are not chopped mid-way.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        cut = slug[:max_len]
        hyphen = cut.rfind("-")
        slug = (cut[:hyphen] if hyphen >= max_len // 2 else cut).strip("-")
    if not slug:
        return fallback
    if slug in _RESERVED:
        return f"{slug}-{fallback}"
    return slug


def circle_slug(circle: str | None) -> str | None:
    """The circle's slug, or None when the agenda names no circle."""
    if circle is None or not circle.strip():
        return None
    return slugify(circle, fallback=CIRCLE_FALLBACK, max_len=CIRCLE_MAX)


def base_stem(date: dt.date, circle: str | None, title: str) -> str:
    """`YYYY-MM-DD-<circle>-<title>` (the circle part left out when there is none)."""
    parts = [date.isoformat()]
    c = circle_slug(circle)
    if c is not None:
        parts.append(c)
    t = slugify(title, fallback=TITLE_FALLBACK, max_len=TITLE_MAX)
    # "General Circle" / "General Circle — November": don't say the circle twice.
    if c is not None and t.startswith(c + "-"):
        t = t[len(c) + 1 :]
    elif c is not None and t == c:
        t = TITLE_FALLBACK
    parts.append(t)
    return "-".join(parts)


def inside(folder: Path, name: str) -> Path:
    """`folder/name`, refusing any name that is not one plain entry inside `folder`.

    Slugs cannot contain separators or `..`, so this never fires in practice; it
    is the last guard that nothing is ever written outside the minutes folder.
    """
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise ValueError(
            _("refusing to use {name!r} as a file name in {folder}").format(
                name=name, folder=folder
            )
        )
    path = folder / name
    if path.resolve(strict=False).parent != folder.resolve(strict=False):
        raise ValueError(
            _("refusing to write {name!r} outside {folder}").format(name=name, folder=folder)
        )
    return path


def stem_files(minutes_dir: Path, stem: str) -> tuple[Path, Path, Path]:
    """(shared minutes, private record, journal) for `stem` in `minutes_dir`."""
    private = private_dir_for(minutes_dir)
    return (
        inside(minutes_dir, stem + SHARED_SUFFIX),
        inside(private, stem + PRIVATE_SUFFIX),
        inside(private, stem + JOURNAL_SUFFIX),
    )


def stem_taken(minutes_dir: Path, stem: str) -> bool:
    """Whether any file of `stem` (minutes, private record or journal) already exists.

    Any entry counts, a symlink too wherever it points (even outside the folder): only
    the names are looked at here, so such a link makes the name taken (the next meeting
    moves on to `-2`) instead of failing `inside`'s guard, which is for writing.
    """
    private = private_dir_for(minutes_dir)
    names = [
        (minutes_dir, stem + SHARED_SUFFIX),
        (private, stem + PRIVATE_SUFFIX),
        (private, stem + JOURNAL_SUFFIX),
    ]
    for folder, name in names:
        if not name or "/" in name or "\\" in name or "\x00" in name or name.startswith(".."):
            raise ValueError(
                _("refusing to use {name!r} as a file name in {folder}").format(
                    name=name, folder=folder
                )
            )
        path = folder / name
        if path.exists() or path.is_symlink():
            return True
    return False


def unique_stem(
    minutes_dir: Path,
    base: str,
    taken: Callable[[Path, str], bool] = stem_taken,
) -> str:
    """`base`, or `base-2`, `base-3`, ... : the first stem with no files yet."""
    if not taken(minutes_dir, base):
        return base
    n = 2
    while taken(minutes_dir, f"{base}-{n}"):
        n += 1
    return f"{base}-{n}"
