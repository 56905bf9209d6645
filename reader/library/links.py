"""Links in article bodies, resolved to library articles: saved pages become a small web.

An article is known by *location keys*: its canonical URL (``url_key``: no scheme, ``www.``,
fragment or tracking parameters) and, for a file imported from a folder, its original file
(``file:`` + the absolute path it had). A body link is turned into the same kind of key:
an absolute link by its URL, a relative one against the original file of the article that
holds it. A link resolves when some article has that key; both sides sit in indexed catalog
tables, so following a link or listing "linked from" is a lookup, never a scan.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import unquote, urlsplit

from reader.library.model import Article, ArticleSummary, Source
from reader.library.urls import url_key

if TYPE_CHECKING:
    from reader.library.catalog import Catalog

FILE_PREFIX = "file:"
_WEB_SCHEMES = ("http", "https")
# [text](target "title") and [text](<target with spaces>), and raw HTML href="...".
_MARKDOWN_LINK = re.compile(r"\]\(\s*(?:<([^>\n]*)>|([^)\s]+))")
_MARKDOWN_IMAGE = re.compile(r"!\[(?:\\.|[^\]\\])*\]\([^)\n]*\)")
_HTML_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)

LinkKind = Literal["library", "web", "missing", "other"]


@dataclass(frozen=True)
class ResolvedLink:
    """What a body link points at: an article of the library, the web, or a page not saved."""

    href: str
    kind: LinkKind
    article_id: str = ""
    fragment: str = ""


def location_keys(source: Source | None) -> tuple[str, ...]:
    """The keys an article is found by: its URL and its original file, when known."""
    if source is None:
        return ()
    keys = [url_key(source.url)] if source.url else []
    if source.folder and source.path:
        keys.append(_file_key(posixpath.join(source.folder, source.path)))
    return tuple(key for key in keys if key)


def link_key(href: str, source: Source | None) -> str:
    """The key a body link's target would have, or "" when it cannot name an article."""
    href = href.strip()
    try:
        parts = urlsplit(href)
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme in _WEB_SCHEMES or href.startswith("//"):
        return url_key(href if scheme else "https:" + href)
    if scheme or parts.netloc or not parts.path:
        return ""
    if source is None or not source.folder or not source.path:
        return ""
    here = posixpath.dirname(posixpath.join(source.folder, source.path))
    return _file_key(posixpath.join(here, unquote(parts.path)))


def body_links(body: str) -> list[str]:
    """Every link target written in a Markdown body (Markdown links and raw HTML hrefs;
    images are not links)."""
    # Most bodies have no link at all: the cheap test spares the catalog build the regexes.
    targets = []
    if "](" in body:
        without_images = _MARKDOWN_IMAGE.sub("", body) if "![" in body else body
        targets += [angle or bare for angle, bare in _MARKDOWN_LINK.findall(without_images)]
    if "href" in body or "HREF" in body:
        targets += [double or single for double, single in _HTML_HREF.findall(body)]
    return [target for target in targets if target]


def link_keys(article: Article) -> tuple[str, ...]:
    """Distinct keys of the body's links, for "linked from" (the article's own keys left out)."""
    own = set(location_keys(article.source))
    keys = (link_key(href, article.source) for href in body_links(article.body))
    return tuple(key for key in dict.fromkeys(keys) if key and key not in own)


def _file_key(path: str) -> str:
    return FILE_PREFIX + posixpath.normpath(path)


class LinkIndex:
    """Body-link lookups, answered by the catalog or by summaries held in memory.

    ``LibraryStore.link_index()`` gives the catalog-backed one; ``LinkIndex(summaries)``
    builds one from full summaries (``summarize()`` output), for tests and small sets.
    """

    def __init__(
        self, summaries: Iterable[ArticleSummary] = (), *, catalog: Catalog | None = None
    ) -> None:
        self._catalog = catalog
        self._by_key: dict[str, str] = {}
        self._linking: dict[str, set[str]] = {}
        self._keys_of: dict[str, tuple[str, ...]] = {}
        for summary in sorted(summaries, key=lambda s: s.id):
            self._keys_of[summary.id] = summary.location_keys
            for key in summary.location_keys:
                self._by_key.setdefault(key, summary.id)
            for key in summary.link_keys:
                self._linking.setdefault(key, set()).add(summary.id)

    def find(self, keys: Iterable[str]) -> dict[str, str]:
        """key -> article id for the keys some article has."""
        keys = [key for key in dict.fromkeys(keys) if key]
        if self._catalog is not None:
            return self._catalog.find_locations(keys)
        return {key: self._by_key[key] for key in keys if key in self._by_key}

    def resolve(self, article: Article, hrefs: Iterable[str] | None = None) -> list[ResolvedLink]:
        """Each link of ``article``'s body (or the ``hrefs`` given), resolved in one lookup."""
        hrefs = list(body_links(article.body) if hrefs is None else hrefs)
        keys = {href: link_key(href, article.source) for href in hrefs}
        found = self.find(keys.values())
        resolved = []
        for href in hrefs:
            key = keys[href]
            fragment = urlsplit(href).fragment if "#" in href else ""
            target = found.get(key) if key else None
            if target is not None:
                resolved.append(ResolvedLink(href, "library", target, fragment))
            elif urlsplit(href).scheme.lower() in _WEB_SCHEMES or href.startswith("//"):
                resolved.append(ResolvedLink(href, "web", fragment=fragment))
            elif key:
                resolved.append(ResolvedLink(href, "missing", fragment=fragment))
            else:
                resolved.append(ResolvedLink(href, "other", fragment=fragment))
        return resolved

    def resolver(self, article: Article) -> Callable[[str], ResolvedLink]:
        """A lookup for the renderer: the body's links are resolved at once (one query), a
        href written differently after Markdown (an entity, say) is looked up on its own."""
        known = {link.href: link for link in self.resolve(article)}

        def resolve(href: str) -> ResolvedLink:
            link = known.get(href)
            if link is None:
                link = known[href] = self.resolve(article, [href])[0]
            return link

        return resolve

    def linked_from(self, article_id: str) -> list[str]:
        """Ids of the articles whose body links here."""
        if self._catalog is not None:
            linking = self._catalog.linking_body(article_id)
            return [other for other in linking if other != article_id]
        keys = self._keys_of.get(article_id, ())
        sources = set().union(*(self._linking.get(key, set()) for key in keys)) if keys else set()
        return sorted(sources - {article_id})
