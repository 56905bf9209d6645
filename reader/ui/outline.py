"""The article's outline: its headings as a tree that jumps to each and follows the reading.

The headings are read from the laid-out document (each heading block knows its level), not
from the Markdown, so the outline is exactly what the reading view shows — the title, the
article's own sections and Reader's "Related" section — and a click lands on the block itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTextBrowser, QTreeWidget, QTreeWidgetItem

POSITION_ROLE = Qt.ItemDataRole.UserRole
DOCK_WIDTH = 210
FOLLOW_MARGIN = 8
"""Pixels of slack: a heading scrolled to the very top counts as the current section."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    position: int
    """The heading block's position in the document (a cursor position)."""


def document_headings(document: QTextDocument) -> list[Heading]:
    """Every heading block of ``document``, in order."""
    headings: list[Heading] = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        text = " ".join(block.text().split())
        if level > 0 and text:
            headings.append(Heading(level, text, block.position()))
        block = block.next()
    return headings


class OutlinePanel(QTreeWidget):
    """The headings of the article in ``view``; activating one scrolls the view to it."""

    def __init__(self, view: QTextBrowser) -> None:
        super().__init__()
        self.setObjectName("outlinePanel")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self._view = view
        self.headings: list[Heading] = []
        self._items: list[QTreeWidgetItem] = []
        self.itemActivated.connect(self._jump)
        self.itemClicked.connect(self._jump)
        view.verticalScrollBar().valueChanged.connect(self.follow)

    def rebuild(self) -> None:
        """Read the headings of the article now shown (after each render)."""
        self.clear()
        self._items = []
        self.headings = document_headings(self._view.document())
        parents: list[tuple[int, QTreeWidgetItem]] = []
        for heading in self.headings:
            while parents and parents[-1][0] >= heading.level:
                parents.pop()
            item = QTreeWidgetItem([heading.text])
            item.setData(0, POSITION_ROLE, heading.position)
            item.setToolTip(0, heading.text)
            if parents:
                parents[-1][1].addChild(item)
            else:
                self.addTopLevelItem(item)
            parents.append((heading.level, item))
            self._items.append(item)
        self.expandAll()
        self.follow()

    def _top_of(self, position: int) -> float:
        document = self._view.document()
        block = document.findBlock(position)
        return document.documentLayout().blockBoundingRect(block).top()

    def jump_to(self, index: int) -> None:
        """Scroll the view so heading ``index`` is at the top."""
        bar = self._view.verticalScrollBar()
        bar.setValue(round(self._top_of(self.headings[index].position)))

    def _jump(self, item: QTreeWidgetItem) -> None:
        if item in self._items:
            self.jump_to(self._items.index(item))

    def current_index(self) -> int | None:
        """The section being read: the last heading at or above the top of the view."""
        top = self._view.verticalScrollBar().value() + FOLLOW_MARGIN
        current = None
        for index, heading in enumerate(self.headings):
            if self._top_of(heading.position) > top:
                break
            current = index
        return current

    def follow(self, _value: int = 0) -> None:
        if not self.isVisible() or not self._items:
            return
        index = self.current_index()
        item = self._items[index] if index is not None else self._items[0]
        if item is not self.currentItem():
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)
            self.scrollToItem(item)

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        self.follow()


class OutlineDock(QDockWidget):
    """The outline as a dock at the window's side, shown and hidden with Ctrl+Shift+O."""

    def __init__(self, window: QMainWindow, view: QTextBrowser) -> None:
        super().__init__(window)
        self.setObjectName("outlineDock")
        self.setWindowTitle(self.tr("Outline"))
        self.panel = OutlinePanel(view)
        self.setWidget(self.panel)
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self.hide()
        self.toggle_action: QAction = self.toggleViewAction()
        self.toggle_action.setText(self.tr("&Outline"))
        self.toggle_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.toggle_action.setToolTip(self.tr("The article's headings (Ctrl+Shift+O)"))
        window.addAction(self.toggle_action)
        self._sized = False
        self.toggle_action.toggled.connect(self._toggled)

    def _toggled(self, shown: bool) -> None:
        if shown:
            window = self.parentWidget()
            if isinstance(window, QMainWindow) and not self._sized:
                self._sized = True  # a narrow column at first; the reader may drag it wider
                window.resizeDocks([self], [DOCK_WIDTH], Qt.Orientation.Horizontal)
            self.panel.setFocus()
