"""The run screen's Footer: Textual's, rebuilt only when what it shows has changed.

Textual's Footer recomposes (every key, ~30 here, each styled anew) whenever the screen
says its bindings were updated, which it says on every mount and focus change whether
or not a key changed: around the first frame of a resumed meeting it rebuilt four
times with the same keys (issue 12). This one compares what it would show with what it
shows, and recomposes only on a difference: a key, its label or display, enabled or
not, its tooltip, its group, the palette's key.

It also shows only the keys that fit whole: Textual's Footer clips the row at the palette
key, which cut the last key mid-word at 80 and 100 columns ("space Paus▏"). The keys are
in order (the current panel's first), so the ones left out are the last; the help key
(F1), which lists them all, is always shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

HELP_KEY = "f1"
"""The help key's binding (`tui/commands.py`), kept on the footer at every width."""

Shown = tuple[object, ...]
"""What the Footer shows, comparable (see `MeetingFooter.shown`)."""


class MeetingFooter(Footer):
    """A Footer that skips a recompose which would show the same keys."""

    composed = 0
    """How many times it composed (a count for tests: work done, not time)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._shown: Shown | None = None
        self._widths: list[int] | None = None
        """Each key's width with all shown, measured after a compose (see `_fit`)."""

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
        self._widths = None
        yield from super().compose()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self._fit(0)

    def _fit(self, tries: int = 4) -> None:
        """Hide the keys past the first that does not fit whole before the palette key,
        keeping the help key (F1), which says the rest, always.

        Each key's width is measured once, with every key shown (auto widths do not depend
        on the footer's), so a wider window brings the hidden ones back.
        """
        if not self.is_attached:
            return
        row = [c for c in self.children if not c.has_class("-command-palette")]
        if self._widths is None:
            rights = [c.virtual_region.right for c in row]
            if not all(c.display for c in row) or (row and min(rights) <= 0):
                if tries:  # not laid out yet: measure after the next refresh
                    self.call_after_refresh(self._fit, tries - 1)
                return
            self._widths = [r - left for r, left in zip(rights, [0, *rights], strict=False)]
        palette = [c for c in self.children if c.has_class("-command-palette")]
        pinned = [getattr(c, "key", None) == HELP_KEY for c in row]
        room = self.size.width - sum(c.outer_size.width for c in palette)
        room -= sum(w for w, pin in zip(self._widths, pinned, strict=False) if pin)
        fits = True
        for child, width, pin in zip(row, self._widths, pinned, strict=False):
            if not pin:
                room -= width
                fits = fits and room >= 0
            if child.display != (fits or pin):
                child.display = fits or pin

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self.shown() != self._shown:
            await self.recompose()
