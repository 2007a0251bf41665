"""Shortening people's names to fit a column, without ever making two people look alike.

A plain cut (`Board member: Maria Fernanda Alvarez-Whit…`) is ambiguous when two names
share their first words. The rule here: a name that fits is shown whole; a name that must
be cut ends in `…` if that alone tells it apart from everyone else in the room; otherwise
the distinguishing tail is kept after the `…` (`Board member: Mar…Whitfield`). Pure: no
Textual, no Rich; every place that shortens a name (stack, floor line, lists) calls this.
"""

from __future__ import annotations

from collections.abc import Iterable

ELLIPSIS = "…"
"""The sign that something was left out; a shortened name always contains it."""


def _tails(name: str) -> list[str]:
    """Suffixes of `name` that start at a word (after a space or hyphen), shortest first."""
    starts = [i + 1 for i, ch in enumerate(name) if ch in " -" and i + 1 < len(name)]
    return [name[i:] for i in reversed(starts)]


def _cut(name: str, width: int) -> str:
    """`name` cut to `width` cells with a trailing `…` (no trailing space before it)."""
    return name[: max(0, width - 1)].rstrip() + ELLIPSIS


def _ambiguous(short: str, name: str, among: set[str]) -> bool:
    """Could `short` be read as someone else's name too?"""
    head, sep, tail = short.partition(ELLIPSIS)
    if not sep:
        return short != name and short in among
    return any(other != name and other.startswith(head) and other.endswith(tail) for other in among)


def short_name(name: str, width: int, among: Iterable[str] = ()) -> str:
    """`name` in at most `width` characters, telling it apart from every name in `among`.

    Whole when it fits. Otherwise cut with `…` at the end; when another name in `among`
    starts the same way, the shortest word tail that only this name has is kept after
    the `…`. Should nothing that short be unambiguous, the name is returned whole (better
    wrapped than mistaken for someone else).
    """
    if len(name) <= width:
        return name
    others = set(among) - {name}
    width = max(width, 2)
    plain = _cut(name, width)
    if not _ambiguous(plain, name, others):
        return plain
    for tail in _tails(name):
        room = width - len(tail) - 1
        if room < 1:
            break
        candidate = name[:room].rstrip() + ELLIPSIS + tail
        if not _ambiguous(candidate, name, others):
            return candidate
    # No word tail fits: keep as many last characters as the width allows.
    for keep in range(1, width - 1):
        candidate = name[: width - 1 - keep].rstrip() + ELLIPSIS + name[-keep:]
        if not _ambiguous(candidate, name, others):
            return candidate
    return name


def short_names(names: Iterable[str], width: int) -> dict[str, str]:
    """Every name of `names` shortened to `width` against all the others (a lookup table)."""
    room = list(dict.fromkeys(names))
    return {name: short_name(name, width, room) for name in room}
