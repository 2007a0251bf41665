"""One module per CLI subcommand, listed in `facilitator.cli.COMMANDS` (a test keeps them equal).

Each module defines `NAME`, `HELP`, `register(parser)` and `run(args) -> int`.
Module top levels import only the standard library, so that building the
parser stays cheap; heavy imports (pydantic, textual) happen inside `run`.
"""
