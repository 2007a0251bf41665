"""The members' view server: aiohttp in Textual's own asyncio loop, the facilitator's
process still the only writer of the journal.

Routes (every one needs the join code, from `?code=` once, then a cookie):

- `GET /` the member page, `GET /screen` the projector view (the same HTML; the script
  reads the path), `GET /app.js`, `GET /dots.js`, `GET /i18n.js`, `GET /app.css`. The
  page is in the screen's language (`--lang`): `web/page_text.py` fills its words and the
  table of the scripts' messages; the server's refusals are in that language too;
- `GET /events` Server-Sent Events: the public view (`core.public_view`) on connect and
  after every change, plus what concerns this device ("you"); a browser's EventSource
  reconnects by itself after sleep or a network change and gets the current state at
  once, so a reconnect is silent;
- `GET /state` the same as one JSON object;
- `POST /claim {name}`, `POST /unclaim`, `POST /hand {kind}`, `POST /withdraw`,
  `POST /position {position, reason}`, `POST /dots {dots: {option: count}}`: JSON bodies, same origin only, at most
  `MAX_BODY` bytes, rate-limited per device. Each becomes an ordinary command through
  `Host.submit`, marked with the device, or is refused with a plain message.

Security headers on every response: a strict Content-Security-Policy (no inline
script or style, nothing from elsewhere), no referrer (the code is in the join URL),
no caching, no framing.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import traceback
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any, Protocol
from urllib.parse import urlsplit

from aiohttp import web

from facilitator.core import commands as C
from facilitator.core.public_view import public_view
from facilitator.core.state import MeetingState
from facilitator.i18n import N_, _, screen_language, translator
from facilitator.processes.dot_vote import model as dot_vote
from facilitator.web.access import Claims, RateLimiter, code_matches, new_code
from facilitator.web.page_text import render_page

MAX_BODY = 2048
"""Largest request body accepted, in bytes (a reason for an objection fits many times)."""

MAX_REASON = 500
"""Longest reason accepted with a position, in characters."""

MAX_OPTIONS = 100
"""Most options one dot placement may name (a dot vote has a handful)."""

MAX_STREAMS = 500
"""Event streams open at once, at most (a flood of connections cannot exhaust the process)."""

_QUIET = logging.getLogger("facilitator.web.quiet")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False

CODE_COOKIE = "facilitator_code"
CLAIM_COOKIE = "facilitator_claim"

HAND_KINDS = ("speak", "process", "clarify", "direct")
"""What a member can raise a hand for (the stack's kinds)."""

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

_STATIC = {
    "/app.js": ("app.js", "text/javascript"),
    "/dots.js": ("dots.js", "text/javascript"),
    "/i18n.js": ("i18n.js", "text/javascript"),
    "/decide.js": ("decide.js", "text/javascript"),
    "/app.css": ("app.css", "text/css"),
}


class Host(Protocol):
    """What the server needs from the running meeting (the app provides it)."""

    def state(self) -> MeetingState:
        """The engine's current state."""

    def now(self) -> float:
        """The meeting clock's monotonic reading."""

    def submit(self, command: Any, device: str) -> str | None:
        """Run a member's command, marked with `device`; None when recorded, else why not."""

    def activity(self) -> None:
        """Devices, claims or the inbox changed (the TUI redraws its share line)."""


class _Stream:
    """One open event stream: the latest message waiting to be written, and a wake-up."""

    def __init__(self, device: str | None) -> None:
        self.device = device
        self.wake = asyncio.Event()


class MembersServer:
    """The web side of one shared meeting."""

    def __init__(
        self,
        host: Host,
        *,
        code: str | None = None,
        claims: Claims | None = None,
        hands: str = "stack",
        public_url: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        keepalive: float = 15.0,
    ) -> None:
        self.host = host
        """The running meeting."""
        self.code = code or new_code()
        """The join code."""
        self.claims = claims or Claims()
        """Who holds which name."""
        self.hands = hands
        """"stack" or "inbox" (the `member_hands` setting)."""
        self.public_url = public_url.rstrip("/") if public_url else None
        """The address members use, when behind a reverse proxy."""
        self.limiter = RateLimiter(clock)
        """Per-device POST limits."""
        self.keepalive = keepalive
        """Seconds between keep-alive comments on an idle stream (proxies close silent ones)."""
        self.streams: set[_Stream] = set()
        """Open event streams."""
        self.refused = 0
        """Requests refused (403, 404, 409, 413, 429…): for the tests and the share screen."""
        self.failures: list[str] = []
        """Tracebacks of requests that failed in our own code (the device got a plain 500);
        the status line counts them so the facilitator knows, and the newest 20 are kept."""
        self._message = b""
        self._dirty = True
        self._flush_scheduled = False
        self._static: dict[str, bytes] = {}
        self._pages: dict[tuple[str, str], bytes] = {}
        self.runner: web.AppRunner | None = None
        """Set while serving."""
        self.address = ""
        """The local address served on, once started ("http://127.0.0.1:8765")."""

    # --- the public address -----------------------------------------------------------

    def join_url(self) -> str:
        """The address to share, with the code (what the QR code holds)."""
        base = self.public_url or self.address
        return f"{base}/?code={self.code}"

    @property
    def devices(self) -> int:
        """Devices with the page open now."""
        return len(self.streams)

    # --- the app ------------------------------------------------------------------------

    def app(self) -> web.Application:
        """The aiohttp application (tests serve it on their own port)."""
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guard])
        app.router.add_get("/", self._page)
        app.router.add_get("/screen", self._page)
        app.router.add_get("/app.js", self._asset)
        app.router.add_get("/app.css", self._asset)
        app.router.add_get("/dots.js", self._asset)
        app.router.add_get("/i18n.js", self._asset)
        app.router.add_get("/decide.js", self._asset)
        app.router.add_get("/events", self._events)
        app.router.add_get("/state", self._state)
        app.router.add_post("/claim", self._claim)
        app.router.add_post("/unclaim", self._unclaim)
        app.router.add_post("/hand", self._hand)
        app.router.add_post("/withdraw", self._withdraw)
        app.router.add_post("/position", self._position)
        app.router.add_post("/dots", self._dots)
        return app

    async def start(self, host: str, port: int) -> None:
        """Serve on host:port (port 0: any free port); OSError when it cannot."""
        # aiohttp logs a malformed request with its traceback; with no handler configured,
        # Python would print that over the meeting screen. The refusal itself is the answer.
        self.runner = web.AppRunner(
            self.app(),
            access_log=None,
            handle_signals=False,
            shutdown_timeout=0.5,
            logger=_QUIET,
        )
        await self.runner.setup()
        site = web.TCPSite(self.runner, host, port)
        try:
            await site.start()
        except OSError:
            await self.runner.cleanup()
            self.runner = None
            raise
        sockets = getattr(site._server, "sockets", None) or ()
        real_port = sockets[0].getsockname()[1] if sockets else port
        shown = f"[{host}]" if ":" in host else host
        self.address = f"http://{shown}:{real_port}"

    async def stop(self) -> None:
        """Close every stream and stop serving."""
        streams = list(self.streams)
        self.streams.clear()
        for stream in streams:
            stream.wake.set()
        if self.runner is not None:
            runner, self.runner = self.runner, None
            await runner.cleanup()

    # --- pushing changes ----------------------------------------------------------------

    def changed(self) -> None:
        """The meeting changed: push the new view to every stream (once per loop turn)."""
        self._dirty = True
        if self._flush_scheduled:
            return
        self._flush_scheduled = True
        try:
            asyncio.get_running_loop().call_soon(self._flush)
        except RuntimeError:  # no loop (a test calling it directly): flush now
            self._flush()

    def _flush(self) -> None:
        self._flush_scheduled = False
        for stream in self.streams:
            stream.wake.set()

    def _view_json(self) -> bytes:
        if self._dirty:
            state = self.host.state()
            view = public_view(state, self.host.now()).to_json()
            view["hands"] = self.hands
            self._message = json.dumps(view, ensure_ascii=False, separators=(",", ":")).encode()
            self._dirty = False
        return self._message

    def _you(self, device: str | None) -> dict[str, Any]:
        name = self.claims.names.get(device) if device else None
        if name is None:
            return {"name": None}
        person = self.host.state().person(name)
        return {
            "name": name,
            "role": person.role if person else "",
            "present": bool(person and person.present),
            "pending": self.host.state().hand_of(name) is not None,
            "dots": dots_of(self.host.state(), name),
        }

    def _payload(self, device: str | None) -> bytes:
        you = json.dumps(self._you(device), ensure_ascii=False, separators=(",", ":")).encode()
        # `now` is read for every message: the view is cached between changes, and a page
        # sets its clocks from the reading that came with what it received.
        now = json.dumps(self.host.now()).encode()
        return b'{"now":' + now + b',"view":' + self._view_json() + b',"you":' + you + b"}"

    # --- guard: code, origin, limits, headers -------------------------------------------

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        try:
            response = await self._checked(request, handler)
        except Refused as exc:
            response = exc.response
        except web.HTTPException as exc:  # aiohttp's own: 404, 405, a body over the limit
            response = _error(_http_refusal(exc.status, exc.reason), exc.status)
        except Exception:
            # Never a traceback to a device, and never a crash of the meeting for one;
            # but kept, and counted on the facilitator's status line, not swallowed.
            self.failures = [*self.failures[-19:], traceback.format_exc()]
            response = web.json_response({"error": _("Something went wrong.")}, status=500)
        if response.status >= 400:
            self.refused += 1
        if not response.prepared:
            response.headers.update(_HEADERS)
        return response

    async def _checked(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        typed = request.query.get("code")
        cookie = request.cookies.get(CODE_COOKIE, "")
        if typed is not None and code_matches(typed, self.code):
            # The code moves to a cookie, and out of the address bar and history.
            return self._with_code_cookie(
                web.Response(status=303, headers={"Location": request.path}), request
            )
        if not code_matches(cookie, self.code):
            if request.method == "GET" and request.path in ("/", "/screen"):
                return web.Response(
                    body=self._rendered("join.html"),
                    content_type="text/html",
                    charset="utf-8",
                    status=403,
                )
            return _error(_("The join code is missing or wrong."), 403)
        if request.method == "POST":
            if not self._same_origin(request):
                return _error(_("Requests must come from the meeting's own page."), 403)
            key = self._device(request) or f"addr:{self._remote(request)}"
            if not self.limiter.allow(key):
                return _error(_("Too many requests: wait a moment."), 429)
        return await handler(request)

    def _with_code_cookie(self, response: web.Response, request: web.Request) -> web.Response:
        response.set_cookie(
            CODE_COOKIE,
            self.code,
            httponly=True,
            samesite="Strict",
            secure=self._secure(request),
            path="/",
        )
        return response

    def _secure(self, request: web.Request) -> bool:
        return request.secure or bool(self.public_url and self.public_url.startswith("https:"))

    def _same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return False  # browsers send Origin on every fetch POST; scripts elsewhere get none
        allowed = {f"{request.scheme}://{request.host}"}
        if self.public_url:
            parts = urlsplit(self.public_url)
            allowed.add(f"{parts.scheme}://{parts.netloc}")
        return origin in allowed

    def _remote(self, request: web.Request) -> str | None:
        # Behind a reverse proxy (--public-url) every request comes from the proxy: the
        # address it appended last is the device's own.
        forwarded = request.headers.get("X-Forwarded-For") if self.public_url else None
        if forwarded:
            return forwarded.split(",")[-1].strip()[:64]
        return request.remote

    def _device(self, request: web.Request) -> str | None:
        held = self.claims.verify(request.cookies.get(CLAIM_COOKIE))
        return held[0] if held else None

    def _member(self, request: web.Request) -> tuple[str, str]:
        held = self.claims.verify(request.cookies.get(CLAIM_COOKIE))
        if held is None:
            raise Refused(_("Choose your name first."), 403)
        return held

    # --- pages ----------------------------------------------------------------------------

    def _file(self, name: str) -> bytes:
        data = self._static.get(name)
        if data is None:
            data = resources.files("facilitator.web").joinpath("static", name).read_bytes()
            self._static[name] = data
        return data

    def _rendered(self, name: str) -> bytes:
        """A page's HTML (`index.html`, or `join.html` that asks for the code) in the
        screen's language now, made once per language."""
        lang = screen_language()
        page = self._pages.get((name, lang))
        if page is None:
            template = self._file(name).decode("utf-8")
            page = render_page(template, translator(lang), lang).encode("utf-8")
            self._pages[(name, lang)] = page
        return page

    async def _page(self, request: web.Request) -> web.StreamResponse:
        return web.Response(
            body=self._rendered("index.html"), content_type="text/html", charset="utf-8"
        )

    async def _asset(self, request: web.Request) -> web.StreamResponse:
        name, kind = _STATIC[request.path]
        return web.Response(body=self._file(name), content_type=kind, charset="utf-8")

    async def _state(self, request: web.Request) -> web.StreamResponse:
        return web.Response(
            body=self._payload(self._device(request)), content_type="application/json"
        )

    async def _events(self, request: web.Request) -> web.StreamResponse:
        if len(self.streams) >= MAX_STREAMS:
            return _error(_("Too many devices are connected."), 503)
        response = web.StreamResponse(
            headers={
                **_HEADERS,
                "Content-Type": "text/event-stream",
                "X-Accel-Buffering": "no",
            }
        )
        await response.prepare(request)
        stream = _Stream(self._device(request))
        self.streams.add(stream)
        self.host.activity()
        try:
            # A reconnecting browser waits 2 s (not its default 3 s, and never a reload).
            await response.write(b"retry: 2000\n\n")
            send = True
            while stream in self.streams:
                if send:
                    stream.wake.clear()
                    await response.write(b"data: " + self._payload(stream.device) + b"\n\n")
                try:
                    await asyncio.wait_for(stream.wake.wait(), self.keepalive)
                    send = True
                except TimeoutError:
                    # Proxies and phones drop a silent connection; a comment keeps it open.
                    await response.write(b": keep-alive\n\n")
                    send = False
        except ConnectionError:
            pass  # the device went away; its browser reconnects when it can
        finally:
            self.streams.discard(stream)
            self.host.activity()
        return response

    # --- acts -----------------------------------------------------------------------------

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
            return _error(problem, 409)
        return web.json_response({"ok": True})

    async def _claim(self, request: web.Request) -> web.StreamResponse:
        data = await self._body(request)
        name = data.get("name")
        if not isinstance(name, str) or len(name) > 200:
            return _error(_("Choose a name from the list."), 400)
        person = self.host.state().person(name)
        if person is None:
            return _error(_("That name is not on this meeting's roster."), 404)
        device = self._device(request)
        got = self.claims.claim(person.name, device)
        if got is None:
            return _error(
                _(
                    "{name} is already joined from another device. If that is not you, "
                    "tell the facilitator: they can release it."
                ).format(name=person.name),
                409,
            )
        self.host.activity()
        self.changed()
        response = web.json_response({"ok": True, "name": person.name, "role": person.role})
        response.set_cookie(
            CLAIM_COOKIE,
            got[1],
            httponly=True,
            samesite="Strict",
            secure=self._secure(request),
            path="/",
        )
        return response

    async def _unclaim(self, request: web.Request) -> web.StreamResponse:
        name = self._member(request)[1]
        self._lower(name)
        self.claims.release(name)
        self.host.activity()
        self.changed()
        response = web.json_response({"ok": True})
        response.del_cookie(CLAIM_COOKIE, path="/")
        return response

    def _marker(self, name: str) -> str:
        return f"web:{name}"

    def _may_act(self, name: str) -> str | None:
        person = self.host.state().person(name)
        if person is None:
            return _("That name is no longer on the roster.")
        if person.role == "observer":
            return _("Observers watch the meeting; they do not queue or give positions.")
        return None

    async def _hand(self, request: web.Request) -> web.StreamResponse:
        name = self._member(request)[1]
        data = await self._body(request)
        kind = data.get("kind", "speak")
        if kind not in HAND_KINDS:
            return _error(_("A hand is one of: {kinds}.").format(kinds=", ".join(HAND_KINDS)), 400)
        problem = self._may_act(name)
        if problem is not None:
            return _error(problem, 409)
        if self.hands == "inbox":
            # Journalled like every member's act (a resume still has it); it joins the
            # stack only with the facilitator's key.
            state = self.host.state()
            if state.hand_of(name) is not None or state.waiting(name):
                return _error(_("Your hand is already up."), 409)
            problem = self.host.submit(C.RaiseHand(name, str(kind)), self._marker(name))
            if problem is not None:
                return _error(problem, 409)
            self.host.activity()
            return web.json_response({"ok": True, "pending": True})
        return self._refuse_or_ok(self.host.submit(C.Queue(name, str(kind)), self._marker(name)))

    async def _withdraw(self, request: web.Request) -> web.StreamResponse:
        name = self._member(request)[1]
        await self._body(request)
        if self.host.state().hand_of(name) is not None:
            return self._refuse_or_ok(self.host.submit(C.LowerHand(name), self._marker(name)))
        if not self.host.state().waiting(name):
            return _error(_("Your hand is not up."), 409)
        return self._refuse_or_ok(self.host.submit(C.Withdraw(name), self._marker(name)))

    async def _position(self, request: web.Request) -> web.StreamResponse:
        name = self._member(request)[1]
        data = await self._body(request)
        position, reason = data.get("position"), data.get("reason", "")
        if not isinstance(position, str) or not isinstance(reason, str):
            return _error(_("Choose a position."), 400)
        if len(reason) > MAX_REASON:
            return _error(_("A reason is at most {n} characters.").format(n=MAX_REASON), 413)
        problem = self._may_act(name)
        if problem is not None:
            return _error(problem, 409)
        view = public_view(self.host.state(), self.host.now())
        proposal = view.item.proposal if view.item is not None else None
        if proposal is None or not proposal.open:
            return _error(_("The facilitator has not opened the consent round."), 409)
        if position not in proposal.positions:
            known = ", ".join(proposal.positions)
            return _error(_("A position is one of: {positions}.").format(positions=known), 400)
        command = C.Respond(name, position, reason.strip())
        return self._refuse_or_ok(self.host.submit(command, self._marker(name)))

    async def _dots(self, request: web.Request) -> web.StreamResponse:
        """A member's own dots. The server checks only the request's shape; the core's
        `PlaceDots`/`CorrectDots` decide the rest (budget, options, who may vote)."""
        name = self._member(request)[1]
        data = await self._body(request)
        claimed = data.get("name", name)
        if not isinstance(claimed, str) or claimed.casefold() != name.casefold():
            return _error(_("You can place only your own dots."), 403)
        placed = data.get("dots")
        if (
            not isinstance(placed, dict)
            or len(placed) > MAX_OPTIONS
            or not all(isinstance(k, str) and len(k) <= 200 for k in placed)
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in placed.values())
        ):
            return _error(_("Send your dots as option: count."), 400)
        problem = self._may_act(name)
        if problem is not None:
            return _error(problem, 409)
        state = self.host.state()
        item = state.current_item
        vote = dot_vote.dot_vote_of(item) if item is not None and not item.confidential else None
        rnd = vote.round if vote is not None else None
        if rnd is None or rnd.closed:
            return _error(_("The facilitator has not opened the dot vote."), 409)
        person = state.person(name)
        again = person is not None and person.name in rnd.placements
        command: Any = (dot_vote.CorrectDots if again else dot_vote.PlaceDots)(name, placed)
        return self._refuse_or_ok(self.host.submit(command, self._marker(name)))

    # --- the facilitator's side -----------------------------------------------------------

    def accept_hand(self) -> str | None:
        """Queue the oldest hand in the inbox (the facilitator's act, so not marked with a
        device); what happened, for a notification. A hand that can no longer join (its
        owner left, or is recused) is taken out of the inbox, and the reason is said."""
        hands = self.host.state().hands
        if not hands:
            return None
        name = hands[0].name
        problem = self.host.submit(C.AcceptHand(), "")
        if problem is not None:
            self.host.submit(C.LowerHand(name), "")
        self.host.activity()
        return problem or _("{name} joins the stack (from their device).").format(name=name)

    def _lower(self, name: str) -> None:
        """Take `name`'s hand out of the inbox, if it is there (their claim is going)."""
        if self.host.state().hand_of(name) is not None:
            self.host.submit(C.LowerHand(name), "")

    def release(self, name: str) -> bool:
        """Release a claim (the facilitator's key); the device must choose again."""
        self._lower(name)
        done = self.claims.release(name)
        for stream in self.streams:
            if stream.device is not None and stream.device not in self.claims.names:
                stream.device = None
        self.host.activity()
        self.changed()
        return done


def dots_of(state: MeetingState, name: str) -> dict[str, int] | None:
    """`name`'s own dots in the current item's latest dot-vote round (None: none placed).
    Only that member's device is sent them: nobody else's allocation leaves the process."""
    item = state.current_item
    vote = dot_vote.dot_vote_of(item) if item is not None and not item.confidential else None
    rnd = vote.round if vote is not None else None
    person = state.person(name)
    if rnd is None or person is None or person.name not in rnd.placements:
        return None
    return dict(rnd.placements[person.name].dots)


class Refused(Exception):
    """A request refused with a plain message (raised by helpers, answered by the guard)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.response = _error(message, status)
        """The answer to send."""


_HTTP_REFUSALS = {
    404: N_("There is nothing at that address."),
    405: N_("That cannot be done at that address."),
    413: N_("That is too long."),
}
"""aiohttp's own refusals, said in the page's language (its reason phrases are English)."""


def _http_refusal(status: int, reason: str) -> str:
    return _(_HTTP_REFUSALS[status]) if status in _HTTP_REFUSALS else reason


def _error(message: str, status: int) -> web.Response:
    """A plain JSON error the page shows as it is."""
    return web.json_response({"error": message}, status=status)


__all__ = ["CSP", "HAND_KINDS", "MAX_BODY", "Host", "MembersServer", "Refused"]
