"""Adding an item during the meeting (+): the item, then the keys of its kind's process.

The first page asks what every item has (title, minutes, kind, owner, confidential). When the
kind's process takes keys (a vote's motion, threshold and base; a selection's role; a dot
vote's options; a proposal's text and method), a second page asks for them, one field per
key of the process's keys model (`Process.agenda_keys`), in its order, so a new process's
keys are asked for without a line here. Before the command goes, the keys are held to the
rules `facilitator check` applies (`core.item_keys`); a key found wrong reopens the second
page with what was typed, the problem said, so nothing typed is lost. Keyboard only: Enter
moves on, Tab leaves the options' box, ctrl+s saves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

from facilitator.core import commands as C
from facilitator.core.agenda_types import item_kinds
from facilitator.core.item_keys import item_keys_issues, key_names, keys_refusal
from facilitator.i18n import _
from facilitator.tui import ask
from facilitator.tui.fields import Field, choice_cleaner, minutes_cleaner, yes_no_cleaner

if TYPE_CHECKING:
    from textual.app import App


def _labels() -> dict[str, str]:
    """How each known key is asked for (translated when the form opens)."""
    return {
        "proposal": _("Proposal text (ctrl+s saves)"),
        "method": _("Method (empty: the meeting's decision rule)"),
        "pass_min": _("Pass line, fist-to-five only: the lowest count that passes (0–5)"),
        "motion": _("Motion: what is voted on"),
        "threshold": _("Threshold"),
        "of": _("Measured against: votes cast, voting members present, or all members"),
        "secret": _("Secret ballot? y/n (totals only, no names anywhere)"),
        "role": _("Role being filled"),
        "term": _("Term, e.g. 1 year"),
        "qualifications": _("Qualifications the role asks for"),
        "options": _("Options, one per line (Tab: next field)"),
        "dots": _("Dots per voter (empty: one per 4 options)"),
        "max_per_option": _("At most this many dots on one option (empty: no limit)"),
    }


def count_cleaner(text: str) -> int:
    """A whole number, 0 or more."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(_("write a whole number, like 3")) from None
    if value < 0:
        raise ValueError(_("0 or more"))
    return value


def lines_cleaner(text: str) -> list[str]:
    """One entry per non-blank line, as typed (the rules say what is wrong with them)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _choices(annotation: object) -> list[str] | None:
    """The values of an enum key (a vote's threshold), if the key is one."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(m.value) for m in annotation]
    return None


def key_fields(kind: str, typed: Mapping[str, str] | None = None) -> list[Field]:
    """The second page: a field per process key of `kind` (and the text of a proposal),
    filled with what was `typed` before."""
    from facilitator.processes import for_kind

    typed = typed or {}
    labels = _labels()
    out: list[Field] = []
    if kind == "proposal":
        out.append(
            Field("proposal", labels["proposal"], value=typed.get("proposal", ""), multiline=True)
        )
    process = for_kind(kind)
    model = process.agenda_keys if process is not None else None
    for name in key_names(kind):
        assert model is not None
        info = model.model_fields[name]
        label = labels.get(name, name)
        value = typed.get(name, "")
        required = info.is_required()
        clean: Callable[[str], Any] | None = None
        multiline = False
        choices = _choices(info.annotation)
        if name == "method":
            from facilitator.processes.consent.methods import NAMES

            choices = list(NAMES)
        if choices is not None:
            clean = choice_cleaner(choices)
            label = f"{label}: {', '.join(choices)}"
            if not value and info.default is not None and not required:
                value = str(getattr(info.default, "value", info.default))
        elif info.annotation is bool:
            clean = yes_no_cleaner
            value = value or ("y" if info.default is True else "n")
        elif name in ("options",) or "list" in str(info.annotation):
            clean, multiline = lines_cleaner, True
        elif "int" in str(info.annotation):
            clean = count_cleaner
        out.append(Field(name, label, clean, required=required, value=value, multiline=multiline))
    return out


def _as_text(values: Mapping[str, Any]) -> dict[str, str]:
    """Cleaned values back to what the fields show, to open the page again with them."""
    out: dict[str, str] = {}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[name] = "y" if value else "n"
        elif isinstance(value, list):
            out[name] = "\n".join(str(v) for v in value)
        else:
            out[name] = str(value)
    return out


async def ask_item(app: App[Any], people: Sequence[str], decision_rule: object) -> C.AddItem | None:
    """Ask for a new item, page by page; the command, or None when cancelled."""
    kinds = list(item_kinds())
    fields = [
        Field("title", _("Title")),
        Field("minutes", _("Minutes"), minutes_cleaner, value="10"),
        Field(
            "kind",
            _("Kind: {kinds}").format(kinds=", ".join(kinds)),
            choice_cleaner(kinds),
            value="discussion",
        ),
        Field("owner", _("Owner"), required=False, suggestions=people),
        Field("confidential", _("Confidential? y/n"), yes_no_cleaner, required=False, value="n"),
    ]
    first = await ask.form(app, _("Add an item (after the current one)"), fields)
    if first is None:
        return None
    kind = str(first["kind"])
    keys: dict[str, Any] = {}
    proposal: str | None = None
    if kind == "proposal" or key_names(kind):
        title = _("{kind} “{title}”: its keys").format(kind=kind.capitalize(), title=first["title"])
        typed: dict[str, str] = {}
        while True:
            page = await ask.form(app, title, key_fields(kind, typed))
            if page is None:
                return None
            proposal = page.pop("proposal", None)
            keys = {name: value for name, value in page.items() if value is not None}
            issues = item_keys_issues(kind, keys, proposal=proposal, decision_rule=decision_rule)
            if not issues:
                break
            app.notify(keys_refusal(issues), title=_("Not yet"), severity="warning", markup=False)
            typed = _as_text({**page, "proposal": proposal})
    return C.AddItem(
        title=first["title"],
        seconds=first["minutes"],
        kind=kind,
        owner=first["owner"] or None,
        proposal=proposal,
        confidential=bool(first["confidential"]),
        keys=keys,
    )


__all__ = ["ask_item", "count_cleaner", "key_fields", "lines_cleaner"]
