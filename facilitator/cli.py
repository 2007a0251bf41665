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

from facilitator import __version__
from facilitator.i18n import LANGUAGES, N_, _

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 12)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import ModuleType

COMMANDS: tuple[tuple[str, str], ...] = (
    ("run", N_("Run a live meeting from an agenda file (offers to resume an unfinished one).")),
    ("resume", N_("Resume an unfinished meeting (default: the most recent one in the minutes folder).")),
    ("check", N_("Check agenda files; every mistake is listed as FILE:LINE: message.")),
    ("export", N_("Re-render a meeting's minutes from its journal (.private/<stem>.journal.jsonl).")),
    ("new", N_("Write a commented starter agenda (asks, or takes flags); never overwrites.")),
    ("next", N_("Write the next meeting's agenda from a meeting's minutes and what is still open.")),
    ("review", N_("Browse the minutes archive: decisions, reviews due, actions, conflicts, talk time.")),
    ("decisions", N_("Past decisions from the minutes: search, filter by circle, date, outcome, review due.")),
    ("actions", N_("Open action items across meetings, by owner (--all for every status).")),
    ("conflicts", N_("Open (and in-progress) conflicts across meetings; confidential ones never show.")),
    ("publish", N_("Publish final shared minutes to the network repository (commit, pull --rebase, push).")),
    ("sync", N_("Bring the network repository up to date and push minutes whose push is pending.")),
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


def _columns() -> int:
    """`shutil.get_terminal_size().columns`, computed as shutil does, without importing it.

    argparse makes a help formatter at every `add_argument` (to check the metavar), and
    its formatter imports shutil for the width, which brings bz2, lzma and zlib: ~3 ms of
    every start of the fast path. `COLUMNS` wins, then the terminal of stdout, then 80.
    """
    import os

    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        out = sys.__stdout__
        try:
            columns = 0 if out is None else os.get_terminal_size(out.fileno()).columns
        except (AttributeError, ValueError, OSError):  # no terminal, or a closed stdout
            columns = 0
    return columns if columns > 0 else 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, given its width without importing shutil (see `_columns`)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        # argparse takes 2 off the terminal's width when it computes it itself.
        super().__init__(
            prog, indent_increment, max_help_position, _columns() - 2 if width is None else width
        )


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="facilitator",
        formatter_class=HelpFormatter,
        description=_("Run member meetings: speaking stack, timekeeping, consent rounds, minutes."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"facilitator {__version__}",
        help=_("show the version and exit"),
    )
    _add_lang(parser)
    return parser


def _add_lang(parser: argparse.ArgumentParser) -> None:
    """`--lang`, which every subcommand takes (read early by `main`, before any parser)."""
    parser.add_argument(
        "--lang",
        metavar="LANG",
        choices=sorted(LANGUAGES),
        help=_(
            "the language of messages and help: en or es (default: the settings file's "
            "`language`, then the locale)"
        ),
    )


def build_parser(only: ModuleType | None = None) -> argparse.ArgumentParser:
    """The parser for subcommand module `only`, or, without it, the listing of every command.

    The listing's subparsers are empty (from `COMMANDS`, no module imported):
    `main` only uses it when the first argument is not a command.
    """
    parser = _top_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if only is not None:
        text = _(only.HELP)
        p = sub.add_parser(only.NAME, help=text, description=text, formatter_class=HelpFormatter)
        only.register(p)
        _add_lang(p)
        p.set_defaults(_run=only.run)
        return parser
    for name, english in COMMANDS:
        text = _(english)
        sub.add_parser(
            name, help=text, description=text, add_help=False, formatter_class=HelpFormatter
        )
    return parser


def _lang_flag(argv: Sequence[str]) -> str | None:
    """The value of `--lang` in `argv` (`--lang es` or `--lang=es`), read before parsing so
    that argparse's own help and errors are already in that language."""
    for i, arg in enumerate(argv):
        if arg == "--":
            return None
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def settings_file() -> str:
    """Where the settings file is, found without importing platformdirs on XDG systems.

    Every command start reads the file's `language`, and platformdirs costs about 10 ms
    there; on Linux and the BSDs its answer is `$XDG_CONFIG_HOME` or `~/.config`, which is
    computed here (tests/test_i18n.py checks it equals `store.settings.settings_path()`).
    """
    import os

    override = os.environ.get("FACILITATOR_CONFIG")  # store.settings.ENV_VAR
    if override:
        return override
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
        return os.path.join(base, "facilitator", "settings.toml")
    from facilitator.store.settings import settings_path

    return str(settings_path())


def _settings_language() -> str | None:
    """The settings file's `language`, or None (also when the file is unreadable: the
    command that loads the settings reports that itself, located)."""
    try:
        with open(settings_file(), "rb") as f:
            data = f.read()
    except OSError:
        return None
    if b"language" not in data:
        return None  # the common case: no TOML parsing at all
    import tomllib

    try:
        value = tomllib.loads(data.decode("utf-8")).get("language")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) else None


def main(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` and run the chosen subcommand; returns the exit status."""
    import os

    from facilitator import argparse_i18n
    from facilitator.i18n import choose_language, set_screen_language

    argv = list(sys.argv[1:] if argv is None else argv)
    argparse_i18n.install()
    chosen = choose_language(_lang_flag(argv), _settings_language, os.environ)
    previous = set_screen_language(chosen)
    try:
        return _main(argv)
    finally:
        # In-process callers (the tests) get the language they had back.
        set_screen_language(previous)


def _command_word(argv: Sequence[str]) -> str | None:
    """The subcommand's word: the first argument, or the one after a leading `--lang X`
    (`facilitator --lang es new --help` names `new` as `facilitator new --lang es` does)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang":
            i += 2
        elif arg.startswith("--lang="):
            i += 1
        else:
            return arg
    return None


def _main(argv: list[str]) -> int:
    word = _command_word(argv)
    mod = _named_module(word) if word is not None else None
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
        print(_("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
