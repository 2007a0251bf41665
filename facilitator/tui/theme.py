"""The high-contrast theme shipped beside Textual's own themes.

Colours are defined here once; every style sheet uses only theme variables
($primary, $warning, $error …), so any theme, this one included, restyles the app.
"""

from __future__ import annotations

from textual.color import Color, ColorParseError
from textual.theme import Theme

from facilitator.i18n import _
from facilitator.store.settings import Settings, SettingsError

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF00FF",
    warning="#FFB000",
    error="#FF4040",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    luminosity_spread=0.3,
    text_alpha=1.0,
    variables={
        "footer-key-foreground": "#FFFF00",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "border": "#FFFFFF",
        # Textual derives the unfocused border from the surface (black here), which
        # drew unfocused panel borders and titles black on black.
        "border-blurred": "#A0A0A0",
    },
)
"""Pure black and white with saturated accents, for projectors and low vision."""

DEFAULT_THEME = "textual-dark"
"""The theme used when the settings file names none."""


def theme_names() -> list[str]:
    """Every theme a settings file may name: Textual's own and ours, sorted."""
    from textual.theme import BUILTIN_THEMES

    return sorted({*BUILTIN_THEMES, HIGH_CONTRAST.name})


def check_theme(settings: Settings) -> None:
    """Refuse a theme that does not exist, naming the file, the line and the themes there are.

    Textual would raise `InvalidThemeError` (a traceback) when the app sets it.
    """
    if settings.theme is None or settings.theme in theme_names():
        return
    import difflib

    hint = difflib.get_close_matches(settings.theme, theme_names(), n=1)
    fix = " " + _('Did you mean "{theme}"?').format(theme=hint[0]) if hint else ""
    raise SettingsError(
        _('{where}: there is no theme "{theme}".{hint} The themes are: {themes}.').format(
            where=settings.where("theme"),
            theme=settings.theme,
            hint=fix,
            themes=", ".join(theme_names()),
        )
    )


MIN_CONTRAST = 3.0
"""WCAG's minimum contrast for user-interface parts (borders, panel titles) and large text."""

TEXT_CONTRAST = 4.5
"""WCAG's minimum contrast for body text."""


def contrast(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two opaque colours, 1 (same) to 21 (black on white)."""

    def luminance(c: Color) -> float:
        def channel(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

        r, g, b_ = c.rgb
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b_)

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _parse(value: str | None) -> Color | None:
    """A theme variable as a colour; None for terminal (ANSI) colours and non-colours."""
    if value is None:
        return None
    try:
        color = Color.parse(value)
    except ColorParseError:
        return None
    # ANSI colours are whatever the terminal's palette says: nothing to compute.
    return None if color.ansi is not None else color


READABLE: tuple[tuple[str, str, float, str], ...] = (
    # (variable, must stand out against, minimum ratio, blended towards)
    ("panel", "foreground", TEXT_CONTRAST, "background"),  # the status line's text
    ("surface", "foreground", TEXT_CONTRAST, "background"),  # modal forms' text
    ("border-blurred", "background", MIN_CONTRAST, "foreground"),  # unfocused panels
    ("border", "background", MIN_CONTRAST, "foreground"),  # the focused panel
    ("warning", "background", MIN_CONTRAST, "foreground"),  # one minute left; off the record
    ("error", "background", MIN_CONTRAST, "foreground"),  # time over; storage errors
    ("primary", "surface", MIN_CONTRAST, "foreground"),  # modal borders
)
"""The pairs of theme variables the style sheets put on top of each other."""


def readable_variables(variables: dict[str, str]) -> dict[str, str]:
    """The theme variables with every pair in `READABLE` readable.

    Many themes derive `$border-blurred` from the surface, a shade off the background,
    so an unfocused panel's border and title vanish (high-contrast drew them black on
    black), and light themes' orange `$warning` is unreadable on their light
    background. A colour that fails is blended towards the given variable just far
    enough to pass; a theme that already passes is unchanged. ANSI colours are the
    terminal's to choose and are left alone.
    """
    out = dict(variables)
    for name, against, minimum, toward in READABLE:
        color, other, target = (_parse(out.get(n)) for n in (name, against, toward))
        if color is None or other is None or target is None:
            continue
        if contrast(color, other) >= minimum:
            continue
        mixed = color
        for step in range(1, 21):
            mixed = color.blend(target, step / 20)
            if contrast(mixed, other) >= minimum:
                break
        out[name] = mixed.hex
    return out
