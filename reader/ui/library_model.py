"""The library list as a Qt model: a thin adapter over plain ``ArticleSummary`` rows.

Filtering and sorting are the core's (``reader.library.listing``, shared with ``reader
list``), run on the plain Python list rather than in a ``QSortFilterProxyModel`` (see there
why). Rows are handed to the view lazily (``canFetchMore``/``fetchMore``), so a 100k-article
library opens as fast as a small one; changes made outside the window arrive as a diff
(``apply_changes``), so selection and scroll position survive them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

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

from reader.library.listing import (
    LibraryFilter,
    SortField,
    comes_before,
    insertion_point,
    sort_rows,
    with_title_key,
)
from reader.library.model import ArticleSummary
from reader.library.reading import DEFAULT_WORDS_PER_MINUTE, reading_minutes
from reader.library.text import fold
from reader.ui.i18n import format_list_date

FETCH_BATCH = 500
BULK_CHANGES = 2000
"""More changes than this (or a tenth of the library) at once re-sort instead of moving rows."""
STAR_ON = "★"

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    STAR = 0
    TITLE = 1
    DATE = 2
    CATEGORY = 3
    TIME = 4
    """Reading time (from the catalog's word count)."""


SORT_FIELDS = {
    Column.STAR: SortField.STARRED,
    Column.TITLE: SortField.TITLE,
    Column.DATE: SortField.DATE,
    Column.CATEGORY: SortField.CATEGORY,
    Column.TIME: SortField.TIME,
}

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
        self._facets: tuple[set[str], set[str]] | None = None
        """Categories and tags of all rows, once asked: a new article with known ones does
        not make the window refill its filters (a pass over every row, ~15-50 ms at 100k)."""
        self.words_per_minute = DEFAULT_WORDS_PER_MINUTE

    # -- feeding ---------------------------------------------------------------------------
    def set_summaries(self, summaries: Iterable[ArticleSummary]) -> None:
        self._all = {summary.id: with_title_key(summary) for summary in summaries}
        self._facets = None
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
        self._visible = sort_rows(accepted, SORT_FIELDS[self._sort_column], self._sort_descending)
        self._row_of = None
        self._loaded = min(self._batch_size, len(self._visible))
        self._in_change = True
        try:
            self.endResetModel()
        finally:
            self._in_change = False
        self.counts_changed.emit()

    def update_summary(self, summary: ArticleSummary, *, announce_counts: bool = True) -> None:
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
        if announce_counts:
            self.counts_changed.emit()

    def apply_changes(self, changed: Iterable[ArticleSummary], removed: Iterable[str]) -> bool:
        """Take in rows added, edited or removed outside the window, row by row.

        Why not ``set_summaries``: a reset loses the selection, the current row and the
        scroll position, and re-sorts every row on the GUI thread. Each changed row is put
        in its place by binary search (``insertion_point``) with insert/remove signals, so
        the view keeps everything else as it was. Returns True when the categories or tags
        on offer may have changed (the filter combos need refilling).
        """
        changed, removed = list(changed), list(removed)
        if len(changed) + len(removed) > max(BULK_CHANGES, len(self._all) // 10):
            # A whole batch import: one sort (~0.1 s at 100k rows) beats thousands of moves.
            for article_id in removed:
                self._all.pop(article_id, None)
            self._all.update((s.id, with_title_key(s)) for s in changed)
            self._facets = None
            self._rebuild()
            return True
        facets_changed = False
        field, descending = SORT_FIELDS[self._sort_column], self._sort_descending
        for article_id in removed:
            old = self._all.pop(article_id, None)
            if old is not None:
                facets_changed, self._facets = True, None
                row = self._find_row(old, field, descending)
                if row is not None:
                    self._remove_visible_row(row)
        for summary in changed:
            facets_changed |= self._upsert(with_title_key(summary))
        self.counts_changed.emit()
        return facets_changed

    def _upsert(self, summary: ArticleSummary) -> bool:
        """Add or move one row; True if it brings or drops a category or tag."""
        old = self._all.get(summary.id)
        if old == summary:
            return False  # this window wrote it (read/star) and already shows it
        if old is None:
            facets_changed = self._add_facets(summary)
        else:
            facets_changed = (old.category, old.tags) != (summary.category, summary.tags)
            if facets_changed:
                self._facets = None
        field, descending = SORT_FIELDS[self._sort_column], self._sort_descending
        row = self._find_row(old, field, descending) if old is not None else None
        self._all[summary.id] = summary
        wanted = self._filter.accepts(summary)
        if row is not None and wanted:
            before = self._visible[row - 1] if row > 0 else None
            after = self._visible[row + 1] if row + 1 < len(self._visible) else None
            if (before is None or comes_before(before, summary, field, descending)) and (
                after is None or comes_before(summary, after, field, descending)
            ):
                self.update_summary(summary, announce_counts=False)
                return facets_changed
        if row is not None:
            self._remove_visible_row(row)
        if wanted:
            point = insertion_point(self._visible, summary, field, descending)
            self._insert_visible_row(point, summary)
        return facets_changed

    def _add_facets(self, summary: ArticleSummary) -> bool:
        """Note a new row's category and tags; True if one of them is new."""
        if self._facets is None:
            self._facets = (
                {s.category for s in self._all.values()},
                {tag for s in self._all.values() for tag in s.tags},
            )
        categories, tags = self._facets
        new = summary.category not in categories or not tags.issuperset(summary.tags)
        categories.add(summary.category)
        tags.update(summary.tags)
        return new

    def _find_row(self, summary: ArticleSummary, field: SortField, descending: bool) -> int | None:
        """The row showing ``summary``: by binary search (the rows are in sort order), else
        by the id map (a row whose star flipped in place may sit out of order)."""
        row = insertion_point(self._visible, summary, field, descending)
        if row < len(self._visible) and self._visible[row].id == summary.id:
            return row
        return self.row_for_id(summary.id, fetch=False)

    def _insert_visible_row(self, row: int, summary: ArticleSummary) -> None:
        # A row past the fetched ones stays unannounced until the view fetches it, unless
        # every row was fetched already (then it is the new last row, shown at once).
        announce = row < self._loaded or self._loaded == len(self._visible)
        self._row_of = None
        if not announce:
            self._visible.insert(row, summary)
            return
        self._in_change = True
        try:
            self.beginInsertRows(QModelIndex(), row, row)
            self._visible.insert(row, summary)
            # Again: a slot of rowsAboutToBeInserted may have rebuilt the map from the old rows.
            self._row_of = None
            self._loaded += 1
            self.endInsertRows()
        finally:
            self._in_change = False

    def _remove_visible_row(self, row: int) -> None:
        self._row_of = None
        if row >= self._loaded:
            del self._visible[row]
            return
        self._in_change = True
        try:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._visible[row]
            # Again: a slot of rowsAboutToBeRemoved may have rebuilt the map from the old rows.
            self._row_of = None
            self._loaded -= 1
            self.endRemoveRows()
        finally:
            self._in_change = False

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

    def remove(self, article_id: str, *, announce_counts: bool = True) -> None:
        if self._all.pop(article_id, None) is None:
            return
        self._facets = None
        row = self.row_for_id(article_id, fetch=False)
        if row is not None:
            self._remove_visible_row(row)
        if announce_counts:
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
