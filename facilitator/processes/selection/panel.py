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
from facilitator.i18n import _, ngettext, pgettext
from facilitator.processes.consent.model import BLOCKING, response_word, vocabulary
from facilitator.processes.round.model import active_round, last_round
from facilitator.processes.selection import model as S
from facilitator.processes.selection.panel_keys import AREA, KEYS
from facilitator.processes.unit import mark
from facilitator.tui import ask
from facilitator.tui.commands import app_keymap, bindings_of, key_label
from facilitator.tui.fields import Choice, Field
from facilitator.tui.translate import translate_bindings
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_panels import Parts, PartsPanel, join_parts

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
    out.append(
        _("Stage {n}/{of} ").format(n=ORDER.index(sel.stage) + 1, of=len(ORDER)), style="bold"
    )
    out.append(f"▶ {S.STAGE_LABELS[sel.stage]}", style="bold reverse")
    nxt = S.NEXT_STEP[sel.stage]
    if nxt:
        out.append(_(" · next: {step}").format(step=nxt), style="italic")
    out.append("\n")
    out.append(_("Role: "), style="bold")
    out.append(sel.role)
    if sel.term:
        out.append(_(" · term: "))
        out.append(sel.term)
    out.append("\n")
    if sel.qualifications:
        out.append(_("Qualifications: "), style="bold")
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
    head.append(
        _("{n} of {of} heard").format(n=heard, of=len(go.order))
        + (_(" · round done") if go.done else "")
    )
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
            row.append(n.nominee or _("passed"), style="bold" if n.nominee else "dim")
            if n.change:
                row.append(_(" (changed)"), style="dim")
            if not n.counted:
                row.append(_(" (advisory)"), style="dim")
            if n.reason:
                row.append(": ")
                row.append(n.reason, style="italic")
        elif name in go.passed:
            kept = _("  kept their nomination") if sel.stage == "change" else _("  passed")
            row.append(kept, "dim")
        rows.append(row)
    return rows, current, head


def _count_rows(sel: S.Selection, item: ItemState) -> list[Text]:
    """The nominations per nominee, with every reason: what the facilitator proposes from."""
    rows: list[Text] = []
    for c in S.counts(sel, item.recused):
        row = Text(" ")
        row.append(c.nominee, style="bold")
        row.append(ngettext("  {n} nomination", "  {n} nominations", c.counted).format(n=c.counted))
        if c.advisory:
            row.append(_(" (+{n} advisory)").format(n=c.advisory), style="dim")
        rows.append(row)
        for who, why in c.reasons:
            line = Text("     ")
            line.append(who, style="dim")
            line.append(": ")
            line.append(why or _("(no reason given)"), style="italic" if why else "dim")
            rows.append(line)
    if not rows:
        rows.append(Text(_(" Nobody has been nominated yet."), style="italic"))
    return rows


def _consent_rows(
    state: MeetingState, item: ItemState, sel: S.Selection
) -> tuple[list[Text], int | None, Text]:
    rnd = sel.round
    assert rnd is not None
    tally = S.tally(state, item, sel)
    head = Text()
    head.append(_("Nominee: "), style="bold")
    head.append(rnd.nominee, style="bold")
    if rnd.reason:
        head.append(" · ")
        head.append(rnd.reason, style="italic")
    head.append("\n")
    found = " · ".join(f"{response_word(k)} {v}" for k, v in tally.counts.items())
    head.append(
        _("Tally: {counts}").format(counts=found or _("no counted responses")), style="bold"
    )
    if tally.advisory:
        head.append(_(" · {n} advisory").format(n=tally.advisory))
    head.append("\n")
    if tally.blocking:
        head.append(_("✗ Objection stands: "), style="bold")
        head.append(", ".join(tally.blocking))
        head.append(_(" — resolve it, or propose another nominee"))
        head.append("\n")
    elif tally.integrated:
        head.append(_("⤷ Objection resolved: "), style="bold")
        head.append(", ".join(tally.integrated))
        head.append(_(" — ask them again"))
        head.append("\n")
    elif tally.missing:
        n = len(tally.missing)
        head.append(
            ngettext("Waiting for {n} member(s).", "Waiting for {n} member(s).", n).format(n=n)
        )
        head.append("\n")
    elif sel.stage != "selected":
        head.append(
            _("✓ Everyone heard, no objection: select {name}.").format(name=rnd.nominee),
            style="bold",
        )
        head.append("\n")
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
            row.append(f"  {response_word(r.response)}")
            if r.by_exception:
                row.append(_(" (by exception)"), style="dim")
            if not r.counted:
                row.append(_(" (advisory)"), style="dim")
            if r.reason:
                row.append(": ")
                row.append(r.reason, style="italic")
        if name == rnd.nominee:
            row.append(_("  (nominee: asked last)"), style="dim")
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
            foot.append(_(" ⤷ resolved {name}'s objection: ").format(name=g.name))
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
    "present": (("selection-stage", mark.pgettext("key word", "next stage")),),
    "nominate": (("selection-stage", mark.pgettext("key word", "start the nominations round")),),
    "nominations": (
        ("selection-nominate", mark.pgettext("key word", "nominate")),
        ("selection-pass", mark.pgettext("key word", "pass")),
        ("selection-stage", mark.pgettext("key word", "the change round")),
    ),
    "change": (
        ("selection-nominate", mark.pgettext("key word", "change, with a reason")),
        ("selection-pass", mark.pgettext("key word", "keep")),
        ("selection-propose", mark.pgettext("key word", "propose a nominee")),
    ),
    "propose": (("selection-propose", mark.pgettext("key word", "propose a nominee")),),
    "consent": (
        ("selection-respond-1", mark.pgettext("key word", "consent")),
        ("selection-respond-4", mark.pgettext("key word", "object")),
        ("selection-consent-rest", mark.pgettext("key word", "all consent")),
        ("selection-select", mark.pgettext("key word", "select")),
    ),
    "resolve": (
        ("selection-resolve", mark.pgettext("key word", "resolve")),
        ("selection-respond-as", mark.pgettext("key word", "ask again")),
        ("selection-propose", mark.pgettext("key word", "another nominee")),
    ),
}


def _keys_line(sel: S.Selection, keymap: Mapping[str, str] | None) -> Text:
    """The keys that move this stage on (F1 has them all, and the steps)."""
    found = _STAGE_KEYS.get(sel.stage, ())
    said = [(key_label(c, keymap), pgettext("key word", what)) for c, what in found]
    line = " · ".join(f"{key}: {what}" for key, what in said)
    return Text(_("{keys} · F1: the steps").format(keys=line) if line else "", style="italic")


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

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
            Choice(p.name, p.name, "" if p.present else _("not here"), p.key)
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
        choices = [
            Choice(s, S.STAGE_LABELS[s], _("now") if s == sel.stage else "") for s in S.STAGES
        ]
        stage = await ask.pick(self.app, _("Move the selection to which stage?"), choices)
        if stage is not None:
            self.run(S.SelectionStage(stage), done=S.STAGE_LABELS[stage])

    async def _nominate(self, name: str | None) -> None:
        sel = self._selection()
        who = name or self._on_round()
        if sel is None or who is None:
            self.run(S.Nominate("", name=name))  # the engine says why not
            return
        change = sel.stage == "change"
        title = (
            _("{name} changes their nomination to whom?") if change else _("{name} nominates whom?")
        ).format(name=who)
        nominee = await ask.pick(self.app, title, self._members())
        if nominee is None:
            return
        why = (
            _("Why the change (goes in the minutes)") if change else _("Why (goes in the minutes)")
        )
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
        name = await ask.pick(self.app, _("Whose nomination?"), self._people())
        if name is not None:
            await self._nominate(name)

    def action_nominate_pass(self) -> None:
        """The person on the round passes, or keeps their nomination."""
        who = self._on_round()
        self.run(S.NominationPass(), done=_("{name}: pass").format(name=who) if who else None)

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
                ngettext("{n} nomination", "{n} nominations", c.counted).format(n=c.counted)
                + (_(", {n} advisory").format(n=c.advisory) if c.advisory else ""),
            )
            for c in S.counts(sel, item.recused)
        ]
        nominee = await ask.pick(
            self.app,
            _("Propose whom? (the strongest reasons)"),
            choices,
            empty=_("Nobody nominated."),
        )
        if nominee is None:
            return
        field = Field(
            "reason", _("The reasons you heard, in a few words"), required=False
        )
        values = await ask.form(self.app, _("Propose {name}").format(name=nominee), [field])
        if values is not None:
            self.run(
                S.ProposeNominee(nominee, values["reason"] or ""),
                done=_("Consent round on {name}: the nominee is asked last.").format(name=nominee),
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
            field = Field("reason", _("The reason for the objection (goes in the minutes)"))
            values = await ask.form(self.app, _("{name}: objection").format(name=name), [field])
        elif response == "concern":
            field = Field("reason", _("What the concern is (goes in the minutes)"), required=False)
            values = await ask.form(self.app, _("{name}: concern").format(name=name), [field])
        else:
            values = {"reason": ""}
        if values is not None:
            reason = values["reason"] or ""
            done = f"{name}: {response_word(response)}"
            self.run(S.SelectionRespond(response, reason, name=name), done=done)

    @work
    async def action_respond_as(self) -> None:
        """A chosen person's response (an objector asked again after a resolution)."""
        name = await ask.pick(self.app, _("Who responds?"), self._people())
        if name is None:
            return
        words = self._words()
        response = await ask.pick(
            self.app,
            _("{name}'s response").format(name=name),
            [Choice(w, response_word(w)) for w in words],
        )
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
        n = len(names)
        question = ngettext(
            "Record consent for the {n} voting member(s) not yet heard ({names})? {nominee}, the "
            "nominee, is still asked last.",
            "Record consent for the {n} voting member(s) not yet heard ({names})? {nominee}, the "
            "nominee, is still asked last.",
            n,
        ).format(n=n, names=", ".join(names), nominee=nominee)
        if await ask.confirm(self.app, question):
            done = _("consent: {n} by exception.").format(n=n)
            self.run(S.SelectionByException(), done=done)

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
            self.app, _("Whose objection was resolved?"), choices, empty=_("No objection stands.")
        )
        if name is None:
            return
        values = await ask.form(
            self.app,
            _("{name}'s objection").format(name=name),
            [Field("how", _("What was agreed"))],
        )
        if values is not None:
            done = _("Now ask {name} again.").format(name=name)
            self.run(S.ResolveObjection(name, values["how"]), done=done)

    @work
    async def action_select(self) -> None:
        """Select the nominee (asks first)."""
        sel = self._selection()
        if sel is None or sel.nominee is None:
            self.run(S.SelectNominee())  # the engine says why not
            return
        line = S.selected_line(sel.role, sel.nominee, sel.term)
        if await ask.confirm(self.app, f"{line}?", yes=_("Select")):
            self.run(S.SelectNominee(), done=line + ".")


PANEL = SelectionPanel
"""The panel the slot mounts for selection items."""
