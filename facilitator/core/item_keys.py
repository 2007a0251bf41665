"""The process keys of an item added during the meeting, checked by the rules `check` uses.

An agenda's vote needs a `motion`, a dot vote at least two distinct `options`, a proposal's
`pass_min` only under fist-to-five; `facilitator check` reports each at its line. An item
added live (`AddItem`) carries the same keys, and `item_keys_issues` holds them to the same
rules, from the same places: the kind's process's keys model (`Process.agenda_keys`, with
pydantic's types), its rules across keys (`Process.item_rules`), and the agenda's item
rules (`agenda_rules.item_rule_issues`: a proposal's text, its method against the
meeting's decision rule). Each issue is located by its key (`options[2]`), and
`keys_refusal` says them all in one refusal, so the command writes nothing.

Pure: no I/O, no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from facilitator.core.agenda_rules import item_rule_issues
from facilitator.core.errors import DomainError
from facilitator.i18n import _

KeyPath = tuple[str | int, ...]
"""A key path inside the item (`("options", 2)`)."""


def key_names(kind: str) -> tuple[str, ...]:
    """The process keys items of `kind` take, in their model's order (none: a plain kind)."""
    from facilitator.processes import keys_for_kind

    process = keys_for_kind(kind)
    if process is None or process.agenda_keys is None:
        return ()
    return tuple(process.agenda_keys.model_fields)


def where(path: KeyPath) -> str:
    """A key path as the agenda writes it: `options`, `options[2]` (counted from 1)."""
    head, *rest = path or ("",)
    return f"`{head}" + "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in rest) + "`"


def _type_message(kind: str, err: Any) -> str:
    """pydantic's error for one key, in the loader's kind of words."""
    what = err.get("type", "")
    if what == "missing":
        return _("required on a {kind} item").format(kind=kind)
    if what == "value_error":
        cause = (err.get("ctx") or {}).get("error")
        return str(cause) if cause is not None else str(err.get("msg", ""))
    expected = {
        "string_type": _("text"),
        "int_type": _("a whole number"),
        "bool_type": _("true or false"),
        "list_type": _("a list of texts"),
    }.get(what)
    if expected is not None:
        return _("must be {expected}").format(expected=expected)
    return str(err.get("msg", _("is not valid")))


def item_keys_issues(
    kind: str,
    keys: Mapping[str, Any],
    *,
    proposal: str | None = None,
    decision_rule: object = None,
) -> list[tuple[KeyPath, str]]:
    """What is wrong with the process keys of an item of `kind` (key path inside the item,
    message); [] when nothing is. `proposal` is the item's text, `decision_rule` the
    meeting's (the method of a proposal with none)."""
    from facilitator.processes import keys_for_kind

    process = keys_for_kind(kind)
    own = key_names(kind)
    issues: list[tuple[KeyPath, str]] = []
    for key in keys:
        if key not in own:
            said = (
                _("not a key of a {kind} item (its keys: {known})").format(
                    kind=kind, known=", ".join(own)
                )
                if own
                else _("not a key of a {kind} item, which takes none").format(kind=kind)
            )
            issues.append(((key,), said))
    mine = {k: v for k, v in keys.items() if k in own}
    if process is not None and process.agenda_keys is not None:
        try:
            process.agenda_keys.model_validate(mine)
        except ValidationError as exc:
            for err in exc.errors():
                loc: KeyPath = tuple(err["loc"])
                issues.append((loc, _type_message(kind, err)))
    raw: dict[str, Any] = {"kind": kind, **mine}
    if proposal is not None:
        raw["proposal"] = proposal
    if process is not None:
        issues += list(process.item_rules(raw))
    issues += item_rule_issues(raw, decision_rule)
    out: list[tuple[KeyPath, str]] = []
    for issue in issues:
        if issue not in out:
            out.append(issue)
    return out


def keys_refusal(issues: Sequence[tuple[KeyPath, str]]) -> str:
    """The issues as one refusal: each key and what is wrong with it."""
    return "; ".join(f"{where(path)}: {msg}" if path else msg for path, msg in issues)


def checked_keys(
    kind: str,
    keys: Mapping[str, Any],
    *,
    proposal: str | None = None,
    decision_rule: object = None,
) -> dict[str, Any]:
    """The keys as the journal keeps them (validated, JSON-safe, unset ones left out), or a
    DomainError naming every key that is wrong."""
    issues = item_keys_issues(kind, keys, proposal=proposal, decision_rule=decision_rule)
    if issues:
        raise DomainError(keys_refusal(issues))
    from facilitator.processes import keys_for_kind

    process = keys_for_kind(kind)
    if process is None or process.agenda_keys is None or not keys:
        return {}
    model = process.agenda_keys.model_validate(dict(keys))
    dumped: dict[str, Any] = model.model_dump(mode="json", exclude_none=True)
    return dumped


__all__ = ["checked_keys", "item_keys_issues", "key_names", "keys_refusal", "where"]
