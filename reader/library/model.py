"""The article model: plain data, no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass
class RelatedItem:
    """An entry of an article's "related" block, resolved to a library article by title."""

    title: str
    teaser: str = ""
    caption: str = ""
    url: str = ""


@dataclass
class Source:
    """Where an article came from; ``sha256`` of the source bytes detects re-imports."""

    kind: str
    file: str = ""
    sha256: str = ""
    url: str = ""
    folder: str = ""
    """The folder the file was imported from (absolute), so links between its pages resolve."""
    path: str = ""
    """The file's path inside ``folder`` (POSIX separators): relative links start from here."""


@dataclass
class Highlight:
    """A passage the reader marked, found again by its text (so it survives edits that keep
    the passage), with a colour name and an optional note."""

    text: str
    colour: str = "yellow"
    note: str = ""


@dataclass
class Article:
    """One article: front matter fields plus a Markdown body."""

    title: str
    body: str = ""
    id: str = ""
    author: str = ""
    published: dt.date | None = None
    category: str = ""
    tags: list[str] = field(default_factory=list)
    lang: str = ""
    site: str = ""
    """The publication's name (from a saved page's metadata), shown in the byline."""
    source: Source | None = None
    imported: dt.datetime | None = None
    related: list[RelatedItem] = field(default_factory=list)
    starred: bool = False
    read: bool = False
    highlights: list[Highlight] = field(default_factory=list)

    @property
    def byline(self) -> str:
        """Author, date and category joined for display, skipping the empty ones."""
        parts = [self.author, self.published.isoformat() if self.published else "", self.category]
        return " · ".join(part for part in parts if part)


class ArticleSummary(NamedTuple):
    """What the list, filters and sorting need, without the body.

    Loaded for every article at start, so it stays small: the lookup fields below are
    filled when an article is summarized, but the catalog loads back only ``title_key``
    (the list sorts by it); it answers the other lookups itself (``reader.library.catalog``).

    A named tuple rather than a frozen dataclass: the catalog builds 100k of them when a
    large library opens, and ``_make`` builds a tuple in C where a frozen dataclass's
    ``__init__`` sets fifteen attributes one by one in Python (0.5 s against 0.2 s).
    Change one with ``summary._replace(...)``.
    """

    id: str
    title: str
    author: str
    published: dt.date | None
    category: str
    tags: tuple[str, ...]
    lang: str
    starred: bool
    read: bool
    related_titles: tuple[str, ...] = ()
    source_sha256: str = ""
    content_key: str = ""
    title_key: str = ""
    """normalize_title(title), computed once at catalog time: related resolution is a lookup."""
    related_keys: tuple[str, ...] = ()
    url_key: str = ""
    location_keys: tuple[str, ...] = ()
    """Where this article was before import (its URL, its original file): body links resolve
    to it by these (``reader.library.links``)."""
    link_keys: tuple[str, ...] = ()
    """The same kind of keys for every link in the body: "linked from" looks them up."""
    words: int = 0
    """Words in the body (``reader.library.reading``): the list's reading time and its sort."""
