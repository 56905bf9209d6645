"""Back/Forward history of opened articles, as plain data (no Qt), so it is trivially testable.

Each entry remembers the reading position, so Back returns to where the reader was, not to
the top of the article.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_ENTRIES = 200


@dataclass
class HistoryEntry:
    article_id: str
    scroll_fraction: float = 0.0


class History:
    """A browser-style history: visiting a new page drops everything ahead of the cursor."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: list[HistoryEntry] = []
        self._index = -1
        self._max_entries = max_entries

    @property
    def current(self) -> HistoryEntry | None:
        return self._entries[self._index] if self._index >= 0 else None

    def visit(self, article_id: str) -> None:
        """Record ``article_id`` as the current page (re-visiting the current one is a no-op)."""
        if self.current is not None and self.current.article_id == article_id:
            return
        del self._entries[self._index + 1 :]
        self._entries.append(HistoryEntry(article_id))
        if len(self._entries) > self._max_entries:
            del self._entries[0]
        self._index = len(self._entries) - 1

    def remember_scroll(self, fraction: float) -> None:
        if self.current is not None:
            self.current.scroll_fraction = fraction

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def back(self) -> HistoryEntry | None:
        if not self.can_go_back():
            return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self) -> HistoryEntry | None:
        if not self.can_go_forward():
            return None
        self._index += 1
        return self._entries[self._index]

    def forget(self, article_id: str) -> None:
        """Drop a deleted article from the history, keeping the cursor on a sensible page."""
        current = self.current
        kept = [entry for entry in self._entries if entry.article_id != article_id]
        # Collapse neighbours that became equal after the removal.
        collapsed: list[HistoryEntry] = []
        for entry in kept:
            if not collapsed or collapsed[-1].article_id != entry.article_id:
                collapsed.append(entry)
        self._entries = collapsed
        positions = [i for i, entry in enumerate(collapsed) if entry is current]
        if positions:
            self._index = positions[0]
        else:
            self._index = min(self._index, len(collapsed) - 1)
            if self._index < 0 and collapsed:
                self._index = 0
