"""The main window: wires the library list, the reading view, the related panel and search.

The window composes widgets and reacts to their signals; the widgets themselves know nothing
of each other, and the work (store, index, renderer, importers, PDF) lives in the Qt-free
core, reached through the ``Services`` (``reader.services``) built by ``reader.app``.

What the window does is done by parts, each a small class with one responsibility:
``ArticleDisplay`` (opening and rendering an article, its related panel), ``IndexJobs``
(background index updates), ``Navigation`` (history and the commands that follow the open
article), ``SearchDisplay`` (the left pane while searching), ``Trash`` (delete and undo),
``ThemeControl`` (the theme choice), ``StatusLine`` (progress and counts) and ``menus``
(the menu bar and toolbar). The window builds them, connects signals to them, and keeps thin
methods of the old names (``open_article``, ``_render``, ``update_index``…) for the other
parts and the tests that call them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QMimeData,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QScreen,
)
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.library.history import History
from reader.library.related import RelatedIndex
from reader.ui.actions import WindowActions, create_actions
from reader.ui.article_display import ArticleDisplay
from reader.ui.find_bar import FindBar
from reader.ui.help_menu import HelpMenu
from reader.ui.highlighting import Highlighter
from reader.ui.i18n import counted
from reader.ui.inbox import Inbox, report_inbox_pass
from reader.ui.index_jobs import IndexJobs
from reader.ui.layout import LayoutController
from reader.ui.library_model import LibraryModel
from reader.ui.library_panel import LibraryPanel
from reader.ui.live_library import LiveLibrary, follow_changes
from reader.ui.menus import build_menus, build_toolbar, build_view_menu
from reader.ui.navigation import Navigation
from reader.ui.organise import Organiser
from reader.ui.outline import OutlineDock
from reader.ui.preferences import Preferences
from reader.ui.problems import ProblemsButton
from reader.ui.progress import ReadingProgress
from reader.ui.read_state import ReadMarks, ReadTracker
from reader.ui.reader_view import ReaderView
from reader.ui.related_panel import RelatedPanel
from reader.ui.search_bar import SearchController, SearchField
from reader.ui.search_display import SearchDisplay
from reader.ui.search_results import SearchResultsPanel
from reader.ui.settings import WindowSettings
from reader.ui.status_line import StatusLine
from reader.ui.theme_control import ThemeControl
from reader.ui.transfers import Transfers
from reader.ui.trash import Trash
from reader.ui.workers import JobRunner

if TYPE_CHECKING:
    from reader.importers import ImportReport
    from reader.library.model import Article
    from reader.search import SearchService
    from reader.services import Services

UNDO_MESSAGE_MS = 10_000


class MainWindow(QMainWindow):
    """One library, one window. Built by ``reader.ui.launch.run_window``."""

    index_finished = Signal(bool)
    """The background index update ended (True: the index is up to date)."""

    def __init__(self, services: Services, *, index_on_start: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.services = services
        self.settings = WindowSettings(services.paths.settings_file)
        self.history = History()
        self.jobs = JobRunner(parent=self)
        self.transfers = Transfers(services, self.jobs, self)
        self.inbox = Inbox(services.paths.settings_file, services.store, self)
        self.current_article: Article | None = None
        self.display = ArticleDisplay(self)
        self.index_jobs = IndexJobs(self)
        self.navigation = Navigation(self)
        self.search_display = SearchDisplay(self)
        self.trash = Trash(self)
        self.theme_control = ThemeControl(self)

        self.library_model = LibraryModel(self)
        # A large library opens at once from the catalog as last seen; a worker then checks
        # the folder for files changed meanwhile. The first start has no catalog: read it.
        cached = services.store.cached_summaries()
        self.library_model.set_summaries(cached or services.store.summaries())
        # After the snapshot, which shows every change up to the store's version (no worker
        # runs yet): a first start's full read is not announced again as 100k changes.
        self.live_library = LiveLibrary(services.store, self)
        self.display.related_index = self.services.store.related_index(check_folder=False)

        self._build_widgets()
        self.commands = create_actions(self)
        build_menus(self, self.commands)
        build_toolbar(self, self.commands)
        self.layout_controller = LayoutController(
            self, self.splitter, self.left_stack, self.related_panel, self.toolbar, self.settings
        )
        build_view_menu(self, self.commands)
        self.help_menu = HelpMenu(self)
        self.menuBar().addMenu(self.help_menu)
        self.outline = OutlineDock(self, self.reader_view)
        self.view_menu.insertAction(
            self.layout_controller.distraction_free, self.outline.toggle_action
        )
        self.reading_progress = ReadingProgress(self.reader_view, self.settings, self)
        self.statusBar().insertPermanentWidget(0, self.reading_progress)
        separator = next(a for a in self.article_menu.actions() if a.isSeparator())
        self.article_menu.insertAction(separator, self.reading_progress.speed_action)
        self.library_model.set_words_per_minute(self.reading_progress.words_per_minute)
        self.reading_progress.speed_changed.connect(self._reading_speed_changed)
        self.organiser = Organiser(self)
        edit_menu = next(
            o for o in self.commands.undo_delete.associatedObjects() if isinstance(o, QMenu)
        )
        edit_menu.insertAction(self.commands.undo_delete, self.organiser.undo_action)
        edit_menu.insertAction(self.commands.undo_delete, self.organiser.redo_action)
        edit_menu.removeAction(self.commands.undo_delete)
        self.article_menu.insertAction(separator, self.organiser.edit_tags_action)
        self.article_menu.insertAction(separator, self.organiser.rename_tag_action)
        self.preferences = Preferences(self)
        self.highlighter = Highlighter(self)
        self.article_menu.insertMenu(separator, self.highlighter.menu)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences.action)
        self.read_marks = ReadMarks(
            self.services.store,
            self.library_model,
            ReadTracker(self.reader_view, dwell_seconds=self.settings.mark_read_after()),
            self.settings,
            lambda: self.current_article,
            self,
            by_hand=self._set_read_by_hand,
        )
        self.read_tracker = self.read_marks.tracker
        self._connect(self.commands)
        self.organiser.route_undo_delete()
        self.setAcceptDrops(True)
        self.setWindowTitle("Reader")
        self._restore_layout()
        self.theme_control.apply()
        self._update_counts()
        self._update_navigation()
        QApplication.instance().installEventFilter(self.navigation)
        if index_on_start:
            QTimer.singleShot(0, self.check_library_folder if cached else self.update_index)
        self.live_library.start()

    # -- construction ----------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.library_panel = LibraryPanel(self.library_model)
        self.search_results = SearchResultsPanel()
        self.left_stack = QStackedWidget()
        self.left_stack.addWidget(self.library_panel)
        self.left_stack.addWidget(self.search_results)

        self.reader_view = ReaderView(self.services.store.assets_root)
        self.find_bar = FindBar(self.reader_view)
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.setSpacing(0)
        reading_layout.addWidget(self.reader_view, 1)
        reading_layout.addWidget(self.find_bar)

        self.related_panel = RelatedPanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left_stack)
        self.splitter.addWidget(reading)
        self.splitter.addWidget(self.related_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.setCentralWidget(self.splitter)

        self.search_field = SearchField()
        self.search = SearchController(self.search_field, self._search_service(), self)

        self.status_line = StatusLine(self)  # the progress bar and the counts
        self.counts_label = self.status_line.counts_label
        self.progress_bar = self.status_line.progress_bar
        self.problems_button = ProblemsButton(
            self.services.store, [self.index_finished, self.library_model.modelReset], self
        )
        self.problems_button.resolved.connect(lambda: self._library_changed())
        self.statusBar().addPermanentWidget(self.problems_button)

    def _connect(self, actions: WindowActions) -> None:
        actions.back.triggered.connect(self.go_back)
        actions.forward.triggered.connect(self.go_forward)
        actions.focus_search.triggered.connect(self.focus_search)
        actions.import_files.triggered.connect(self.transfers.ask_import)
        actions.export_pdf.triggered.connect(self.ask_export_pdf)
        actions.quit.triggered.connect(self.close)
        actions.find.triggered.connect(self.find_bar.open_bar)
        actions.find_next.triggered.connect(self._find_next)
        actions.find_previous.triggered.connect(self._find_previous)
        actions.zoom_in.triggered.connect(self.reader_view.zoom_in)
        actions.zoom_out.triggered.connect(self.reader_view.zoom_out)
        actions.zoom_reset.triggered.connect(self.reader_view.zoom_reset)
        actions.toggle_star.triggered.connect(self.toggle_star)
        actions.toggle_read.triggered.connect(self.read_marks.mark_unread)
        actions.mark_read.triggered.connect(self.read_marks.mark_read)
        actions.read_rule_group.triggered.connect(
            lambda action: self.set_mark_read_after(int(action.data()))
        )
        self.read_marks.message.connect(
            lambda text: self.statusBar().showMessage(text, UNDO_MESSAGE_MS)
        )
        actions.delete.triggered.connect(self.delete_current)
        actions.undo_delete.triggered.connect(self.undo_delete)
        actions.theme_group.triggered.connect(lambda action: self.set_theme(action.data()))

        self.library_panel.article_selected.connect(self.open_article)
        self.library_model.counts_changed.connect(self._update_counts)
        self.live_library.changed.connect(lambda changes: follow_changes(self, changes))
        self.live_library.progress.connect(self.status_line.show_progress)
        self.inbox.processed.connect(lambda result: report_inbox_pass(self, result))
        self.reader_view.article_requested.connect(self.open_article)
        self.reader_view.search_requested.connect(self.search.search_for)
        self.reader_view.highlighted.connect(self.status_line.link_hovered)
        self.reader_view.external_link_failed.connect(self.status_line.link_not_opened)
        self.reader_view.font_size_changed.connect(self.settings.set_font_size)
        self.related_panel.open_article.connect(self.open_article)
        self.related_panel.search_requested.connect(self.search_display.find_candidates)
        self.search.candidates_ready.connect(self.search_display.show_candidates)
        self.search_results.import_requested.connect(lambda _title: self.transfers.ask_import())
        self.search.results_ready.connect(self.search_display.show_results)
        self.search.cleared.connect(self.search_display.show_library)
        self.search.open_top_hit.connect(self.search_display.open_top_hit)
        self.search.failed.connect(self.search_results.show_message)
        self.search_field.textEdited.connect(self.search_display.search_typed)
        self.search_field.down_pressed.connect(self.search_results.focus_results)
        self.search_results.open_requested.connect(self.search_display.open_search_hit)
        self.search_results.suggestion_clicked.connect(self.search.search_for)
        self.search_results.escape_pressed.connect(self.search.clear)
        self.transfers.imported.connect(self._import_finished)
        self.transfers.exported.connect(
            lambda path: self.statusBar().showMessage(
                self.tr("Exported {path}").format(path=path), UNDO_MESSAGE_MS
            )
        )
        self.transfers.progress.connect(self.status_line.show_progress)
        self.jobs.busy_changed.connect(self.status_line.busy_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            self.theme_control.system_scheme_changed
        )

    # -- services --------------------------------------------------------------------------
    def _search_service(self) -> SearchService | None:
        """The index, or None when it cannot be opened (the window still reads articles)."""
        try:
            return self.services.search
        except Exception as error:  # a broken index must not keep the library closed
            self.statusBar().showMessage(self.tr("Search unavailable: {error}").format(error=error))
            return None

    def check_library_folder(self) -> None:
        """Catch up with files added, changed or removed while Reader was closed (in the live
        library's worker: at 100k articles the stat pass takes a while); index meanwhile."""
        self.live_library.refresh()
        self.update_index()

    def update_index(self, *, check_folder: bool = True) -> None:
        """Bring the full-text index up to date in the background (``IndexJobs``)."""
        self.index_jobs.update_index(check_folder=check_folder)

    def update_index_for(self, article_ids: Collection[str]) -> None:
        """Re-index just these articles (``IndexJobs``)."""
        self.index_jobs.update_index_for(article_ids)

    # -- opening articles (``ArticleDisplay``) --------------------------------------------
    @property
    def _related_index(self) -> RelatedIndex:
        return self.display.related_index

    def open_article(
        self,
        article_id: str,
        *,
        highlight: Sequence[str] = (),
        record_history: bool = True,
        scroll_to: float | None = None,
    ) -> bool:
        """Show ``article_id``; returns False (with a status message) if it cannot be read."""
        return self.display.open_article(
            article_id, highlight=highlight, record_history=record_history, scroll_to=scroll_to
        )

    def _render(self, article: Article, *, then: Callable[[], None] | None = None) -> bool:
        return self.display.render(article, then=then)

    def _restore_scroll(self, fraction: float) -> None:
        self.display.restore_scroll(fraction)

    def _remember_position(self) -> None:
        self.display.remember_position()

    def _show_related(self, article: Article) -> None:
        self.display.show_related(article)

    def _reading_speed_changed(self, words_per_minute: int) -> None:
        self.library_model.set_words_per_minute(words_per_minute)
        self.display.rerender_in_place()  # the byline's reading time

    # -- history (``Navigation``) ---------------------------------------------------------
    def go_back(self) -> None:
        self.navigation.go_back()

    def go_forward(self) -> None:
        self.navigation.go_forward()

    def _update_navigation(self) -> None:
        self.navigation.update_navigation()

    # -- search ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _find_next(self) -> None:
        if self.find_bar.isVisible() and self.find_bar.field.text():
            self.find_bar.find_next()
        else:
            self.find_bar.open_bar()

    def _find_previous(self) -> None:
        if self.find_bar.isVisible() and self.find_bar.field.text():
            self.find_bar.find_previous()
        else:
            self.find_bar.open_bar()

    # -- article commands ------------------------------------------------------------------
    def toggle_star(self) -> None:
        """Ctrl+D: star or unstar the open article, as a step of the undo stack."""
        article = self.current_article
        if article is None:
            return
        self.organiser.set_starred(not article.starred, [article.id])
        self._update_navigation()  # also when nothing changed or the write failed

    def _set_read_by_hand(self, article_id: str, read: bool) -> bool:
        """Mark as Read/Unread of the open article, as a step of the undo stack; True if
        the article now has that mark (the organiser reports a failed write)."""
        self.organiser.set_read(read, [article_id])
        current = self.current_article
        return current is not None and current.id == article_id and current.read == read

    def set_mark_read_after(self, seconds: int) -> None:
        """The read rule: seconds of dwell (0: on opening, -1: only at the end or by hand)."""
        self.read_marks.set_rule(seconds)

    def delete_current(self) -> None:
        """Move the selected article to the desktop trash (``Trash``)."""
        self.trash.delete_current()

    def undo_delete(self) -> None:
        self.trash.undo_delete()

    def _library_changed(self, changed: Iterable[str] = (), removed: Iterable[str] = ()) -> None:
        """This window changed the folder (import, delete, undo, edits of tags or flags).

        The articles it names in ``changed``/``removed`` show in the list at once (a lookup
        each in the store's memory: the person just acted on them and selects or reopens
        them next); the live library's refresh, in its worker, brings everything else:
        imported rows, links and the index (never a ``store.summaries()`` here)."""
        store = self.services.store
        summaries = [s for s in map(store.known_summary, changed) if s is not None]
        removed = list(removed)
        if summaries or removed:
            with QSignalBlocker(self.library_panel):
                facets_changed = self.library_model.apply_changes(summaries, removed)
            if facets_changed or removed:
                self.library_panel.refresh_filter_choices()
        self.live_library.refresh()

    # -- import / export -------------------------------------------------------------------
    def import_files(self, paths: Sequence[Path]) -> None:
        self.transfers.import_files(paths)

    def _import_finished(self, report: ImportReport) -> None:
        summary = self.tr("Import: {imported} imported, {skipped} skipped, {failed} failed")
        self.statusBar().showMessage(
            summary.format(imported=report.imported, skipped=report.skipped, failed=report.failed),
            UNDO_MESSAGE_MS,
        )
        self._library_changed()
        imported = [result.article_id for result in report.results if result.status == "imported"]
        if len(imported) == 1:
            self.open_article(imported[0])

    def ask_export_pdf(self) -> None:
        if self.current_article is not None:
            self.transfers.ask_export(self.current_article, self._related_index)

    def export_pdf_to(self, output: Path) -> None:
        if self.current_article is not None:
            self.transfers.export_pdf(self.current_article, output, self._related_index)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        if _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = _local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    # -- status line (``StatusLine``) ---------------------------------------------------
    def _show_progress(self, what: str, done: int, total: int) -> None:
        self.status_line.show_progress(what, done, total)

    def _update_counts(self) -> None:
        model = self.library_model
        total, shown = model.total_count(), model.shown_count()
        unread = model.unread_count()
        text = counted(self.tr("%n article(s)", "", total), total)
        text += " · " + counted(self.tr("%n unread", "", unread), unread)
        if shown != total:
            text += " · " + counted(self.tr("%n shown", "", shown), shown)
        self.counts_label.setText(text)

    # -- theme (``ThemeControl``) -------------------------------------------------------
    @property
    def theme_choice(self) -> str:
        return self.theme_control.choice

    @property
    def effective_theme(self) -> str:
        return self.theme_control.effective_theme

    def set_theme(self, choice: str) -> None:
        self.theme_control.set_theme(choice)

    # -- layout persistence ----------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(first_start_size(self.screen()))
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        # Panel widths and visibility: reader.ui.layout (the splitter follows the window size).
        sort = self.settings.sort_order()
        if sort is not None:
            self.library_panel.sort_by(*sort)
        self.reader_view.set_font_size(self.settings.font_size())

    def restore_last_article(self) -> bool:
        last = self.settings.last_article()
        if last and self.services.store.exists(last):
            return self.open_article(last)
        first = self.library_model.id_at(0)
        return self.open_article(first) if first else False

    def save_state(self) -> None:
        # Distraction-free is a moment, not a layout: save the window as it was before it.
        self.layout_controller.leave_distraction_free()
        self._remember_position()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        column, descending = self.library_panel.sort_order()
        self.settings.set_sort_order(column, descending)
        self.settings.set_font_size(self.reader_view.font_size)
        self.settings.set_last_article(self.current_article.id if self.current_article else None)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_state()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.navigation)
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(
            self.theme_control.system_scheme_changed
        )
        self.live_library.stop()
        self.inbox.stop()
        self.index_jobs.stop_merge()
        self.search.runner.wait()
        self.jobs.wait()
        super().closeEvent(event)


FIRST_START_SIZE = QSize(1280, 820)


def first_start_size(screen: QScreen | None) -> QSize:
    """1280×820, or the screen's free area when smaller (an 800×600 or 1366×768 laptop
    must not get a window taller than its screen, with the status bar out of reach)."""
    if screen is None:
        return FIRST_START_SIZE
    return FIRST_START_SIZE.boundedTo(screen.availableGeometry().size())


def _local_files(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
