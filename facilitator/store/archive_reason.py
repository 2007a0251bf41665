"""Why a minutes file was skipped, kept in the archive index in no language at all.

The index is a cache shared by every run over a minutes folder, whatever language each
run speaks: a Spanish `review` and an English `decisions` read the same rows. So a
reason is stored as its English message id (the text marked with `N_` where it is made)
and its values, as JSON in `files.problem`, and translated each time it is shown
(`str(reason)`), in the language in force then. A value may itself be a reason ("should
be {want}": *a whole number*), translated with it; any other value (a path, tomllib's or
the operating system's own words) is shown as it is.

Stdlib only (with `facilitator.i18n`, which is too): this is on the fast path of
`facilitator decisions`.
"""

from __future__ import annotations

import json

from facilitator.i18n import _
from facilitator.store.fast_tuple import NamedTuple

__all__ = ["Reason"]


class Reason(NamedTuple):
    """A skipped file's reason: an English message id and the values it is formatted with."""

    message: str
    """The English text, with `{name}` placeholders (marked for translation where made)."""
    values: tuple[tuple[str, str | int | Reason], ...] = ()
    """(placeholder, value) pairs; a `Reason` value is translated too."""

    def __str__(self) -> str:
        """The reason in the language in force now."""
        said = {k: str(v) if isinstance(v, Reason) else v for k, v in self.values}
        try:
            return _(self.message).format(**said)
        except (KeyError, IndexError, ValueError):
            # A catalog or a hand-edited index that does not fit: the English still does.
            try:
                return self.message.format(**said)
            except (KeyError, IndexError, ValueError):
                return self.message

    def to_text(self) -> str:
        """The reason as the index keeps it (JSON, no language)."""
        return json.dumps(_plain(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_text(cls, text: str) -> Reason:
        """A reason read back from the index. Text that is not one (an index written before
        reasons were kept this way: it is rebuilt, see `SCHEMA_VERSION`) is shown as it is."""
        try:
            found = _from_plain(json.loads(text))
        except (ValueError, TypeError, KeyError):
            found = None
        return found if found is not None else cls("{text}", (("text", text),))


def _plain(reason: Reason) -> dict[str, object]:
    return {
        "m": reason.message,
        "v": {k: _plain(v) if isinstance(v, Reason) else v for k, v in reason.values},
    }


def _from_plain(data: object) -> Reason | None:
    if not isinstance(data, dict) or not isinstance(data.get("m"), str):
        return None
    raw = data.get("v", {})
    if not isinstance(raw, dict):
        return None
    values: list[tuple[str, str | int | Reason]] = []
    for key, value in raw.items():
        if isinstance(value, dict):
            nested = _from_plain(value)
            if nested is None:
                return None
            values.append((str(key), nested))
        elif isinstance(value, str | int) and not isinstance(value, bool):
            values.append((str(key), value))
        else:
            return None
    return Reason(data["m"], tuple(values))
