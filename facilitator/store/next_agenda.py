"""The next meeting's agenda, as plain TOML-ready data, from one meeting's minutes and the archive.

Minutes written since issue 9 carry everything `next` needs in their front
matter (`store/minutes_continuity.py`): the participants with their roles,
pronouns, organizations, priority and keys, the items as they ran with their
kind, timebox, standing flag, proposal text and process keys (a vote's motion and
threshold, a selection's role, a dot vote's options), the quorum rule, the decision
rule, the stack order and the speaker limit. So the agenda file may have
moved or gone: `source_from_front` rebuilds from the minutes alone.

Older minutes lack those keys. For them the agenda the meeting ran from (the
front matter's `agenda`, looked up beside the minutes and in the working
folder) supplies them when it can still be read (`source_from_agenda`), and the
body's "Agenda as it ran" table (our own fixed layout) says which items were not
reached. Without either, everyone in the attendance becomes a member.

The agenda's own words (the approval item, the follow-up items, their notes) are in the
minutes' language: `store/next_items.py` says how.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.core.prose import prose
from facilitator.i18n import _
from facilitator.store.archive_read import ItemRow, MeetingFront
from facilitator.store.next_items import (
    APPROVAL_TITLE,
    actions_item,
    carried_actions,
    carried_note,
    conflict_item,
    is_approval_title,
    review_item,
)

if TYPE_CHECKING:
    from facilitator.core.agenda import Agenda
    from facilitator.store.archive import ActionHit, ConflictHit, DecisionHit

__all__ = [
    "Carried",
    "OldItem",
    "Source",
    "agenda_candidates",
    "build_next",
    "source_from_agenda",
    "source_from_front",
    "unreached_items",
]

CONSENT_MINUTES_SECONDS = 5 * 60
"""The timebox of the opening item that approves the last minutes."""
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


@dataclass(frozen=True)
class OldItem:
    """An item of the meeting the minutes record, as an agenda entry, with how it ended."""

    entry: dict[str, Any]
    """The agenda entry (title, kind, duration, owner, notes, proposal, review, standing)."""
    status: str
    """done, not-reached, skipped or deferred."""


@dataclass(frozen=True)
class Source:
    """What the last meeting's agenda held, from its minutes or from the agenda file."""

    participants: list[dict[str, Any]]
    """`[[participants]]` entries, in circle order."""
    meeting: dict[str, Any]
    """The `[meeting]` keys carried as they were: start, location, quorum, decision_rule."""
    stack: dict[str, Any]
    """The `[stack]` table."""
    items: list[OldItem]
    """The items in the order they ran; confidential ones are never here."""


def _duration(seconds: int) -> int | str:
    return seconds // 60 if seconds % 60 == 0 else f"{seconds}s"


def _kind_and_keys(row: ItemRow) -> tuple[str, dict[str, Any], str]:
    """The kind an agenda can run `row` as, its process's keys (`motion`…) and, when its kind
    was lost, why: a process item whose keys the minutes do not hold (minutes written before
    they carried them, or keys that no longer check) comes back as a discussion."""
    from facilitator.core.agenda import process_key_issues
    from facilitator.core.agenda_types import item_kinds
    from facilitator.processes import for_kind

    kind = row.kind
    if kind not in item_kinds():
        return "discussion", {}, ""
    if kind == "proposal" and not row.proposal.strip():
        return "discussion", {}, ""  # nothing to consent to: it cannot be a proposal again
    process = for_kind(kind)
    model = process.agenda_keys if process is not None else None
    if model is None:
        return kind, {}, ""
    keys = {k: v for k, v in row.keys if k in model.model_fields}
    issues = process_key_issues({"kind": kind, **keys})
    if not issues:
        return kind, keys, ""
    problems = "; ".join(
        f"{'.'.join(str(p) for p in path) or kind}: {message}" for path, message in issues
    )
    why = _(
        "Was a {kind} item; its minutes do not hold what it needs to run again ({problems}), "
        "so it comes back as a discussion: set its kind and keys again."
    ).format(kind=kind, problems=problems)
    return "discussion", {}, why


def _entry(row: ItemRow) -> dict[str, Any]:
    """An agenda entry from a front matter `[[items]]` row, with its process's keys."""
    kind, keys, lost = _kind_and_keys(row)
    entry: dict[str, Any] = {"title": row.title, "kind": kind}
    entry["duration"] = _duration(max(60, row.planned))
    if row.owner:
        entry["owner"] = row.owner
    notes = "\n".join(n for n in (lost, row.prep) if n)
    if notes:
        entry["notes"] = notes
    if kind == "proposal":
        entry["proposal"] = prose(row.proposal)
        if row.review is not None:
            entry["review"] = row.review
    entry.update(keys)
    if row.standing:
        entry["standing"] = True
    return entry


def _person(name: str, role: str = "member") -> dict[str, Any]:
    return {"name": name} if role == "member" else {"name": name, "role": role}


def _add_attendance(people: list[dict[str, Any]], front: MeetingFront) -> None:
    """Everyone the attendance or the roles name who is not listed yet (walk-ins, old minutes)."""
    seen = {str(p["name"]).strip().casefold() for p in people}
    roles = [front.facilitator, front.notetaker, front.timekeeper]
    named = [(n, "guest") for n in front.guests] + [(n, "observer") for n in front.observers]
    named += [(n, "member") for n in [*front.present, *front.absent, *roles]]
    for name, role in named:
        if name.strip() and name.strip().casefold() not in seen:
            people.append(_person(name, role))
            seen.add(name.strip().casefold())


def source_from_front(front: MeetingFront) -> Source | None:
    """The last agenda rebuilt from the minutes' own keys; None for minutes written without them."""
    if not front.items and not front.participants:
        return None
    people: list[dict[str, Any]] = []
    for p in front.participants:
        entry = _person(p.name, p.role if p.role in ("member", "guest", "observer") else "member")
        for key, value in (("org", p.org), ("pronouns", p.pronouns), ("key", p.key)):
            if value:
                entry[key] = value
        if p.priority:
            entry["priority"] = True
        people.append(entry)
    _add_attendance(people, front)
    meeting: dict[str, Any] = {}
    if front.start is not None:
        meeting["start"] = front.start
    if front.location:
        meeting["location"] = front.location
    if front.quorum_rule:
        rule = front.quorum_rule.strip()
        meeting["quorum"] = int(rule) if rule.isdigit() else rule
    if front.decision_rule != "consent":
        meeting["decision_rule"] = front.decision_rule
    stack: dict[str, Any] = {"order": front.stack_order}
    if front.speaker_limit:
        stack["speaker_limit"] = _duration(front.speaker_limit)
    items = [OldItem(_entry(row), row.status) for row in front.items]
    return Source(people, meeting, stack, items)


def source_from_agenda(
    front: MeetingFront, agenda: Agenda | None, carried: Sequence[Carried]
) -> Source:
    """For minutes without the new keys: the agenda file if found, and the body's agenda table."""
    people: list[dict[str, Any]] = []
    meeting: dict[str, Any] = {}
    stack: dict[str, Any] = {"order": "progressive"}
    items: list[OldItem] = []
    status = {c.title.strip().casefold(): c for c in carried}
    if agenda is not None:
        people = [
            _plain(p.model_dump(mode="python", exclude_defaults=True)) for p in agenda.participants
        ]
        old = _plain(agenda.meeting.model_dump(mode="python", exclude_defaults=True))
        meeting = {k: old[k] for k in ("start", "location", "quorum", "decision_rule") if k in old}
        stack = _plain(agenda.stack.model_dump(mode="python", exclude_defaults=True)) or stack
        for item in agenda.items:
            if item.confidential:
                continue
            entry = _plain(item.model_dump(mode="python", exclude_defaults=True))
            if item.proposal is not None:
                entry["proposal"] = prose(item.proposal)
            c = status.pop(item.title.strip().casefold(), None)
            items.append(OldItem(entry, _WHY.get(c.why, "done") if c else "done"))
    # Items the table marks as not reached that the agenda does not hold (added live, or no agenda).
    for c in status.values():
        entry = {"title": c.title, "kind": "discussion", "duration": _duration(c.planned_seconds)}
        items.append(OldItem(entry, _WHY.get(c.why, "not-reached")))
    _add_attendance(people, front)
    return Source(people, meeting, stack, items)


_WHY = {"not reached": "not-reached", "deferred": "deferred"}
_CARRY = ("not-reached", "deferred")
"""An item's statuses (front matter values) that carry it into the next agenda."""


def _plain(value: Any) -> Any:
    """Enum values to plain strings, recursively, for tomli-w."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _meeting(front: MeetingFront, source: Source, date: dt.date | None) -> dict[str, Any]:
    name = front.circle or front.title
    meeting: dict[str, Any] = {"title": _("{name} — next meeting").format(name=name)}
    if front.circle:
        meeting["circle"] = front.circle
    if date is not None:
        meeting["date"] = date
    meeting.update(source.meeting)
    for role in ("facilitator", "notetaker", "timekeeper"):
        if getattr(front, role):
            meeting[role] = getattr(front, role)
    return meeting


def _approve_minutes(
    front: MeetingFront, minutes_name: str, own: dict[str, Any] | None
) -> dict[str, Any]:
    """The opening item: approve the last minutes, as a proposal, so its outcome is recorded
    and reaches the decisions register (a circle's own standing item for it keeps its title)."""
    when = front.date.isoformat()
    item: dict[str, Any] = (
        dict(own)
        if own is not None
        else {
            "title": _(APPROVAL_TITLE).format(date=when),
            "duration": _duration(CONSENT_MINUTES_SECONDS),
        }
    )
    item["kind"] = "proposal"
    item.pop("review", None)
    if not str(item.get("proposal") or "").strip():
        item["proposal"] = _(
            "We approve the minutes of {date} ({minutes}) as circulated, "
            "with the corrections recorded in this item."
        ).format(date=when, minutes=minutes_name)
    note = _(
        "{minutes}: corrections first, then the consent round; record the outcome (⇧O)."
    ).format(minutes=minutes_name)
    item["notes"] = f"{item['notes']}\n{note}" if item.get("notes") else note
    return item


def _deferred(front: MeetingFront) -> dict[str, str]:
    """Item title (folded) -> the proposal text, for decisions recorded as deferred."""
    return {
        d.item.strip().casefold(): d.text
        for d in front.decisions
        if d.outcome == "deferred" and d.item
    }


def build_next(
    front: MeetingFront,
    minutes_name: str,
    *,
    source: Source,
    actions: Sequence[ActionHit],
    due: Sequence[DecisionHit],
    conflicts: Sequence[ConflictHit],
    date: dt.date | None = None,
) -> dict[str, Any]:
    """The next agenda as data for `commands.new.render` (meeting, stack, participants, items,
    actions).

    Order: approve the last minutes, the standing items that opened the old
    agenda, the items not reached and the proposals deferred, the open actions,
    the decisions due for review, the conflict follow-ups, then the remaining
    standing items.
    """
    old = source.items
    standing = [(n, i) for n, i in enumerate(old) if i.entry.get("standing")]
    # A circle whose standing items already approve the minutes keeps its own item for it.
    own = next((i for _n, i in standing if is_approval_title(str(i.entry["title"]))), None)
    approve = _approve_minutes(front, minutes_name, own.entry if own is not None else None)
    # Standing items keep their side of the agenda: the first half opens, the rest closes.
    half = len(old) / 2
    opening = [dict(i.entry) for n, i in standing if n < half and i is not own]
    closing = [dict(i.entry) for n, i in standing if n >= half and i is not own]
    items: list[dict[str, Any]] = [approve, *opening]
    deferred = _deferred(front)
    for i in old:
        if i.entry.get("standing"):
            continue
        key = str(i.entry["title"]).strip().casefold()
        text = deferred.get(key) if i.status == "done" else None
        if i.status not in _CARRY and text is None:
            continue
        item = dict(i.entry)
        if text is not None:
            # Deferred by its outcome: it comes back as the proposal stood then.
            item.update(kind="proposal", proposal=prose(text))
        note = carried_note(i.status, front.date)
        item["notes"] = f"{note}\n{item['notes']}" if item.get("notes") else note
        items.append(item)
    if actions:
        items.append(actions_item(actions))
    items += [review_item(d) for d in due]
    items += [conflict_item(c) for c in conflicts]
    items += closing
    _unique_titles(items)
    return {
        "meeting": _meeting(front, source, date),
        "stack": source.stack or {"order": "progressive"},
        "participants": source.participants,
        "items": items,
        "actions": carried_actions(actions),
    }


def _unique_titles(items: list[dict[str, Any]]) -> None:
    """Number repeated titles ("… (2)") so every item can be told apart in the run screen."""
    seen: dict[str, int] = {}
    for item in items:
        key = str(item["title"]).strip().casefold()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            item["title"] = f"{item['title']} ({seen[key]})"
