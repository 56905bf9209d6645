"""Highlights in the reading view: mark the selection in a colour, with an optional note.

Highlights are stored in the article file (``reader.library.highlights``); here they are
painted onto the shown document as a background, found again by their text paragraph by
paragraph, so a highlight whose passage is still there after an edit still shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QTextBrowser,
)

from reader.library.highlights import COLOURS
from reader.library.model import Highlight
from reader.library.store import LibraryError
from reader.render.pdf import HIGHLIGHT_BACKGROUNDS, paint_highlights

if TYPE_CHECKING:
    from reader.library.model import Article
    from reader.ui.main_window import MainWindow
    from reader.ui.reader_view import ReaderView

COLOUR_LABELS = {
    "yellow": QT_TRANSLATE_NOOP("Highlighter", "Yellow"),
    "green": QT_TRANSLATE_NOOP("Highlighter", "Green"),
    "blue": QT_TRANSLATE_NOOP("Highlighter", "Blue"),
    "pink": QT_TRANSLATE_NOOP("Highlighter", "Pink"),
}


def selected_passage(view: QTextBrowser) -> str:
    """The selection as plain text, paragraphs separated by newlines."""
    return view.textCursor().selectedText().replace("\u2029", "\n").strip()


class HighlightsDock(QDockWidget):
    """The open article's highlights; a click or Enter jumps to one, Delete removes it."""

    remove_requested = Signal(int)

    def __init__(self, window: QMainWindow, view: ReaderView) -> None:
        super().__init__(window)
        self.setObjectName("highlightsDock")
        self.setWindowTitle(self.tr("Highlights"))
        self._view = view
        self.list = QListWidget()
        self.list.setObjectName("highlightsList")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._jump)
        self.list.itemClicked.connect(self._jump)
        self.list.installEventFilter(self)
        self.setWidget(self.list)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self.hide()
        self.toggle_action: QAction = self.toggleViewAction()
        self.toggle_action.setText(self.tr("Hi&ghlights"))
        self.toggle_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        window.addAction(self.toggle_action)

    def show_highlights(self, highlights: list[Highlight], present: list[bool]) -> None:
        self.list.clear()
        for highlight, found in zip(highlights, present, strict=True):
            text = " ".join(highlight.text.split())
            if highlight.note:
                text += f"\n— {' '.join(highlight.note.split())}"
            if not found:
                text += "\n" + self.tr("(no longer in the text)")
            item = QListWidgetItem(text)
            item.setBackground(QColor(HIGHLIGHT_BACKGROUNDS.get(highlight.colour, "#fff0a0")))
            item.setForeground(QColor("#1d1d1f"))
            item.setData(Qt.ItemDataRole.UserRole, highlight.text)
            self.list.addItem(item)

    def _jump(self, item: QListWidgetItem) -> None:
        first = next(
            (p.strip() for p in str(item.data(Qt.ItemDataRole.UserRole)).split("\n") if p.strip()),
            "",
        )
        cursor = self._view.document().find(first) if first else QTextCursor()
        if not cursor.isNull():
            self._view.setTextCursor(cursor)
            self._view.scroll_into_view(cursor)  # whole, with context: not at an edge

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
            and self.list.currentRow() >= 0
        ):
            self.remove_requested.emit(self.list.currentRow())
            return True
        return super().eventFilter(watched, event)


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
        self.dock = HighlightsDock(window, window.reader_view)
        self.dock.remove_requested.connect(self.remove)
        self.menu.addSeparator()
        self.menu.addAction(self.dock.toggle_action)

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

    def remove(self, index: int) -> bool:
        """Delete highlight ``index`` of the open article from its file."""
        window = self.window
        article = window.current_article
        if article is None:
            return False
        store = window.services.store
        try:
            stored = store.get(article.id)
            if not 0 <= index < len(stored.highlights):
                return False
            del stored.highlights[index]
            store.update(stored)
        except LibraryError as error:
            window.statusBar().showMessage(str(error), 10_000)
            return False
        window.current_article = stored
        fraction = window.reader_view.scroll_fraction()
        window._render(stored)
        window._restore_scroll(fraction)
        return True

    def paint(self, article: Article) -> int:
        document = self.window.reader_view.document()
        present = [paint_highlights(document, [h]) == 1 for h in article.highlights]
        self.dock.show_highlights(article.highlights, present)
        return sum(present)
