"""From the engine's `MeetingState` to what the minutes say (`MinutesDoc`), and `render(state)`.

`build(state)` is a pure function: it reads the state and no clock, so the same
state always gives the same document (times run up to the state's last event
unless a `now` is given). `render(state)` turns that into the Markdown file
through `minutes.render_doc`, which applies the privacy rule (`redact`).

A few things core records have no field of their own in `MinutesDoc`; they are
kept as plain notes on their item, so no typed word is lost: why an item was
skipped or deferred, the facilitator's note on a decision, and a free-text due
date that is not a calendar date (kept beside the action's text).

Those notes, and every other word `build` writes into the document (a response changed
later in its round, the undone acts of the private record), are said in the minutes'
language: `build` runs under the agenda's translator (`minutes.language_translator`), as the
body's renderer does, so a Spanish screen writes English minutes whole.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Callable
from typing import Concatenate, Literal, ParamSpec, TypeVar

from facilitator import processes as registry
from facilitator.core.clock import parse_iso
from facilitator.core.history import undone_acts
from facilitator.core.state import Decision as CoreDecision
from facilitator.core.state import ItemState, MeetingState
from facilitator.core.timing import quorum, quorum_text
from facilitator.i18n import N_, _, using
from facilitator.processes.consent.methods import Method, blocks
from facilitator.processes.consent.model import Consent, came_late, consent_of, method_of
from facilitator.processes.round.model import rounds_of
from facilitator.processes.unit import ProcessMinutes
from facilitator.store import minutes_records as records
from facilitator.store.minutes import language_translator, render_doc
from facilitator.store.minutes_model import (
    ConsentRecord,
    Extension,
    ItemRecord,
    MinutesDoc,
    Person,
    RoundRecord,
    Setup,
    TalkEntry,
    Version,
)
from facilitator.store.minutes_paths import base_stem

__all__ = ["build", "decision_prefix", "meeting_date", "render"]

Status = Literal["draft", "final"]

NO_DATE = dt.date(1970, 1, 1)
"""The date of a meeting that has none yet (no agenda date, never started): fixed, so output is."""

# How a response replaced later in the same round reads (the body prints unknown words as is).
_WORD = {"stand-aside": N_("stand aside"), "object": N_("objection")}
_NOTE = {"skipped": N_("Skipped: {reason}"), "deferred": N_("Deferred: {reason}")}
"""Why an item was skipped or deferred, as a note on it."""
_LEGACY = records.LEGACY_METHODS


def _word(method: Method, response: str) -> str:
    """A response as the body prints it: the old words for consent and consensus, the
    position's label for the other methods ("3 · Support with reservations")."""
    found = method.position(response)
    if method.name in _LEGACY or found is None:
        return response.replace("-", "_")
    return found.label


def meeting_date(state: MeetingState) -> dt.date:
    """The day the meeting took place: the (UTC) day it started, else the agenda's, else `NO_DATE`.

    The agenda's date wins when it is within a day of the UTC start, since the local
    day may be either side of the UTC one. The live writer and `export` pass the
    journal's own (local) date instead, which is always right.
    """
    planned = state.agenda.meeting.date
    stamps = [state.start_at] + [e.at for e in state.events[:1]]
    for at in stamps:
        if at:
            try:
                started = parse_iso(at).date()
            except ValueError:
                continue
            if planned is not None and abs((started - planned).days) <= 1:
                return planned
            return started
    return planned or NO_DATE


def decision_prefix(state: MeetingState, date: dt.date) -> str:
    """The stem a meeting's minutes would be named by (`<date>-<circle>-<title>`), which
    prefixes its decision ids when no stem is given (`build`'s `id_prefix`).

    Ids are `<stem>-N`: the stem is unique per meeting in its folder, and a network
    repository keeps one folder per circle whose slug the stem holds, so ids are unique
    across the network (MINUTES_FORMAT.md). Minutes written before this say
    `<date>-<circle>-N`; those ids stay as written and are still found (`decisions --id`).
    """
    meeting = state.agenda.meeting
    return base_stem(date, meeting.circle, meeting.title)


_moment = records.moment


_secs = records.secs


def _consent(
    state: MeetingState, consent: Consent, method: Method, decision: CoreDecision | None
) -> ConsentRecord:
    versions = tuple(
        Version(n, text, consent.version_notes[n - 1] if n <= len(consent.version_notes) else "")
        for n, text in enumerate(consent.versions, 1)
    )
    rounds = []
    for n, rnd in enumerate(consent.rounds, 1):
        latest = rnd.by_name()
        responses = []
        for r in rnd.responses:
            if r.by_exception and latest[r.name] is not r:
                continue  # recorded by exception, then given in person: the latter is theirs
            word = _word(method, r.response)
            if latest[r.name] is not r:
                shown = _(_WORD.get(r.response, r.response)) if method.name in _LEGACY else word
                word = _("{response} (changed later in this round)").format(response=shown)
            responses.append(records.Heard(copy.deepcopy(r), word, came_late(state, rnd, r)))
        rounds.append(records.HeldRound(copy.deepcopy(rnd), n, tuple(responses)))
    integrations = []
    for g in consent.integrations:
        objection = ""
        for rnd in consent.rounds:
            if rnd.version == g.version:
                for r in rnd.responses:
                    if r.name == g.name and blocks(method, r.response):
                        objection = r.reason
        integrations.append(records.Integrated(copy.deepcopy(g), objection))
    quorum_met = None
    if decision is not None and decision.quorum_required is not None:
        quorum_met = decision.quorum_met
    said = ""
    counts: tuple[int, int | None] | None = None
    if decision is not None:
        said = quorum_text(decision.voting_present, decision.quorum_required)
        # The numbers too, so the body says them in the minutes' language, not the screen's.
        counts = (decision.voting_present, decision.quorum_required)
    spread: tuple[tuple[str, int], ...] = ()
    positions: tuple[tuple[str, int], ...] = ()
    concerns: tuple[tuple[str, str], ...] = ()
    if decision is not None and method.name not in _LEGACY:
        counted = [(p.label, decision.positions.get(p.key, 0)) for p in method.positions]
        if method.name in ("gradients", "fist-to-five"):
            spread = tuple(counted)
        else:
            positions = tuple(counted)
        concerns = decision.concerns
    return ConsentRecord(
        rule=method.name,
        method_title=method.title if method.name not in _LEGACY else "",
        positions=positions,
        spread=spread,
        concerns=concerns,
        versions=versions,
        rounds=tuple(rounds),
        integrations=tuple(integrations),
        outcome=decision.outcome if decision is not None else None,
        review=consent.review,
        quorum_met=quorum_met,
        quorum_text=said,
        quorum_counts=counts,
    )


def _item(
    state: MeetingState, item: ItemState, now: float, decision: CoreDecision | None
) -> ItemRecord:
    notes = [n.text for n in item.notes]
    if item.status in _NOTE and item.reason:
        notes.append(_(_NOTE[item.status]).format(reason=item.reason))
    if decision is not None and decision.note:
        notes.append(_("Note on the decision: {note}").format(note=decision.note))
    turns = records.turns(state, item.id, now)
    passed_off = {
        t.name for t in state.turns if t.item_id == item.id and t.kind == "pass" and t.off_record
    }
    rounds = tuple(
        RoundRecord(
            purpose=go.purpose,
            asked=len(set(go.order)),
            passed=tuple(go.passed),
            skipped=tuple(go.skipped),
            not_reached=tuple(go.not_reached),
            joined=tuple(go.joined),
            passed_off_record=tuple(n for n in go.passed if n in passed_off),
            off_record=go.off_record,
        )
        for go in rounds_of(item)
    )
    off = tuple(_secs(p.seconds(now)) for p in state.off_periods if p.item_id == item.id)
    consent = None
    process = consent_of(item)
    if process is not None:
        consent = _consent(state, process, method_of(state, process), decision)
    return ItemRecord(
        id=item.id,
        title=item.title,
        kind=item.kind,
        status=item.status,
        planned_seconds=item.original,
        actual_seconds=_secs(item.actual(now)) if item.started_at is not None else None,
        confidential=item.confidential,
        owner=item.owner,
        added=item.added_live,
        extensions=tuple(Extension(s, reason) for s, reason in item.extensions),
        notes=tuple(notes),
        turns=turns,
        recused=tuple(
            f"{name} ({reason})" if reason else name for name, reason in item.recused.items()
        ),
        consent=consent,
        rounds=rounds,
        off_record=off,
        standing=item.standing,
        # Prep notes only where `next` may carry the item: the rest were for this meeting.
        prep=item.prep if item.standing or item.status != "done" else None,
        processes=_process_minutes(state, item),
        process_keys=_process_keys(item),
    )


def _process_keys(item: ItemState) -> tuple[tuple[str, object], ...]:
    """The agenda keys of the processes `item` holds (`carried_keys`), in registry order."""
    out: list[tuple[str, object]] = []
    for process in registry.PROCESSES:
        found = item.process.get(process.name)
        if found is not None:
            out += process.carried_keys(found).items()
    return tuple(out)


def _process_minutes(
    state: MeetingState, item: ItemState
) -> tuple[tuple[str, ProcessMinutes], ...]:
    """What each process says about `item` in the minutes (its `minutes` hook)."""
    out = []
    for process in registry.PROCESSES:
        said = process.minutes(state, item)
        if said is not None:
            out.append((process.name, said))
    return tuple(out)


def _people(state: MeetingState) -> tuple[Person, ...]:
    return tuple(
        Person(p.name, str(p.role), p.org, p.pronouns, p.priority, p.key)
        for p in state.agenda.participants
    )


def _setup(state: MeetingState) -> Setup:
    agenda = state.agenda
    quorum_rule = agenda.meeting.quorum
    return Setup(
        quorum_rule=str(quorum_rule.toml_value()) if quorum_rule is not None else None,
        decision_rule=str(agenda.meeting.decision_rule),
        stack_order=str(agenda.stack.order),
        speaker_limit=agenda.stack.speaker_limit,
        start=agenda.meeting.start,
    )


def _talk(state: MeetingState, now: float) -> tuple[TalkEntry, ...]:
    acc: dict[tuple[str, str | None, bool], list[float]] = {}
    for t in state.all_turns():
        row = acc.setdefault((t.name, t.item_id, t.off_record), [0, 0.0])
        row[0] += 1
        row[1] += t.seconds(now)
    # Everyone who attended and could speak gets a zero row, so the equity view shows who
    # was not heard; it is given to all of them (not only the silent) so that leaving out
    # confidential items' talk never makes someone vanish from the shared table.
    silent = [
        TalkEntry(p.name, None, 0, 0)
        for p in state.people.values()
        if p.attended and p.role != "observer"
    ]
    return (
        *(
            TalkEntry(name, item_id, int(turns), _secs(seconds), off_record=off)
            for (name, item_id, off), (turns, seconds) in acc.items()
        ),
        *silent,
    )


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _in_minutes_language(
    fn: Callable[Concatenate[MeetingState, _P], _R],
) -> Callable[Concatenate[MeetingState, _P], _R]:
    """Run `fn` under the translator of the minutes of `state` (see the module docstring)."""

    @functools.wraps(fn)
    def run(state: MeetingState, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with using(language_translator(state.agenda.meeting.language)):
            return fn(state, *args, **kwargs)

    return run


@_in_minutes_language
def build(
    state: MeetingState,
    *,
    now: float | None = None,
    status: Status | None = None,
    date: dt.date | None = None,
    agenda_path: str | None = None,
    id_prefix: str | None = None,
) -> MinutesDoc:
    """Everything the minutes say about `state`, private parts included (see `redact`).

    `now` is the monotonic reading that running clocks count up to; by default
    the state's last event, so the result depends on the state alone. `status`
    defaults to "final" once the meeting has ended, else "draft". `date`
    overrides the meeting date (the writer passes its filename's date, so the
    two always agree); `id_prefix` is the minutes file's stem, which the decision ids
    start with (`<stem>-N`; by default the stem the meeting's name and date make).
    """
    at = now if now is not None else (state.last_mono if state.last_mono is not None else 0.0)
    meeting = state.agenda.meeting
    day = date or meeting_date(state)
    prefix = id_prefix or decision_prefix(state, day)
    people = list(state.people.values())
    q = quorum(state)
    # Quorum is about people in the room together: the most voting members present at once.
    peak = state.peak_voting
    by_item = {d.item_id: d for d in state.decisions}
    titles = {item_id: item.title for item_id, item in state.items.items()}

    def title(item_id: str | None) -> str | None:
        return titles.get(item_id) if item_id else None

    return MinutesDoc(
        title=meeting.title,
        language=meeting.language,
        circle=meeting.circle,
        date=day,
        status=status or ("final" if state.ended else "draft"),
        started=_moment(state.start_at),
        ended=_moment(state.end_at) if state.ended else None,
        agenda_path=agenda_path,
        location=meeting.location,
        facilitator=meeting.facilitator,
        notetaker=meeting.notetaker,
        timekeeper=meeting.timekeeper,
        present=tuple(p.name for p in people if p.attended and p.role != "observer"),
        guests=tuple(p.name for p in people if p.attended and p.role == "guest"),
        observers=tuple(p.name for p in people if p.attended and p.role == "observer"),
        absent=tuple(p.name for p in people if not p.attended and p.role != "observer"),
        left_early=tuple(p.name for p in people if p.left and not p.present),
        quorum=q.required,
        members_present=peak,
        quorum_met=None if q.required is None else peak >= q.required,
        attendance=records.attendance(state),
        walk_ins=tuple(p.name for p in people if p.walk_in),
        off_record_between=tuple(
            _secs(p.seconds(at)) for p in state.off_periods if p.item_id not in state.items
        ),
        items=tuple(
            _item(state, state.items[i], at, by_item.get(i))
            for i in state.order
            if i in state.items
        ),
        decisions=records.decisions(state, prefix),
        actions=records.actions(state),
        credits=records.credits(state),
        conflicts=records.conflicts(state),
        talk=_talk(state, at),
        agenda_date=meeting.date if meeting.date not in (None, day) else None,
        participants=_people(state),
        setup=_setup(state),
        undone_acts=tuple(undone_acts(state)),
    )


def render(state: MeetingState, *, private: bool = False) -> str:
    """The minutes file for `state`: shared (redacted) by default, or the full private record.

    Pure and deterministic: the same state always renders the same bytes.
    """
    return render_doc(build(state), private=private)
