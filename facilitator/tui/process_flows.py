"""The run screen's process actions: the consent round and go-around rounds (area "process").

Like `flows.MeetingActions`, every action ends in `self.do(command)`; the
engine decides whether it makes sense now and says why not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from facilitator.core import commands as C
from facilitator.core.dates import EXAMPLES, describe_date, parse_date
from facilitator.core.state import MeetingState
from facilitator.processes.consent import model as K
from facilitator.processes.consent.model import next_responder
from facilitator.tui.commands import app_keymap, key_label
from facilitator.tui.date_fields import before_meeting, meeting_day, review_preview
from facilitator.tui.flows import MeetingActions
from facilitator.tui.screens.forms import Field
from facilitator.tui.screens.picker import Choice
from facilitator.tui.screens.preview_form import PreviewFormScreen


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


class ProcessActions(MeetingActions):
    """Consent process and rounds."""

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

    def action_start_round(self) -> None:
        """Start a go-around in circle order, from a chosen person."""
        self._pick(
            "Start the round with whom?",
            self._people(present=True, queueable=True),
            lambda n: self.do(C.StartRound(n)),
            empty="Nobody is marked present.",
        )

    def action_round_pass(self) -> None:
        """The person on the turn pointer passes."""
        self.do(C.RoundPass())

    def action_end_round(self) -> None:
        """End the round early."""
        self.do(C.EndRound())


def _vocab_cleaner(rule: str) -> Any:
    def clean(text: str) -> str:
        from facilitator.core.errors import DomainError

        try:
            return K.normalize(rule, text)
        except DomainError as exc:
            raise ValueError(str(exc)) from None

    return clean
