"""The agenda rules that span several fields: unique names and keys, roles, quorum, proposals.

They are plain functions over mappings, not only model validators, because pydantic skips
after-validators once any field fails: the loader also runs them on the raw TOML data, so a
bad date and a role naming nobody are reported in the same run. Values that cannot be read
are skipped here; their own field error reports them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from facilitator.core.agenda_types import KEY_CHARS, ItemKind, Path, Quorum, Role, item_kinds
from facilitator.i18n import _

MEETING_ROLES = ("facilitator", "notetaker", "timekeeper")

# Characters that show as nothing: a name with one inside looks like the name without it.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
        "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d"
        "\u206e\u206f\ufeff",
    )
)


def name_key(name: str) -> str:
    """How two names are compared: after NFKC (full-width, ligatures and composed accents
    become one spelling), without zero-width characters, case-folded, spaces collapsed.

    "Ana", "ＡＮＡ", "A\u200bna" and "Ana" written with a combining accent all match what
    a person reading the screen would take for the same name.
    """
    text = unicodedata.normalize("NFKC", name).translate(_INVISIBLE)
    return " ".join(unicodedata.normalize("NFKC", text.casefold()).split())


def item_rule_issues(
    item: Mapping[str, Any], decision_rule: object = None
) -> list[tuple[Path, str]]:
    """The rules spanning an item's fields, on raw or validated data (key paths inside the item).

    Values that cannot be read are skipped: their own field error reports them.
    `decision_rule` is the meeting's, when known (it is the method of an item with none).
    """
    kind = item.get("kind", ItemKind.DISCUSSION)
    if not isinstance(kind, str) or kind not in item_kinds():
        return []  # reported as a field error
    # Compared as text: a process's kind ("vote") is a plain string, not an ItemKind.
    kind = str(kind)
    proposal = item.get("proposal")
    issues: list[tuple[Path, str]] = []
    if kind == ItemKind.PROPOSAL and (
        proposal is None or (isinstance(proposal, str) and not proposal.strip())
    ):
        issues.append((("proposal",), _('a proposal item needs `proposal = """…"""` text')))
    if kind != ItemKind.PROPOSAL and proposal is not None:
        issues.append(
            (
                ("proposal",),
                _('`proposal` text needs kind = "proposal" (this item is "{kind}")').format(
                    kind=kind
                ),
            )
        )
    if item.get("review") is not None and kind != ItemKind.PROPOSAL:
        issues.append((("review",), _('`review` dates a decision, so it needs kind = "proposal"')))
    if kind == ItemKind.PROPOSAL:
        from facilitator.processes.consent.methods import rule_issues

        issues += rule_issues(item, decision_rule)
    return issues


_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def control_in_name(name: str) -> str | None:
    """The first C0/C1 control (ESC, newline, DEL...) or bidi control in `name`, if any.

    A name is shown, picked and given to commands as it is, so it cannot be shown with
    escapes on the run screen: agenda files (`check`) refuse such names instead.
    """
    return next(
        (ch for ch in name if unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in _BIDI),
        None,
    )


def _shown_name(name: str) -> str:
    """`name` with the characters that make look-alikes written as `\\uXXXX`, so the
    message shows where two names that look the same differ."""
    out = []
    for ch in name:
        odd = unicodedata.category(ch) in ("Cf", "Mn", "Cc", "Zs") and ch != " "
        if odd or unicodedata.normalize("NFKC", ch) != ch:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def _readable_name(p: object) -> str | None:
    name = p.get("name") if isinstance(p, Mapping) else None
    return name if isinstance(name, str) and name.strip() else None


def agenda_rule_issues(
    meeting: Mapping[str, Any], participants: Sequence[object]
) -> list[tuple[Path, str]]:
    """The rules spanning the whole agenda (unique names and keys, roles, quorum), on raw or
    validated data: `meeting` is the [meeting] table, `participants` the entries as mappings.

    Key paths are from the top of the agenda. Unreadable values are skipped.
    """
    issues: list[tuple[Path, str]] = []
    names = [_readable_name(p) for p in participants]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if name is None:
            continue
        folded = name_key(name)
        if folded in seen:
            other = names[seen[folded]]
            same = (
                _('participant "{name}" is listed twice (also participant {n})').format(
                    name=name, n=seen[folded] + 1
                )
                if other is None or other.strip().casefold() == name.strip().casefold()
                else _(
                    'participant "{name}" looks the same as participant {n}, "{other}" (they '
                    "differ only in invisible, full-width or accent-encoding characters)"
                ).format(name=_shown_name(name), n=seen[folded] + 1, other=_shown_name(other))
            )
            issues.append(
                (("participants", i, "name"), _("{same}; names must be unique").format(same=same))
            )
        else:
            seen[folded] = i
    keys: dict[str, int] = {}
    for i, p in enumerate(participants):
        key = p.get("key") if isinstance(p, Mapping) else None
        if not isinstance(key, str) or len(key) != 1 or key.lower() not in KEY_CHARS:
            continue
        key = key.lower()
        if key in keys:
            other = names[keys[key]] or _("participant {n}").format(n=keys[key] + 1)
            issues.append(
                (
                    ("participants", i, "key"),
                    _('key "{key}" is already {other}\'s; pick another').format(
                        key=key, other=other
                    ),
                )
            )
        else:
            keys[key] = i
    known = [n for n in names if n is not None]
    for role in MEETING_ROLES:
        name = meeting.get(role)
        if isinstance(name, str) and name_key(name) not in seen:
            hint = closest(name, known)
            fix = (
                _('; did you mean "{hint}"?').format(hint=hint)
                if hint
                else _("; add them under [[participants]]")
            )
            issues.append(
                (
                    ("meeting", role),
                    _('{role} "{name}" is not a participant{fix}').format(
                        role=role, name=name, fix=fix
                    ),
                )
            )
    issues += _quorum_issues(meeting.get("quorum"), participants)
    return issues


def _quorum_issues(value: object, participants: Sequence[object]) -> list[tuple[Path, str]]:
    if value is None or not participants or isinstance(value, Mapping):
        return []  # a table is reported as a field error
    try:
        q = Quorum.parse(value)
        roles = [Role(p.get("role", Role.MEMBER)) for p in participants if isinstance(p, Mapping)]
    except (ValueError, TypeError):
        return []  # reported as a field error; the count of members is not known
    if len(roles) != len(participants):
        return []
    members = sum(1 for r in roles if r is Role.MEMBER)
    if q.count is not None and q.count > members:
        return [
            (
                ("meeting", "quorum"),
                _("quorum {count} is more than the {members} voting members listed").format(
                    count=q.count, members=members
                ),
            )
        ]
    return []


def closest(word: str, options: list[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if match:
        return match[0]
    folded = {o.casefold(): o for o in options}
    match = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None
