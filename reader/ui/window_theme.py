"""Whole-window themes: the reading theme's colours on every widget, not just the page.

A palette on the Fusion style rather than a style sheet: Fusion draws every widget (lists,
headers, menus, the toolbar, the status bar, dialogs) from ``QPalette`` alone, on every
platform, while native styles (Windows, macOS) ignore parts of a custom palette. Style sheets
would also work but must restate every widget's look and break the native metrics.

The page colours (``Base``/``Text``) come from the theme's CSS ``body`` rule, so the list and
the page share one background; the rest is chosen here, each pair readable (WCAG contrast
>= 4.5, checked by the tests).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

FUSION = "fusion"
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class WindowColours:
    window: str
    window_text: str
    base: str
    alternate_base: str
    text: str
    button: str
    highlight: str
    highlighted_text: str
    link: str
    placeholder: str
    disabled_text: str
    mid: str


WINDOW_COLOURS: dict[str, WindowColours] = {
    "light": WindowColours(
        window="#efeff2",
        window_text="#1d1d1f",
        base="#ffffff",
        alternate_base="#f6f6f8",
        text="#1d1d1f",
        button="#e6e6ea",
        highlight="#1a5fb4",
        highlighted_text="#ffffff",
        link="#1a5fb4",
        placeholder="#5f5f64",
        disabled_text="#8e8e93",
        mid="#c4c4c9",
    ),
    "dark": WindowColours(
        window="#2b2d31",
        window_text="#dcdcdc",
        base="#1e1f22",
        alternate_base="#25262a",
        text="#dcdcdc",
        button="#34363b",
        highlight="#3a6ab0",
        highlighted_text="#ffffff",
        link="#78aeed",
        placeholder="#a2a2a8",
        disabled_text="#6e6e74",
        mid="#4a4c52",
    ),
    "sepia": WindowColours(
        window="#eadfc6",
        window_text="#433422",
        base="#f4ecd8",
        alternate_base="#efe5cf",
        text="#433422",
        button="#e2d5b7",
        highlight="#8a4b12",
        highlighted_text="#fff8ec",
        link="#8a4b12",
        placeholder="#6b5a45",
        disabled_text="#a5957c",
        mid="#cdbd9c",
    ),
}


def window_palette(theme: str) -> QPalette:
    """The palette for ``theme`` ("light", "dark", "sepia") in every colour group."""
    colours = WINDOW_COLOURS[theme]
    roles = QPalette.ColorRole
    palette = QPalette()
    pairs = {
        roles.Window: colours.window,
        roles.WindowText: colours.window_text,
        roles.Base: colours.base,
        roles.AlternateBase: colours.alternate_base,
        roles.Text: colours.text,
        roles.Button: colours.button,
        roles.ButtonText: colours.window_text,
        roles.BrightText: colours.highlighted_text,
        roles.Highlight: colours.highlight,
        roles.HighlightedText: colours.highlighted_text,
        roles.Link: colours.link,
        roles.LinkVisited: colours.link,
        roles.PlaceholderText: colours.placeholder,
        roles.ToolTipBase: colours.base,
        roles.ToolTipText: colours.text,
        roles.Mid: colours.mid,
        roles.Midlight: colours.alternate_base,
        roles.Light: colours.base,
        roles.Dark: colours.mid,
        roles.Shadow: colours.mid,
    }
    for role, value in pairs.items():
        palette.setColor(role, QColor(value))  # all colour groups
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        palette.setColor(disabled, role, QColor(colours.disabled_text))
    palette.setColor(disabled, roles.Highlight, QColor(colours.mid))
    return palette


def apply_window_theme(theme: str) -> None:
    """Give the whole application (every window and dialog) the palette of ``theme``."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if app.style().name().lower() != FUSION:
        style = QStyleFactory.create("Fusion")
        if style is not None:
            app.setStyle(style)
    QApplication.setPalette(window_palette(theme))


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def add_focus_outline(widget: QWidget) -> None:
    """Draw a highlight-coloured frame around ``widget`` while it has the keyboard focus.

    Fusion draws no focus frame around scroll areas (the article, the related list), so a
    keyboard user could not tell where the focus is. A transparent frame of the same width
    when unfocused keeps the content from shifting as the focus moves.
    """
    name = widget.objectName()
    if not name:
        raise ValueError("a focus outline needs a widget with an object name")
    widget.setStyleSheet(
        f"#{name} {{ border: 2px solid transparent; }}"
        f" #{name}:focus {{ border: 2px solid palette(highlight); }}"
    )
