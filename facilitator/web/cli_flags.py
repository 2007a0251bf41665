"""`--share`, `--bind` and `--public-url` for `facilitator run` and `facilitator resume`.

Binding anything but this computer's own address is asked first, on the terminal,
before the meeting screen takes it over: a plain question with the address, default No.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from facilitator.i18n import _
from facilitator.web.options import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    ShareOptionError,
    ShareOptions,
    check_public_url,
    is_local,
    parse_bind,
)


def add_share_flags(parser: argparse.ArgumentParser) -> None:
    """The three flags, with their help."""
    parser.add_argument(
        "--share",
        action="store_true",
        help=_(
            "serve the members' view: members follow the meeting and raise hands from their phones (http://{host}:{port} unless --bind says otherwise)"
        ).format(host=DEFAULT_HOST, port=DEFAULT_PORT),
    )
    parser.add_argument(
        "--bind",
        metavar="ADDR",
        help=_(
            "with --share: the address to serve on, HOST[:PORT] (default {host}:{port}, this computer only; anything else is asked first)"
        ).format(host=DEFAULT_HOST, port=DEFAULT_PORT),
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help=_(
            "with --share: the address members open when it runs behind a reverse proxy, e.g. https://meet.example.org (see docs/members-view.md)"
        ),
    )


def share_options(
    args: argparse.Namespace,
    command: str,
    *,
    ask: Callable[[str], str] = input,
    interactive: Callable[[], bool] | None = None,
) -> ShareOptions | int | None:
    """The options to share with, None when not sharing, or an exit status after a message."""
    share, bind, public = args.share, args.bind, args.public_url
    if not share:
        if bind is not None or public is not None:
            print(
                _("facilitator {command}: --bind and --public-url go with --share").format(
                    command=command
                ),
                file=sys.stderr,
            )
            return 2
        return None
    try:
        host, port = parse_bind(bind) if bind is not None else (DEFAULT_HOST, DEFAULT_PORT)
        url = check_public_url(public) if public is not None else None
    except ShareOptionError as exc:
        print(_("facilitator {command}: {exc}").format(command=command, exc=exc), file=sys.stderr)
        return 2
    if not is_local(host):
        question = _(
            "Serve the members' view on {host}:{port}? Anyone who can reach this address and "
            "has the join code can follow the meeting and raise hands. [y/N] "
        ).format(host=host, port=port)
        if not (interactive or sys.stdin.isatty)():
            print(
                _(
                    "facilitator {command}: --bind {host} would serve beyond this computer; run it in a terminal to confirm, or serve on 127.0.0.1 behind a reverse proxy (docs/members-view.md)"
                ).format(command=command, host=host),
                file=sys.stderr,
            )
            return 1
        try:
            answer = ask(question)
        except EOFError:
            answer = ""
        # "y"/"yes" in every language, plus this language's own yes ("s", "sí").
        yes = {"y", "yes", *_("y|yes").split("|")}
        if answer.strip().lower() not in yes:
            print(
                _("facilitator {command}: not shared; nothing was started").format(command=command),
                file=sys.stderr,
            )
            return 1
    return ShareOptions(host=host, port=port, public_url=url)
