"""Related items are linked to library articles by normalized title, at read time.

So an article imported later links up automatically, in both directions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from reader.library.model import ArticleSummary, RelatedItem
from reader.library.text import normalize_title


@dataclass(frozen=True)
class ResolvedRelated:
    item: RelatedItem
    article_id: str | None
    """The library article this item points to, or None when it is not in the library."""


class RelatedIndex:
    """Title lookups over a snapshot of the library's summaries."""

    def __init__(self, summaries: Iterable[ArticleSummary]) -> None:
        self._by_title: dict[str, str] = {}
        self._linked_from: dict[str, list[str]] = defaultdict(list)
        summaries = list(summaries)
        for summary in sorted(summaries, key=lambda s: s.id):
            self._by_title.setdefault(
                summary.title_key or normalize_title(summary.title), summary.id
            )
        for summary in summaries:
            keys = summary.related_keys or tuple(map(normalize_title, summary.related_titles))
            for key in keys:
                target = self._by_title.get(key)
                if target is not None and target != summary.id:
                    self._linked_from[target].append(summary.id)

    def find(self, title: str) -> str | None:
        return self._by_title.get(normalize_title(title))

    def resolve(self, items: Iterable[RelatedItem], *, exclude: str = "") -> list[ResolvedRelated]:
        resolved = []
        for item in items:
            target = self.find(item.title)
            resolved.append(ResolvedRelated(item, target if target != exclude else None))
        return resolved

    def linked_from(self, article_id: str) -> list[str]:
        """Ids of the articles whose related lists point at ``article_id``."""
        return sorted(set(self._linked_from.get(article_id, [])))
