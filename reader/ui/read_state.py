"""When an open article counts as read: after a dwell time, or when its end is reached.

Showing an article is not reading it: arrowing down the list previews each row for a moment,
and a re-render (theme, zoom) shows the same article again. So the window never writes
``read: true`` on open; this tracker says when the rule is met, once per opening:

- the article stayed open ``dwell_seconds`` (default 10 s; 0 means at once), or
- the reader scrolled to its last line (a scroll the reader made: restoring a remembered
  position happens before tracking starts).

Marking unread (Ctrl+U) stops tracking until the article is opened again, so nothing but
the reader's explicit action or this rule ever writes the flag.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractScrollArea

from reader.library.store import LibraryError
from reader.ui.settings import DEFAULT_DWELL_SECONDS, WindowSettings

if TYPE_CHECKING:
    from reader.library.model import Article
    from reader.library.store import LibraryStore
    from reader.ui.library_model import LibraryModel

MANUAL = -1
"""``dwell_seconds`` value meaning "only by hand or at the end"."""


class ReadTracker(QObject):
    """Emits ``read_reached(article_id)`` when the open article meets the read rule."""

    read_reached = Signal(str)

    def __init__(
        self,
        view: QAbstractScrollArea,
        *,
        dwell_seconds: int = DEFAULT_DWELL_SECONDS,
        at_end: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bar = view.verticalScrollBar()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._dwell_elapsed)
        self._article_id: str | None = None
        self.dwell_seconds = dwell_seconds
        self.at_end = at_end
        self._bar.valueChanged.connect(self._scrolled)

    @property
    def tracking(self) -> str | None:
        """The article being watched (None once it is marked, or after ``stop``)."""
        return self._article_id

    def start(self, article_id: str) -> None:
        """``article_id`` was just opened (and is unread): begin watching it."""
        self._timer.stop()
        self._article_id = article_id
        if self.dwell_seconds == 0:
            self._reached()
        elif self.dwell_seconds > 0:
            self._timer.start(self.dwell_seconds * 1000)

    def stop(self) -> None:
        """Stop watching (another article, marked by hand, nothing open)."""
        self._timer.stop()
        self._article_id = None

    def _dwell_elapsed(self) -> None:
        if self._article_id is not None:
            self._reached()

    def _scrolled(self, value: int) -> None:
        if (
            self.at_end
            and self._article_id is not None
            and self._bar.maximum() > 0
            and value >= self._bar.maximum()
        ):
            self._reached()

    def _reached(self) -> None:
        article_id = self._article_id
        self.stop()
        if article_id is not None:
            self.read_reached.emit(article_id)


class ReadMarks(QObject):
    """The one writer of the read flag: the reader's commands and the tracker's rule.

    The reader's own Mark as Read/Unread go through ``by_hand`` when given (the window
    passes its undo stack's, so Ctrl+Z takes them back like any other change); the
    tracker's rule writes directly: it is not something the person did, and an undo
    step for it would surprise them.
    """

    message = Signal(str)
    """Something to tell the reader (status bar)."""

    def __init__(
        self,
        store: LibraryStore,
        library_model: LibraryModel,
        tracker: ReadTracker,
        settings: WindowSettings,
        current_article: Callable[[], Article | None],
        parent: QObject | None = None,
        by_hand: Callable[[str, bool], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._by_hand = by_hand
        self._store = store
        self._model = library_model
        self._settings = settings
        self._current = current_article
        self.tracker = tracker
        tracker.setParent(self)
        tracker.read_reached.connect(self._rule_met)

    def mark_read(self) -> None:
        if self._mark_by_hand(True):
            self.message.emit(self.tr("Marked as read"))

    def mark_unread(self) -> None:
        """Ctrl+U: unread, and it stays so until the article is opened again."""
        if self._mark_by_hand(False):
            self.message.emit(self.tr("Marked as unread"))

    def _mark_by_hand(self, read: bool) -> bool:
        article = self._current()
        if article is None:
            return False
        if self._by_hand is None:
            return self.set_read(article, read)
        self.tracker.stop()
        return self._by_hand(article.id, read)

    def set_rule(self, seconds: int) -> None:
        self._settings.set_mark_read_after(seconds)
        self.tracker.dwell_seconds = seconds
        self.tracker.stop()

    def set_read(self, article: Article, read: bool) -> bool:
        """Write the flag to the file and the list; False (with a message) if it failed."""
        self.tracker.stop()
        if article.read == read:
            return True
        try:
            self._store.set_flags(article.id, read=read)
        except LibraryError as error:
            self.message.emit(
                self.tr("Could not change the read mark: {error}").format(error=error)
            )
            return False
        article.read = read
        self._model.set_flags(article.id, read=read)
        return True

    def _rule_met(self, article_id: str) -> None:
        article = self._current()
        if article is not None and article.id == article_id:
            self.set_read(article, True)
