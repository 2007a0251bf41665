"""The agenda model: what a facilitator writes in an agenda TOML file (see docs/agenda-format.md).

Frozen pydantic v2 models with `extra="forbid"`. Durations are stored as whole
seconds and written back in the canonical form ("10m", "1h30m"). Rules that span
several fields raise `AgendaRuleError`, which carries the key path of every
problem so the loader can point at the right line.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)

from facilitator.core.durations import format_duration, parse_duration

Path = tuple[str | int, ...]

Seconds = Annotated[
    int,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
]
"""A duration in whole seconds; read from minutes or "1h30m", written as "1h30m"."""


class AgendaRuleError(ValueError):
    """One or more rule violations that span fields, each with the key path it concerns."""

    def __init__(self, issues: list[tuple[Path, str]]) -> None:
        self.issues = issues
        super().__init__("; ".join(msg for _, msg in issues))


class Role(StrEnum):
    """What a participant may do in the meeting."""

    MEMBER = "member"
    GUEST = "guest"
    OBSERVER = "observer"


class ItemKind(StrEnum):
    """The shape of an agenda item."""

    ROUND = "round"
    REPORT = "report"
    DISCUSSION = "discussion"
    PROPOSAL = "proposal"
    BREAK = "break"


class DecisionRule(StrEnum):
    """How a proposal is decided."""

    CONSENT = "consent"
    CONSENSUS = "consensus"


class StackOrder(StrEnum):
    """How waiting speakers are ordered."""

    PROGRESSIVE = "progressive"
    FIFO = "fifo"


_FRACTION_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_PERCENT_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


class Quorum(BaseModel):
    """A quorum rule: a count of voting members, or a share of them ("50%", "2/3")."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    count: int | None = None
    """An absolute number of voting members present."""
    numerator: int = 0
    """For a share: numerator over denominator of the voting members (50% is 50/100)."""
    denominator: int = 1
    """For a share: the denominator."""
    text: str = ""
    """The rule as written in the agenda, kept for display and round trips."""

    @classmethod
    def parse(cls, value: object) -> Quorum:
        """Read a count (`5`), a percentage (`"50%"`) or a fraction (`"2/3"`)."""
        if isinstance(value, Quorum):
            return value
        if isinstance(value, bool):
            raise ValueError('quorum is a count (5), a percentage ("50%") or a fraction ("2/3")')
        if isinstance(value, int):
            if value < 1:
                raise ValueError(f"quorum must be at least 1, got {value}")
            return cls(count=value, text=str(value))
        if isinstance(value, str):
            if value.strip().isdigit():
                return cls.parse(int(value.strip()))
            m = _PERCENT_RE.match(value)
            if m:
                pct = float(m.group(1))
                if not 0 < pct <= 100:
                    raise ValueError(f'quorum percentage must be between 0 and 100, got "{value}"')
                # Keep two decimals exactly: 66.67% is 6667/10000.
                return cls(numerator=round(pct * 100), denominator=10000, text=value.strip())
            m = _FRACTION_RE.match(value)
            if m:
                num, den = int(m.group(1)), int(m.group(2))
                if den == 0 or not 0 < num <= den:
                    raise ValueError(f'quorum fraction must be between 0 and 1, got "{value}"')
                return cls(numerator=num, denominator=den, text=value.strip())
        raise ValueError(
            f'cannot read quorum {value!r}: write a count (5), a percentage ("50%") '
            'or a fraction ("2/3")'
        )

    def required(self, voting_members: int) -> int:
        """How many voting members must be present, out of `voting_members` in total."""
        if self.count is not None:
            return self.count
        return max(1, math.ceil(voting_members * self.numerator / self.denominator))

    def toml_value(self) -> int | str:
        """The value to write back into an agenda file."""
        return self.count if self.count is not None else self.text


def _parse_quorum(value: object) -> object:
    if value is None or isinstance(value, Quorum | dict):
        return value
    return Quorum.parse(value)


QuorumField = Annotated[
    Quorum,
    BeforeValidator(_parse_quorum),
    PlainSerializer(lambda q: q.toml_value(), return_type=int | str),
]


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
        str_strip_whitespace=False,
    )


class Meeting(_Model):
    """The `[meeting]` table."""

    title: Annotated[str, Field(min_length=1)]
    """The meeting's title, as it heads the minutes."""
    circle: str | None = None
    """The circle or body meeting; used in review and in minutes filenames."""
    date: dt.date | None = None
    """The meeting date; the day the meeting starts when left out."""
    start: dt.time | None = None
    """The planned start time (local)."""
    duration: Seconds | None = None
    """The planned length; the sum of the items when left out."""
    location: str | None = None
    """Where the meeting happens: a room, or a call link."""
    facilitator: str | None = None
    """The participant who facilitates."""
    notetaker: str | None = None
    """The participant who takes notes."""
    timekeeper: str | None = None
    """The participant who keeps time."""
    quorum: QuorumField | None = None
    """Voting members that must be present: a count, "50%" or "2/3"."""
    decision_rule: DecisionRule = DecisionRule.CONSENT
    """How proposals are decided: "consent" (sociocratic) or "consensus"."""

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("title must not be blank")
        return v


class Stack(_Model):
    """The `[stack]` table: how the speaking stack is ordered."""

    order: StackOrder = StackOrder.PROGRESSIVE
    """"progressive" (default) or "fifo"."""
    speaker_limit: Seconds | None = None
    """An optional limit for one speaking turn."""


_KEY_CHARS = set(string.ascii_lowercase + string.digits)


class Participant(_Model):
    """One `[[participants]]` entry."""

    name: Annotated[str, Field(min_length=1)]
    """The participant's name; unique in the agenda, compared case-insensitively."""
    org: str | None = None
    """The member organization they speak for."""
    pronouns: str | None = None
    """Shown beside the name."""
    role: Role = Role.MEMBER
    """"member" (votes, counts for quorum), "guest" (advisory) or "observer" (never queued)."""
    priority: bool = False
    """Centred on the progressive stack: goes first within their group."""
    key: str | None = None
    """A one-character quick-pick key; assigned when left out."""

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("name must not be blank")
        return v

    @field_validator("key")
    @classmethod
    def _key_is_one_char(cls, v: str | None) -> str | None:
        if v is None:
            return v
        if len(v) != 1 or v.lower() not in _KEY_CHARS:
            raise ValueError(f'key must be one letter or digit, like "a", got "{v}"')
        return v.lower()


class Item(_Model):
    """One `[[items]]` entry."""

    title: Annotated[str, Field(min_length=1)]
    """The item's title."""
    duration: Seconds
    """The timebox: whole minutes, or "90s", "10m", "1h30m"."""
    kind: ItemKind = ItemKind.DISCUSSION
    """round, report, discussion, proposal or break."""
    owner: str | None = None
    """Who presents it: a participant, or free text such as a working group."""
    notes: str | None = None
    """Preparation notes for the facilitator."""
    proposal: str | None = None
    """The proposal text; required when kind = "proposal"."""
    review: dt.date | None = None
    """When the decision comes up for review."""
    confidential: bool = False
    """Kept out of the shared minutes and the decision index."""
    standing: bool = False
    """A standing item that `facilitator next` carries into every next agenda."""

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("title must not be blank")
        return v

    @model_validator(mode="after")
    def _proposal_needs_text(self) -> Item:
        issues: list[tuple[Path, str]] = []
        if self.kind is ItemKind.PROPOSAL and not (self.proposal or "").strip():
            issues.append((("proposal",), 'a proposal item needs `proposal = """…"""` text'))
        if self.kind is not ItemKind.PROPOSAL and self.proposal is not None:
            issues.append(
                (
                    ("proposal",),
                    f'`proposal` text needs kind = "proposal" (this item is "{self.kind}")',
                )
            )
        if self.review is not None and self.kind is not ItemKind.PROPOSAL:
            issues.append((("review",), '`review` dates a decision, so it needs kind = "proposal"'))
        if issues:
            raise AgendaRuleError(issues)
        return self


class Agenda(_Model):
    """A whole agenda file."""

    schema_: Literal[1] = Field(default=1, alias="schema")
    """The agenda format version; 1 when left out."""
    meeting: Meeting
    """The `[meeting]` table."""
    stack: Stack = Stack()
    """The `[stack]` table."""
    participants: list[Participant] = []
    """Everyone expected, in circle order (the order rounds go around)."""
    items: Annotated[list[Item], Field(min_length=1)]
    """The agenda items, in order."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", use_attribute_docstrings=True, populate_by_name=True
    )

    @model_validator(mode="after")
    def _cross_checks(self) -> Agenda:
        issues: list[tuple[Path, str]] = []
        seen: dict[str, int] = {}
        for i, p in enumerate(self.participants):
            folded = p.name.strip().casefold()
            if folded in seen:
                issues.append(
                    (
                        ("participants", i, "name"),
                        f'participant "{p.name}" is listed twice '
                        f"(also participant {seen[folded] + 1}); names must be unique",
                    )
                )
            else:
                seen[folded] = i
        keys: dict[str, int] = {}
        for i, p in enumerate(self.participants):
            if p.key is None:
                continue
            if p.key in keys:
                other = self.participants[keys[p.key]].name
                issues.append(
                    (
                        ("participants", i, "key"),
                        f'key "{p.key}" is already {other}\'s; pick another',
                    )
                )
            else:
                keys[p.key] = i
        for role in ("facilitator", "notetaker", "timekeeper"):
            name = getattr(self.meeting, role)
            if name is not None and self.find(name) is None:
                hint = _closest(name, [p.name for p in self.participants])
                fix = f'; did you mean "{hint}"?' if hint else "; add them under [[participants]]"
                issues.append((("meeting", role), f'{role} "{name}" is not a participant{fix}'))
        members = len(self.voting_members())
        q = self.meeting.quorum
        if q is not None and q.count is not None and self.participants and q.count > members:
            issues.append(
                (
                    ("meeting", "quorum"),
                    f"quorum {q.count} is more than the {members} voting members listed",
                )
            )
        if issues:
            raise AgendaRuleError(issues)
        return self

    # ---- derived, read-only helpers -------------------------------------------------

    def find(self, name: str) -> Participant | None:
        """The participant called `name`, compared case-insensitively."""
        folded = name.strip().casefold()
        for p in self.participants:
            if p.name.strip().casefold() == folded:
                return p
        return None

    def voting_members(self) -> list[Participant]:
        """Participants whose role is member, in circle order."""
        return [p for p in self.participants if p.role is Role.MEMBER]

    def planned_seconds(self) -> int:
        """The planned length: `meeting.duration`, else the sum of the items."""
        if self.meeting.duration is not None:
            return self.meeting.duration
        return sum(item.duration for item in self.items)

    def quick_keys(self) -> dict[str, str]:
        """Participant name -> quick-pick key: the agenda's own, then free letters, then digits.

        Observers get no key, since they are never queued. Deterministic for a given agenda.
        """
        taken = {p.key for p in self.participants if p.key}
        out: dict[str, str] = {}
        pool = [c for c in string.ascii_lowercase + string.digits if c not in taken]
        for p in self.participants:
            if p.role is Role.OBSERVER:
                continue
            if p.key:
                out[p.name] = p.key
                continue
            initials = [c for c in p.name.lower() if c in pool]
            choice = initials[0] if initials else (pool[0] if pool else None)
            if choice is None:
                continue
            pool.remove(choice)
            out[p.name] = choice
        return out

    def to_toml_dict(self) -> dict[str, Any]:
        """The agenda as plain data for tomli-w (or JSON), which reads back to an equal Agenda."""
        raw = self.model_dump(mode="python", by_alias=True, exclude_defaults=True)
        data: dict[str, Any] = {"schema": 1, "meeting": raw["meeting"]}
        for key in ("stack", "participants", "items"):
            if key in raw:
                data[key] = raw[key]
        out: dict[str, Any] = _plain(data)
        return out

    def to_json_dict(self) -> dict[str, Any]:
        """The agenda as JSON-safe data (dates as ISO strings), e.g. for the journal header."""
        return self.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def _plain(value: Any) -> Any:
    """Enums to their plain string values, recursively, so writers see only TOML types."""
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _closest(word: str, options: list[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if match:
        return match[0]
    folded = {o.casefold(): o for o in options}
    match = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None
