"""The consent process's Textual side: its panel (the guided consent round) and its keys.

The panel draws from the engine state it is handed (`show_state`) and never
changes it; the keys post their commands through the run screen. The rules
(whose turn it is, the tally, what it allows) are the model's, never redone here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from rich.text import Text

from facilitator.core import commands as C
from facilitator.core.dates import EXAMPLES, describe_date, parse_date
from facilitator.core.state import MeetingState
from facilitator.core.timing import decision_quorum, quorum_text
from facilitator.processes.consent import model as K
from facilitator.processes.consent.model import next_responder
from facilitator.processes.round.model import last_round
from facilitator.processes.round.panel import round_parts
from facilitator.tui.commands import app_keymap, key_label
from facilitator.tui.date_fields import before_meeting, meeting_day, review_preview
from facilitator.tui.flows import MeetingActions
from facilitator.tui.screens.forms import Field
from facilitator.tui.screens.picker import Choice
from facilitator.tui.screens.preview_form import PreviewFormScreen
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_panels import Parts, PartsPanel, join_parts

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


class ConsentPanel(PartsPanel):
    """The consent process of the current proposal."""

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return consent_parts(state, item.item_id, app_keymap(self))



def date_cleaner(text: str, base: dt.date | None = None) -> dt.date | None:
    """A review date: YYYY-MM-DD, or with a `base` day any friendly form (`+6m`, `1 jun`);
    empty clears it."""
    text = text.strip()
    if not text:
        return None
    if base is not None:
        return parse_date(text, base)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError("write the date as YYYY-MM-DD, e.g. 2027-06-01") from None


class ConsentActions(MeetingActions):
    """The consent process's keys (area "process"), on the run screen: every action ends in
    `self.do(command)`, and the engine says why not when it makes no sense now."""

    def _state(self) -> MeetingState:
        state: MeetingState = self.meeting.state
        return state

    def _rule(self) -> str:
        return str(self._state().agenda.meeting.decision_rule)

    def action_stage(self) -> None:
        """Move the proposal to a stage of the consent process."""
        choices = [Choice(s, K.STAGE_LABELS[s], "") for s in K.STAGES]
        self._pick(
            "Move the proposal to which stage?", choices, lambda s: self.do(C.ConsentStage(s))
        )

    def action_respond(self, index: int) -> None:
        """Record the response number `index` for whoever is next in circle order."""
        name = next_responder(self._state())
        if name is None:
            again = key_label("respond-as", app_keymap(self))
            self.notify(
                f"Everyone present has responded ({again} records or changes one).", markup=False
            )
            return
        self._respond(name, K.VOCABULARY[self._rule()][index])

    def action_consent_rest(self) -> None:
        """Everyone not yet heard consents (consent by exception), after a confirmation that
        says how many people that is."""
        state = self._state()
        item = state.current_item
        consent = K.consent_of(item)
        if item is None or consent is None:
            self.do(C.ConsentByException())  # the engine says why not
            return
        missing = K.tally(state, consent, item.id).missing
        word = K.VOCABULARY[self._rule()][0]
        if not missing:
            self.notify("Every voting member present has responded.", markup=False)
            return
        n = len(missing)
        self._confirm(
            f"Record {word} for the {n} voting member{'' if n == 1 else 's'} not yet heard? "
            "Those who responded keep their response.",
            lambda: self.do(C.ConsentByException(word), done=f"{word}: {n} by exception."),
        )

    def _respond(self, name: str, response: str) -> None:
        if response in K.BLOCKING:
            what = "block" if response == "block" else "objection"
            self._form(
                f"{name}: {what}",
                [Field("reason", f"The reason for the {what} (goes in the minutes)")],
                lambda v: self.do(C.Respond(name, response, v["reason"])),
            )
        elif response == "concern":
            # A concern is worth recording in its own words; Enter on an empty field skips it.
            self._form(
                f"{name}: concern",
                [Field("reason", "What the concern is (goes in the minutes)", required=False)],
                lambda v: self.do(
                    C.Respond(name, response, v["reason"] or ""), done=f"{name}: concern"
                ),
            )
        else:
            self.do(C.Respond(name, response), done=f"{name}: {response}")

    def action_respond_as(self) -> None:
        """Pick a person and a response (also to change a response)."""
        vocab = K.VOCABULARY[self._rule()]

        def chose_person(name: str) -> None:
            self._form(
                f"Response from {name}",
                [
                    Field("response", f"One of: {', '.join(vocab)}", _vocab_cleaner(self._rule())),
                    Field("reason", "Reason (required for an objection or block)", required=False),
                ],
                lambda v: self.do(C.Respond(name, v["response"], v["reason"] or "")),
            )

        self._pick("Who responds?", self._people(present=True, queueable=True), chose_person)

    def action_integrate(self) -> None:
        """Record how an objection was integrated."""
        state = self._state()
        consent = K.consent_of(state.current_item)
        names = K.objectors(consent) if consent is not None else []
        self._pick(
            "Whose objection was integrated?",
            [Choice(n, n, "") for n in names],
            lambda n: self._form(
                f"Integrating {n}'s objection",
                [Field("how", "What changed or was agreed")],
                lambda v: self.do(C.Integrate(n, v["how"])),
            ),
            empty="No objections on this proposal.",
        )

    def action_amend(self) -> None:
        """A new version of the proposal; the consent round runs again on it."""
        item = self.current_view().item
        self._form(
            "Amend the proposal (a new version)",
            [
                Field(
                    "text",
                    "The amended proposal (Enter: new line · ctrl+s: save)",
                    value=(item.proposal or "") if item else "",
                    multiline=True,
                ),
                Field("note", "What changed (optional)", required=False),
            ],
            lambda v: self.do(
                C.Amend(v["text"], v["note"] or ""), done="New version: consent round again."
            ),
        )

    def action_outcome(self) -> None:
        """Record the outcome (the tally's suggestion first); asks for confirmation."""
        state = self._state()
        item = state.current_item
        suggestion = None
        consent = K.consent_of(item)
        if item is not None and consent is not None:
            suggestion = K.suggested_outcome(K.tally(state, consent, item.id))
        order = sorted(K.OUTCOMES, key=lambda o: o != suggestion)
        choices = [Choice(o, o, "supported by the tally" if o == suggestion else "") for o in order]

        def chosen(outcome: str) -> None:
            self._confirm(
                f"Record the outcome: {outcome}?",
                lambda: self.do(C.RecordOutcome(outcome), done=f"Recorded: {outcome}."),
            )

        self._pick("Outcome", choices, chosen)

    def action_review_date(self) -> None:
        """Set the decision's review date: the form opens on the current one (empty clears it).

        Any real date is taken, even one before the meeting (minutes typed up later, a
        review that is already overdue); the form and the confirmation say so.
        """
        state = self._state()
        item = state.current_item
        consent = K.consent_of(item)
        current = consent.review if consent is not None else None
        base = meeting_day(state, dt.date.today())

        def save(values: dict[str, Any]) -> None:
            day: dt.date | None = values["review"]
            if day is None:
                done = "Review date cleared."
            else:
                done = f"Review on {describe_date(day, base)}.{before_meeting(day, base)}"
            self.do(C.SetReview(day), done=done.strip())

        fields = [
            Field(
                "review",
                f"Review on (e.g. {EXAMPLES}; empty clears it)",
                lambda text: date_cleaner(text, base),
                required=False,
                value=current.isoformat() if current else "",
            )
        ]

        def filled(values: dict[str, Any] | None) -> None:
            if values is not None:
                save(values)

        self.app.push_screen(
            PreviewFormScreen("Review date", fields, {"review": review_preview(base)}), filled
        )

def _vocab_cleaner(rule: str) -> Any:
    def clean(text: str) -> str:
        from facilitator.core.errors import DomainError

        try:
            return K.normalize(rule, text)
        except DomainError as exc:
            raise ValueError(str(exc)) from None

    return clean


PANEL = ConsentPanel
"""The panel the slot mounts for this process's item kinds."""
