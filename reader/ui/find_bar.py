"""Find in page (Ctrl+F): a slim bar under the reading view, like a browser's.

Enter / F3 goes to the next match, Shift+Enter / Shift+F3 to the previous one, Esc closes
the bar and gives the focus back to the article.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.ui.reader_view import ReaderView


class FindBar(QWidget):
    def __init__(self, view: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._view = view
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText(self.tr("Find in article"))
        self.field.setClearButtonEnabled(True)
        self.previous_button = QToolButton()
        self.previous_button.setText("↑")
        self.previous_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.next_button = QToolButton()
        self.next_button.setText("↓")
        self.next_button.setToolTip(self.tr("Next match (F3)"))
        self.status = QLabel()
        self.status.setObjectName("findStatus")
        close_button = QToolButton()
        close_button.setText("✕")
        close_button.setToolTip(self.tr("Close (Esc)"))
        close_button.setAutoRaise(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(self.tr("Find:")))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.status)
        layout.addWidget(close_button)

        self.field.textChanged.connect(self._search_from_start)
        self.field.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        close_button.clicked.connect(self.close_bar)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_Escape), self.close_bar),
            (QKeySequence("Shift+Return"), self.find_previous),
            (QKeySequence("Shift+Enter"), self.find_previous),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if self.field.text():
            self._update_status(self._view.find_text(self.field.text()))

    def close_bar(self) -> None:
        self._view.clear_find()
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def find_next(self) -> bool:
        return self._update_status(self._view.find_text(self.field.text()))

    def find_previous(self) -> bool:
        return self._update_status(self._view.find_text(self.field.text(), backward=True))

    def _search_from_start(self, text: str) -> None:
        cursor = self._view.textCursor()
        cursor.clearSelection()
        cursor.setPosition(0)
        self._view.setTextCursor(cursor)
        self._update_status(self._view.find_text(text))

    def _update_status(self, found: bool) -> bool:
        text = self.field.text()
        if not text:
            self.status.clear()
        elif found:
            current, total = self._view.find_position
            self.status.setText(
                self.tr("{current} of {total}").format(current=current, total=total)
            )
        else:
            self.status.setText(self.tr("Not found"))
        return found
