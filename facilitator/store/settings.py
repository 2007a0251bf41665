"""The user's settings file: key remapping, the bell and the theme.

The file lives at `platformdirs.user_config_dir("facilitator")/settings.toml`, or
wherever the environment variable `FACILITATOR_CONFIG` points (tests use that).
It is optional; a missing file means the defaults. A file that cannot be read
gives a `SettingsError` whose message names the file and line, never a traceback.

```toml
bell = true            # ring the terminal bell when a timebox or turn runs out
warn_before = "1m"     # show a warning this long before a timebox runs out (false: never)
turn_warning = true    # show a warning when a speaker reaches the turn limit
theme = "high-contrast"
member_hands = "stack" # members' view: hands raised on a device join the stack ("inbox": wait for a key)
sharing = true         # start every meeting with the shared-screen view on (⇧S toggles it)
language = "es"        # messages, help and the review app in Spanish (`--lang` wins; default: the locale)

[keys]                 # command id = key (or "key1,key2")
queue = "q"
undo = "ctrl+z"
```
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facilitator.i18n import _

ENV_VAR = "FACILITATOR_CONFIG"
"""Environment variable naming a settings file to use instead of the default place."""

_KNOWN = (
    "bell",
    "warn_before",
    "turn_warning",
    "theme",
    "member_hands",
    "sharing",
    "language",
    "keys",
)
# One key name per comma-separated part: letters, digits, "+" for modifiers, "_" in names.
_KEY_RE = re.compile(r"^[A-Za-z0-9_+\-]+$|^[^\s,]$")


class SettingsError(ValueError):
    """A settings file that cannot be used; the message is plain and located."""


@dataclass(frozen=True)
class Settings:
    """What the user chose; every field has a sensible default."""

    keys: Mapping[str, str] = field(default_factory=dict)
    """Command id -> key string, overriding the default keys."""
    bell: bool = True
    """Ring the terminal bell once when a timebox or speaker limit runs out."""
    warn_before: int = 60
    """Seconds before a timebox runs out when the screen warns; 0 never warns early."""
    turn_warning: bool = True
    """Show a warning (not only the bell) when a speaker reaches the turn limit."""
    theme: str | None = None
    """A theme name, such as "high-contrast" or "textual-dark"; None keeps the default."""
    member_hands: str = "stack"
    """Members' view (`run --share`): "stack", a hand raised on a device joins the stack at
    once; "inbox", it waits in an inbox until the facilitator accepts it with one key."""
    sharing: bool = False
    """Start the run screen with sharing on (confidential content hidden); ⇧S toggles it."""
    language: str | None = None
    """The screen's language code ("en", "es"); None follows the locale. `--lang` wins."""
    path: Path | None = None
    """The file these settings were read from, if any."""
    lines: Mapping[str, int] = field(default_factory=dict)
    """Where each setting was written: "theme" -> line, and "keys.<id>" for each remapping,
    so checks made later (a theme that does not exist, two commands on one key) can say where."""

    def where(self, setting: str) -> str:
        """ "FILE:LINE" (or "FILE", or "settings") for a setting, for error messages."""
        if self.path is None:
            return "settings"
        line = self.lines.get(setting)
        return f"{self.path}:{line}" if line else str(self.path)


def settings_path() -> Path:
    """Where the settings file is looked for."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("facilitator")) / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file (default place when `path` is None); defaults when it is missing."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(
            _("{path}: cannot read the settings file: {exc}").format(path=path, exc=exc)
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}:{_toml_message(exc)}") from None
    return _from_data(data, text, path)


def _languages() -> list[str]:
    from facilitator.i18n import LANGUAGES

    return sorted(LANGUAGES)


def validate_keys(keys: Mapping[str, str], known_ids: set[str], path: Path | None) -> None:
    """Check that every remapped command id exists; raise a located SettingsError if not."""
    import difflib

    where = str(path) if path else "settings"
    for cid in keys:
        if cid not in known_ids:
            hint = difflib.get_close_matches(cid, sorted(known_ids), n=1)
            fix = _('; did you mean "{hint}"?').format(hint=hint[0]) if hint else ""
            raise SettingsError(
                _('{where}: [keys] "{cid}" is not a command{fix}').format(
                    where=where, cid=cid, fix=fix
                )
            )


def _from_data(data: dict[str, Any], text: str, path: Path) -> Settings:
    for key in data:
        if key not in _KNOWN:
            raise SettingsError(
                _("{path}:{line}: unknown setting {key!r}; the settings are {names}").format(
                    path=path, line=_line_of(text, key), key=key, names=", ".join(_KNOWN)
                )
            )
    bell = data.get("bell", True)
    if not isinstance(bell, bool):
        raise SettingsError(
            _("{path}:{line}: bell must be true or false").format(
                path=path, line=_line_of(text, "bell")
            )
        )
    warn_before = _warn_before(data.get("warn_before", "1m"), path, text)
    turn_warning = data.get("turn_warning", True)
    if not isinstance(turn_warning, bool):
        raise SettingsError(
            _("{path}:{line}: turn_warning must be true or false").format(
                path=path, line=_line_of(text, "turn_warning")
            )
        )
    sharing = data.get("sharing", False)
    if not isinstance(sharing, bool):
        raise SettingsError(
            _("{path}:{line}: sharing must be true or false").format(
                path=path, line=_line_of(text, "sharing")
            )
        )
    theme = data.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        raise SettingsError(
            _("{path}:{line}: theme must be a name in quotes").format(
                path=path, line=_line_of(text, "theme")
            )
        )
    member_hands = data.get("member_hands", "stack")
    if member_hands not in ("stack", "inbox"):
        raise SettingsError(
            _('{path}:{line}: member_hands must be "stack" or "inbox"').format(
                path=path, line=_line_of(text, "member_hands")
            )
        )
    language = data.get("language")
    if language is not None and language not in _languages():
        raise SettingsError(
            _("{path}:{line}: language must be one of {choices}").format(
                path=path,
                line=_line_of(text, "language"),
                choices=", ".join(repr(code) for code in _languages()),
            )
        )
    raw_keys = data.get("keys", {})
    if not isinstance(raw_keys, dict):
        raise SettingsError(
            _("{path}:{line}: [keys] must be a table").format(
                path=path, line=_line_of(text, "keys")
            )
        )
    keys: dict[str, str] = {}
    lines = {"theme": _line_of(text, "theme")} if theme is not None else {}
    for cid, value in raw_keys.items():
        line = _line_of(text, cid)
        lines[f"keys.{cid}"] = line
        if not isinstance(value, str) or not value.strip():
            raise SettingsError(
                _('{path}:{line}: key for "{cid}" must be a key name in quotes').format(
                    path=path, line=line, cid=cid
                )
            )
        parts = [p.strip() for p in value.split(",")]
        if any(not p or not _KEY_RE.match(p) for p in parts):
            raise SettingsError(
                _(
                    '{path}:{line}: cannot read key "{value}" for "{cid}"; write a key like "q", "ctrl+z" or "f5"'
                ).format(path=path, line=line, value=value, cid=cid)
            )
        keys[cid] = ",".join(parts)
    return Settings(
        keys=keys,
        bell=bell,
        warn_before=warn_before,
        turn_warning=turn_warning,
        theme=theme,
        member_hands=member_hands,
        sharing=sharing,
        language=language,
        path=path,
        lines=lines,
    )


def _warn_before(value: object, path: Path, text: str) -> int:
    """Seconds from a duration ("1m", "90s", 2) or false (never warn early)."""
    from facilitator.core.durations import DurationError, parse_duration

    if value is False:
        return 0
    try:
        return parse_duration(value)
    except DurationError as exc:
        raise SettingsError(
            _("{path}:{line}: warn_before: {exc}, or false for no warning").format(
                path=path, line=_line_of(text, "warn_before"), exc=exc
            )
        ) from None


def _line_of(text: str, key: str) -> int:
    """The 1-based line where `key =` (or `[key]`) first appears; 1 when it cannot be found."""
    pattern = re.compile(
        rf'^\s*(?:"{re.escape(key)}"|{re.escape(key)})\s*=|^\s*\[{re.escape(key)}\]'
    )
    for n, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return n
    return 1


def _toml_message(exc: tomllib.TOMLDecodeError) -> str:
    # tomllib says "... (at line 3, column 7)"; move the location to the front.
    msg = str(exc)
    m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
    if m:
        return f"{m.group(1)}: {msg[: m.start()].strip().lower()} (column {m.group(2)})"
    return f" {msg}"
