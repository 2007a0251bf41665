"""Render minutes: TOML front matter for machines, then a Markdown body for people.

`render(state, private=...)` is pure and deterministic: the same meeting state
always gives the same bytes. The shared render (`private=False`) replaces each
confidential item and confidential conflict entry with one neutral line and
leaks nothing else about them; the private render holds everything.
"""

from __future__ import annotations

from dataclasses import replace

from facilitator.i18n import Translator, active, translator, using
from facilitator.store.minutes_body import body
from facilitator.store.minutes_frontmatter import front_matter
from facilitator.store.minutes_model import MinutesDoc, redact

__all__ = ["language_translator", "minutes_translator", "render_doc"]


def language_translator(language: str | None) -> Translator:
    """The translator for minutes in `language` (the agenda's), else the screen's."""
    return translator(language) if language else active()


def minutes_translator(doc: MinutesDoc) -> Translator:
    """The minutes' language: the agenda's `[meeting] language`, else the screen's."""
    return language_translator(doc.language)


def render_doc(doc: MinutesDoc, *, private: bool = False, tr: Translator | None = None) -> str:
    """The minutes text for a `MinutesDoc`: full when `private`, else redacted.

    The body is written with `tr` (default: `minutes_translator(doc)`); the front matter
    is English whatever the language, byte for byte.
    """
    shown = replace(doc, private=True) if private else redact(doc)
    with using(tr or minutes_translator(doc)):
        text = body(shown)
    return front_matter(shown) + "\n" + text
