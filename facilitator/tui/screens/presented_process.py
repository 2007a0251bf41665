"""The presentation view's process line: what the room sees of the current item's process.

A vote, a role selection and a dot vote are shown as `core.public_process` lets the public
see them (the members' view shows the same); a proposal shows its consent stage, tally and
whose turn it is; a go-around shows its turn. Plain text (the screen puts it in a `Text`,
so a name like `[bold]` stays literal); a redacted (confidential) item shows nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.core.public_process import (
    PublicDotVote,
    PublicSelection,
    PublicVote,
    public_process,
)
from facilitator.i18n import _, ngettext
from facilitator.processes.consent import model as K
from facilitator.processes.consent.model import consent_of
from facilitator.processes.round.model import GoAround, last_round
from facilitator.processes.selection.model import STAGE_LABELS as SELECTION_STAGES

if TYPE_CHECKING:
    from facilitator.core.state import ItemState, MeetingState
    from facilitator.tui.view import MeetingView


def process_text(view: MeetingView, state: MeetingState | None) -> str:
    """The item's process as the room may see it: a vote, a selection or a dot vote
    (`core.public_process` decides what of them), else the consent stage with its tally and
    whose turn it is, or the round's turn."""
    item = view.item
    # A redacted (confidential) item shows no process: not even its counts.
    if state is None or item is None or item.hidden or item.item_id not in state.items:
        return ""
    engine = state.items[item.item_id]
    public = public_process(state, engine)
    go = last_round(engine)
    turn = _round_line(go) if go is not None and not go.done and not go.off_record else ""
    # A go-around can be held on any item: its turn goes under the process.
    if public.vote is not None:
        return "\n".join(x for x in (vote_text(public.vote), turn) if x)
    if public.selection is not None:
        return "\n".join(x for x in (selection_text(public.selection), turn) if x)
    if public.dot_vote is not None:
        return "\n".join(x for x in (dot_vote_text(public.dot_vote), turn) if x)
    consent = consent_of(engine)
    if consent is None or (consent.stage == "reactions" and go is not None and not go.done):
        return _round_line(go) if go is not None else ""
    return _consent_text(state, engine, consent)


def _round_line(go: GoAround) -> str:
    heard = min(go.pointer, len(go.order))
    if go.done:
        return _("Round done · {heard} of {total} heard").format(heard=heard, total=len(go.order))
    return _("Round · {heard} of {total} heard · now: {name}").format(
        heard=heard, total=len(go.order), name=go.order[go.pointer]
    )


def _consent_text(state: MeetingState, engine: ItemState, consent: K.Consent) -> str:
    # The item's own method's stages (consensus has a discussion, gradients no reactions).
    method = K.method_of(state, consent)
    stages = [*method.stage_ids(), "decided"]
    at = stages.index(consent.stage) + 1 if consent.stage in stages else 0
    out = _("Stage {n}/{total}: {stage} · version {version}").format(
        n=at,
        total=len(stages),
        stage=_(method.stage_label(consent.stage)),
        version=consent.version,
    )
    if consent.stage == "decided":
        decision = next((d for d in state.decisions if d.item_id == engine.id), None)
        return out + (
            _(" · outcome: {outcome}").format(outcome=decision.outcome) if decision else ""
        )
    if consent.round is None and consent.stage not in ("consent", "integrate"):
        return out
    tally = K.tally(state, consent, engine.id)
    counts = " · ".join(f"{k} {v}" for k, v in tally.counts.items()) or _("no responses yet")
    out += "\n" + _("Tally: {counts}").format(counts=counts)
    responses = consent.round.by_name() if consent.round else {}
    eligible = [
        p.name
        for p in state.people.values()
        if p.present and p.role != "observer" and p.name not in engine.recused
    ]
    answered = sum(1 for name in eligible if name in responses)
    out += _(" · {answered} of {total} responded").format(answered=answered, total=len(eligible))
    nxt = next((name for name in eligible if name not in responses), None)
    if nxt is not None:
        out += _(" · next: {name}").format(name=nxt)
    return out


def _base_words(of: str) -> str:
    return {
        "cast": _("votes cast"),
        "present": _("voting members present"),
        "members": _("voting members"),
    }.get(of, of)


def vote_text(vote: PublicVote) -> str:
    """A vote as the room sees it: the motion, the threshold and base, where it stands."""
    head = _("Vote · {threshold} of {base} needed").format(
        threshold=vote.threshold, base=_base_words(vote.of)
    )
    if vote.secret:
        head += _(" · secret ballot")
    lines = [head, _("Motion: {motion}").format(motion=vote.motion)]
    r = vote.result
    if r is not None:
        word = _("Carried") if r.result == "carried" else _("Failed")
        lines.append(
            _(
                "{result}: {votes_for} for, {against} against, {abstain} abstaining; "
                "{share} of {base}, {threshold} needed ({needed} of {total})"
            ).format(
                result=word,
                votes_for=r.votes_for,
                against=r.against,
                abstain=r.abstain,
                share=r.share,
                base=_base_words(vote.of),
                threshold=vote.threshold,
                needed=r.needed,
                total=r.base,
            )
        )
    elif vote.open:
        lines.append(
            ngettext(
                "The vote is open: {n} voting member may vote.",
                "The vote is open: {n} voting members may vote.",
                vote.voters,
            ).format(n=vote.voters)
        )
    else:
        lines.append(_("Not opened yet."))
    return "\n".join(lines)


def selection_text(sel: PublicSelection) -> str:
    """A role selection as the room sees it: the role, the stage, the nominees once the
    nominations round is over, the proposed nominee and the consent round's progress."""
    role = sel.role + (f" · {sel.term}" if sel.term else "")
    lines = [
        _("Role selection: {role}").format(role=role),
        _("Stage: {stage}").format(stage=_(SELECTION_STAGES.get(sel.stage, sel.stage))),
    ]
    if sel.selected is not None:
        lines.append(_("Selected: {name}").format(name=sel.selected))
        return "\n".join(lines)
    if sel.nominees:
        named = " · ".join(
            f"{n.name} {n.nominations}"
            + (_(" (+{n} advisory)").format(n=n.advisory) if n.advisory else "")
            for n in sel.nominees
        )
        lines.append(_("Nominations: {names}").format(names=named))
    if sel.proposed is not None:
        line = _("Proposed: {name} · {heard} of {asked} heard").format(
            name=sel.proposed, heard=sel.heard, asked=sel.asked
        )
        if sel.next is not None:
            line += _(" · next: {name}").format(name=sel.next)
        if sel.objections:
            line += " · " + ngettext(
                "{n} objection standing", "{n} objections standing", sel.objections
            ).format(n=sel.objections)
        lines.append(line)
    return "\n".join(lines)


def dot_vote_text(vote: PublicDotVote) -> str:
    """A dot vote as the room sees it: how many are in, and the totals once all are."""
    each = ngettext("{n} dot each", "{n} dots each", vote.dots).format(n=vote.dots)
    if vote.max_per_option is not None:
        each += _(", at most {n} on one option").format(n=vote.max_per_option)
    head = _("Dot vote · {each}").format(each=each)
    if vote.round == 0:
        return "\n".join((head, _("Not opened yet.")))
    if vote.round > 1:
        head += _(" · second round, among the tied")
    lines = [head]
    placed = len(vote.placed)
    if vote.open and vote.hidden:
        lines.append(
            _(
                "{placed} in, {waiting} still to come: the totals stay hidden until all are in"
            ).format(placed=placed, waiting=vote.waiting_for)
        )
    elif vote.open:
        lines.append(_("Open · everyone is in ({placed})").format(placed=placed))
    else:
        lines.append(_("Closed · {placed} placed their dots").format(placed=placed))
    if vote.results:
        lines.append(
            " · ".join(f"{s.rank}. {s.option} {s.dots}" for s in vote.results)
            + (_(" · tied: {options}").format(options=", ".join(vote.tied)) if vote.tied else "")
        )
    return "\n".join(lines)
