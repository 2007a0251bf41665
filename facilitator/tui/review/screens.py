"""The review screens: the archive register (tabs), one meeting's minutes, and help.

`RegisterScreen` owns the open archive and the filter state, and pushes rows
down into its DataTables (DataTable, not ListView: it stays flat as rows grow;
see MEASURED.md). Tabs other than the first are filled when first shown, so
the first frame only pays for one table. `MinutesView` renders the body with
Rich's Markdown inside one Static (7× faster to first frame than Textual's
Markdown widget on a 600-line file, MEASURED.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Static, TabbedContent, TabPane

from facilitator.i18n import N_, _, ngettext, pgettext
from facilitator.store.archive import OUTCOMES, Archive, Filters
from facilitator.tui.commands import effective_key
from facilitator.tui.review import tables
from facilitator.tui.review.commands import REVIEW_COMMANDS, review_bindings, review_help_table
from facilitator.tui.review.query import parse_search
from facilitator.tui.review.trends import talk_trends
from facilitator.tui.translate import translate_bindings

__all__ = ["MAX_ROWS", "MinutesView", "RegisterScreen", "ReviewHelpScreen"]

MAX_ROWS = 150
"""Rows shown per table; more are counted ("refine the search"), since nobody reads 2,000."""
TABS = ("decisions", "due", "actions", "conflicts", "talk")
"""Tab ids, in the order of the keys 1–5."""


def _table(table_id: str) -> DataTable[Text]:
    table: DataTable[Text] = DataTable(id=table_id, cursor_type="row", zebra_stripes=True)
    return table


class RegisterScreen(Screen[None]):
    """Tabs over the archive: decisions (searchable), due for review, actions, conflicts, talk."""

    BINDINGS: ClassVar[list[BindingType]] = review_bindings("register", "decisions", "talk")

    def __init__(self, archive: Archive, today: dt.date) -> None:
        super().__init__()
        translate_bindings(self)
        self.archive = archive
        """The open, synced archive."""
        self.today = today
        """The day "due" counts from."""
        self.circles: list[str] = archive.circles()
        """Circles to cycle through with `c`."""
        self.circle: str | None = None
        """The cycled circle filter (None: all)."""
        self.outcome: str | None = None
        """The cycled outcome filter (None: all)."""
        self.talk_by = "person"
        """Talk time per "person" or per "circle"."""
        self._filled: set[str] = set()

    def compose(self) -> ComposeResult:
        report = self.archive.report
        meetings = len(self.archive.meetings())
        n = len(report.problems)
        skipped = _(" · {n} skipped").format(n=n) if n else ""
        said = ngettext("{n} meeting", "{n} meetings", meetings).format(n=meetings)
        yield Static(
            Text(f"{said}{skipped} · {self.archive.folder}", no_wrap=True),
            id="review-title",
        )

        def tab(tab_id: str, title: str) -> str:
            return f"{self._key(f'review-tab-{tab_id}')} {title}"

        with TabbedContent(initial="decisions", id="review-tabs"):
            with TabPane(tab("decisions", pgettext("review tab", "Decisions")), id="decisions"):
                yield Input(placeholder=self._placeholder(), id="review-search")
                yield Static(id="decisions-status", classes="review-status")
                yield _table("decisions-table")
            with TabPane(tab("due", pgettext("review tab", "Due")), id="due"):
                yield Static(id="due-status", classes="review-status")
                yield _table("due-table")
            with TabPane(tab("actions", pgettext("review tab", "Actions")), id="actions"):
                yield Static(id="actions-status", classes="review-status")
                yield _table("actions-table")
            with TabPane(tab("conflicts", pgettext("review tab", "Conflicts")), id="conflicts"):
                yield Static(id="conflicts-status", classes="review-status")
                yield _table("conflicts-table")
            with TabPane(tab("talk", pgettext("review tab", "Talk")), id="talk"):
                yield Static(id="talk-status", classes="review-status")
                yield _table("talk-table")
        yield Footer()

    def on_mount(self) -> None:
        self._fill("decisions")
        # The table, not the search box, has the focus at first: the keys 1–5 switch tabs
        # (in the search box they type, since a search may hold dates); / goes to search.
        self.query_one("#decisions-table", DataTable).focus()

    def on_resize(self) -> None:
        """The hint and the tables' text columns follow the window's width: the tab shown
        is filled again now, the others when they are next shown."""
        self.query_one("#review-search", Input).placeholder = self._placeholder()
        shown = self.query_one(TabbedContent).active
        if self._filled:
            self._filled.clear()
            if shown in TABS:
                self._fill(shown)

    def _placeholder(self) -> str:
        """The search box's hint, with how to leave it when the box is wide enough: cut at
        80 columns it read "… (Enter or Esc: back to th"."""
        search = _("Search: words, circle:, outcome:, since:, until:")
        leave = _("(Enter or Esc: back to the table)")
        whole = f"{search} {leave}"
        # The box's border and padding take 4 columns of the screen's width.
        return whole if cell_len(whole) <= self.app.size.width - 4 else search

    # ---- filling -----------------------------------------------------------------------

    def _text_width(self, used: int) -> int:
        return max(20, self.app.size.width - used)

    def _put(
        self,
        tab: str,
        columns: Sequence[str],
        rows: Sequence[tuple[Text, ...]],
        keys: Sequence[str],
    ) -> None:
        table = self.query_one(f"#{tab}-table", DataTable)
        table.clear(columns=True)
        table.add_columns(*(_(c) for c in columns))  # headings are marked N_ in tables
        # Row keys must be unique and one meeting has many rows: number them.
        for n, (row, key) in enumerate(zip(rows[:MAX_ROWS], keys, strict=False)):
            table.add_row(*row, key=f"{n}|{key}")

    def _key(self, command_id: str) -> str:
        """The key that runs a review command now (hints follow the user's remapping)."""
        s = next(c for c in REVIEW_COMMANDS if c.id == command_id)
        key = effective_key(s, getattr(self.app, "keymap", {}))
        if key == s.key and s.key_display:
            return s.key_display
        return key.split(",")[0]

    def _status(self, tab: str, text: str) -> None:
        self.query_one(f"#{tab}-status", Static).update(Text(text))

    def _count(self, shown: int, total: int, noun: str) -> str:
        # `noun` is marked where it is named (N_) and said here.
        if total == 0:
            return _("No {noun} match.").format(noun=_(noun))
        if total > shown:
            return _("{total} {noun}; showing the first {shown}: refine the search").format(
                total=total, noun=_(noun), shown=shown
            )
        return _("{total} {noun}").format(total=total, noun=_(noun))

    def _fill(self, tab: str) -> None:
        self._filled.add(tab)
        getattr(self, f"_fill_{tab}")()

    def _fill_decisions(self) -> None:
        query = parse_search(self.query_one("#review-search", Input).value)
        f = query.filters(self.today, circle=self.circle, outcome=self.outcome)
        hits = self.archive.decisions(f)
        narrow = self.app.size.width < 100
        width = self._text_width(49 if narrow else 61)
        # The processes' outcomes (votes) stand among the decisions, newest meeting first;
        # an outcome filter is a decision's, so it keeps decisions only.
        outcomes = [] if f.outcome else self.archive.outcomes(f)
        both = sorted(
            [(h.date, tables.decision_row(h, width, narrow=narrow), h.path) for h in hits]
            + [(o.date, tables.outcome_row(o, width, narrow=narrow), o.path) for o in outcomes],
            key=lambda r: r[0],
            reverse=True,
        )
        hits_count = len(both)
        rows = [r for _d, r, _p in both[:MAX_ROWS]]
        columns = tables.NARROW_DECISION_COLUMNS if narrow else tables.DECISION_COLUMNS
        self._put("decisions", columns, rows, [p for _d, _r, p in both])
        parts = [self._count(len(rows), hits_count, N_("decisions"))]
        # `circle:` and `outcome:` are the search words, typed the same in every language.
        if f.circle:
            parts.append(f"circle: {f.circle}")
        if f.outcome:
            parts.append(f"outcome: {f.outcome}")
        parts += query.problems
        self._status("decisions", " · ".join(parts))

    def _fill_due(self) -> None:
        hits = self.archive.decisions(Filters(today=self.today, due_within=0))
        hits.sort(key=lambda h: (h.review or h.date, h.path))
        width = self._text_width(62)
        rows = [tables.due_row(h, self.today, width) for h in hits[:MAX_ROWS]]
        self._put("due", tables.DUE_COLUMNS, rows, [h.path for h in hits])
        noun = N_("adopted decisions whose review date has passed")
        self._status("due", self._count(len(rows), len(hits), noun))

    def _fill_actions(self) -> None:
        hits = self.archive.actions(Filters(today=self.today))
        rows = tables.action_rows(hits[:MAX_ROWS], self._text_width(66))
        self._put("actions", tables.ACTION_COLUMNS, rows, [h.path for h in hits])
        owners = len({h.owner for h in hits})
        text = self._count(len(rows), len(hits), N_("open actions"))
        said = ngettext(
            "{text} · {n} owner · Enter opens the latest minutes",
            "{text} · {n} owners · Enter opens the latest minutes",
            owners,
        )
        self._status("actions", said.format(text=text, n=owners))

    def _fill_conflicts(self) -> None:
        hits = self.archive.conflicts(Filters(today=self.today))
        headings = [_(c) for c in tables.CONFLICT_COLUMNS]
        rows = tables.conflict_rows(hits[:MAX_ROWS], headings, self.app.size.width)
        self._put("conflicts", tables.CONFLICT_COLUMNS, rows, [h.path for h in hits])
        text = self._count(len(rows), len(hits), N_("open conflicts"))
        said = _("{text} · confidential entries are never in shared minutes")
        self._status("conflicts", said.format(text=text))

    def _fill_talk(self) -> None:
        trends = talk_trends(self.archive.talk(), by=self.talk_by)
        rows = [tables.talk_row(r) for r in trends]
        self._put("talk", tables.TALK_COLUMNS, rows, [f"talk:{r.name}" for r in trends])
        self._status(
            "talk",
            (
                _("Talk time per person across all meetings · {key}: switch")
                if self.talk_by == "person"
                else _("Talk time per circle across all meetings · {key}: switch")
            ).format(key=self._key("review-talk-by")),
        )

    # ---- events and actions ------------------------------------------------------------

    @on(Input.Changed, "#review-search")
    def _search_changed(self) -> None:
        self._fill_decisions()

    @on(Input.Submitted, "#review-search")
    def _search_done(self) -> None:
        self.query_one("#decisions-table", DataTable).focus()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        tab = event.pane.id or ""
        if tab in TABS and tab not in self._filled:
            self._fill(tab)

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self._open(event.row_key.value)

    def _open(self, row_key: str | None) -> None:
        key = (row_key or "").partition("|")[2]
        if not key or key.startswith("talk:"):
            return
        path = self.archive.folder / key
        self.app.push_screen(MinutesView(path))

    def action_open_selected(self) -> None:
        """Enter outside a table: open the row under the cursor of the shown tab."""
        tab = self.query_one(TabbedContent).active
        table = self.query_one(f"#{tab}-table", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self._open(key.value)

    def action_show_tab(self, tab: str) -> None:
        """Keys 1–5: show a tab and put the cursor in its table."""
        self.query_one(TabbedContent).active = tab
        if tab not in self._filled:
            self._fill(tab)
        self.query_one(f"#{tab}-table", DataTable).focus()

    def action_search(self) -> None:
        """/: to the search box of the decisions register."""
        self.query_one(TabbedContent).active = "decisions"
        self.query_one("#review-search", Input).focus()

    def _cycle(self, options: Sequence[str], current: str | None) -> str | None:
        if not options:
            return None
        if current not in options:
            return options[0]
        i = options.index(current) + 1
        return options[i] if i < len(options) else None

    def action_cycle_circle(self) -> None:
        """c: the next circle (then all again)."""
        self.circle = self._cycle(self.circles, self.circle)
        self.action_show_tab("decisions")
        self._fill_decisions()

    def action_cycle_outcome(self) -> None:
        """o: the next outcome (then all again)."""
        self.outcome = self._cycle(OUTCOMES, self.outcome)
        self.action_show_tab("decisions")
        self._fill_decisions()

    def action_clear(self) -> None:
        """Escape: clear the search box and the cycled filters (and leave the search box)."""
        self.circle = self.outcome = None
        search = self.query_one("#review-search", Input)
        if search.has_focus:
            self.query_one("#decisions-table", DataTable).focus()
        if search.value:
            search.value = ""  # Input.Changed refills the table
        else:
            self._fill_decisions()

    def action_toggle_group(self) -> None:
        """g: talk time per person, or per circle."""
        self.talk_by = "circle" if self.talk_by == "person" else "person"
        self.action_show_tab("talk")
        self._fill_talk()


def minutes_body(text: str) -> str:
    """The Markdown body of a minutes file (the `+++` front matter left out)."""
    if text.startswith("+++\n"):
        end = text.find("\n+++\n", 3)
        if end >= 0:
            return text[end + 5 :]
    return text


class MinutesView(Screen[None]):
    """One meeting's minutes, rendered; Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = review_bindings("minutes")

    def __init__(self, path: Path) -> None:
        super().__init__()
        translate_bindings(self)
        self.path = path
        """The minutes file shown."""

    def compose(self) -> ComposeResult:
        # Imported here: markdown-it costs ~0.1 s, which the register's first frame need not pay.
        from rich.markdown import Markdown

        try:
            body = minutes_body(self.path.read_text(encoding="utf-8"))
            shown: Markdown | Text = Markdown(body)
        except (OSError, UnicodeDecodeError) as exc:
            shown = Text(_("{path}: cannot be read ({exc})").format(path=self.path, exc=exc))
        yield Static(Text(str(self.path.name)), id="minutes-title")
        with VerticalScroll(id="minutes-scroll"):
            yield Static(shown, id="minutes-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#minutes-scroll").focus()

    def action_close(self) -> None:
        """Escape: back to the register."""
        self.dismiss(None)


class ReviewHelpScreen(ModalScreen[None]):
    """Every review key; F1, Escape or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", N_("Close"), id="review-help-close")
    ]

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        translate_bindings(self)
        self._keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="modal-box"):
            yield Static(Text(_("Review keys (Escape closes; ctrl+p searches commands)")))
            yield Static(review_help_table(self._keymap), id="review-help-table")

    def action_close(self) -> None:
        self.dismiss(None)
