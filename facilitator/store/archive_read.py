"""Read the TOML front matter of one shared minutes file into plain rows for the archive index.

Only the front matter is read (MINUTES_FORMAT.md: it holds everything review
needs), with a bounded read and `tomllib`; the Markdown body is never read
or parsed here. Every way a file can be wrong (not UTF-8, no `+++` block, bad
TOML, nesting deep enough to exhaust tomllib's recursion, a value of the wrong
type, a private record that strayed into the shared folder) raises
`MalformedMinutes` with a plain reason, so the index can report and skip it.

This module is on the fast path of `facilitator decisions`: stdlib only, no
pydantic, no textual.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from facilitator.i18n import N_
from facilitator.store.archive_reason import Reason

__all__ = [
    "COUNT_KEYS",
    "ActionRow",
    "ConflictRow",
    "DecisionRow",
    "ItemRow",
    "MalformedMinutes",
    "MeetingFront",
    "OutcomeRow",
    "PersonRow",
    "TalkRow",
    "parse_front_matter",
    "read_front_matter",
    "read_minutes",
    "split_front_matter",
]

SCHEMA = 1
"""The newest minutes format this reader understands."""
COUNT_KEYS = ("consent", "concern", "stand_aside", "object", "block")
"""Response counts a decision carries."""
MAX_FRONT = 4_000_000
"""A front matter longer than this is not minutes; no read goes much beyond it, so a 1 GB
file costs 4 MB of memory at most (and 64 KB when its front matter closes early)."""


class MalformedMinutes(ValueError):
    """A minutes file that cannot be indexed; `str()` is the plain reason (no path), in the
    language in force; `reason` keeps it in no language, for the index (`archive_reason`)."""

    def __init__(self, message: str, **values: str | int | Reason) -> None:
        """`message` is marked with `N_` where it is raised; `values` fill its placeholders."""
        self.reason = Reason(message, tuple(values.items()))
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.reason)


class DecisionRow(NamedTuple):
    """One `[[decisions]]` entry."""

    id: str
    """The stable decision id (may be empty in hand-written files)."""
    item: str
    """The title of the item it was made in."""
    text: str
    """The text as finally consented."""
    outcome: str
    """adopted, adopted-with-concerns, not-adopted, deferred or withdrawn."""
    rule: str
    """The method it was decided by (before methods: consent or consensus)."""
    counts: tuple[int, ...]
    """Counted responses in COUNT_KEYS order."""
    review: dt.date | None
    """When it comes up for review."""
    method: str = "consent"
    """The method it was decided by (`rule` in minutes from before methods)."""
    positions: tuple[tuple[str, int], ...] = ()
    """Each of the method's positions and its count, as `[[decisions]] positions` gives
    them (empty in minutes from before methods)."""


class ActionRow(NamedTuple):
    """One `[[actions]]` entry."""

    what: str
    """What is to be done."""
    owner: str
    """Who does it."""
    due: dt.date | None
    """By when."""
    item: str
    """The item it came from ("" when unknown)."""
    status: str
    """open, done or dropped."""
    since: dt.date | None = None
    """Carried from an earlier meeting: the date it was first recorded."""


class ItemRow(NamedTuple):
    """One `[[items]]` entry: an agenda item as it ran (confidential ones are never read)."""

    title: str
    """The item's title."""
    kind: str
    """round, report, discussion, proposal, break, ..."""
    status: str
    """done, not-reached, skipped or deferred (running or paused in a draft)."""
    planned: int
    """Its timebox in seconds."""
    actual: int | None
    """Time spent, when it was started."""
    standing: bool
    """A standing item."""
    owner: str
    """Who presented it ("" when nobody)."""
    added: bool
    """Added during the meeting."""
    proposal: str
    """The proposal as presented ("" when not a proposal)."""
    review: dt.date | None
    """The agenda's review date for its decision."""
    prep: str
    """The agenda's preparation notes, where kept."""
    keys: tuple[tuple[str, Any], ...] = ()
    """Every other key of the row, as written: its process's agenda keys (a vote's `motion`,
    `threshold`…), which `next` checks against the kind's process before it uses them."""


_ITEM_KEYS = frozenset((*ItemRow._fields, "confidential")) - {"keys"}
"""The `[[items]]` keys ItemRow reads by name; the rest go to its `keys`."""


class PersonRow(NamedTuple):
    """One `[[participants]]` entry: a participant as the agenda listed them."""

    name: str
    """Their name."""
    role: str
    """member, guest or observer."""
    org: str
    """Organization ("" when none)."""
    pronouns: str
    """Pronouns ("" when none)."""
    priority: bool
    """Centred on the progressive stack."""
    key: str
    """Their quick-pick key ("" when the agenda set none)."""


class ConflictRow(NamedTuple):
    """One `[[conflicts]]` entry (shared minutes hold only non-confidential ones)."""

    about: str
    """What the conflict is about."""
    raised_by: str
    """Who raised it."""
    parties: tuple[str, ...]
    """Who is involved."""
    status: str
    """open, in-progress or resolved."""
    next_step: str
    """What happens next."""
    owner: str
    """Who carries the next step ("" when nobody)."""
    item: str
    """The item it was raised in ("" when none)."""


class TalkRow(NamedTuple):
    """One `[[talk_time]]` entry: a person's total for the meeting."""

    name: str
    """Who spoke."""
    turns: int
    """How many turns."""
    seconds: int
    """How long in total."""


CORE_TABLES = frozenset(
    {"attendance", "decisions", "actions", "credits", "conflicts", "talk_time", "items"}
    | {"participants"}
)
"""The front matter's own arrays of tables; any other one (`[[votes]]`) is a process's."""


class OutcomeRow(NamedTuple):
    """One row of a process's front-matter table (`[[votes]]`), kept whole.

    Read without the process registry (this is the fast path): every array of tables
    that is not one of `CORE_TABLES` is a process's, and its rows are kept as JSON; the
    registry is asked how to show them only when one is shown (`archive.outcome_line`).
    """

    table: str
    """The table's name ("votes")."""
    item: str
    """The row's `item` ("" when it names none)."""
    data: str
    """The row as JSON text (dates and times as ISO strings), keys sorted."""


class MeetingFront(NamedTuple):
    """What the index keeps of one minutes file's front matter."""

    title: str
    """The meeting's title."""
    circle: str
    """The circle ("" when the agenda named none)."""
    date: dt.date
    """The meeting date."""
    status: str
    """draft or final."""
    agenda: str
    """The agenda file it ran from, as recorded ("" when unknown)."""
    facilitator: str
    """Role holder ("" when none)."""
    notetaker: str
    """Role holder ("" when none)."""
    timekeeper: str
    """Role holder ("" when none)."""
    present: tuple[str, ...]
    """Who was present."""
    absent: tuple[str, ...]
    """Who was expected and absent."""
    decisions: tuple[DecisionRow, ...]
    """The decisions register."""
    actions: tuple[ActionRow, ...]
    """Action items."""
    conflicts: tuple[ConflictRow, ...]
    """Conflict log entries."""
    talk: tuple[TalkRow, ...]
    """Talk time per person."""
    agenda_date: dt.date | None = None
    """The agenda's date, when the meeting took place on another day."""
    guests: tuple[str, ...] = ()
    """Guests present (they never count)."""
    observers: tuple[str, ...] = ()
    """Observers present."""
    items: tuple[ItemRow, ...] = ()
    """The agenda as it ran (empty in minutes written before these keys)."""
    participants: tuple[PersonRow, ...] = ()
    """Everyone the agenda listed (empty in older minutes)."""
    quorum: int | None = None
    """Voting members needed, when there was a quorum rule."""
    quorum_rule: str = ""
    """The quorum as the agenda wrote it ("50%", "2/3", "5"; "" when none or unknown)."""
    decision_rule: str = "consent"
    """The agenda's default decision rule."""
    stack_order: str = "progressive"
    """progressive or fifo."""
    speaker_limit: int | None = None
    """The per-turn limit in seconds."""
    start: dt.time | None = None
    """The planned start time."""
    location: str = ""
    """Where it was held."""
    started: dt.datetime | None = None
    """When the meeting started (UTC), when the minutes say: orders two meetings of one day
    ("the latest meeting that speaks of it wins", see `archive`)."""
    outcomes: tuple[OutcomeRow, ...] = ()
    """The processes' rows (votes, dot votes, selections), in file order."""


def split_front_matter(data: bytes) -> str:
    """The TOML text between the opening and closing `+++` lines of a minutes file.

    `data` may be only the start of the file (see `read_front_matter`): what
    follows the closing line is never looked at.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data = data.replace(b"\r\n", b"\n") if b"\r\n" in data else data
    if not data.startswith(b"+++\n"):
        if b"\x00" in data[:4096]:
            raise MalformedMinutes(N_("is not a text file"))
        raise MalformedMinutes(N_("has no front matter: the file must open with a `+++` line"))
    end = data.find(b"\n+++\n", 3)
    if end < 0 and data.endswith(b"\n+++"):
        end = len(data) - 4
    if end > MAX_FRONT or (end < 0 and len(data) > MAX_FRONT):
        raise MalformedMinutes(
            N_("the front matter is larger than {mb} MB, too large to be minutes"),
            mb=MAX_FRONT // 1_000_000,
        )
    if end < 0:
        raise MalformedMinutes(N_("the front matter has no closing `+++` line"))
    try:
        return data[4 : end + 1].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedMinutes(N_("is not UTF-8 text (byte {byte})"), byte=exc.start + 4) from None


# A TOML value's Python type ("str") as a reason says it: the English is the type's name, and
# the catalog says it in words ("texto"). Marked one by one, so extraction sees them.
_TYPE_WORDS = {
    "str": N_("str"),
    "int": N_("int"),
    "float": N_("float"),
    "bool": N_("bool"),
    "list": N_("list"),
    "dict": N_("dict"),
    "date": N_("date"),
    "datetime": N_("datetime"),
    "time": N_("time"),
}

_CHUNK = 65_536
"""Front matter is read in pieces this big until its closing line turns up."""
_CLOSING = re.compile(rb"\n\+\+\+\r?\n")


def _read_front(f: BinaryIO) -> bytes:
    """The start of an open file, up to just past the closing `+++` line or MAX_FRONT bytes.

    Memory stays bounded however big the file is: the Markdown body is not read.
    """
    buf = bytearray(f.read(_CHUNK))
    if not buf.startswith((b"+++", b"\xef\xbb\xbf+++")):
        return bytes(buf)
    searched = 0
    # Each pass searches only the new piece (and a few bytes before it): linear, not quadratic.
    while _CLOSING.search(buf, max(0, searched - 6)) is None and len(buf) <= MAX_FRONT:
        searched = len(buf)
        more = f.read(_CHUNK)
        if not more:
            break
        buf += more
    return bytes(buf)


def read_front_matter(path: Path) -> MeetingFront:
    """Read and check the front matter of the minutes at `path` (a bounded read)."""
    try:
        with path.open("rb") as f:
            data = _read_front(f)
    except OSError as exc:
        raise MalformedMinutes(N_("cannot be read: {why}"), why=exc.strerror or str(exc)) from None
    return parse_front_matter(split_front_matter(data))


def read_minutes(path: Path) -> tuple[tuple[int, int], MeetingFront | Reason] | None:
    """For the index: ((mtime_ns, size) as read, the rows or the reason it is skipped).

    None when the file is gone. A symbolic link put in its place since the
    folder was listed is not followed, and anything but a regular file (a
    FIFO would block) is refused. A file that changes while it is read is
    read again, so the rows and the recorded size and time belong together.
    Any failure of the parser is a reason too: one odd file never stops the others.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    for _ in range(3):
        try:
            fd = os.open(path, flags)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return None  # now a link: the next listing notes it
            return (0, 0), Reason(N_("cannot be read: {why}"), (("why", exc.strerror or str(exc)),))
        with os.fdopen(fd, "rb") as f:
            try:
                before = os.fstat(fd)
                if not stat.S_ISREG(before.st_mode):
                    return (before.st_mtime_ns, before.st_size), Reason(N_("is not a regular file"))
                data = _read_front(f)
                after = os.fstat(fd)
            except OSError as exc:
                return (0, 0), Reason(
                    N_("cannot be read: {why}"), (("why", exc.strerror or str(exc)),)
                )
        seen = (before.st_mtime_ns, before.st_size)
        if seen == (after.st_mtime_ns, after.st_size):
            break
    try:
        return seen, parse_front_matter(split_front_matter(data))
    except MalformedMinutes as exc:
        return seen, exc.reason
    except Exception as exc:  # a parser bug must not stop the whole archive
        return seen, Reason(N_("cannot be read ({error})"), (("error", type(exc).__name__),))


class _Table:
    """A TOML table with typed getters that raise MalformedMinutes naming the key."""

    __slots__ = ("data", "where")

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def _bad(self, key: str, want: str) -> MalformedMinutes:
        got = type(self.data[key]).__name__
        return MalformedMinutes(
            N_("{key} should be {want}, not a {got}"),
            key=self.where + key,
            want=Reason(want),
            got=Reason(_TYPE_WORDS.get(got, "{got}"), (("got", got),)),
        )

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                raise MalformedMinutes(N_("{key} is missing"), key=self.where + key)
            return ""
        if not isinstance(value, str):
            raise self._bad(key, N_("text"))
        return value

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise MalformedMinutes(N_("{key} is missing"), key=self.where + key)
            return None
        # A TOML date, not a datetime (datetime is a subclass of date).
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise self._bad(key, N_("a date like 2026-11-24"))
        return value

    def integer(self, key: str) -> int:
        value = self.data.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._bad(key, N_("a whole number"))
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self._bad(key, N_("true or false"))
        return value

    def optional_int(self, key: str) -> int | None:
        return None if self.data.get(key) is None else self.integer(key)

    def time(self, key: str) -> dt.time | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, dt.time):
            raise self._bad(key, N_("a time like 18:00:00"))
        return value

    def positions(self, key: str) -> tuple[tuple[str, int], ...]:
        """An inline table of counts (`positions = { consent = 4, objection = 0 }`), in order;
        absent (minutes from before methods): empty."""
        value = self.data.get(key, {})
        if not isinstance(value, dict) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in value.values()
        ):
            raise MalformedMinutes(
                N_("{key} should be a table of whole numbers"), key=self.where + key
            )
        return tuple(value.items())

    def names(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise MalformedMinutes(N_("{key} should be a list of names"), key=self.where + key)
        return tuple(value)

    def rows(self, key: str) -> list[_Table]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise MalformedMinutes(N_("{key} should be [[{key}]] tables"), key=key)
        # Confidential rows never belong in shared minutes; if one strays in, it is not indexed.
        return [
            _Table(v, f"{key}[{i + 1}].")
            for i, v in enumerate(value)
            if v.get("confidential") is not True
        ]


def parse_front_matter(text: str) -> MeetingFront:
    """Check the front matter TOML `text` and return its rows."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MalformedMinutes(
            N_("the front matter is not valid TOML: {error}"), error=str(exc)
        ) from None
    except RecursionError:
        # tomllib recurses once per level of nested arrays and inline tables; a few
        # thousand levels (a 6 KB file) exhaust the stack. Minutes nest three deep.
        raise MalformedMinutes(N_("the front matter is nested too deeply to be minutes")) from None
    top = _Table(raw, "")
    schema = raw.get("schema", SCHEMA)
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise top._bad("schema", N_("a whole number"))
    if schema > SCHEMA:
        raise MalformedMinutes(
            N_("was written in minutes format {schema}; this facilitator reads format {ours}"),
            schema=schema,
            ours=SCHEMA,
        )
    if raw.get("private") is True:
        raise MalformedMinutes(
            N_(
                "is a private record (private = true); it belongs under .private/ and is not "
                "indexed"
            )
        )
    date = top.date("date", required=True)
    assert date is not None
    decisions = tuple(
        DecisionRow(
            id=t.text("id"),
            item=t.text("item"),
            text=t.text("text", required=True),
            outcome=t.text("outcome", required=True),
            rule=t.text("rule"),
            counts=tuple(t.integer(k) for k in COUNT_KEYS),
            review=t.date("review"),
            method=t.text("method") or t.text("rule") or "consent",
            positions=t.positions("positions"),
        )
        for t in top.rows("decisions")
    )
    actions = tuple(
        ActionRow(
            what=t.text("what", required=True),
            owner=t.text("owner"),
            due=t.date("due"),
            item=t.text("item"),
            status=t.text("status") or "open",
            since=t.date("since"),
        )
        for t in top.rows("actions")
    )
    conflicts = tuple(
        ConflictRow(
            about=t.text("about", required=True),
            raised_by=t.text("raised_by"),
            parties=t.names("parties"),
            status=t.text("status") or "open",
            next_step=t.text("next_step"),
            owner=t.text("owner"),
            item=t.text("item"),
        )
        for t in top.rows("conflicts")
    )
    talk = tuple(
        TalkRow(t.text("name", required=True), t.integer("turns"), t.integer("seconds"))
        for t in top.rows("talk_time")
    )
    return MeetingFront(
        title=top.text("title", required=True),
        circle=top.text("circle"),
        date=date,
        status=top.text("status") or "final",
        agenda=top.text("agenda"),
        facilitator=top.text("facilitator"),
        notetaker=top.text("notetaker"),
        timekeeper=top.text("timekeeper"),
        present=top.names("present"),
        absent=top.names("absent"),
        decisions=decisions,
        actions=actions,
        conflicts=conflicts,
        talk=talk,
        started=_started(raw.get("started")),
        outcomes=_outcomes(raw, top),
        **_continuity(top),
    )


def _outcomes(raw: dict[str, Any], top: _Table) -> tuple[OutcomeRow, ...]:
    """Every row of every process table (see `OutcomeRow`); confidential rows skipped."""
    out: list[OutcomeRow] = []
    for key, value in raw.items():
        if key in CORE_TABLES or not isinstance(value, list) or not value:
            continue
        if not all(isinstance(v, dict) for v in value):
            continue  # a plain list (`present`), not a table
        for t in top.rows(key):
            data = json.dumps(t.data, default=str, sort_keys=True, ensure_ascii=False)
            out.append(OutcomeRow(key, t.text("item"), data))
    return tuple(out)


def _started(value: object) -> dt.datetime | None:
    """The start time in UTC; a value of another type (hand-edited) counts as none rather
    than making the whole file unreadable, since it only orders meetings of one day."""
    if not isinstance(value, dt.datetime):
        return None
    if value.tzinfo is None:  # a TOML local date-time: the writer always writes UTC
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _continuity(top: _Table) -> dict[str, Any]:
    """The keys `facilitator next` reads instead of the old agenda file (minutes_continuity).

    A hand-edited value of the wrong type here leaves these keys out rather than the whole
    file: the decisions, actions and conflicts must stay in the archive all the same.
    """
    try:
        return _continuity_keys(top)
    except MalformedMinutes:
        return {}


def _continuity_keys(top: _Table) -> dict[str, Any]:
    items = tuple(
        ItemRow(
            title=t.text("title", required=True),
            kind=t.text("kind") or "discussion",
            status=t.text("status") or "done",
            planned=t.integer("planned"),
            actual=t.optional_int("actual"),
            standing=t.flag("standing"),
            owner=t.text("owner"),
            added=t.flag("added"),
            proposal=t.text("proposal"),
            review=t.date("review"),
            prep=t.text("prep"),
            keys=tuple((k, v) for k, v in t.data.items() if k not in _ITEM_KEYS),
        )
        for t in top.rows("items")
    )
    people = tuple(
        PersonRow(
            name=t.text("name", required=True),
            role=t.text("role") or "member",
            org=t.text("org"),
            pronouns=t.text("pronouns"),
            priority=t.flag("priority"),
            key=t.text("key"),
        )
        for t in top.rows("participants")
    )
    return {
        "agenda_date": top.date("agenda_date"),
        "guests": top.names("guests"),
        "observers": top.names("observers"),
        "items": items,
        "participants": people,
        "quorum": top.optional_int("quorum"),
        "quorum_rule": top.text("quorum_rule"),
        "decision_rule": top.text("decision_rule") or "consent",
        "stack_order": top.text("stack_order") or "progressive",
        "speaker_limit": top.optional_int("speaker_limit"),
        "start": top.time("start"),
        "location": top.text("location"),
    }
