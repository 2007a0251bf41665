"""The run screen's agenda-editing actions: add an item live, skip, defer, move; and the
follow-up actions on the ledgers (an action's status, a conflict's status and next step).

Every change is an engine command, so each is journalled and undoable (ctrl+z).
"""

from __future__ import annotations

from facilitator.core import commands as C
from facilitator.core import shared_screen as share
from facilitator.core.agenda import ItemKind
from facilitator.core.decide_ledger import ACTION_STATUSES, CONFLICT_STATUSES
from facilitator.tui.flows import MeetingActions
from facilitator.tui.screens.forms import Field, choice_cleaner, minutes_cleaner, yes_no_cleaner
from facilitator.tui.screens.picker import Choice

KINDS = [str(k) for k in ItemKind]


class ItemEditActions(MeetingActions):
    """Agenda changes during the meeting, and ledger follow-ups."""

    def action_add_item(self) -> None:
        """Add an item after the current one."""
        self._form(
            "Add an item (after the current one)",
            [
                Field("title", "Title"),
                Field("minutes", "Minutes", minutes_cleaner, value="10"),
                Field(
                    "kind", f"Kind: {', '.join(KINDS)}", choice_cleaner(KINDS), value="discussion"
                ),
                Field("owner", "Owner (optional)", required=False, suggestions=self._names()),
                Field("proposal", "Proposal text (for a proposal)", required=False),
                Field(
                    "confidential", "Confidential? y/n", yes_no_cleaner, required=False, value="n"
                ),
            ],
            lambda v: self.do(
                C.AddItem(
                    title=v["title"],
                    seconds=v["minutes"],
                    kind=v["kind"],
                    owner=v["owner"] or None,
                    proposal=v["proposal"] or None,
                    confidential=bool(v["confidential"]),
                ),
                done="Item added.",
            ),
        )

    def _open_items(self) -> list[Choice]:
        return [
            Choice(r.item_id, f"{r.number}. {r.title}", "current" if r.current else r.status)
            for r in self.current_view().agenda
            if r.current or r.status == "pending"
        ]

    def _close_with_reason(self, how: str) -> None:
        def picked(item_id: str) -> None:
            self._form(
                f"{how.capitalize()} the item",
                [Field("reason", "Why (optional, goes in the minutes)", required=False)],
                lambda v: self.do(
                    (C.SkipItem if how == "skip" else C.DeferItem)(item_id, v["reason"] or ""),
                    done=f"Item {how}{'ped' if how == 'skip' else 'red'} (ctrl+z undoes).",
                ),
            )

        self._pick(
            f"{how.capitalize()} which item?", self._open_items(), picked, empty="No open items."
        )

    def action_skip_item(self) -> None:
        """Drop an item from this meeting."""
        self._close_with_reason("skip")

    def action_defer_item(self) -> None:
        """Carry an item to a later meeting."""
        self._close_with_reason("defer")

    def action_move_item(self) -> None:
        """Move an upcoming item before another one (or to the end)."""
        pending = [r for r in self.current_view().agenda if r.status == "pending" and not r.current]

        def moving(item_id: str) -> None:
            others = [r for r in pending if r.item_id != item_id]
            choices = [Choice(r.item_id, f"before {r.number}. {r.title}", "") for r in others]
            choices.append(Choice("", "to the end", ""))

            def before(target: str) -> None:
                order = [r.item_id for r in others]
                order.insert(order.index(target) if target else len(order), item_id)
                self.do(C.ReorderItems(tuple(order)), done="Agenda reordered.")

            self._pick("Move it where?", choices, before)

        self._pick(
            "Move which upcoming item?",
            [Choice(r.item_id, f"{r.number}. {r.title}", "") for r in pending],
            moving,
            empty="No upcoming items to move.",
        )

    def action_action_status(self) -> None:
        """Mark an action done, dropped or open again."""
        # Actions carried from earlier meetings ("P1", ...) are followed up here too.
        actions = [*self.meeting.state.actions, *self.meeting.state.carried]
        # While sharing, a confidential or off-the-record action is picked by its id alone.
        hide = bool(getattr(self, "sharing", False))

        def picked(action_id: str) -> None:
            self._pick(
                "New status",
                [Choice(s, s, "") for s in ACTION_STATUSES],
                lambda status: self.do(C.SetActionStatus(action_id, status)),
            )

        self._pick(
            "Which action?",
            [
                Choice(
                    a.action_id,
                    f"{a.action_id} {share.HIDDEN if hidden else a.text}",
                    ""
                    if hidden
                    else f"{a.owner} · {a.status}" + (f" · since {a.since}" if a.since else ""),
                )
                for a in actions
                for hidden in (hide and not share.record_shared(a),)
            ],
            picked,
            empty="No actions yet.",
        )

    def action_conflict_update(self) -> None:
        """Change a conflict's status, next step or owner."""
        conflicts = {c.conflict_id: c for c in self.meeting.state.conflicts}

        def picked(conflict_id: str) -> None:
            c = conflicts[conflict_id]
            self._form(
                f"Conflict {conflict_id}",
                [
                    Field(
                        "status",
                        f"Status: {', '.join(CONFLICT_STATUSES)}",
                        choice_cleaner(CONFLICT_STATUSES),
                        value=c.status,
                    ),
                    Field("next_step", "Next step", required=False, value=c.next_step),
                    Field(
                        "owner",
                        "Who carries it",
                        required=False,
                        value=c.owner,
                        suggestions=self._names(),
                    ),
                ],
                lambda v: self.do(
                    C.UpdateConflict(
                        conflict_id,
                        status=v["status"],
                        next_step=v["next_step"] or "",
                        owner=v["owner"] or "",
                    ),
                    done=f"Conflict {conflict_id} updated.",
                ),
            )

        self._pick(
            "Which conflict?",
            [
                Choice(
                    c.conflict_id,
                    f"{c.conflict_id} " + ("🔒 confidential" if c.confidential else c.text),
                    c.status,
                )
                for c in conflicts.values()
            ],
            picked,
            empty="No conflicts recorded.",
        )
