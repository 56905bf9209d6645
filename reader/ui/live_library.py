"""Notice articles added, edited, moved or deleted outside the window, without freezing it.

A ``QFileSystemWatcher`` on ``articles/`` says *that* the folder changed, never *what*, and
on Linux (inotify) a directory watch does not even fire when a file is rewritten in place
(an editor that saves without a rename); so:

* folder events are debounced (an import of 500 files is one refresh, not 500);
* the open article's own file is watched too, so an in-place edit of what is being read
  shows within the debounce time;
* a periodic rescan catches everything else (in-place edits of other files, a watch that
  could not be set up, events lost when the kernel queue overflowed, and a long stream of
  events that keeps postponing the debounced refresh): every 2 s, stretched to twenty
  times the last scan's duration, so the rescan never takes more than a twentieth of a
  core (its cost is measured in docs/performance.md, "Live library").

The refresh itself (``LibraryStore.refresh``: a stat scan plus re-reading changed files)
runs in a worker of its own, so neither the GUI thread nor the window's progress bar sees
it; only a refresh that found something is announced (``changed``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QFileSystemWatcher,
    QObject,
    QSignalBlocker,
    QTimer,
    Signal,
)

from reader.library.store import LibraryError
from reader.ui.workers import JobRunner

if TYPE_CHECKING:
    from reader.library.model import Article
    from reader.library.store import LibraryChanges, LibraryStore
    from reader.ui.main_window import MainWindow

DEBOUNCE_MS = 300
"""Quiet time after the last folder event before refreshing (a burst is one refresh)."""
RESCAN_MS = 2_000
"""Periodic full rescan (in-place edits, lost events, a folder that cannot be watched)."""
RESCAN_COST_FACTOR = 20
"""The periodic rescan waits at least this many times its own last duration."""


class LiveLibrary(QObject):
    """Keeps a window's view of one library folder current; see the module doc."""

    changed = Signal(object)
    """``LibraryChanges``: articles added, edited or removed since the last announcement."""
    failed = Signal(str)
    progress = Signal(str, int, int)
    """(what, done, total) while a refresh re-reads many changed files (a sync while closed)."""

    def __init__(
        self,
        store: LibraryStore,
        parent: QObject | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        rescan_ms: int = RESCAN_MS,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._version = store.version
        """Changes up to this version are shown already (the window's snapshot)."""
        self._jobs = JobRunner(parent=self)
        self._running = False
        self._again = False
        self._stopped = False
        self._watched_file: str | None = None
        self._base_rescan_ms = rescan_ms

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.refresh)
        self._rescan = QTimer(self)
        self._rescan.setInterval(rescan_ms)
        self._rescan.timeout.connect(self.refresh)

        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._poke)
        self._watcher.fileChanged.connect(self._poke)
        self.watching = self._watch_folder()
        """False where the folder cannot be watched: then only the rescan notices changes."""

    # -- control ---------------------------------------------------------------------------
    def start(self) -> None:
        """Begin the periodic rescan (folder events are heard from construction on)."""
        if not self._stopped:
            self._rescan.start()

    def stop(self) -> None:
        """Stop listening and wait for a refresh in flight (the window is closing)."""
        self._stopped = True
        self._debounce.stop()
        self._rescan.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._jobs.wait()

    def watch_article(self, article_id: str | None) -> None:
        """Also watch the open article's file: in-place edits of it show at once."""
        path = str(self._store.path_for(article_id)) if article_id else None
        if path == self._watched_file and (path is None or path in self._watcher.files()):
            return
        if self._watched_file and self._watched_file in self._watcher.files():
            self._watcher.removePath(self._watched_file)
        self._watched_file = path
        self._watch_open_file()

    def _watch_open_file(self) -> None:
        path = self._watched_file
        if path and not self._stopped and path not in self._watcher.files() and Path(path).exists():
            self._watcher.addPath(path)

    def is_refreshing(self) -> bool:
        return self._running

    # -- refreshing ------------------------------------------------------------------------
    def _poke(self, _path: str) -> None:
        if not self._stopped:
            self._debounce.start()  # (re)start: the refresh waits for a quiet moment

    def refresh(self) -> None:
        """Check the folder now, in the worker; a request while one runs queues one more."""
        if self._stopped:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        since = self._version
        store = self._store
        started = time.perf_counter()
        self._jobs.start(
            "refresh library",
            lambda progress: store.refresh(since, progress),
            on_success=lambda changes: self._refreshed(changes, time.perf_counter() - started),
            on_failure=self._refresh_failed,
            on_progress=lambda done, total: self.progress.emit(
                QCoreApplication.translate("LiveLibrary", "Reading library"), done, total
            ),
        )

    def _refreshed(self, changes: LibraryChanges, seconds: float) -> None:
        self._running = False
        if self._stopped:
            return
        self._version = max(self._version, changes.version)
        # Watches die with their files and folders (an atomic save replaces the file; a
        # library folder may be recreated): set them up again after every check.
        self.watching = self._watch_folder()
        self._watch_open_file()
        self._pace_rescan(seconds)
        if changes:
            self.changed.emit(changes)
        if self._again:
            self._again = False
            self.refresh()

    def _refresh_failed(self, message: str) -> None:
        self._running = False
        self.failed.emit(message)
        if self._again and not self._stopped:
            self._again = False
            self.refresh()

    def _watch_folder(self) -> bool:
        folder = str(self._store.articles_dir)
        if folder in self._watcher.directories():
            return True
        try:
            self._store.ensure()
        except OSError:
            return False
        return self._watcher.addPath(folder)

    def _pace_rescan(self, seconds: float) -> None:
        interval = max(self._base_rescan_ms, int(seconds * 1000 * RESCAN_COST_FACTOR))
        if interval != self._rescan.interval():
            self._rescan.setInterval(interval)


def follow_changes(window: MainWindow, changes: LibraryChanges) -> None:
    """Bring ``window`` up to date with articles changed in the folder: the rows by diff,
    the open article, its related/linked-from links and (in the background) the index of
    just the articles that changed.

    The window's handling of ``LiveLibrary.changed``, kept here with the watcher so the
    main window only wires it (the related index asks the catalog, so it is current).
    """
    # A removed row moves the list's current row to a neighbour: that must not open it.
    with QSignalBlocker(window.library_panel):
        facets_changed = window.library_model.apply_changes(changes.changed, changes.removed)
    if facets_changed or changes.removed:  # (the window may have removed the row itself)
        window.library_panel.refresh_filter_choices()
    article = window.current_article
    if article is not None and article.id in changes.removed:
        _follow_gone_article(window, article, changes)
    elif article is not None and article.id in changes.ids:
        _reload_if_edited(window, article)
    elif article is not None:
        window._show_related(article)  # links may have come or gone with other articles
    window.update_index_for(changes.ids)


def _reload_if_edited(window: MainWindow, shown: Article) -> None:
    """Re-render the open article if its file changed, at the same reading position."""
    window.library_panel.select(shown.id)
    try:
        on_disk = window.services.store.get(shown.id)
    except LibraryError:
        return  # unreadable for now: keep showing what was read; the list says the rest
    if on_disk == shown:
        window._show_related(shown)
        return
    view = window.reader_view
    fraction, terms = view.scroll_fraction(), view.highlighted_terms
    window.current_article = None  # (open_article skips the article already shown)
    window.open_article(shown.id, record_history=False, scroll_to=fraction)
    if terms:
        view.highlight_terms(terms, scroll=False)


def _follow_gone_article(window: MainWindow, shown: Article, changes: LibraryChanges) -> None:
    """The open article's file went away: follow it if it was renamed, else close it."""
    window.history.forget(shown.id)
    renamed = [summary.id for summary in changes.changed if summary.title == shown.title]
    if len(renamed) == 1 and window.open_article(renamed[0]):
        return
    window.current_article = None
    window.reader_view.clear_article()
    window.related_panel.model.set_sections([], [])
    window.related_panel.set_placeholder("")
    window.setWindowTitle("Reader")
    window.statusBar().showMessage(
        QCoreApplication.translate("LiveLibrary", "“%s” is no longer in the library folder")
        % shown.title
    )
    window._update_navigation()
