"""The process panels: the guided consent round for proposals, the turn pointer for rounds.

Both draw from the engine state they are handed (`show_state`) and never
change it: their keys live on the run screen (area "process") and post
commands through it. All free text goes in as `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static

from facilitator.core.state import MeetingState
from facilitator.core.timing import decision_quorum, quorum_text
from facilitator.processes.consent import model as K
from facilitator.processes.round.model import GoAround, last_round
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


class Parts(NamedTuple):
    """A process panel's text in three parts, so the person list between can scroll."""

    head: Text
    """What stands above the list: the title, the count, the tally."""
    rows: list[Text]
    """One line per person, in circle order."""
    current: int | None
    """The row of the person whose turn it is (None: no one's)."""
    foot: Text
    """What stands below the list: the keys."""


def join_parts(parts: Parts) -> Text:
    """The three parts as one text (for tests and plain renderings)."""
    out = Text()
    out.append_text(parts.head)
    for row in parts.rows:
        out.append_text(row)
        out.append("\n")
    out.append_text(parts.foot)
    return out


def round_text(
    go: GoAround | None, title: str = "Round", keymap: Mapping[str, str] | None = None
) -> Text:
    """The turn pointer: who has spoken, who is on, who is to come."""
    return join_parts(round_parts(go, title, keymap))


def round_parts(
    go: GoAround | None, title: str = "Round", keymap: Mapping[str, str] | None = None
) -> Parts:
    """The turn pointer in parts: the count above, a row per person, the keys below."""
    head = Text()
    if go is None:
        start = key_label("start-round", keymap)
        head.append(f"{title}: not started. {start} starts it (in circle order).", style="italic")
        return Parts(head, [], None, Text())
    heard = min(go.pointer, len(go.order))
    state = "done" if go.done else f"turn {min(go.pointer + 1, len(go.order))}"
    head.append(f"{title} · {heard} of {len(go.order)} heard · {state}\n", style="bold")
    rows: list[Text] = []
    current: int | None = None
    for i, name in enumerate(go.order):
        out = Text()
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
            current = i
            out.append(" ▶ ")
            out.append(name, style="bold reverse")
        else:
            out.append(" ○ ")
            out.append(name)
        rows.append(out)
    foot = Text()
    if not go.done:
        done, skip = key_label("end-turn", keymap), key_label("round-pass", keymap)
        end = key_label("end-round", keymap)
        foot.append(f"{done}: done speaking · {skip}: pass · {end}: end the round", style="italic")
    return Parts(head, rows, current, foot)


def consent_text(
    state: MeetingState, item_id: str, keymap: Mapping[str, str] | None = None
) -> Text:
    """Stage, version, whose turn, responses, tally and what the tally allows."""
    return join_parts(consent_parts(state, item_id, keymap))


def consent_parts(
    state: MeetingState, item_id: str, keymap: Mapping[str, str] | None = None
) -> Parts:
    """The consent process in parts: stage and tally above, a row per person, keys below."""
    item = state.items[item_id]
    consent = K.consent_of(item)
    out = Text()
    rows: list[Text] = []
    current: int | None = None
    if consent is None:
        return Parts(out, rows, current, Text())
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
    reactions: Text | None = None
    go = last_round(item)
    if consent.stage == "reactions" and go is not None:
        go_parts = round_parts(go, "Quick reactions", keymap)
        out.append_text(go_parts.head)
        rows, current, reactions = go_parts.rows, go_parts.current, go_parts.foot
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
        nxt = K.next_responder(state, item)
        eligible = K.responders(state, item)
        answered = sum(1 for p in eligible if p.name in responses)
        out.append(f"{answered} of {len(eligible)} responded\n", style="bold")
        for p in eligible:
            row = Text()
            rows.append(row)
            r = responses.get(p.name)
            if r is None:
                if p.name == nxt:
                    current = len(rows) - 1
                row.append(" ▶ " if p.name == nxt else " ○ ")
                row.append(p.name, style="bold reverse" if p.name == nxt else "")
                row.append("  (guest, advisory)" if p.role == "guest" else "", style="dim")
            else:
                row.append(f" {_MARK.get(r.response, '?')} ")
                row.append(p.name)
                row.append(f"  {r.response}")
                if not r.counted:
                    row.append(" (advisory)", style="dim")
                if r.reason:
                    row.append(": ")
                    row.append(r.reason, style="italic")
    head = out
    # Below the list: the reactions round's keys, integrations, the outcome, the keys.
    out = Text()
    if reactions is not None and reactions.plain:
        out.append_text(reactions)
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
    return Parts(head, rows, current, out)


class PersonRows(OptionList, can_focus=False):
    """The people of a round or a consent round: only the visible rows are drawn, and the
    list scrolls to whoever's turn it is, however long the room."""

    DEFAULT_CSS = """
    PersonRows {
        height: auto;
        max-height: 25vh;
        border: none;
        padding: 0;
        background: transparent;
    }
    PersonRows > .option-list--option-highlighted {
        background: transparent;
        text-style: none;
    }
    """

    def show_rows(self, rows: list[Text], current: int | None) -> None:
        """Replace only the rows that changed (so a 60-row list redraws one or two lines),
        then bring the current person into view."""
        if len(rows) != self.option_count:
            self.set_options(rows)
        else:
            for i, row in enumerate(rows):
                if self.get_option_at_index(i).prompt != row:
                    self.replace_option_prompt_at_index(i, row)
        self.display = bool(rows)
        if current is not None:
            self.highlighted = current
            # At the top: the list's lower rows may be cut off by a short panel.
            self.scroll_to_highlight(top=True)


class _PartsPanel(ProcessPanel):
    """A panel drawn as head, scrolling person rows, foot."""

    def compose(self) -> ComposeResult:
        yield Static(classes="process-head")
        yield PersonRows(classes="process-rows")
        yield Static(classes="process-foot")

    def _parts(self, state: Any, item: ItemView) -> Parts:
        raise NotImplementedError

    def show_state(self, state: Any, item: ItemView, now: float) -> None:
        self._last = self._parts(state, item)
        if self.is_mounted:
            self._draw(self._last)

    def on_mount(self) -> None:
        last: Parts | None = getattr(self, "_last", None)
        if last is not None:
            self._draw(last)

    def _draw(self, parts: Parts) -> None:
        head, foot = parts.head.copy(), parts.foot
        head.rstrip()
        self.query_one(".process-head", Static).update(head)
        self.query_one(PersonRows).show_rows(parts.rows, parts.current)
        foot_widget = self.query_one(".process-foot", Static)
        foot_widget.update(foot)
        foot_widget.display = bool(foot.plain)


class ConsentPanel(_PartsPanel):
    """The consent process of the current proposal."""

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return consent_parts(state, item.item_id, app_keymap(self))


class RoundPanel(_PartsPanel):
    """The turn pointer of a round item (check-in, check-out)."""

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return round_parts(last_round(state.items[item.item_id]), keymap=app_keymap(self))


def default_panels() -> dict[str, type[ProcessPanel]]:
    """Item kind -> panel."""
    return {"proposal": ConsentPanel, "round": RoundPanel}
