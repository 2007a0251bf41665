"""Who may reach the members' view, and as whom: the join code, claims, and rate limits.

- **The join code** is 20 characters from a 31-letter alphabet without look-alikes
  (about 99 bits, from `secrets`): enough for a public address, and still typeable from
  a projector ("k7m2q-…", dashes and case ignored).
- **A claim** ties one device to one roster name. The device keeps it as a cookie
  `DEVICE.NAME.MAC`, where MAC is an HMAC-SHA256 of the device id and the name under the
  meeting's secret, so a cookie cannot be forged or moved to another name; the server
  also remembers which device holds each name, so a released claim stops working at once.
- **Rate limits** are token buckets per device (or per address before a device has a
  claim), on an injected clock so that tests never sleep.

No I/O here beyond `secrets`; the server uses these (`session.py` checks them on every request).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
"""Join-code letters: no 0/o, 1/l/i, which read alike on a projector."""

CODE_LENGTH = 20
"""Letters in a join code: 20 * log2(31) ≈ 99 bits."""


def new_code() -> str:
    """A fresh join code, e.g. "k7m2q-x9w4e-…" (dashes only for reading)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, CODE_LENGTH, 5))


def normalize_code(typed: str) -> str:
    """A code as typed or scanned, without dashes, spaces or case."""
    return "".join(ch for ch in typed.lower() if ch.isalnum())[: CODE_LENGTH * 2]


def code_matches(typed: str, code: str) -> bool:
    """Whether `typed` is the join `code`, compared in constant time."""
    return hmac.compare_digest(normalize_code(typed).encode(), normalize_code(code).encode())


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _unb64(text: str) -> str | None:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None


@dataclass
class Claims:
    """Which device holds which roster name (one device per name, one name per device)."""

    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    """The meeting's secret: signs claim cookies."""
    holders: dict[str, str] = field(default_factory=dict)
    """Name (case-folded) -> the device id holding it."""
    names: dict[str, str] = field(default_factory=dict)
    """Device id -> the name as the roster spells it."""

    def _mac(self, device: str, name: str) -> str:
        msg = f"{device}\x00{name.casefold()}".encode()
        return hmac.new(self.secret, msg, hashlib.sha256).hexdigest()[:43]

    def claim(self, name: str, device: str | None = None) -> tuple[str, str] | None:
        """Give `name` to `device` (a new device when None): (device id, cookie value), or
        None when another device holds the name."""
        key = name.casefold()
        holder = self.holders.get(key)
        if holder is not None and holder != device:
            return None
        if device is None:
            device = secrets.token_urlsafe(16)
        old = self.names.get(device)
        if old is not None and old.casefold() != key:
            self.holders.pop(old.casefold(), None)
        self.holders[key] = device
        self.names[device] = name
        return device, f"{device}.{_b64(name)}.{self._mac(device, name)}"

    def verify(self, cookie: str | None) -> tuple[str, str] | None:
        """(device id, name) for a genuine cookie of a claim still held; else None."""
        if not cookie or len(cookie) > 512:
            return None
        parts = cookie.split(".")
        if len(parts) != 3:
            return None
        device, raw_name, mac = parts
        name = _unb64(raw_name)
        if name is None or not hmac.compare_digest(mac, self._mac(device, name)):
            return None
        if self.holders.get(name.casefold()) != device:
            return None  # released, or given to another device since
        return device, self.names.get(device, name)

    def release(self, name: str) -> bool:
        """Free a name (the facilitator's key, or the member leaving); whether it was held."""
        device = self.holders.pop(name.casefold(), None)
        if device is None:
            return False
        self.names.pop(device, None)
        return True

    def held(self) -> list[tuple[str, str]]:
        """(name, device id) of every claim, in the order they were made."""
        return [(name, device) for device, name in self.names.items()]


@dataclass
class Bucket:
    """One token bucket."""

    tokens: float
    """Tokens left."""
    at: float
    """When they were counted."""


@dataclass
class RateLimiter:
    """Token buckets by key: `burst` requests at once, then `rate` a second."""

    clock: Callable[[], float]
    """Monotonic seconds (injected: the tests drive it)."""
    burst: float = 20.0
    """Requests allowed at once."""
    rate: float = 2.0
    """Requests a second after the burst."""
    buckets: dict[str, Bucket] = field(default_factory=dict)
    """Key -> its bucket."""
    most: int = 10_000
    """Buckets kept at most; beyond, the oldest are dropped (a flood of new keys)."""

    def allow(self, key: str) -> bool:
        """Take one token for `key`; False when its bucket is empty."""
        now = self.clock()
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) >= self.most:
                for old in list(self.buckets)[: self.most // 10]:
                    del self.buckets[old]
            bucket = self.buckets[key] = Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + max(0.0, now - bucket.at) * self.rate)
        bucket.at = now
        if bucket.tokens < 1.0:
            return False
        bucket.tokens -= 1.0
        return True


__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "Claims",
    "RateLimiter",
    "code_matches",
    "new_code",
    "normalize_code",
]
