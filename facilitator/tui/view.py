"""What the run screen shows, as small frozen records built from the engine's state.

This is the one module that reads `MeetingState`; widgets receive these records
(attributes down) and never reach into the engine. Times that tick are given as
a base plus the monotonic reading they run from, so the 1-second timer can
redraw clocks from `now` without rebuilding anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Ticking:
    """A duration that may be running: `base` seconds, plus time since `since` when running."""

    base: float = 0.0
    """Seconds counted up to the last state change."""
    since: float | None = None
    """Monotonic reading it runs from, or None when stopped/paused."""

    def at(self, now: float) -> float:
        """Seconds at monotonic reading `now`."""
        return self.base + (max(0.0, now - self.since) if self.since is not None else 0.0)


@dataclass(frozen=True)
class AgendaRow:
    """One agenda line."""

    item_id: str
    """Stable item id ("item-3")."""
    number: int
    """1-based position in running order."""
    title: str
    """The item's title (free text: shown literally)."""
    kind: str
    """round, report, discussion, proposal or break."""
    planned: int
    """Planned seconds, including extensions."""
    actual: Ticking
    """Time spent on it so far."""
    status: str
    """pending, running, paused, done, skipped or deferred."""
    current: bool = False
    """The item being worked on now."""
    at_risk: bool = False
    """The pace forecast says it will not fit."""
    confidential: bool = False
    """A confidential item: marked on screen, which is often shared."""


@dataclass(frozen=True)
class ItemView:
    """The current item panel."""

    item_id: str
    """Stable id."""
    title: str
    """Title, shown literally."""
    kind: str
    """The item's kind."""
    owner: str | None
    """Presenter."""
    notes: str | None
    """Facilitator's prep notes."""
    proposal: str | None
    """The current proposal text (latest version), when a proposal item."""
    planned: int
    """Timebox in seconds, with extensions."""
    elapsed: Ticking
    """Time spent."""
    paused: bool
    """Timebox paused."""
    status: str
    """Item status."""
    extensions: tuple[str, ...] = ()
    """One line per extension, e.g. "+5m: finish the budget questions"."""
    confidential: bool = False
    """A confidential item (its words are hidden while sharing)."""
    hidden: bool = False
    """Redacted for a shared screen: no process panel is drawn for it either."""


@dataclass(frozen=True)
class Waiting:
    """One waiting stack entry."""

    name: str
    """Who."""
    kind: str
    """speak, process, direct or clarify."""
    reason: str
    """The engine's one-line reason for this position."""


@dataclass(frozen=True)
class StackView:
    """The speaking stack."""

    speaker: str | None = None
    """Who has the floor."""
    speaker_kind: str = "speak"
    """What kind of turn the speaker is taking."""
    turn: Ticking = field(default_factory=Ticking)
    """The current turn's running time."""
    limit: int | None = None
    """speaker_limit in seconds, if any."""
    waiting: tuple[Waiting, ...] = ()
    """Waiting entries in the order the policy gives the floor."""


@dataclass(frozen=True)
class LogEntry:
    """One line of the item log."""

    key: str
    """Stable identity (so the log appends only what is new)."""
    kind: str
    """note, decision, action, credit, conflict …"""
    text: str
    """The entry as typed (shown literally)."""
    who: str = ""
    """The person concerned, if any."""
    private: str = ""
    """Why it may not be shown on a shared screen ("confidential", "off the record"), or ""."""


@dataclass(frozen=True)
class StatusView:
    """The status line."""

    meeting: Ticking = field(default_factory=Ticking)
    """Meeting clock."""
    planned_end: str = ""
    """Planned end, e.g. "19:30"."""
    projected_end: str = ""
    """Projected end from the pace forecast."""
    at_risk: int = 0
    """Items that will not fit."""
    quorum: str = ""
    """E.g. "5 voting members present, 4 needed ✓" (core's `quorum_text`)."""
    quorum_met: bool = True
    """Whether quorum is met."""
    attendance: str = ""
    """Who else is here and who is not, e.g. "2 guests/observer · 1 absent"."""
    off_record: bool = False
    """Off the record now."""
    ended: bool = False
    """The meeting has ended."""
    started: bool = True
    """The meeting has started (before that, quorum and attendance mean nothing yet)."""
    sharing: bool = False
    """The screen is being shared: confidential content is hidden (shown as "⧉ sharing")."""


@dataclass(frozen=True)
class Person:
    """A participant as pickers show them."""

    name: str
    """As the agenda spells it."""
    role: str
    """member, guest or observer."""
    key: str = ""
    """Quick key ("" for observers)."""
    present: bool = False
    """Marked present and not left."""
    waiting: bool = False
    """In the waiting part of the stack."""
    recused: bool = False
    """Recused from the current item."""


@dataclass(frozen=True)
class ClockView:
    """The parts of `MeetingView` that move with the clock and not with a command: the pace.

    Every other clock on screen is a `Ticking`, drawn from `now` by its widget. The
    1-second tick builds only this (`view_model.clock_view`) and compares it with the one
    of the last full view; the full view is built again only when it changed.
    """

    planned_end: str = ""
    """As `StatusView.planned_end`."""
    projected_end: str = ""
    """As `StatusView.projected_end`."""
    at_risk: tuple[str, ...] = ()
    """The items (ids) the forecast says will not fit (`AgendaRow.at_risk`)."""


@dataclass(frozen=True)
class MeetingView:
    """Everything the run screen draws."""

    title: str
    """The meeting title."""
    agenda: tuple[AgendaRow, ...]
    """The agenda, in running order."""
    item: ItemView | None
    """The current item; None before the first item starts."""
    stack: StackView
    """The stack."""
    log: tuple[LogEntry, ...]
    """The current item's log, oldest first."""
    status: StatusView
    """The status line."""
    people: tuple[Person, ...] = ()
    """Everyone on the agenda, in circle order."""
    started: bool = False
    """The meeting has started."""
    sharing: bool = False
    """Redacted for a shared screen (`view_model.shared_view`)."""
