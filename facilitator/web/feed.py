"""The members' page state: what every open page is sent, and the streams that carry it.

`GET /events` is a Server-Sent Events stream: the public view (`core.public_view`) on
connect and after every change, plus what concerns this device ("you"). A browser's
EventSource reconnects by itself after sleep or a network change and gets the current
state at once, so a reconnect is silent. `GET /state` is the same as one JSON object.
The view is built once per change and shared by every stream.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from aiohttp import web

from facilitator.core.public_view import public_view
from facilitator.core.state import MeetingState
from facilitator.i18n import _
from facilitator.processes.dot_vote import model as dot_vote
from facilitator.web.access import Claims
from facilitator.web.host import Host
from facilitator.web.session import error
from facilitator.web.static import HEADERS

MAX_STREAMS = 500
"""Event streams open at once, at most (a flood of connections cannot exhaust the process)."""


class Stream:
    """One open event stream: the device it is for, and a wake-up."""

    def __init__(self, device: str | None) -> None:
        self.device = device
        self.wake = asyncio.Event()


class Feed:
    """The view sent to the members' pages, and their open streams."""

    def __init__(
        self,
        host: Host,
        claims: Claims,
        hands: str,
        keepalive: float,
        device: Callable[[web.Request], str | None],
    ) -> None:
        self.host = host
        self.claims = claims
        self.hands = hands
        """"stack" or "inbox" (the `member_hands` setting), sent with the view."""
        self.keepalive = keepalive
        """Seconds between keep-alive comments on an idle stream (proxies close silent ones)."""
        self.streams: set[Stream] = set()
        """Open event streams."""
        self._device = device
        self._message = b""
        self._dirty = True
        self._flush_scheduled = False

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

    def close_all(self) -> None:
        """End every stream (the server is stopping)."""
        streams = list(self.streams)
        self.streams.clear()
        for stream in streams:
            stream.wake.set()

    def forget_released(self) -> None:
        """Streams of devices whose claim was released see the meeting as a visitor."""
        for stream in self.streams:
            if stream.device is not None and stream.device not in self.claims.names:
                stream.device = None

    # --- what is sent -------------------------------------------------------------------

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

    def payload(self, device: str | None) -> bytes:
        """The message for `device`'s page: the clock, the public view, and "you"."""
        you = json.dumps(self._you(device), ensure_ascii=False, separators=(",", ":")).encode()
        # `now` is read for every message: the view is cached between changes, and a page
        # sets its clocks from the reading that came with what it received.
        now = json.dumps(self.host.now()).encode()
        return b'{"now":' + now + b',"view":' + self._view_json() + b',"you":' + you + b"}"

    # --- the routes -----------------------------------------------------------------------

    async def state(self, request: web.Request) -> web.StreamResponse:
        """`GET /state`: one message as JSON."""
        return web.Response(
            body=self.payload(self._device(request)), content_type="application/json"
        )

    async def events(self, request: web.Request) -> web.StreamResponse:
        """`GET /events`: the stream of messages, until the device goes or the server stops."""
        if len(self.streams) >= MAX_STREAMS:
            return error(_("Too many devices are connected."), 503)
        response = web.StreamResponse(
            headers={
                **HEADERS,
                "Content-Type": "text/event-stream",
                "X-Accel-Buffering": "no",
            }
        )
        await response.prepare(request)
        stream = Stream(self._device(request))
        self.streams.add(stream)
        self.host.activity()
        try:
            # A reconnecting browser waits 2 s (not its default 3 s, and never a reload).
            await response.write(b"retry: 2000\n\n")
            send = True
            while stream in self.streams:
                if send:
                    stream.wake.clear()
                    await response.write(b"data: " + self.payload(stream.device) + b"\n\n")
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


__all__ = ["MAX_STREAMS", "Feed", "Stream", "dots_of"]
