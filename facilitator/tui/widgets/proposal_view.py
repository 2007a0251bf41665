"""The proposal text and notes in the current-item panel: as much as fits, never cut silently.

The run screen's CSS caps its height (fewer lines at 80×24). When the text is longer,
the last line shown ends in `… ⇧V reads it whole` (the `read-proposal` key), which opens
the text whole; nothing is ever clipped without that sign.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from facilitator.i18n import _
from facilitator.tui.commands import app_keymap, key_label

ELLIPSIS = "…"
"""Ends a text that goes on beyond what the panel shows."""


def fit_lines(lines: list[Text], height: int, width: int, hint: str) -> list[Text]:
    """At most `height` of the wrapped `lines`; when some are left out, the last shown
    ends in `…` and, if there is room, `hint` (the key that shows it whole)."""
    if height <= 0 or len(lines) <= height:
        return lines
    kept = [line.copy() for line in lines[:height]]
    last = kept[-1]
    last.rstrip()
    tail = f"{ELLIPSIS} {hint}" if len(hint) + 2 <= width // 2 else ELLIPSIS
    room = max(0, width - len(tail) - 1)
    if last.cell_len > room:
        last.truncate(room)
        last.rstrip()
    last.append(f" {tail}" if last.plain else tail, style="bold")
    return kept


class ProposalView(Widget):
    """Shows `text` (set with `show`) in the height the CSS gives it."""

    DEFAULT_CSS = """
    ProposalView {
        height: auto;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._text = Text()
        self.display = False
        self._wrapped: tuple[int, list[Text]] | None = None
        """The text wrapped at one width (wrapping is the costly part; it is reused)."""

    @property
    def text(self) -> Text:
        """What is shown (in full, before fitting)."""
        return self._text

    def show(self, text: Text) -> None:
        """Show `text`; redraws only when it changed."""
        if text == self._text:
            return
        self._text = text
        self._wrapped = None
        self.display = bool(text)
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        if self._wrapped is None or self._wrapped[0] != width:
            lines = list(self._text.wrap(self.app.console, max(1, width))) if self._text else []
            self._wrapped = (width, lines)
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        width, height = self.content_size
        hint = _("{key} reads it whole").format(key=key_label("read-proposal", app_keymap(self)))
        return Text("\n").join(fit_lines(self._lines(width), height, width, hint))
