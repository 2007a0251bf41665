"""The `facilitator` command line: argparse with one subcommand per module in `commands/`.

Exit codes: 0 success, 1 bad input (message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from facilitator import __version__, commands


def _command_modules() -> list[ModuleType]:
    # Discovery keeps cli.py free of a central list that every feature edits. Only the
    # full parser (help, a mistyped command) pays for it: pkgutil alone costs ~15 ms.
    import pkgutil

    mods = []
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mods.append(importlib.import_module(f"facilitator.commands.{info.name}"))
    mods.sort(key=lambda m: getattr(m, "ORDER", 50))
    return mods


def _named_module(name: str) -> ModuleType | None:
    """The module of subcommand `name` when it is one (module names are the command names)."""
    if not name.isidentifier() or name.startswith("_"):
        return None
    # Importing it straight away, instead of asking importlib.util.find_spec first (another
    # ~15 ms of imports on every run): only *this* module being absent means "no such
    # command"; an import failing inside a command module is a bug, and is raised.
    module_name = f"facilitator.commands.{name}"
    try:
        mod = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return None
    return mod if getattr(mod, "NAME", None) == name else None


def build_parser(only: ModuleType | None = None) -> argparse.ArgumentParser:
    """The parser with every discovered subcommand, or with `only` that one.

    `facilitator decisions …` is the fast path: importing and registering the other
    ten commands costs more than the query itself, so the first argument picks one.
    """
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run member meetings: speaking stack, timekeeping, consent rounds, minutes.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for mod in [only] if only is not None else _command_modules():
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        mod.register(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` and run the chosen subcommand; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_named_module(argv[0]) if argv else None)
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
