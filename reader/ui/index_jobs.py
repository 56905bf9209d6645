"""Keeping the full-text index current from the window, one background job at a time.

Index updates come from several places (start, the live library, imports) and may be asked
for while one runs; the queueing rule (one more run, with the folder check if any asker
wanted it) and the choice between a targeted and a full update live here, apart from the
window's wiring. ``MainWindow.update_index``/``update_index_for`` delegate here.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

MESSAGE_MS = 10_000
MAX_TARGETED_INDEX_IDS = 500
"""More outside changes than this at once are indexed by a full (stamp-walking) update."""


class IndexJobs:
    """Runs the window's index updates in its job runner and reports their end.

    The end is announced by ``window.index_finished`` (True: the index is up to date).
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._again: bool | None = None  # asked while one ran: run one more (check_folder)

    def update_index(self, *, check_folder: bool = True) -> None:
        """Bring the full-text index up to date in the background (incremental).

        ``check_folder=False`` after a live-library refresh, which has just scanned it."""
        window = self.window
        service = window.search.service
        if service is None:
            return
        if "index" in window.jobs.running_names():
            self._again = bool(self._again) or check_folder
            return
        window.jobs.start(
            "index",
            lambda progress: service.update(progress, check_folder=check_folder),
            on_success=self._updated,
            on_failure=self._failed,
            on_progress=lambda done, total: window.status_line.show_progress(
                QCoreApplication.translate("MainWindow", "Indexing"), done, total
            ),
        )

    def update_index_for(self, article_ids: Collection[str]) -> None:
        """Re-index just these articles (added, edited or removed outside the window).

        ``SearchService.update_articles`` stats and reads only the named files, where
        ``update`` walks every article's stamp (most of a one-article update at 100k
        articles). Many ids (a sync), or an index job already running, take the full update
        path, which queues behind the running job."""
        window = self.window
        service = window.search.service
        if service is None:
            return
        if len(article_ids) > MAX_TARGETED_INDEX_IDS or "index" in window.jobs.running_names():
            self.update_index(check_folder=False)
            return
        ids = list(article_ids)
        window.jobs.start(
            "index",
            lambda _progress: service.update_articles(ids),
            on_success=self._updated,
            on_failure=self._failed,
        )

    def _updated(self, _stats: object) -> None:
        window = self.window
        if self._again is not None:
            check_folder, self._again = self._again, None
            QTimer.singleShot(0, lambda: self.update_index(check_folder=check_folder))
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Search index up to date"), 3000
        )
        # Queries typed while indexing ran against the old index: ask again.
        window.search.refresh()
        if window.current_article is not None:
            window.display.request_similar(window.current_article.id)
        window.index_finished.emit(True)

    def _failed(self, message: str) -> None:
        self._again = None
        window = self.window
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Indexing failed: {message}").format(
                message=message
            ),
            MESSAGE_MS,
        )
        window.index_finished.emit(False)
