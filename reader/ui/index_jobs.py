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
    from reader.search.background_merge import BackgroundMerge
    from reader.ui.main_window import MainWindow

MESSAGE_MS = 10_000
MAX_TARGETED_INDEX_IDS = 500
"""More outside changes than this at once are indexed by a full (stamp-walking) update."""
MERGE_IDLE_MS = 5_000
"""Quiet time after the last index update before the segments are merged."""
MERGE_POLL_MS = 500


class IndexJobs:
    """Runs the window's index updates in its job runner and reports their end.

    The end is announced by ``window.index_finished`` (True: the index is up to date).
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._again: bool | None = None  # asked while one ran: run one more (check_folder)
        self.merge: BackgroundMerge | None = None
        self._merge_idle = QTimer(window, singleShot=True, interval=MERGE_IDLE_MS)
        self._merge_idle.timeout.connect(self._start_merge)
        self._merge_poll = QTimer(window, interval=MERGE_POLL_MS)
        self._merge_poll.timeout.connect(self._poll_merge)

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
        self.stop_merge()
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
        self.stop_merge()
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
        if self._again is None:
            self._merge_idle.start()

    # -- merging the segments a rebuild leaves, in a child process, once things are quiet --
    def _start_merge(self) -> None:
        service = self.window.search.service
        if service is None or self.merge is not None:
            return
        if "index" in self.window.jobs.running_names():
            self._merge_idle.start()  # not quiet yet: count again
            return
        self.merge = service.start_background_merge()
        if self.merge is not None:
            self._merge_poll.start()

    def _poll_merge(self) -> None:
        if self.merge is not None and self.merge.finished():
            self._merge_done()

    def _merge_done(self) -> None:
        self._merge_poll.stop()
        self.merge = None
        service = self.window.search.service
        if service is not None:
            service.merge_finished()

    def stop_merge(self) -> None:
        """Stop a running merge (it holds the index's write lock) and the idle countdown.

        Whatever the merge had done stays done; the index is whole either way."""
        self._merge_idle.stop()
        if self.merge is not None:
            self.merge.stop()
            self._merge_done()

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
