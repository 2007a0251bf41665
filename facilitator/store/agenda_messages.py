"""Agenda validation errors in plain words, each with the line it concerns.

pydantic reports errors as key paths and terse types ("bool_parsing"). This
module names the key and its table the way the file writes them, says how to fix
the value, suggests the key that was probably meant, and adds the cross-field
rules that pydantic skips once a field has failed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ValidationError

from facilitator.core.agenda import (
    Agenda,
    AgendaRuleError,
    CarriedAction,
    DecisionRule,
    Item,
    ItemKind,
    Meeting,
    Participant,
    Role,
    Stack,
    StackOrder,
)
from facilitator.core.agenda_rules import agenda_rule_issues, item_rule_issues
from facilitator.core.agenda_types import item_kinds
from facilitator.i18n import N_, _
from facilitator.processes import key_owners, keys_for_kind
from facilitator.store.toml_lines import KeyPath, LineIndex

_HOMES: dict[str, type[BaseModel]] = {
    "[meeting]": Meeting,
    "[stack]": Stack,
    "[[participants]]": Participant,
    "[[items]]": Item,
    "[[actions]]": CarriedAction,
}
_TOP_KEYS = ["schema", "meeting", "stack", "participants", "items", "actions"]
_ENUMS: dict[str, type[StrEnum]] = {
    "kind": ItemKind,
    "role": Role,
    "order": StackOrder,
    "decision_rule": DecisionRule,
}
# Marked for extraction; translated where the message is put together.
_EXPECTS = {
    "string_type": N_('text in quotes, like "…"'),
    "bool_type": N_("true or false (lowercase, no quotes)"),
    "bool_parsing": N_("true or false (lowercase, no quotes)"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "date_type": N_("a date like 2026-11-24 (no quotes)"),
    "date_parsing": N_("a date like 2026-11-24 (no quotes)"),
    "date_from_datetime_parsing": N_("a date like 2026-11-24 (no quotes)"),
    "date_from_datetime_inexact": N_("a date like 2026-11-24, without a time"),
    "time_type": N_("a time like 18:00:00 (no quotes)"),
    "time_parsing": N_("a time like 18:00:00 (no quotes)"),
    "time_delta_type": N_('a duration like 10 or "1h30m"'),
}


def describe(
    exc: ValidationError, data: Mapping[str, Any], index: LineIndex
) -> list[tuple[int, str]]:
    """Every problem in `exc` plus the cross-field rules, as (line, message), unsorted."""
    issues: list[tuple[KeyPath, str]] = []
    for err in exc.errors():
        loc: KeyPath = tuple(err["loc"])
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, AgendaRuleError):
            continue  # the same rules run again on the raw data just below
        else:
            issues.append((loc, _field_message(err["type"], loc, err, data)))
    issues += _process_key_issues(data)
    # The rules name the participant or role themselves; item rules need the item named.
    issues += [
        ((path, f"{_where(path, data)}: {msg}") if path[:1] == ("items",) else (path, msg))
        for path, msg in _rule_issues(data)
    ]
    out: list[tuple[int, str]] = []
    seen: set[tuple[KeyPath, str]] = set()
    for path, msg in issues:
        if (path, msg) not in seen:
            seen.add((path, msg))
            out.append((_line(path, index), msg))
    return out


def _line(path: KeyPath, index: LineIndex) -> int:
    """The key's line, else its table's header; a rule about the whole agenda (an empty path)
    goes to the [meeting] header, and a missing top-level table to line 1."""
    if not path:
        return index.line_of(("meeting",)) or 1
    return index.line_of(path) or 1


def _rule_issues(data: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    """The cross-field rules on the raw data, since pydantic skipped them after a field error."""
    issues: list[tuple[KeyPath, str]] = []
    items = data.get("items")
    meeting = data.get("meeting")
    rule = meeting.get("decision_rule") if isinstance(meeting, Mapping) else None
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, Mapping):
                issues += [(("items", i, *p), m) for p, m in item_rule_issues(item, rule)]
    people = data.get("participants")
    issues += agenda_rule_issues(
        meeting if isinstance(meeting, Mapping) else {},
        people if isinstance(people, list) else [],
    )
    return issues


def _process_key_issues(data: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    """Each item's process keys (`motion`, `threshold` of a vote), checked by the process's
    own model on the raw data and worded like every other key; the item model only said
    that they failed (an `AgendaRuleError`, skipped above)."""
    items = data.get("items")
    issues: list[tuple[KeyPath, str]] = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        kind = item.get("kind") if isinstance(item, Mapping) else None
        process = keys_for_kind(kind) if isinstance(kind, str) else None
        if process is None or not isinstance(item, Mapping):
            continue
        model = process.agenda_keys
        if model is not None:
            own = {k: v for k, v in item.items() if k in model.model_fields}
            try:
                model.model_validate(own)
            except ValidationError as exc:
                for err in exc.errors():
                    loc: KeyPath = ("items", i, *err["loc"])
                    issues.append((loc, _field_message(err["type"], loc, err, data)))
        for path, msg in process.item_rules(item):
            issues.append((("items", i, *path), f"{_where(('items', i), data)}: {msg}"))
    return issues


# ---- naming places ----------------------------------------------------------------


def _where(path: KeyPath, data: Mapping[str, Any]) -> str:
    """The table a path is in, as the file shows it: [meeting], item 3 ("Budget")."""
    head = path[0] if path else None
    if head in ("participants", "items", "actions") and len(path) > 1 and isinstance(path[1], int):
        entry = _entry(data, str(head), path[1])
        label, field = {
            "participants": (_("participant {n}"), "name"),
            "actions": (_("action {n}"), "what"),
        }.get(str(head), (_("item {n}"), "title"))
        title = entry.get(field) if entry else None
        named = f' ("{_short(title)}")' if isinstance(title, str) and title.strip() else ""
        return label.format(n=path[1] + 1) + named
    if head in ("meeting", "stack") and len(path) > 1:
        return f"[{head}]"
    return _("the top level")


def _entry(data: Mapping[str, Any], table: str, i: int) -> Mapping[str, Any] | None:
    seq = data.get(table)
    entry = seq[i] if isinstance(seq, list) and 0 <= i < len(seq) else None
    return entry if isinstance(entry, Mapping) else None


def _model_at(path: KeyPath) -> tuple[type[BaseModel], str] | None:
    """The model a table path holds, and how the file names that table."""
    if path == ():
        return Agenda, _("the top level")
    if path in (("meeting",), ("stack",)):
        return (Meeting if path[0] == "meeting" else Stack), f"[{path[0]}]"
    if len(path) == 2 and path[0] == "participants" and isinstance(path[1], int):
        return Participant, "[[participants]]"
    if len(path) == 2 and path[0] == "items" and isinstance(path[1], int):
        return Item, "[[items]]"
    if len(path) == 2 and path[0] == "actions" and isinstance(path[1], int):
        return CarriedAction, "[[actions]]"
    return None


def _short(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(value: object) -> str:
    """A value as TOML would write it, shortened: strings in quotes."""
    if isinstance(value, str):
        return f'"{_short(value)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _("a table")
    if isinstance(value, list):
        return _("a list")
    return _short(value)


def _suggest(word: str, options: Sequence[str]) -> str | None:
    import difflib  # only for a did-you-mean: not on the path of a good agenda

    match = difflib.get_close_matches(word.lower(), list(options), n=1, cutoff=0.6)
    return match[0] if match else None


# ---- one message per pydantic error -------------------------------------------------


def _field_message(kind: str, loc: KeyPath, err: Any, data: Mapping[str, Any]) -> str:
    key = str(loc[-1]) if loc else ""
    at = (
        _("`{key}` in {where}").format(key=key, where=_where(loc, data))
        if len(loc) > 1
        else f"`{key}`"
    )
    value = err.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(loc, data)
    if kind == "missing":
        return _missing(loc, data)
    if kind == "enum" and key in _ENUMS:
        # An item's kinds include the processes' ("vote"), which no enum lists.
        choices = list(item_kinds()) if key == "kind" else [str(m) for m in _ENUMS[key]]
        hint = _suggest(str(value), choices) if isinstance(value, str) else None
        fix = _('; did you mean "{hint}"?').format(hint=hint) if hint else ""
        return _("{at} is {value}, but must be one of {choices}{fix}").format(
            at=at, value=_shown(value), choices=", ".join(choices), fix=fix
        )
    if kind == "literal_error" and loc == ("schema",):
        return _("`schema` must be 1, the only agenda format so far; or leave it out")
    if kind in ("list_type",) and loc in (("participants",), ("items",)):
        return _(
            "`{key}` must be a list of tables: write each entry under its own "
            "[[{key}]] header (two brackets)"
        ).format(key=key)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _not_a_table(loc)
    if kind == "too_short" and loc == ("items",):
        return _("the agenda has no items; add at least one [[items]] with a title and a duration")
    if kind == "string_too_short":
        return _("{at} must not be empty").format(at=at)
    if kind in _EXPECTS:
        return _("{at} must be {expected}, not {value}").format(
            at=at, expected=_(_EXPECTS[kind]), value=_shown(value)
        )
    if kind == "value_error":
        cause = (err.get("ctx") or {}).get("error")
        return f"{at}: {cause}" if key else str(cause)
    # pydantic's own wording for a case we have not named: English, as pydantic writes it.
    said = err.get("msg", _("is not valid"))
    return f"{at}: {said}" if key else str(err.get("msg"))


def _not_a_table(loc: KeyPath) -> str:
    if loc in (("meeting",), ("stack",)):
        name = loc[0]
        return _(
            "`{name}` must be a table: write a [{name}] header with its keys below it "
            "(one pair of brackets)"
        ).format(name=name)
    if len(loc) == 2 and loc[0] in ("participants", "items"):
        return _(
            "each entry of `{table}` must be a table of keys, under a [[{table}]] header"
        ).format(table=loc[0])
    if loc:
        return _("`{key}` must be a table").format(key=loc[-1])
    return _("the agenda must be a table")


def _missing(loc: KeyPath, data: Mapping[str, Any]) -> str:
    key = str(loc[-1])
    if loc == ("meeting",):
        return _('the agenda has no [meeting] table; add one with title = "…"')
    if loc == ("items",):
        return _("the agenda has no items; add at least one [[items]] with a title and a duration")
    example = {"title": '"…"', "name": '"…"', "duration": _('10   # minutes, or "1h30m"')}
    return _("{where} is missing `{key}`, which is required; add {key} = {example}").format(
        where=_where(loc, data), key=key, example=example.get(key, "…")
    )


def _unknown_key(loc: KeyPath, data: Mapping[str, Any]) -> str:
    key = str(loc[-1])
    parent = loc[:-1]
    found = _model_at(parent)
    table = found[1] if found else ".".join(str(p) for p in parent)
    if parent == ():
        where = _("at the top level")
    elif found and parent[0] in ("participants", "items"):
        where = _("in {place}").format(place=_where(loc, data))
    else:
        where = _("in {place}").format(place=table)
    own = _TOP_KEYS if parent == () else list(found[0].model_fields) if found else []
    if found and found[0] is Item:
        entry = _entry(data, "items", int(parent[1]))
        kind = entry.get("kind", "discussion") if entry else None
        process = keys_for_kind(kind) if isinstance(kind, str) else None
        if process is not None and process.agenda_keys is not None:
            own = [*own, *process.agenda_keys.model_fields]
        owners = [k for p in key_owners(key) for k in p.kinds]
        if owners and key not in own:
            kinds = _(" or ").join(owners)
            this = _(' (this item is "{kind}")').format(kind=kind) if isinstance(kind, str) else ""
            return _("unknown key `{key}` {where}: `{key}` is for {kinds} items{this}").format(
                key=key, where=where, kinds=kinds, this=this
            )
    if key in _TOP_KEYS and parent != ():
        return _(
            "unknown key `{key}` {where}: `{key}` is a top-level key, and keys below a "
            "[table] header belong to that table; move it above the first header"
        ).format(key=key, where=where)
    # A real key of another table first (`speaker_limit` under [meeting]), then a typo here.
    homes = [name for name, model in _HOMES.items() if key in model.model_fields and name != table]
    # At the top level a near-miss of a top-level key (`item` for `items`) is the likelier slip.
    near_top = homes == ["[[actions]]"] and parent == () and _suggest(key, _TOP_KEYS) is not None
    if homes and key not in own and not near_top:
        above = _(" (its header goes above it)") if parent == () else ""
        return _("unknown key `{key}` {where}: it belongs in {homes}{above}").format(
            key=key, where=where, homes=_(" or ").join(homes), above=above
        )
    hint = _suggest(key, own)
    if hint:
        return _("unknown key `{key}` {where}; did you mean `{hint}`?").format(
            key=key, where=where, hint=hint
        )
    for name, model in _HOMES.items():
        other = _suggest(key, list(model.model_fields))
        if other and name != table:
            return _("unknown key `{key}` {where}; did you mean `{other}` in {table}?").format(
                key=key, where=where, other=other, table=name
            )
    if own:
        return _("unknown key `{key}` {where}; the keys here are: {keys}").format(
            key=key, where=where, keys=", ".join(own)
        )
    return _("unknown key `{key}` {where}").format(key=key, where=where)
