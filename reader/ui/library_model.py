"""The library list as a Qt model: a thin adapter over plain ``ArticleSummary`` rows.

Filtering and sorting happen here, on the plain Python list, not in a
``QSortFilterProxyModel``: a proxy compares rows through ``data()`` calls into Python, which
measured 18 s to sort 100,000 rows, against 0.04 s for ``sorted()`` on the rows themselves.
Rows are then handed to the view lazily (``canFetchMore``/``fetchMore``), so a 100k-article
library opens as fast as a small one.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from reader.library.model import ArticleSummary
from reader.library.reading import DEFAULT_WORDS_PER_MINUTE, reading_minutes
from reader.library.text import fold, normalize_title
from reader.ui.i18n import format_list_date

FETCH_BATCH = 500
STAR_ON = "★"

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    STAR = 0
    TITLE = 1
    DATE = 2
    CATEGORY = 3
    TIME = 4
    """Reading time (from the catalog's word count)."""


HEADERS = {
    Column.STAR: STAR_ON,
    Column.TITLE: QT_TRANSLATE_NOOP("LibraryModel", "Title"),
    Column.DATE: QT_TRANSLATE_NOOP("LibraryModel", "Date"),
    Column.CATEGORY: QT_TRANSLATE_NOOP("LibraryModel", "Category"),
    Column.TIME: QT_TRANSLATE_NOOP("LibraryModel", "Time"),
}


class Role(enum.IntEnum):
    """Data roles beyond Qt's own, so views and tests read rows without parsing display text."""

    ARTICLE_ID = Qt.ItemDataRole.UserRole + 1
    SUMMARY = Qt.ItemDataRole.UserRole + 2
    READ = Qt.ItemDataRole.UserRole + 3
    STARRED = Qt.ItemDataRole.UserRole + 4


@dataclass(frozen=True)
class LibraryFilter:
    """What the list shows; empty strings mean "any"."""

    category: str = ""
    tag: str = ""
    unread_only: bool = False
    starred_only: bool = False

    def accepts(self, summary: ArticleSummary) -> bool:
        return (
            (not self.category or summary.category == self.category)
            and (not self.tag or self.tag in summary.tags)
            and (not self.unread_only or not summary.read)
            and (not self.starred_only or summary.starred)
        )


def sort_rows(
    rows: Iterable[ArticleSummary], column: Column, descending: bool
) -> list[ArticleSummary]:
    """Rows in display order; undated articles always go last, ties break by title.

    Titles compare by ``title_key`` (folded, punctuation-free), which every summary carries
    (see ``with_title_key``): keys are read with ``attrgetter``, in C, because a Python key
    function per row was a third of the time a 100k-article library took to open.
    """
    rows = list(rows)
    by_title = attrgetter("title_key")
    if column is Column.DATE:
        dated = [row for row in rows if row.published is not None]
        undated = [row for row in rows if row.published is None]
        dated.sort(key=attrgetter("published", "title_key"), reverse=descending)
        undated.sort(key=by_title)
        return dated + undated
    if column is Column.CATEGORY:
        folded = {category: fold(category) for category in {row.category for row in rows}}
        key = lambda row: (folded[row.category], row.title_key)  # noqa: E731
    elif column is Column.TIME:
        key = attrgetter("words", "title_key")
    elif column is Column.STAR:
        key = lambda row: (not row.starred, row.title_key)  # noqa: E731
    else:
        key = by_title
    return sorted(rows, key=key, reverse=descending)


def with_title_key(summary: ArticleSummary) -> ArticleSummary:
    """The summary with its sort key filled (the catalog and the store always fill it)."""
    if summary.title_key or not summary.title:
        return summary
    return summary._replace(title_key=normalize_title(summary.title))


class LibraryModel(QAbstractTableModel):
    """Filtered, sorted library rows, fetched by the view in batches."""

    counts_changed = Signal()

    def __init__(self, parent: QObject | None = None, *, batch_size: int = FETCH_BATCH) -> None:
        super().__init__(parent)
        self._batch_size = batch_size
        self._all: dict[str, ArticleSummary] = {}
        self._visible: list[ArticleSummary] = []
        self._row_of: dict[str, int] | None = None
        self._loaded = 0
        self._filter = LibraryFilter()
        self._sort_column = Column.DATE
        self._sort_descending = True
        self._in_change = False
        """True while a change is being announced; fetchMore must not nest a second one."""
        self.words_per_minute = DEFAULT_WORDS_PER_MINUTE

    # -- feeding ---------------------------------------------------------------------------
    def set_summaries(self, summaries: Iterable[ArticleSummary]) -> None:
        self._all = {summary.id: with_title_key(summary) for summary in summaries}
        self._rebuild()

    def set_filter(self, library_filter: LibraryFilter) -> None:
        if library_filter != self._filter:
            self._filter = library_filter
            self._rebuild()

    def set_words_per_minute(self, words_per_minute: int) -> None:
        """The reading speed the Time column assumes (the order by length stays the same)."""
        self.words_per_minute = words_per_minute
        if self._loaded:
            self.dataChanged.emit(
                self.index(0, Column.TIME), self.index(self._loaded - 1, Column.TIME), []
            )

    @property
    def library_filter(self) -> LibraryFilter:
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        try:
            chosen = Column(column)
        except ValueError:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (chosen, descending) == (self._sort_column, self._sort_descending):
            return  # the header announcing the order already shown: nothing to redo
        self._sort_column, self._sort_descending = chosen, descending
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        accepted = (row for row in self._all.values() if self._filter.accepts(row))
        self._visible = sort_rows(accepted, self._sort_column, self._sort_descending)
        self._row_of = None
        self._loaded = min(self._batch_size, len(self._visible))
        self._in_change = True
        try:
            self.endResetModel()
        finally:
            self._in_change = False
        self.counts_changed.emit()

    def update_summary(self, summary: ArticleSummary) -> None:
        """Refresh one row in place (read/star changed); it stays visible until the next filter."""
        if summary.id not in self._all:
            return
        summary = with_title_key(summary)
        self._all[summary.id] = summary
        row = self.row_for_id(summary.id, fetch=False)
        if row is not None:
            self._visible[row] = summary
            if row < self._loaded:
                self._in_change = True
                try:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1), [])
                finally:
                    self._in_change = False
        self.counts_changed.emit()

    def set_flags(self, article_id: str, *, read: bool | None = None, starred: bool | None = None):
        summary = self._all.get(article_id)
        if summary is None:
            return
        changes = {}
        if read is not None:
            changes["read"] = read
        if starred is not None:
            changes["starred"] = starred
        self.update_summary(summary._replace(**changes))

    def remove(self, article_id: str) -> None:
        if self._all.pop(article_id, None) is None:
            return
        row = self.row_for_id(article_id, fetch=False)
        if row is not None:
            if row < self._loaded:
                self._in_change = True
                try:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._visible[row]
                    self._loaded -= 1
                    self._row_of = None
                    self.endRemoveRows()
                finally:
                    self._in_change = False
            else:
                del self._visible[row]
                self._row_of = None
        self.counts_changed.emit()

    # -- queries ---------------------------------------------------------------------------
    def summary(self, article_id: str) -> ArticleSummary | None:
        return self._all.get(article_id)

    def summaries(self) -> list[ArticleSummary]:
        return list(self._all.values())

    def row_for_id(self, article_id: str, *, fetch: bool = True) -> int | None:
        """The row showing ``article_id``; with ``fetch`` the rows up to it are loaded."""
        if self._row_of is None:
            self._row_of = {summary.id: row for row, summary in enumerate(self._visible)}
        row = self._row_of.get(article_id)
        if row is not None and fetch and row >= self._loaded and not self._in_change:
            self._load_up_to(row + 1)
        return row

    def id_at(self, row: int) -> str | None:
        return self._visible[row].id if 0 <= row < self._loaded else None

    def total_count(self) -> int:
        return len(self._all)

    def unread_count(self) -> int:
        return sum(1 for summary in self._all.values() if not summary.read)

    def shown_count(self) -> int:
        return len(self._visible)

    def categories(self) -> list[str]:
        return sorted({s.category for s in self._all.values() if s.category}, key=fold)

    def tags(self) -> list[str]:
        return sorted({tag for s in self._all.values() for tag in s.tags}, key=fold)

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: AnyIndex) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self._loaded < len(self._visible)

    def fetchMore(self, parent: AnyIndex) -> None:  # noqa: N802 - Qt override
        # Observers (views, testers) may ask for more while they handle our own change
        # signals; inserting then would interleave two changes. Views ask again after
        # their (delayed) relayout anyway.
        if parent.isValid() or self._in_change:
            return
        remaining = len(self._visible) - self._loaded
        count = min(self._batch_size, remaining)
        if count > 0:
            self._load_up_to(self._loaded + count)

    def _load_up_to(self, row_count: int) -> None:
        self._in_change = True
        try:
            self.beginInsertRows(QModelIndex(), self._loaded, row_count - 1)
            self._loaded = row_count
            self.endInsertRows()
        finally:
            self._in_change = False

    def headerData(  # noqa: N802 - Qt override
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[Column(section)])
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.STAR:
            return self.tr("Starred")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        summary = self._visible[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.STAR:
                return STAR_ON if summary.starred else ""
            if column == Column.TITLE:
                return summary.title
            if column == Column.DATE:
                return format_list_date(summary.published)
            if column == Column.CATEGORY:
                return summary.category
            if column == Column.TIME:
                minutes = reading_minutes(summary.words, self.words_per_minute)
                return self.tr("{minutes} min").format(minutes=minutes) if minutes else ""
            return None
        if role == Qt.ItemDataRole.FontRole and column == Column.TITLE and not summary.read:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE:
            details = [summary.title, summary.author, ", ".join(summary.tags)]
            return "\n".join(part for part in details if part)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.STAR:
            return self.tr("starred") if summary.starred else self.tr("not starred")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.STAR:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.TIME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.ARTICLE_ID:
            return summary.id
        if role == Role.SUMMARY:
            return summary
        if role == Role.READ:
            return summary.read
        if role == Role.STARRED:
            return summary.starred
        return None
