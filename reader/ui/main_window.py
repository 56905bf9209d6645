"""The main window: wires the library list, the reading view, the related panel and search.

The window composes widgets and reacts to their signals; the widgets themselves know nothing
of each other, and the work (store, index, renderer, importers, PDF) lives in the Qt-free
core, reached through the ``Services`` (``reader.services``) built by ``reader.app``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QObject,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    QUrl,
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
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.library.history import History, HistoryEntry
from reader.library.related import RelatedIndex
from reader.library.store import LibraryError
from reader.ui.actions import WindowActions, create_actions, theme_label
from reader.ui.find_bar import FindBar
from reader.ui.help_menu import HelpMenu
from reader.ui.highlighting import Highlighter
from reader.ui.i18n import counted, format_list_date
from reader.ui.inbox import Inbox, report_inbox_pass
from reader.ui.language_menu import LanguageMenu
from reader.ui.layout import LayoutController
from reader.ui.library_model import LibraryModel
from reader.ui.library_panel import LibraryPanel
from reader.ui.live_library import LiveLibrary, follow_changes
from reader.ui.organise import Organiser
from reader.ui.outline import OutlineDock
from reader.ui.preferences import Preferences
from reader.ui.problems import ProblemsButton
from reader.ui.progress import ReadingProgress
from reader.ui.read_state import ReadMarks, ReadTracker
from reader.ui.reader_view import ReaderView
from reader.ui.related_panel import EntryKind, RelatedEntry, RelatedPanel
from reader.ui.search_bar import SearchController, SearchField
from reader.ui.search_results import SearchResultsPanel
from reader.ui.settings import DEFAULT_DWELL_SECONDS, WindowSettings
from reader.ui.theme import SYSTEM, effective_theme, themed_palette
from reader.ui.transfers import Transfers
from reader.ui.window_theme import add_focus_outline, apply_window_theme
from reader.ui.workers import JobRunner

if TYPE_CHECKING:
    from reader.importers import ImportReport
    from reader.library.model import Article, ArticleSummary
    from reader.search import SearchHit, SearchResults, SearchService
    from reader.services import Services

SIMILAR_LIMIT = 5
UNDO_MESSAGE_MS = 10_000
MAX_TARGETED_INDEX_IDS = 500
"""More outside changes than this at once are indexed by a full (stamp-walking) update."""


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
        self._deleted: list[Article] = []
        self._theme_choice = self.settings.theme()
        self._related_index = RelatedIndex([])
        self._similar_token = 0
        self._index_again: bool | None = None  # asked while one ran: run one more (check_folder)
        self._render_token = 0  # the latest render; a worker's older one is dropped
        self._render_pending = False  # a large article is rendering in the worker

        self.library_model = LibraryModel(self)
        # A large library opens at once from the catalog as last seen; a worker then checks
        # the folder for files changed meanwhile. The first start has no catalog: read it.
        cached = services.store.cached_summaries()
        self.library_model.set_summaries(cached or services.store.summaries())
        # After the snapshot, which shows every change up to the store's version (no worker
        # runs yet): a first start's full read is not announced again as 100k changes.
        self.live_library = LiveLibrary(services.store, self)
        self._related_index = self.services.store.related_index(check_folder=False)

        self._build_widgets()
        self.commands = create_actions(self)
        self._build_menus(self.commands)
        self._build_toolbar(self.commands)
        self.layout_controller = LayoutController(
            self, self.splitter, self.left_stack, self.related_panel, self.toolbar, self.settings
        )
        self._build_view_menu(self.commands)
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
        self._apply_theme()
        self._update_counts()
        self._update_navigation()
        QApplication.instance().installEventFilter(self)
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

        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.problems_button = ProblemsButton(
            self.services.store, [self.index_finished, self.library_model.modelReset], self
        )
        self.problems_button.resolved.connect(lambda: self._library_changed())
        self.statusBar().addPermanentWidget(self.problems_button)

    def _build_menus(self, actions: WindowActions) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(actions.import_files)
        file_menu.addAction(actions.export_pdf)
        file_menu.addMenu(self.inbox.menu)
        file_menu.addSeparator()
        file_menu.addAction(actions.quit)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(actions.undo_delete)
        edit_menu.addSeparator()
        edit_menu.addAction(actions.focus_search)
        edit_menu.addAction(actions.find)
        edit_menu.addAction(actions.find_next)
        edit_menu.addAction(actions.find_previous)

        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.theme_menu = QMenu(self.tr("&Theme"), self)
        for action in actions.themes.values():
            self.theme_menu.addAction(action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        go_menu.addAction(actions.back)
        go_menu.addAction(actions.forward)

        article_menu = self.article_menu = self.menuBar().addMenu(self.tr("&Article"))
        article_menu.addAction(actions.toggle_star)
        article_menu.addAction(actions.mark_read)
        article_menu.addAction(actions.toggle_read)
        read_rule_menu = article_menu.addMenu(self.tr("Mark Read &Automatically"))
        for action in actions.read_rules.values():
            read_rule_menu.addAction(action)
        actions.read_rules.get(
            self.settings.mark_read_after(), actions.read_rules[DEFAULT_DWELL_SECONDS]
        ).setChecked(True)
        article_menu.addSeparator()
        article_menu.addAction(actions.delete)
        # Delete works in the list only (see actions.create_actions).
        self.library_panel.table.addAction(actions.delete)

    def _build_toolbar(self, actions: WindowActions) -> None:
        toolbar = self.toolbar = self.addToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(actions.back)
        toolbar.addAction(actions.forward)
        toolbar.addSeparator()
        toolbar.addWidget(self.search_field)
        toolbar.addSeparator()
        toolbar.addAction(actions.import_files)
        toolbar.addAction(actions.export_pdf)
        toolbar.addSeparator()
        self.theme_button = QToolButton()
        self.theme_button.setObjectName("themeButton")
        self.theme_button.setText(self.tr("Theme"))
        self.theme_button.setToolTip(self.tr("Reading theme"))
        self.theme_button.setMenu(self.theme_menu)
        self.theme_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addWidget(self.theme_button)
        self.smaller_button = QToolButton()
        self.smaller_button.setDefaultAction(actions.zoom_out)
        self.smaller_button.setText("A−")
        self.larger_button = QToolButton()
        self.larger_button.setDefaultAction(actions.zoom_in)
        self.larger_button.setText("A+")
        toolbar.addWidget(self.smaller_button)
        toolbar.addWidget(self.larger_button)
        # Toolbar buttons take no focus by default: keyboard users could not reach them.
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def _build_view_menu(self, actions: WindowActions) -> None:
        layout = self.layout_controller
        self.view_menu.addAction(layout.toggle_library)
        self.view_menu.addAction(layout.toggle_related)
        self.view_menu.addAction(layout.distraction_free)
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.theme_menu)
        self.view_menu.addMenu(LanguageMenu(self.services, self))
        self.view_menu.addSeparator()
        self.view_menu.addAction(actions.zoom_in)
        self.view_menu.addAction(actions.zoom_out)
        self.view_menu.addAction(actions.zoom_reset)

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
        self.live_library.progress.connect(self._show_progress)
        self.inbox.processed.connect(lambda result: report_inbox_pass(self, result))
        self.reader_view.article_requested.connect(self.open_article)
        self.reader_view.search_requested.connect(self.search.search_for)
        self.reader_view.highlighted.connect(self._link_hovered)
        self.reader_view.external_link_failed.connect(self._link_not_opened)
        self.reader_view.font_size_changed.connect(self.settings.set_font_size)
        self.related_panel.open_article.connect(self.open_article)
        self.related_panel.search_requested.connect(self._find_candidates)
        self.search.candidates_ready.connect(self._show_candidates)
        self.search_results.import_requested.connect(lambda _title: self.transfers.ask_import())
        self.search.results_ready.connect(self._show_results)
        self.search.cleared.connect(self._show_library)
        self.search.open_top_hit.connect(self._open_top_hit)
        self.search.failed.connect(self.search_results.show_message)
        self.search_field.textEdited.connect(self._search_typed)
        self.search_field.down_pressed.connect(self.search_results.focus_results)
        self.search_results.open_requested.connect(self._open_search_hit)
        self.search_results.suggestion_clicked.connect(self.search.search_for)
        self.search_results.escape_pressed.connect(self.search.clear)
        self.transfers.imported.connect(self._import_finished)
        self.transfers.exported.connect(
            lambda path: self.statusBar().showMessage(
                self.tr("Exported {path}").format(path=path), UNDO_MESSAGE_MS
            )
        )
        self.transfers.progress.connect(self._show_progress)
        self.jobs.busy_changed.connect(self._busy_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

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
        """Bring the full-text index up to date in the background (incremental).

        ``check_folder=False`` after a live-library refresh, which has just scanned it."""
        service = self.search.service
        if service is None:
            return
        if "index" in self.jobs.running_names():
            self._index_again = bool(self._index_again) or check_folder
            return
        self.jobs.start(
            "index",
            lambda progress: service.update(progress, check_folder=check_folder),
            on_success=self._index_updated,
            on_failure=self._index_failed,
            on_progress=lambda done, total: self._show_progress(self.tr("Indexing"), done, total),
        )

    def update_index_for(self, article_ids: Collection[str]) -> None:
        """Re-index just these articles (added, edited or removed outside the window).

        ``SearchService.update_articles`` stats and reads only the named files, where
        ``update`` walks every article's stamp (most of a one-article update at 100k
        articles). Many ids (a sync), or an index job already running, take the full update
        path, which queues behind the running job."""
        service = self.search.service
        if service is None:
            return
        if len(article_ids) > MAX_TARGETED_INDEX_IDS or "index" in self.jobs.running_names():
            self.update_index(check_folder=False)
            return
        ids = list(article_ids)
        self.jobs.start(
            "index",
            lambda _progress: service.update_articles(ids),
            on_success=self._index_updated,
            on_failure=self._index_failed,
        )

    def _index_updated(self, _stats: object) -> None:
        if self._index_again is not None:
            check_folder, self._index_again = self._index_again, None
            QTimer.singleShot(0, lambda: self.update_index(check_folder=check_folder))
        self.statusBar().showMessage(self.tr("Search index up to date"), 3000)
        # Queries typed while indexing ran against the old index: ask again.
        self.search.refresh()
        if self.current_article is not None:
            self._request_similar(self.current_article.id)
        self.index_finished.emit(True)

    def _index_failed(self, message: str) -> None:
        self._index_again = None
        self.statusBar().showMessage(
            self.tr("Indexing failed: {message}").format(message=message), UNDO_MESSAGE_MS
        )
        self.index_finished.emit(False)

    # -- opening articles ------------------------------------------------------------------
    def open_article(
        self,
        article_id: str,
        *,
        highlight: Sequence[str] = (),
        record_history: bool = True,
        scroll_to: float | None = None,
    ) -> bool:
        """Show ``article_id``; returns False (with a status message) if it cannot be read."""
        if self.current_article is not None and self.current_article.id == article_id:
            if highlight:
                self.reader_view.highlight_terms(list(highlight))
            return True
        try:
            article = self.services.store.get(article_id)
        except LibraryError as error:
            self.statusBar().showMessage(str(error), UNDO_MESSAGE_MS)
            return False
        if record_history:
            # (History walks save the position themselves, before moving the cursor.)
            self._remember_position()
            self.history.visit(article_id)
        self.read_tracker.stop()
        fraction = scroll_to if scroll_to is not None else self.settings.scroll_position(article_id)

        def place() -> None:
            if highlight:
                self.reader_view.highlight_terms(list(highlight))
            else:
                self._restore_scroll(fraction)

        shown = self._render(article, then=place)
        self.current_article = article
        self.live_library.watch_article(article_id)
        self.setWindowTitle(self.tr("{title} — Reader").format(title=article.title))
        self.library_panel.select(article_id)
        self._show_related(article)
        if shown:
            place()
        # Showing is not reading: the read rule (dwell time or end reached) decides.
        if article.read:
            self.read_tracker.stop()
        else:
            self.read_tracker.start(article_id)
        self.settings.set_last_article(article_id)
        self._update_navigation()
        return True

    def _render(self, article: Article, *, then: Callable[[], None] | None = None) -> bool:
        """Put ``article`` in the reading view in the current theme (writes nothing).

        Returns True when it is shown on return. A body ``render_is_slow`` finds large is
        rendered in the worker pool instead (Markdown takes about a second per 400 KB, which
        would freeze the window) behind an "Opening…" line, and False is returned; once it
        is shown, ``then`` runs (the caller of a True return does its own), or by default
        the view goes back to the reading position and highlighted terms it had (the
        re-renders for a theme, a preference, a highlight).
        A render overtaken by another one, or by the article being closed, is dropped.
        """
        from reader.render.html import render_article, render_is_slow

        self._render_token += 1
        token = self._render_token
        assets = self.services.store.assets_dir(article.id)
        related = self._related_index.resolve(article.related, exclude=article.id)
        links = self.services.store.link_index(check_folder=False).resolver(article)
        theme = self.effective_theme
        language = self.services.language
        words_per_minute = self.reading_progress.words_per_minute

        def render(_progress: object = None) -> str:
            return render_article(
                article,
                related=related,
                theme=theme,
                assets_dir=assets,
                fallback_language=language,
                links=links,
                words_per_minute=words_per_minute,
            )

        if not render_is_slow(article.body):
            self._render_pending = False
            self._show_rendered(article, render(), assets)
            return True
        if then is None:
            fraction = self.reader_view.scroll_fraction()
            terms = self.reader_view.highlighted_terms

            def then() -> None:
                if terms:
                    self.reader_view.highlight_terms(terms, scroll=False)
                self._restore_scroll(fraction)

        self._render_pending = True
        self.reader_view.clear_article(self.tr("Opening…"))
        after = then

        def rendered(html: str) -> None:
            if token != self._render_token or self.current_article is not article:
                return  # another article (or another render of this one) came since
            self._render_pending = False
            self._show_rendered(article, html, assets)
            after()

        def failed(message: str) -> None:
            if token != self._render_token or self.current_article is not article:
                return
            self._render_pending = False
            self.reader_view.clear_article(
                self.tr("Could not show this article: {message}").format(message=message)
            )

        self.jobs.start("render", render, on_success=rendered, on_failure=failed)
        return False

    def _show_rendered(self, article: Article, html: str, assets: Path) -> None:
        self.reader_view.show_html(self.preferences.apply_to(html), article_assets=assets)
        self.highlighter.paint(article)
        self.outline.panel.rebuild()
        self.reading_progress.set_article_text(article.body)

    def _reading_speed_changed(self, words_per_minute: int) -> None:
        self.library_model.set_words_per_minute(words_per_minute)
        if self.current_article is not None:
            fraction = self.reader_view.scroll_fraction()
            self._render(self.current_article)  # the byline's reading time
            self._restore_scroll(fraction)

    def _restore_scroll(self, fraction: float) -> None:
        self.reader_view.document().documentLayout().documentSize()  # finish the layout first
        self.reader_view.set_scroll_fraction(fraction)

    def _remember_position(self) -> None:
        if self.current_article is None or self._render_pending:
            return  # (an "Opening…" line has no reading position)
        fraction = self.reader_view.scroll_fraction()
        self.history.remember_scroll(fraction)
        self.settings.set_scroll_position(self.current_article.id, fraction)

    def _show_related(self, article: Article) -> None:
        related = [
            RelatedEntry(EntryKind.RELATED, entry.item.title, entry.item.teaser, entry.article_id)
            for entry in self._related_index.resolve(article.related, exclude=article.id)
        ]
        linked = []
        for source_id in self._related_index.linked_from(article.id):
            summary = self.library_model.summary(source_id)
            if summary is not None:
                linked.append(
                    RelatedEntry(EntryKind.LINKED, summary.title, _byline(summary), source_id)
                )
        self.related_panel.model.set_sections(related, linked)
        self._request_similar(article.id)

    def _request_similar(self, article_id: str) -> None:
        service = self.search.service
        if service is None:
            return
        self._similar_token += 1
        token = self._similar_token
        self.search.runner.start(
            "similar",
            lambda _progress: service.similar(article_id, limit=SIMILAR_LIMIT),
            on_success=lambda hits: self._show_similar(token, article_id, hits),
        )

    def _show_similar(self, token: int, article_id: str, hits: list[SearchHit]) -> None:
        if token != self._similar_token or self.current_article is None:
            return  # the reader has moved on
        shown = {entry.article_id for entry in self.related_panel.model.entries()}
        entries = [
            RelatedEntry(EntryKind.SIMILAR, hit.title, _hit_byline(hit), hit.id)
            for hit in hits
            if hit.id != article_id and hit.id not in shown
        ]
        self.related_panel.model.set_similar(entries)

    # -- history ---------------------------------------------------------------------------
    def go_back(self) -> None:
        self._walk_history(self.history.back)

    def go_forward(self) -> None:
        self._walk_history(self.history.forward)

    def _walk_history(self, step: Callable[[], HistoryEntry | None]) -> None:
        self._remember_position()
        entry = step()
        while entry is not None:
            if self.open_article(
                entry.article_id, record_history=False, scroll_to=entry.scroll_fraction
            ):
                return
            self.history.forget(entry.article_id)  # deleted meanwhile
            entry = step()
        self._update_navigation()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Mouse back/forward buttons anywhere in this window walk the history."""
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(watched, QWidget)
            and watched.window() is self
        ):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)

    def _update_navigation(self) -> None:
        self.commands.back.setEnabled(self.history.can_go_back())
        self.commands.forward.setEnabled(self.history.can_go_forward())
        has_article = self.current_article is not None
        for action in (
            self.commands.export_pdf,
            self.commands.toggle_star,
            self.commands.toggle_read,
            self.commands.mark_read,
            self.commands.find,
        ):
            action.setEnabled(has_article)
        self.commands.toggle_star.setChecked(
            bool(self.current_article and self.current_article.starred)
        )
        self.commands.undo_delete.setEnabled(bool(self._deleted))

    # -- search ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _search_typed(self, text: str) -> None:
        if text.strip():
            self.left_stack.setCurrentWidget(self.search_results)
            self.search_results.show_searching(text.strip())

    def _show_results(self, results: SearchResults) -> None:
        self.left_stack.setCurrentWidget(self.search_results)
        self.search_results.show_results(self.search_field.text().strip(), results)

    def _find_candidates(self, title: str) -> None:
        self.left_stack.setCurrentWidget(self.search_results)
        self.search_results.show_searching(title)
        current = self.current_article.id if self.current_article is not None else None
        self.search.find_candidates(title, exclude=current)

    def _show_candidates(self, title: str, results: SearchResults) -> None:
        self.left_stack.setCurrentWidget(self.search_results)
        self.search_results.show_candidates(title, results)

    def _show_library(self) -> None:
        self.search_results.model.set_results(None)
        self.left_stack.setCurrentWidget(self.library_panel)
        self.reader_view.highlight_terms([], scroll=False)  # the search is over

    def _open_search_hit(self, article_id: str) -> None:
        results = self.search.latest_results()
        self.open_article(article_id, highlight=results.terms if results else ())

    def _open_top_hit(self, results: SearchResults) -> None:
        self.open_article(results.hits[0].id, highlight=results.terms)
        self.reader_view.setFocus(Qt.FocusReason.OtherFocusReason)

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
        """Move the selected article to the desktop trash; Ctrl+Z brings it back."""
        article_id = self.library_panel.table.current_article_id() or (
            self.current_article.id if self.current_article else None
        )
        if article_id is None:
            return
        row = self.library_model.row_for_id(article_id, fetch=False)
        try:
            article = self.services.store.delete(article_id)
        except (LibraryError, OSError) as error:
            self.statusBar().showMessage(
                self.tr("Could not delete: {error}").format(error=error), UNDO_MESSAGE_MS
            )
            return
        self._deleted.append(article)
        self.organiser.trashed(article)
        self.library_model.remove(article_id)
        self.history.forget(article_id)
        self._library_changed()
        if self.current_article is not None and self.current_article.id == article_id:
            self.current_article = None
            self.reader_view.clear_article()
            self.reading_progress.set_article_text(None)
            self.outline.panel.rebuild()
            self.related_panel.model.set_sections([], [])
            self.setWindowTitle("Reader")
            next_id = self.library_model.id_at(min(row or 0, self.library_model.rowCount() - 1))
            if next_id is not None:
                self.open_article(next_id)
        self.statusBar().showMessage(
            self.tr("Moved “{title}” to the trash — Ctrl+Z to undo").format(title=article.title),
            UNDO_MESSAGE_MS,
        )
        self._update_navigation()

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        article = self._deleted.pop()
        try:
            self.services.store.restore(article)
        except LibraryError as error:
            self._deleted.append(article)
            self.statusBar().showMessage(
                self.tr("Could not restore: {error}").format(error=error), UNDO_MESSAGE_MS
            )
            return
        self._library_changed(changed=[article.id])
        self.open_article(article.id)
        self.statusBar().showMessage(
            self.tr("Restored “{title}”").format(title=article.title), 3000
        )
        self._update_navigation()

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

    # -- progress --------------------------------------------------------------------------
    def _show_progress(self, what: str, done: int, total: int) -> None:
        self.progress_bar.show()
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total))
        self.statusBar().showMessage(f"{what} {done}/{total}…" if total else f"{what}…")

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self.progress_bar.setRange(0, 0)  # indeterminate until the first report
            self.progress_bar.show()
        else:
            self.progress_bar.hide()

    def _update_counts(self) -> None:
        model = self.library_model
        total, shown = model.total_count(), model.shown_count()
        unread = model.unread_count()
        text = counted(self.tr("%n article(s)", "", total), total)
        text += " · " + counted(self.tr("%n unread", "", unread), unread)
        if shown != total:
            text += " · " + counted(self.tr("%n shown", "", shown), shown)
        self.counts_label.setText(text)

    def _link_not_opened(self, url: QUrl) -> None:
        from reader.ui.link_dialog import LinkNotOpenedDialog

        self.link_dialog = LinkNotOpenedDialog(url, self)
        self.link_dialog.open()

    def _link_hovered(self, url: QUrl) -> None:
        text = url.toString() if not url.isEmpty() else ""
        if text.startswith("reader://"):
            text = ""
        self.statusBar().showMessage(text, 5000) if text else self.statusBar().clearMessage()

    # -- theme -----------------------------------------------------------------------------
    @property
    def theme_choice(self) -> str:
        return self._theme_choice

    @property
    def effective_theme(self) -> str:
        return effective_theme(self._theme_choice)

    def set_theme(self, choice: str) -> None:
        self.settings.set_theme(choice)  # validates
        self._theme_choice = choice
        self._apply_theme()

    def _system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._theme_choice == SYSTEM:
            self._apply_theme()

    def _apply_theme(self) -> None:
        from reader.render.html import theme_css

        theme = self.effective_theme
        self.commands.themes[self._theme_choice].setChecked(True)
        self.theme_button.setText(
            self.tr("Theme: {name}").format(name=theme_label(self._theme_choice))
        )
        apply_window_theme(theme)
        # Widgets with a style sheet take the new palette only when it is set again.
        add_focus_outline(self.reader_view)
        add_focus_outline(self.related_panel.list)
        css = theme_css(theme)
        self.reader_view.setPalette(themed_palette(self.palette(), css))
        if self.current_article is not None:
            # Re-render in place: the same article, position and highlights; no read rule,
            # no history, nothing written.
            fraction = self.reader_view.scroll_fraction()
            terms = self.reader_view.highlighted_terms
            self._render(self.current_article)
            if terms:
                self.reader_view.highlight_terms(terms, scroll=False)
            self._restore_scroll(fraction)

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
            app.removeEventFilter(self)
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._system_scheme_changed)
        self.live_library.stop()
        self.inbox.stop()
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


def _byline(summary: ArticleSummary) -> str:
    parts = [format_list_date(summary.published), summary.category]
    return " · ".join(part for part in parts if part)


def _hit_byline(hit: SearchHit) -> str:
    parts = [format_list_date(hit.published), hit.category]
    return " · ".join(part for part in parts if part)
