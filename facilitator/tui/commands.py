"""Every keyboard command, declared once, by the part of the screen that owns it.

A `CommandSpec` names a command (its `id`, which the settings file remaps), its
default key, the Textual action it runs, a short footer label, a help sentence
and the *area* it belongs to. From that one declaration come:

- the `Binding` (with `id=`) via `bindings_for(area)` / `bindings_of(specs)`, in
  the owning widget's `BINDINGS` (its actions are that widget's own);
- the Footer label (Textual reads it from the Binding);
- the command palette entries (`MeetingCommandsProvider`);
- the F1 help screen (`HelpScreen` lists the current process's keys first).

The meeting's own commands are `MEETING_COMMANDS` below. A process declares its
keys in its own `facilitator/processes/<name>/panel_keys.py` (`KEYS`, `HELP`; see
docs/panels.md), and `all_commands()` collects them from the registry, so adding a
process needs no edit here. Keys work wherever the focus is: the run screen puts
every key owner in its binding chain (`tui/key_owners.py`).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from textual.binding import Binding, BindingType

from facilitator.i18n import N_, _
from facilitator.store.settings import Settings, SettingsError

AREA_TITLES: dict[str, str] = {
    "stack": N_("Speaking stack"),
    "item": N_("Current item and timebox"),
    "log": N_("Item log: notes, actions, credits, conflicts"),
    "meeting": N_("Meeting"),
    "app": N_("App"),
}
"""The meeting's own areas, with their headings (English, marked: `_()` where shown);
`area_titles()` adds each process's."""


@dataclass(frozen=True)
class CommandSpec:
    """One command the facilitator can give from the keyboard or the palette."""

    id: str
    """Stable id (kebab-case): the Binding id and the name used in `[keys]` of settings."""
    key: str
    """The default key (Textual key name, comma-separated for several)."""
    action: str
    """The Textual action it runs, on the widget or screen whose BINDINGS hold it."""
    label: str
    """A short label for the Footer (English, marked `N_`: translated where shown)."""
    help: str
    """One plain sentence for the help screen and the command palette (marked `N_`)."""
    area: str
    """Which part of the screen it belongs to; a key of AREA_TITLES."""
    show: bool = True
    """Shown in the Footer (rarely used ones stay in help and the palette only)."""
    priority: bool = False
    """Checked before the focused widget's own keys (for keys such as ctrl+z)."""
    key_display: str | None = None
    """How the Footer shows the default key, when Textual's own display is unclear."""


MEETING_COMMANDS: tuple[CommandSpec, ...] = (
    # --- the stack -------------------------------------------------------------------
    CommandSpec(
        "queue",
        "q",
        "queue('speak')",
        N_("Queue"),
        N_("Queue a person to speak: type to find them, Enter."),
        "stack",
    ),
    CommandSpec(
        "quick-queue",
        "k",
        "quick_queue",
        N_("Quick key"),
        N_("Queue by quick key: press k, then the person's key shown in the agenda."),
        "stack",
    ),
    CommandSpec(
        "point-of-process",
        "p",
        "queue('process')",
        N_("Process"),
        N_("Queue a point of process (goes first)."),
        "stack",
    ),
    CommandSpec(
        "direct-response",
        "d",
        "queue('direct')",
        N_("Direct"),
        N_("Queue a direct response to the current speaker."),
        "stack",
    ),
    CommandSpec(
        "clarify",
        "c",
        "queue('clarify')",
        N_("Clarify"),
        N_("Queue a clarifying question."),
        "stack",
        show=False,
    ),
    CommandSpec(
        "next-speaker",
        "n",
        "next_speaker",
        N_("Next"),
        N_("Give the floor to the next person in the stack."),
        "stack",
    ),
    CommandSpec(
        "floor-out-of-order",
        "G",
        "floor_out_of_order",
        N_("Floor…"),
        N_("Give the floor to a chosen person out of stack order, with a reason."),
        "stack",
        show=False,
        key_display="⇧G",
    ),
    CommandSpec(
        "end-turn", "e", "end_turn", N_("End turn"), N_("End the current speaker's turn."), "stack"
    ),
    CommandSpec(
        "withdraw",
        "w",
        "withdraw",
        N_("Withdraw"),
        N_("Take someone off the stack."),
        "stack",
        show=False,
    ),
    # --- the current item ---------------------------------------------------------------
    CommandSpec(
        "next-item",
        "N",
        "next_item",
        N_("Next item"),
        N_("Finish this item and start the next one."),
        "item",
        key_display="⇧N",
    ),
    CommandSpec(
        "choose-item",
        "i",
        "choose_item",
        N_("Item…"),
        N_("Choose which item to start."),
        "item",
        show=False,
    ),
    CommandSpec(
        "pause",
        "space",
        "pause_resume",
        N_("Pause"),
        N_("Pause or resume the timebox."),
        "item",
        key_display="space",
    ),
    CommandSpec(
        "extend", "x", "extend", N_("Extend"), N_("Extend the timebox, with a reason."), "item"
    ),
    CommandSpec(
        "add-item",
        "plus",
        "add_item",
        N_("Add item"),
        N_("Add an item after the current one."),
        "item",
        show=False,
        key_display="+",
    ),
    CommandSpec(
        "skip-item",
        "minus",
        "skip_item",
        N_("Skip item"),
        N_("Skip an item (with a reason)."),
        "item",
        show=False,
        key_display="-",
    ),
    CommandSpec(
        "defer-item",
        "D",
        "defer_item",
        N_("Defer item"),
        N_("Defer an item to a later meeting."),
        "item",
        show=False,
        key_display="⇧D",
    ),
    CommandSpec(
        "move-item",
        "M",
        "move_item",
        N_("Move item"),
        N_("Move an upcoming item."),
        "item",
        show=False,
        key_display="⇧M",
    ),
    # --- the log ------------------------------------------------------------------------
    CommandSpec("note", "m", "note", N_("Note"), N_("Add a note to this item."), "log"),
    CommandSpec(
        "action",
        "t",
        "add_action",
        N_("Action"),
        N_("Record an action (a task with an owner)."),
        "log",
    ),
    CommandSpec(
        "credit",
        "g",
        "credit",
        N_("Credit"),
        N_("Credit someone's contribution."),
        "log",
        show=False,
    ),
    CommandSpec(
        "conflict",
        "f",
        "conflict",
        N_("Conflict"),
        N_("Flag a conflict (can be confidential)."),
        "log",
        show=False,
    ),
    CommandSpec(
        "action-status",
        "T",
        "action_status",
        N_("Action status"),
        N_("Mark an action done or dropped."),
        "log",
        show=False,
        key_display="⇧T",
    ),
    CommandSpec(
        "conflict-update",
        "F",
        "conflict_update",
        N_("Conflict status"),
        N_("Change a conflict's status, next step or owner."),
        "log",
        show=False,
        key_display="⇧F",
    ),
    # --- the meeting --------------------------------------------------------------------
    CommandSpec(
        "arrive", "a", "arrive", N_("Arrive"), N_("Mark someone as arrived."), "meeting", show=False
    ),
    CommandSpec(
        "leave",
        "l",
        "leave",
        N_("Leave"),
        N_("Mark someone as having left."),
        "meeting",
        show=False,
    ),
    CommandSpec(
        "walk-in",
        "W",
        "walk_in",
        N_("Walk-in"),
        N_("Add someone not on the agenda (name, role, organization)."),
        "meeting",
        show=False,
        key_display="⇧W",
    ),
    CommandSpec(
        "recuse",
        "r",
        "recuse",
        N_("Recuse"),
        N_("Recuse someone from this item."),
        "meeting",
        show=False,
    ),
    CommandSpec(
        "off-record",
        "o",
        "off_record",
        N_("Off record"),
        N_("Go off the record, or back on it."),
        "meeting",
        show=False,
    ),
    CommandSpec(
        "undo",
        "ctrl+z",
        "undo",
        N_("Undo"),
        N_("Undo the last thing recorded."),
        "meeting",
        priority=True,
    ),
    CommandSpec(
        "redo",
        "ctrl+y,ctrl+shift+z",
        "redo",
        N_("Redo"),
        N_("Redo what undo just took back (while nothing was recorded since)."),
        "meeting",
        show=False,
        priority=True,
        key_display="ctrl+y",
    ),
    CommandSpec(
        "history",
        "h",
        "history",
        N_("History"),
        N_("The meeting's history: every act, what was undone and redone, and when."),
        "meeting",
        show=False,
    ),
    CommandSpec(
        "end-meeting",
        "E",
        "end_meeting",
        N_("End"),
        N_("End the meeting and write the final minutes."),
        "meeting",
        show=False,
        key_display="⇧E",
    ),
    # --- the shared screen ----------------------------------------------------------------
    CommandSpec(
        "sharing",
        "S",
        "toggle_sharing",
        N_("Sharing"),
        N_(
            "Sharing the screen on or off: while on, confidential items, what was recorded "
            "off the record and confidential conflicts are hidden on screen and in pickers; "
            "the end summary follows it and counts what it leaves out (⇧S there too). The "
            "status line says ⧉ sharing; the minutes and journal keep everything."
        ),
        "meeting",
        key_display="⇧S",
    ),
    CommandSpec(
        "presentation",
        "P",
        "presentation",
        N_("Present"),
        N_(
            "The presentation view for a projector or screen share: big clocks, the speaker, "
            "the next five, the consent tally; never anything confidential. The meeting keys "
            "still work in it; Escape or ⇧P returns."
        ),
        "meeting",
        key_display="⇧P",
    ),
    # --- reading in full (the folded agenda, a long proposal) -----------------------------
    CommandSpec(
        "full-agenda",
        "L",
        "full_agenda",
        N_("Agenda"),
        N_("Show the whole agenda, every title whole with its times (Escape closes)."),
        "item",
        show=False,
    ),
    CommandSpec(
        "read-proposal",
        "V",
        "read_proposal",
        N_("Read all"),
        N_("Read the current item's proposal and notes whole (Escape closes)."),
        "item",
        show=False,
    ),
    # --- the app ------------------------------------------------------------------------
    CommandSpec(
        "help",
        "f1",
        "help",
        N_("Help"),
        N_("Show the keys for the focused area."),
        "app",
        priority=True,
    ),
    # --- the members' view (`run --share`) ----------------------------------------------
    CommandSpec(
        "share",
        "U",
        "share",
        N_("Members"),
        N_(
            "Members' view: the join address and QR code, who joined as whom, the members' view "
            "on or off (⇧S is the shared-screen toggle, a different thing)."
        ),
        "app",
        show=False,
        key_display="⇧U",
    ),
    CommandSpec(
        "accept-hand",
        "H",
        "accept_hand",
        N_("Accept hand"),
        N_("Members' view: the oldest hand raised on a device (in the inbox) joins the stack."),
        "app",
        show=False,
    ),
)
"""The meeting's own commands (the stack, the item, the log, the meeting, the app); each
process's come from its `panel_keys.py` (`process_keys`). Ids are unique (`check_registry`)."""


@dataclass(frozen=True)
class ProcessKeys:
    """What one process's `panel_keys.py` declares for the keyboard and for F1."""

    area: str
    """The area of its keys: the process's name ("consent", "round")."""
    title: str
    """The heading of its keys in help (the process's title)."""
    specs: tuple[CommandSpec, ...]
    """Its commands (`KEYS` in its panel keys module)."""
    help: str
    """How the process runs, a paragraph for F1 (`HELP` in its panel keys module)."""
    any_item: bool
    """Its keys work on every item (`ANY_ITEM = True`: they sit on `STANDING`, a widget in
    its `panel_standing.py` the process slot always holds), not only while its own panel
    is mounted."""


@cache
def process_keys() -> tuple[ProcessKeys, ...]:
    """Each process's keys, read from its `panel_keys.py`, in registry order.

    Not from its `panel.py`: the footer, F1 and the keymap check need them at the first
    frame, and the panels (their widgets, forms and pickers) load only when an item of
    their kind is shown (issue 12). Imported late (first use): they import this module."""
    from facilitator.processes import PROCESSES

    out: list[ProcessKeys] = []
    for p in PROCESSES:
        name = f"facilitator.processes.{p.name}.panel_keys"
        if importlib.util.find_spec(name) is None:
            continue  # a process with no Textual side (nothing to press)
        module = importlib.import_module(name)
        specs: tuple[CommandSpec, ...] = tuple(getattr(module, "KEYS", ()))
        about: str = getattr(module, "HELP", "")
        any_item = bool(getattr(module, "ANY_ITEM", False))
        out.append(ProcessKeys(p.name, p.title, specs, about, any_item))
    return tuple(out)


@cache
def all_commands() -> tuple[CommandSpec, ...]:
    """The meeting's commands, then every process's (ids unique: `check_registry`)."""
    return (*MEETING_COMMANDS, *(s for pk in process_keys() for s in pk.specs))


def area_titles() -> dict[str, str]:
    """Every area in help-screen order (the processes' before "app"), with its heading."""
    out = {k: v for k, v in AREA_TITLES.items() if k != "app"}
    out.update((pk.area, pk.title) for pk in process_keys())  # `_()` where shown
    out["app"] = AREA_TITLES["app"]
    return out


def panel_areas() -> frozenset[str]:
    """Areas whose keys are bound only while their panel is mounted (one at a time), so
    two of them may give the same key to different commands."""
    return frozenset(pk.area for pk in process_keys() if not pk.any_item)


def spec(command_id: str) -> CommandSpec:
    """The spec with this id; KeyError when there is none."""
    for s in all_commands():
        if s.id == command_id:
            return s
    raise KeyError(command_id)


def specs_for(*areas: str, specs: Iterable[CommandSpec] | None = None) -> list[CommandSpec]:
    """The specs of these areas, in declaration order (of `specs`: the meeting's by default)."""
    return [s for s in (all_commands() if specs is None else specs) if s.area in areas]


def bindings_of(specs: Iterable[CommandSpec]) -> list[BindingType]:
    """Textual Bindings for these commands, each carrying its id for the keymap."""
    return [
        Binding(
            s.key,
            s.action,
            s.label,
            show=s.show,
            priority=s.priority,
            id=s.id,
            tooltip=s.help,
            key_display=s.key_display,
        )
        for s in specs
    ]


def bindings_for(*areas: str, specs: Iterable[CommandSpec] | None = None) -> list[BindingType]:
    """Textual Bindings for these areas' commands (see `bindings_of`)."""
    return bindings_of(specs_for(*areas, specs=specs))


def command_ids() -> set[str]:
    """Every declared command id (for validating `[keys]` in the settings file)."""
    return {s.id for s in all_commands()}


def effective_key(s: CommandSpec, keymap: Mapping[str, str]) -> str:
    """The key that runs `s` now: the user's remapping, else the default."""
    return keymap.get(s.id, s.key)


def key_clashes(
    keymap: Mapping[str, str], specs: Iterable[CommandSpec] | None = None
) -> list[tuple[str, CommandSpec, CommandSpec]]:
    """(key, first, second) for every key that two commands would share after remapping.

    Every meeting command is live at once wherever the focus is (the run screen chains
    every key owner), so a key given to two of them would silently run only one:
    `next-speaker = "space"` disables pause. Only two processes' panel keys may share a
    key, because one panel is mounted at a time (a vote's 1 and consent's 1).
    """
    exclusive = panel_areas()
    owners: dict[str, list[CommandSpec]] = {}
    out: list[tuple[str, CommandSpec, CommandSpec]] = []
    for s in all_commands() if specs is None else specs:
        for k in dict.fromkeys(part.strip() for part in effective_key(s, keymap).split(",")):
            for first in owners.get(k, ()):
                apart = first.area != s.area and {first.area, s.area} <= exclusive
                if first.id != s.id and not apart:
                    out.append((k, first, s))
                    break
            owners.setdefault(k, []).append(s)
    return out


def check_keymap(settings: Settings, specs: Iterable[CommandSpec] | None = None) -> None:
    """Refuse a remapping that gives one key to two commands; the message names both."""
    clashes = key_clashes(settings.keys, specs)
    if not clashes:
        return
    key, first, second = clashes[0]
    # Point at the line the user wrote: the remapped one of the two (or both).
    mine = [s for s in (first, second) if s.id in settings.keys] or [second]
    where = settings.where(f"keys.{mine[0].id}")

    def says(s: CommandSpec) -> str:
        how = _("remapped") if s.id in settings.keys else _("its default key")
        about = _(s.help).rstrip(".")
        return f'"{s.id}" ({about[:1].lower()}{about[1:]}; {how})'

    raise SettingsError(
        _(
            '{where}: the key "{key}" is given to two commands, {first} and {second}; '
            "give one of them another key under [keys]"
        ).format(where=where, key=key, first=says(first), second=says(second))
    )


# How the hints show a key: Textual's names for a few keys are not what is on the keycap.
_KEYCAPS = {"plus": "+", "minus": "-", "slash": "/", "question_mark": "?"}


def key_label(command_id: str, keymap: Mapping[str, str] | None = None) -> str:
    """The key that runs a command now, as hints on screen show it ("⇧N", "q", "ctrl+z").

    Hints name keys through this, so a remapped key shows in the hint too.
    """
    s = spec(command_id)
    key = effective_key(s, keymap or {})
    if key == s.key and s.key_display:
        return s.key_display
    first = key.split(",")[0].strip()
    if len(first) == 1 and first.isupper():
        return f"⇧{first}"
    return _KEYCAPS.get(first, first)


def app_keymap(widget: object) -> Mapping[str, str]:
    """The keymap in force in the app a widget is mounted in (empty outside the meeting app)."""
    app = getattr(widget, "app", None)
    keymap = getattr(app, "keymap", None)
    return keymap if isinstance(keymap, Mapping) else {}


def check_registry(specs: Iterable[CommandSpec] | None = None) -> list[str]:
    """Problems in the declarations (duplicate ids, unknown areas, clashing default keys)."""
    specs = list(all_commands() if specs is None else specs)
    problems: list[str] = []
    ids: set[str] = set()
    titles = area_titles()
    for s in specs:
        if s.id in ids:
            problems.append(f"duplicate command id {s.id!r}")
        ids.add(s.id)
        if s.area not in titles:
            problems.append(f"{s.id}: unknown area {s.area!r}")
    # Every key owner is in the binding chain at once (the app's too), so a default key
    # may be shared only by two process panels, which are never mounted together.
    problems += [f"{b.id}: key {k!r} is already {a.id!r}" for k, a, b in key_clashes({}, specs)]
    return problems
