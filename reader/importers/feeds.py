"""RSS and Atom files saved on disk: each entry becomes an article.

feedparser reads every RSS/RDF/Atom dialect, their dates and their escaped or inline HTML
content, and sanitizes that HTML. It is handed the file's bytes (a stream), never a URL,
so nothing is fetched. An entry's longest content (``content:encoded``, Atom ``content``
or ``description``) is its body.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
from pathlib import Path
from typing import Any

from reader.importers.decoding import read_bytes
from reader.importers.errors import ImportFailure
from reader.importers.html_markdown import html_to_markdown
from reader.importers.parsed import EntryProblem, ParsedArticle, ParsedFile
from reader.importers.plaintext import paragraphs_to_markdown, split_paragraphs
from reader.library.lang import detect_language
from reader.library.model import Article, Source


def parse_feed(path: Path) -> ParsedFile:
    """Every entry of an RSS or Atom file; ImportFailure if the file is not a feed."""
    import feedparser

    data, _sha256 = read_bytes(path)
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        detail = f" ({_one_line(problem)})" if problem else ""
        raise ImportFailure(path, f"not an RSS or Atom feed{detail}")
    if not parsed.entries:
        raise ImportFailure(path, "the feed has no entries")
    feed_title = _text(parsed.feed.get("title", ""))
    feed_lang = _lang(parsed.feed.get("language", ""))
    kind = "atom" if str(parsed.version).startswith("atom") else "rss"
    result = ParsedFile(multi=True)
    for number, entry in enumerate(parsed.entries, start=1):
        label = _text(entry.get("title", "")) or f"entry {number}"
        try:
            article = _article(path, entry, kind, feed_lang)
        except ValueError as problem:
            result.problems.append(EntryProblem(label, str(problem)))
            continue
        result.articles.append(ParsedArticle(article, site_name=feed_title, entry=label))
    if not result.articles and parsed.get("bozo"):
        detail = _one_line(parsed.get("bozo_exception") or "not well-formed")
        raise ImportFailure(path, f"broken feed, no readable entry ({detail})")
    return result


def _article(path: Path, entry: Any, kind: str, feed_lang: str) -> Article:
    link = str(entry.get("link", "") or "")
    content_type, content = _richest_content(entry)
    if content_type == "text/plain":
        body = paragraphs_to_markdown(split_paragraphs(content.split("\n")))
    else:
        body = html_to_markdown(content, base_url=link)
    title = _text(entry.get("title", ""))
    if not body.strip():
        raise ValueError("no content")
    if not title:
        raise ValueError("no title")
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    tags = [_text(tag.get("term") or tag.get("label") or "") for tag in entry.get("tags", [])]
    identity = f"{entry.get('id', '')}\n{link}\n{title}\n{content}"
    return Article(
        title=title,
        body=body,
        author=_text(entry.get("author", "")),
        published=dt.date(*when[:3]) if when else None,
        tags=list(dict.fromkeys(tag for tag in tags if tag)),
        lang=_lang(entry.get("language", "")) or feed_lang or detect_language(f"{title} {body}"),
        source=Source(
            kind=kind,
            file=path.name,
            sha256=hashlib.sha256(identity.encode("utf-8")).hexdigest(),
            url=link,
        ),
    )


def _richest_content(entry: Any) -> tuple[str, str]:
    candidates = [(c.get("type", ""), c.get("value", "") or "") for c in entry.get("content", [])]
    summary = entry.get("summary_detail") or {}
    candidates.append((summary.get("type", ""), entry.get("summary", "") or ""))
    return max(candidates, key=lambda candidate: len(candidate[1].strip()))


def _text(value: object) -> str:
    """Titles may carry markup (``type="html"``): keep their words only."""
    text = str(value or "")
    if "<" in text:
        import lxml.html
        from lxml import etree

        with contextlib.suppress(ValueError, etree.ParserError):  # a broken title keeps its words
            text = lxml.html.fragment_fromstring(text, create_parent="div").text_content()
    return " ".join(text.split())


def _lang(value: object) -> str:
    code = str(value or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code.isalpha() and 2 <= len(code) <= 3 else ""


def _one_line(problem: object) -> str:
    return " ".join(str(problem).split())[:160]
