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

from facilitator.i18n import N_, _
from facilitator.tui.commands import CommandSpec, bindings_for, effective_key, specs_for

AREAS: dict[str, str] = {
    "register": N_("Archive views"),
    "decisions": N_("Decisions register"),
    "talk": N_("Talk time"),
    "minutes": N_("Minutes (opened with Enter)"),
    "review-app": N_("App"),
}
"""Areas in help order, with their headings."""

REVIEW_COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "review-tab-decisions",
        "1",
        "show_tab('decisions')",
        N_("Decisions"),
        N_("Show the decisions register."),
        "register",
        show=False,
    ),
    CommandSpec(
        "review-tab-due",
        "2",
        "show_tab('due')",
        N_("Due"),
        N_("Show the decisions due for review."),
        "register",
        show=False,
    ),
    CommandSpec(
        "review-tab-actions",
        "3",
        "show_tab('actions')",
        N_("Actions"),
        N_("Show the open actions, by owner."),
        "register",
        show=False,
    ),
    CommandSpec(
        "review-tab-conflicts",
        "4",
        "show_tab('conflicts')",
        N_("Conflicts"),
        N_("Show the open conflicts."),
        "register",
        show=False,
    ),
    CommandSpec(
        "review-tab-talk",
        "5",
        "show_tab('talk')",
        N_("Talk"),
        N_("Show talk time across meetings."),
        "register",
        show=False,
    ),
    CommandSpec(
        "review-open",
        "enter",
        "open_selected",
        N_("Open"),
        N_("Open the selected row's minutes."),
        "register",
        show=False,
    ),
    CommandSpec(
        "review-search",
        "slash",
        "search",
        N_("Search"),
        N_("Search the decisions: type words, or circle:, outcome:, since:, until:."),
        "decisions",
        key_display="/",
    ),
    CommandSpec(
        "review-circle",
        "c",
        "cycle_circle",
        N_("Circle"),
        N_("Filter the decisions by the next circle (then all again)."),
        "decisions",
    ),
    CommandSpec(
        "review-outcome",
        "o",
        "cycle_outcome",
        N_("Outcome"),
        N_("Filter the decisions by the next outcome (then all again)."),
        "decisions",
    ),
    CommandSpec(
        "review-clear",
        "escape",
        "clear",
        N_("Clear"),
        N_("Clear the search and the filters."),
        "decisions",
        show=False,
    ),
    CommandSpec(
        "review-talk-by",
        "g",
        "toggle_group",
        N_("Person/circle"),
        N_("Talk time per person, or per circle."),
        "talk",
    ),
    CommandSpec(
        "review-close",
        "escape,q",
        "close",
        N_("Back"),
        N_("Close the minutes and go back."),
        "minutes",
    ),
    CommandSpec("review-help", "f1", "help", N_("Help"), N_("Show every key."), "review-app"),
    CommandSpec(
        "review-quit", "ctrl+q", "quit", N_("Quit"), N_("Leave review mode."), "review-app"
    ),
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
        table.add_row("", Text(_(heading), style="bold underline"))
        for s in review_specs(area):
            table.add_row(Text(_shown(s, keymap), style="bold"), Text(_(s.help)))
        table.add_row("", "")
    return table
