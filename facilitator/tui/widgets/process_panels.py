"""The process panels: the guided consent round for proposals, the turn pointer for rounds.

Both draw from the engine state they are handed (`show_state`) and never
change it: their keys live on the run screen (area "process") and post
commands through it. All free text goes in as `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from facilitator.core import consent as K
from facilitator.core.state import GoAround, MeetingState
from facilitator.core.timing import decision_quorum, quorum_text
from facilitator.tui.commands import app_keymap, key_label
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_slot import ProcessPanel

RESPONSE_COMMANDS = ("respond-1", "respond-2", "respond-3", "respond-4")
"""The commands for the responses, in the order of the rule's vocabulary."""

_MARK = {
    "consent": "✓",
    "agree": "✓",
    "concern": "!",
    "stand-aside": "–",
    "object": "✗",
    "block": "✗",
}


def round_text(
    go: GoAround | None, title: str = "Round", keymap: Mapping[str, str] | None = None
) -> Text:
    """The turn pointer: who has spoken, who is on, who is to come."""
    out = Text()
    if go is None:
        start = key_label("start-round", keymap)
        out.append(f"{title}: not started. {start} starts it (in circle order).", style="italic")
        return out
    state = "done" if go.done else f"{min(go.pointer + 1, len(go.order))} of {len(go.order)}"
    out.append(f"{title} · {state}\n", style="bold")
    for i, name in enumerate(go.order):
        if i < go.pointer:
            skipped = name in go.skipped
            mark = "·" if name in go.passed else ("⤼" if skipped else "✓")
            out.append(f" {mark} ")
            out.append(name, style="dim")
            note = (
                " (passed)"
                if name in go.passed
                else (" (skipped: left or recused)" if skipped else "")
            )
            out.append(note, style="dim")
        elif go.done and name in go.not_reached:
            out.append(" – ")
            out.append(name, style="dim")
            out.append(" (did not respond: round ended)", style="dim")
        elif i == go.pointer and not go.done:
            out.append(" ▶ ")
            out.append(name, style="bold reverse")
        else:
            out.append(" ○ ")
            out.append(name)
        out.append("\n")
    if not go.done:
        done, skip = key_label("end-turn", keymap), key_label("round-pass", keymap)
        end = key_label("end-round", keymap)
        out.append(f"{done}: done speaking · {skip}: pass · {end}: end the round", style="italic")
    return out


def consent_text(
    state: MeetingState, item_id: str, keymap: Mapping[str, str] | None = None
) -> Text:
    """Stage, version, whose turn, responses, tally and what the tally allows."""
    item = state.items[item_id]
    consent = item.consent
    out = Text()
    if consent is None:
        return out
    rule = str(state.agenda.meeting.decision_rule)
    stages = [*K.STAGES, "decided"]
    # The essentials first (stage, tally, what it allows): at 80x24 the list below may scroll.
    # One line for where the process stands: at 80x24 every line counts.
    out.append(f"Stage {stages.index(consent.stage) + 1}/{len(stages)} ", style="bold")
    out.append(f"▶ {K.STAGE_LABELS[consent.stage]}", style="bold reverse")
    out.append(f" · version {consent.version}")
    if consent.review:
        out.append(f" · review {consent.review.isoformat()}")
    out.append("\n")
    if consent.stage == "reactions" and item.go_around is not None:
        out.append_text(round_text(item.go_around, "Quick reactions", keymap))
        out.append("\n")
    tally = K.tally(state, consent, item_id)
    rnd = consent.round
    if rnd is not None or consent.stage in ("consent", "integrate"):
        counts = " · ".join(f"{k} {v}" for k, v in tally.counts.items()) or "no counted responses"
        out.append(f"Tally: {counts}", style="bold")
        if tally.advisory:
            out.append(f" · {tally.advisory} advisory")
        out.append("\n")
        suggestion = K.suggested_outcome(tally)
        if tally.blocking:
            out.append("✗ Objection stands: ", style="bold")
            out.append(", ".join(tally.blocking))
            out.append(" — I integrates, A amends (new version, round again)\n")
        elif tally.integrated:
            # Integrated is not standing, and not consent yet either: say which step is next.
            out.append("⤷ Objection integrated: ", style="bold")
            out.append(", ".join(tally.integrated))
            out.append(" — A amends (new version, round again), or R asks them again\n")
        elif tally.missing:
            out.append(f"Waiting for {len(tally.missing)} member(s).\n")
        elif suggestion:
            out.append(f"✓ Supports: {suggestion}. O records the outcome.\n", style="bold")
        if consent.stage != "decided" and item.recused:
            # Recused members do not count for this decision, so the header's count is not
            # the one it will record: say that one, in the same words (at 80x24 only then).
            met, present, required = decision_quorum(state, item)
            out.append(quorum_text(present, required) + ("" if met else " ✗ quorum not met"))
            out.append("\n")
        responses = rnd.by_name() if rnd else {}
        nxt = next(
            (
                p.name
                for p in state.people.values()
                if p.present
                and p.role != "observer"
                and p.name not in item.recused
                and p.name not in responses
            ),
            None,
        )
        for p in state.people.values():
            if p.role == "observer" or not p.present or p.name in item.recused:
                continue
            r = responses.get(p.name)
            if r is None:
                out.append(" ▶ " if p.name == nxt else " ○ ")
                out.append(p.name, style="bold" if p.name == nxt else "")
                out.append("  (guest, advisory)" if p.role == "guest" else "", style="dim")
            else:
                out.append(f" {_MARK.get(r.response, '?')} ")
                out.append(p.name)
                out.append(f"  {r.response}")
                if not r.counted:
                    out.append(" (advisory)", style="dim")
                if r.reason:
                    out.append(": ")
                    out.append(r.reason, style="italic")
            out.append("\n")
    for integ in consent.integrations:
        out.append(" ⤷ integrated ")
        out.append(integ.name)
        out.append(f"'s objection (v{integ.version}): ")
        out.append(integ.how, style="italic")
        out.append("\n")
    if consent.stage == "decided":
        decision = next((d for d in state.decisions if d.item_id == item_id), None)
        if decision is not None:
            out.append(f"Outcome: {decision.outcome}", style="bold")
            out.append(f" · {quorum_text(decision.voting_present, decision.quorum_required)}")
            if not decision.quorum_met:
                out.append("  ⚠ decided without quorum", style="bold")
            out.append("\n")
    else:

        def k(command_id: str) -> str:
            return key_label(command_id, keymap)

        keys = " ".join(
            f"{k(c)}:{w}" for c, w in zip(RESPONSE_COMMANDS, K.VOCABULARY[rule], strict=True)
        )
        out.append(
            f"{k('stage')}: stage · {keys} · {k('respond-as')}: respond as… · "
            f"{k('amend')}: amend · {k('outcome')}: outcome",
            style="italic",
        )
    return out


class ConsentPanel(ProcessPanel):
    """The consent process of the current proposal."""

    def compose(self) -> ComposeResult:
        yield Static(id="consent-text")

    def show_state(self, state: Any, item: ItemView, now: float) -> None:
        self._text = consent_text(state, item.item_id, app_keymap(self))
        if self.is_mounted:
            self.query_one("#consent-text", Static).update(self._text)

    def on_mount(self) -> None:
        text = getattr(self, "_text", None)
        if text is not None:
            self.query_one("#consent-text", Static).update(text)


class RoundPanel(ProcessPanel):
    """The turn pointer of a round item (check-in, check-out)."""

    def compose(self) -> ComposeResult:
        yield Static(id="round-text")

    def show_state(self, state: Any, item: ItemView, now: float) -> None:
        self._text = round_text(state.items[item.item_id].go_around, keymap=app_keymap(self))
        if self.is_mounted:
            self.query_one("#round-text", Static).update(self._text)

    def on_mount(self) -> None:
        text = getattr(self, "_text", None)
        if text is not None:
            self.query_one("#round-text", Static).update(text)


def default_panels() -> dict[str, type[ProcessPanel]]:
    """Item kind -> panel."""
    return {"proposal": ConsentPanel, "round": RoundPanel}
