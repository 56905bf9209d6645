"""A derived cache of article summaries, so a large library lists without parsing every file.

It lives in the cache dir (SQLite) and is keyed by each file's name, size and mtime: a file
changed by hand or by a sync tool is re-read, a deleted one dropped. Losing it loses nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from reader.library.model import ArticleSummary

SCHEMA_VERSION = 2
_SEPARATOR = "\x1f"  # unit separator: never in a title, and split() beats json.loads

_COLUMNS = (
    "filename, mtime_ns, size, id, title, author, published, category, tags, lang, "
    "starred, read, related_titles, source_sha256, content_key, title_key, related_keys"
)


class Catalog:
    """SQLite-backed summary cache; ``path=None`` keeps it in memory (tests, read-only use)."""

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.Lock()
        self._connection = self._open(path)

    def _open(self, path: Path | None) -> sqlite3.Connection:
        if path is None:
            return self._initialise(sqlite3.connect(":memory:", check_same_thread=False))
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._initialise(sqlite3.connect(path, check_same_thread=False))
        except sqlite3.DatabaseError:
            # A corrupt cache is rebuilt from the library, which is the truth.
            for leftover in path.parent.glob(path.name + "*"):
                leftover.unlink(missing_ok=True)
            return self._initialise(sqlite3.connect(path, check_same_thread=False))

    @staticmethod
    def _initialise(connection: sqlite3.Connection) -> sqlite3.Connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            connection.execute("DROP TABLE IF EXISTS articles")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS articles (filename TEXT PRIMARY KEY, mtime_ns INTEGER, "
            "size INTEGER, id TEXT, title TEXT, author TEXT, published TEXT, category TEXT, "
            "tags TEXT, lang TEXT, starred INTEGER, read INTEGER, related_titles TEXT, "
            "source_sha256 TEXT, content_key TEXT, title_key TEXT, related_keys TEXT)"
        )
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.commit()
        return connection

    def stamps(self) -> dict[str, tuple[int, int]]:
        """filename -> (mtime_ns, size) of every catalogued file."""
        with self._lock:
            rows = self._connection.execute("SELECT filename, mtime_ns, size FROM articles")
            return {name: (mtime, size) for name, mtime, size in rows}

    def summaries(self) -> list[ArticleSummary]:
        with self._lock:
            rows = self._connection.execute(f"SELECT {_COLUMNS} FROM articles").fetchall()
        return [_summary_from_row(row) for row in rows]

    def apply(
        self,
        upserts: Iterable[tuple[str, int, int, ArticleSummary]],
        removals: Iterable[str],
    ) -> None:
        """Record changed files and forget removed ones, in one transaction."""
        with self._lock, self._connection:
            self._connection.executemany(
                "DELETE FROM articles WHERE filename = ?", [(name,) for name in removals]
            )
            self._connection.executemany(
                f"INSERT OR REPLACE INTO articles ({_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_row_from_summary(*entry) for entry in upserts],
            )

    def close(self) -> None:
        with self._lock:
            self._connection.close()


def _row_from_summary(
    filename: str, mtime_ns: int, size: int, summary: ArticleSummary
) -> tuple[object, ...]:
    return (
        filename,
        mtime_ns,
        size,
        summary.id,
        summary.title,
        summary.author,
        summary.published.isoformat() if summary.published else None,
        summary.category,
        _join(summary.tags),
        summary.lang,
        int(summary.starred),
        int(summary.read),
        _join(summary.related_titles),
        summary.source_sha256,
        summary.content_key,
        summary.title_key,
        _join(summary.related_keys),
    )


def _join(values: tuple[str, ...]) -> str:
    return _SEPARATOR.join(value.replace(_SEPARATOR, " ") for value in values)


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split(_SEPARATOR)) if value else ()


def _summary_from_row(row: tuple) -> ArticleSummary:  # type: ignore[type-arg]
    (_, _, _, id_, title, author, published, category, tags, lang, starred, read) = row[:12]
    related_titles, source_sha256, content_key, title_key, related_keys = row[12:]
    return ArticleSummary(
        id=id_,
        title=title,
        author=author,
        published=dt.date.fromisoformat(published) if published else None,
        category=category,
        tags=_split(tags),
        lang=lang,
        starred=bool(starred),
        read=bool(read),
        related_titles=_split(related_titles),
        source_sha256=source_sha256,
        content_key=content_key,
        title_key=title_key,
        related_keys=_split(related_keys),
    )
