"""The library pane: filter controls above a table view of ``LibraryModel``.

Keyboard first: arrow keys move through the list and the reading view follows the current
row, Enter opens it, Delete sends it to the trash, Ctrl+D stars it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.library.listing import LibraryFilter
from reader.ui.i18n import format_list_date
from reader.ui.library_model import Column, LibraryModel, Role

ALL_CATEGORIES = QT_TRANSLATE_NOOP("LibraryPanel", "All categories")
ALL_TAGS = QT_TRANSLATE_NOOP("LibraryPanel", "All tags")
NARROW_PANEL_WIDTH = 300
TIME_PANEL_WIDTH = 270
"""Wide enough for the reading time beside the title (kept readable) and the date."""
WIDE_PANEL_WIDTH = 420
"""Wide enough for the category beside the title, date and reading time."""


class LibraryTable(QTableView):
    """Table with the keys a list of articles needs: Enter opens, Delete trashes."""

    open_requested = Signal(str)
    delete_requested = Signal(str)
    entering_focus = False
    """True while Qt makes a row current only because the list got the focus (Tab)."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        # Qt makes the first row current when the focus arrives; that is not a choice.
        self.entering_focus = True
        try:
            super().focusInEvent(event)
        finally:
            self.entering_focus = False

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
        self.category_filter.setToolTip(self.tr("Show one category"))
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.setToolTip(self.tr("Show one tag"))
        self.unread_only = QCheckBox(self.tr("Unread"))
        self.unread_only.setToolTip(self.tr("Show only articles not read yet"))
        self.starred_only = QCheckBox(self.tr("Starred"))
        self.starred_only.setToolTip(self.tr("Show only starred articles"))

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
        # Dates are all about one width: a fixed column spares Qt measuring every loaded row
        # (ResizeToContents asked the model 24,000 times as a 100k library opened).
        header.setSectionResizeMode(Column.DATE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.CATEGORY, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TIME, QHeaderView.ResizeMode.Fixed)
        metrics = self.table.fontMetrics()
        date_width = (
            metrics.horizontalAdvance(format_list_date(dt.date(2000, 12, 28)))
            + 2 * metrics.averageCharWidth()
        )
        header.resizeSection(Column.DATE, max(date_width, header.sectionSizeHint(Column.DATE)))
        header.resizeSection(Column.STAR, 24)
        header.resizeSection(Column.CATEGORY, 90)
        header.resizeSection(
            Column.TIME,
            max(metrics.horizontalAdvance("99 min") + 10, header.sectionSizeHint(Column.TIME)),
        )
        header.setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)
        # Enabled after the indicator is set: enabling sorts by the indicator shown, and a
        # large library should be sorted once, not once per header change.
        self.table.setSortingEnabled(True)

        for combo in (self.category_filter, self.tag_filter):
            # Long category names must not hold the panel wide (it narrows on small screens).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.empty_label = QLabel(self.tr("No articles match these filters."))
        self.empty_label.setObjectName("emptyFilterLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.clear_filters_button = QPushButton(self.tr("Show All Articles"))
        self.clear_filters_button.setObjectName("clearFiltersButton")
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.empty_box = QWidget()
        empty_layout = QVBoxLayout(self.empty_box)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.clear_filters_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.empty_box.hide()

        combos = QHBoxLayout()
        combos.setContentsMargins(0, 0, 0, 0)
        combos.addWidget(self.category_filter, 1)
        combos.addWidget(self.tag_filter, 1)
        checks = QHBoxLayout()
        checks.setContentsMargins(4, 0, 0, 0)
        checks.addWidget(self.unread_only)
        checks.addWidget(self.starred_only)
        checks.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(combos)
        layout.addLayout(checks)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_box, 1)
        model.counts_changed.connect(self._update_empty_message)

        self.category_filter.currentIndexChanged.connect(self._apply_filter)
        self.tag_filter.currentIndexChanged.connect(self._apply_filter)
        self.unread_only.toggled.connect(self._apply_filter)
        self.starred_only.toggled.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.clicked.connect(self._clicked)
        self.table.open_requested.connect(self.article_selected)
        self.table.delete_requested.connect(self.delete_requested)
        self.refresh_filter_choices()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """A narrow panel (small screens) keeps the titles readable: the category goes
        first, then the reading time."""
        super().resizeEvent(event)
        self.table.setColumnHidden(Column.CATEGORY, self.width() < WIDE_PANEL_WIDTH)
        self.table.setColumnHidden(Column.TIME, self.width() < TIME_PANEL_WIDTH)

    # -- filters ---------------------------------------------------------------------------
    def refresh_filter_choices(self) -> None:
        """Fill the combos from the library, keeping the current choice when it still exists."""
        _refill(self.category_filter, self.tr(ALL_CATEGORIES), self.model.categories())
        _refill(self.tag_filter, self.tr(ALL_TAGS), self.model.tags())

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
        self._update_empty_message()

    def clear_filters(self) -> None:
        filters = (self.category_filter, self.tag_filter, self.unread_only, self.starred_only)
        for widget in filters:
            widget.blockSignals(True)
        try:
            self.category_filter.setCurrentIndex(0)
            self.tag_filter.setCurrentIndex(0)
            self.unread_only.setChecked(False)
            self.starred_only.setChecked(False)
        finally:
            for widget in filters:
                widget.blockSignals(False)
        self._apply_filter()

    def _update_empty_message(self) -> None:
        """A filter that matches nothing says so, rather than leaving a blank list."""
        empty = self.model.shown_count() == 0 and self.model.total_count() > 0
        self.empty_box.setVisible(empty)
        self.table.setVisible(not empty)

    # -- sorting ---------------------------------------------------------------------------
    def sort_order(self) -> tuple[int, bool]:
        """(column, descending) as shown by the header."""
        header = self.table.horizontalHeader()
        return (
            header.sortIndicatorSection(),
            header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )

    def sort_by(self, column: int, descending: bool) -> None:
        if not 0 <= column < self.model.columnCount():
            return
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(column, order)

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
        if self.table.entering_focus or _extending_selection():
            return
        article_id = current.data(Role.ARTICLE_ID) if current.isValid() else None
        if article_id:
            self.article_selected.emit(article_id)

    def _clicked(self, index: QModelIndex) -> None:
        if _extending_selection():
            return  # Ctrl/Shift+click picks rows for the context menu; it opens nothing
        article_id = index.data(Role.ARTICLE_ID)
        if article_id:
            self.article_selected.emit(article_id)


def _extending_selection() -> bool:
    modifiers = QApplication.keyboardModifiers()
    return bool(
        modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    )


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
