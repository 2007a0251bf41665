"""What forms and pickers are given, without their widgets: `Field` (one input of a form),
the cleaners that turn typed text into a value, and `Choice` (one thing a picker offers).

The run screen's widgets build fields and choices, and the first frame imports them, so
they live here, apart from `screens/forms.py` (Input, TextArea) and `screens/picker.py`
(Input, OptionList, the fuzzy matcher), which load on first use or in the warm-up after
the first frame (issue 12). Both screens re-export what they take from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from facilitator.i18n import _

Cleaner = Callable[[str], Any]
"""Turns the typed text into a value, or raises ValueError with a plain message."""


@dataclass(frozen=True)
class Field:
    """One input in a form."""

    name: str
    """Key in the result dict (also the widget id suffix: kebab-case)."""
    label: str
    """Shown above the input."""
    clean: Cleaner | None = None
    """Validation; None keeps the text (stripped)."""
    required: bool = True
    """An empty value is refused with "… is needed"."""
    placeholder: str = ""
    """Hint inside the empty input."""
    suggestions: Sequence[str] = ()
    """Completions offered as you type (names)."""
    value: str = ""
    """Initial text."""
    multiline: bool = False
    """A text area (Enter is a new line; ctrl+s saves): proposals keep their paragraphs."""


class NeedsConfirmation(Exception):
    """A value the form keeps only once the facilitator confirms it (e.g. a name not listed)."""

    def __init__(self, question: str, value: Any) -> None:
        super().__init__(question)
        self.question = question
        """Asked before keeping the value (Cancel is the default)."""
        self.value = value
        """What the field gives if the facilitator says yes."""


def person_cleaner(names: Sequence[str], *, free_text: bool = False) -> Cleaner:
    """Accept a participant's name, case-insensitively, returning it as the agenda spells it.

    With `free_text`, another name (a group, someone not on the agenda) is kept only
    after the facilitator confirms it: "Efua" must not silently stand beside "Efua Mensah".
    """
    folded = {n.casefold(): n for n in names}

    def clean(text: str) -> str:
        found = folded.get(text.strip().casefold())
        if found is not None:
            return found
        if free_text:
            raise NeedsConfirmation(
                _(
                    '"{name}" is not a participant. Keep it as written '
                    "(a group, or someone not on the agenda)?"
                ).format(name=text.strip()),
                text.strip(),
            )
        raise ValueError(
            _('"{name}" is not a participant; Tab completes a name').format(name=text.strip())
        )

    return clean


def minutes_cleaner(text: str) -> int:
    """Whole minutes (1–240) as seconds."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(_("write whole minutes, like 5")) from None
    if not 1 <= value <= 240:
        raise ValueError(_("between 1 and 240 minutes"))
    return value * 60


def choice_cleaner(options: Sequence[str], words: Mapping[str, str] | None = None) -> Cleaner:
    """Accept one of `options` (case-insensitive, a unique prefix is enough), or the word
    `words` says for it on screen (a Spanish screen takes "trabajo" for "work")."""
    said = {o: (words or {}).get(o, o) for o in options}

    def clean(text: str) -> str:
        t = text.strip().casefold()
        hits = [o for o in options if t in (o.casefold(), said[o].casefold())] or [
            o for o in options if o.casefold().startswith(t) or said[o].casefold().startswith(t)
        ]
        if t and len(hits) == 1:
            return hits[0]
        raise ValueError(_("one of: {choices}").format(choices=", ".join(said.values())))

    return clean


def yes_no_cleaner(text: str) -> bool:
    """y/yes/n/no (empty is no); a Spanish screen's s/sí/si too."""
    t = text.strip().casefold()
    if t in ("", "n", "no"):
        return False
    if t in ("y", "yes", "s", "si", "sí"):
        return True
    raise ValueError(_("answer y or n"))


def completion(value: str, suggestions: Sequence[str]) -> str | None:
    """The completion the Input shows for `value`: the first suggestion it starts (any case)."""
    # The same rule as SuggestFromList(case_sensitive=False), computed here and now: the
    # Input's own suggestion arrives from a worker, maybe after a fast Enter.
    if not value:
        return None
    folded = value.casefold()
    return next((s for s in suggestions if s.casefold().startswith(folded)), None)


@dataclass(frozen=True)
class Choice:
    """One thing that can be picked."""

    value: str
    """Returned on dismiss (a name or an item id)."""
    label: str
    """Shown and matched against (free text: shown literally)."""
    hint: str = ""
    """Shown dimmed after the label (role, status …)."""
    key: str = ""
    """Quick key, shown in brackets."""
