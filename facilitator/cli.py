"""The `facilitator` command line: argparse with one subcommand per module in `commands/`.

Exit codes: 0 success, 1 bad input (message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from facilitator import __version__, commands


def _command_modules() -> list[ModuleType]:
    # Discovery keeps cli.py free of a central list that every feature edits.
    mods = []
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mods.append(importlib.import_module(f"facilitator.commands.{info.name}"))
    mods.sort(key=lambda m: getattr(m, "ORDER", 50))
    return mods


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every discovered subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run member meetings: speaking stack, timekeeping, consent rounds, minutes.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for mod in _command_modules():
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        mod.register(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` and run the chosen subcommand; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run = getattr(args, "_run", None)
    if run is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
