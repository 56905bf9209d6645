"""Toolbar search: search-as-you-type with a debounce, and stale answers dropped.

Typing restarts a short timer; when it fires, the query runs in a worker thread tagged with a
token. Only the answer carrying the latest token is shown, so a slow query for "Holl" can never
overwrite the results for "Hollywood" (the kiwix-desktop habit).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from reader.ui.workers import JobRunner

if TYPE_CHECKING:
    from reader.search import SearchResults, SearchService

DEBOUNCE_MS = 150
RESULT_LIMIT = 50
CANDIDATE_LIMIT = 10
_TITLE_WORD = re.compile(r"\w{3,}")


def candidate_query(title: str) -> str:
    """A query for articles like a related item's title: any of its words (3+ letters).

    Searching the title as typed asks for every word, which the missing article alone would
    match; any word, ranked, puts the articles on the same subject first.
    """
    words = dict.fromkeys(word.lower() for word in _TITLE_WORD.findall(title))
    return " OR ".join(words)


class SearchField(QLineEdit):
    """The toolbar field: Esc clears, Enter submits, Down moves into the results."""

    escape_pressed = Signal()
    down_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setPlaceholderText(self.tr("Search your library  (Ctrl+K)"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(220)
        self.setMaximumWidth(420)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class SearchController(QObject):
    """Debounces the field, runs queries off the GUI thread, and drops stale results."""

    results_ready = Signal(object)
    """``SearchResults`` for the latest query (never for an outdated one)."""
    cleared = Signal()
    open_top_hit = Signal(object)
    """Enter was pressed: ``SearchResults`` whose first hit should be opened."""
    failed = Signal(str)
    candidates_ready = Signal(str, object)
    """(related item title, ``SearchResults``): the articles closest to a missing item."""

    def __init__(
        self,
        field: SearchField,
        search_service: SearchService | None,
        parent: QObject | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self._service = search_service
        # One thread: queries queue behind each other instead of competing for the index.
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self.runner = JobRunner(pool, self)
        self._token = 0
        self._latest: tuple[int, SearchResults] | None = None
        self._open_when_ready_token: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.run_now)
        field.textEdited.connect(self._text_edited)
        field.textChanged.connect(self._text_changed)
        field.returnPressed.connect(self.submit)
        field.escape_pressed.connect(self.clear)

    @property
    def token(self) -> int:
        return self._token

    @property
    def service(self) -> SearchService | None:
        return self._service

    def latest_results(self) -> SearchResults | None:
        return self._latest[1] if self._latest and self._latest[0] == self._token else None

    def search_for(self, query: str) -> None:
        """Programmatic search (an unresolved related item, a did-you-mean): no debounce."""
        self.field.setText(query)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.run_now()

    def find_candidates(self, title: str, exclude: str | None = None) -> None:
        """An unresolved related item: the best library candidates for it, without
        ``exclude`` (the article being read, which names the item and so always matches)."""
        from reader.search import SearchResults

        self._timer.stop()
        self._open_when_ready_token = None
        self.field.setText(title)
        self._token += 1
        self._latest = None
        token, service, query = self._token, self._service, candidate_query(title)
        if service is None:
            self.failed.emit(self.tr("Search is not available"))
            return
        if not query:
            self._deliver_candidates(token, title, SearchResults(title, [], 0, None))
            return

        def job(_progress: object) -> SearchResults:
            results = service.search(query, limit=CANDIDATE_LIMIT + 1)
            hits = [hit for hit in results.hits if hit.id != exclude][:CANDIDATE_LIMIT]
            return replace(results, hits=hits, total=len(hits), suggestion=None)

        self.runner.start(
            f"candidates {title!r}",
            job,
            on_success=lambda results: self._deliver_candidates(token, title, results),
            on_failure=lambda message: self._fail(token, message),
        )

    def _deliver_candidates(self, token: int, title: str, results: SearchResults) -> None:
        if token != self._token:
            return
        self._latest = (token, results)  # Enter opens the best candidate
        self.candidates_ready.emit(title, results)

    def refresh(self) -> None:
        """Run the current query again (the index changed under it)."""
        if self.field.text().strip():
            self.run_now()

    def _text_edited(self, _text: str) -> None:
        self._timer.start()

    def _text_changed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self._token += 1  # anything still running is now stale
            self._latest = None
            self.cleared.emit()

    def run_now(self) -> None:
        self._timer.stop()
        query = self.field.text().strip()
        self._token += 1
        if not query:
            self.cleared.emit()
            return
        if self._service is None:
            self.failed.emit(self.tr("Search is not available"))
            return
        token, service = self._token, self._service
        self.runner.start(
            f"search {query!r}",
            lambda _progress: service.search(query, limit=RESULT_LIMIT),
            on_success=lambda results: self._deliver(token, results),
            on_failure=lambda message: self._fail(token, message),
        )

    def _deliver(self, token: int, results: SearchResults) -> None:
        if token != self._token:
            return  # a newer keystroke already asked for something else
        self._latest = (token, results)
        self.results_ready.emit(results)
        if self._open_when_ready_token == token:
            self._open_when_ready_token = None
            if results.hits:
                self.open_top_hit.emit(results)

    def _fail(self, token: int, message: str) -> None:
        if token == self._token:
            self.failed.emit(message)

    def submit(self) -> None:
        """Enter: open the top hit of the current query, waiting for it if still running."""
        if not self.field.text().strip():
            return
        latest = self.latest_results()
        if latest is not None and not self._timer.isActive():
            if latest.hits:
                self.open_top_hit.emit(latest)
            return
        self.run_now()
        self._open_when_ready_token = self._token

    def clear(self) -> None:
        self.field.clear()
