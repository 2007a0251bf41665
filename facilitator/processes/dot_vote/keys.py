"""The agenda keys of a dot-vote item, light: what `check` and the agenda loader need (the
model, its rules, the kind), without the dot vote's decide, fold and minutes (`model.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr

from facilitator.i18n import _
from facilitator.processes.keys_unit import KeyPath, ProcessKeys

NAME = "dot_vote"
"""The key of this process in the registry and in `ItemState.process`."""
KIND = "dot-vote"
"""The agenda item kind whose panel is this process's."""


# --- agenda keys ----------------------------------------------------------------------


def default_dots(options: int) -> int:
    """Dots per voter when the agenda gives none: one per 4 options, at least 1."""
    return max(1, options // 4)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class DotVoteKeys(BaseModel):
    """The agenda keys of a `kind = "dot-vote"` item (AGENDA_FORMAT, "Decision methods and
    processes"). Types only: the rules across them are `agenda_issues`."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    options: list[StrictStr]
    """What the dots go on, in the order they are shown; at least 2, distinct."""
    dots: StrictInt | None = None
    """Dots per voter (default: one per 4 options, at least 1)."""
    max_per_option: StrictInt | None = None
    """At most this many of a voter's dots on one option (default: no limit but `dots`)."""


def agenda_issues(item: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    """The rules across a dot-vote item's keys, on its raw TOML mapping, as (key path inside
    the item, message); [] when nothing is wrong. A key missing or of the wrong type is its
    own field error (`DotVoteKeys`), so it is skipped here."""
    issues: list[tuple[KeyPath, str]] = []
    options = item.get("options")
    count = 0
    if isinstance(options, list | tuple) and all(isinstance(o, str) for o in options):
        seen: dict[str, int] = {}
        for n, option in enumerate(options):
            key = " ".join(option.casefold().split())
            if not key:
                issues.append((("options", n), _("an option cannot be blank")))
            elif key in seen:
                issues.append(
                    (
                        ("options", n),
                        _("{option} is listed twice (also option {n})").format(
                            option=repr(option.strip()), n=seen[key] + 1
                        ),
                    )
                )
            else:
                seen[key] = n
        count = len(seen)
        if len(options) < 2:
            issues.append((("options",), _("a dot vote needs at least 2 options")))
    dots = item.get("dots")
    if dots is not None and (not _is_int(dots) or dots < 1):
        if _is_int(dots):
            issues.append((("dots",), _("`dots` is how many dots each voter has: at least 1")))
        dots = None
    most = item.get("max_per_option")
    if most is not None and (not _is_int(most) or most < 1):
        if _is_int(most):
            issues.append((("max_per_option",), _("`max_per_option` is at least 1 dot")))
        most = None
    budget = dots if dots is not None else (default_dots(count) if count else None)
    if most is not None and budget is not None and most > budget:
        issues.append(
            (
                ("max_per_option",),
                _(
                    "max_per_option = {most} is more than the {budget} dots a voter has, so it "
                    "limits nothing: lower it, or leave it out"
                ).format(most=most, budget=budget),
            )
        )
    if most is not None and budget is not None and count >= 2 and budget > count * most:
        issues.append(
            (
                ("dots",),
                _(
                    "dots = {budget}, but {count} options with at most {most} each take only "
                    "{total}: raise max_per_option, or give fewer dots"
                ).format(budget=budget, count=count, most=most, total=count * most),
            )
        )
    return issues


KEYS = ProcessKeys(name=NAME, kinds=(KIND,), agenda_keys=DotVoteKeys, item_rules=agenda_issues)
"""The dot vote's agenda keys, as the registry lists them."""
