"""The related panel: where the reader can go next from the open article.

Three sections, each a list of navigable items (title + teaser): the article's own related
list (resolved to library articles, or marked "not in your library"), articles similar in
content (from the search index) and articles whose related lists point here ("linked from").
A resolved item opens on click or Enter; an unresolved one shows the library's closest
articles to its title (the window runs that search) and offers to import it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.item_list import ItemList

NOT_IN_LIBRARY = QT_TRANSLATE_NOOP("RelatedPanel", "not in your library")
AnyIndex = QModelIndex | QPersistentModelIndex


class EntryKind(enum.Enum):
    HEADING = "heading"
    RELATED = "related"
    SIMILAR = "similar"
    LINKED = "linked"


@dataclass(frozen=True)
class RelatedEntry:
    kind: EntryKind
    title: str
    teaser: str = ""
    article_id: str | None = None
    """The library article this entry opens; None for headings and unresolved items."""

    @property
    def is_navigable(self) -> bool:
        return self.kind is not EntryKind.HEADING

    @property
    def note(self) -> str:
        if self.kind is EntryKind.RELATED and self.article_id is None:
            return QCoreApplication.translate("RelatedPanel", NOT_IN_LIBRARY)
        return ""


class RelatedRole(enum.IntEnum):
    ENTRY = Qt.ItemDataRole.UserRole + 1
    ARTICLE_ID = Qt.ItemDataRole.UserRole + 2
    TEASER = Qt.ItemDataRole.UserRole + 3
    NOTE = Qt.ItemDataRole.UserRole + 4


class RelatedModel(QAbstractListModel):
    """Flat list of headings and items; headings are shown but cannot be selected."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._related: list[RelatedEntry] = []
        self._similar: list[RelatedEntry] = []
        self._linked: list[RelatedEntry] = []
        self._entries: list[RelatedEntry] = []

    def set_sections(
        self,
        related: list[RelatedEntry],
        linked: list[RelatedEntry],
        similar: list[RelatedEntry] | None = None,
    ) -> None:
        self._related, self._linked = related, linked
        self._similar = similar or []
        self._rebuild()

    def set_similar(self, similar: list[RelatedEntry]) -> None:
        self._similar = similar
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        entries: list[RelatedEntry] = []
        for heading, items in (
            (self.tr("Related articles"), self._related),
            (self.tr("Similar in your library"), self._similar),
            (self.tr("Linked from"), self._linked),
        ):
            if items:
                entries.append(RelatedEntry(EntryKind.HEADING, heading))
                entries.extend(items)
        self._entries = entries
        self.endResetModel()

    def entries(self) -> list[RelatedEntry]:
        return list(self._entries)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._entries[index.row()].is_navigable:
            return (
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren
            )
        return Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == Qt.ItemDataRole.ToolTipRole and entry.is_navigable:
            if entry.article_id is None:
                return self.tr(
                    "Not in your library: click for the closest articles to “{title}”"
                ).format(title=entry.title)
            return entry.teaser or entry.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return " — ".join(part for part in (entry.title, entry.note, entry.teaser) if part)
        if role == RelatedRole.ENTRY:
            return entry
        if role == RelatedRole.ARTICLE_ID:
            return entry.article_id
        if role == RelatedRole.TEASER:
            return entry.teaser
        if role == RelatedRole.NOTE:
            return entry.note
        return None


class RelatedDelegate(QStyledItemDelegate):
    """Paints a title line, an optional "not in your library" note and a wrapped teaser."""

    PADDING = 6
    TEASER_LINES = 3

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title_font = QFont(option.font)
        title_font.setBold(True)
        heading_font = QFont(option.font)
        heading_font.setBold(True)
        heading_font.setCapitalization(QFont.Capitalization.AllUppercase)
        heading_font.setPointSizeF(max(option.font.pointSizeF() * 0.85, 6.0))
        small_font = QFont(option.font)
        small_font.setPointSizeF(max(option.font.pointSizeF() * 0.92, 6.0))
        return title_font, heading_font, small_font

    def _layout(self, option: QStyleOptionViewItem, entry: RelatedEntry, width: int):
        title_font, heading_font, small_font = self._fonts(option)
        inner = max(width - 2 * self.PADDING, 40)
        flags = int(Qt.TextFlag.TextWordWrap)
        if entry.kind is EntryKind.HEADING:
            height = QFontMetrics(heading_font).height()
            return [(heading_font, entry.title, QRect(0, 0, inner, height), "heading")]
        blocks = []
        title_rect = QFontMetrics(title_font).boundingRect(
            QRect(0, 0, inner, 10_000), flags, entry.title
        )
        blocks.append((title_font, entry.title, title_rect, "title"))
        if entry.note:
            rect = QFontMetrics(small_font).boundingRect(
                QRect(0, 0, inner, 10_000), flags, entry.note
            )
            blocks.append((small_font, entry.note, rect, "note"))
        if entry.teaser:
            metrics = QFontMetrics(small_font)
            teaser = elide_to_lines(entry.teaser, small_font, inner, self.TEASER_LINES)
            rect = metrics.boundingRect(QRect(0, 0, inner, 10_000), flags, teaser)
            rect.setHeight(min(rect.height(), metrics.lineSpacing() * self.TEASER_LINES))
            blocks.append((small_font, teaser, rect, "teaser"))
        return blocks

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802 - Qt override
        entry = index.data(RelatedRole.ENTRY)
        if entry is None:
            return super().sizeHint(option, index)
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 240
        blocks = self._layout(option, entry, width)
        height = sum(rect.height() for _, _, rect, _ in blocks) + 2 * self.PADDING
        if entry.kind is EntryKind.HEADING:
            height += self.PADDING
        return QSize(width, height + 2 * (len(blocks) - 1))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        entry = index.data(RelatedRole.ENTRY)
        if entry is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else QApplication.style()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        y = option.rect.top() + self.PADDING
        if entry.kind is EntryKind.HEADING:
            y += self.PADDING
        for font, text, rect, part in self._layout(option, entry, option.rect.width()):
            painter.setFont(font)
            colour = palette.color(text_role)
            if part == "title" and entry.article_id is not None and not selected:
                colour = palette.color(QPalette.ColorRole.Link)
            elif part in ("teaser", "heading", "note") and not selected:
                colour = palette.color(QPalette.ColorRole.PlaceholderText)
            painter.setPen(colour)
            target = QRect(option.rect.left() + self.PADDING, y, rect.width(), rect.height())
            painter.drawText(
                target, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), text
            )
            y += rect.height() + 2
        painter.restore()


def elide_to_lines(text: str, font: QFont, width: int, max_lines: int) -> str:
    """``text`` cut to what fits in ``max_lines`` wrapped lines, ending in "…" when cut,
    so a long teaser reads as shortened rather than chopped mid-line."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    starts: list[int] = []
    while len(starts) <= max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) <= max_lines:
        return text
    last_start = starts[max_lines - 1]
    rest = text[last_start:]
    return text[:last_start] + QFontMetrics(font).elidedText(
        rest, Qt.TextElideMode.ElideRight, width
    )


class RelatedList(ItemList):
    """The related items; Enter opens the current one, like a click.

    With no items it says so (``placeholder``) instead of standing blank beside the article:
    an empty white column reads as something that failed to load."""

    placeholder = ""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        model = self.model()
        if not self.placeholder or model is None or model.rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(12, 12, -12, -12)
        flags = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), self.placeholder)
        painter.end()


class RelatedPanel(QWidget):
    open_article = Signal(str)
    search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RelatedModel(self)
        self.list = RelatedList()
        self.list.setObjectName("relatedList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(RelatedDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMouseTracking(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self.list.clicked.connect(self.activate)
        self.list.entry_activated.connect(self.activate)

    def set_placeholder(self, text: str) -> None:
        """What the empty panel says ("" for nothing: no article is open)."""
        self.list.placeholder = text
        self.list.viewport().update()

    def activate(self, index: QModelIndex) -> None:
        entry = index.data(RelatedRole.ENTRY)
        if entry is None or not entry.is_navigable:
            return
        if entry.article_id is not None:
            self.open_article.emit(entry.article_id)
        else:
            self.search_requested.emit(entry.title)

    def row_of(self, title: str) -> int | None:
        for row, entry in enumerate(self.model.entries()):
            if entry.is_navigable and entry.title == title:
                return row
        return None
