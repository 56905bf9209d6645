"""The reading view: rendered article HTML in a ``QTextBrowser`` that never touches the network.

Article HTML is untrusted, so the view is locked down: it follows no link by itself
(``reader://`` links become in-app navigation, web links open in the system browser only on
a click) and it loads images only from the library's own assets folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QImage,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.library.text_match import find_spans
from reader.ui.settings import DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE
from reader.ui.theme import scale_point_sizes

EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
MATCH_BACKGROUND = QColor(255, 214, 10, 150)
CURRENT_MATCH_BACKGROUND = QColor(255, 140, 0, 200)
MAX_LINE_CHARACTERS = 75
MIN_SIDE_MARGIN = 24
TOP_MARGIN = 28


class ReaderView(QTextBrowser):
    """Shows one article; emits navigation requests instead of navigating itself."""

    article_requested = Signal(str)
    search_requested = Signal(str)
    external_link_opened = Signal(QUrl)
    external_link_failed = Signal(QUrl)
    """No browser took the link (the window then shows it with a Copy action)."""
    font_size_changed = Signal(int)

    def __init__(self, assets_root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.viewport().setAcceptDrops(False)
        self.setAcceptDrops(False)
        self._assets_root = assets_root.resolve()
        self._article_assets: Path | None = None
        self._font_size = DEFAULT_FONT_SIZE
        self.line_characters = MAX_LINE_CHARACTERS
        """Width of the text column in average characters (a preference)."""
        self._raw_html = ""
        self._terms: list[str] = []
        self._term_selections: list[QTextEdit.ExtraSelection] = []
        self._find_selections: list[QTextEdit.ExtraSelection] = []
        self.find_position: tuple[int, int] = (0, 0)
        """(current match, number of matches) of the last find, 1-based; (0, 0) if none."""
        self.blocked_urls: list[str] = []
        """Resources the article asked for and did not get (kept for the curious and tests)."""
        self.anchorClicked.connect(self._follow_link)

    # -- content ---------------------------------------------------------------------------
    def show_html(self, html: str, *, article_assets: Path | None) -> None:
        """Display a rendered article; images may come only from ``article_assets``."""
        self._article_assets = article_assets.resolve() if article_assets else None
        self._raw_html = html
        self._terms = []
        self._term_selections = []
        self._find_selections = []
        self._set_document(html)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _set_document(self, html: str) -> None:
        self.setExtraSelections([])
        self.blocked_urls = []
        # Cached images of the previous article must not leak into this one.
        self.document().clear()
        self.setHtml(scale_point_sizes(html, self._font_size))
        self._fit_line_length()

    def clear_article(self, message: str = "") -> None:
        self._raw_html = ""
        self._terms = []
        self.document().clear()
        self.setExtraSelections([])
        if message:
            self.setPlainText(message)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_line_length()

    def _fit_line_length(self) -> None:
        """Centre the text in a column of readable width (~75 characters), whatever the window.

        QTextDocument has no CSS max-width; margins on the root frame do the same job and,
        unlike viewport margins, are painted with the page background.
        """
        body_font = QFont(self.document().defaultFont())
        body_font.setPointSizeF(self._font_size)
        column = QFontMetricsF(body_font).averageCharWidth() * self.line_characters
        available = self.viewport().width()
        side = max(MIN_SIDE_MARGIN, (available - column) / 2)
        root = self.document().rootFrame()
        frame_format = root.frameFormat()
        if abs(frame_format.leftMargin() - side) < 1:
            return
        frame_format.setLeftMargin(side)
        frame_format.setRightMargin(side)
        frame_format.setTopMargin(TOP_MARGIN)
        frame_format.setBottomMargin(TOP_MARGIN)
        root.setFrameFormat(frame_format)

    def loadResource(self, resource_type: int, url: QUrl) -> object:  # noqa: N802 - Qt override
        """Serve only files inside the library's assets folder; everything else is refused.

        Returning a harmless placeholder (not None) for a refused local file matters:
        on None, ``QTextDocument`` would fall back to reading the file from disk itself.
        """
        scheme = url.scheme().lower()
        if scheme == "data":
            return super().loadResource(resource_type, url)
        if scheme not in ("", "file"):
            self.blocked_urls.append(url.toString())
            return None
        path = self._local_path(url)
        if path is None:
            self.blocked_urls.append(url.toString())
            return _placeholder(resource_type)
        try:
            data = path.read_bytes()
        except OSError:
            return _placeholder(resource_type)
        if resource_type == QTextDocument.ResourceType.ImageResource:
            image = QImage.fromData(data)
            return image if not image.isNull() else _placeholder(resource_type)
        return data

    def _local_path(self, url: QUrl) -> Path | None:
        if url.scheme():
            candidates = [Path(url.toLocalFile())]
        else:
            relative = url.path()
            bases = [self._article_assets, self._assets_root.parent]
            candidates = [base / relative for base in bases if base is not None]
        for candidate in candidates:
            try:
                resolved = candidate.resolve()
            except OSError:
                continue
            if resolved.is_relative_to(self._assets_root) and resolved.is_file():
                return resolved
        return None

    # -- links -----------------------------------------------------------------------------
    def _follow_link(self, url: QUrl) -> None:
        from reader.render.links import parse_reader_url

        scheme = url.scheme().lower()
        if not scheme and url.hasFragment():
            self.scrollToAnchor(url.fragment())
            return
        if scheme == "reader":
            target = parse_reader_url(url.toString())
            if target is None:
                return
            kind, value = target
            if kind == "article":
                self.article_requested.emit(value)
                if url.hasFragment():  # a link into a saved page's section: go there
                    self.scrollToAnchor(url.fragment())
            elif kind == "search":
                self.search_requested.emit(value)
            return
        if scheme in EXTERNAL_SCHEMES:
            self.external_link_opened.emit(url)
            if not QDesktopServices.openUrl(url):
                self.external_link_failed.emit(url)

    # -- zoom ------------------------------------------------------------------------------
    @property
    def font_size(self) -> int:
        return self._font_size

    def set_font_size(self, points: int) -> None:
        """Zoom: re-lay out the article at ``points``, keeping the reading position."""
        points = min(max(int(points), MIN_FONT_SIZE), MAX_FONT_SIZE)
        if points == self._font_size:
            return
        self._font_size = points
        if self._raw_html:
            fraction = self.scroll_fraction()
            terms = self._terms
            self._set_document(self._raw_html)
            if terms:
                self.highlight_terms(terms, scroll=False)
            self.set_scroll_fraction(fraction)
        self.font_size_changed.emit(points)

    def zoom_in(self) -> None:
        self.set_font_size(self._font_size + 1)

    def zoom_out(self) -> None:
        self.set_font_size(self._font_size - 1)

    def zoom_reset(self) -> None:
        self.set_font_size(DEFAULT_FONT_SIZE)

    # -- reading position ------------------------------------------------------------------
    def scroll_fraction(self) -> float:
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_scroll_fraction(self, fraction: float) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(round(bar.maximum() * min(max(fraction, 0.0), 1.0)))

    # -- highlighting ----------------------------------------------------------------------
    def highlight_terms(self, terms: list[str], *, scroll: bool = True) -> int:
        """Mark every occurrence of the search terms and scroll to the first; returns the count.

        Terms are folded words, phrases and prefixes from the search service; they match at
        word starts, ignoring case and accents, and the whole word is marked.
        """
        self._terms = list(terms)
        cursors = []
        for term in dict.fromkeys(term.strip() for term in terms if term.strip()):
            cursors.extend(self._matches(term, search_term=True))
        cursors.sort(key=lambda cursor: cursor.selectionStart())
        self._term_selections = [_selection(cursor, MATCH_BACKGROUND) for cursor in cursors]
        self._refresh_selections()
        if cursors and scroll:
            first = QTextCursor(cursors[0])
            first.clearSelection()
            self.setTextCursor(first)
            self.scroll_into_view(cursors[0])
        return len(cursors)

    def scroll_into_view(self, match: QTextCursor) -> None:
        """Show a match with context: one on the first screen (the title, say) keeps the top
        of the article in view; a later one goes a third of the way down the view, whole,
        rather than wherever ``ensureCursorVisible`` would leave it (half cut at an edge)."""
        self.document().documentLayout().documentSize()  # finish the layout first
        bar = self.verticalScrollBar()
        line = self.cursorRect(match).translated(0, bar.value())  # in document coordinates
        height = self.viewport().height()
        if line.bottom() <= height * 0.8:
            bar.setValue(0)
        else:
            bar.setValue(max(0, round(line.top() - height / 3)))

    @property
    def highlighted_terms(self) -> list[str]:
        """The search terms currently marked (kept across zoom and theme changes)."""
        return list(self._terms)

    def highlighted_texts(self) -> list[str]:
        """The text of every search-term highlight (for tests and accessibility)."""
        return [selection.cursor.selectedText() for selection in self._term_selections]

    def find_text(self, text: str, *, backward: bool = False) -> bool:
        """Select the next (or previous) match, wrapping around; highlights all matches."""
        matches = self._matches(text) if text else []
        if not matches:
            self._find_selections = []
            self.find_position = (0, 0)
            self._refresh_selections()
            return False
        cursor = self.textCursor()
        if backward:
            earlier = [
                match for match in matches if match.selectionStart() < cursor.selectionStart()
            ]
            chosen = earlier[-1] if earlier else matches[-1]
        else:
            # From the end of the current selection, so a repeated "next" moves past it.
            later = [match for match in matches if match.selectionStart() >= cursor.selectionEnd()]
            chosen = later[0] if later else matches[0]
        self._find_selections = [
            _selection(match, CURRENT_MATCH_BACKGROUND if match == chosen else MATCH_BACKGROUND)
            for match in matches
        ]
        self.find_position = (matches.index(chosen) + 1, len(matches))
        self._refresh_selections()
        self.setTextCursor(chosen)
        self.ensureCursorVisible()
        return True

    def count_matches(self, text: str) -> int:
        return len(self._matches(text)) if text else 0

    def clear_find(self) -> None:
        self._find_selections = []
        self.find_position = (0, 0)
        self._refresh_selections()

    def _matches(self, text: str, *, search_term: bool = False) -> list[QTextCursor]:
        """Cursors selecting each match, block by block (positions stay exact in tables)."""
        document = self.document()
        matches = []
        block = document.begin()
        while block.isValid():
            for start, end in find_spans(
                block.text(), text, word_start=search_term, extend_to_word_end=search_term
            ):
                cursor = QTextCursor(document)
                cursor.setPosition(block.position() + start)
                cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
                matches.append(cursor)
            block = block.next()
        return matches

    def _refresh_selections(self) -> None:
        self.setExtraSelections(self._term_selections + self._find_selections)


def _selection(cursor: QTextCursor, colour: QColor) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    char_format = QTextCharFormat()
    char_format.setBackground(colour)
    selection.format = char_format
    return selection


def _placeholder(resource_type: int) -> object:
    if resource_type == QTextDocument.ResourceType.ImageResource:
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(0)
        return image
    return b" "
