"""The members' view from the facilitator's side: `Sharing` runs the server, `ShareScreen`
shows the join address and its QR code, who joined as whom, and the inbox.

`Sharing` is the server's `Host`: a member's act becomes `meeting.do(command,
device=…)`, exactly as a key would, and the run screen redraws. The server runs as a
Textual worker (an asyncio task in the app's loop); cancelling it (sharing off, or the
app exiting) closes every connection and the port.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from facilitator.i18n import N_, _, ngettext
from facilitator.tui.meeting import MeetingError, StorageProblem
from facilitator.tui.screens.modal import Modal
from facilitator.tui.widgets.stack_panel import kind_label
from facilitator.web.access import Claims
from facilitator.web.options import ShareOptions
from facilitator.web.server import MembersServer

if TYPE_CHECKING:
    from textual.app import App

    from facilitator.core.state import MeetingState
    from facilitator.tui.live import JournalledMeeting


class Sharing:
    """One meeting shared with members' devices, for as long as the app runs it."""

    def __init__(
        self, app: App[Any], meeting: JournalledMeeting, options: ShareOptions, hands: str
    ) -> None:
        self.app = app
        """The running app."""
        self.meeting = meeting
        """The live meeting (the only writer of the journal)."""
        self.options = options
        """Where to serve."""
        code, claims = self._restore()
        self.server = MembersServer(
            self, code=code, claims=claims, hands=hands, public_url=options.public_url
        )
        """The web side."""
        self._saved: dict[str, Any] | None = None
        self.worker: Worker[None] | None = None
        """The serving task, while on."""
        self.running = False
        """Serving now (the port is open)."""
        meeting.listeners.append(self.server.changed)

    # --- the code and claims, kept across resume ---------------------------------------

    def _file(self) -> Any:
        from facilitator.store.share_file import share_path

        journal = getattr(getattr(self.meeting, "journal", None), "path", None)
        return share_path(journal) if journal is not None else None

    def _restore(self) -> tuple[str | None, Claims | None]:
        from facilitator.store.share_file import load_share

        path = self._file()
        data = load_share(path) if path is not None else None
        try:
            if data is None:
                return None, None
            names = {str(d): str(n) for d, n in data["claims"].items()}
            claims = Claims(
                secret=bytes.fromhex(data["secret"]),
                holders={n.casefold(): d for d, n in names.items()},
                names=names,
            )
            return str(data["code"]), claims
        except (KeyError, ValueError, TypeError, AttributeError):
            return None, None  # a damaged file: a fresh code

    def _save(self) -> None:
        from facilitator.store.share_file import save_share

        claims = self.server.claims
        data = {
            "code": self.server.code,
            "secret": claims.secret.hex(),
            "claims": dict(claims.names),
        }
        path = self._file()
        if path is None or data == self._saved:
            return
        try:
            save_share(path, data)
            self._saved = data
        except OSError:
            pass  # only a resume would miss it: members then scan the new code

    # --- Host -------------------------------------------------------------------------

    def state(self) -> MeetingState:
        """The engine state."""
        state: MeetingState = self.meeting.state
        return state

    def now(self) -> float:
        """The meeting clock."""
        return self.meeting.now()

    def submit(self, command: Any, device: str) -> str | None:
        """A member's act, through the same path as a key; None when recorded."""
        try:
            self.meeting.do(command, device=device)
        except MeetingError as exc:
            return str(exc)
        except StorageProblem as exc:
            screen = self._run_screen()
            if screen is not None:
                screen.show_storage_error(str(exc))
            return (
                _("Not saved: the facilitator's computer could not record it. Tell the facilitator.")
            )
        screen = self._run_screen()
        if screen is not None:
            screen.hide_storage_error()
            screen.show_warnings()
            screen.refresh_state()
        return None

    def activity(self) -> None:
        """Devices, claims or the inbox changed: redraw the status line and this window."""
        self._save()
        if not self.app.is_running or not self.app.screen_stack:
            return  # streams closing as the app exits
        screen = self._run_screen()
        if screen is not None:
            from facilitator.tui.widgets.status_line import StatusLine

            for line in screen.query(StatusLine):
                line.share = self.status()
        if isinstance(self.app.screen, ShareScreen):
            self.app.screen.refresh_lists()

    # --- on and off ---------------------------------------------------------------------

    def start(self) -> None:
        """Start serving (a worker in the app's loop)."""
        if self.worker is None:
            self.worker = self.app.run_worker(
                self._serve(), name="members-view", group="members-view", exit_on_error=False
            )

    def stop(self) -> None:
        """Turn sharing off: every device is disconnected, and the port closed."""
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.cancel()

    async def _serve(self) -> None:
        host, port = self.options.host, self.options.port
        try:
            await self.server.start(host, port)
        except OSError as exc:
            self.worker = None
            self.app.notify(
                _(
                    "The members' view could not start on {address}: {reason}. "
                    "Try another port with --bind, e.g. --bind 127.0.0.1:8766."
                ).format(address=f"{host}:{port}", reason=exc.strerror or exc),
                title=_("Members' view not started"),
                severity="error",
                timeout=20,
                markup=False,
            )
            return
        self.running = True
        self.activity()
        self.app.notify(
            _("Members' view: {url}  (⇧U shows its QR code)").format(url=self.server.join_url()),
            timeout=10,
            markup=False,
        )
        try:
            await asyncio.Event().wait()  # until cancelled: sharing off, or the app exits
        finally:
            self.running = False
            await self.server.stop()
            self.activity()

    def status(self) -> str:
        """The status line's part: devices, and hands waiting to be accepted."""
        if not self.running:
            return _("members' view off")
        n = self.server.devices
        text = ngettext("{n} device", "{n} devices", n).format(n=n)
        waiting = len(self.meeting.state.hands)
        if waiting:
            text += " · " + ngettext(
                "{n} hand to accept (⇧H)", "{n} hands to accept (⇧H)", waiting
            ).format(n=waiting)
        failed = len(self.server.failures)
        if failed:
            text += " · " + ngettext("{n} server error", "{n} server errors", failed).format(
                n=failed
            )
        return text

    def accept_hand(self) -> None:
        """⇧H: the oldest hand in the inbox joins the stack."""
        said = self.server.accept_hand()
        self.app.notify(said or _("No hands are waiting in the inbox."), markup=False, timeout=4)

    def _run_screen(self) -> Any:
        from facilitator.tui.screens.run_screen import RunScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, RunScreen):
                return screen
        return None


class ShareScreen(Modal[None]):
    """⇧U: the join address and its QR code, who joined as whom, and the inbox."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="share-close"),
        Binding("r", "release", N_("Release claim"), id="share-release"),
        Binding("a", "accept", N_("Accept hand"), id="share-accept"),
        Binding("o", "switch", N_("Sharing on/off"), id="share-toggle"),
    ]

    DEFAULT_CSS = """
    #share-box { width: auto; max-width: 100%; height: auto; max-height: 100%; }
    #share-qr { width: auto; }
    #share-claims { height: auto; max-height: 8; }
    """

    def __init__(self, members_view: Sharing) -> None:
        super().__init__(id="share-screen")
        self.members_view = members_view
        """The shared meeting."""

    def compose(self) -> ComposeResult:
        with Vertical(id="share-box", classes="modal-box"):
            yield Static(id="share-address")
            yield Static(id="share-qr")
            yield Static(id="share-devices")
            yield OptionList(id="share-claims")
            yield Static(
                Text(
                    _("r releases the highlighted claim · a accepts the oldest hand · "
                    "o turns the members' view off or on · Escape closes")
                ),
                id="share-help",
            )
            yield Button(_("Close") + " (Escape)", id="share-close")

    def on_mount(self) -> None:
        self.refresh_lists()
        self.query_one("#share-claims", OptionList).focus()

    def refresh_lists(self) -> None:
        """Redraw from the server's state (called on every change of devices or claims)."""
        from facilitator.web.qr import qr_lines

        server = self.members_view.server
        address = self.query_one("#share-address", Static)
        qr = self.query_one("#share-qr", Static)
        if self.members_view.running:
            url = server.join_url()
            address.update(
                Text.assemble(
                    (_("Members join at") + "  ", "bold"), url, "\n" + _("join code") + "  ", server.code
                )
            )
            # Dark modules on light, whatever the theme: phones read that way round best.
            qr.update(Text("\n".join(qr_lines(url)), style="black on white"))
            qr.display = True
        else:
            address.update(Text(_("Sharing is off. Press o to share again."), style="bold"))
            qr.display = False
        inbox = self.members_view.meeting.state.hands
        self.query_one("#share-devices", Static).update(
            Text(
                f"{self.members_view.status()} · "
                + _("hands:")
                + " "
                + (
                    _("wait here for a (inbox)")
                    if server.hands == "inbox"
                    else _("join the stack at once")
                )
                + (
                    " · "
                    + _("waiting: {names}").format(
                        names=", ".join(f"{h.name} ({kind_label(h.kind)})" for h in inbox)
                    )
                    if inbox
                    else ""
                )
            )
        )
        claims = self.query_one("#share-claims", OptionList)
        highlighted = claims.highlighted
        claims.clear_options()
        held = server.claims.held()
        if held:
            claims.add_options(
                [
                    Option(Text(_("{name} — joined from a device").format(name=name)), id=name)
                    for name, _device in held
                ]
            )
            claims.highlighted = min(highlighted or 0, len(held) - 1)
        else:
            claims.add_option(Option(Text(_("Nobody has joined yet.")), id="", disabled=True))

    def action_release(self) -> None:
        """Free the highlighted name: its device must choose again."""
        claims = self.query_one("#share-claims", OptionList)
        if claims.highlighted is None:
            return
        name = claims.get_option_at_index(claims.highlighted).id
        if name and self.members_view.server.release(name):
            said = _("{name} is free: that device must choose a name again.").format(name=name)
            self.notify(said, markup=False)
        self.refresh_lists()

    def action_accept(self) -> None:
        """Accept the oldest hand in the inbox."""
        self.members_view.accept_hand()
        self.refresh_lists()

    def action_switch(self) -> None:
        """Sharing off (asks first) or on again."""
        if not self.members_view.running:
            self.members_view.start()
            return
        from facilitator.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.members_view.stop()

        self.app.push_screen(
            ConfirmScreen(
                _("Turn the members' view off? Every member's device is disconnected; o here turns it on "
                "again with the same join code."),
                yes=_("Turn off"),
                no=_("Keep it on"),
            ),
            answered,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
