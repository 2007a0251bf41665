"""Building the run screen's `MeetingView` from the engine's `MeetingState`.

This is the one place the screen's records are filled from the engine; the
widgets never read `MeetingState` themselves (process panels are the exception:
they are handed the state to draw the consent process in full).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from facilitator.core import shared_screen as share
from facilitator.core import timing
from facilitator.core.clock import parse_iso
from facilitator.core.durations import format_duration
from facilitator.core.stack import ordered
from facilitator.core.state import ItemState, MeetingState
from facilitator.i18n import _, ngettext
from facilitator.processes.consent.model import consent_of
from facilitator.tui.format import shown
from facilitator.tui.view import (
    AgendaRow,
    ClockView,
    ItemView,
    LogEntry,
    MeetingView,
    Person,
    StackView,
    StatusView,
    Ticking,
    Waiting,
)
from facilitator.tui.words import credit_kinds, outcome_word, word


def build_view(state: MeetingState, now: float) -> MeetingView:
    """Everything the run screen draws, at monotonic `now`."""
    forecast = timing.forecast(state, now)
    risky = set(forecast.at_risk)
    rows = tuple(
        AgendaRow(
            item_id=item.id,
            number=n,
            title=shown(item.title),
            kind=item.kind,
            planned=item.planned,
            actual=_ticking(item),
            status=item.status,
            current=item.id == state.current,
            at_risk=item.id in risky,
            confidential=item.confidential,
        )
        for n, item in enumerate((state.items[i] for i in state.order), start=1)
    )
    current = state.current_item
    return MeetingView(
        title=shown(state.agenda.meeting.title),
        agenda=rows,
        item=_item_view(current) if current else None,
        stack=_stack_view(state),
        log=_log(state, current),
        status=_status(state, now, forecast),
        people=people_of(state),
        started=state.started,
    )


def clock_view(state: MeetingState, now: float) -> ClockView:
    """What `build_view(state, now)` gives that depends on `now` (the pace), and no more.

    The run screen's tick builds this once a second instead of the whole view: at 10,000
    events and 60 people the whole view is ~50 rows, 60 people and the log (issue 12).
    """
    planned_end, projected_end, forecast = _pace(state, now, timing.forecast(state, now))
    return ClockView(planned_end, projected_end, forecast.at_risk)


def _pace(
    state: MeetingState, now: float, forecast: timing.Forecast
) -> tuple[str, str, timing.Forecast]:
    """The planned and projected end as the status line says them, and the forecast it
    counts the items at risk of (once ended: none, the end as it happened)."""
    start = _start_wall(state)
    elapsed = timing.meeting_elapsed(state, now)
    if state.ended:
        # Once ended, the projection is the fact: the end as it happened.
        forecast = timing.Forecast(forecast.planned_end, elapsed, ())
    if start is None:
        return "", "", forecast
    planned = _hhmm(start + dt.timedelta(seconds=forecast.planned_end))
    projected = _hhmm(start + dt.timedelta(seconds=max(forecast.projected_end, elapsed)))
    return planned, projected, forecast


def _ticking(item: ItemState) -> Ticking:
    return Ticking(base=item.elapsed, since=item.since)


def _item_view(item: ItemState) -> ItemView:
    return ItemView(
        item_id=item.id,
        title=shown(item.title),
        kind=item.kind,
        owner=shown(item.owner) if item.owner else item.owner,
        notes=shown(item.prep) if item.prep else item.prep,
        proposal=shown(c.text) if (c := consent_of(item)) else None,
        planned=item.planned,
        elapsed=_ticking(item),
        paused=item.status == "paused",
        status=item.status,
        extensions=tuple(f"+{format_duration(s)}: {reason}" for s, reason in item.extensions),
        confidential=item.confidential,
    )


def _stack_view(state: MeetingState) -> StackView:
    speaker = state.speaker
    return StackView(
        speaker=speaker.name if speaker else None,
        speaker_kind=speaker.kind if speaker else "speak",
        turn=Ticking(base=0.0, since=speaker.start) if speaker else Ticking(),
        limit=state.agenda.stack.speaker_limit,
        waiting=tuple(Waiting(p.entry.name, p.entry.kind, p.reason) for p in ordered(state)),
    )


def _log(state: MeetingState, item: ItemState | None) -> tuple[LogEntry, ...]:
    if item is None:
        return ()
    # `private` says why an entry may not be shown while sharing (`shared_view` hides it).
    note_why = "" if share.item_shared(item) else "confidential"
    out = [LogEntry(f"note-{n.note_id}", "note", n.text, private=note_why) for n in item.notes]
    out += [
        LogEntry(
            f"decision-{d.decision_id}",
            "decision",
            f"{outcome_word(d.outcome)}: {d.text}",
            private=share.private_why(d),
        )
        for d in state.decisions
        if d.item_id == item.id
    ]
    out += [
        LogEntry(
            f"action-{a.action_id}",
            "action",
            a.text + (" " + _("(by {due})").format(due=a.due) if a.due else ""),
            a.owner,
            private=share.private_why(a),
        )
        for a in state.actions
        if a.item_id == item.id
    ]
    out += [
        LogEntry(
            f"credit-{c.credit_id}",
            "credit",
            f"{word(credit_kinds(), c.kind)}: {c.text}",
            c.name,
            private=share.private_why(c),
        )
        for c in state.credits
        if c.item_id == item.id
    ]
    # A confidential conflict is masked on screen too: the facilitator is often sharing
    # this screen on the call. Its text is in the journal and the private record.
    out += [
        LogEntry(
            f"conflict-{c.conflict_id}",
            "conflict",
            "🔒 "
            + _("confidential conflict {n}: kept in the private record").format(n=c.conflict_id)
            if c.confidential
            else c.text,
            "" if c.confidential else ", ".join(c.parties),
            private=share.private_why(c),
        )
        for c in state.conflicts
        if c.item_id == item.id
    ]
    return tuple(out)


def _status(state: MeetingState, now: float, forecast: timing.Forecast) -> StatusView:
    q = timing.quorum(state)
    if state.start_mono is None:
        meeting = Ticking()
    elif state.end_mono is not None:
        meeting = Ticking(base=state.end_mono - state.start_mono)
    else:
        meeting = Ticking(base=0.0, since=state.start_mono)
    # One count, one wording (core's `quorum_text`), as in the item panel and the minutes:
    # voting members present and how many are needed. Guests and observers never count,
    # so they are said apart, and absent means voting members and guests not here.
    met = " ✓" if q.met else " ✗ " + _("quorum not met")
    quorum = q.text + ("" if q.required is None else met)
    here = [p for p in state.people.values() if p.present]
    absent = sum(1 for p in state.people.values() if not p.present and p.role != "observer")
    guests = sum(1 for p in here if p.role == "guest")
    observers = sum(1 for p in here if p.role == "observer")
    extra = [
        *([ngettext("{n} guest", "{n} guests", guests).format(n=guests)] if guests else []),
        *(
            [ngettext("{n} observer", "{n} observers", observers).format(n=observers)]
            if observers
            else []
        ),
    ]
    planned_end, projected_end, forecast = _pace(state, now, forecast)
    return StatusView(
        meeting=meeting,
        planned_end=planned_end,
        projected_end=projected_end,
        at_risk=len(forecast.at_risk),
        quorum=quorum,
        quorum_met=q.met,
        attendance=" · ".join(
            [*extra, ngettext("{n} absent", "{n} absent", absent).format(n=absent)]
        ),
        off_record=state.off_record,
        ended=state.ended,
        started=state.started,
    )


def _start_wall(state: MeetingState) -> dt.datetime | None:
    """When the meeting started (local time), else its planned start today."""
    if state.start_at:
        return parse_iso(state.start_at).astimezone()
    meeting = state.agenda.meeting
    if meeting.start is not None:
        day = meeting.date or dt.date.today()
        return dt.datetime.combine(day, meeting.start).astimezone()
    return None


def _hhmm(when: dt.datetime) -> str:
    return when.strftime("%H:%M")


def people_of(state: MeetingState) -> tuple[Person, ...]:
    """Everyone on the roll, with presence, place in the stack and recusal from this item."""
    waiting = {e.name for e in state.stack}
    item = state.current_item
    return tuple(
        Person(
            name=p.name,
            role=p.role,
            key=p.key,
            present=p.present,
            waiting=p.name in waiting,
            recused=bool(item and p.name in item.recused),
        )
        for p in state.people.values()
    )


# --- the shared screen ----------------------------------------------------------------------


def shared_view(view: MeetingView) -> MeetingView:
    """`view` as a shared screen may show it (`core.shared_screen` is the rule).

    A confidential item keeps its place and its clock but none of its words; log entries
    that are confidential or off the record give way to one `HIDDEN` line each; off the
    record, the stack says only that it is. Every log key changes (`@shared`), so the
    item log, which appends only what is new, redraws everything when sharing starts.
    """
    if view.sharing:
        return view
    rows = tuple(
        replace(r, title=share.CONFIDENTIAL_TITLE, confidential=False) if r.confidential else r
        for r in view.agenda
    )
    item = view.item
    if item is not None and item.confidential:
        item = replace(
            item,
            title=share.CONFIDENTIAL_TITLE,
            owner=None,
            notes=None,
            proposal=share.HIDDEN if item.proposal else None,
            # How long it was extended is the meeting's time; why is the item's business.
            extensions=tuple(line.split(":", 1)[0] for line in item.extensions),
            confidential=False,
            hidden=True,
        )
    log = _shared_log(view.log, view.item)
    stack = view.stack
    if view.status.off_record:
        stack = replace(
            stack, waiting=tuple(replace(w, reason=share.OFF_RECORD) for w in stack.waiting)
        )
    return replace(
        view,
        agenda=rows,
        item=item,
        stack=stack,
        log=log,
        status=replace(view.status, sharing=True),
        sharing=True,
    )


def _shared_log(log: tuple[LogEntry, ...], item: ItemView | None) -> tuple[LogEntry, ...]:
    if item is not None and item.confidential:
        # Not even how many entries a confidential item has: one line stands for them all.
        hidden = _(str(share.HIDDEN))
        return (LogEntry(f"hidden-{item.item_id}@shared", "🔒", hidden),) if log else ()
    return tuple(
        LogEntry(
            f"{e.key}@shared",
            e.kind,
            f"{_(str(share.HIDDEN))} ({_(str(e.private))})",
            private=e.private,
        )
        if e.private
        else replace(e, key=f"{e.key}@shared")
        for e in log
    )
