"""argparse's own words ("usage:", "options", "error:") in the screen's language.

argparse translates its strings with `gettext` under the default domain, where no
catalog of ours lives. So its module-level `_` and `ngettext` are pointed at ours, and
the strings a user can meet are listed here with `N_` so `pybabel extract` puts them in
our catalog (argparse's messages for programming mistakes are left out: a user never
sees them). The msgids must stay exactly argparse's, `%` placeholders included.
"""

from __future__ import annotations

import argparse

from facilitator.i18n import N_, active

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)
"""The argparse messages a user can see; `pybabel extract` reads them from here."""


def _ngettext_marks() -> None:
    # Never called: only so that extraction sees argparse's one plural users meet.
    from facilitator.i18n import ngettext

    ngettext("expected %s argument", "expected %s arguments", 2)


def _argparse_gettext(message: str) -> str:
    return active().gettext(message)


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return active().ngettext(singular, plural, n)


def install() -> None:
    """Make argparse look its words up in our catalog, in the language in force."""
    # argparse binds `from gettext import gettext as _, ngettext` at import and looks the
    # names up on each call, so rebinding the module attributes is all it takes.
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]
