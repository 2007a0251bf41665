"""The members' view server: aiohttp in Textual's own asyncio loop, the facilitator's
process still the only writer of the journal.

Routes (every one needs the join code, from `?code=` once, then a cookie):

- `GET /` the member page, `GET /screen` the projector view (the same HTML; the script
  reads the path), `GET /app.js`, `GET /dots.js`, `GET /i18n.js`, `GET /app.css`. The
  page is in the screen's language (`--lang`): `web/page_text.py` fills its words and the
  table of the scripts' messages; the server's refusals are in that language too
  (`static.py`);
- `GET /events` Server-Sent Events: the public view (`core.public_view`) on connect and
  after every change, plus what concerns this device ("you"); a browser's EventSource
  reconnects by itself after sleep or a network change and gets the current state at
  once, so a reconnect is silent; `GET /state` the same as one JSON object (`feed.py`);
- `POST /claim {name}`, `POST /unclaim`, `POST /hand {kind}`, `POST /withdraw`,
  `POST /position {position, reason}`, `POST /dots {dots: {option: count}}`: JSON bodies, same origin only, at most
  `MAX_BODY` bytes, rate-limited per device. Each becomes an ordinary command through
  `Host.submit`, marked with the device, or is refused with a plain message (`routes.py`).

The code, the cookies, the origin and the rate limit are checked by `session.Gate`, in
the guard below. Security headers on every response (`static.HEADERS`): a strict
Content-Security-Policy (no inline script or style, nothing from elsewhere), no referrer
(the code is in the join URL), no caching, no framing.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable

from aiohttp import web

from facilitator.core import commands as C
from facilitator.i18n import _
from facilitator.web.access import Claims, RateLimiter, new_code
from facilitator.web.feed import Feed, Stream
from facilitator.web.host import Host
from facilitator.web.routes import HAND_KINDS, MAX_BODY, Acts, add_routes, lower_hand
from facilitator.web.session import Gate, Handler, Refused, error, http_refusal
from facilitator.web.static import CSP, HEADERS, Pages

_QUIET = logging.getLogger("facilitator.web.quiet")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False


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
        self.pages = Pages()
        """The page and asset files."""
        self.gate = Gate(
            code or new_code(),
            claims or Claims(),
            RateLimiter(clock),
            public_url.rstrip("/") if public_url else None,
            self.pages,
        )
        """The join code, the cookies, the origin and the rate limit."""
        self.feed = Feed(host, self.gate.claims, hands, keepalive, self.gate.device)
        """What the members' pages are sent, and their open streams."""
        self.acts = Acts(host, self.gate, self.feed)
        """The members' POST routes."""
        self.refused = 0
        """Requests refused (403, 404, 409, 413, 429…): for the tests and the share screen."""
        self.failures: list[str] = []
        """Tracebacks of requests that failed in our own code (the device got a plain 500);
        the status line counts them so the facilitator knows, and the newest 20 are kept."""
        self.runner: web.AppRunner | None = None
        """Set while serving."""
        self.address = ""
        """The local address served on, once started ("http://127.0.0.1:8765")."""

    # --- what the others hold -----------------------------------------------------------

    @property
    def code(self) -> str:
        """The join code."""
        return self.gate.code

    @property
    def claims(self) -> Claims:
        """Who holds which name."""
        return self.gate.claims

    @property
    def limiter(self) -> RateLimiter:
        """Per-device POST limits."""
        return self.gate.limiter

    @property
    def public_url(self) -> str | None:
        """The address members use, when behind a reverse proxy."""
        return self.gate.public_url

    @property
    def hands(self) -> str:
        """The `member_hands` setting: "stack" or "inbox"."""
        return self.feed.hands

    @property
    def keepalive(self) -> float:
        """Seconds between keep-alive comments on an idle stream."""
        return self.feed.keepalive

    @property
    def streams(self) -> set[Stream]:
        """Open event streams."""
        return self.feed.streams

    # --- the public address -----------------------------------------------------------

    def join_url(self) -> str:
        """The address to share, with the code (what the QR code holds)."""
        base = self.public_url or self.address
        return f"{base}/?code={self.code}"

    @property
    def devices(self) -> int:
        """Devices with the page open now."""
        return len(self.feed.streams)

    # --- the app ------------------------------------------------------------------------

    def app(self) -> web.Application:
        """The aiohttp application (tests serve it on their own port)."""
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guard])
        add_routes(app, self.pages, self.feed, self.acts)
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
        self.feed.close_all()
        if self.runner is not None:
            runner, self.runner = self.runner, None
            await runner.cleanup()

    def changed(self) -> None:
        """The meeting changed: push the new view to every stream (once per loop turn)."""
        self.feed.changed()

    # --- guard: code, origin, limits, headers -------------------------------------------

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            response = await self.gate.checked(request, handler)
        except Refused as exc:
            response = exc.response
        except web.HTTPException as exc:  # aiohttp's own: 404, 405, a body over the limit
            response = error(http_refusal(exc.status, exc.reason), exc.status)
        except Exception:
            # Never a traceback to a device, and never a crash of the meeting for one;
            # but kept, and counted on the facilitator's status line, not swallowed.
            self.failures = [*self.failures[-19:], traceback.format_exc()]
            response = web.json_response({"error": _("Something went wrong.")}, status=500)
        if response.status >= 400:
            self.refused += 1
        if not response.prepared:
            response.headers.update(HEADERS)
        return response

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

    def release(self, name: str) -> bool:
        """Release a claim (the facilitator's key); the device must choose again."""
        lower_hand(self.host, name)
        done = self.claims.release(name)
        self.feed.forget_released()
        self.host.activity()
        self.changed()
        return done


__all__ = ["CSP", "HAND_KINDS", "MAX_BODY", "Host", "MembersServer", "Refused"]
