"""The members' page files and the headers sent with every response.

The HTML pages (`index.html`, `join.html`) are rendered once per screen language
(`web/page_text.py` fills their words); the scripts and the stylesheet are served as
they are. Every file is read from the package once and kept.
"""

from __future__ import annotations

from importlib import resources

from aiohttp import web

from facilitator.i18n import screen_language, translator
from facilitator.web.page_text import render_page

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
"""Security headers on every response: a strict Content-Security-Policy (no inline script or
style, nothing from elsewhere), no referrer (the code is in the join URL), no caching, no
framing."""

ASSETS = {
    "/app.js": ("app.js", "text/javascript"),
    "/dots.js": ("dots.js", "text/javascript"),
    "/i18n.js": ("i18n.js", "text/javascript"),
    "/decide.js": ("decide.js", "text/javascript"),
    "/app.css": ("app.css", "text/css"),
}
"""The served address of each script and stylesheet: its file in `static/`, its type."""


class Pages:
    """The page and asset files, read once, and the pages rendered once per language."""

    def __init__(self) -> None:
        self._files: dict[str, bytes] = {}
        self._pages: dict[tuple[str, str], bytes] = {}

    def file(self, name: str) -> bytes:
        """The bytes of `static/<name>`."""
        data = self._files.get(name)
        if data is None:
            data = resources.files("facilitator.web").joinpath("static", name).read_bytes()
            self._files[name] = data
        return data

    def rendered(self, name: str) -> bytes:
        """A page's HTML (`index.html`, or `join.html` that asks for the code) in the
        screen's language now, made once per language."""
        lang = screen_language()
        page = self._pages.get((name, lang))
        if page is None:
            template = self.file(name).decode("utf-8")
            page = render_page(template, translator(lang), lang).encode("utf-8")
            self._pages[(name, lang)] = page
        return page

    def html(self, name: str, status: int = 200) -> web.Response:
        """`rendered(name)` as a response."""
        return web.Response(
            body=self.rendered(name), content_type="text/html", charset="utf-8", status=status
        )

    async def page(self, request: web.Request) -> web.StreamResponse:
        """`GET /` and `GET /screen`: the same HTML (the script reads the path)."""
        return self.html("index.html")

    async def asset(self, request: web.Request) -> web.StreamResponse:
        """`GET /app.js` and the other files of `ASSETS`."""
        name, kind = ASSETS[request.path]
        return web.Response(body=self.file(name), content_type=kind, charset="utf-8")


__all__ = ["ASSETS", "CSP", "HEADERS", "Pages"]
