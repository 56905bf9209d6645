"""Back and forward through the articles read, and the commands that follow the open article.

The history walk (skipping articles deleted meanwhile), the mouse back/forward buttons
anywhere in the window, and enabling the actions that need an open article belong together:
each runs after the open article changes. ``MainWindow`` delegates ``go_back``,
``go_forward`` and ``_update_navigation`` here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from reader.library.history import HistoryEntry
    from reader.ui.main_window import MainWindow


class Navigation(QObject):
    """Walks one window's history; an application event filter for its mouse buttons."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def go_back(self) -> None:
        self._walk_history(self.window.history.back)

    def go_forward(self) -> None:
        self._walk_history(self.window.history.forward)

    def _walk_history(self, step: Callable[[], HistoryEntry | None]) -> None:
        window = self.window
        window.display.remember_position()
        entry = step()
        while entry is not None:
            if window.open_article(
                entry.article_id, record_history=False, scroll_to=entry.scroll_fraction
            ):
                return
            window.history.forget(entry.article_id)  # deleted meanwhile
            entry = step()
        self.update_navigation()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Mouse back/forward buttons anywhere in this window walk the history."""
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)

    def update_navigation(self) -> None:
        """Enable Back/Forward by the history, and the article commands by an open article."""
        window = self.window
        commands = window.commands
        commands.back.setEnabled(window.history.can_go_back())
        commands.forward.setEnabled(window.history.can_go_forward())
        article = window.current_article
        for action in (
            commands.export_pdf,
            commands.toggle_star,
            commands.toggle_read,
            commands.mark_read,
            commands.find,
        ):
            action.setEnabled(article is not None)
        commands.toggle_star.setChecked(bool(article and article.starred))
        commands.undo_delete.setEnabled(bool(window.trash.deleted))
