"""This item's log: notes, decisions, actions, credits and conflicts.

A DataTable that only *appends* what is new, so a long meeting does not make a
key press slower. It is rebuilt only when the item changes or an entry vanished
(undo), which are rare.

The log owns its keys (area "log"): notes, actions, credits, conflicts and
their follow-ups, each a short coroutine that asks and then posts its command.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.binding import BindingType
from textual.reactive import reactive
from textual.widgets import DataTable

from facilitator.core import commands as C
from facilitator.core import shared_screen as share
from facilitator.core.decide_ledger import ACTION_STATUSES, CONFLICT_STATUSES, CREDIT_KINDS
from facilitator.i18n import N_, _
from facilitator.tui import ask
from facilitator.tui.commands import bindings_for
from facilitator.tui.fields import Choice, Field, choice_cleaner, person_cleaner, yes_no_cleaner
from facilitator.tui.view import LogEntry
from facilitator.tui.widgets.commanding import Commanding
from facilitator.tui.words import action_statuses, conflict_statuses, credit_kinds, word

if TYPE_CHECKING:
    from facilitator.tui.view import MeetingView

KIND_LABEL = {
    "note": N_("✎ note"),
    "decision": N_("⚖ decision"),
    "action": N_("☐ action"),
    "credit": N_("★ credit"),
    "conflict": N_("⚡ conflict"),
    "extension": N_("⊕ extended"),
}
"""A word and an icon per entry type (11 cells at most in every language)."""

TYPE_WIDTH = 11
"""Cells for the type column in English ("⚡ conflict"); the entry (with who, first) wraps in
the rest. `type_width()` is the screen language's: its widest label ("⚡ conflicto", 12)."""


def type_width() -> int:
    """Cells for the type column: the widest label in the screen's language (11 in English)."""
    return max(TYPE_WIDTH, *(Text(_(label)).cell_len for label in KIND_LABEL.values()))


def _entry_text(entry: LogEntry) -> Text:
    """ "Who: what", with the person in bold; literal text, never markup."""
    out = Text()
    if entry.who:
        out.append(entry.who, style="bold")
        out.append(": ")
    out.append(entry.text)
    return out


class ItemLog(Commanding, DataTable[Text]):
    """Shows `entries` (the current item's log, oldest first); owns the log's keys."""

    AREA: ClassVar[str] = "log"
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("log")

    entries: reactive[tuple[LogEntry, ...]] = reactive(())
    item_id: reactive[str | None] = reactive(None)

    def __init__(self, **kwargs: object) -> None:
        # No header row: the type column's icon and word say what each entry is, and at
        # 80x24 the line is worth more as one more entry.
        super().__init__(cursor_type="row", zebra_stripes=False, show_header=False, **kwargs)
        self._shown: list[str] = []
        self._type_width = type_width()

    def on_mount(self) -> None:
        self.border_title = _("Item log")
        self.add_column("type", key="type", width=self._type_width)
        self.add_column("entry", key="entry", width=self._entry_width())
        self._rebuild()

    def _entry_width(self) -> int:
        # The type column has a fixed width; the entry wraps in the rest (less cell padding
        # and the scrollbar), so a long note is read whole rather than cut at the edge.
        return max(12, self.size.width - self._type_width - 6)

    def on_resize(self) -> None:
        width = self._entry_width()
        column = self.columns.get("entry")  # type: ignore[call-overload]
        if column is not None and column.width != width:
            column.width = width
            self._rebuild()

    def watch_item_id(self) -> None:
        self._rebuild()

    def watch_entries(self, entries: tuple[LogEntry, ...]) -> None:
        if not self.is_mounted:
            return
        n = len(self._shown)
        # Append-only fast path: what is shown is still a prefix of the new log.
        if len(entries) >= n and (n == 0 or entries[n - 1].key == self._shown[-1]):
            new = entries[n:]
            for entry in new:
                self._add(entry)
            if new:
                self.move_cursor(row=self.row_count - 1)
        else:
            self._rebuild()

    def _rebuild(self) -> None:
        if not self.is_mounted:
            return
        self.clear()
        self._shown = []
        for entry in self.entries:
            self._add(entry)

    def _add(self, entry: LogEntry) -> None:
        self.add_row(
            Text(_(KIND_LABEL[entry.kind]) if entry.kind in KIND_LABEL else entry.kind),
            _entry_text(entry),
            key=entry.key,
            height=None,
        )
        self._shown.append(entry.key)

    # --- the log's keys -------------------------------------------------------------------

    def _names(self) -> list[str]:
        return [p.name for p in self.meeting_view().people]

    @work
    async def action_note(self) -> None:
        """Add a note to the current item."""
        values = await ask.form(self.app, _("Note"), [Field("text", _("Note"))])
        if values is not None:
            self.run(C.AddNote(text=values["text"]))

    @work
    async def action_add_action(self) -> None:
        """Record an action item: what, who, by when (a date in any friendly form).

        The form shows the day the due text names as you type; text that names no day
        is kept as free text only after a yes, else the form opens again to fix it.
        """
        from facilitator.core.dates import EXAMPLES
        from facilitator.tui.date_fields import Due, due_cleaner, due_preview, meeting_day
        from facilitator.tui.screens.preview_form import PreviewFormScreen

        names = self._names()
        base = meeting_day(self.meeting_state(), dt.date.today())
        typed = {"text": "", "owner": "", "due": ""}
        while True:
            fields = [
                Field("text", _("What is to be done"), value=typed["text"]),
                Field(
                    "owner",
                    _("Who (a participant or a group)"),
                    person_cleaner(names, free_text=True),
                    suggestions=names,
                    value=typed["owner"],
                ),
                Field(
                    "due",
                    _("By when (e.g. {examples})").format(examples=EXAMPLES),
                    due_cleaner(base),
                    required=False,
                    value=typed["due"],
                ),
            ]
            screen = PreviewFormScreen(_("Action"), fields, {"due": due_preview(base)})
            values = await self.app.push_screen_wait(screen)
            if values is None:
                return
            due: Due | None = values["due"]
            if (
                due is None
                or due.day is not None
                or await ask.confirm(
                    self.app,
                    _('{problem}.\nKeep "{text}" as free text, with no due date?').format(
                        problem=due.problem, text=due.text
                    ),
                    yes=_("Keep as text"),
                    no=_("Back to the form"),
                )
            ):
                text = due.text if due else ""
                self.run(C.AddAction(text=values["text"], owner=values["owner"], due=text))
                return
            typed = {"text": values["text"], "owner": values["owner"], "due": due.text}

    @work
    async def action_credit(self) -> None:
        """Credit someone's contribution."""
        names = self._names()
        kinds = credit_kinds()
        fields = [
            Field("name", _("Who"), person_cleaner(names), suggestions=names),
            Field("text", _("For what")),
            Field(
                "kind",
                _("Kind: {idea}, {work} or {care}").format(**kinds),
                choice_cleaner(CREDIT_KINDS, kinds),
                value=kinds["work"],
            ),
        ]
        v = await ask.form(self.app, _("Credit"), fields)
        if v is not None:
            self.run(C.LogCredit(name=v["name"], text=v["text"], kind=v["kind"]))

    @work
    async def action_conflict(self) -> None:
        """Flag a conflict; confidential ones stay out of the shared minutes."""
        names = self._names()
        fields = [
            Field("text", _("What the conflict is about")),
            Field("parties", _("Who is involved (names, comma-separated)"), required=False),
            Field("raised_by", _("Raised by"), required=False, suggestions=names),
            Field("next_step", _("Next step"), required=False),
            Field("owner", _("Who carries the next step"), required=False, suggestions=names),
            Field(
                "confidential", _("Confidential? y/n"), yes_no_cleaner, required=False, value="n"
            ),
        ]
        v = await ask.form(self.app, _("Conflict"), fields)
        if v is None:
            return
        parties = tuple(p.strip() for p in (v["parties"] or "").split(",") if p.strip())
        self.run(
            C.RaiseConflict(
                text=v["text"],
                parties=parties,
                raised_by=v["raised_by"] or "",
                confidential=bool(v["confidential"]),
                next_step=v["next_step"] or "",
                owner=v["owner"] or "",
            )
        )

    @work
    async def action_action_status(self) -> None:
        """Mark an action done, dropped or open again."""
        state = self.meeting_state()
        # Actions carried from earlier meetings ("P1", ...) are followed up here too.
        actions = [*state.actions, *state.carried]
        # While sharing, a confidential or off-the-record action is picked by its id alone.
        hide = self.meeting_view().status.sharing
        said = action_statuses()
        choices = [
            Choice(
                a.action_id,
                f"{a.action_id} {_(str(share.HIDDEN)) if hidden else a.text}",
                ""
                if hidden
                else f"{a.owner} · {word(said, a.status)}"
                + (" · " + _("since {since}").format(since=a.since) if a.since else ""),
            )
            for a in actions
            for hidden in (hide and not share.record_shared(a),)
        ]
        action_id = await ask.pick(
            self.app, _("Which action?"), choices, empty=_("No actions yet.")
        )
        if action_id is None:
            return
        statuses = [Choice(s, word(said, s), "") for s in ACTION_STATUSES]
        status = await ask.pick(self.app, _("New status"), statuses)
        if status is not None:
            self.run(C.SetActionStatus(action_id, status))

    @work
    async def action_conflict_update(self) -> None:
        """Change a conflict's status, next step or owner."""
        conflicts = {c.conflict_id: c for c in self.meeting_state().conflicts}
        choices = [
            Choice(
                c.conflict_id,
                f"{c.conflict_id} " + ("🔒 " + _("confidential") if c.confidential else c.text),
                word(conflict_statuses(), c.status),
            )
            for c in conflicts.values()
        ]
        picked = await ask.pick(
            self.app, _("Which conflict?"), choices, empty=_("No conflicts recorded.")
        )
        if picked is None:
            return
        c = conflicts[picked]
        statuses = conflict_statuses()
        fields = [
            Field(
                "status",
                _("Status: {choices}").format(choices=", ".join(statuses.values())),
                choice_cleaner(CONFLICT_STATUSES, statuses),
                value=word(statuses, c.status),
            ),
            Field("next_step", _("Next step"), required=False, value=c.next_step),
            Field(
                "owner",
                _("Who carries it"),
                required=False,
                value=c.owner,
                suggestions=self._names(),
            ),
        ]
        v = await ask.form(self.app, _("Conflict {id}").format(id=picked), fields)
        if v is not None:
            self.run(
                C.UpdateConflict(
                    picked,
                    status=v["status"],
                    next_step=v["next_step"] or "",
                    owner=v["owner"] or "",
                ),
                done=_("Conflict {id} updated.").format(id=picked),
            )

    def show_view(self, view: MeetingView, last: MeetingView | None, now: float) -> None:
        """The run screen's push: the item, and its entries when they changed since `last`."""
        self.item_id = view.item.item_id if view.item else None
        if last is None or view.log != last.log:
            self.entries = view.log
        if last is None:
            self.mutate_reactive(ItemLog.entries)  # the first push draws (see StackPanel)
