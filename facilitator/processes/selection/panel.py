"""Role selection's Textual side: its panel (stage, rounds, nominations, consent) and its keys.

The panel draws from the engine state it is handed (`show_state`) and never
changes it; the rules (whose turn it is, the counts, who is asked last, what
blocks the selection) are the model's, never redone here. All free text is
drawn as `Text`, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text

from facilitator.core.state import ItemState, MeetingState
from facilitator.processes.round.model import last_round
from facilitator.processes.selection import model as S
from facilitator.tui.commands import app_keymap
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


def _keys_line(sel: S.Selection, keymap: Mapping[str, str] | None) -> Text:
    """The keys that move this stage on (F1 has them all)."""
    return Text("")


class SelectionPanel(PartsPanel):
    """The role selection of the current selection item."""

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return selection_parts(state, item.item_id, app_keymap(self))


PANEL = SelectionPanel
"""The panel the slot mounts for selection items."""
