"""The run screen's Footer: Textual's, rebuilt only when what it shows has changed.

Textual's Footer recomposes (every key, ~30 here, each styled anew) whenever the screen
says its bindings were updated, which it says on every mount and focus change whether
or not a key changed: around the first frame of a resumed meeting it rebuilt four
times with the same keys (issue 12). This one compares what it would show with what it
shows, and recomposes only on a difference: a key, its label or display, enabled or
not, its tooltip, its group, the palette's key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

Shown = tuple[object, ...]
"""What the Footer shows, comparable (see `MeetingFooter.shown`)."""


class MeetingFooter(Footer):
    """A Footer that skips a recompose which would show the same keys."""

    composed = 0
    """How many times it composed (a count for tests: work done, not time)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._shown: Shown | None = None

    def shown(self) -> Shown | None:
        """Everything `Footer.compose` reads, as a tuple; None before the bindings are ready."""
        if not self._bindings_ready:
            return None
        app = self.app
        keys = tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
                None
                if binding.group is None
                else (binding.group.description, binding.group.compact),
            )
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        palette: object = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, tooltip = found
                display = app.get_key_display(binding)
                palette = (binding.key, display, binding.description, enabled, tooltip)
        return (keys, palette, self.compact)

    def compose(self) -> ComposeResult:
        self._shown = self.shown()
        self.composed += 1
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self.shown() != self._shown:
            await self.recompose()
