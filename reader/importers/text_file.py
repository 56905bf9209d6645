"""Text files: the scraped-article layout, or plain text (first line is the title)."""

from __future__ import annotations

from reader.importers.decoding import SourceText
from reader.importers.errors import ImportFailure
from reader.importers.plaintext import paragraphs_to_markdown
from reader.importers.scraped_text import parse_scraped_text
from reader.library.lang import detect_language
from reader.library.model import Article, Source


def article_from_text_file(source: SourceText) -> Article:
    scraped = parse_scraped_text(source.text)
    if not scraped.title:
        raise ImportFailure(source.path, "no title: the file has no text line")
    if not scraped.paragraphs and not scraped.related:
        raise ImportFailure(source.path, "no body: only a title line")
    structured = scraped.byline is not None or bool(scraped.related_heading)
    byline = scraped.byline
    body_sample = " ".join([scraped.title, *scraped.paragraphs[:5]])
    return Article(
        title=scraped.title,
        body=paragraphs_to_markdown(scraped.paragraphs),
        author=byline.author if byline else "",
        published=byline.published if byline else None,
        category=byline.category if byline else "",
        tags=scraped.tags,
        lang=detect_language(body_sample),
        related=scraped.related,
        source=Source(
            kind="scraped-text" if structured else "text",
            file=source.path.name,
            sha256=source.sha256,
        ),
    )
