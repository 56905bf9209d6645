"""The ``reader://`` URL scheme used app-wide for internal navigation.

``reader://article/<id>`` opens a library article; ``reader://search/<percent-quoted query>``
searches the library (an unresolved related item links there, so one click finds it if it was
imported under a slightly different title). Kept here, Qt-free, so the HTML renderer, the
window and the tests agree on one spelling.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote, unquote, urlsplit

SCHEME = "reader"
ARTICLE = "article"
SEARCH = "search"

ReaderTarget = tuple[Literal["article", "search"], str]


def article_url(article_id: str) -> str:
    """The link that opens ``article_id`` (ids are slugs, quoted anyway to be safe)."""
    return f"{SCHEME}://{ARTICLE}/{quote(article_id, safe='')}"


def search_url(query: str) -> str:
    """The link that searches the library for ``query``."""
    return f"{SCHEME}://{SEARCH}/{quote(query, safe='')}"


def parse_reader_url(url: str) -> ReaderTarget | None:
    """``("article", id)`` or ``("search", query)`` for a reader:// URL, else None.

    Accepts what QUrl.toString() gives back for the URLs built above, so the window can pass
    ``QUrl.toString()`` of a clicked anchor straight in.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() != SCHEME:
        return None
    kind = parts.netloc.lower()
    value = unquote(parts.path.removeprefix("/"))
    if kind == ARTICLE and value and "/" not in value:
        return ("article", value)
    if kind == SEARCH and value.strip():
        return ("search", value)
    return None
