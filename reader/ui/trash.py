"""Deleting the selected article to the desktop trash, and Ctrl+Z bringing it back.

Delete touches most of the window (the list, history, the open article and what shows it,
the status line) and keeps the articles it can restore; it lives here, apart from the
window's wiring. ``MainWindow.delete_current``/``undo_delete`` delegate here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from reader.library.store import LibraryError

if TYPE_CHECKING:
    from reader.library.model import Article
    from reader.ui.main_window import MainWindow

MESSAGE_MS = 10_000


class Trash:
    """One window's delete and undo-delete; ``deleted`` holds what Ctrl+Z can restore."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.deleted: list[Article] = []

    def delete_current(self) -> None:
        """Move the selected article to the desktop trash; Ctrl+Z brings it back."""
        window = self.window
        article_id = window.library_panel.table.current_article_id() or (
            window.current_article.id if window.current_article else None
        )
        if article_id is None:
            return
        row = window.library_model.row_for_id(article_id, fetch=False)
        try:
            article = window.services.store.delete(article_id)
        except (LibraryError, OSError) as error:
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Could not delete: {error}").format(
                    error=error
                ),
                MESSAGE_MS,
            )
            return
        self.deleted.append(article)
        window.organiser.trashed(article)
        window.library_model.remove(article_id)
        window.history.forget(article_id)
        window._library_changed()
        if window.current_article is not None and window.current_article.id == article_id:
            window.current_article = None
            window.reader_view.clear_article()
            window.reading_progress.set_article_text(None)
            window.outline.panel.rebuild()
            window.related_panel.model.set_sections([], [])
            window.related_panel.set_placeholder("")
            window.setWindowTitle("Reader")
            next_id = window.library_model.id_at(min(row or 0, window.library_model.rowCount() - 1))
            if next_id is not None:
                window.open_article(next_id)
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow", "Moved “{title}” to the trash — Ctrl+Z to undo"
            ).format(title=article.title),
            MESSAGE_MS,
        )
        window._update_navigation()

    def undo_delete(self) -> None:
        window = self.window
        if not self.deleted:
            return
        article = self.deleted.pop()
        try:
            window.services.store.restore(article)
        except LibraryError as error:
            self.deleted.append(article)
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Could not restore: {error}").format(
                    error=error
                ),
                MESSAGE_MS,
            )
            return
        window._library_changed(changed=[article.id])
        window.open_article(article.id)
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Restored “{title}”").format(
                title=article.title
            ),
            3000,
        )
        window._update_navigation()
