"""Role selection's Textual side: its panel (stage, rounds, nominations, consent) and its keys.

The panel draws from the engine state it is handed (`show_state`) and never
changes it; its keys (`KEYS`, live while a selection item is current) are its own
actions, which post their commands up to the run screen (`self.run`). The rules
(whose turn it is, the counts, who is asked last, what blocks the selection) are
the model's, never redone here. All free text is drawn as `Text`, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.binding import BindingType

from facilitator.core.state import ItemState, MeetingState
from facilitator.processes.consent.model import BLOCKING, vocabulary
from facilitator.processes.round.model import active_round, last_round
from facilitator.processes.selection import model as S
from facilitator.tui import ask
from facilitator.tui.commands import CommandSpec, app_keymap, bindings_of, key_label
from facilitator.tui.screens.forms import Field
from facilitator.tui.screens.picker import Choice
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_panels import Parts, PartsPanel, join_parts

AREA = S.NAME
"""The area of the selection's keys in help."""

KEYS: tuple[CommandSpec, ...] = (
    CommandSpec("selection-stage", "s", "stage", "Stage", "Move the selection to a stage.", AREA),
    CommandSpec(
        "selection-nominate",
        "y",
        "nominate",
        "Nominate",
        "Record whom the person on the round nominates, and why (a change needs its reason).",
        AREA,
    ),
    CommandSpec(
        "selection-pass",
        "b",
        "nominate_pass",
        "Pass",
        "The person on the round passes (nominations) or keeps their nomination (changes).",
        AREA,
    ),
    CommandSpec(
        "selection-nominate-as",
        "Y",
        "nominate_as",
        "Nominate as…",
        "Record or change a chosen person's nomination.",
        AREA,
        show=False,
    ),
    CommandSpec(
        "selection-propose",
        "K",
        "propose",
        "Propose",
        "Propose a nominee (the counts and reasons are shown); their consent round opens.",
        AREA,
        key_display="⇧K",
    ),
    CommandSpec(
        "selection-respond-1",
        "1",
        "respond(0)",
        "Consent",
        "Consent (agree) on the nominee, for whoever is next (the nominee last).",
        AREA,
    ),
    CommandSpec(
        "selection-respond-2",
        "2",
        "respond(1)",
        "Concern",
        "A concern, for whoever is next.",
        AREA,
    ),
    CommandSpec(
        "selection-respond-3",
        "3",
        "respond(2)",
        "Stand aside",
        "Stand aside, for whoever is next.",
        AREA,
    ),
    CommandSpec(
        "selection-respond-4",
        "4",
        "respond(3)",
        "Object",
        "Object, with its reason, for whoever is next.",
        AREA,
    ),
    CommandSpec(
        "selection-consent-rest",
        "C",
        "consent_rest",
        "All consent",
        "Everyone not yet heard consents, except the nominee (asks first, saying how many).",
        AREA,
        show=False,
        key_display="⇧C",
    ),
    CommandSpec(
        "selection-respond-as",
        "R",
        "respond_as",
        "Respond as…",
        "Record or change a chosen person's response (an objector asked again).",
        AREA,
        show=False,
    ),
    CommandSpec(
        "selection-resolve",
        "I",
        "resolve",
        "Resolve",
        "Record how an objection to the nominee was resolved.",
        AREA,
        show=False,
    ),
    CommandSpec(
        "selection-select",
        "O",
        "select",
        "Select",
        "Select the nominee: everyone heard, the nominee last, no objection standing.",
        AREA,
        key_display="⇧O",
    ),
)
"""The selection's keys: live while a selection item is current."""

HELP = (
    "Role selection (election by consent), as Sociocracy For All and S3 run it. "
    "1. Present the role: its responsibilities, term and qualifications (shown above). "
    "2. Nominate (s): everyone writes down one name, themselves included, or passes, in "
    "silence. 3. Nominations round (s): in circle order each says whom they nominated and "
    "why: y records it for the person on the round, b a pass. 4. Change round (s): anyone "
    "may change their nomination, with a reason (y), or keep it (b). 5. Propose (⇧K): you "
    "propose the nominee with the strongest reasons; the panel shows the counts and every "
    "reason, and never picks. 6. Consent round: 1 to 4 record each response for whoever is "
    "next; the nominee is asked last. 7. An objection (4) needs its reason: resolve it (⇧I) "
    "and ask the objector again (⇧R), or propose another nominee (⇧K). 8. Select (⇧O) once "
    "everyone is heard and no objection stands. Guests' nominations and responses are "
    "advisory; people recused from the item are not asked. ctrl+z undoes any step."
)
"""How a selection runs, for F1 while a selection item is current."""

ORDER = (
    "present",
    "nominate",
    "nominations",
    "change",
    "propose",
    "consent",
    "resolve",
    "selected",
)
"""Every stage, in the order the panel counts them."""

_MARK = {"consent": "✓", "agree": "✓", "concern": "!", "stand-aside": "–"}


def selection_text(
    state: MeetingState, item_id: str, keymap: Mapping[str, str] | None = None
) -> Text:
    """The whole panel as one text (tests, plain renderings)."""
    return join_parts(selection_parts(state, item_id, keymap))


def _head(sel: S.Selection) -> Text:
    out = Text()
    out.append(f"Stage {ORDER.index(sel.stage) + 1}/{len(ORDER)} ", style="bold")
    out.append(f"▶ {S.STAGE_LABELS[sel.stage]}", style="bold reverse")
    nxt = S.NEXT_STEP[sel.stage]
    if nxt:
        out.append(f" · next: {nxt}", style="italic")
    out.append("\nRole: ", style="bold")
    out.append(sel.role)
    if sel.term:
        out.append(" · term: ")
        out.append(sel.term)
    out.append("\n")
    if sel.qualifications:
        out.append("Qualifications: ", style="bold")
        out.append(sel.qualifications)
        out.append("\n")
    return out


def _round_rows(sel: S.Selection, item: ItemState) -> tuple[list[Text], int | None, Text]:
    """The nominations or change round: a row per person, their nomination beside them."""
    go = last_round(item)
    rows: list[Text] = []
    current: int | None = None
    head = Text()
    if go is None or go.purpose != S.ROUND_PURPOSES.get(sel.stage):
        return rows, current, head
    heard = min(go.pointer, len(go.order))
    head.append(f"{heard} of {len(go.order)} heard" + (" · round done" if go.done else ""))
    head.append("\n")
    latest = sel.latest()
    for i, name in enumerate(go.order):
        row = Text()
        on = i == go.pointer and not go.done
        if on:
            current = i
        row.append(" ▶ " if on else (" ✓ " if i < go.pointer else " ○ "))
        row.append(name, style="bold reverse" if on else "")
        n = latest.get(name)
        if n is not None:
            row.append("  → ")
            row.append(n.nominee or "passed", style="bold" if n.nominee else "dim")
            if n.change:
                row.append(" (changed)", style="dim")
            if not n.counted:
                row.append(" (advisory)", style="dim")
            if n.reason:
                row.append(": ")
                row.append(n.reason, style="italic")
        elif name in go.passed:
            row.append("  kept their nomination" if sel.stage == "change" else "  passed", "dim")
        rows.append(row)
    return rows, current, head


def _count_rows(sel: S.Selection, item: ItemState) -> list[Text]:
    """The nominations per nominee, with every reason: what the facilitator proposes from."""
    rows: list[Text] = []
    for c in S.counts(sel, item.recused):
        row = Text(" ")
        row.append(c.nominee, style="bold")
        row.append(f"  {c.counted} nomination{'s' if c.counted != 1 else ''}")
        if c.advisory:
            row.append(f" (+{c.advisory} advisory)", style="dim")
        rows.append(row)
        for who, why in c.reasons:
            line = Text("     ")
            line.append(who, style="dim")
            line.append(": ")
            line.append(why or "(no reason given)", style="italic" if why else "dim")
            rows.append(line)
    if not rows:
        rows.append(Text(" Nobody has been nominated yet.", style="italic"))
    return rows


def _consent_rows(
    state: MeetingState, item: ItemState, sel: S.Selection
) -> tuple[list[Text], int | None, Text]:
    rnd = sel.round
    assert rnd is not None
    tally = S.tally(state, item, sel)
    head = Text()
    head.append("Nominee: ", style="bold")
    head.append(rnd.nominee, style="bold")
    if rnd.reason:
        head.append(" · ")
        head.append(rnd.reason, style="italic")
    head.append("\n")
    found = " · ".join(f"{k} {v}" for k, v in tally.counts.items()) or "no counted responses"
    head.append(f"Tally: {found}", style="bold")
    if tally.advisory:
        head.append(f" · {tally.advisory} advisory")
    head.append("\n")
    if tally.blocking:
        head.append("✗ Objection stands: ", style="bold")
        head.append(", ".join(tally.blocking))
        head.append(" — resolve it, or propose another nominee\n")
    elif tally.integrated:
        head.append("⤷ Objection resolved: ", style="bold")
        head.append(", ".join(tally.integrated))
        head.append(" — ask them again\n")
    elif tally.missing:
        head.append(f"Waiting for {len(tally.missing)} member(s).\n")
    elif sel.stage != "selected":
        head.append(f"✓ Everyone heard, no objection: select {rnd.nominee}.\n", style="bold")
    responses = rnd.by_name()
    nxt = S.next_responder(state, item)
    rows: list[Text] = []
    current: int | None = None
    for name in S.consent_order(state, item, sel):
        row = Text()
        r = responses.get(name)
        if r is None:
            if name == nxt:
                current = len(rows)
            row.append(" ▶ " if name == nxt else " ○ ")
            row.append(name, style="bold reverse" if name == nxt else "")
        else:
            row.append(f" {_MARK.get(r.response, '✗')} ")
            row.append(name)
            row.append(f"  {r.response}")
            if r.by_exception:
                row.append(" (by exception)", style="dim")
            if not r.counted:
                row.append(" (advisory)", style="dim")
            if r.reason:
                row.append(": ")
                row.append(r.reason, style="italic")
        if name == rnd.nominee:
            row.append("  (nominee: asked last)", style="dim")
        rows.append(row)
    return rows, current, head


def selection_parts(
    state: MeetingState, item_id: str, keymap: Mapping[str, str] | None = None
) -> Parts:
    """The selection in parts: stage, role and tally above, a row per person, keys below."""
    item = state.items[item_id]
    sel = S.selection_of(item)
    if sel is None:
        return Parts(Text(), [], None, Text())
    head = _head(sel)
    rows: list[Text] = []
    current: int | None = None
    foot = Text()
    if sel.stage in S.ROUND_PURPOSES:
        rows, current, extra = _round_rows(sel, item)
        head.append_text(extra)
    elif sel.stage in ("consent", "resolve", "selected") and sel.round is not None:
        rows, current, extra = _consent_rows(state, item, sel)
        head.append_text(extra)
        for g in sel.round.resolutions:
            foot.append(" ⤷ resolved ")
            foot.append(g.name)
            foot.append("'s objection: ")
            foot.append(g.how, style="italic")
            foot.append("\n")
    elif sel.stage == "propose":
        rows = _count_rows(sel, item)
    if sel.selected is not None:
        foot.append("✓ " + S.selected_line(sel.role, sel.selected, sel.term), style="bold")
    else:
        foot.append_text(_keys_line(sel, keymap))
    return Parts(head, rows, current, foot)


_STAGE_KEYS = {
    "present": (("selection-stage", "next stage"),),
    "nominate": (("selection-stage", "start the nominations round"),),
    "nominations": (
        ("selection-nominate", "nominate"),
        ("selection-pass", "pass"),
        ("selection-stage", "the change round"),
    ),
    "change": (
        ("selection-nominate", "change, with a reason"),
        ("selection-pass", "keep"),
        ("selection-propose", "propose a nominee"),
    ),
    "propose": (("selection-propose", "propose a nominee"),),
    "consent": (
        ("selection-respond-1", "consent"),
        ("selection-respond-4", "object"),
        ("selection-consent-rest", "all consent"),
        ("selection-select", "select"),
    ),
    "resolve": (
        ("selection-resolve", "resolve"),
        ("selection-respond-as", "ask again"),
        ("selection-propose", "another nominee"),
    ),
}


def _keys_line(sel: S.Selection, keymap: Mapping[str, str] | None) -> Text:
    """The keys that move this stage on (F1 has them all, and the steps)."""
    found = _STAGE_KEYS.get(sel.stage, ())
    line = " · ".join(f"{key_label(c, keymap)}: {what}" for c, what in found)
    return Text(f"{line} · F1: the steps" if line else "", style="italic")


_ROUND_STAGES = frozenset(S.ROUND_PURPOSES)
_CONSENT_STAGES = frozenset({"consent", "resolve"})
_WHEN = {
    "nominate": _ROUND_STAGES,
    "nominate_pass": _ROUND_STAGES,
    "nominate_as": _ROUND_STAGES,
    "respond": _CONSENT_STAGES,
    "consent_rest": _CONSENT_STAGES,
    "respond_as": _CONSENT_STAGES,
    "resolve": _CONSENT_STAGES,
    "select": _CONSENT_STAGES,
}
"""Action -> the stages it belongs to (elsewhere its key shows greyed)."""


class SelectionPanel(PartsPanel):
    """The role selection of the current selection item: it draws the process and owns its
    keys; every action ends in `self.run(command)`, and the engine says why not when it
    makes no sense now."""

    AREA = AREA
    BINDINGS: ClassVar[list[BindingType]] = bindings_of(KEYS)

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return selection_parts(state, item.item_id, app_keymap(self))

    def _selection(self) -> S.Selection | None:
        return S.selection_of(self.state.current_item) if self.state is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        sel = self._selection()
        stages = _WHEN.get(action)
        if sel is None or stages is None:
            return True
        # Greyed, not hidden: the Footer keeps its place, and F1 says when each key works.
        return True if sel.stage in stages else None

    def show_state(self, state: Any, item: ItemView, now: float) -> None:
        before = self._selection()
        stage = before.stage if before is not None else None
        super().show_state(state, item, now)
        after = self._selection()
        if after is not None and after.stage != stage:
            self.refresh_bindings()  # the keys of the new stage light up

    def _people(self, *, present: bool | None = True) -> list[Choice]:
        assert self.state is not None
        return ask.people(self.state, present=present, queueable=True)

    def _members(self) -> list[Choice]:
        """Whom one may nominate: the voting members (themselves included)."""
        assert self.state is not None
        item = self.state.current_item
        recused = item.recused if item is not None else {}
        return [
            Choice(p.name, p.name, "" if p.present else "not here", p.key)
            for p in self.state.people.values()
            if p.role == "member" and p.name not in recused
        ]

    def _on_round(self) -> str | None:
        go = active_round(self.state) if self.state is not None else None
        return go.current if go is not None else None

    @work
    async def action_stage(self) -> None:
        """Move the selection to a stage (the rounds start in circle order)."""
        sel = self._selection()
        if sel is None:
            return
        choices = [Choice(s, S.STAGE_LABELS[s], "now" if s == sel.stage else "") for s in S.STAGES]
        stage = await ask.pick(self.app, "Move the selection to which stage?", choices)
        if stage is not None:
            self.run(S.SelectionStage(stage), done=S.STAGE_LABELS[stage])

    async def _nominate(self, name: str | None) -> None:
        sel = self._selection()
        who = name or self._on_round()
        if sel is None or who is None:
            self.run(S.Nominate("", name=name))  # the engine says why not
            return
        change = sel.stage == "change"
        title = f"{who} {'changes their nomination to' if change else 'nominates'} whom?"
        nominee = await ask.pick(self.app, title, self._members())
        if nominee is None:
            return
        why = "Why the change (goes in the minutes)" if change else "Why (goes in the minutes)"
        values = await ask.form(
            self.app, f"{who} → {nominee}", [Field("reason", why, required=change)]
        )
        if values is not None:
            reason = values["reason"] or ""
            self.run(S.Nominate(nominee, reason, name=name), done=f"{who} → {nominee}")

    @work
    async def action_nominate(self) -> None:
        """The person on the round nominates someone (asks whom and why)."""
        await self._nominate(None)

    @work
    async def action_nominate_as(self) -> None:
        """A chosen person's nomination, or their change of it."""
        name = await ask.pick(self.app, "Whose nomination?", self._people())
        if name is not None:
            await self._nominate(name)

    def action_nominate_pass(self) -> None:
        """The person on the round passes, or keeps their nomination."""
        who = self._on_round()
        self.run(S.NominationPass(), done=f"{who}: pass" if who else None)

    @work
    async def action_propose(self) -> None:
        """Propose a nominee, from the counts and reasons; their consent round opens."""
        sel = self._selection()
        item = self.state.current_item if self.state is not None else None
        if sel is None or item is None:
            return
        choices = [
            Choice(
                c.nominee,
                c.nominee,
                f"{c.counted} nomination{'s' if c.counted != 1 else ''}"
                + (f", {c.advisory} advisory" if c.advisory else ""),
            )
            for c in S.counts(sel, item.recused)
        ]
        nominee = await ask.pick(
            self.app, "Propose whom? (the strongest reasons)", choices, empty="Nobody nominated."
        )
        if nominee is None:
            return
        field = Field("reason", "The reasons you heard, in a few words (optional)", required=False)
        values = await ask.form(self.app, f"Propose {nominee}", [field])
        if values is not None:
            self.run(
                S.ProposeNominee(nominee, values["reason"] or ""),
                done=f"Consent round on {nominee}: the nominee is asked last.",
            )

    def _words(self) -> tuple[str, ...]:
        return vocabulary(self.state) if self.state is not None else ()

    @work
    async def action_respond(self, index: int) -> None:
        """Record a response for whoever is next (the nominee last)."""
        if self.state is None:
            return
        words = self._words()
        name = S.next_responder(self.state)
        if name is None or index >= len(words):
            self.run(S.SelectionRespond(words[0] if words else "consent"))  # says why not
            return
        await self._respond(name, words[index])

    async def _respond(self, name: str, response: str) -> None:
        if response in BLOCKING:
            field = Field("reason", "The reason for the objection (goes in the minutes)")
            values = await ask.form(self.app, f"{name}: objection", [field])
        elif response == "concern":
            field = Field("reason", "What the concern is (goes in the minutes)", required=False)
            values = await ask.form(self.app, f"{name}: concern", [field])
        else:
            values = {"reason": ""}
        if values is not None:
            reason = values["reason"] or ""
            self.run(S.SelectionRespond(response, reason, name=name), done=f"{name}: {response}")

    @work
    async def action_respond_as(self) -> None:
        """A chosen person's response (an objector asked again after a resolution)."""
        name = await ask.pick(self.app, "Who responds?", self._people())
        if name is None:
            return
        words = self._words()
        response = await ask.pick(self.app, f"{name}'s response", [Choice(w, w) for w in words])
        if response is not None:
            await self._respond(name, response)

    @work
    async def action_consent_rest(self) -> None:
        """Everyone not yet heard consents, except the nominee (asks first, saying how many)."""
        sel = self._selection()
        item = self.state.current_item if self.state is not None else None
        if sel is None or item is None or sel.round is None or self.state is None:
            self.run(S.SelectionByException())  # the engine says why not
            return
        nominee = sel.round.nominee
        names = [n for n in S.tally(self.state, item, sel).missing if n != nominee]
        if not names:
            self.run(S.SelectionByException())
            return
        question = (
            f"Record consent for the {len(names)} voting member(s) not yet heard "
            f"({', '.join(names)})? {nominee}, the nominee, is still asked last."
        )
        if await ask.confirm(self.app, question):
            self.run(S.SelectionByException(), done=f"consent: {len(names)} by exception.")

    @work
    async def action_resolve(self) -> None:
        """Record how an objection was resolved (then ask the objector again)."""
        sel = self._selection()
        item = self.state.current_item if self.state is not None else None
        if sel is None or item is None or self.state is None or sel.round is None:
            self.run(S.ResolveObjection("", ""))  # the engine says why not
            return
        standing = S.tally(self.state, item, sel).blocking
        choices = [Choice(n, n) for n in standing]
        name = await ask.pick(
            self.app, "Whose objection was resolved?", choices, empty="No objection stands."
        )
        if name is None:
            return
        values = await ask.form(self.app, f"{name}'s objection", [Field("how", "What was agreed")])
        if values is not None:
            self.run(S.ResolveObjection(name, values["how"]), done=f"Now ask {name} again.")

    @work
    async def action_select(self) -> None:
        """Select the nominee (asks first)."""
        sel = self._selection()
        if sel is None or sel.nominee is None:
            self.run(S.SelectNominee())  # the engine says why not
            return
        line = S.selected_line(sel.role, sel.nominee, sel.term)
        if await ask.confirm(self.app, f"{line}?", yes="Select"):
            self.run(S.SelectNominee(), done=line + ".")


PANEL = SelectionPanel
"""The panel the slot mounts for selection items."""
