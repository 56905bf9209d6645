"""Which list the left pane shows while searching, and opening what a search found.

The search controller (``search_bar``) runs queries and the results panel lists them; this
part switches the pane between the library and the results, asks for "find this title"
candidates, and opens a hit with its terms highlighted. It lives apart from the window's
wiring, which connects the controller's and the panels' signals to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from reader.search import SearchResults
    from reader.ui.main_window import MainWindow


class SearchDisplay:
    """Reacts to one window's search: the left pane, candidates, and opening hits."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def search_typed(self, text: str) -> None:
        window = self.window
        if text.strip():
            window.left_stack.setCurrentWidget(window.search_results)
            window.search_results.show_searching(text.strip())

    def show_results(self, results: SearchResults) -> None:
        window = self.window
        window.left_stack.setCurrentWidget(window.search_results)
        window.search_results.show_results(window.search_field.text().strip(), results)

    def find_candidates(self, title: str) -> None:
        window = self.window
        window.left_stack.setCurrentWidget(window.search_results)
        window.search_results.show_searching(title)
        current = window.current_article.id if window.current_article is not None else None
        window.search.find_candidates(title, exclude=current)

    def show_candidates(self, title: str, results: SearchResults) -> None:
        window = self.window
        window.left_stack.setCurrentWidget(window.search_results)
        window.search_results.show_candidates(title, results)

    def show_library(self) -> None:
        window = self.window
        window.search_results.model.set_results(None)
        window.left_stack.setCurrentWidget(window.library_panel)
        window.reader_view.highlight_terms([], scroll=False)  # the search is over

    def open_search_hit(self, article_id: str) -> None:
        window = self.window
        results = window.search.latest_results()
        window.open_article(article_id, highlight=results.terms if results else ())

    def open_top_hit(self, results: SearchResults) -> None:
        window = self.window
        window.open_article(results.hits[0].id, highlight=results.terms)
        window.reader_view.setFocus(Qt.FocusReason.OtherFocusReason)
