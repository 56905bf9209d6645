"""Related items are linked to library articles by normalized title, at read time.

So an article imported later links up automatically, in both directions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.library.links import LinkIndex
from reader.library.model import ArticleSummary, RelatedItem
from reader.library.text import normalize_title

if TYPE_CHECKING:
    from reader.library.catalog import Catalog


@dataclass(frozen=True)
class ResolvedRelated:
    item: RelatedItem
    article_id: str | None
    """The library article this item points to, or None when it is not in the library."""


class RelatedIndex:
    """Title lookups, answered by the library's catalog or by summaries held in memory.

    ``LibraryStore.related_index()`` gives the catalog-backed one (nothing per article in
    memory: right for a 100k library); ``RelatedIndex(summaries)`` builds one from full
    summaries (``summarize()`` output: with related titles), for tests and small sets.
    """

    def __init__(
        self, summaries: Iterable[ArticleSummary] = (), *, catalog: Catalog | None = None
    ) -> None:
        self._catalog = catalog
        self._by_title: dict[str, str] = {}
        self._title_of: dict[str, str] = {}
        self._linked_from: dict[str, list[str]] = defaultdict(list)
        summaries = list(summaries)
        self._body_links = LinkIndex(summaries, catalog=catalog)
        for summary in sorted(summaries, key=lambda s: s.id):
            key = summary.title_key or normalize_title(summary.title)
            self._by_title.setdefault(key, summary.id)
            self._title_of[summary.id] = key
        for summary in summaries:
            keys = summary.related_keys or tuple(map(normalize_title, summary.related_titles))
            for key in keys:
                target = self._by_title.get(key)
                if target is not None and target != summary.id:
                    self._linked_from[target].append(summary.id)

    def find(self, title: str) -> str | None:
        key = normalize_title(title)
        if self._catalog is not None:
            return self._catalog.find_title(key)
        return self._by_title.get(key)

    def resolve(self, items: Iterable[RelatedItem], *, exclude: str = "") -> list[ResolvedRelated]:
        resolved = []
        for item in items:
            target = self.find(item.title)
            resolved.append(ResolvedRelated(item, target if target != exclude else None))
        return resolved

    def linked_from(self, article_id: str) -> list[str]:
        """Ids of the articles whose related lists or body links point at ``article_id``."""
        body = self._body_links.linked_from(article_id)
        return sorted(set(self._related_from(article_id)).union(body))

    def _related_from(self, article_id: str) -> list[str]:
        if self._catalog is not None:
            key = self._catalog.title_key_of(article_id)
            if not key or self._catalog.find_title(key) != article_id:
                return []
            return [other for other in self._catalog.linking_to(key) if other != article_id]
        return self._linked_from.get(article_id, [])
