"""The high-contrast theme shipped beside Textual's own themes.

Colours are defined here once; every style sheet uses only theme variables
($primary, $warning, $error …), so any theme, this one included, restyles the app.
"""

from __future__ import annotations

from textual.theme import Theme

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
    fix = f' Did you mean "{hint[0]}"?' if hint else ""
    raise SettingsError(
        f'{settings.where("theme")}: there is no theme "{settings.theme}".{fix} '
        f"The themes are: {', '.join(theme_names())}."
    )
