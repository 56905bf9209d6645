"""Highlights in the reading view: mark the selection in a colour, with an optional note.

Highlights are stored in the article file (``reader.library.highlights``); here they are
painted onto the shown document as a background, found again by their text paragraph by
paragraph, so a highlight whose passage is still there after an edit still shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QTextBrowser

from reader.library.highlights import COLOURS
from reader.library.model import Highlight
from reader.library.store import LibraryError
from reader.render.pdf import paint_highlights

if TYPE_CHECKING:
    from reader.library.model import Article
    from reader.ui.main_window import MainWindow

COLOUR_LABELS = {
    "yellow": QT_TRANSLATE_NOOP("Highlighter", "Yellow"),
    "green": QT_TRANSLATE_NOOP("Highlighter", "Green"),
    "blue": QT_TRANSLATE_NOOP("Highlighter", "Blue"),
    "pink": QT_TRANSLATE_NOOP("Highlighter", "Pink"),
}


def selected_passage(view: QTextBrowser) -> str:
    """The selection as plain text, paragraphs separated by newlines."""
    return view.textCursor().selectedText().replace("\u2029", "\n").strip()


class Highlighter(QObject):
    """Article › Highlight: the selection in a colour (Ctrl+Shift+H: yellow), or with a note."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = QMenu(self.tr("&Highlight"), window)
        self.colour_actions: dict[str, QAction] = {}
        for colour in COLOURS:
            action = QAction(self.tr(COLOUR_LABELS[colour]), window)
            action.triggered.connect(lambda _checked=False, c=colour: self.highlight(c))
            self.menu.addAction(action)
            self.colour_actions[colour] = action
        self.colour_actions["yellow"].setShortcut(QKeySequence("Ctrl+Shift+H"))
        window.addAction(self.colour_actions["yellow"])
        self.note_action = QAction(self.tr("With a &Note…"), window)
        self.note_action.triggered.connect(self.ask_note)
        self.menu.addSeparator()
        self.menu.addAction(self.note_action)

    def highlight(self, colour: str, note: str = "") -> bool:
        """Store the selected passage as a highlight of the open article and show it."""
        window = self.window
        article = window.current_article
        passage = selected_passage(window.reader_view)
        if article is None or not passage:
            window.statusBar().showMessage(self.tr("Select some text to highlight"), 5000)
            return False
        store = window.services.store
        try:
            stored = store.get(article.id)
            stored.highlights.append(Highlight(passage, colour, note))
            store.update(stored)
        except LibraryError as error:
            window.statusBar().showMessage(str(error), 10_000)
            return False
        window.current_article = stored
        view = window.reader_view
        fraction = view.scroll_fraction()
        window._render(stored)
        window._restore_scroll(fraction)
        return True

    def ask_note(self) -> None:
        if not selected_passage(self.window.reader_view):
            self.window.statusBar().showMessage(self.tr("Select some text to highlight"), 5000)
            return
        passage_cursor = self.window.reader_view.textCursor()
        note, accepted = QInputDialog.getMultiLineText(
            self.window, self.tr("Highlight with a Note"), self.tr("Note:")
        )
        if accepted:
            self.window.reader_view.setTextCursor(passage_cursor)
            self.highlight("yellow", note.strip())

    def paint(self, article: Article) -> int:
        return paint_highlights(self.window.reader_view.document(), article.highlights)
