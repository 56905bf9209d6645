"""Markdown files, with or without front matter (ours, or Jekyll/Hugo/Obsidian-style)."""

from __future__ import annotations

import re

from reader.importers.decoding import SourceText
from reader.importers.errors import ImportFailure
from reader.library.frontmatter import FrontMatterError, article_from_mapping, split_front_matter
from reader.library.lang import detect_language
from reader.library.model import Article, Source

_ATX_HEADING = re.compile(r"^#{1,2}\s+(?P<title>.+?)\s*#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^(=+|-+)\s*$")


def article_from_markdown(source: SourceText) -> Article:
    try:
        front, body = split_front_matter(source.text)
    except FrontMatterError as error:
        raise ImportFailure(source.path, str(error)) from error
    front = dict(front or {})
    body = body.strip("\n")
    if not str(front.get("title") or "").strip():
        title, body = _title_from_body(body)
        if not title:
            raise ImportFailure(source.path, "no title: no 'title' field, heading or text line")
        front["title"] = title
    for foreign_key in ("id", "imported", "read", "starred"):
        front.pop(foreign_key, None)  # the library decides these for a new import
    try:
        article = article_from_mapping(front, body)
    except FrontMatterError as error:
        raise ImportFailure(source.path, str(error)) from error
    if not article.lang:
        article.lang = detect_language(f"{article.title} {body[:4000]}")
    article.source = Source(
        kind="markdown",
        file=source.path.name,
        sha256=source.sha256,
        url=article.source.url if article.source else str(front.get("url") or ""),
    )
    return article


def _title_from_body(body: str) -> tuple[str, str]:
    """Take the first heading (or else the first line) as title and remove it from the body."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        heading = _ATX_HEADING.match(line)
        if heading:
            return heading["title"].strip(), "\n".join(lines[index + 1 :]).strip("\n")
        if index + 1 < len(lines) and _SETEXT_UNDERLINE.match(lines[index + 1]):
            return line.strip(), "\n".join(lines[index + 2 :]).strip("\n")
        return line.strip().lstrip("#").strip(), "\n".join(lines[index + 1 :]).strip("\n")
    return "", body
