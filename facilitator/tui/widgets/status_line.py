"""The one-line status bar: meeting clock, pace, quorum, attendance, off the record."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from facilitator.tui.commands import app_keymap, key_label
from facilitator.tui.format import clock
from facilitator.tui.view import StatusView


def status_text(
    view: StatusView,
    now: float,
    width: int | None = None,
    keymap: Mapping[str, str] | None = None,
    share: str = "",
) -> Text:
    """The status line's content; labels carry the meaning, styles only emphasise it.

    Given the `width` it has, it stays on one line: the quorum count keeps its full wording
    (the same as the item panel's and the minutes'), so the plan and then who else is here
    give way first. Key hints follow `keymap` (the user's remapped keys).
    """
    if share:  # the members' view (`run --share`): devices connected, hands to accept
        width = None if width is None else width - len(share) - 3
        return Text(" · ").join([status_text(view, now, width, keymap), Text(share)])
    full = _status_text(view, now, keymap, pace=True, attendance=True)
    if width is None or width <= 0 or full.cell_len <= width:
        return full
    shorter = _status_text(view, now, keymap, pace=True, attendance=False)
    if shorter.cell_len <= width:
        return shorter
    return _status_text(view, now, keymap, pace=False, attendance=False)


def _status_text(
    view: StatusView, now: float, keymap: Mapping[str, str] | None, *, pace: bool, attendance: bool
) -> Text:
    parts: list[Text] = []
    if view.sharing:
        # Always first and never dropped for width: the facilitator must see it is on.
        parts.append(Text("⧉ sharing", style="reverse"))
    if view.off_record:
        parts.append(Text("● OFF THE RECORD", style="reverse bold"))
    if not view.started:
        start = key_label("next-item", keymap)
        parts.append(Text(f"Not started: {start} takes the roll and starts", style="bold"))
        if view.planned_end:
            parts.append(Text(f"planned end {view.planned_end}"))
        return Text(" · ").join(parts)
    if view.ended:
        # After the end, the facts only: how long it took and when it ended.
        parts.append(Text("■ ENDED", style="bold"))
        parts.append(Text(f"⏲ {clock(view.meeting.at(now))}"))
        if view.projected_end:
            parts.append(Text(f"ended {view.projected_end} (plan {view.planned_end or '?'})"))
        return Text(" · ").join(parts)
    parts.append(Text(f"⏲ {clock(view.meeting.at(now))}"))
    if view.planned_end or view.projected_end:
        plan = f" (plan {view.planned_end or '?'})" if pace else ""
        parts.append(Text(f"ends ~{view.projected_end or '?'}{plan}"))
    if view.at_risk:
        parts.append(Text(f"⚠ {view.at_risk} at risk", style="bold"))
    if view.quorum:
        parts.append(Text(view.quorum, style="" if view.quorum_met else "bold reverse"))
    if view.attendance and attendance:
        parts.append(Text(view.attendance))
    return Text(" · ").join(parts)


class StatusLine(Static):
    """Re-renders from `view` and from `now` (the 1-second clock)."""

    view: reactive[StatusView] = reactive(StatusView)
    now: reactive[float] = reactive(0.0, repaint=False)  # the watcher draws what moved
    share: reactive[str] = reactive("")
    """The members' view's part ("3 devices"), "" when not sharing."""

    def watch_view(self, view: StatusView) -> None:
        self.set_class(view.off_record, "-off-record")
        self.set_class(not view.quorum_met, "-no-quorum")
        self.update(status_text(view, self.now, self.size.width, app_keymap(self), self.share))

    def watch_now(self, now: float) -> None:
        # The clock moved, nothing else: one line before and after needs no new layout
        # of the screen (issue 12: each tick laid the whole screen out again).
        text = status_text(self.view, now, self.size.width, app_keymap(self), self.share)
        one = _one_line(text, self.size.width)
        self.update(text, layout=not (one and getattr(self, "_was_one_line", False)))
        self._was_one_line = one

    def watch_share(self) -> None:
        self.update(status_text(self.view, self.now, self.size.width, app_keymap(self), self.share))

    def on_resize(self) -> None:
        self.update(status_text(self.view, self.now, self.size.width, app_keymap(self), self.share))


def _one_line(text: Text, width: int) -> bool:
    return "\n" not in text.plain and 0 < text.cell_len <= width
