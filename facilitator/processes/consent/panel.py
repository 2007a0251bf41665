"""The consent process's Textual side: its panel (the guided consent round) and its keys.

The panel draws from the engine state it is handed (`show_state`) and never
changes it; its keys (`KEYS`, live while a proposal is current) are its own
actions, which post their commands up to the run screen (`RunCommand`). The rules
(whose turn it is, the tally, what it allows) are the model's, never redone here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.binding import BindingType

from facilitator.core import commands as C
from facilitator.core.dates import EXAMPLES, describe_date, parse_date
from facilitator.core.state import MeetingState
from facilitator.core.timing import decision_quorum, quorum_text
from facilitator.processes.consent import model as K
from facilitator.processes.consent.model import next_responder
from facilitator.processes.round.model import last_round
from facilitator.processes.round.panel import round_parts
from facilitator.tui import ask
from facilitator.tui.commands import CommandSpec, app_keymap, bindings_of, key_label
from facilitator.tui.date_fields import before_meeting, meeting_day, review_preview
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


KEYS: tuple[CommandSpec, ...] = (
    CommandSpec("stage", "s", "stage", "Stage", "Move the proposal to a consent stage.", "consent"),
    CommandSpec(
        "respond-1",
        "1",
        "respond(0)",
        "Consent",
        "Consent (agree) — for whoever is next.",
        "consent",
    ),
    CommandSpec(
        "respond-2", "2", "respond(1)", "Concern", "Concern — for whoever is next.", "consent"
    ),
    CommandSpec(
        "respond-3",
        "3",
        "respond(2)",
        "Stand aside",
        "Stand aside — for whoever is next.",
        "consent",
    ),
    CommandSpec(
        "respond-4",
        "4",
        "respond(3)",
        "Object",
        "Object (block under consensus), with its reason — for whoever is next.",
        "consent",
    ),
    CommandSpec(
        "consent-rest",
        "C",
        "consent_rest",
        "All consent",
        "Everyone not yet heard consents (by exception); asks first, saying how many.",
        "consent",
        show=False,
        key_display="⇧C",
    ),
    CommandSpec(
        "respond-as",
        "R",
        "respond_as",
        "Respond as…",
        "Record or change a chosen person's response.",
        "consent",
        show=False,
    ),
    CommandSpec(
        "integrate",
        "I",
        "integrate",
        "Integrate",
        "Record how an objection was integrated.",
        "consent",
        show=False,
    ),
    CommandSpec(
        "amend", "A", "amend", "Amend", "Amend the proposal: a new version.", "consent", show=False
    ),
    CommandSpec(
        "outcome",
        "O",
        "outcome",
        "Outcome",
        "Record the proposal's outcome.",
        "consent",
        show=False,
    ),
    CommandSpec(
        "review-date",
        "v",
        "review_date",
        "Review date",
        "Set when the decision comes up for review.",
        "consent",
        show=False,
    ),
)
"""The consent round's keys: live while a proposal is the current item."""

HELP = (
    "Consent (after Sociocracy For All): present the proposal, take clarifying questions, "
    "hear quick reactions in a round, then the consent round: each person in circle order "
    "gives one of the rule's responses (the keys below record it for whoever is next). A "
    "concern is recorded and never blocks; an objection comes with its reason and is "
    "integrated, or the proposal is amended (a new version, and the round again). Consent "
    "by exception records consent for everyone not yet heard, after saying how many. The "
    "outcome is the tally's suggestion, confirmed; a review date can be set."
)
"""How the consent round runs, for F1 while a proposal is current."""


class ConsentPanel(PartsPanel):
    """The consent process of the current proposal: it draws the round and owns its keys;
    every action ends in `self.run(command)`, and the engine says why not when it makes
    no sense now."""

    AREA = "consent"
    BINDINGS: ClassVar[list[BindingType]] = bindings_of(KEYS)

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return consent_parts(state, item.item_id, app_keymap(self))

    def _state(self) -> MeetingState:
        assert self.state is not None, "shown before any key reaches it"
        return self.state

    def _rule(self) -> str:
        return str(self._state().agenda.meeting.decision_rule)

    @work
    async def action_stage(self) -> None:
        """Move the proposal to a stage of the consent process."""
        choices = [Choice(s, K.STAGE_LABELS[s], "") for s in K.STAGES]
        stage = await ask.pick(self.app, "Move the proposal to which stage?", choices)
        if stage is not None:
            self.run(C.ConsentStage(stage))

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

    @work
    async def action_consent_rest(self) -> None:
        """Everyone not yet heard consents (consent by exception), after a confirmation that
        says how many people that is."""
        state = self._state()
        item = state.current_item
        consent = K.consent_of(item)
        if item is None or consent is None:
            self.run(C.ConsentByException())  # the engine says why not
            return
        missing = K.tally(state, consent, item.id).missing
        word = K.VOCABULARY[self._rule()][0]
        if not missing:
            self.notify("Every voting member present has responded.", markup=False)
            return
        n = len(missing)
        question = (
            f"Record {word} for the {n} voting member{'' if n == 1 else 's'} not yet heard? "
            "Those who responded keep their response."
        )
        if await ask.confirm(self.app, question):
            self.run(C.ConsentByException(word), done=f"{word}: {n} by exception.")

    @work
    async def _respond(self, name: str, response: str) -> None:
        if response in K.BLOCKING:
            what = "block" if response == "block" else "objection"
            field = Field("reason", f"The reason for the {what} (goes in the minutes)")
            values = await ask.form(self.app, f"{name}: {what}", [field])
            if values is not None:
                self.run(C.Respond(name, response, values["reason"]))
        elif response == "concern":
            # A concern is worth recording in its own words; Enter on an empty field skips it.
            field = Field("reason", "What the concern is (goes in the minutes)", required=False)
            values = await ask.form(self.app, f"{name}: concern", [field])
            if values is not None:
                reason = values["reason"] or ""
                self.run(C.Respond(name, response, reason), done=f"{name}: concern")
        else:
            self.run(C.Respond(name, response), done=f"{name}: {response}")

    @work
    async def action_respond_as(self) -> None:
        """Pick a person and a response (also to change a response)."""
        rule = self._rule()
        people = ask.people(self._state(), present=True, queueable=True)
        name = await ask.pick(self.app, "Who responds?", people)
        if name is None:
            return
        fields = [
            Field("response", f"One of: {', '.join(K.VOCABULARY[rule])}", _vocab_cleaner(rule)),
            Field("reason", "Reason (required for an objection or block)", required=False),
        ]
        values = await ask.form(self.app, f"Response from {name}", fields)
        if values is not None:
            self.run(C.Respond(name, values["response"], values["reason"] or ""))

    @work
    async def action_integrate(self) -> None:
        """Record how an objection was integrated."""
        consent = K.consent_of(self._state().current_item)
        names = K.objectors(consent) if consent is not None else []
        name = await ask.pick(
            self.app,
            "Whose objection was integrated?",
            [Choice(n, n, "") for n in names],
            empty="No objections on this proposal.",
        )
        if name is None:
            return
        fields = [Field("how", "What changed or was agreed")]
        values = await ask.form(self.app, f"Integrating {name}'s objection", fields)
        if values is not None:
            self.run(C.Integrate(name, values["how"]))

    @work
    async def action_amend(self) -> None:
        """A new version of the proposal; the consent round runs again on it."""
        item = self.item
        fields = [
            Field(
                "text",
                "The amended proposal (Enter: new line · ctrl+s: save)",
                value=(item.proposal or "") if item else "",
                multiline=True,
            ),
            Field("note", "What changed (optional)", required=False),
        ]
        values = await ask.form(self.app, "Amend the proposal (a new version)", fields)
        if values is not None:
            self.run(
                C.Amend(values["text"], values["note"] or ""),
                done="New version: consent round again.",
            )

    @work
    async def action_outcome(self) -> None:
        """Record the outcome (the tally's suggestion first); asks for confirmation."""
        state = self._state()
        item = state.current_item
        suggestion = None
        consent = K.consent_of(item)
        if item is not None and consent is not None:
            suggestion = K.suggested_outcome(K.tally(state, consent, item.id))
        order = sorted(K.OUTCOMES, key=lambda o: o != suggestion)
        choices = [Choice(o, o, "supported by the tally" if o == suggestion else "") for o in order]
        outcome = await ask.pick(self.app, "Outcome", choices)
        if outcome is not None and await ask.confirm(
            self.app, f"Record the outcome: {outcome}?"
        ):
            self.run(C.RecordOutcome(outcome), done=f"Recorded: {outcome}.")

    @work
    async def action_review_date(self) -> None:
        """Set the decision's review date: the form opens on the current one (empty clears it).

        Any real date is taken, even one before the meeting (minutes typed up later, a
        review that is already overdue); the form and the confirmation say so.
        """
        state = self._state()
        consent = K.consent_of(state.current_item)
        current = consent.review if consent is not None else None
        base = meeting_day(state, dt.date.today())
        fields = [
            Field(
                "review",
                f"Review on (e.g. {EXAMPLES}; empty clears it)",
                lambda text: date_cleaner(text, base),
                required=False,
                value=current.isoformat() if current else "",
            )
        ]
        values = await self.app.push_screen_wait(
            PreviewFormScreen("Review date", fields, {"review": review_preview(base)})
        )
        if values is None:
            return
        day: dt.date | None = values["review"]
        if day is None:
            done = "Review date cleared."
        else:
            done = f"Review on {describe_date(day, base)}.{before_meeting(day, base)}"
        self.run(C.SetReview(day), done=done.strip())


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
