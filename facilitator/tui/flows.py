"""The run screen's actions: one short method per command, opening a picker or a form first
when the command needs a person or some text.

`MeetingActions` is the base class of `RunScreen`; it keeps the screen file
about layout and state. Every action ends in `self.do(command)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from facilitator.core import commands as C
from facilitator.core.decide import ROLES
from facilitator.core.decide_ledger import CREDIT_KINDS
from facilitator.tui.meeting import LiveMeeting
from facilitator.tui.screens.confirm import ChoiceScreen, ConfirmScreen
from facilitator.tui.screens.forms import (
    Field,
    FormScreen,
    choice_cleaner,
    minutes_cleaner,
    person_cleaner,
    yes_no_cleaner,
)
from facilitator.tui.screens.picker import Choice, PickerScreen, QuickKeyScreen
from facilitator.tui.view import MeetingView

QUEUE_TITLES = {
    "speak": "Queue who?",
    "process": "Point of process: who?",
    "direct": "Direct response: who?",
    "clarify": "Clarifying question: who?",
}


class MeetingActions(Screen[None]):
    """Actions bound by the registry's "stack", "item", "log" and "meeting" areas."""

    meeting: LiveMeeting

    # Provided by RunScreen.
    def do(self, command: Any, *, done: str | None = None) -> bool:
        raise NotImplementedError

    def current_view(self) -> MeetingView:
        """The view as of now (pickers list people and items from it)."""
        return self.meeting.view(self.meeting.now())

    def _pick(
        self,
        title: str,
        choices: list[Choice],
        then: Callable[[str], object],
        empty: str = "Nobody to pick.",
    ) -> None:
        def picked(value: str | None) -> None:
            if value is not None:
                then(value)

        self.app.push_screen(PickerScreen(title, choices, empty=empty), picked)

    def _form(
        self, title: str, fields: list[Field], then: Callable[[dict[str, Any]], object]
    ) -> None:
        def filled(values: dict[str, Any] | None) -> None:
            if values is not None:
                then(values)

        self.app.push_screen(FormScreen(title, fields), filled)

    def _confirm(self, question: str, then: Callable[[], object]) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(ConfirmScreen(question), answered)

    def _people(self, *, present: bool | None = None, queueable: bool = False) -> list[Choice]:
        out = []
        for p in self.current_view().people:
            if queueable and p.role == "observer":
                continue
            if present is not None and p.present != present:
                continue
            hint = " · ".join(
                x
                for x in (
                    p.role if p.role != "member" else "",
                    "" if p.present else "not here",
                    "waiting" if p.waiting else "",
                )
                if x
            )
            out.append(Choice(p.name, p.name, hint, p.key))
        return out

    def _names(self) -> list[str]:
        return [p.name for p in self.current_view().people]

    # --- stack ---------------------------------------------------------------------------

    def action_queue(self, kind: str) -> None:
        """Pick a person, then queue them with this kind of entry."""
        self._pick(
            QUEUE_TITLES.get(kind, "Queue who?"),
            self._people(queueable=True),
            lambda name: self.do(C.Queue(name=name, kind=kind)),
        )

    def action_quick_queue(self) -> None:
        """Prefix key: the next key is a participant's quick key."""

        def picked(name: str | None) -> None:
            if name is not None:
                self.do(C.Queue(name=name, kind="speak"))

        self.app.push_screen(
            QuickKeyScreen("Queue by quick key", self._people(queueable=True)), picked
        )

    def action_next_speaker(self) -> None:
        """Give the floor to whoever is first in the stack."""
        self.do(C.GiveFloor())

    def action_floor_out_of_order(self) -> None:
        """Pick a person and give them the floor ahead of the stack, with a reason."""

        def chose(name: str) -> None:
            self._form(
                f"Give {name} the floor out of order",
                [Field("reason", "Why out of order (goes in the minutes)")],
                lambda v: self.do(
                    C.GiveFloorOutOfOrder(name, v["reason"]),
                    done=f"{name} has the floor, out of order.",
                ),
            )

        self._pick("Give the floor out of order to whom?", self._people(queueable=True), chose)

    def action_end_turn(self) -> None:
        """End the current turn."""
        self.do(C.EndTurn())

    def action_withdraw(self) -> None:
        """Take someone off the waiting stack."""
        waiting = [Choice(w.name, w.name, w.kind) for w in self.current_view().stack.waiting]
        self._pick(
            "Withdraw who from the stack?",
            waiting,
            lambda name: self.do(C.Withdraw(name=name)),
            empty="Nobody is waiting.",
        )

    # --- item ----------------------------------------------------------------------------

    def action_next_item(self) -> None:
        """Finish the current item (if any) and start the next pending one.

        People still waiting would be dropped from the stack: ask first, and let the
        facilitator carry them over to the next item or clear them (Cancel is the default).
        """
        waiting = self.current_view().stack.waiting
        if not waiting:
            self.do(C.StartItem())
            return
        names = ", ".join(w.name for w in waiting)
        count = f"{len(waiting)} {'person is' if len(waiting) == 1 else 'people are'}"

        def answered(choice: str | None) -> None:
            if choice is None or not self.do(C.StartItem()):
                return
            if choice == "keep":
                # The engine clears the stack when an item ends: queue them again, in the
                # order they stood. A direct response or a question was about the last item.
                for w in waiting:
                    kind = w.kind if w.kind == "process" else "speak"
                    self.do(C.Queue(name=w.name, kind=kind))

        self.app.push_screen(
            ChoiceScreen(
                f"{count} still waiting to speak: {names}.\n"
                "Start the next item and keep them on the stack, or clear it?",
                [("keep", "Keep them", "k"), ("clear", "Clear the stack", "c")],
            ),
            answered,
        )

    def action_choose_item(self) -> None:
        """Pick an item to start."""
        rows = [
            Choice(r.item_id, f"{r.number}. {r.title}", r.status)
            for r in self.current_view().agenda
            if r.status in ("pending", "deferred", "paused")
        ]
        self._pick(
            "Start which item?",
            rows,
            lambda item_id: self.do(C.StartItem(item_id=item_id)),
            empty="No items left to start.",
        )

    def action_pause_resume(self) -> None:
        """Pause a running timebox, or resume a paused one."""
        item = self.current_view().item
        self.do(C.ResumeItem() if item is not None and item.paused else C.PauseItem())

    def action_extend(self) -> None:
        """Extend the timebox by some minutes, with a reason."""
        self._form(
            "Extend the timebox",
            [
                Field("minutes", "Extra minutes", minutes_cleaner, value="5"),
                Field("reason", "Reason (goes in the minutes)"),
            ],
            lambda v: self.do(C.ExtendTimebox(seconds=v["minutes"], reason=v["reason"])),
        )

    # --- log -----------------------------------------------------------------------------

    def action_note(self) -> None:
        """Add a note to the current item."""
        self._form("Note", [Field("text", "Note")], lambda v: self.do(C.AddNote(text=v["text"])))

    def action_add_action(self, values: dict[str, str] | None = None) -> None:
        """Record an action item: what, who, by when (a date in any friendly form).

        The form shows the day the due text names as you type; text that names no day
        is kept as free text only after a yes, else the form opens again to fix it.
        """
        import datetime as dt

        from facilitator.core.dates import EXAMPLES
        from facilitator.tui.date_fields import Due, due_cleaner, due_preview, meeting_day
        from facilitator.tui.screens.preview_form import PreviewFormScreen

        typed = values or {}
        names = self._names()
        base = meeting_day(self.meeting.state, dt.date.today())
        fields = [
            Field("text", "What is to be done", value=typed.get("text", "")),
            Field(
                "owner",
                "Who (a participant or a group)",
                person_cleaner(names, free_text=True),
                suggestions=names,
                value=typed.get("owner", ""),
            ),
            Field(
                "due",
                f"By when (e.g. {EXAMPLES})",
                due_cleaner(base),
                required=False,
                value=typed.get("due", ""),
            ),
        ]

        def save(v: dict[str, Any], due: str) -> None:
            self.do(C.AddAction(text=v["text"], owner=v["owner"], due=due))

        def filled(v: dict[str, Any] | None) -> None:
            if v is None:
                return
            due: Due | None = v["due"]
            if due is None or due.day is not None:
                save(v, due.text if due else "")
                return
            again = {"text": v["text"], "owner": v["owner"], "due": due.text}

            def answered(keep: bool | None) -> None:
                if keep:
                    save(v, due.text)
                else:
                    self.action_add_action(again)

            self.app.push_screen(
                ConfirmScreen(
                    f'{due.problem}.\nKeep "{due.text}" as free text, with no due date?',
                    yes="Keep as text",
                    no="Back to the form",
                ),
                answered,
            )

        self.app.push_screen(
            PreviewFormScreen("Action", fields, {"due": due_preview(base)}), filled
        )

    def action_credit(self) -> None:
        """Credit someone's contribution."""
        names = self._names()
        self._form(
            "Credit",
            [
                Field("name", "Who", person_cleaner(names), suggestions=names),
                Field("text", "For what"),
                Field(
                    "kind", "Kind: idea, work or care", choice_cleaner(CREDIT_KINDS), value="work"
                ),
            ],
            lambda v: self.do(C.LogCredit(name=v["name"], text=v["text"], kind=v["kind"])),
        )

    def action_conflict(self) -> None:
        """Flag a conflict; confidential ones stay out of the shared minutes."""
        self._form(
            "Conflict",
            [
                Field("text", "What the conflict is about"),
                Field("parties", "Who is involved (names, comma-separated)", required=False),
                Field("raised_by", "Raised by", required=False, suggestions=self._names()),
                Field("next_step", "Next step", required=False),
                Field(
                    "owner", "Who carries the next step", required=False, suggestions=self._names()
                ),
                Field(
                    "confidential", "Confidential? y/n", yes_no_cleaner, required=False, value="n"
                ),
            ],
            lambda v: self.do(
                C.RaiseConflict(
                    text=v["text"],
                    parties=tuple(p.strip() for p in (v["parties"] or "").split(",") if p.strip()),
                    raised_by=v["raised_by"] or "",
                    confidential=bool(v["confidential"]),
                    next_step=v["next_step"] or "",
                    owner=v["owner"] or "",
                )
            ),
        )

    # --- meeting -------------------------------------------------------------------------

    def action_arrive(self) -> None:
        """Mark someone present."""
        self._pick(
            "Who arrived?",
            self._people(present=False),
            lambda n: self.do(C.Arrive(name=n)),
            empty="Everyone is here.",
        )

    def action_walk_in(self) -> None:
        """Add someone who is not on the agenda (a walk-in): name, role, organization."""
        self._form(
            "Walk-in (not on the agenda)",
            [
                Field("name", "Name"),
                Field(
                    "role",
                    "Role: member, guest or observer",
                    choice_cleaner(ROLES),
                    value="guest",
                ),
                Field("org", "Organization", required=False),
            ],
            lambda v: self.do(
                C.AddParticipant(v["name"], v["role"], v["org"] or ""),
                done=f"{v['name']} added and marked present (ctrl+z undoes it).",
            ),
        )

    def action_leave(self) -> None:
        """Mark someone as having left."""
        self._pick(
            "Who left?",
            self._people(present=True),
            lambda n: self.do(C.Leave(name=n)),
            empty="Nobody is marked present.",
        )

    def action_recuse(self) -> None:
        """Recuse someone from the current item, with a reason (which may be left empty)."""

        def chosen(name: str) -> None:
            self._form(
                f"{name} recuses from this item",
                [
                    Field(
                        "reason",
                        "Why (e.g. a conflict of interest; goes in the minutes)",
                        required=False,
                    )
                ],
                lambda v: self.do(C.Recuse(name=name, reason=v["reason"] or "")),
            )

        self._pick("Who recuses from this item?", self._people(), chosen)

    def action_off_record(self) -> None:
        """Toggle off the record."""
        off = self.current_view().status.off_record
        self.do(
            C.SetOffRecord(off=not off),
            done="Back on the record."
            if off
            else "Off the record: only its length reaches the shared minutes; o goes back.",
        )

    def action_undo(self) -> None:
        """Undo the latest command and say what it was."""
        self.do(C.Undo())

    def action_redo(self) -> None:
        """Bring back what the latest undo took back, and say what it was."""
        from facilitator.core.redo import redo_stack

        stack, _ = redo_stack(self.meeting.state.events)
        self.do(C.Redo(), done=f"Redone: {stack[-1][1]}." if stack else None)

    def action_history(self) -> None:
        """The history view: every act in order, undone ones marked."""
        from facilitator.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.meeting.state))

    def action_end_meeting(self) -> None:
        """End the meeting after confirmation, and write the final minutes."""
        self._confirm("End the meeting now? The final minutes will be written.", self.end_meeting)

    def end_meeting(self) -> None:
        """Record the end, then write the final minutes."""
        raise NotImplementedError
