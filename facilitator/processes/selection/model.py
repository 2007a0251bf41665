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

from pydantic import BaseModel, ConfigDict

from facilitator.core.errors import DomainError
from facilitator.core.rules import Draft, arrive_if_absent, current, may_take_part, on_record
from facilitator.core.rules import person as find_person
from facilitator.core.rules import text as required_text
from facilitator.processes.consent.model import (
    BLOCKING,
    Response,
    Tally,
    normalize,
    vocabulary,
)
from facilitator.processes.round import model as round_model
from facilitator.processes.unit import KeyPath, Process, ProcessMinutes, Row

if TYPE_CHECKING:
    from facilitator.core.agenda import Item
    from facilitator.core.events import Event
    from facilitator.core.state import Attendee, ItemState, MeetingState

NAME = "selection"
"""The key of this process in the registry and in `ItemState.process`."""
KIND = "selection"
"""The agenda item kind whose panel this process is."""

ROUND_PURPOSES = {"nominations": "nominations", "change": "changes"}
"""Stage -> the purpose of the go-around it holds."""

# --- agenda keys ----------------------------------------------------------------------


class SelectionKeys(BaseModel):
    """The agenda keys of a `kind = "selection"` item."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str
    """The role being filled ("Delegate to the regional network"); required."""
    term: str | None = None
    """How long the term is ("1 year"), optional."""
    qualifications: str | None = None
    """What the role asks of whoever holds it, optional."""


def _item_rules(item: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    out: list[tuple[KeyPath, str]] = []
    for key, what in (("role", 'the role is empty: write the role being filled, role = "…"'),):
        value = item.get(key)
        if isinstance(value, str) and not value.strip():
            out.append(((key,), what))
    for key in ("term", "qualifications"):
        value = item.get(key)
        if isinstance(value, str) and not value.strip():
            out.append(((key,), f"{key} is empty: leave it out, or write it"))
    return out


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

STAGE_LABELS = {
    "present": "Present the role",
    "nominate": "Nominations, in silence",
    "nominations": "Nominations round",
    "change": "Change round",
    "propose": "Propose a nominee",
    "consent": "Consent round",
    "resolve": "Resolve objections",
    "selected": "Selected",
}
"""How each stage reads on screen and in the minutes."""

NEXT_STEP = {
    "present": "everyone writes down one name, themselves included, or passes",
    "nominate": "the nominations round: each says whom they nominated and why",
    "nominations": "the change round: anyone may change their nomination, with a reason",
    "change": "propose the nominee with the strongest reasons",
    "propose": "propose the nominee with the strongest reasons",
    "consent": "hear everyone's consent, the nominee last; then select",
    "resolve": "ask the objector again, or propose another nominee",
    "selected": "",
}
"""What comes after each stage, for the panel."""


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
    return f"Selected {selected} as {role}" + (f", {term}" if term else "")


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
        raise DomainError(f"{item.title!r} is not a selection item")
    if sel.stage == "selected":
        raise DomainError(f"{sel.selected} is already selected (undo to reopen the selection)")
    on_record(state, "a selection")
    return item, sel


def _end_rounds(state: MeetingState) -> list[Draft]:
    """Moving on from a nominations or change round closes it."""
    out: list[Draft] = []
    for purpose in ROUND_PURPOSES.values():
        out += round_model.end_drafts(state, purpose)
    return out


def _stage(state: MeetingState, cmd: SelectionStage) -> list[Draft]:
    item, sel = _selection(state, "run a selection")
    if cmd.stage not in STAGES:
        raise DomainError(f"{cmd.stage!r} is not a stage; use one of: {', '.join(STAGES)}")
    if cmd.stage == sel.stage:
        raise DomainError(f"the selection is already at: {STAGE_LABELS[cmd.stage]}")
    out = [*_end_rounds(state), ("SelectionStageChanged", {"item_id": item.id, "stage": cmd.stage})]
    if cmd.stage == "nominations":
        done = {n.name for n in sel.nominations}
        order = [n for n in round_model.circle(state, item) if n not in done]
        if not order:
            raise DomainError("everyone here has nominated or passed: move on to the change round")
        out.append(round_model.start_drafts(item, order, "nominations"))
    elif cmd.stage == "change":
        if not counts(sel):
            raise DomainError("nobody has been nominated yet: hold the nominations round first")
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
            "nominations are made in the nominations round and changed in the change round: "
            "start one first"
        )
    go = _round_on(state, sel)
    if name is None:
        if go is None or go.current is None:
            raise DomainError(f"the {STAGE_LABELS[sel.stage].lower()} is over: say who")
        name = go.current
    who = find_person(state, name)
    may_take_part(state, who, item)
    return who, [*arrive_if_absent(state, who)]


def _advance(state: MeetingState, sel: Selection, who: str, passed: bool) -> list[Draft]:
    go = _round_on(state, sel)
    if go is not None and go.current == who:
        return [("RoundAdvanced", {"name": who, "passed": passed})]
    return []


def _nominate(state: MeetingState, cmd: Nominate) -> list[Draft]:
    item, sel = _selection(state, "nominate")
    who, out = _nominator(state, item, sel, cmd.name)
    nominee = find_person(state, cmd.nominee)
    if not _voting(nominee):
        raise DomainError(f"{nominee.name} is not a voting member of the circle: nominate a member")
    if nominee.name in item.recused:
        raise DomainError(f"{nominee.name} recused from this item")
    reason = cmd.reason.strip()
    before = sel.latest().get(who.name)
    change = sel.stage == "change"
    if change:
        if before is not None and before.nominee == nominee.name:
            raise DomainError(f"{who.name} already nominates {nominee.name}")
        if not reason:
            raise DomainError("a change of nomination needs its reason")
    elif before is not None:
        had = before.nominee or "no one (passed)"
        raise DomainError(
            f"{who.name} already nominated {had}: changes are made in the change round"
        )
    data = {
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
    item, sel = _selection(state, "pass")
    who, out = _nominator(state, item, sel, cmd.name)
    step = _advance(state, sel, who.name, True)
    if sel.stage == "change":
        if not step:
            raise DomainError(f"{who.name} keeps their nomination: there is nothing to record")
        return [*out, *step]
    if who.name in sel.latest():
        raise DomainError(f"{who.name} has already nominated or passed")
    data = {"item_id": item.id, "name": who.name, "counted": _voting(who)}
    return [*out, *step, ("NominationPassed", data)]


def _propose(state: MeetingState, cmd: ProposeNominee) -> list[Draft]:
    item, sel = _selection(state, "propose a nominee")
    nominee = find_person(state, cmd.nominee)
    standing = counts(sel, item.recused)
    if nominee.name not in {c.nominee for c in standing}:
        names = ", ".join(c.nominee for c in standing) or "nobody yet"
        raise DomainError(f"{nominee.name} has not been nominated (nominated: {names})")
    if not nominee.present:
        raise DomainError(f"{nominee.name} is not here: the nominee is asked last in the round")
    if nominee.name in item.recused:
        raise DomainError(f"{nominee.name} recused from this item")
    rnd = sel.round
    if rnd is not None and rnd.nominee == nominee.name and not rnd.responses:
        raise DomainError(f"{nominee.name} is already proposed: hear the consent round")
    data = {"item_id": item.id, "nominee": nominee.name, "reason": cmd.reason.strip()}
    return [*_end_rounds(state), ("NomineeProposed", data)]


def _consent_round(sel: Selection) -> ConsentRound:
    if sel.round is None or sel.stage not in ("consent", "resolve"):
        raise DomainError("propose a nominee first: the consent round is on them")
    return sel.round


def _respond(state: MeetingState, cmd: SelectionRespond) -> list[Draft]:
    item, sel = _selection(state, "respond")
    rnd = _consent_round(sel)
    name = cmd.name if cmd.name is not None else next_responder(state, item)
    if name is None:
        raise DomainError("everyone has responded: select the nominee, or resolve an objection")
    who = find_person(state, name)
    may_take_part(state, who, item)
    response = normalize(str(state.agenda.meeting.decision_rule), cmd.response)
    reason = cmd.reason.strip()
    if response in BLOCKING and not reason:
        raise DomainError("an objection needs its reason")
    if who.name == rnd.nominee:
        others = [n for n in tally(state, item, sel).missing if n != who.name]
        if others:
            raise DomainError(
                f"{who.name} is the nominee and is asked last: first hear {', '.join(others)}"
            )
    out: list[Draft] = [*arrive_if_absent(state, who)]
    if sel.stage != "consent":
        out.append(("SelectionStageChanged", {"item_id": item.id, "stage": "consent"}))
    data = {
        "item_id": item.id,
        "nominee": rnd.nominee,
        "name": who.name,
        "response": response,
        "reason": reason,
        "counted": _voting(who),
    }
    return [*out, ("SelectionResponse", data)]


def _by_exception(state: MeetingState, cmd: SelectionByException) -> list[Draft]:
    item, sel = _selection(state, "ask for consent")
    rnd = _consent_round(sel)
    names = [n for n in tally(state, item, sel).missing if n != rnd.nominee]
    if not names:
        raise DomainError("everyone but the nominee has responded: ask the nominee")
    response = vocabulary(state)[0]
    out: list[Draft] = []
    if sel.stage != "consent":
        out.append(("SelectionStageChanged", {"item_id": item.id, "stage": "consent"}))
    data = {"item_id": item.id, "nominee": rnd.nominee, "names": names, "response": response}
    return [*out, ("SelectionByException", data)]


def _resolve(state: MeetingState, cmd: ResolveObjection) -> list[Draft]:
    item, sel = _selection(state, "resolve an objection")
    rnd = _consent_round(sel)
    who = find_person(state, cmd.name)
    if who.name not in tally(state, item, sel).blocking:
        raise DomainError(f"{who.name} has no objection standing to {rnd.nominee}")
    how = required_text(cmd.how, "how the objection was resolved")
    out: list[Draft] = []
    if sel.stage != "resolve":
        out.append(("SelectionStageChanged", {"item_id": item.id, "stage": "resolve"}))
    data = {"item_id": item.id, "nominee": rnd.nominee, "name": who.name, "how": how}
    return [*out, ("SelectionObjectionResolved", data)]


def _select(state: MeetingState, cmd: SelectNominee) -> list[Draft]:
    item, sel = _selection(state, "select")
    rnd = _consent_round(sel)
    t = tally(state, item, sel)
    if t.blocking:
        raise DomainError(
            f"an objection stands ({', '.join(t.blocking)}): resolve it, or propose another nominee"
        )
    if t.integrated:
        raise DomainError(f"ask {', '.join(t.integrated)} again: their objection was resolved")
    if t.missing:
        raise DomainError(f"waiting for {', '.join(t.missing)} (or mark them as left)")
    if not t.counts:
        raise DomainError("no voting member has responded in the consent round")
    if rnd.nominee not in rnd.by_name():
        # A nominee who left is not "missing", but nobody is selected without their consent.
        raise DomainError(f"{rnd.nominee} has not been asked: the nominee consents last")
    return [("NomineeSelected", {"item_id": item.id, "nominee": rnd.nominee})]


# --- fold ---------------------------------------------------------------------------


def _folded(state: MeetingState, e: Event) -> Selection:
    sel = selection_of(state.items[e["item_id"]])
    assert sel is not None
    return sel


def _fold_stage(state: MeetingState, e: Event) -> None:
    _folded(state, e).stage = e["stage"]


def _fold_nomination(state: MeetingState, e: Event) -> None:
    _folded(state, e).nominations.append(
        Nomination(
            name=e["name"],
            nominee=e["nominee"],
            reason=e["reason"],
            counted=bool(e["counted"]),
            change=bool(e["change"]),
            was=e["was"],
        )
    )


def _fold_pass(state: MeetingState, e: Event) -> None:
    _folded(state, e).nominations.append(
        Nomination(name=e["name"], nominee=None, reason="", counted=bool(e["counted"]))
    )


def _fold_proposed(state: MeetingState, e: Event) -> None:
    sel = _folded(state, e)
    sel.stage = "consent"
    sel.rounds.append(ConsentRound(nominee=e["nominee"], reason=e["reason"]))


def _current_round(state: MeetingState, e: Event) -> ConsentRound:
    rnd = _folded(state, e).round
    assert rnd is not None
    return rnd


def _fold_response(state: MeetingState, e: Event) -> None:
    _current_round(state, e).responses.append(
        Response(name=e["name"], response=e["response"], reason=e["reason"], counted=e["counted"])
    )


def _fold_by_exception(state: MeetingState, e: Event) -> None:
    rnd = _current_round(state, e)
    for name in e["names"]:
        rnd.responses.append(
            Response(name=name, response=e["response"], reason="", counted=True, by_exception=True)
        )


def _fold_resolved(state: MeetingState, e: Event) -> None:
    _current_round(state, e).resolutions.append(Resolution(name=e["name"], how=e["how"]))


def _fold_selected(state: MeetingState, e: Event) -> None:
    sel = _folded(state, e)
    sel.stage = "selected"
    sel.selected = e["nominee"]


def _wording() -> Mapping[str, Any]:
    return {
        "SelectionStageChanged": lambda e: f"moved the selection to {e['stage']}",
        "NominationMade": lambda e: (
            f"{e['name']}'s {'change of nomination' if e['change'] else 'nomination'} "
            f"({e['nominee']})"
        ),
        "NominationPassed": lambda e: f"{e['name']}'s pass in the nominations",
        "NomineeProposed": lambda e: f"proposed {e['nominee']}",
        "SelectionResponse": lambda e: (
            f"{e['name']}'s response on {e['nominee']} ({e['response']})"
        ),
        "SelectionByException": lambda e: f"{e['response']} by exception for {len(e['names'])}",
        "SelectionObjectionResolved": lambda e: f"resolved {e['name']}'s objection",
        "NomineeSelected": lambda e: f"selected {e['nominee']}",
    }


def _from_agenda(item: Item) -> Selection | None:
    keys = item.process_keys
    if str(item.kind) != KIND or not isinstance(keys, SelectionKeys):
        return None
    return new_selection(keys.role.strip(), keys.term, keys.qualifications)


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


STARTER = """\
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
"""The starter item `facilitator new` offers."""


def new_selection(
    role: str, term: str | None = None, qualifications: str | None = None
) -> Selection:
    """A selection before the meeting, from the item's agenda keys."""
    return Selection(role=role, term=term or "", qualifications=qualifications or "")


PROCESS = Process(
    name=NAME,
    title="Role selection",
    kinds=(KIND,),
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
    events={
        "SelectionStageChanged": ("item_id", "stage"),
        "NominationMade": ("item_id", "name", "nominee", "reason", "counted", "change", "was"),
        "NominationPassed": ("item_id", "name", "counted"),
        "NomineeProposed": ("item_id", "nominee", "reason"),
        "SelectionResponse": ("item_id", "nominee", "name", "response", "reason", "counted"),
        "SelectionByException": ("item_id", "nominee", "names", "response"),
        "SelectionObjectionResolved": ("item_id", "nominee", "name", "how"),
        "NomineeSelected": ("item_id", "nominee"),
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
    agenda_keys=SelectionKeys,
    item_rules=_item_rules,
    minutes=_minutes,
    tables=("selections",),
    outcome_line=_outcome_line,
    starter=STARTER,
)
"""Role selection, as the registry lists it."""
