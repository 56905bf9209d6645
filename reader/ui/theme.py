"""Which reading theme is in effect, and the bits of styling the widget layer must add.

The HTML renderer owns the look of an article (resources/themes/*.css); this module only
decides *which* theme applies ("system" follows the desktop's colour scheme) and adapts the
surroundings Qt draws itself: the view's background outside the text and zoom, because
QTextDocument ignores the widget font for text whose CSS gives an explicit size.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from reader.ui.settings import DEFAULT_FONT_SIZE

SYSTEM = "system"
_BODY_RULE = re.compile(r"body\s*\{([^}]*)\}", re.IGNORECASE)
_DECLARATION = re.compile(r"(?<![-\w])(color|background-color)\s*:\s*(#[0-9a-fA-F]{3,8})")
_POINT_SIZE = re.compile(r"(font-size\s*:\s*)(\d+(?:\.\d+)?)pt", re.IGNORECASE)


def system_theme() -> str:
    """ "dark" when the desktop asks for a dark colour scheme, else "light"."""
    app = QGuiApplication.instance()
    if app is None:
        return "light"
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def effective_theme(choice: str) -> str:
    return system_theme() if choice == SYSTEM else choice


def body_colours(css: str) -> tuple[QColor, QColor] | None:
    """(text, background) declared on ``body`` in a theme style sheet (the last rule wins)."""
    text = background = None
    for rule in _BODY_RULE.findall(css):
        for name, value in _DECLARATION.findall(rule):
            if name.lower() == "color":
                text = QColor(value)
            else:
                background = QColor(value)
    if text is None or background is None:
        return None
    return text, background


def themed_palette(base: QPalette, css: str) -> QPalette:
    """``base`` with the theme's page colours, so the margins match the article."""
    palette = QPalette(base)
    colours = body_colours(css)
    if colours is None:
        return palette
    text, background = colours
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Base, background)
        palette.setColor(group, QPalette.ColorRole.Text, text)
    return palette


def scale_point_sizes(html: str, font_size: int) -> str:
    """Scale every ``font-size: Npt`` of the document's style sheets to the chosen size.

    The themes size text in points (so one sheet serves screen and paper); zooming the view
    means scaling those sizes, relative to the default body size the themes are written for.
    Only ``<style>`` blocks are touched: the sanitized article body carries no inline styles.
    """
    if font_size == DEFAULT_FONT_SIZE:
        return html
    factor = font_size / DEFAULT_FONT_SIZE

    def scale_style(match: re.Match[str]) -> str:
        return _POINT_SIZE.sub(
            lambda size: f"{size.group(1)}{float(size.group(2)) * factor:.2f}pt", match.group(0)
        )

    return re.sub(r"<style>.*?</style>", scale_style, html, flags=re.DOTALL | re.IGNORECASE)
