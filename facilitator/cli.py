"""The `facilitator` command line: one subcommand per module in `commands/`.

Exit codes: 0 success, 1 bad input (message on stderr), 2 usage error.

The entry path is the fast path of `decisions`, `actions`, `conflicts` and
`check`, whose whole run should cost about what `rg` does. So it imports only
the standard library's argparse here, picks the subcommand by the first
argument from the static `COMMANDS` table (no pkgutil or inspect discovery,
which cost ~15-30 ms at every start), imports that one module and builds only
its parser. The table is what `facilitator --help` lists; a test checks that
it names exactly the modules in `commands/`, with their `HELP` and `ORDER`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TYPE_CHECKING

from facilitator import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import ModuleType

COMMANDS: tuple[tuple[str, str], ...] = (
    ("run", "Run a live meeting from an agenda file (offers to resume an unfinished one)."),
    ("resume", "Resume an unfinished meeting (default: the most recent one in the minutes folder)."),
    ("check", "Check agenda files; every mistake is listed as FILE:LINE: message."),
    ("export", "Re-render a meeting's minutes from its journal (.private/<stem>.journal.jsonl)."),
    ("new", "Write a commented starter agenda (asks, or takes flags); never overwrites."),
    ("next", "Write the next meeting's agenda from a meeting's minutes and what is still open."),
    ("review", "Browse the minutes archive: decisions, reviews due, actions, conflicts, talk time."),
    ("decisions", "Past decisions from the minutes: search, filter by circle, date, outcome, review due."),
    ("actions", "Open action items across meetings, by owner (--all for every status)."),
    ("conflicts", "Open (and in-progress) conflicts across meetings; confidential ones never show."),
    ("publish", "Publish final shared minutes to the network repository (commit, pull --rebase, push)."),
    ("sync", "Bring the network repository up to date and push minutes whose push is pending."),
)
"""Every subcommand as (name, help), in the order `--help` lists them: each module's
`NAME` and `HELP`, sorted by its `ORDER` (tests/test_cli_entry.py keeps them equal)."""

_NAMES = frozenset(name for name, _ in COMMANDS)


def _named_module(name: str) -> ModuleType | None:
    """The module of subcommand `name` when it is one (module names are the command names)."""
    if name not in _NAMES:
        return None
    # An import failing inside a command module is a bug or a broken install: raised, never
    # taken for "no such command".
    mod = importlib.import_module(f"facilitator.commands.{name}")
    return mod if getattr(mod, "NAME", None) == name else None


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run member meetings: speaking stack, timekeeping, consent rounds, minutes.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    return parser


def build_parser(only: ModuleType | None = None) -> argparse.ArgumentParser:
    """The parser for subcommand module `only`, or, without it, the listing of every command.

    The listing's subparsers are empty (from `COMMANDS`, no module imported):
    `main` only uses it when the first argument is not a command.
    """
    parser = _top_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if only is not None:
        p = sub.add_parser(only.NAME, help=only.HELP, description=only.HELP)
        only.register(p)
        p.set_defaults(_run=only.run)
        return parser
    for name, text in COMMANDS:
        sub.add_parser(name, help=text, description=text, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` and run the chosen subcommand; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    mod = _named_module(argv[0]) if argv else None
    if mod is None:
        # No command named first: `--help`, `--version`, a mistyped command (a usage error
        # listing the choices) or nothing at all (the listing, status 2). A command word
        # after an option is refused here too: its listing entry takes no arguments.
        build_parser().parse_args(argv)
        build_parser().print_help(sys.stderr)
        return 2
    args = build_parser(mod).parse_args(argv)
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
