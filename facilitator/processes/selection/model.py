"""Sociocratic role selection (election by consent), pure: its state, commands, decide and fold.

It runs as Sociocracy For All and S3 publish it:

1. **present** the role: its responsibilities, term and qualifications;
2. **nominate**: everyone writes one name, themselves included, or passes (in silence);
3. **nominations** round: in circle order, each says whom they nominated and why;
4. **change** round: anyone may change their nomination, giving a reason;
5. **propose**: the facilitator proposes the nominee with the strongest reasons (the app
   shows the counts and the reasons, and never picks);
6. **consent** round on that nominee, who is asked **last**;
7. **resolve** objections (and ask the objector again), or propose another nominee;
8. **selected**.

The two rounds are go-arounds of the round process (its turn pointer, its turns and
passes), with purposes "nominations" and "changes"; the consent round speaks the consent
process's vocabulary (`normalize`, `BLOCKING`, its `Response` and `Tally`). Only voting
members are counted; guests' nominations and responses are advisory; people recused from
the item are not asked. Its state on a selection item is `Selection`, at
`item.process["selection"]`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from facilitator.core.errors import DomainError
from facilitator.core.events import payload
from facilitator.core.payloads import Payload
from facilitator.core.rules import Draft, arrive_if_absent, current, may_take_part, on_record
from facilitator.core.rules import person as find_person
from facilitator.core.rules import text as required_text
from facilitator.i18n import N_, _
from facilitator.processes.consent.model import (
    BLOCKING,
    Response,
    Tally,
    normalize,
    response_word,
    vocabulary,
)
from facilitator.processes.round import model as round_model
from facilitator.processes.selection.keys import (
    KEYS as KEYS,
)
from facilitator.processes.selection.keys import (
    KIND as KIND,
)
from facilitator.processes.selection.keys import (
    NAME as NAME,
)
from facilitator.processes.selection.keys import (
    SelectionKeys as SelectionKeys,
)
from facilitator.processes.unit import Labels, Process, ProcessMinutes, Row, mark

if TYPE_CHECKING:
    from facilitator.core.agenda import Item
    from facilitator.core.events import Event
    from facilitator.core.state import Attendee, ItemState, MeetingState


ROUND_PURPOSES = {"nominations": "nominations", "change": "changes"}
"""Stage -> the purpose of the go-around it holds."""

# --- agenda keys ----------------------------------------------------------------------

# --- state --------------------------------------------------------------------------


@dataclass
class Nomination:
    """One nomination, or a pass, or a change of nomination."""

    name: str
    """Who nominates."""
    nominee: str | None
    """Whom they nominate; None when they passed."""
    reason: str
    """Why (always present for a change)."""
    counted: bool
    """False for guests: their nominations are advisory."""
    change: bool = False
    """Made in the change round (`was` is what it replaces)."""
    was: str | None = None
    """In the change round: whom they had nominated before (None: they had passed)."""


@dataclass
class Resolution:
    """How one objection to a nominee was resolved."""

    name: str
    """Whose objection."""
    how: str
    """What was agreed to meet it."""


@dataclass
class ConsentRound:
    """The consent round on one proposed nominee."""

    nominee: str
    """Who was proposed."""
    reason: str
    """Why the facilitator proposed them (the strongest reasons heard), optional."""
    responses: list[Response] = field(default_factory=list)
    """In the order given; a later response by the same person replaces theirs."""
    resolutions: list[Resolution] = field(default_factory=list)
    """Objections resolved, in order."""

    def by_name(self) -> dict[str, Response]:
        """The latest response per person."""
        return {r.name: r for r in self.responses}


@dataclass
class Selection:
    """The selection process of one selection item."""

    role: str
    """The role being filled."""
    term: str = ""
    """How long the term is ("1 year"), if the agenda says."""
    qualifications: str = ""
    """What the role asks of whoever holds it, if the agenda says."""
    stage: str = "present"
    """present, nominate, nominations, change, propose, consent, resolve or selected."""
    nominations: list[Nomination] = field(default_factory=list)
    """Nominations, passes and changes, in the order they were made."""
    rounds: list[ConsentRound] = field(default_factory=list)
    """Consent rounds, one per proposal of a nominee, oldest first."""
    selected: str | None = None
    """Who was selected, once consented."""

    @property
    def round(self) -> ConsentRound | None:
        """The consent round on the nominee proposed last, if any."""
        return self.rounds[-1] if self.rounds else None

    @property
    def nominee(self) -> str | None:
        """The nominee proposed last, if any."""
        return self.rounds[-1].nominee if self.rounds else None

    def latest(self) -> dict[str, Nomination]:
        """Each nominator's nomination as it stands (after any change), passes included."""
        return {n.name: n for n in self.nominations}


def selection_of(item: ItemState | None) -> Selection | None:
    """The selection process of `item`, if it is a selection item."""
    found = item.process.get(NAME) if item is not None else None
    return found if isinstance(found, Selection) else None


# --- the rules ----------------------------------------------------------------------

STAGES = ("present", "nominate", "nominations", "change", "propose")
"""The stages a facilitator moves to directly (consent comes from proposing a nominee,
resolve from resolving an objection, selected from selecting)."""

STAGE_LABELS: Mapping[str, str] = Labels(
    "stage",
    {
        "present": mark.pgettext("stage", "Present the role"),
        "nominate": mark.pgettext("stage", "Nominations, in silence"),
        "nominations": mark.pgettext("stage", "Nominations round"),
        "change": mark.pgettext("stage", "Change round"),
        "propose": mark.pgettext("stage", "Propose a nominee"),
        "consent": mark.pgettext("stage", "Consent round"),
        "resolve": mark.pgettext("stage", "Resolve objections"),
        "selected": mark.pgettext("stage", "Selected"),
    },
)
"""How each stage reads on screen and in the minutes (in the language in force)."""

NEXT_STEP: Mapping[str, str] = Labels(
    None,
    {
        "present": N_("everyone writes down one name, themselves included, or passes"),
        "nominate": N_("the nominations round: each says whom they nominated and why"),
        "nominations": N_("the change round: anyone may change their nomination, with a reason"),
        "change": N_("propose the nominee with the strongest reasons"),
        "propose": N_("propose the nominee with the strongest reasons"),
        "consent": N_("hear everyone's consent, the nominee last; then select"),
        "resolve": N_("ask the objector again, or propose another nominee"),
        "selected": "",
    },
)
"""What comes after each stage, for the panel (in the language in force)."""


@dataclass(frozen=True)
class Count:
    """The nominations one person holds, as the facilitator sees them before proposing."""

    nominee: str
    """Who is nominated."""
    counted: int
    """Nominations by voting members."""
    advisory: int
    """Nominations by guests."""
    reasons: tuple[tuple[str, str], ...]
    """(who nominated, why), in the order made."""


def counts(sel: Selection, recused: Collection[str] = ()) -> list[Count]:
    """The current nominations per nominee: most voting nominations first, then who was
    nominated first; those of people since `recused` left out. Shown to help the
    facilitator; the app never proposes anyone."""
    held: dict[str, list[Nomination]] = {}
    for n in sel.latest().values():
        if n.nominee is not None and n.name not in recused:
            held.setdefault(n.nominee, []).append(n)
    first = {n.nominee: i for i, n in reversed(list(enumerate(sel.nominations)))}
    rows = [
        Count(
            nominee=who,
            counted=sum(n.counted for n in ns),
            advisory=sum(not n.counted for n in ns),
            reasons=tuple((n.name, n.reason) for n in ns),
        )
        for who, ns in held.items()
    ]
    return sorted(rows, key=lambda c: (-c.counted, -c.advisory, first[c.nominee]))


def selected_line(role: str, selected: str, term: str = "") -> str:
    """How a selection reads in one line, in the minutes, `decisions` and on screen:
    "Selected Dolores Ramírez as Delegate to the regional network, 1 year"."""
    if term:
        return _("Selected {name} as {role}, {term}").format(name=selected, role=role, term=term)
    return _("Selected {name} as {role}").format(name=selected, role=role)


def consent_order(state: MeetingState, item: ItemState, sel: Selection) -> list[str]:
    """Who the consent round asks, in circle order with the nominee last: present, not
    observers, not recused (guests too: their responses are advisory)."""
    nominee = sel.nominee
    names = [
        p.name
        for p in state.people.values()
        if p.present and p.role != "observer" and p.name not in item.recused
    ]
    if nominee in names:
        names.remove(nominee)
        names.append(nominee)
    return names


def next_responder(state: MeetingState, item: ItemState | None = None) -> str | None:
    """Whose turn it is in the consent round: the first in `consent_order` without a response
    on the current nominee (the nominee comes last)."""
    item = item if item is not None else state.current_item
    sel = selection_of(item)
    if item is None or sel is None or sel.round is None or sel.stage == "selected":
        return None
    answered = sel.round.by_name()
    return next((n for n in consent_order(state, item, sel) if n not in answered), None)


def tally(state: MeetingState, item: ItemState, sel: Selection) -> Tally:
    """The consent round on the current nominee, counted as the consent process counts."""
    rnd = sel.round or ConsentRound(nominee="", reason="")
    latest = {n: r for n, r in rnd.by_name().items() if n not in item.recused}
    found: dict[str, int] = {}
    advisory = 0
    for r in latest.values():
        if r.counted:
            found[r.response] = found.get(r.response, 0) + 1
        else:
            advisory += 1
    objecting = [n for n, r in latest.items() if r.counted and r.response in BLOCKING]
    integrated = tuple(n for n in objecting if _resolved(rnd, n))
    missing = tuple(
        p.name
        for p in state.people.values()
        if p.role == "member" and p.present and p.name not in item.recused and p.name not in latest
    )
    return Tally(
        counts=found,
        advisory=advisory,
        blocking=tuple(n for n in objecting if n not in integrated),
        missing=missing,
        integrated=integrated,
    )


def _resolved(rnd: ConsentRound, name: str) -> bool:
    """Whether `name`'s latest objection was resolved (their n-th resolution answers their
    n-th objection), so it no longer stands; they are still to be asked again."""
    objections = sum(1 for r in rnd.responses if r.name == name and r.response in BLOCKING)
    return sum(1 for g in rnd.resolutions if g.name == name) >= objections


def _voting(who: Attendee) -> bool:
    return who.role == "member"


# --- commands -----------------------------------------------------------------------


@dataclass(frozen=True)
class SelectionStage:
    """Move the current selection to a stage: present, nominate, nominations, change or
    propose. The nominations and change stages start their round in circle order."""

    stage: str
    """The stage to move to."""


@dataclass(frozen=True)
class Nominate:
    """Record a nomination (in the nominations round) or a change of it (in the change round,
    where a reason is required)."""

    nominee: str
    """Whom they nominate (a voting member; themselves included)."""
    reason: str = ""
    """Why."""
    name: str | None = None
    """Who nominates; default: whoever the round is on."""


@dataclass(frozen=True)
class NominationPass:
    """Pass: no nomination (in the nominations round), or no change (in the change round)."""

    name: str | None = None
    """Who passes; default: whoever the round is on."""


@dataclass(frozen=True)
class ProposeNominee:
    """The facilitator proposes a nominee, and the consent round on them opens."""

    nominee: str
    """Someone nominated."""
    reason: str = ""
    """The strongest reasons heard, in the facilitator's words, optional."""


@dataclass(frozen=True)
class SelectionRespond:
    """One person's response in the consent round on the nominee (the rule's vocabulary; an
    objection needs its reason). The nominee is asked last."""

    response: str
    """consent, concern, stand-aside, object (agree ... block under consensus)."""
    reason: str = ""
    """Why (required for an objection)."""
    name: str | None = None
    """Who responds; default: whoever is next, the nominee last."""


@dataclass(frozen=True)
class SelectionByException:
    """Everyone not yet heard consents, except the nominee, who is still asked last."""


@dataclass(frozen=True)
class ResolveObjection:
    """Record how an objection to the nominee was resolved; the objector is asked again."""

    name: str
    """Whose objection."""
    how: str
    """What was agreed."""


@dataclass(frozen=True)
class SelectNominee:
    """Close the selection: the nominee is selected (everyone heard, no objection standing)."""


# --- decide -------------------------------------------------------------------------


def _selection(state: MeetingState, doing: str) -> tuple[ItemState, Selection]:
    item = current(state, doing)
    sel = selection_of(item)
    if sel is None:
        raise DomainError(_("{title} is not a selection item").format(title=repr(item.title)))
    if sel.stage == "selected":
        raise DomainError(
            _("{name} is already selected (undo to reopen the selection)").format(name=sel.selected)
        )
    on_record(state, _("a selection"))
    return item, sel


def _end_rounds(state: MeetingState) -> list[Draft]:
    """Moving on from a nominations or change round closes it."""
    out: list[Draft] = []
    for purpose in ROUND_PURPOSES.values():
        out += round_model.end_drafts(state, purpose)
    return out


def _stage(state: MeetingState, cmd: SelectionStage) -> list[Draft]:
    item, sel = _selection(state, _("run a selection"))
    if cmd.stage not in STAGES:
        raise DomainError(
            _("{stage} is not a stage; use one of: {stages}").format(
                stage=repr(cmd.stage), stages=", ".join(STAGES)
            )
        )
    if cmd.stage == sel.stage:
        raise DomainError(
            _("the selection is already at: {stage}").format(stage=STAGE_LABELS[cmd.stage])
        )
    stage = SelectionStageChangedData(item_id=item.id, stage=cmd.stage)
    out = [*_end_rounds(state), ("SelectionStageChanged", stage)]
    if cmd.stage == "nominations":
        done = {n.name for n in sel.nominations}
        order = [n for n in round_model.circle(state, item) if n not in done]
        if not order:
            raise DomainError(
                _("everyone here has nominated or passed: move on to the change round")
            )
        out.append(round_model.start_drafts(item, order, "nominations"))
    elif cmd.stage == "change":
        if not counts(sel):
            raise DomainError(_("nobody has been nominated yet: hold the nominations round first"))
        out.append(round_model.start_drafts(item, round_model.circle(state, item), "changes"))
    return out


def _round_on(state: MeetingState, sel: Selection) -> round_model.GoAround | None:
    """The nominations or change round going now, if it is the stage's."""
    go = round_model.active_round(state)
    if go is not None and go.purpose == ROUND_PURPOSES.get(sel.stage):
        return go
    return None


def _nominator(
    state: MeetingState, item: ItemState, sel: Selection, name: str | None
) -> tuple[Attendee, list[Draft]]:
    """Who nominates (or passes), and the round's step when it is their turn."""
    if sel.stage not in ROUND_PURPOSES:
        raise DomainError(
            _(
                "nominations are made in the nominations round and changed in the change "
                "round: start one first"
            )
        )
    go = _round_on(state, sel)
    if name is None:
        if go is None or go.current is None:
            raise DomainError(
                _("the nominations round is over: say who")
                if sel.stage == "nominations"
                else _("the change round is over: say who")
            )
        name = go.current
    who = find_person(state, name)
    may_take_part(state, who, item)
    # Nominating now is their part in the round: they are not asked again at its end.
    return who, [*arrive_if_absent(state, who, join=False)]


def _advance(state: MeetingState, sel: Selection, who: str, passed: bool) -> list[Draft]:
    go = _round_on(state, sel)
    if go is not None and go.current == who:
        return [("RoundAdvanced", round_model.RoundAdvancedData(name=who, passed=passed))]
    return []


def _nominate(state: MeetingState, cmd: Nominate) -> list[Draft]:
    item, sel = _selection(state, _("nominate"))
    who, out = _nominator(state, item, sel, cmd.name)
    nominee = find_person(state, cmd.nominee)
    if not _voting(nominee):
        raise DomainError(
            _("{name} is not a voting member of the circle: nominate a member").format(
                name=nominee.name
            )
        )
    if nominee.name in item.recused:
        raise DomainError(_("{name} recused from this item").format(name=nominee.name))
    reason = cmd.reason.strip()
    before = sel.latest().get(who.name)
    change = sel.stage == "change"
    if change:
        if before is not None and before.nominee == nominee.name:
            raise DomainError(
                _("{name} already nominates {nominee}").format(name=who.name, nominee=nominee.name)
            )
        if not reason:
            raise DomainError(_("a change of nomination needs its reason"))
    elif before is not None:
        had = before.nominee or _("no one (passed)")
        raise DomainError(
            _("{name} already nominated {had}: changes are made in the change round").format(
                name=who.name, had=had
            )
        )
    data: NominationMadeData = {
        "item_id": item.id,
        "name": who.name,
        "nominee": nominee.name,
        "reason": reason,
        "counted": _voting(who),
        "change": change,
        "was": before.nominee if before is not None else None,
    }
    return [*out, *_advance(state, sel, who.name, False), ("NominationMade", data)]


def _pass(state: MeetingState, cmd: NominationPass) -> list[Draft]:
    item, sel = _selection(state, _("pass"))
    who, out = _nominator(state, item, sel, cmd.name)
    step = _advance(state, sel, who.name, True)
    if sel.stage == "change":
        if not step:
            raise DomainError(
                _("{name} keeps their nomination: there is nothing to record").format(name=who.name)
            )
        return [*out, *step]
    if who.name in sel.latest():
        raise DomainError(_("{name} has already nominated or passed").format(name=who.name))
    data: NominationPassedData = {"item_id": item.id, "name": who.name, "counted": _voting(who)}
    return [*out, *step, ("NominationPassed", data)]


def _propose(state: MeetingState, cmd: ProposeNominee) -> list[Draft]:
    item, sel = _selection(state, _("propose a nominee"))
    nominee = find_person(state, cmd.nominee)
    standing = counts(sel, item.recused)
    if nominee.name not in {c.nominee for c in standing}:
        names = ", ".join(c.nominee for c in standing) or _("nobody yet")
        raise DomainError(
            _("{name} has not been nominated (nominated: {names})").format(
                name=nominee.name, names=names
            )
        )
    if not nominee.present:
        raise DomainError(
            _("{name} is not here: the nominee is asked last in the round").format(
                name=nominee.name
            )
        )
    if nominee.name in item.recused:
        raise DomainError(_("{name} recused from this item").format(name=nominee.name))
    rnd = sel.round
    if rnd is not None and rnd.nominee == nominee.name and not rnd.responses:
        raise DomainError(
            _("{name} is already proposed: hear the consent round").format(name=nominee.name)
        )
    data: NomineeProposedData = {
        "item_id": item.id,
        "nominee": nominee.name,
        "reason": cmd.reason.strip(),
    }
    return [*_end_rounds(state), ("NomineeProposed", data)]


def _consent_round(sel: Selection) -> ConsentRound:
    if sel.round is None or sel.stage not in ("consent", "resolve"):
        raise DomainError(_("propose a nominee first: the consent round is on them"))
    return sel.round


def _respond(state: MeetingState, cmd: SelectionRespond) -> list[Draft]:
    item, sel = _selection(state, _("respond"))
    rnd = _consent_round(sel)
    name = cmd.name if cmd.name is not None else next_responder(state, item)
    if name is None:
        raise DomainError(_("everyone has responded: select the nominee, or resolve an objection"))
    who = find_person(state, name)
    may_take_part(state, who, item)
    response = normalize(str(state.agenda.meeting.decision_rule), cmd.response)
    reason = cmd.reason.strip()
    if response in BLOCKING and not reason:
        raise DomainError(_("an objection needs its reason"))
    if who.name == rnd.nominee:
        others = [n for n in tally(state, item, sel).missing if n != who.name]
        if others:
            raise DomainError(
                _("{name} is the nominee and is asked last: first hear {others}").format(
                    name=who.name, others=", ".join(others)
                )
            )
    out: list[Draft] = [*arrive_if_absent(state, who, join=False)]
    if sel.stage != "consent":
        out.append(("SelectionStageChanged", {"item_id": item.id, "stage": "consent"}))
    data: SelectionResponseData = {
        "item_id": item.id,
        "nominee": rnd.nominee,
        "name": who.name,
        "response": response,
        "reason": reason,
        "counted": _voting(who),
    }
    return [*out, ("SelectionResponse", data)]


def _by_exception(state: MeetingState, cmd: SelectionByException) -> list[Draft]:
    item, sel = _selection(state, _("ask for consent"))
    rnd = _consent_round(sel)
    names = [n for n in tally(state, item, sel).missing if n != rnd.nominee]
    if not names:
        raise DomainError(_("everyone but the nominee has responded: ask the nominee"))
    response = vocabulary(state)[0]
    out: list[Draft] = []
    if sel.stage != "consent":
        out.append(("SelectionStageChanged", {"item_id": item.id, "stage": "consent"}))
    data: SelectionByExceptionData = {
        "item_id": item.id,
        "nominee": rnd.nominee,
        "names": names,
        "response": response,
    }
    return [*out, ("SelectionByException", data)]


def _resolve(state: MeetingState, cmd: ResolveObjection) -> list[Draft]:
    item, sel = _selection(state, _("resolve an objection"))
    rnd = _consent_round(sel)
    who = find_person(state, cmd.name)
    if who.name not in tally(state, item, sel).blocking:
        raise DomainError(
            _("{name} has no objection standing to {nominee}").format(
                name=who.name, nominee=rnd.nominee
            )
        )
    how = required_text(cmd.how, _("how the objection was resolved"))
    out: list[Draft] = []
    if sel.stage != "resolve":
        out.append(("SelectionStageChanged", {"item_id": item.id, "stage": "resolve"}))
    data: SelectionObjectionResolvedData = {
        "item_id": item.id,
        "nominee": rnd.nominee,
        "name": who.name,
        "how": how,
    }
    return [*out, ("SelectionObjectionResolved", data)]


def _select(state: MeetingState, cmd: SelectNominee) -> list[Draft]:
    item, sel = _selection(state, _("select"))
    rnd = _consent_round(sel)
    t = tally(state, item, sel)
    if t.blocking:
        raise DomainError(
            _("an objection stands ({names}): resolve it, or propose another nominee").format(
                names=", ".join(t.blocking)
            )
        )
    if t.integrated:
        raise DomainError(
            _("ask {names} again: their objection was resolved").format(
                names=", ".join(t.integrated)
            )
        )
    if t.missing:
        raise DomainError(
            _("waiting for {names} (or mark them as left)").format(names=", ".join(t.missing))
        )
    if not t.counts:
        raise DomainError(_("no voting member has responded in the consent round"))
    if rnd.nominee not in rnd.by_name():
        # A nominee who left is not "missing", but nobody is selected without their consent.
        raise DomainError(
            _("{name} has not been asked: the nominee consents last").format(name=rnd.nominee)
        )
    return [("NomineeSelected", NomineeSelectedData(item_id=item.id, nominee=rnd.nominee))]


# --- fold ---------------------------------------------------------------------------


def _folded(state: MeetingState, e: Event) -> Selection:
    sel = selection_of(state.items[e["item_id"]])
    assert sel is not None
    return sel


def _fold_stage(state: MeetingState, e: Event) -> None:
    d = payload(e, SelectionStageChangedData)
    _folded(state, e).stage = d["stage"]


def _fold_nomination(state: MeetingState, e: Event) -> None:
    d = payload(e, NominationMadeData)
    _folded(state, e).nominations.append(
        Nomination(
            name=d["name"],
            nominee=d["nominee"],
            reason=d["reason"],
            counted=bool(d["counted"]),
            change=bool(d["change"]),
            was=d["was"],
        )
    )


def _fold_pass(state: MeetingState, e: Event) -> None:
    d = payload(e, NominationPassedData)
    _folded(state, e).nominations.append(
        Nomination(name=d["name"], nominee=None, reason="", counted=bool(d["counted"]))
    )


def _fold_proposed(state: MeetingState, e: Event) -> None:
    d = payload(e, NomineeProposedData)
    sel = _folded(state, e)
    sel.stage = "consent"
    sel.rounds.append(ConsentRound(nominee=d["nominee"], reason=d["reason"]))


def _current_round(state: MeetingState, e: Event) -> ConsentRound:
    rnd = _folded(state, e).round
    assert rnd is not None
    return rnd


def _fold_response(state: MeetingState, e: Event) -> None:
    d = payload(e, SelectionResponseData)
    _current_round(state, e).responses.append(
        Response(name=d["name"], response=d["response"], reason=d["reason"], counted=d["counted"])
    )


def _fold_by_exception(state: MeetingState, e: Event) -> None:
    d = payload(e, SelectionByExceptionData)
    rnd = _current_round(state, e)
    for name in d["names"]:
        rnd.responses.append(
            Response(name=name, response=d["response"], reason="", counted=True, by_exception=True)
        )


def _fold_resolved(state: MeetingState, e: Event) -> None:
    d = payload(e, SelectionObjectionResolvedData)
    _current_round(state, e).resolutions.append(Resolution(name=d["name"], how=d["how"]))


def _fold_selected(state: MeetingState, e: Event) -> None:
    d = payload(e, NomineeSelectedData)
    sel = _folded(state, e)
    sel.stage = "selected"
    sel.selected = d["nominee"]


_STAGE_IDS = Labels(
    "stage id",
    {
        "present": mark.pgettext("stage id", "present"),
        "nominate": mark.pgettext("stage id", "nominate"),
        "nominations": mark.pgettext("stage id", "nominations"),
        "change": mark.pgettext("stage id", "change"),
        "propose": mark.pgettext("stage id", "propose"),
        "consent": mark.pgettext("stage id", "consent"),
        "resolve": mark.pgettext("stage id", "resolve"),
    },
)
"""The stage ids as history rows name them (English: the id itself)."""


def _stage_id(stage: str) -> str:
    return _STAGE_IDS.get(stage, stage)


def _wording() -> Mapping[str, Any]:
    return {
        "SelectionStageChanged": lambda e: _("moved the selection to {stage}").format(
            stage=_stage_id(e["stage"])
        ),
        "NominationMade": lambda e: (
            _("{name}'s change of nomination ({nominee})")
            if e["change"]
            else _("{name}'s nomination ({nominee})")
        ).format(name=e["name"], nominee=e["nominee"]),
        "NominationPassed": lambda e: _("{name}'s pass in the nominations").format(name=e["name"]),
        "NomineeProposed": lambda e: _("proposed {nominee}").format(nominee=e["nominee"]),
        "SelectionResponse": lambda e: _("{name}'s response on {nominee} ({response})").format(
            name=e["name"], nominee=e["nominee"], response=response_word(e["response"])
        ),
        "SelectionByException": lambda e: _("{response} by exception for {n}").format(
            response=response_word(e["response"]), n=len(e["names"])
        ),
        "SelectionObjectionResolved": lambda e: _("resolved {name}'s objection").format(
            name=e["name"]
        ),
        "NomineeSelected": lambda e: _("selected {nominee}").format(nominee=e["nominee"]),
    }


def _from_agenda(item: Item) -> Selection | None:
    keys = item.process_keys
    if str(item.kind) != KIND or not isinstance(keys, SelectionKeys):
        return None
    return new_selection(keys.role.strip(), keys.term, keys.qualifications)


def _carried_keys(state: object) -> dict[str, Any]:
    """The role, and its term and qualifications when the agenda gave them."""
    if not isinstance(state, Selection):
        return {}
    keys = {"role": state.role, "term": state.term, "qualifications": state.qualifications}
    return {k: v for k, v in keys.items() if v}


def _from_added(data: Mapping[str, Any]) -> Selection | None:
    """An item added during the meeting (`ItemAdded`, its keys checked by `core.item_keys`)."""
    role = data.get("role")
    if data.get("kind") != KIND or not isinstance(role, str):
        return None
    term, qualifications = data.get("term"), data.get("qualifications")
    return new_selection(
        role.strip(),
        term.strip() if isinstance(term, str) else None,
        qualifications.strip() if isinstance(qualifications, str) else None,
    )


def _minutes(state: MeetingState, item: ItemState) -> ProcessMinutes | None:
    # Imported here: minutes.py reads this module's state, so it cannot be imported above.
    from facilitator.processes.selection.minutes import selection_minutes

    return selection_minutes(state, item)


def _outcome_line(table: str, row: Row) -> str:
    return selected_line(
        str(row.get("role", "")), str(row.get("selected", "")), str(row.get("term") or "")
    )


STARTER = N_(
    """\
# Sociocratic role selection (election by consent): present the role, everyone
# nominates one person (themselves included) or passes, a nominations round with
# reasons, a change round, the facilitator proposes a nominee, and a consent round
# in which the nominee is asked last.
[[items]]
title = "Select our delegate to the regional network"
kind = "selection"
duration = "30m"
role = "Delegate to the regional network"   # required
term = "1 year"                              # optional
qualifications = "Reads the network's papers before each meeting."   # optional
"""
)
"""The starter item `facilitator new` offers."""


def new_selection(
    role: str, term: str | None = None, qualifications: str | None = None
) -> Selection:
    """A selection before the meeting, from the item's agenda keys."""
    return Selection(role=role, term=term or "", qualifications=qualifications or "")


# --- payloads: the journal's contract for this process's events (`core/payloads.py`) ---


class SelectionStageChangedData(Payload):
    """ "SelectionStageChanged": the selection moved to one of its stages."""

    item_id: str
    stage: str


class NominationMadeData(Payload):
    """ "NominationMade": a nomination, with its reason (`change`: in the change round)."""

    item_id: str
    name: str
    nominee: str
    reason: str
    counted: bool
    change: bool
    was: str | None
    """In the change round: whom they nominated before."""


class NominationPassedData(Payload):
    """ "NominationPassed": a pass in the nominations round."""

    item_id: str
    name: str
    counted: bool


class NomineeProposedData(Payload):
    """ "NomineeProposed": the facilitator proposes a nominee, with a reason."""

    item_id: str
    nominee: str
    reason: str


class SelectionResponseData(Payload):
    """ "SelectionResponse": one person's response in the consent round on the nominee."""

    item_id: str
    nominee: str
    name: str
    response: str
    reason: str
    counted: bool


class SelectionByExceptionData(Payload):
    """ "SelectionByException": those not yet heard consent."""

    item_id: str
    nominee: str
    names: list[str]
    response: str


class SelectionObjectionResolvedData(Payload):
    """ "SelectionObjectionResolved": how an objection to the nominee was resolved."""

    item_id: str
    nominee: str
    name: str
    how: str


class NomineeSelectedData(Payload):
    """ "NomineeSelected": the nominee is selected."""

    item_id: str
    nominee: str


PROCESS = Process(
    name=KEYS.name,
    title=N_("Role selection"),
    kinds=KEYS.kinds,
    commands={
        SelectionStage: _stage,
        Nominate: _nominate,
        NominationPass: _pass,
        ProposeNominee: _propose,
        SelectionRespond: _respond,
        SelectionByException: _by_exception,
        ResolveObjection: _resolve,
        SelectNominee: _select,
    },
    payloads={
        "SelectionStageChanged": SelectionStageChangedData,
        "NominationMade": NominationMadeData,
        "NominationPassed": NominationPassedData,
        "NomineeProposed": NomineeProposedData,
        "SelectionResponse": SelectionResponseData,
        "SelectionByException": SelectionByExceptionData,
        "SelectionObjectionResolved": SelectionObjectionResolvedData,
        "NomineeSelected": NomineeSelectedData,
    },
    folds={
        "SelectionStageChanged": _fold_stage,
        "NominationMade": _fold_nomination,
        "NominationPassed": _fold_pass,
        "NomineeProposed": _fold_proposed,
        "SelectionResponse": _fold_response,
        "SelectionByException": _fold_by_exception,
        "SelectionObjectionResolved": _fold_resolved,
        "NomineeSelected": _fold_selected,
    },
    wording=_wording(),
    quiet=frozenset({"SelectionStageChanged"}),
    from_agenda=_from_agenda,
    from_added=_from_added,
    agenda_keys=KEYS.agenda_keys,
    item_rules=KEYS.item_rules,
    carried_keys=_carried_keys,
    minutes=_minutes,
    tables=("selections",),
    outcome_line=_outcome_line,
    starter=STARTER,
)
"""Role selection, as the registry lists it."""
