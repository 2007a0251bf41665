"""Bindings in the screen's language: the one step a Textual screen needs for its Footer.

Textual has no translation layer. Bindings are declared on the class (so at import time,
before `cli.main` has chosen a language) with English labels marked `N_`; each instance
gets its own copy of the class's bindings, and `translate_bindings(self)` in `__init__`
replaces that copy's labels and tooltips with the screen's words. The class stays English,
so a test can build the same screen in two languages in one process.

The review app uses it now; the run screen's widgets call it the same way once their
strings are marked (see docs/translating.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from textual.app import SystemCommand
from textual.dom import DOMNode

from facilitator.i18n import N_, _

__all__ = ["PALETTE_PLACEHOLDER", "TEXTUAL_WORDS", "translate_bindings", "translated_commands"]

PALETTE_PLACEHOLDER = N_("Search for commands…")
"""The command palette's prompt (Textual's own words; an app passes ours to CommandPalette)."""

TEXTUAL_WORDS = (
    # Textual's own words a user meets: the palette binding's label and tooltip, and the
    # system commands of the palette. The msgids are exactly Textual 8's.
    N_("palette"),
    N_("Open the command palette"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Textual's built-in strings, listed so `pybabel extract` puts them in our catalog."""


def translated_commands(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's system commands (for `App.get_system_commands`) in the language in force."""
    for command in commands:
        yield command._replace(title=_(command.title), help=_(command.help))


def translate_bindings(node: DOMNode) -> None:
    """Say `node`'s own binding labels and tooltips in the language in force."""
    # `_bindings` is the instance's copy of the merged class bindings (textual.dom); a key
    # remapping applied later replaces keys by binding id and keeps these descriptions.
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(
                b,
                description=_(b.description) if b.description else b.description,
                tooltip=_(b.tooltip) if b.tooltip else b.tooltip,
            )
            for b in bindings
        ]
