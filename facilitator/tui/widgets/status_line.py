"""The one-line status bar: meeting clock, pace, quorum, attendance, off the record.

It owns the meeting's keys (area "meeting") for what it shows: who is here,
recusal, off the record, and the journal's undo, redo and history. The three
that change the screen itself (sharing, the presentation view, ending the
meeting) it passes up to the run screen as `ScreenKey`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.binding import BindingType
from textual.reactive import reactive
from textual.widgets import Static

from facilitator.core import commands as C
from facilitator.core.decide import ROLES
from facilitator.i18n import _
from facilitator.tui import ask
from facilitator.tui.commands import app_keymap, bindings_for, key_label
from facilitator.tui.fields import Field, choice_cleaner
from facilitator.tui.format import clock
from facilitator.tui.messages import ScreenKey
from facilitator.tui.view import StatusView
from facilitator.tui.widgets.commanding import Commanding
from facilitator.tui.words import roles

if TYPE_CHECKING:
    from facilitator.tui.view import MeetingView

SCREEN_ACTIONS = ("toggle_sharing", "presentation", "end_meeting")
"""The meeting keys whose work is the run screen's: they change the screen itself."""


def status_text(
    view: StatusView,
    now: float,
    width: int | None = None,
    keymap: Mapping[str, str] | None = None,
    share: str = "",
) -> Text:
    """The status line's content; labels carry the meaning, styles only emphasise it.

    Given the `width` it has, it stays on one line: the quorum count keeps its full wording
    (the same as the item panel's and the minutes'), so the plan and then who else is here
    give way first. Key hints follow `keymap` (the user's remapped keys).
    """
    if share:  # the members' view (`run --share`): devices connected, hands to accept
        width = None if width is None else width - len(share) - 3
        return Text(" · ").join([status_text(view, now, width, keymap), Text(share)])
    full = _status_text(view, now, keymap, pace=True, attendance=True)
    if width is None or width <= 0 or full.cell_len <= width:
        return full
    shorter = _status_text(view, now, keymap, pace=True, attendance=False)
    if shorter.cell_len <= width:
        return shorter
    return _status_text(view, now, keymap, pace=False, attendance=False)


def _status_text(
    view: StatusView, now: float, keymap: Mapping[str, str] | None, *, pace: bool, attendance: bool
) -> Text:
    parts: list[Text] = []
    if view.sharing:
        # Always first and never dropped for width: the facilitator must see it is on.
        parts.append(Text("⧉ " + _("sharing"), style="reverse"))
    if view.off_record:
        parts.append(Text(_("● OFF THE RECORD"), style="reverse bold"))
    if not view.started:
        start = key_label("next-item", keymap)
        said = _("Not started: {key} takes the roll and starts").format(key=start)
        parts.append(Text(said, style="bold"))
        if view.planned_end:
            parts.append(Text(_("planned end {time}").format(time=view.planned_end)))
        return Text(" · ").join(parts)
    if view.ended:
        # After the end, the facts only: how long it took and when it ended.
        parts.append(Text("■ " + _("ENDED"), style="bold"))
        parts.append(Text(f"⏲ {clock(view.meeting.at(now))}"))
        if view.projected_end:
            parts.append(
                Text(
                    _("ended {time} (plan {plan})").format(
                        time=view.projected_end, plan=view.planned_end or "?"
                    )
                )
            )
        return Text(" · ").join(parts)
    parts.append(Text(f"⏲ {clock(view.meeting.at(now))}"))
    if view.planned_end or view.projected_end:
        plan = " " + _("(plan {time})").format(time=view.planned_end or "?") if pace else ""
        parts.append(Text(_("ends ~{time}").format(time=view.projected_end or "?") + plan))
    if view.at_risk:
        parts.append(Text("⚠ " + _("{n} at risk").format(n=view.at_risk), style="bold"))
    if view.quorum:
        parts.append(Text(view.quorum, style="" if view.quorum_met else "bold reverse"))
    if view.attendance and attendance:
        parts.append(Text(view.attendance))
    return Text(" · ").join(parts)


class StatusLine(Commanding, Static):
    """Re-renders from `view` and from `now` (the 1-second clock); owns the meeting's keys."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("meeting")

    view: reactive[StatusView] = reactive(StatusView)
    now: reactive[float] = reactive(0.0, repaint=False)  # the watcher draws what moved
    share: reactive[str] = reactive("")
    """The members' view's part ("3 devices"), "" when not sharing."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: Text | None = None
        """The line drawn last."""
        self._shown_one_line = False
        """It fitted on one line (then a new one-line text needs no new layout)."""

    def watch_view(self, view: StatusView) -> None:
        self.set_class(view.off_record, "-off-record")
        self.set_class(not view.quorum_met, "-no-quorum")
        self._draw()

    def watch_now(self) -> None:
        self._draw()

    def watch_share(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw(resized=True)

    def _draw(self, *, resized: bool = False) -> None:
        """Draw the line; an unchanged one is not drawn again, and one line before and
        after needs no new layout of the screen (issue 12: each tick laid the whole screen
        out again)."""
        width = self.size.width
        text = status_text(self.view, self.now, width, app_keymap(self), self.share)
        if not resized and text == self._shown:
            return
        one = _one_line(text, width)
        self.update(text, layout=resized or not (one and self._shown_one_line))
        self._shown, self._shown_one_line = text, one

    # --- the meeting's keys ---------------------------------------------------------------

    @work
    async def action_arrive(self) -> None:
        """Mark someone present."""
        people = ask.people(self.meeting_state(), present=False)
        name = await ask.pick(self.app, _("Who arrived?"), people, empty=_("Everyone is here."))
        if name is not None:
            self.run(C.Arrive(name=name))

    @work
    async def action_leave(self) -> None:
        """Mark someone as having left."""
        people = ask.people(self.meeting_state(), present=True)
        name = await ask.pick(
            self.app, _("Who left?"), people, empty=_("Nobody is marked present.")
        )
        if name is not None:
            self.run(C.Leave(name=name))

    @work
    async def action_walk_in(self) -> None:
        """Add someone who is not on the agenda (a walk-in): name, role, organization."""
        said = roles()
        fields = [
            Field("name", _("Name")),
            Field(
                "role",
                _("Role: {member}, {guest} or {observer}").format(**said),
                choice_cleaner(ROLES, said),
                value=said["guest"],
            ),
            Field("org", _("Organization"), required=False),
        ]
        v = await ask.form(self.app, _("Walk-in (not on the agenda)"), fields)
        if v is not None:
            self.run(
                C.AddParticipant(v["name"], v["role"], v["org"] or ""),
                done=_("{name} added and marked present (ctrl+z undoes it).").format(
                    name=v["name"]
                ),
            )

    @work
    async def action_recuse(self) -> None:
        """Recuse someone from the current item, with a reason (which may be left empty)."""
        people = ask.people(self.meeting_state())
        name = await ask.pick(self.app, _("Who recuses from this item?"), people)
        if name is None:
            return
        why = Field(
            "reason", _("Why (e.g. a conflict of interest; goes in the minutes)"), required=False
        )
        v = await ask.form(self.app, _("{name} recuses from this item").format(name=name), [why])
        if v is not None:
            self.run(C.Recuse(name=name, reason=v["reason"] or ""))

    def action_off_record(self) -> None:
        """Toggle off the record."""
        off = self.meeting_view().status.off_record
        self.run(
            C.SetOffRecord(off=not off),
            done=_("Back on the record.")
            if off
            else _("Off the record: only its length reaches the shared minutes; o goes back."),
        )

    def action_toggle_sharing(self) -> None:
        """⇧S: the run screen's (sharing changes what every panel shows)."""
        self.post_message(ScreenKey("toggle_sharing"))

    def action_presentation(self) -> None:
        """⇧P: the run screen's (it opens the presentation view over itself)."""
        self.post_message(ScreenKey("presentation"))

    def action_end_meeting(self) -> None:
        """⇧E: the run screen's (it writes the minutes and shows the summary)."""
        self.post_message(ScreenKey("end_meeting"))

    def action_undo(self) -> None:
        """Undo the latest command (the run screen says what it was: `undo_notice`)."""
        self.run(C.Undo())

    def action_redo(self) -> None:
        """Bring back what the latest undo took back (said as undo is)."""
        self.run(C.Redo())

    def action_history(self) -> None:
        """The history view: every act in order, undone ones marked."""
        from facilitator.tui.screens.history import HistoryScreen

        shared = bool(getattr(self.screen, "shown_shared", True))  # the run screen's say
        self.app.push_screen(HistoryScreen(self.meeting_state(), shared=shared))

    def show_view(self, view: MeetingView, last: MeetingView | None, now: float) -> None:
        """The run screen's push: the clock, and the status when it changed since `last`."""
        if last is None or view.status != last.status:
            # One redraw, not two: the clock is set quietly and the new status draws with it.
            self.set_reactive(StatusLine.now, now)
            self.view = view.status
            if last is None:
                self.mutate_reactive(StatusLine.view)  # the first push draws (see StackPanel)
        else:
            self.now = now


def _one_line(text: Text, width: int) -> bool:
    return "\n" not in text.plain and 0 < text.cell_len <= width
