"""Translation: the standard library's `gettext`, our catalogs, and the one place that
decides which language a person reads.

Catalogs live in `facilitator/locale/<lang>/LC_MESSAGES/facilitator.{po,mo}`; the
compiled `.mo` files ship in the wheel, so a user needs nothing beyond Python. `./dev
i18n` extracts, updates and compiles them with Babel (a dev tool only); how to add a
language is in docs/translating.md.

Two languages are chosen, on purpose apart:
- the **screen's** (every CLI message, `--help`, `check`, `new`, the review app): from
  `--lang`, then `language = "es"` in the settings file, then the locale (`LANGUAGE`,
  `LC_ALL`, `LC_MESSAGES`, `LANG`), else English. `cli.main` sets it once per run with
  `set_screen_language`;
- the **minutes'**: the agenda's `[meeting] language`, else the screen's. The minutes
  renderer is handed a translator and renders under `using(translator)`, which holds
  for the current thread or task only, so a Spanish screen can write English minutes
  (and the other way round) without touching what the screen shows.

Marking strings: `_("text")` where the text is shown; `N_("text")` marks a module-level
constant for extraction and leaves it English until `_()` is called on it where it is
shown; `lazy("text")` is a string-like object that translates each time it is turned into
a `str` (for tables read by code that does `str()` or formatting on them).

This module does no file I/O when imported and reads no catalog for English, so the fast
paths (`check`, `decisions`) pay nothing for it in English; the core may import it.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: the fast path of
if TYPE_CHECKING:  # `decisions` never loads it (issue 12); `Translator` is for the checker
    from typing import Protocol
else:
    Protocol = object

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "LANGUAGES",
    "N_",
    "LazyText",
    "Translator",
    "_",
    "active",
    "choose_language",
    "lazy",
    "ngettext",
    "normalize_language",
    "pgettext",
    "screen_language",
    "set_screen_language",
    "translator",
    "using",
]

DOMAIN = "facilitator"
"""The gettext domain: the catalogs are `facilitator.po` / `facilitator.mo`."""
DEFAULT_LANGUAGE = "en"
"""The language the source strings are written in; it needs no catalog."""
LANGUAGES: Mapping[str, str] = {"en": "English", "es": "Español"}
"""Every language with a catalog (plus English), by code, with its own name for itself."""

_LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""The environment variables gettext reads, in the order it reads them."""


class Translator(Protocol):
    """What `gettext.GNUTranslations` and `NullTranslations` offer, and all we use."""

    def gettext(self, message: str, /) -> str:
        """The translation of `message`, or `message` itself."""
        ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        """The singular or plural form for `n`, translated."""
        ...

    def pgettext(self, context: str, message: str, /) -> str:
        """The translation of `message` in `context` (a month "May" is not a verb)."""
        ...


_ENGLISH: Translator = _gettext.NullTranslations()
_screen: list[Translator] = [_ENGLISH]
"""The screen's translator (one per process, set by `cli.main`); a list so it can be
swapped without a `global` statement. Threads started later (Textual workers) see it too."""
_screen_lang: list[str] = [DEFAULT_LANGUAGE]
_scoped: ContextVar[Translator | None] = ContextVar("facilitator_translator", default=None)
"""A translator for one rendering (the minutes in their own language); wins over the screen's."""


def active() -> Translator:
    """The translator in force here: a `using` block's, else the screen's."""
    scoped = _scoped.get()
    return scoped if scoped is not None else _screen[0]


def _(message: str) -> str:
    """`message` in the language in force."""
    return active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for count `n`, in the language in force."""
    return active().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in `context`, in the language in force."""
    return active().pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for extraction only: it is translated later, where it is shown."""
    return message


class LazyText:
    """A marked message that is translated each time it is shown (`str()`, f-strings)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message
        """The English source text (the msgid)."""

    def __str__(self) -> str:
        return _(self.message)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"lazy({self.message!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyText):
            return self.message == other.message
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.message)


def lazy(message: str) -> LazyText:
    """A module-level message translated when shown, not when the module is imported."""
    return LazyText(message)


@contextmanager
def using(tr: Translator) -> Iterator[Translator]:
    """Translate with `tr` inside the block (this thread or task only)."""
    token = _scoped.set(tr)
    try:
        yield tr
    finally:
        _scoped.reset(token)


# ---- choosing and loading ----------------------------------------------------------------


def normalize_language(code: str | None) -> str | None:
    """Our language code for a locale or language name ("es_MX.UTF-8", "es-AR", "ES" ->
    "es"), or None when we have no catalog for it ("C", "POSIX", "fr_FR", "")."""
    if not code:
        return None
    base = code.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else None


def _from_locale(environ: Mapping[str, str]) -> str | None:
    """The language the locale asks for, read the way gettext reads it: the first variable
    set wins, and `LANGUAGE` may list several (`es:en`)."""
    for var in _LOCALE_VARS:
        value = environ.get(var)
        if not value:
            continue
        for part in value.split(":"):
            if part in ("C", "POSIX") or part.startswith(("C.", "POSIX.")):
                return None
            found = normalize_language(part)
            if found is not None:
                return found
        return None
    return None


def choose_language(
    flag: str | None,
    settings: Callable[[], str | None],
    environ: Mapping[str, str],
) -> str:
    """The screen's language: `--lang`, else the settings file's `language`, else the locale,
    else English. `settings` is only called when there is no flag (it reads a file)."""
    for found in (normalize_language(flag), normalize_language(settings() if not flag else None)):
        if found is not None:
            return found
    return _from_locale(environ) or DEFAULT_LANGUAGE


def _locale_dir() -> str:
    import os  # only when a catalog is really read

    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")


@cache
def translator(language: str | None) -> Translator:
    """The translator for `language` (a code or locale name); English, with no file read,
    for English or a language we have no catalog for."""
    code = normalize_language(language)
    if code is None or code == DEFAULT_LANGUAGE:
        return _ENGLISH
    return _gettext.translation(DOMAIN, _locale_dir(), languages=[code], fallback=True)


def set_screen_language(language: str | None) -> str:
    """Make `language` the screen's (every message outside a `using` block); returns the
    code now in force, so a caller can put the previous one back."""
    previous = _screen_lang[0]
    code = normalize_language(language) or DEFAULT_LANGUAGE
    _screen[0] = translator(code)
    _screen_lang[0] = code
    return previous


def screen_language() -> str:
    """The screen's language code now."""
    return _screen_lang[0]
