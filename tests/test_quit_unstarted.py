"""ctrl+q on a meeting that never started (nothing recorded beyond opening) just leaves, and
removes the empty journal as the start screen's "Start again" does, so the next run offers
no resume of nothing. Once anything was recorded it asks, as before. Real journals, Pilot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from facilitator.store.journal import Journal, read_journal
from facilitator.tui.live import latest_unfinished
from tests.test_tui_typeahead import burst, key_event, make_app, start


def journals(tmp: Path) -> list[Path]:
    return sorted((tmp / "minutes" / ".private").glob("*.journal.jsonl"))


async def test_quitting_a_meeting_that_never_started_leaves_without_asking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        assert app.meeting is not None
        (journal,) = journals(tmp_path)
        assert read_journal(journal).records == []  # opened, nothing recorded
        # Posted as the terminal would: the app leaves on it, so no wait for the next key.
        app.post_message(key_event("ctrl+q"))
        await pilot.pause()
    assert app.return_code == 0
    assert not journal.exists()
    assert not journal.with_name(journal.name + ".lock").exists()
    assert journals(tmp_path) == []
    assert latest_unfinished(tmp_path / "minutes") is None  # the next run offers no resume
    err: Any = capsys.readouterr().err
    assert "Resume it with" not in err


async def test_quitting_a_started_meeting_keeps_its_journal(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await start(app, pilot)
        await burst(app, "ctrl+q")
        assert type(app.screen).__name__ == "ConfirmScreen"
        await burst(app, "y")
        await pilot.pause()
    (journal,) = journals(tmp_path)
    assert read_journal(journal).records  # kept whole, resumable
    with Journal.open(journal) as again:  # and not left locked
        assert again.records
