"""PDF export: articles laid out by QTextDocument, painted page by page onto a QPdfWriter.

QtGui only (never QtWidgets) so it runs headless, from the CLI or off the GUI thread. The
HTML is the reading view's (:func:`reader.render.html.render_article`, light theme, print
sizes), so paper and screen share one typography. Painting the pages ourselves, rather than
QTextDocument.print(), is what gives a footer with the article title and "page / pages", a
contents page for several articles, and every article starting on a new page.

The PDF is built in memory, finished by :mod:`reader.render.pdfpost` (correct text
extraction, Subject metadata), then written to a temp file beside the output and renamed,
so a failure never leaves a half-written file.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)

from reader import __version__
from reader.library.atomic import atomic_write_bytes
from reader.library.links import LinkIndex
from reader.library.model import Article, Highlight
from reader.library.related import RelatedIndex
from reader.render.html import format_date, render_article, theme_css
from reader.render.labels import label, label_language
from reader.render.pdfpost import Bookmark, finish_pdf

Progress = Callable[[int, int], None]

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
LETTER_TERRITORIES = frozenset(
    {"BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"}
)
"""Where US Letter is the usual paper (CLDR's paperSize data); A4 everywhere else."""

RESOLUTION = 1200
"""Device units per inch: fine enough that glyph positions are exact, as Qt's default."""
MARGINS_MM = QMarginsF(24, 20, 24, 26)  # left, top, right, bottom (the footer sits in it)
FOOTER_RULE_MM = 9.0  # the footer's hairline, below the text area
FOOTER_TEXT_MM = 4.5  # footer baseline below the hairline
FOOTER_FONT = ("DejaVu Sans", 7.5)
FOOTER_COLOR = "#6b6b70"
BODY_FONT = ("DejaVu Serif", 10.5)
CSS_PIXELS_PER_INCH = 96  # how QTextDocument scales px (images, margins) to a paint device


class ExportError(Exception):
    """The export failed; the message names the output file and the problem."""


# -- the application the fonts need -------------------------------------------------------------
def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display).

    Fonts and text layout need a QGuiApplication. Without a display on Linux the default
    xcb platform would abort the process, so ``QT_QPA_PLATFORM=offscreen`` is set first: the
    CLI's ``reader export`` works over ssh and in cron.
    """
    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if existing is not None:
        raise RuntimeError("a non-GUI QCoreApplication is running; PDF export needs QtGui")
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("create the QGuiApplication on the main thread before exporting")
    if not display_available() and os.environ.get("QT_QPA_PLATFORM") not in (
        "offscreen",
        "minimal",
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else "reader"])


def display_available() -> bool:
    """False on a Linux/BSD box with neither X11 nor Wayland (macOS and Windows always have one)."""
    if sys.platform in ("darwin", "win32") or sys.platform.startswith("cygwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


# -- page size ----------------------------------------------------------------------------------
def default_page_size(locale_name: str | None = None) -> str:
    """ "Letter" for the locales that use it (en_US, fr_CA, es_MX, ...), else "A4".

    On POSIX the paper size follows ``LC_ALL``, then ``LC_PAPER``, then ``LANG``, as the C
    library does; elsewhere Qt's system locale.
    """
    if locale_name is None:
        locale_name = next(
            (os.environ[name] for name in ("LC_ALL", "LC_PAPER", "LANG") if os.environ.get(name)),
            "",
        )
    if not locale_name:
        from PySide6.QtCore import QLocale

        locale_name = QLocale.system().name()
    territory = locale_name.split(".")[0].split("@")[0].replace("-", "_").split("_")
    return "Letter" if len(territory) > 1 and territory[-1].upper() in LETTER_TERRITORIES else "A4"


def normalize_page_size(page_size: str | None) -> str:
    if page_size is None:
        return default_page_size()
    for name in PAGE_SIZES:
        if page_size.strip().lower() == name.lower():
            return name
    raise ValueError(f"unknown page size {page_size!r}; choose {' or '.join(PAGE_SIZES)}")


# -- export -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Geometry:
    """The page in device units: the text area and where the footer goes."""

    page: QSizeF
    text: QRectF
    footer_rule_y: float
    footer_baseline_y: float

    @classmethod
    def for_writer(cls, writer: QPdfWriter) -> _Geometry:
        unit = RESOLUTION / 25.4
        width, height = float(writer.width()), float(writer.height())
        text = QRectF(
            MARGINS_MM.left() * unit,
            MARGINS_MM.top() * unit,
            width - (MARGINS_MM.left() + MARGINS_MM.right()) * unit,
            height - (MARGINS_MM.top() + MARGINS_MM.bottom()) * unit,
        )
        rule = text.bottom() + FOOTER_RULE_MM * unit
        return cls(QSizeF(width, height), text, rule, rule + FOOTER_TEXT_MM * unit)


@dataclass
class _Section:
    """One document to paint (an article or the contents) and its footer title."""

    document: QTextDocument
    footer_title: str
    byline: str = ""
    is_contents: bool = False
    first_page: int = 1


def export_pdf(
    articles: Sequence[Article],
    output: Path,
    *,
    related_index: RelatedIndex | None = None,
    assets_root: Path | None = None,
    page_size: str | None = None,
    progress: Progress | None = None,
    fallback_language: str = "en",
    link_index: LinkIndex | None = None,
) -> Path:
    """Write ``articles`` to ``output`` as one PDF; returns ``output``.

    ``related_index`` resolves related items (only for their display: on paper they are not
    links); ``assets_root`` is the library's assets folder (``<root>/<id>/`` per article) for
    local images. Several articles get a contents page and each starts on a new page.
    ``progress(done, total)`` is called as articles are laid out and painted. Reader's labels
    (headings, contents) are in each article's language, else in ``fallback_language``.
    ``link_index`` resolves body links: one to another article of the same PDF becomes a
    link to that article's first page. Raises ExportError when the output cannot be written.
    """
    if not articles:
        raise ValueError("nothing to export: no articles given")
    output = Path(output)
    size_name = normalize_page_size(page_size)
    check_output(output)
    ensure_gui_application()
    total = 2 * len(articles)
    report = progress or (lambda done, total: None)
    report(0, total)

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(PAGE_SIZES[size_name]))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    info = pdf_info(articles)
    writer.setTitle(info["Title"])
    writer.setAuthor(info["Author"])
    writer.setCreator(info["Creator"])
    writer.setDocumentXmpMetadata(xmp_metadata(info).encode("utf-8"))
    geometry = _Geometry.for_writer(writer)

    sections: list[_Section] = []
    document_ids = frozenset(article.id for article in articles if article.id)
    for done, article in enumerate(articles, start=1):
        related = None
        if related_index is not None:
            related = related_index.resolve(article.related, exclude=article.id)
        assets_dir = assets_root / article.id if assets_root is not None and article.id else None
        page = render_article(
            article,
            related=related,
            assets_dir=assets_dir,
            for_print=True,
            fallback_language=fallback_language,
            links=link_index.resolver(article) if link_index is not None else None,
            document_ids=document_ids,
        )
        language = label_language(article.lang, fallback_language)
        byline = " · ".join(
            fact
            for fact in (
                article.author,
                format_date(article.published, article.lang, language) if article.published else "",
                article.category,
            )
            if fact
        )
        document = _document(page, writer, geometry)
        paint_highlights(document, article.highlights)
        keep_with_next(document, {item.title.strip() for item in article.related})
        sections.append(_Section(document, article.title, byline))
        report(done, total)
    if len(articles) > 1:
        languages = {label_language(article.lang, fallback_language) for article in articles}
        title = label("contents", languages.pop() if len(languages) == 1 else fallback_language)
        sections.insert(0, _contents_section(sections, writer, geometry, title))
    page_count = _number_pages(sections)
    bookmarks = [mark for section in sections for mark in section_bookmarks(section, geometry)]

    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"{output}: cannot be written: the PDF writer did not start")
    try:
        done = len(articles)
        for section in sections:
            for page in range(section.document.pageCount()):
                if section is not sections[0] or page > 0:
                    writer.newPage()
                _paint_page(painter, section, page, geometry, page_count)
            if not section.is_contents:
                done += 1
                report(done, total)
    finally:
        painter.end()
    buffer.close()
    first_pages = {
        article.id: section.first_page - 1
        for article, section in zip(
            articles, (s for s in sections if not s.is_contents), strict=True
        )
    }
    data = finish_pdf(bytes(buffer.data()), info, bookmarks, article_pages=first_pages)
    write_atomically(output, data)
    report(total, total)
    return output


def check_output(output: Path) -> None:
    """Fail fast, before any layout work, on an output that obviously cannot be written."""
    if output.is_dir():
        raise ExportError(f"{output}: cannot be written: it is a folder")
    folder = output.parent
    if not folder.is_dir():
        raise ExportError(f"{output}: cannot be written: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"{output}: cannot be written: no permission to write in {folder}")


def write_atomically(output: Path, data: bytes) -> None:
    """Temp file beside ``output``, fsync, rename: never a half-written PDF, even on ENOSPC."""
    try:
        atomic_write_bytes(output, data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ExportError(f"{output}: cannot be written: {reason}") from error


def pdf_info(articles: Sequence[Article]) -> dict[str, str]:
    """Title, Author, Subject (= category), Creator for the Info dictionary and XMP."""
    titles = [article.title for article in articles]
    if len(titles) == 1:
        title = titles[0]
    elif len(titles) == 2:
        title = f"{titles[0]} · {titles[1]}"
    else:
        title = f"{titles[0]} and {len(titles) - 1} more articles"
    return {
        "Title": title,
        "Author": ", ".join(_unique(article.author for article in articles)),
        "Subject": ", ".join(_unique(article.category for article in articles)),
        "Creator": "Reader",
        "Producer": f"Reader {__version__} (Qt {_qt_version()})",
    }


def xmp_metadata(info: dict[str, str]) -> str:
    """The XMP packet, matching the Info dictionary (Qt's own has no dc:description)."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()

    def alt(tag: str, value: str) -> str:
        if not value:
            return ""
        return (
            f'<dc:{tag}><rdf:Alt><rdf:li xml:lang="x-default">{html.escape(value)}'
            f"</rdf:li></rdf:Alt></dc:{tag}>"
        )

    creator = ""
    if info.get("Author"):
        author = html.escape(info["Author"])
        creator = f"<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>"
    return (
        "<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        f' xmp:CreatorTool="{html.escape(info["Creator"])}" xmp:CreateDate="{now}"'
        f' pdf:Producer="{html.escape(info["Producer"])}">'
        "<dc:format>application/pdf</dc:format>"
        f"{alt('title', info['Title'])}{creator}{alt('description', info['Subject'])}"
        "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>"
    )


# -- layout -------------------------------------------------------------------------------------
def _document(page_html: str, writer: QPdfWriter, geometry: _Geometry) -> QTextDocument:
    """A QTextDocument laid out in pages of the text area, fonts scaled to the writer."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(QFont(*BODY_FONT))
    document.setDocumentMargin(0)
    document.setPageSize(geometry.text.size())
    document.setHtml(page_html)
    fit_images(document, geometry.text.width() * CSS_PIXELS_PER_INCH / RESOLUTION)
    return document


def keep_with_next(document: QTextDocument, titles: set[str]) -> int:
    """Move headings and related-item titles that end a page to the next page, with the
    text they introduce; returns how many moved.

    QTextDocument knows only "break before/after", not CSS ``break-after: avoid``; so after
    layout, a title whose next block starts on a later page gets a break before it. Blocks
    are visited in order, so each fix is seen by the checks after it.
    """
    layout = document.documentLayout()
    page_height = document.pageSize().height()
    if page_height <= 0:
        return 0
    moved = 0
    block = document.begin()
    while block.isValid():
        following = block.next()
        if not following.isValid():
            break
        is_title = block.blockFormat().headingLevel() > 0 or block.text().strip() in titles
        if is_title and block.text().strip():
            top = layout.blockBoundingRect(block).top()
            page = int(top // page_height)
            next_page = int(layout.blockBoundingRect(following).top() // page_height)
            at_page_top = top - page * page_height < 2  # moving it would gain nothing
            if next_page > page and not at_page_top:
                block_format = block.blockFormat()
                block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(block_format)
                # An incremental relayout leaves later blocks where they were: redo it all.
                document.markContentsDirty(0, document.characterCount())
                moved += 1
        block = following
    return moved


def fit_images(document: QTextDocument, max_width: float) -> int:
    """Shrink images wider than ``max_width`` (CSS px) to it, keeping the aspect ratio.

    QTextDocument has no ``max-width``: a large photo would run off the page (or the view).
    A block holding an image also gets single line height, because the theme's proportional
    line-height (140%) would otherwise put 40% of the image's height as a gap below it.
    Returns how many images were resized. Usable by the reading view too (QtGui only).
    """
    resized = 0
    block = document.begin()
    while block.isValid():
        has_image = False
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                has_image = True
                image_format = fmt.toImageFormat()
                width, height = _image_size(document, image_format)
                if width > max_width > 0:
                    image_format.setWidth(max_width)
                    image_format.setHeight(height * max_width / width)
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(image_format)
                    resized += 1
            iterator += 1
        if has_image:
            block_format = block.blockFormat()
            block_format.setLineHeight(100, QTextBlockFormat.LineHeightTypes.SingleHeight.value)
            QTextCursor(block).setBlockFormat(block_format)
        block = block.next()
    return resized


def _image_size(document: QTextDocument, image_format: QTextImageFormat) -> tuple[float, float]:
    """The size the image will be laid out at, in CSS px (its attributes, else its pixels)."""
    width, height = image_format.width(), image_format.height()
    if width > 0 and height > 0:
        return width, height
    resource = document.resource(
        QTextDocument.ResourceType.ImageResource, QUrl(image_format.name())
    )
    image = resource if isinstance(resource, QImage) else QImage()
    if image.isNull() and isinstance(resource, bytes | bytearray):
        image.loadFromData(bytes(resource))
    if image.isNull():
        url = QUrl(image_format.name())
        if url.isLocalFile():
            image = QImage(url.toLocalFile())
    if image.isNull() or image.width() == 0:
        return width, height
    if width > 0:
        return width, width * image.height() / image.width()
    if height > 0:
        return height * image.width() / image.height(), height
    return float(image.width()), float(image.height())


def _contents_section(
    articles: list[_Section], writer: QPdfWriter, geometry: _Geometry, title: str
) -> _Section:
    """The contents page(s); laid out until the page numbers it lists are stable."""
    starts = [0] * len(articles)
    contents_pages = 1
    for _attempt in range(3):
        page = contents_pages + 1
        for index, section in enumerate(articles):
            starts[index] = page
            page += section.document.pageCount()
        document = _document(_contents_html(articles, starts, title), writer, geometry)
        if document.pageCount() == contents_pages:
            break
        contents_pages = document.pageCount()
    return _Section(document, title, is_contents=True)


def _contents_html(articles: list[_Section], starts: list[int], title: str) -> str:
    rows = []
    for section, start in zip(articles, starts, strict=True):
        byline = f'<br><span class="contents-byline">{html.escape(section.byline)}</span>'
        rows.append(
            f'<tr><td class="entry"><span class="contents-title">'
            f"{html.escape(section.footer_title)}</span>{byline if section.byline else ''}</td>"
            f'<td class="page" align="right" valign="top">{start}</td></tr>'
        )
    return (
        f"<html><head><style>{theme_css('light', for_print=True)}"
        "table.contents { border: none; }"
        "td.entry, td.page { border: none; padding-top: 3px; padding-bottom: 9px; }"
        "td.page { font-family: 'DejaVu Sans'; font-size: 10pt; }"
        "span.contents-title { font-family: 'DejaVu Sans'; font-size: 10.5pt; font-weight: bold; }"
        "span.contents-byline { font-size: 8.5pt; color: #6b6b70; }"
        f'</style></head><body><h1 class="title">{html.escape(title)}</h1>'
        '<table class="contents" width="100%" cellspacing="0" cellpadding="6">'
        + "".join(rows)
        + "</table></body></html>"
    )


def _number_pages(sections: list[_Section]) -> int:
    page = 1
    for section in sections:
        section.first_page = page
        page += section.document.pageCount()
    return page - 1


def section_bookmarks(section: _Section, geometry: _Geometry) -> list[Bookmark]:
    """The headings of ``section`` (title, sections, Related, Contents) with their places,
    so the PDF outline matches the outline the window shows for the same article."""
    document = section.document
    layout = document.documentLayout()
    page_height = geometry.text.height()
    to_points = 72 / RESOLUTION
    marks: list[Bookmark] = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        title = " ".join(block.text().split())
        if level > 0 and title:
            top = layout.blockBoundingRect(block).top()
            page = int(top // page_height)
            y = geometry.text.top() + top - page * page_height
            marks.append(
                Bookmark(
                    level,
                    title,
                    section.first_page - 1 + page,
                    (geometry.page.height() - y) * to_points,
                )
            )
        block = block.next()
    return marks


# -- highlights (shared with the window's view) ------------------------------------------------
HIGHLIGHT_BACKGROUNDS = {
    "yellow": "#fff0a0",
    "green": "#c9efc0",
    "blue": "#c8e1ff",
    "pink": "#ffd3e8",
}
HIGHLIGHT_TEXT = "#1d1d1f"
"""Dark text on a light mark, whatever the theme."""


def paint_highlights(document: QTextDocument, highlights: list[Highlight]) -> int:
    """Give each highlight's passage its background; returns how many were found."""
    found = 0
    for highlight in highlights:
        parts = [part.strip() for part in highlight.text.split("\n") if part.strip()]
        cursor = QTextCursor(document)
        matched: list[QTextCursor] = []
        for part in parts:
            cursor = document.find(part, cursor)
            if cursor.isNull():
                matched = []
                break
            matched.append(QTextCursor(cursor))
        if not matched:
            continue
        found += 1
        char_format = QTextCharFormat()
        char_format.setBackground(
            QColor(HIGHLIGHT_BACKGROUNDS.get(highlight.colour, HIGHLIGHT_BACKGROUNDS["yellow"]))
        )
        char_format.setForeground(QColor(HIGHLIGHT_TEXT))
        if highlight.note:
            char_format.setToolTip(highlight.note)
        for match in matched:
            match.mergeCharFormat(char_format)
    return found


# -- painting -----------------------------------------------------------------------------------
def _paint_page(
    painter: QPainter, section: _Section, page: int, geometry: _Geometry, page_count: int
) -> None:
    text = geometry.text
    painter.save()
    painter.translate(text.left(), text.top() - page * text.height())
    section.document.drawContents(
        painter, QRectF(0, page * text.height(), text.width(), text.height())
    )
    painter.restore()
    _paint_footer(painter, section.footer_title, section.first_page + page, page_count, geometry)


def _paint_footer(
    painter: QPainter, title: str, number: int, page_count: int, geometry: _Geometry
) -> None:
    """A hairline, the title on the left (elided) and "page / pages" on the right."""
    text = geometry.text
    painter.save()
    painter.setPen(QPen(QColor(FOOTER_COLOR), RESOLUTION / 300))
    painter.drawLine(text.left(), geometry.footer_rule_y, text.right(), geometry.footer_rule_y)
    font = QFont(*FOOTER_FONT)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    label = f"{number} / {page_count}"
    label_width = metrics.horizontalAdvance(label)
    room = text.width() - label_width - metrics.averageCharWidth() * 4
    elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)
    baseline = geometry.footer_baseline_y
    painter.drawText(text.left(), baseline, elided)
    painter.drawText(text.right() - label_width, baseline, label)
    painter.restore()


def _unique(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen


def _qt_version() -> str:
    from PySide6 import QtCore

    return QtCore.qVersion()


__all__ = [
    "ExportError",
    "default_page_size",
    "ensure_gui_application",
    "export_pdf",
    "fit_images",
]
