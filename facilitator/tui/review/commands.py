"""The review mode's keyboard commands, declared once (the same `CommandSpec` shape as the run screen).

Each spec gives the Binding (with its `id`, so `[keys]` in the settings file can
remap it), the Footer label and the help line. They are kept apart from the
meeting registry in `tui/commands.py` because review is its own mode with its
own screens; ids start with `review-` so they never clash with meeting ones.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.binding import BindingType

from facilitator.tui.commands import CommandSpec, bindings_for, effective_key, specs_for

AREAS: dict[str, str] = {
    "register": "Archive views",
    "decisions": "Decisions register",
    "talk": "Talk time",
    "minutes": "Minutes (opened with Enter)",
    "review-app": "App",
}
"""Areas in help order, with their headings."""

REVIEW_COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "review-tab-decisions",
        "1",
        "show_tab('decisions')",
        "Decisions",
        "Show the decisions register.",
        "register",
        show=False,
    ),
    CommandSpec(
        "review-tab-due",
        "2",
        "show_tab('due')",
        "Due",
        "Show the decisions due for review.",
        "register",
        show=False,
    ),
    CommandSpec(
        "review-tab-actions",
        "3",
        "show_tab('actions')",
        "Actions",
        "Show the open actions, by owner.",
        "register",
        show=False,
    ),
    CommandSpec(
        "review-tab-conflicts",
        "4",
        "show_tab('conflicts')",
        "Conflicts",
        "Show the open conflicts.",
        "register",
        show=False,
    ),
    CommandSpec(
        "review-tab-talk",
        "5",
        "show_tab('talk')",
        "Talk",
        "Show talk time across meetings.",
        "register",
        show=False,
    ),
    CommandSpec(
        "review-open",
        "enter",
        "open_selected",
        "Open",
        "Open the selected row's minutes.",
        "register",
        show=False,
    ),
    CommandSpec(
        "review-search",
        "slash",
        "search",
        "Search",
        "Search the decisions: type words, or circle:, outcome:, since:, until:.",
        "decisions",
        key_display="/",
    ),
    CommandSpec(
        "review-circle",
        "c",
        "cycle_circle",
        "Circle",
        "Filter the decisions by the next circle (then all again).",
        "decisions",
    ),
    CommandSpec(
        "review-outcome",
        "o",
        "cycle_outcome",
        "Outcome",
        "Filter the decisions by the next outcome (then all again).",
        "decisions",
    ),
    CommandSpec(
        "review-clear",
        "escape",
        "clear",
        "Clear",
        "Clear the search and the filters.",
        "decisions",
        show=False,
    ),
    CommandSpec(
        "review-talk-by",
        "g",
        "toggle_group",
        "Person/circle",
        "Talk time per person, or per circle.",
        "talk",
    ),
    CommandSpec(
        "review-close", "escape,q", "close", "Back", "Close the minutes and go back.", "minutes"
    ),
    CommandSpec("review-help", "f1", "help", "Help", "Show every key.", "review-app"),
    CommandSpec("review-quit", "ctrl+q", "quit", "Quit", "Leave review mode.", "review-app"),
)
"""Every command of review mode."""


def review_specs(*areas: str) -> list[CommandSpec]:
    """The specs of these areas, in declaration order."""
    return specs_for(*areas, specs=REVIEW_COMMANDS)


def review_bindings(*areas: str) -> list[BindingType]:
    """Textual Bindings for these areas, each carrying its id for the keymap."""
    return bindings_for(*areas, specs=REVIEW_COMMANDS)


def _shown(s: CommandSpec, keymap: Mapping[str, str]) -> str:
    # A remapped key shows as remapped; the display form is only for the default key.
    key = effective_key(s, keymap)
    return s.key_display if key == s.key and s.key_display else key


def review_help_table(keymap: Mapping[str, str]) -> Table:
    """Key and meaning for every review command, grouped by area."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for area, heading in AREAS.items():
        table.add_row("", Text(heading, style="bold underline"))
        for s in review_specs(area):
            table.add_row(Text(_shown(s, keymap), style="bold"), Text(s.help))
        table.add_row("", "")
    return table
