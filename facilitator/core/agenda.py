"""The agenda model: what a facilitator writes in an agenda TOML file (see docs/agenda-format.md).

Frozen pydantic v2 models with `extra="forbid"`. Durations are stored as whole
seconds and written back in the canonical form ("10m", "1h30m"). Rules that span
several fields raise `AgendaRuleError`, which carries the key path of every
problem so the loader can point at the right line.
"""

from __future__ import annotations

import datetime as dt
import string
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from facilitator.core.agenda_rules import (
    MEETING_ROLES,
    agenda_rule_issues,
    item_rule_issues,
    name_key,
)
from facilitator.core.agenda_types import (
    KEY_CHARS,
    AgendaDate,
    AgendaRuleError,
    DecisionRule,
    ItemKind,
    Kind,
    Path,
    Quorum,
    QuorumField,
    Role,
    Seconds,
    StackOrder,
)
from facilitator.i18n import LANGUAGES, _, normalize_language

__all__ = [
    "Agenda",
    "AgendaRuleError",
    "CarriedAction",
    "DecisionRule",
    "Item",
    "ItemKind",
    "Meeting",
    "Participant",
    "Path",
    "Quorum",
    "Role",
    "Seconds",
    "Stack",
    "StackOrder",
]


class _Model(BaseModel):
    # No `use_attribute_docstrings`: the docstrings are for people reading this file, and
    # nothing reads field descriptions, while pydantic re-read and parsed this module's
    # source for them at import, about a third of every `check` and `run` start (issue 12).
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=False,
        defer_build=True,
    )


class Meeting(_Model):
    """The `[meeting]` table."""

    title: Annotated[str, Field(min_length=1)]
    """The meeting's title, as it heads the minutes."""
    circle: str | None = None
    """The circle or body meeting; used in review and in minutes filenames."""
    date: AgendaDate | None = None
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
    """How proposals are decided unless an item says (`method`): consent, sofa-consent,
    s3-consent, consensus, gradients or fist-to-five."""
    language: str | None = None
    """The language of the minutes' body ("en", "es"); the screen's when left out. The
    front matter stays English whatever it says."""

    @field_validator("language")
    @classmethod
    def _known_language(cls, v: str | None) -> str | None:
        if v is None:
            return v
        code = normalize_language(v)
        if code is None:
            raise ValueError(
                _('language "{value}" has no translation; write one of {choices}').format(
                    value=v, choices=", ".join(f'"{c}"' for c in LANGUAGES)
                )
            )
        return code

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError(_("title must not be blank"))
        return v


class Stack(_Model):
    """The `[stack]` table: how the speaking stack is ordered."""

    order: StackOrder = StackOrder.PROGRESSIVE
    """"progressive" (default) or "fifo"."""
    speaker_limit: Seconds | None = None
    """An optional limit for one speaking turn."""


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
            raise ValueError(_("name must not be blank"))
        return v

    @field_validator("key")
    @classmethod
    def _key_is_one_char(cls, v: str | None) -> str | None:
        if v is None:
            return v
        if len(v) != 1 or v.lower() not in KEY_CHARS:
            raise ValueError(_('key must be one letter or digit, like "a", got "{v}"').format(v=v))
        return v.lower()


class Item(_Model):
    """One `[[items]]` entry."""

    title: Annotated[str, Field(min_length=1)]
    """The item's title."""
    duration: Seconds
    """The timebox: whole minutes, or "90s", "10m", "1h30m"."""
    kind: Kind = ItemKind.DISCUSSION
    """round, report, discussion, proposal or break, or a process's kind ("vote")."""
    owner: str | None = None
    """Who presents it: a participant, or free text such as a working group."""
    notes: str | None = None
    """Preparation notes for the facilitator."""
    proposal: str | None = None
    """The proposal text; required when kind = "proposal"."""
    review: AgendaDate | None = None
    """When the decision comes up for review."""
    confidential: bool = False
    """Kept out of the shared minutes and the decision index."""
    standing: bool = False
    """A standing item that `facilitator next` carries into every next agenda."""

    # Private, so no agenda key can set it: filled from the item's own keys by
    # `_with_process_keys`, written back among them by `_dump`.
    _process_keys: BaseModel | None = PrivateAttr(default=None)

    @property
    def process_keys(self) -> BaseModel | None:
        """The keys of this item's process (its `agenda_keys` model), if its kind has any."""
        return self._process_keys

    @model_validator(mode="wrap")
    @classmethod
    def _with_process_keys(cls, data: Any, handler: ModelWrapValidatorHandler[Item]) -> Item:
        """The keys of the kind's process (`motion` for a vote) are validated by its own
        model and kept aside; the rest is the item. A key of another kind's process is left
        in, so it is an unknown key here (the loader says whose it is)."""
        model = _keys_model(data.get("kind") if isinstance(data, dict) else None)
        if model is None or not isinstance(data, dict):
            return handler(data)
        own = {k: v for k, v in data.items() if k in model.model_fields}
        item = handler({k: v for k, v in data.items() if k not in own})
        keys, issues = _checked_process_keys(data)
        if issues or keys is None:
            raise AgendaRuleError(issues)
        item._process_keys = keys
        return item

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        out = handler(self)
        if self._process_keys is not None and isinstance(out, dict):
            out.update(
                self._process_keys.model_dump(
                    mode=info.mode,
                    by_alias=bool(info.by_alias),
                    exclude_defaults=info.exclude_defaults,
                    exclude_none=info.exclude_none,
                )
            )
        return out

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError(_("title must not be blank"))
        return v

    @model_validator(mode="after")
    def _proposal_needs_text(self) -> Item:
        issues = item_rule_issues(
            {
                "kind": self.kind,
                "proposal": self.proposal,
                "review": self.review,
            }
        )
        if issues:
            raise AgendaRuleError(issues)
        return self


def _keys_model(kind: object) -> type[BaseModel] | None:
    """The agenda-keys model of the process owning items of `kind`, if any."""
    if not isinstance(kind, str):
        return None
    # Read at validation time: the processes' models import this module.
    from facilitator.processes import keys_for_kind

    process = keys_for_kind(kind)
    return process.agenda_keys if process is not None else None


def process_key_issues(item: Any) -> list[tuple[Path, str]]:
    """What is wrong with an item's process keys, on its raw mapping: each key's own error
    (pydantic's words; the loader rewords them) and the process's rules across keys."""
    return _checked_process_keys(item)[1]


def _checked_process_keys(item: Any) -> tuple[BaseModel | None, list[tuple[Path, str]]]:
    """An item's process keys validated once by its process's model (None: no such model,
    or they failed), and what is wrong with them (as `process_key_issues`)."""
    if not isinstance(item, dict):
        return None, []
    from facilitator.processes import keys_for_kind

    kind = item.get("kind")
    process = keys_for_kind(kind) if isinstance(kind, str) else None
    if process is None:
        return None, []
    issues: list[tuple[Path, str]] = []
    keys: BaseModel | None = None
    if process.agenda_keys is not None:
        model = process.agenda_keys
        try:
            keys = model.model_validate({k: v for k, v in item.items() if k in model.model_fields})
        except ValidationError as exc:
            issues += [(tuple(e["loc"]), e["msg"]) for e in exc.errors()]
    return keys, issues + list(process.item_rules(item))


class CarriedAction(_Model):
    """One `[[actions]]` entry: an action still open from an earlier meeting, to follow up.

    `facilitator next` writes these; the meeting lists them beside its own actions so
    they can be marked done or dropped, and its minutes record their latest status.
    """

    what: Annotated[str, Field(min_length=1)]
    """What is to be done, as the earlier minutes say it."""
    owner: str = ""
    """Who does it."""
    due: dt.date | None = None
    """By when."""
    since: dt.date | None = None
    """The date of the meeting where it was first recorded."""
    item: str | None = None
    """The item it came from."""

    @field_validator("what")
    @classmethod
    def _what_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError(_("what must not be blank"))
        return v


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
    actions: list[CarriedAction] = []
    """Actions still open from earlier meetings, to follow up in this one."""

    # No docstring scan here either: see _Model.
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    @model_validator(mode="after")
    def _cross_checks(self) -> Agenda:
        meeting = {role: getattr(self.meeting, role) for role in MEETING_ROLES}
        meeting["quorum"] = self.meeting.quorum
        people = [{"name": p.name, "key": p.key, "role": p.role} for p in self.participants]
        issues = agenda_rule_issues(meeting, people)
        # `pass_min` on an item without `method` is judged against the meeting's rule.
        from facilitator.processes.consent.methods import rule_issues

        for i, item in enumerate(self.items):
            keys = item.process_keys.model_dump() if item.process_keys is not None else {}
            issues += [
                (("items", i, *path), msg)
                for path, msg in rule_issues(keys, self.meeting.decision_rule)
            ]
        if issues:
            raise AgendaRuleError(issues)
        return self

    # ---- derived, read-only helpers -------------------------------------------------

    def find(self, name: str) -> Participant | None:
        """The participant called `name`, compared as `name_key` does (case, NFKC, invisibles)."""
        folded = name_key(name)
        for p in self.participants:
            if name_key(p.name) == folded:
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

        Observers get no key, since they are never queued. When a large room has more people
        than free letters and digits, everyone without an agenda key gets a two-letter key
        instead (typed after the prefix key), whose first letter is no one's one-letter key,
        so no key is ever the start of another. Deterministic for a given agenda.
        """
        taken = {p.key for p in self.participants if p.key}
        keyed = [p for p in self.participants if p.role is not Role.OBSERVER]
        pool = [c for c in string.ascii_lowercase + string.digits if c not in taken]
        if sum(1 for p in keyed if not p.key) > len(pool):
            return _two_letter_keys(keyed, taken)
        out: dict[str, str] = {}
        for p in keyed:
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
        for key in ("stack", "participants", "items", "actions"):
            if key in raw:
                data[key] = raw[key]
        out: dict[str, Any] = _plain(data)
        return out

    def to_json_dict(self) -> dict[str, Any]:
        """The agenda as JSON-safe data (dates as ISO strings), e.g. for the journal header."""
        return self.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def _two_letter_keys(keyed: list[Participant], taken: set[str]) -> dict[str, str]:
    """Two-letter keys for a room larger than the one-character keys: the agenda's own keys
    stay, everyone else gets a pair of letters from their name where one is free (first
    letter, then a later letter of the name), else the first free pair.

    A pair never starts with a one-letter key in use, so typing a pair is never cut short.
    """
    firsts = [c for c in string.ascii_lowercase if c not in taken]
    every_pair = [a + b for a in firsts for b in string.ascii_lowercase]
    used: set[str] = set()
    out: dict[str, str] = {}
    for p in keyed:
        if p.key:
            out[p.name] = p.key
            continue
        letters = [c for c in p.name.lower() if c in string.ascii_lowercase]
        words = [w for w in p.name.lower().split() if w and w[0] in string.ascii_lowercase]
        # First and last initials ("Amara Okoye" -> "ao"), then the first letter and a later one.
        wanted = [words[0][0] + words[-1][0]] if len(words) > 1 else []
        if letters:
            wanted += [letters[0] + c for c in letters[1:]]
        free = [k for k in wanted if k[0] in firsts and k not in used]
        choice = free[0] if free else next((k for k in every_pair if k not in used), None)
        if choice is None:
            continue
        used.add(choice)
        out[p.name] = choice
    return out


def _plain(value: Any) -> Any:
    """Enums to their plain string values, recursively, so writers see only TOML types."""
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
