"""How `run --share` serves: the address to bind, and the address members use.

`parse_bind("0.0.0.0:9000")` reads `--bind`; `is_local(host)` says whether only this
computer can reach it (the default), so anything else is confirmed first.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from facilitator.i18n import _

DEFAULT_HOST = "127.0.0.1"
"""Bound unless `--bind` says otherwise: only this computer can reach it."""

DEFAULT_PORT = 8765
"""The default port."""


class ShareOptionError(ValueError):
    """A `--bind` or `--public-url` that cannot be used; the message is plain."""


@dataclass(frozen=True)
class ShareOptions:
    """Where to serve the members' view."""

    host: str = DEFAULT_HOST
    """The address to bind."""
    port: int = DEFAULT_PORT
    """The port (0: any free port)."""
    public_url: str | None = None
    """What members type or scan when it runs behind a reverse proxy ("https://meet.example.org")."""


def parse_bind(text: str) -> tuple[str, int]:
    """HOST, HOST:PORT, :PORT or [IPv6]:PORT -> (host, port)."""
    text = text.strip()
    host, port = text, str(DEFAULT_PORT)
    if text.startswith("["):
        inside, _sep, rest = text[1:].partition("]")
        host, port = inside, rest.removeprefix(":") or port
    elif text.count(":") == 1:
        host, port = text.split(":")
    host = host or DEFAULT_HOST
    if not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ShareOptionError(
            _("--bind {value}: the port must be a number from 0 to 65535").format(value=text)
        )
    return host, int(port)


def check_public_url(url: str) -> str:
    """The public URL without a trailing slash; ShareOptionError unless http(s)://host."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise ShareOptionError(
            _(
                "--public-url {url}: give the address members open, e.g. https://meet.example.org"
            ).format(url=url)
        )
    return url.strip().rstrip("/")


def is_local(host: str) -> bool:
    """Whether only this computer can reach an address bound on `host`."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "ShareOptionError",
    "ShareOptions",
    "check_public_url",
    "is_local",
    "parse_bind",
]
