"""Every theme the palette offers draws the app's text and borders readably.

Issue 11: the high-contrast theme drew unfocused panel titles and borders black on
black, and light themes' orange warning vanished on their background. The pairs the
style sheets put on top of each other are listed in `theme.READABLE`; this checks
each of them, after the app's adjustment, for every theme the app registers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from facilitator.core.agenda import Agenda
from facilitator.core.clock import FakeClock
from facilitator.store.settings import Settings
from facilitator.tui.app import FacilitatorApp, build_app
from facilitator.tui.theme import (
    HIGH_CONTRAST,
    MIN_CONTRAST,
    READABLE,
    TEXT_CONTRAST,
    contrast,
    readable_variables,
)


def _app(tmp_path: Path) -> FacilitatorApp:
    agenda = Agenda.model_validate(
        {"meeting": {"title": "Call"}, "items": [{"title": "Check-in", "duration": 5}]}
    )
    return build_app(
        None, agenda=agenda, minutes_dir=tmp_path, clock=FakeClock(), settings=Settings()
    )


def _themes() -> list[str]:
    # Building the app writes nothing (the journal opens when it runs).
    return sorted(_app(Path("/nonexistent-never-written")).available_themes)


def _color(value: str) -> Color | None:
    color = Color.parse(value)
    return None if color.ansi is not None else color


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(Color(18, 18, 18), Color(18, 18, 18)) == pytest.approx(1.0)
    # #767676 on white is the classic 4.54:1 grey.
    assert contrast(Color(0x76, 0x76, 0x76), Color(255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("name", _themes())
def test_every_theme_is_readable(tmp_path: Path, name: str) -> None:
    app = _app(tmp_path)
    app.theme = name
    variables = app.get_css_variables()
    checks = [*READABLE, ("foreground", "background", TEXT_CONTRAST, "")]
    failures = []
    for a, b, minimum, _ in checks:
        ca, cb = _color(variables[a]), _color(variables[b])
        if ca is None or cb is None:
            continue  # an ANSI theme: the terminal's palette decides
        ratio = contrast(ca, cb)
        if ratio < minimum:
            failures.append(f"{a} on {b}: {ratio:.2f} < {minimum}")
    assert failures == [], f"{name}: {failures}"


def test_high_contrast_unfocused_borders_are_not_black_on_black(tmp_path: Path) -> None:
    app = _app(tmp_path)
    app.theme = HIGH_CONTRAST.name
    variables = app.get_css_variables()
    blurred = Color.parse(variables["border-blurred"])
    assert contrast(blurred, Color.parse(variables["background"])) >= MIN_CONTRAST
    assert blurred != Color(0, 0, 0)


def test_a_readable_theme_is_left_as_it_is() -> None:
    variables = {
        "background": "#000000",
        "foreground": "#FFFFFF",
        "panel": "#000000",
        "surface": "#000000",
        "border-blurred": "#A0A0A0",
        "border": "#FFFFFF",
        "warning": "#FFB000",
        "error": "#FF4040",
        "primary": "#FFFF00",
    }
    assert readable_variables(variables) == variables


def test_a_failing_colour_moves_only_as_far_as_needed() -> None:
    variables = {"background": "#E0E0E0", "foreground": "#1F1F1F", "warning": "#FFA62B"}
    out = readable_variables(variables)
    ratio = contrast(Color.parse(out["warning"]), Color.parse("#E0E0E0"))
    assert MIN_CONTRAST <= ratio < MIN_CONTRAST + 1.5
    assert out["background"] == "#E0E0E0"
