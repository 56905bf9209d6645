"""The ranked search results shown in place of the library list while a query is active.

Each row shows the title, date and category and a snippet with the matched words
highlighted. Snippets come from the index; they are treated as untrusted text and only
emphasis tags survive, so an article cannot inject markup into the list.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.i18n import counted, format_list_date
from reader.ui.item_list import ItemList

if TYPE_CHECKING:
    from reader.search import SearchHit, SearchResults

AnyIndex = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
HTML_ROLE = Qt.ItemDataRole.UserRole + 3
_OTHER_TAGS = re.compile(r"<(?!/?b>)[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
IMPORT_LINK = "reader-import:"


def snippet_html(snippet: str) -> str:
    """The index's snippet (escaped text, matches in ``<b>``) with any other tag dropped."""
    return _OTHER_TAGS.sub("", snippet)


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_results(self, results: SearchResults | None) -> None:
        self.beginResetModel()
        self._hits = list(results.hits) if results is not None else []
        self.endResetModel()

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._hits)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return html.unescape(_ANY_TAG.sub("", hit.snippet)) or hit.title
        if role == HIT_ROLE:
            return hit
        if role == ARTICLE_ID_ROLE:
            return hit.id
        if role == HTML_ROLE:
            facts = [format_list_date(hit.published), hit.category or ""]
            meta = " · ".join(fact for fact in facts if fact)
            parts = [f"<b>{html.escape(hit.title)}</b>"]
            if meta:
                parts.append(f"<br><small>{html.escape(meta)}</small>")
            if hit.missing:
                # A partial match: say which words it lacks, so it is not taken for a full one.
                missing = html.escape(", ".join(hit.missing))
                note = self.tr("Missing: {words}").format(words=missing)
                parts.append(f"<br><small><i>{note}</i></small>")
            if hit.snippet:
                parts.append(f"<br><small>{snippet_html(hit.snippet)}</small>")
            return "".join(parts)
        return None


class RichTextDelegate(QStyledItemDelegate):
    """Draws the HTML of ``HTML_ROLE`` wrapped to the view's width."""

    PADDING = 6

    def _document(self, option: QStyleOptionViewItem, index: AnyIndex, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(width - 2 * self.PADDING, 40))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802 - Qt override
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 260
        document = self._document(option, index, width)
        return QSize(width, int(document.size().height()) + 2 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        style = option.widget.style() if option.widget else QApplication.style()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        document = self._document(option, index, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + self.PADDING, option.rect.top() + self.PADDING)
        context.clip = QRectF(0, 0, option.rect.width(), option.rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()


class ResultsList(ItemList):
    """Enter opens the hit; Esc goes back to the search field's "clear"."""

    open_requested = Signal(str)
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry_activated.connect(
            lambda index: self.open_requested.emit(index.data(ARTICLE_ID_ROLE))
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


class SearchResultsPanel(QWidget):
    """Summary line (count, did-you-mean) above the ranked list."""

    open_requested = Signal(str)
    suggestion_clicked = Signal(str)
    escape_pressed = Signal()
    import_requested = Signal(str)
    """"Import a file for it" on a missing related item's candidates (its title)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._missing_title = ""
        self.model = SearchResultsModel(self)
        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(4, 2, 4, 2)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.linkActivated.connect(self._link_activated)
        self.list = ResultsList()
        self.list.setObjectName("searchResults")
        self.list.setModel(self.model)
        self.list.setItemDelegate(RichTextDelegate(self.list))
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        self.list.clicked.connect(
            lambda index: self.open_requested.emit(index.data(ARTICLE_ID_ROLE))
        )
        self.list.open_requested.connect(self.open_requested)
        self.list.escape_pressed.connect(self.escape_pressed)

    def show_searching(self, query: str) -> None:
        self.summary.setText(self.tr("Searching for “{query}”…").format(query=html.escape(query)))

    def show_results(self, query: str, results: SearchResults) -> None:
        self.model.set_results(results)
        self.summary.setText(self._summary_text(query, results))
        if results.hits:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def _summary_text(self, query: str, results: SearchResults) -> str:
        text = counted(self.tr("%n result(s) for “{query}”", "", results.total), results.total)
        text = text.format(query=html.escape(query))
        if results.partial:
            # Not "follow": one lacking only common words ranks among the full matches.
            more = counted(
                self.tr("%n more lack(s) some of the words", "", results.partial),
                results.partial,
            )
            text += f" — {html.escape(more)}"
        if results.suggestion:
            suggestion = html.escape(results.suggestion)
            link = f'<a href="{suggestion}">{suggestion}</a>'
            text += self.tr(" — did you mean {link}?").format(link=link)
        return text

    def show_candidates(self, title: str, results: SearchResults) -> None:
        """The closest articles to a related item that is not in the library, and a way to
        import it."""
        self._missing_title = title
        self.model.set_results(results)
        quoted = html.escape(title)
        if results.hits:
            text = self.tr("“{title}” is not in your library. Closest articles:").format(
                title=quoted
            )
        else:
            text = self.tr("“{title}” is not in your library, nor anything like it.").format(
                title=quoted
            )
        link = self.tr("Import a file for it…")
        self.summary.setText(f'{text} <a href="{IMPORT_LINK}">{link}</a>')
        if results.hits:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def _link_activated(self, link: str) -> None:
        if link == IMPORT_LINK:
            self.import_requested.emit(self._missing_title)
        else:
            self.suggestion_clicked.emit(link)

    def show_message(self, message: str) -> None:
        self.model.set_results(None)
        self.summary.setText(html.escape(message))

    def focus_results(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.list.currentIndex().isValid() and self.model.rowCount() > 0:
            self.list.setCurrentIndex(self.model.index(0, 0))
