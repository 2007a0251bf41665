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
from textual.binding import Binding, BindingsMap, BindingType

from facilitator.core import commands as C
from facilitator.core.dates import EXAMPLES, describe_date, parse_date
from facilitator.core.state import MeetingState
from facilitator.core.timing import decision_quorum, quorum_text
from facilitator.i18n import _, ngettext
from facilitator.processes.consent import methods as M
from facilitator.processes.consent import model as K
from facilitator.processes.consent.methods import Method
from facilitator.processes.consent.model import next_responder
from facilitator.processes.consent.panel_keys import DIGITS, HELP, KEYS
from facilitator.processes.round.model import last_round
from facilitator.processes.round.panel import round_parts
from facilitator.processes.unit import Labels, mark
from facilitator.tui import ask
from facilitator.tui.commands import app_keymap, bindings_of, key_label
from facilitator.tui.date_fields import before_meeting, meeting_day, review_preview
from facilitator.tui.fields import Choice, Field
from facilitator.tui.screens.preview_form import PreviewFormScreen
from facilitator.tui.translate import translate_bindings
from facilitator.tui.view import ItemView
from facilitator.tui.widgets.process_panels import Parts, PartsPanel, join_parts

_LEGACY = ("consent", "consensus")
"""Methods whose panel reads as it did before there were methods (ids in the key line)."""


def _mark(method: Method, response: str) -> str:
    """A response's mark in the list: ✗ blocks, – stands aside or abstains, ! asks a reason
    (concern, reservations), ✓ the rest."""
    found = method.position(response)
    if found is None:
        return "!" if response == "concern" else "?"
    if found.blocks:
        return "✗"
    if response in ("stand-aside", "4") and method.name != "fist-to-five":
        return "–"
    return "!" if found.reason == "asked" else "✓"


def _shown(method: Method, response: str) -> str:
    """A response as the list shows it: its id for consent and consensus (as before, in the
    screen's language), else its label ("8 · Veto")."""
    found = method.position(response)
    if method.name in _LEGACY or found is None:
        return K.response_word(response)
    return found.label


def method_help(method: Method) -> str:
    """How `method` runs, with its stages in order (one a line) and its keys, for F1."""
    lines = [f"{method.heading}: {method.summary}", _("Stages, in order:")]
    lines += [f"  {n}. {s.label}: {s.help}" for n, s in enumerate(method.stages, 1)]
    positions = " · ".join(f"{d} {p.label}" for d, p in method.key_positions())
    lines.append(_("Positions: {positions}").format(positions=positions))
    reasons = ", ".join(p.label for p in method.positions if p.reason == "required")
    if reasons:
        lines.append(_("A reason is asked for: {positions}.").format(positions=reasons))
    return "\n".join(lines)


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
    method = K.method_of(state, consent)
    stages = [*method.stage_ids(), "decided"]
    # The essentials first (stage, tally, what it allows): at 80x24 the list below may scroll.
    # One line for where the process stands: at 80x24 every line counts.
    at = stages.index(consent.stage) + 1 if consent.stage in stages else "?"
    out.append(_("Stage {n}/{of} ").format(n=at, of=len(stages)), style="bold")
    out.append(f"▶ {method.stage_label(consent.stage)}", style="bold reverse")
    out.append(_(" · version {n}").format(n=consent.version))
    if method.name != "consent":
        out.append(f" · {method.title}")
    if consent.review:
        out.append(_(" · review {date}").format(date=consent.review.isoformat()))
    out.append("\n")
    reactions: Text | None = None
    go = last_round(item)
    if consent.stage == "reactions" and go is not None:
        go_parts = round_parts(go, _("Quick reactions"), keymap)
        out.append_text(go_parts.head)
        rows, current, reactions = go_parts.rows, go_parts.current, go_parts.foot
    tally = K.tally(state, consent, item_id)
    rnd = consent.round

    def k(command_id: str) -> str:
        return key_label(command_id, keymap)

    if rnd is not None or consent.stage in ("consent", "integrate"):
        counts = " · ".join(f"{_shown(method, pid)} {n}" for pid, n in tally.counts.items()) or _(
            "no counted responses"
        )
        out.append(_("Tally: {counts}").format(counts=counts), style="bold")
        if tally.advisory:
            out.append(_(" · {n} advisory").format(n=tally.advisory))
        out.append("\n")
        suggestion = K.suggested_outcome(tally)
        decided = consent.stage == "decided"
        if decided:
            pass  # the outcome is said below; nothing is asked for any more
        elif tally.blocking and tally.stops:
            # A block, a veto or a low count stops it: amend and ask again, or record it.
            out.append(_("✗ Stops it: "), style="bold")
            out.append(", ".join(tally.blocking))
            out.append(
                _(
                    " — {amend} amends (new version, asked again), or {outcome} records not-adopted"
                ).format(amend=k("amend"), outcome=k("outcome"))
            )
            out.append("\n")
        elif tally.blocking:
            out.append(_("✗ Objection stands: "), style="bold")
            out.append(", ".join(tally.blocking))
            out.append(
                (
                    _(
                        " — {integrate} integrates (one at a time: the first first), {amend} "
                        "amends (new version, round again)"
                    )
                    if method.one_at_a_time
                    else _(" — {integrate} integrates, {amend} amends (new version, round again)")
                ).format(integrate=k("integrate"), amend=k("amend"))
            )
            out.append("\n")
        elif tally.integrated:
            # Integrated is not standing, and not consent yet either: say which step is next.
            out.append(_("⤷ Objection integrated: "), style="bold")
            out.append(", ".join(tally.integrated))
            out.append(
                _(
                    " — {amend} amends (new version, round again), or {again} asks them again"
                ).format(amend=k("amend"), again=k("respond-as"))
            )
            out.append("\n")
        elif tally.missing:
            n = len(tally.missing)
            out.append(
                ngettext("Waiting for {n} member(s).", "Waiting for {n} member(s).", n).format(n=n)
            )
            out.append("\n")
        elif suggestion:
            out.append(
                _("✓ Supports: {outcome}. {key} records the outcome.").format(
                    outcome=K.outcome_word(suggestion), key=k("outcome")
                ),
                style="bold",
            )
            out.append("\n")
        if consent.stage != "decided" and item.recused:
            # Recused members do not count for this decision, so the header's count is not
            # the one it will record: say that one, in the same words (at 80x24 only then).
            met, present, required = decision_quorum(state, item)
            out.append(quorum_text(present, required) + ("" if met else _(" ✗ quorum not met")))
            out.append("\n")
        responses = rnd.by_name() if rnd else {}
        # Nobody's turn once it is decided (a guest not heard is not still awaited).
        nxt = None if decided else K.next_responder(state, item)
        eligible = K.asking_order(state, item)
        late = set(K.arrived_during(state, consent, rnd)) if rnd is not None else set()
        answered = sum(1 for p in eligible if p.name in responses)
        out.append(
            _("{n} of {of} responded").format(n=answered, of=len(eligible)) + "\n", style="bold"
        )
        for p in eligible:
            row = Text()
            rows.append(row)
            r = responses.get(p.name)
            if r is None:
                if p.name == nxt:
                    current = len(rows) - 1
                row.append(" ▶ " if p.name == nxt else " ○ ")
                row.append(p.name, style="bold reverse" if p.name == nxt else "")
                row.append(_("  (guest, advisory)") if p.role == "guest" else "", style="dim")
                if p.name in late:
                    row.append(_(" (arrived during the round: asked last)"), style="dim")
            else:
                row.append(f" {_mark(method, r.response)} ")
                row.append(p.name)
                row.append(f"  {_shown(method, r.response)}")
                if not r.counted:
                    row.append(_(" (advisory)"), style="dim")
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
        out.append(
            _(" ⤷ integrated {name}'s objection (v{n}): ").format(name=integ.name, n=integ.version)
        )
        out.append(integ.how, style="italic")
        out.append("\n")
    if consent.stage == "decided":
        decision = next((d for d in state.decisions if d.item_id == item_id), None)
        if decision is not None:
            out.append(
                _("Outcome: {outcome}").format(outcome=K.outcome_word(decision.outcome)),
                style="bold",
            )
            out.append(f" · {quorum_text(decision.voting_present, decision.quorum_required)}")
            if not decision.quorum_met:
                out.append(_("  ⚠ decided without quorum"), style="bold")
            out.append("\n")
    else:
        keys = " ".join(
            f"{k(f'respond-{d}')}:{_legacy_word(p.id) if method.name in _LEGACY else p.short or p.label}"
            for d, p in method.key_positions()
        )
        out.append(
            _(
                "{stage}: stage · {keys} · {respond_as}: respond as… · {amend}: amend · "
                "{outcome}: outcome"
            ).format(
                stage=k("stage"),
                keys=keys,
                respond_as=k("respond-as"),
                amend=k("amend"),
                outcome=k("outcome"),
            ),
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
        raise ValueError(_("write the date as YYYY-MM-DD, e.g. 2027-06-01")) from None


_LEGACY_WORDS = Labels(
    "key word",
    {
        "consent": mark.pgettext("key word", "consent"),
        "concern": mark.pgettext("key word", "concern"),
        "stand-aside": mark.pgettext("key word", "stand-aside"),
        "object": mark.pgettext("key word", "object"),
        "agree": mark.pgettext("key word", "agree"),
        "block": mark.pgettext("key word", "block"),
    },
)
"""Consent's and consensus's position ids, as their key line and prompt name them (English:
the id; another language: a word `methods.normalize` takes, such as a position's short)."""


def _legacy_word(pid: str) -> str:
    return _LEGACY_WORDS.get(pid, pid)


class ConsentPanel(PartsPanel):
    """The consent process of the current proposal: it draws the round and owns its keys;
    every action ends in `self.run(command)`, and the engine says why not when it makes
    no sense now."""

    AREA = "consent"
    BINDINGS: ClassVar[list[BindingType]] = bindings_of(KEYS)

    _keys_for: str | None = None
    """The method whose positions the bindings hold now (they follow the item's method)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    def _parts(self, state: Any, item: ItemView) -> Parts:
        return consent_parts(state, item.item_id, app_keymap(self))

    def show_state(self, state: Any, item: ItemView, now: float) -> None:
        super().show_state(state, item, now)
        self._method_keys()

    def _state(self) -> MeetingState:
        assert self.state is not None, "shown before any key reaches it"
        return self.state

    def _method(self) -> Method:
        state = self._state()
        found = K.item_method(state, state.current_item)
        return found if found is not None else M.method_named(None)

    def _method_keys(self) -> None:
        """One key per position of the item's method, labelled in its words, so the Footer
        follows the method: the digits it does not use are not bound here at all."""
        if self.state is None:
            return
        method = self._method()
        signature = f"{method.name}:{method.pass_min}"
        if signature == self._keys_for:
            return
        self._keys_for = signature
        digits = dict(method.key_positions())
        bindings: list[Binding] = []
        for b in bindings_of(KEYS):
            assert isinstance(b, Binding)
            if b.id and b.id.startswith("respond-") and b.id[8:] in DIGITS:
                position = digits.get(b.id[8:])
                if position is None:
                    continue
                b = Binding(
                    b.key,
                    b.action,
                    position.short or position.label,
                    show=b.show,
                    id=b.id,
                    tooltip=position.says,
                )
            bindings.append(b)
        self._bindings = BindingsMap(bindings)
        translate_bindings(self)
        self.refresh_bindings()

    def help_about(self) -> str:
        """F1's paragraph for the current proposal: how its method runs, stage by stage."""
        if self.state is None:
            return _(HELP)
        method = self._method()
        # Consent's own paragraph first (it says how the panel works), then its stages.
        if method.name == "consent":
            return f"{_(HELP)}\n\n{method_help(method)}"
        return method_help(method)

    @work
    async def action_stage(self) -> None:
        """Move the proposal to a stage of its method."""
        method = self._method()
        choices = [Choice(s.id, s.label, s.help) for s in method.stages]
        stage = await ask.pick(self.app, _("Move the proposal to which stage?"), choices)
        if stage is not None:
            self.run(C.ConsentStage(stage))

    def action_respond_key(self, digit: str) -> None:
        """Record the method's position on key `digit` for whoever is next in circle order."""
        position = self._method().by_key(digit)
        if position is None:
            self.notify(
                _("{method} has no position on {digit}.").format(
                    method=self._method().heading, digit=digit
                ),
                markup=False,
            )
            return
        name = next_responder(self._state())
        if name is None:
            again = key_label("respond-as", app_keymap(self))
            self.notify(
                _("Everyone present has responded ({key} records or changes one).").format(
                    key=again
                ),
                markup=False,
            )
            return
        self._respond(name, position.id)

    def action_respond(self, index: int) -> None:
        """Record the position number `index` (from 0) of the item's method for whoever is
        next (the action of consent's keys before methods; remapped settings may name it)."""
        keys = self._method().key_positions()
        if 0 <= index < len(keys):
            self.action_respond_key(keys[index][0])

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
        method = self._method()
        yes = method.position(method.yes)
        word = yes.label if yes is not None else method.yes
        if not missing:
            self.notify(_("Every voting member present has responded."), markup=False)
            return
        n = len(missing)
        said = word[:1].lower() + word[1:]  # mid-sentence: "Record no objection for …"
        question = ngettext(
            "Record {position} for the {n} voting member not yet heard? Those who responded "
            "keep their response.",
            "Record {position} for the {n} voting members not yet heard? Those who responded "
            "keep their response.",
            n,
        ).format(position=said, n=n)
        if await ask.confirm(self.app, question):
            done = _("{position}: {n} by exception.").format(position=word, n=n)
            self.run(C.ConsentByException(method.yes), done=done)

    @work
    async def _respond(self, name: str, response: str) -> None:
        method = self._method()
        position = method.position(response)
        label = position.label if position is not None else response
        if position is not None and position.reason == "required":
            # Any position that needs a reason asks for one (objection, block, veto, a fist).
            what = {"object": _("objection"), "block": _("block")}.get(response, label)
            prompt = _("The reason for the {position} (goes in the minutes)").format(position=what)
            field = Field("reason", prompt)
            values = await ask.form(self.app, f"{name}: {what}", [field])
            if values is not None:
                self.run(C.Respond(name, response, values["reason"]))
        elif position is not None and position.reason == "asked":
            # Worth recording in its own words (a concern); Enter on an empty field skips it.
            what = _("concern") if response == "concern" else label
            prompt = (
                _("What the concern is")
                if response == "concern"
                else _("Why {position}").format(position=label)
            )
            field = Field(
                "reason",
                _("{prompt} (goes in the minutes)").format(prompt=prompt),
                required=False,
            )
            values = await ask.form(self.app, f"{name}: {what}", [field])
            if values is not None:
                reason = values["reason"] or ""
                self.run(C.Respond(name, response, reason), done=f"{name}: {what}")
        else:
            shown = _legacy_word(response) if method.name in _LEGACY else label
            self.run(C.Respond(name, response), done=f"{name}: {shown}")

    @work
    async def action_respond_as(self) -> None:
        """Pick a person and a response (also to change a response)."""
        method = self._method()
        people = ask.people(self._state(), present=True, queueable=True)
        name = await ask.pick(self.app, _("Who responds?"), people)
        if name is None:
            return
        shown = ", ".join(
            _legacy_word(p.id) if method.name in _LEGACY else p.label for p in method.positions
        )
        needs = ", ".join(p.label.lower() for p in method.positions if p.reason == "required")
        fields = [
            Field(
                "response", _("One of: {positions}").format(positions=shown), _vocab_cleaner(method)
            ),
            Field(
                "reason",
                _("Reason (required for: {positions})").format(positions=needs or _("none")),
                required=False,
            ),
        ]
        values = await ask.form(self.app, _("Response from {name}").format(name=name), fields)
        if values is not None:
            self.run(C.Respond(name, values["response"], values["reason"] or ""))

    @work
    async def action_integrate(self) -> None:
        """Record how an objection was integrated."""
        consent = K.consent_of(self._state().current_item)
        names = K.objectors(consent, self._method()) if consent is not None else []
        name = await ask.pick(
            self.app,
            _("Whose objection was integrated?"),
            [Choice(n, n, "") for n in names],
            empty=_("No objections on this proposal."),
        )
        if name is None:
            return
        fields = [Field("how", _("What changed or was agreed"))]
        values = await ask.form(
            self.app, _("Integrating {name}'s objection").format(name=name), fields
        )
        if values is not None:
            self.run(C.Integrate(name, values["how"]))

    @work
    async def action_amend(self) -> None:
        """A new version of the proposal; the consent round runs again on it."""
        item = self.item
        fields = [
            Field(
                "text",
                _("The amended proposal (Enter: new line · ctrl+s: save)"),
                value=(item.proposal or "") if item else "",
                multiline=True,
            ),
            Field("note", _("What changed"), required=False),
        ]
        values = await ask.form(self.app, _("Amend the proposal (a new version)"), fields)
        if values is not None:
            self.run(
                C.Amend(values["text"], values["note"] or ""),
                done=_("New version: consent round again."),
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
        choices = [
            Choice(o, K.outcome_word(o), _("supported by the tally") if o == suggestion else "")
            for o in order
        ]
        outcome = await ask.pick(self.app, _("Outcome"), choices)
        if outcome is None:
            return
        said = K.outcome_word(outcome)
        if await ask.confirm(self.app, _("Record the outcome: {outcome}?").format(outcome=said)):
            self.run(C.RecordOutcome(outcome), done=_("Recorded: {outcome}.").format(outcome=said))

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
                _("Review on (e.g. {examples}; empty clears it)").format(examples=EXAMPLES),
                lambda text: date_cleaner(text, base),
                required=False,
                value=current.isoformat() if current else "",
            )
        ]
        values = await self.app.push_screen_wait(
            PreviewFormScreen(_("Review date"), fields, {"review": review_preview(base)})
        )
        if values is None:
            return
        day: dt.date | None = values["review"]
        if day is None:
            done = _("Review date cleared.")
        else:
            done = _("Review on {date}.").format(date=describe_date(day, base))
            done += before_meeting(day, base)
        self.run(C.SetReview(day), done=done.strip())


def _vocab_cleaner(method: Method) -> Any:
    def clean(text: str) -> str:
        from facilitator.core.errors import DomainError

        try:
            return K.normalize(method, text)
        except DomainError as exc:
            raise ValueError(str(exc)) from None

    return clean


PANEL = ConsentPanel
"""The panel the slot mounts for this process's item kinds."""
