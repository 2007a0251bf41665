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

from dataclasses import replace

from textual.dom import DOMNode

from facilitator.i18n import _

__all__ = ["translate_bindings"]


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
