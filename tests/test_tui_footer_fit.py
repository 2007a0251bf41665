"""The run screen's footer shows only keys that fit whole, and always the help key.

Textual's Footer clips its row at the palette key: at 80 and 100 columns the last key
read "⇧N N▏" or "space Paus▏". Checked on the drawn screen and on the widgets, at the
sizes a facilitator's laptop gives, and back again after a resize.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import build_app
from facilitator.tui.widgets.footer import HELP_KEY, MeetingFooter
from tests.test_tui_footer_order import agenda
from tests.tui_helpers import screen_text, settle


def _keys(app: object) -> tuple[list[FooterKey], list[FooterKey], FooterKey]:
    """(shown keys, hidden keys, the palette key) of the run screen's footer."""
    footer = app.screen.query_one(MeetingFooter)  # type: ignore[attr-defined]
    keys = [c for c in footer.children if isinstance(c, FooterKey)]
    palette = next(k for k in keys if k.has_class("-command-palette"))
    row = [k for k in keys if k is not palette]
    return [k for k in row if k.display], [k for k in row if not k.display], palette


def _check_fit(app: object, width: int) -> list[str]:
    shown, hidden, palette = _keys(app)
    assert shown and shown[-1].key == HELP_KEY, [k.key for k in shown]  # help: always
    for key in shown:  # each whole, left of the palette key
        assert key.region.width == key.outer_size.width > 0, key.key
        assert key.region.right <= palette.region.x, (width, key.key, key.region)
    if hidden:  # the first one left out would not have fitted before the help key
        help_key = shown[-1]
        room = palette.region.x - help_key.outer_size.width
        last = shown[-2].region.right if len(shown) > 1 else 0
        assert last + hidden[0].outer_size.width > room, (width, hidden[0].key)
    # What the terminal shows: every shown key's description whole on the bottom line.
    bottom = screen_text(app).splitlines()[-1]  # type: ignore[arg-type]
    for key in shown:
        assert f"{key.key_display} {key.description}" in bottom, (width, bottom)
    return [k.key for k in shown]


async def test_footer_keys_fit_whole_at_every_width(tmp_path: Path) -> None:
    app = build_app(
        None, agenda=agenda(), minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("N", "enter")  # the roll, and the proposal starts
        await settle(pilot)
        seen: dict[int, list[str]] = {}
        for width, height in ((80, 24), (100, 30), (200, 50), (80, 24)):
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            seen[width] = _check_fit(app, width)
        assert len(seen[80]) < len(seen[100]) < len(seen[200])
