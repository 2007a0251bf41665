"""What a process declares for the agenda, light enough for `facilitator check` (issue 12):
`ProcessKeys` (its name, kinds, agenda-keys model and the rules across them, from its
`keys.py`), and the marked-message helpers (`mark`, `Labels`) its light modules use.
`unit.py` re-exports all of it, beside the whole `Process`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from facilitator.i18n import _, pgettext

if TYPE_CHECKING:
    from pydantic import BaseModel

KeyPath = tuple[str | int, ...]
"""A key path inside an agenda item (`("motion",)`), as the loader locates errors."""
ItemRules = Callable[[Mapping[str, Any]], list[tuple[KeyPath, str]]]
"""Rules spanning an item's keys, on its raw (or validated) mapping: (key path, message)."""


class _Mark:
    """Marks a module-level message with its context, for extraction only: Babel reads
    `mark.pgettext("stage", "Consent round")` as it reads `pgettext`, and the text stays
    English until it is shown, where it is translated with the same context (as `N_` does
    for a message with no context)."""

    @staticmethod
    def pgettext(context: str, message: str) -> str:
        """`message`, untouched (`context` is for the extractor and the translator)."""
        return message


mark = _Mark()
"""`mark.pgettext(context, message)`: see `_Mark`."""


class Labels(Mapping[str, str]):
    """A module-level table of marked messages (key -> English), read in the language in
    force each time a value is read: `pgettext(context, …)` with a context (marked with
    `mark.pgettext` and the same context), else `_()` (marked with `N_`)."""

    def __init__(self, context: str | None, labels: Mapping[str, str]) -> None:
        self._context = context
        self._labels = dict(labels)

    def __getitem__(self, key: str) -> str:
        english = self._labels[key]
        if not english:
            return ""
        return pgettext(self._context, english) if self._context else _(english)

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)


def _no_issues(_: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    return []


@dataclass(frozen=True)
class ProcessKeys:
    """What `check` and the agenda loader need of a process, declared in its light `keys.py`
    (which imports none of its decide, fold or minutes): its name, kinds, agenda keys and the
    rules across them. Its `model.py` builds its `Process` from the same objects."""

    name: str
    """As `Process.name`."""
    kinds: tuple[str, ...]
    """As `Process.kinds`."""
    agenda_keys: type[BaseModel] | None = None
    """As `Process.agenda_keys`."""
    item_rules: ItemRules = _no_issues
    """As `Process.item_rules`."""
