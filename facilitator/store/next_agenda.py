"""The next meeting's agenda, as plain TOML-ready data, from one meeting's minutes and the archive.

What the minutes' front matter holds decides what can be carried: the circle,
the role holders and the attendance (present and absent) are there; the
participants' details (role, priority, pronouns, keys), the items and the
standing items are not. So the agenda the meeting ran from (the front
matter's `agenda`, looked up beside the minutes and in the working folder)
supplies those when it can still be read, and the body's "Agenda as it ran"
table (our own fixed layout) supplies the items that were not reached.
Without the old agenda, everyone in the attendance becomes a member: the
minutes do not say who was a guest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.store.archive_read import MeetingFront

if TYPE_CHECKING:
    from facilitator.core.agenda import Agenda
    from facilitator.store.archive import ActionHit, ConflictHit, DecisionHit

__all__ = ["Carried", "agenda_candidates", "build_next", "unreached_items"]

CONSENT_MINUTES_SECONDS = 5 * 60
"""The timebox of the opening round on the last minutes."""
FOLLOW_UP_MINUTES = 10
"""The timebox of one review or conflict follow-up item, in minutes."""
MAX_LISTED_ACTIONS = 40
"""Open actions listed in the check item's notes; the rest are counted."""

_CARRIED_STATUS = {"not reached": "not reached", "deferred": "deferred"}
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_PLANNED = re.compile(r"^(\d+) (min|s)\b")


@dataclass(frozen=True)
class Carried:
    """An item of the last agenda that was not reached (or was deferred)."""

    title: str
    """Its title, as the minutes show it."""
    planned_seconds: int
    """Its timebox, from the minutes' agenda table."""
    why: str
    """"not reached" or "deferred"."""


def _unescape(cell: str) -> str:
    return _UNESCAPE.sub(r"\1", cell.strip())


def unreached_items(body: str) -> list[Carried]:
    """The items marked not reached or deferred in the body's "Agenda as it ran" table."""
    lines = body.splitlines()
    try:
        start = lines.index("## Agenda as it ran")
    except ValueError:
        return []
    out: list[Carried] = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        if not line.startswith("|"):
            continue
        cells = [_unescape(c) for c in _CELL_SPLIT.split(line.strip().strip("|"))]
        if len(cells) != 5 or cells[4] not in _CARRIED_STATUS:
            continue
        title = cells[1].removesuffix(" (added)")
        m = _PLANNED.match(cells[2])
        seconds = 600
        if m:
            seconds = int(m.group(1)) * (60 if m.group(2) == "min" else 1)
        out.append(Carried(title, max(60, seconds), _CARRIED_STATUS[cells[4]]))
    return out


def agenda_candidates(recorded: str, minutes: Path) -> list[Path]:
    """Where the agenda named in the minutes may be: as written, beside them, one level up."""
    if not recorded:
        return []
    p = Path(recorded)
    if p.is_absolute():
        return [p]
    folder = minutes.parent
    return [p, folder / p, folder.parent / p]


def _duration(seconds: int) -> int | str:
    return seconds // 60 if seconds % 60 == 0 else f"{seconds}s"


def _participants(front: MeetingFront, agenda: Agenda | None) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = []
    seen: set[str] = set()
    if agenda is not None:
        for p in agenda.participants:
            people.append(_plain(p.model_dump(mode="python", exclude_defaults=True)))
            seen.add(p.name.strip().casefold())
    roles = [front.facilitator, front.notetaker, front.timekeeper]
    for name in [*front.present, *front.absent, *roles]:
        if name.strip() and name.strip().casefold() not in seen:
            people.append({"name": name})
            seen.add(name.strip().casefold())
    return people


def _plain(value: Any) -> Any:
    """Enum values to plain strings, recursively, for tomli-w."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _meeting(front: MeetingFront, agenda: Agenda | None, date: dt.date | None) -> dict[str, Any]:
    name = front.circle or front.title
    meeting: dict[str, Any] = {"title": f"{name} — next meeting"}
    if front.circle:
        meeting["circle"] = front.circle
    if date is not None:
        meeting["date"] = date
    if agenda is not None:
        old = _plain(agenda.meeting.model_dump(mode="python", exclude_defaults=True))
        for key in ("start", "location", "quorum", "decision_rule"):
            if key in old:
                meeting[key] = old[key]
    for role in ("facilitator", "notetaker", "timekeeper"):
        if getattr(front, role):
            meeting[role] = getattr(front, role)
    return meeting


def _item_from_agenda(agenda: Agenda | None, title: str) -> dict[str, Any] | None:
    if agenda is None:
        return None
    for item in agenda.items:
        if item.title.strip().casefold() == title.strip().casefold():
            data: dict[str, Any] = _plain(item.model_dump(mode="python", exclude_defaults=True))
            return data
    return None


def _actions_item(actions: Sequence[ActionHit]) -> dict[str, Any]:
    lines = []
    for a in actions[:MAX_LISTED_ACTIONS]:
        due = f", due {a.due.isoformat()}" if a.due else ""
        lines.append(f"- {a.what} ({a.owner or 'no owner'}{due}; since {a.first.isoformat()})")
    if len(actions) > MAX_LISTED_ACTIONS:
        lines.append(f"- and {len(actions) - MAX_LISTED_ACTIONS} more: `facilitator actions`")
    minutes = max(5, min(30, 2 * len(actions)))
    return {
        "title": "Open actions: check progress",
        "kind": "report",
        "duration": minutes,
        "notes": "Still open after the last meeting:\n" + "\n".join(lines),
    }


def _review_item(d: DecisionHit) -> dict[str, Any]:
    about = d.item or " ".join(d.text.split()[:8])
    review = d.review.isoformat() if d.review else "?"
    return {
        "title": f"Review: {about}",
        "kind": "discussion",
        "duration": FOLLOW_UP_MINUTES,
        "notes": (
            f"Decided {d.date.isoformat()} ({d.outcome.replace('-', ' ')}), "
            f"review date {review}. Decision {d.id}:\n{d.text}"
        ),
    }


def _conflict_item(c: ConflictHit) -> dict[str, Any]:
    item: dict[str, Any] = {
        "title": f"Conflict follow-up: {c.about}",
        "kind": "discussion",
        "duration": FOLLOW_UP_MINUTES,
    }
    if c.owner:
        item["owner"] = c.owner
    parties = ", ".join(c.parties) or "not recorded"
    item["notes"] = (
        f"Raised {c.first.isoformat()} by {c.raised_by or 'someone'}; parties: {parties}. "
        f"Status: {c.status.replace('-', ' ')}. Next step: {c.next_step or 'none recorded'}."
    )
    return item


def build_next(
    front: MeetingFront,
    minutes_name: str,
    *,
    carried: Sequence[Carried],
    agenda: Agenda | None,
    actions: Sequence[ActionHit],
    due: Sequence[DecisionHit],
    conflicts: Sequence[ConflictHit],
    date: dt.date | None = None,
) -> dict[str, Any]:
    """The next agenda as data for `commands.new.render` (meeting, stack, participants, items).

    Order: consent to the last minutes, the standing items that opened the old
    agenda, the items not reached, the open actions, the decisions due for
    review, the conflict follow-ups, then the remaining standing items.
    """
    consent: dict[str, Any] = {
        "title": f"Consent to the minutes of {front.date.isoformat()}",
        "kind": "round",
        "duration": _duration(CONSENT_MINUTES_SECONDS),
    }
    old_items = list(agenda.items) if agenda is not None else []
    standing = [(n, i) for n, i in enumerate(old_items) if i.standing]
    # A circle whose standing items already consent to the minutes keeps its own item for it.
    own = next((i for _, i in standing if "minutes" in i.title.casefold()), None)
    if own is not None:
        consent = _plain(own.model_dump(mode="python", exclude_defaults=True))
    note = f"{minutes_name}: corrections first, then each person consents or objects."
    consent["notes"] = f"{consent['notes']}\n{note}" if consent.get("notes") else note
    # Standing items keep their side of the agenda: the first half opens, the rest closes.
    half = len(old_items) / 2
    opening = [i for n, i in standing if n < half and i is not own]
    closing = [i for n, i in standing if n >= half and i is not own]
    standing_titles = {i.title.strip().casefold() for _, i in standing}
    items: list[dict[str, Any]] = [consent]
    items += [_plain(i.model_dump(mode="python", exclude_defaults=True)) for i in opening]
    for c in carried:
        if c.title.strip().casefold() in standing_titles:
            continue
        item = _item_from_agenda(agenda, c.title) or {
            "title": c.title,
            "kind": "discussion",
            "duration": _duration(c.planned_seconds),
        }
        note = f"Carried over: {c.why} on {front.date.isoformat()}."
        item["notes"] = f"{note}\n{item['notes']}" if item.get("notes") else note
        items.append(item)
    if actions:
        items.append(_actions_item(actions))
    items += [_review_item(d) for d in due]
    items += [_conflict_item(c) for c in conflicts]
    items += [_plain(i.model_dump(mode="python", exclude_defaults=True)) for i in closing]
    _unique_titles(items)
    stack: dict[str, Any] = {"order": "progressive"}
    if agenda is not None:
        stack = _plain(agenda.stack.model_dump(mode="python", exclude_defaults=True)) or stack
    return {
        "meeting": _meeting(front, agenda, date),
        "stack": stack,
        "participants": _participants(front, agenda),
        "items": items,
    }


def _unique_titles(items: list[dict[str, Any]]) -> None:
    """Number repeated titles ("… (2)") so every item can be told apart in the run screen."""
    seen: dict[str, int] = {}
    for item in items:
        key = str(item["title"]).strip().casefold()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            item["title"] = f"{item['title']} ({seen[key]})"
