"""Showing one article in the window: open it, render it, place it, and fill the side panel.

Opening is the busiest path of the window (history, read rule, reading position, the related
panel, the "similar" search, a worker render for large bodies and the tokens that drop stale
ones), so it lives here, apart from the window's wiring. ``MainWindow`` keeps thin methods of
the same names for the other parts and the tests that call it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from reader.library.related import RelatedIndex
from reader.library.store import LibraryError
from reader.ui.i18n import format_list_date
from reader.ui.related_panel import EntryKind, RelatedEntry

if TYPE_CHECKING:
    from reader.library.model import Article, ArticleSummary
    from reader.search import SearchHit
    from reader.ui.main_window import MainWindow

SIMILAR_LIMIT = 5
MESSAGE_MS = 10_000


class ArticleDisplay:
    """Opens and renders articles in one window's reading view and related panel.

    The open article itself stays ``window.current_article`` (other parts replace it after
    an edit); this part owns what it takes to show it: the related index, and the tokens by
    which a slow render or a "similar" search overtaken by a newer one is dropped.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.related_index = RelatedIndex([])
        self._similar_token = 0
        self._render_token = 0  # the latest render; a worker's older one is dropped
        self._render_pending = False  # a large article is rendering in the worker

    def open_article(
        self,
        article_id: str,
        *,
        highlight: Sequence[str] = (),
        record_history: bool = True,
        scroll_to: float | None = None,
    ) -> bool:
        """Show ``article_id``; returns False (with a status message) if it cannot be read."""
        window = self.window
        view = window.reader_view
        if window.current_article is not None and window.current_article.id == article_id:
            if highlight:
                view.highlight_terms(list(highlight))
            return True
        try:
            article = window.services.store.get(article_id)
        except LibraryError as error:
            window.statusBar().showMessage(str(error), MESSAGE_MS)
            return False
        if record_history:
            # (History walks save the position themselves, before moving the cursor.)
            self.remember_position()
            window.history.visit(article_id)
        window.read_tracker.stop()
        fraction = (
            scroll_to if scroll_to is not None else window.settings.scroll_position(article_id)
        )

        def place() -> None:
            if highlight:
                view.highlight_terms(list(highlight))
            else:
                self.restore_scroll(fraction)

        shown = self.render(article, then=place)
        window.current_article = article
        window.live_library.watch_article(article_id)
        window.setWindowTitle(
            QCoreApplication.translate("MainWindow", "{title} — Reader").format(title=article.title)
        )
        window.library_panel.select(article_id)
        self.show_related(article)
        if shown:
            place()
        # Showing is not reading: the read rule (dwell time or end reached) decides.
        if article.read:
            window.read_tracker.stop()
        else:
            window.read_tracker.start(article_id)
        window.settings.set_last_article(article_id)
        window.navigation.update_navigation()
        return True

    def render(self, article: Article, *, then: Callable[[], None] | None = None) -> bool:
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

        window = self.window
        view = window.reader_view
        self._render_token += 1
        token = self._render_token
        store = window.services.store
        assets = store.assets_dir(article.id)
        related = self.related_index.resolve(article.related, exclude=article.id)
        links = store.link_index(check_folder=False).resolver(article)
        theme = window.effective_theme
        language = window.services.language
        words_per_minute = window.reading_progress.words_per_minute

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
            self.show_rendered(article, render(), assets)
            return True
        if then is None:
            fraction = view.scroll_fraction()
            terms = view.highlighted_terms

            def then() -> None:
                if terms:
                    view.highlight_terms(terms, scroll=False)
                self.restore_scroll(fraction)

        self._render_pending = True
        view.clear_article(QCoreApplication.translate("MainWindow", "Opening…"))
        after = then

        def rendered(html: str) -> None:
            if token != self._render_token or window.current_article is not article:
                return  # another article (or another render of this one) came since
            self._render_pending = False
            self.show_rendered(article, html, assets)
            after()

        def failed(message: str) -> None:
            if token != self._render_token or window.current_article is not article:
                return
            self._render_pending = False
            view.clear_article(
                QCoreApplication.translate(
                    "MainWindow", "Could not show this article: {message}"
                ).format(message=message)
            )

        window.jobs.start("render", render, on_success=rendered, on_failure=failed)
        return False

    def show_rendered(self, article: Article, html: str, assets: Path) -> None:
        window = self.window
        window.reader_view.show_html(window.preferences.apply_to(html), article_assets=assets)
        window.highlighter.paint(article)
        window.outline.panel.rebuild()
        window.reading_progress.set_article_text(article.body)

    def rerender_in_place(self) -> None:
        """Render the open article again at the same reading position (the byline's reading
        time after a speed change)."""
        window = self.window
        if window.current_article is not None:
            fraction = window.reader_view.scroll_fraction()
            self.render(window.current_article)
            self.restore_scroll(fraction)

    def restore_scroll(self, fraction: float) -> None:
        view = self.window.reader_view
        view.document().documentLayout().documentSize()  # finish the layout first
        view.set_scroll_fraction(fraction)

    def remember_position(self) -> None:
        window = self.window
        if window.current_article is None or self._render_pending:
            return  # (an "Opening…" line has no reading position)
        fraction = window.reader_view.scroll_fraction()
        window.history.remember_scroll(fraction)
        window.settings.set_scroll_position(window.current_article.id, fraction)

    def show_related(self, article: Article) -> None:
        window = self.window
        related = [
            RelatedEntry(EntryKind.RELATED, entry.item.title, entry.item.teaser, entry.article_id)
            for entry in self.related_index.resolve(article.related, exclude=article.id)
        ]
        linked = []
        for source_id in self.related_index.linked_from(article.id):
            summary = window.library_model.summary(source_id)
            if summary is not None:
                linked.append(
                    RelatedEntry(EntryKind.LINKED, summary.title, _byline(summary), source_id)
                )
        window.related_panel.model.set_sections(related, linked)
        window.related_panel.set_placeholder(
            QCoreApplication.translate(
                "MainWindow", "Nothing in your library relates to this article yet."
            )
        )
        self.request_similar(article.id)

    def request_similar(self, article_id: str) -> None:
        search = self.window.search
        service = search.service
        if service is None:
            return
        self._similar_token += 1
        token = self._similar_token
        search.runner.start(
            "similar",
            lambda _progress: service.similar(article_id, limit=SIMILAR_LIMIT),
            on_success=lambda hits: self._show_similar(token, article_id, hits),
        )

    def _show_similar(self, token: int, article_id: str, hits: list[SearchHit]) -> None:
        window = self.window
        if token != self._similar_token or window.current_article is None:
            return  # the reader has moved on
        model = window.related_panel.model
        shown = {entry.article_id for entry in model.entries()}
        entries = [
            RelatedEntry(EntryKind.SIMILAR, hit.title, _hit_byline(hit), hit.id)
            for hit in hits
            if hit.id != article_id and hit.id not in shown
        ]
        model.set_similar(entries)


def _byline(summary: ArticleSummary) -> str:
    parts = [format_list_date(summary.published), summary.category]
    return " · ".join(part for part in parts if part)


def _hit_byline(hit: SearchHit) -> str:
    parts = [format_list_date(hit.published), hit.category]
    return " · ".join(part for part in parts if part)
