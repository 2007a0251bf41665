"""`--share`, `--bind` and `--public-url` for `facilitator run` and `facilitator resume`.

Binding anything but this computer's own address is asked first, on the terminal,
before the meeting screen takes it over: a plain question with the address, default No.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

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
        help="serve the members' view: members follow the meeting and raise hands from "
        f"their phones (http://{DEFAULT_HOST}:{DEFAULT_PORT} unless --bind says otherwise)",
    )
    parser.add_argument(
        "--bind",
        metavar="ADDR",
        help="with --share: the address to serve on, HOST[:PORT] (default "
        f"{DEFAULT_HOST}:{DEFAULT_PORT}, this computer only; anything else is asked first)",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="with --share: the address members open when it runs behind a reverse proxy, "
        "e.g. https://meet.example.org (see docs/members-view.md)",
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
                f"facilitator {command}: --bind and --public-url go with --share", file=sys.stderr
            )
            return 2
        return None
    try:
        host, port = parse_bind(bind) if bind is not None else (DEFAULT_HOST, DEFAULT_PORT)
        url = check_public_url(public) if public is not None else None
    except ShareOptionError as exc:
        print(f"facilitator {command}: {exc}", file=sys.stderr)
        return 2
    if not is_local(host):
        question = (
            f"Serve the members' view on {host}:{port}? Anyone who can reach this address and "
            "has the join code can follow the meeting and raise hands. [y/N] "
        )
        if not (interactive or sys.stdin.isatty)():
            print(
                f"facilitator {command}: --bind {host} would serve beyond this computer; "
                "run it in a terminal to confirm, or serve on 127.0.0.1 behind a reverse proxy "
                "(docs/members-view.md)",
                file=sys.stderr,
            )
            return 1
        try:
            answer = ask(question)
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print(f"facilitator {command}: not shared; nothing was started", file=sys.stderr)
            return 1
    return ShareOptions(host=host, port=port, public_url=url)
