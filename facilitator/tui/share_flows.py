"""The run screen's shared-screen commands: the sharing toggle (⇧S) and the presentation view (⇧P).

`SharingActions` sits in `RunScreen`'s bases, as the other action mixins do, so the
screen file stays about layout and state. While `sharing` is on, every view the run
screen draws (and every picker it opens) goes through `view_model.shared_view`, the
one place the shared-screen rule is applied to what is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.tui.flows import MeetingActions
from facilitator.tui.view import MeetingView
from facilitator.tui.view_model import shared_view

if TYPE_CHECKING:
    from facilitator.tui.screens.presentation import PresentationScreen


class SharingActions(MeetingActions):
    """The sharing toggle and the presentation view, for the run screen."""

    sharing: bool = False
    """The screen is shared: confidential content is hidden (set from the settings at start)."""
    presentation: PresentationScreen | None = None
    """The presentation view while it is open."""

    def refresh_state(self) -> None:
        """Provided by RunScreen: rebuild and push the view."""
        raise NotImplementedError

    def shown_view(self, now: float) -> MeetingView:
        """The view at `now`, redacted when sharing."""
        view = self.meeting.view(now)
        return shared_view(view) if self.sharing else view

    def current_view(self) -> MeetingView:
        """As now shown: pickers opened while sharing name confidential items neutrally too."""
        return self.shown_view(self.meeting.now())

    def shared_notice(self, done: str) -> str:
        """What a command's confirmation may say on screen: while sharing or presenting, a
        confidential item's ("Chen Wu: concern") is only "Recorded." The toast is drawn over
        whatever screen is on top, the presentation view included."""
        item = getattr(self.meeting.state, "current_item", None)
        private = item is not None and bool(getattr(item, "confidential", False))
        return "Recorded." if private and (self.sharing or self.presentation) else done

    def action_toggle_sharing(self) -> None:
        """⇧S: sharing on or off."""
        self.sharing = not self.sharing
        self.refresh_state()
        if self.sharing:
            # Short: at 80x24 the toast covers the item log while it shows.
            message = "⧉ Sharing: confidential content is hidden on screen."
        else:
            message = "Not sharing: everything is shown, 🔒 marks what is confidential."
        self.notify(message, markup=False, timeout=4)

    def action_presentation(self) -> None:
        """⇧P: the presentation view; Escape or ⇧P comes back."""
        from facilitator.tui.screens.presentation import PresentationScreen

        if self.presentation is not None:
            return

        def closed(_: None) -> None:
            self.presentation = None

        self.presentation = PresentationScreen(self)  # type: ignore[arg-type]
        self.app.push_screen(self.presentation, closed)

    def show_presentation(self, view: MeetingView | None = None) -> None:
        """Push a change or a tick to the presentation view, when it is open."""
        if self.presentation is None:
            return
        now = self.meeting.now()
        self.presentation.show(view or self.meeting.view(now), self.meeting.state, now)
