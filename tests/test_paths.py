"""Minutes filenames: ASCII slugs, fallbacks, numbering, and never outside the folder."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.store.minutes_paths import (
    base_stem,
    inside,
    slugify,
    stem_files,
    stem_taken,
    unique_stem,
)

STEM_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(-[a-z0-9]+)+(-[0-9]+)?$")

NASTY = [
    "..",
    ".",
    "/",
    "\\",
    "../../etc/passwd",
    "..\\..\\windows",
    "con",
    "NUL",
    "com1",
    "LPT9",
    "\x00",
    "~",
    "😀🎉",
    "שלום",
    "مرحبا",
    "会议",
    "\u202egnp.exe",
    " ",
    "-",
    "---",
    "a" * 300,
    "Ünïcödé Çircle",
    "ﬁ ligature",
    "Ｆｕｌｌｗｉｄｔｈ",
]


def test_slugs_fold_accents_and_fall_back() -> None:
    assert slugify("General Circle — November", fallback="m", max_len=48) == (
        "general-circle-november"
    )
    assert slugify("Ünïcödé Çircle", fallback="m", max_len=48) == "unicode-circle"
    assert slugify("..", fallback="meeting", max_len=48) == "meeting"
    assert slugify("😀🎉", fallback="meeting", max_len=48) == "meeting"
    assert slugify("con", fallback="meeting", max_len=48) == "con-meeting"
    assert slugify("word " * 30, fallback="m", max_len=20) == "word-word-word-word"


def test_stem_follows_the_contract() -> None:
    date = dt.date(2026, 11, 24)
    assert base_stem(date, "General Circle", "General Circle — November") == (
        "2026-11-24-general-circle-november"
    )
    assert base_stem(date, "General Circle", "Budget") == "2026-11-24-general-circle-budget"
    assert base_stem(date, None, "Board meeting") == "2026-11-24-board-meeting"
    assert base_stem(date, "🌱", "..") == "2026-11-24-circle-meeting"
    assert base_stem(date, "GC", "GC") == "2026-11-24-gc-meeting"


def test_a_taken_name_gets_a_number_counting_every_file_of_the_stem(tmp_path: Path) -> None:
    shared, private, journal = stem_files(tmp_path, "2026-11-24-gc-x")
    assert unique_stem(tmp_path, "2026-11-24-gc-x") == "2026-11-24-gc-x"
    journal.parent.mkdir()
    journal.write_text("{}")  # a meeting still running reserves its name
    assert unique_stem(tmp_path, "2026-11-24-gc-x") == "2026-11-24-gc-x-2"
    (tmp_path / "2026-11-24-gc-x-2.md").write_text("")
    assert unique_stem(tmp_path, "2026-11-24-gc-x") == "2026-11-24-gc-x-3"
    assert stem_taken(tmp_path, "2026-11-24-gc-x")
    assert not shared.exists() and not private.exists()


@pytest.mark.parametrize("name", ["", ".", "..", "a/b", "../x", "a\\b", "x\x00"])
def test_inside_refuses_names_that_are_not_one_plain_entry(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="refusing"):
        inside(tmp_path, name)


def test_inside_refuses_a_symlink_pointing_out(tmp_path: Path) -> None:
    (tmp_path / "out").symlink_to(tmp_path.parent)
    with pytest.raises(ValueError, match="outside"):
        inside(tmp_path, "out")


@given(st.text(max_size=200), st.integers(min_value=1, max_value=80))
def test_slug_is_nonempty_ascii_and_capped(text: str, max_len: int) -> None:
    s = slugify(text, fallback="meeting", max_len=max_len)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s)
    assert len(s) <= max(max_len, len("meeting")) + len("-meeting")


def _random_title(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.35:
            parts.append(rng.choice(NASTY))
        elif roll < 0.7:
            parts.append("".join(chr(rng.randint(0x20, 0x2FFF)) for _ in range(rng.randint(1, 12))))
        else:
            parts.append("".join(rng.choice('abcxyz ÄéøßЖ.-_/\\:*?"<>|') for _ in range(8)))
    return rng.choice(["", " ", "/", ".."]).join(parts)


def test_ten_thousand_titles_stay_inside_never_overwrite_never_empty(tmp_path: Path) -> None:
    rng = random.Random(10_000)
    folder = tmp_path / "minutes"
    folder.mkdir()
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    root = folder.resolve()
    made: set[str] = set()
    for n in range(10_000):
        date = dt.date(2026, 1, 1) + dt.timedelta(days=n % 20)
        circle = _random_title(rng) if rng.random() < 0.8 else None
        stem = unique_stem(folder, base_stem(date, circle, _random_title(rng)))
        assert STEM_RE.match(stem), stem
        path = inside(folder, stem + ".md")
        assert path.resolve().parent == root
        # O_EXCL: creating it fails if the name was already there, which would be an overwrite.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        made.add(stem)
    assert len(made) == 10_000
    assert len(list(folder.iterdir())) == 10_000
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before
