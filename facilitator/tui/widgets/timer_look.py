"""The timer line's paused look: inline styles on the line, not a CSS class.

Issue 12: space pauses and resumes, and the paused look (muted, italic) was the
`-paused` class. A class change runs the stylesheet over the node again, about half of
what the item panel did on the key. The same declarations set as inline styles draw
the same cells (checked against the class, `tests/test_timer_look.py`) and restyle
nothing. The warning classes (`-warn`, `-over`) stay classes: they change once or
twice an item.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from textual.css.parse import parse_declarations
from textual.widget import Widget

PAUSED = "color: {muted}; text-style: italic;"
"""The paused look, in Textual CSS; `{muted}` is the theme's `$text-muted`."""


@lru_cache(maxsize=8)
def _rules(muted: str) -> tuple[tuple[str, Any], ...]:
    declared = parse_declarations(PAUSED.format(muted=muted), ("timer_look", ""))
    return tuple(declared.get_rules().items())


def show_paused(widget: Widget, paused: bool) -> None:
    """Give `widget` the paused look, or take it away (back to what its CSS says)."""
    # Through the style properties, as `widget.styles.color = ...` would: they repaint
    # the widget, and None clears the inline rule.
    for name, value in _rules(widget.app.theme_variables.get("text-muted", "auto 60%")):
        setattr(widget.styles, name, value if paused else None)
