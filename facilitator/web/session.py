"""Who may ask what: the join code and its cookie, the claim cookie, same-origin POSTs, and
the per-device rate limit; plus the plain refusals every route answers with.

Every route needs the join code, from `?code=` once (it then moves to a cookie, out of the
address bar and history), then the cookie. A device that holds a name has a signed claim
cookie (`access.Claims`). POSTs must come from the meeting's own page and are
rate-limited per device (or per address before a name is claimed).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

from facilitator.i18n import N_, _
from facilitator.web.access import Claims, RateLimiter, code_matches
from facilitator.web.static import Pages

CODE_COOKIE = "facilitator_code"
CLAIM_COOKIE = "facilitator_claim"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Refused(Exception):
    """A request refused with a plain message (raised by helpers, answered by the guard)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.response = error(message, status)
        """The answer to send."""


def error(message: str, status: int) -> web.Response:
    """A plain JSON error the page shows as it is."""
    return web.json_response({"error": message}, status=status)


_HTTP_REFUSALS = {
    404: N_("There is nothing at that address."),
    405: N_("That cannot be done at that address."),
    413: N_("That is too long."),
}
"""aiohttp's own refusals, said in the page's language (its reason phrases are English)."""


def http_refusal(status: int, reason: str) -> str:
    """aiohttp's refusal `status` in plain words (its own `reason` for the others)."""
    return _(_HTTP_REFUSALS[status]) if status in _HTTP_REFUSALS else reason


class Gate:
    """The join code, the cookies, the origin and the rate limit of one shared meeting."""

    def __init__(
        self,
        code: str,
        claims: Claims,
        limiter: RateLimiter,
        public_url: str | None,
        pages: Pages,
    ) -> None:
        self.code = code
        """The join code."""
        self.claims = claims
        """Who holds which name."""
        self.limiter = limiter
        """Per-device POST limits."""
        self.public_url = public_url
        """The address members use, when behind a reverse proxy (no trailing slash)."""
        self._pages = pages

    async def checked(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """`handler`'s answer, or the refusal of a request without the code, from another
        origin, or over the limit (the join page for a page asked for without the code)."""
        typed = request.query.get("code")
        cookie = request.cookies.get(CODE_COOKIE, "")
        if typed is not None and code_matches(typed, self.code):
            # The code moves to a cookie, and out of the address bar and history.
            return self._with_code_cookie(
                web.Response(status=303, headers={"Location": request.path}), request
            )
        if not code_matches(cookie, self.code):
            if request.method == "GET" and request.path in ("/", "/screen"):
                return self._pages.html("join.html", status=403)
            return error(_("The join code is missing or wrong."), 403)
        if request.method == "POST":
            if not self._same_origin(request):
                return error(_("Requests must come from the meeting's own page."), 403)
            key = self.device(request) or f"addr:{self._remote(request)}"
            if not self.limiter.allow(key):
                return error(_("Too many requests: wait a moment."), 429)
        return await handler(request)

    def _with_code_cookie(self, response: web.Response, request: web.Request) -> web.Response:
        response.set_cookie(
            CODE_COOKIE,
            self.code,
            httponly=True,
            samesite="Strict",
            secure=self.secure(request),
            path="/",
        )
        return response

    def set_claim_cookie(self, response: web.Response, token: str, request: web.Request) -> None:
        """Give the device that claimed a name its signed claim `token`."""
        response.set_cookie(
            CLAIM_COOKIE,
            token,
            httponly=True,
            samesite="Strict",
            secure=self.secure(request),
            path="/",
        )

    def secure(self, request: web.Request) -> bool:
        """Whether cookies must be HTTPS-only (served, or proxied, over HTTPS)."""
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

    def device(self, request: web.Request) -> str | None:
        """The device id of a request with a valid claim cookie (None: no name claimed)."""
        held = self.claims.verify(request.cookies.get(CLAIM_COOKIE))
        return held[0] if held else None

    def member(self, request: web.Request) -> tuple[str, str]:
        """The (device, name) of a request's claim; `Refused` when it has none."""
        held = self.claims.verify(request.cookies.get(CLAIM_COOKIE))
        if held is None:
            raise Refused(_("Choose your name first."), 403)
        return held


__all__ = ["CLAIM_COOKIE", "CODE_COOKIE", "Gate", "Refused", "error", "http_refusal"]
