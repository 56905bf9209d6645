"""The window's theme choice (light, dark, sepia or the system's), and applying it.

A theme change reaches the window's palette, the reading view and related list's style
sheets, the checked menu entry, the toolbar button's label and the open article, which is
rendered again in place; the system's own light/dark switch does the same when the choice
is "system". That is one responsibility, kept apart from the window's wiring.
``MainWindow.theme_choice``/``effective_theme``/``set_theme`` delegate here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt

from reader.ui.actions import theme_label
from reader.ui.theme import SYSTEM, effective_theme, themed_palette
from reader.ui.window_theme import add_focus_outline, apply_window_theme

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class ThemeControl(QObject):
    """Holds one window's theme choice (saved in its settings) and applies it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.choice = window.settings.theme()

    @property
    def effective_theme(self) -> str:
        return effective_theme(self.choice)

    def set_theme(self, choice: str) -> None:
        self.window.settings.set_theme(choice)  # validates
        self.choice = choice
        self.apply()

    def system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.choice == SYSTEM:
            self.apply()

    def apply(self) -> None:
        from reader.render.html import theme_css

        window = self.window
        view = window.reader_view
        theme = self.effective_theme
        window.commands.themes[self.choice].setChecked(True)
        window.theme_button.setText(
            QCoreApplication.translate("MainWindow", "Theme: {name}").format(
                name=theme_label(self.choice)
            )
        )
        apply_window_theme(theme)
        # Widgets with a style sheet take the new palette only when it is set again.
        add_focus_outline(view)
        add_focus_outline(window.related_panel.list)
        css = theme_css(theme)
        view.setPalette(themed_palette(window.palette(), css))
        if window.current_article is not None:
            # Re-render in place: the same article, position and highlights; no read rule,
            # no history, nothing written.
            fraction = view.scroll_fraction()
            terms = view.highlighted_terms
            window.display.render(window.current_article)
            if terms:
                view.highlight_terms(terms, scroll=False)
            window.display.restore_scroll(fraction)
