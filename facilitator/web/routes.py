"""The members' acts, and the table of every route.

`POST /claim {name}`, `POST /unclaim`, `POST /hand {kind}`, `POST /withdraw`,
`POST /position {position, reason}`, `POST /dots {dots: {option: count}}`: JSON bodies
(the guard in `session.py` has checked the code, the origin and the rate). Each becomes an
ordinary command through `Host.submit`, marked with the device, or is refused with a plain
message.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from facilitator.core import commands as C
from facilitator.core.public_view import public_view
from facilitator.i18n import _
from facilitator.processes.dot_vote import model as dot_vote
from facilitator.web.feed import Feed
from facilitator.web.host import Host
from facilitator.web.session import CLAIM_COOKIE, Gate, Refused, error
from facilitator.web.static import ASSETS, Pages

MAX_BODY = 2048
"""Largest request body accepted, in bytes (a reason for an objection fits many times)."""

MAX_REASON = 500
"""Longest reason accepted with a position, in characters."""

MAX_OPTIONS = 100
"""Most options one dot placement may name (a dot vote has a handful)."""

HAND_KINDS = ("speak", "process", "clarify", "direct")
"""What a member can raise a hand for (the stack's kinds)."""


def add_routes(app: web.Application, pages: Pages, feed: Feed, acts: Acts) -> None:
    """Every address the server answers (each behind the guard's checks)."""
    app.router.add_get("/", pages.page)
    app.router.add_get("/screen", pages.page)
    for path in ASSETS:
        app.router.add_get(path, pages.asset)
    app.router.add_get("/events", feed.events)
    app.router.add_get("/state", feed.state)
    app.router.add_post("/claim", acts.claim)
    app.router.add_post("/unclaim", acts.unclaim)
    app.router.add_post("/hand", acts.hand)
    app.router.add_post("/withdraw", acts.withdraw)
    app.router.add_post("/position", acts.position)
    app.router.add_post("/dots", acts.dots)


def marker(name: str) -> str:
    """How a member's command is marked in the journal (it came from their device)."""
    return f"web:{name}"


def lower_hand(host: Host, name: str) -> None:
    """Take `name`'s hand out of the inbox, if it is there (their claim is going)."""
    if host.state().hand_of(name) is not None:
        host.submit(C.LowerHand(name), "")


class Acts:
    """The POST routes: a member's act becomes a command, or a plain refusal."""

    def __init__(self, host: Host, gate: Gate, feed: Feed) -> None:
        self.host = host
        self.gate = gate
        self.feed = feed

    async def _body(self, request: web.Request) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise Refused(_("Send JSON."), 415)
        try:
            raw = await request.read()
            data = json.loads(raw.decode("utf-8"))
        except web.HTTPRequestEntityTooLarge:
            raise Refused(_("That is too long."), 413) from None
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise Refused(_("That request could not be read."), 400) from None
        if not isinstance(data, dict):
            raise Refused(_("That request could not be read."), 400)
        return data

    def _refuse_or_ok(self, problem: str | None) -> web.StreamResponse:
        if problem is not None:
            return error(problem, 409)
        return web.json_response({"ok": True})

    def _may_act(self, name: str) -> str | None:
        person = self.host.state().person(name)
        if person is None:
            return _("That name is no longer on the roster.")
        if person.role == "observer":
            return _("Observers watch the meeting; they do not queue or give positions.")
        return None

    async def claim(self, request: web.Request) -> web.StreamResponse:
        """`POST /claim {name}`: this device is `name` (a signed cookie says so)."""
        data = await self._body(request)
        name = data.get("name")
        if not isinstance(name, str) or len(name) > 200:
            return error(_("Choose a name from the list."), 400)
        person = self.host.state().person(name)
        if person is None:
            return error(_("That name is not on this meeting's roster."), 404)
        device = self.gate.device(request)
        got = self.gate.claims.claim(person.name, device)
        if got is None:
            return error(
                _(
                    "{name} is already joined from another device. If that is not you, "
                    "tell the facilitator: they can release it."
                ).format(name=person.name),
                409,
            )
        self.host.activity()
        self.feed.changed()
        response = web.json_response({"ok": True, "name": person.name, "role": person.role})
        self.gate.set_claim_cookie(response, got[1], request)
        return response

    async def unclaim(self, request: web.Request) -> web.StreamResponse:
        """`POST /unclaim`: give the name back (a hand in the inbox goes with it)."""
        name = self.gate.member(request)[1]
        lower_hand(self.host, name)
        self.gate.claims.release(name)
        self.host.activity()
        self.feed.changed()
        response = web.json_response({"ok": True})
        response.del_cookie(CLAIM_COOKIE, path="/")
        return response

    async def hand(self, request: web.Request) -> web.StreamResponse:
        """`POST /hand {kind}`: join the stack, or the inbox when the facilitator accepts."""
        name = self.gate.member(request)[1]
        data = await self._body(request)
        kind = data.get("kind", "speak")
        if kind not in HAND_KINDS:
            return error(_("A hand is one of: {kinds}.").format(kinds=", ".join(HAND_KINDS)), 400)
        problem = self._may_act(name)
        if problem is not None:
            return error(problem, 409)
        if self.feed.hands == "inbox":
            # Journalled like every member's act (a resume still has it); it joins the
            # stack only with the facilitator's key.
            state = self.host.state()
            if state.hand_of(name) is not None or state.waiting(name):
                return error(_("Your hand is already up."), 409)
            problem = self.host.submit(C.RaiseHand(name, str(kind)), marker(name))
            if problem is not None:
                return error(problem, 409)
            self.host.activity()
            return web.json_response({"ok": True, "pending": True})
        return self._refuse_or_ok(self.host.submit(C.Queue(name, str(kind)), marker(name)))

    async def withdraw(self, request: web.Request) -> web.StreamResponse:
        """`POST /withdraw`: take one's hand down, from the inbox or the stack."""
        name = self.gate.member(request)[1]
        await self._body(request)
        if self.host.state().hand_of(name) is not None:
            return self._refuse_or_ok(self.host.submit(C.LowerHand(name), marker(name)))
        if not self.host.state().waiting(name):
            return error(_("Your hand is not up."), 409)
        return self._refuse_or_ok(self.host.submit(C.Withdraw(name), marker(name)))

    async def position(self, request: web.Request) -> web.StreamResponse:
        """`POST /position {position, reason}`: a member's position in the consent round."""
        name = self.gate.member(request)[1]
        data = await self._body(request)
        position, reason = data.get("position"), data.get("reason", "")
        if not isinstance(position, str) or not isinstance(reason, str):
            return error(_("Choose a position."), 400)
        if len(reason) > MAX_REASON:
            return error(_("A reason is at most {n} characters.").format(n=MAX_REASON), 413)
        problem = self._may_act(name)
        if problem is not None:
            return error(problem, 409)
        view = public_view(self.host.state(), self.host.now())
        proposal = view.item.proposal if view.item is not None else None
        if proposal is None or not proposal.open:
            return error(_("The facilitator has not opened the consent round."), 409)
        if position not in proposal.positions:
            known = ", ".join(proposal.positions)
            return error(_("A position is one of: {positions}.").format(positions=known), 400)
        command = C.Respond(name, position, reason.strip())
        return self._refuse_or_ok(self.host.submit(command, marker(name)))

    async def dots(self, request: web.Request) -> web.StreamResponse:
        """`POST /dots {dots}`: a member's own dots. The server checks only the request's
        shape; the core's `PlaceDots`/`CorrectDots` decide the rest (budget, options, who
        may vote)."""
        name = self.gate.member(request)[1]
        data = await self._body(request)
        claimed = data.get("name", name)
        if not isinstance(claimed, str) or claimed.casefold() != name.casefold():
            return error(_("You can place only your own dots."), 403)
        placed = data.get("dots")
        if (
            not isinstance(placed, dict)
            or len(placed) > MAX_OPTIONS
            or not all(isinstance(k, str) and len(k) <= 200 for k in placed)
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in placed.values())
        ):
            return error(_("Send your dots as option: count."), 400)
        problem = self._may_act(name)
        if problem is not None:
            return error(problem, 409)
        state = self.host.state()
        item = state.current_item
        vote = dot_vote.dot_vote_of(item) if item is not None and not item.confidential else None
        rnd = vote.round if vote is not None else None
        if rnd is None or rnd.closed:
            return error(_("The facilitator has not opened the dot vote."), 409)
        person = state.person(name)
        again = person is not None and person.name in rnd.placements
        command: Any = (dot_vote.CorrectDots if again else dot_vote.PlaceDots)(name, placed)
        return self._refuse_or_ok(self.host.submit(command, marker(name)))


__all__ = ["HAND_KINDS", "MAX_BODY", "MAX_OPTIONS", "MAX_REASON", "Acts", "add_routes"]
