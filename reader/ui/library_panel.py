"""The library pane: filter controls above a table view of ``LibraryModel``.

Keyboard first: arrow keys move through the list and the reading view follows the current
row, Enter opens it, Delete sends it to the trash, Ctrl+D stars it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.library.listing import LibraryFilter
from reader.ui.library_model import Column, LibraryModel, Role

ALL_CATEGORIES = "All categories"
ALL_TAGS = "All tags"


class LibraryTable(QTableView):
    """Table with the keys a list of articles needs: Enter opens, Delete trashes."""

    open_requested = Signal(str)
    delete_requested = Signal(str)

    def current_article_id(self) -> str | None:
        index = self.currentIndex()
        return index.data(Role.ARTICLE_ID) if index.isValid() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        article_id = self.current_article_id()
        if article_id and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(article_id)
            return
        if article_id and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit(article_id)
            return
        super().keyPressEvent(event)


class LibraryPanel(QWidget):
    """Filters + list; emits ``article_selected`` when the reader picks an article."""

    article_selected = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

        self.category_filter = QComboBox()
        self.category_filter.setObjectName("categoryFilter")
        self.category_filter.setToolTip("Show one category")
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.setToolTip("Show one tag")
        self.unread_only = QCheckBox("Unread")
        self.unread_only.setToolTip("Show only articles not read yet")
        self.starred_only = QCheckBox("Starred")
        self.starred_only.setToolTip("Show only starred articles")

        self.table = LibraryTable()
        self.table.setObjectName("libraryTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.STAR, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        # Dates are ISO, all one width: a fixed column spares Qt measuring every loaded row
        # (ResizeToContents asked the model 24,000 times as a 100k library opened).
        header.setSectionResizeMode(Column.DATE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.CATEGORY, QHeaderView.ResizeMode.Interactive)
        metrics = self.table.fontMetrics()
        date_width = metrics.horizontalAdvance("0000-00-00") + 2 * metrics.averageCharWidth()
        header.resizeSection(Column.DATE, max(date_width, header.sectionSizeHint(Column.DATE)))
        header.resizeSection(Column.STAR, 24)
        header.resizeSection(Column.CATEGORY, 90)
        header.setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)
        # Enabled after the indicator is set: enabling sorts by the indicator shown, and a
        # large library should be sorted once, not once per header change.
        self.table.setSortingEnabled(True)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.tag_filter, 1)
        filters.addWidget(self.unread_only)
        filters.addWidget(self.starred_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(filters)
        layout.addWidget(self.table)

        self.category_filter.currentIndexChanged.connect(self._apply_filter)
        self.tag_filter.currentIndexChanged.connect(self._apply_filter)
        self.unread_only.toggled.connect(self._apply_filter)
        self.starred_only.toggled.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.clicked.connect(self._clicked)
        self.table.open_requested.connect(self.article_selected)
        self.table.delete_requested.connect(self.delete_requested)
        self.refresh_filter_choices()

    # -- filters ---------------------------------------------------------------------------
    def refresh_filter_choices(self) -> None:
        """Fill the combos from the library, keeping the current choice when it still exists."""
        _refill(self.category_filter, ALL_CATEGORIES, self.model.categories())
        _refill(self.tag_filter, ALL_TAGS, self.model.tags())

    def _apply_filter(self) -> None:
        current = self.table.current_article_id()
        self.model.set_filter(
            LibraryFilter(
                category=self.category_filter.currentData() or "",
                tag=self.tag_filter.currentData() or "",
                unread_only=self.unread_only.isChecked(),
                starred_only=self.starred_only.isChecked(),
            )
        )
        if current:
            self.select(current, emit=False)

    # -- selection -------------------------------------------------------------------------
    def select(self, article_id: str, *, emit: bool = False) -> bool:
        """Make ``article_id`` the current row (if the filter shows it) and scroll to it."""
        row = self.model.row_for_id(article_id)
        if row is None:
            self.table.selectionModel().clearSelection()
            return False
        index = self.model.index(row, Column.TITLE)
        selection = self.table.selectionModel()
        if not emit:
            selection.blockSignals(True)
        try:
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            selection.blockSignals(False)
        self.table.scrollTo(index)
        # The view's own repaint of the current row is driven by the blocked signal.
        self.table.viewport().update()
        return True

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = current.data(Role.ARTICLE_ID) if current.isValid() else None
        if article_id:
            self.article_selected.emit(article_id)

    def _clicked(self, index: QModelIndex) -> None:
        article_id = index.data(Role.ARTICLE_ID)
        if article_id:
            self.article_selected.emit(article_id)


def _refill(combo: QComboBox, all_label: str, values: list[str]) -> None:
    chosen = combo.currentData() or ""
    combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItem(all_label, "")
        for value in values:
            combo.addItem(value, value)
        position = combo.findData(chosen) if chosen else 0
        combo.setCurrentIndex(max(position, 0))
    finally:
        combo.blockSignals(False)
