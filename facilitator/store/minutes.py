"""Render minutes: TOML front matter for machines, then a Markdown body for people.

`render(state, private=...)` is pure and deterministic: the same meeting state
always gives the same bytes. The shared render (`private=False`) replaces each
confidential item and confidential conflict entry with one neutral line and
leaks nothing else about them; the private render holds everything.
"""

from __future__ import annotations

from dataclasses import replace

from facilitator.store.minutes_body import body
from facilitator.store.minutes_frontmatter import front_matter
from facilitator.store.minutes_model import MinutesDoc, redact

__all__ = ["render_doc"]


def render_doc(doc: MinutesDoc, *, private: bool = False) -> str:
    """The minutes text for a `MinutesDoc`: full when `private`, else redacted."""
    shown = replace(doc, private=True) if private else redact(doc)
    return front_matter(shown) + "\n" + body(shown)
