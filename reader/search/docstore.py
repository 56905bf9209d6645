"""The index's side table (SQLite, inside the index folder): stamps and snippet text.

Why beside Whoosh rather than in it:

* **Stamps** (file mtime and size per article) decide what ``update()`` re-indexes; a
  keyed table answers "what changed" for 100k articles in one query.
* **Snippet text** (the article's plain text, zlib-compressed) lets a result page build
  its highlighted snippets without re-reading any article file, and ``similar()`` reuse
  it. Stored in Whoosh it would be copied on every segment merge; here it is written once.
* **Meta** records the schema version and the Whoosh files with their sizes after each
  commit, so a truncated or replaced index file is noticed when the index is opened.

It is derived data: when it is unreadable the whole index folder is rebuilt.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FILENAME = "docs.sqlite3"


@dataclass(frozen=True)
class StoredDoc:
    id: str
    mtime_ns: int
    size: int
    lang: str
    text: str


class DocStore:
    """Stamps, language and compressed plain text of every indexed article."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        try:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=NORMAL")
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, mtime_ns INTEGER, "
                "size INTEGER, lang TEXT, text BLOB)"
            )
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)"
            )
        except sqlite3.DatabaseError:
            self._connection.close()
            raise

    # -- meta ----------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._connection.execute("SELECT value FROM meta WHERE key = ?", (key,))
            found = row.fetchone()
        return None if found is None else str(found[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._connection.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value)
            )

    def get_json(self, key: str) -> object:
        raw = self.get_meta(key)
        return None if raw is None else json.loads(raw)

    def set_json(self, key: str, value: object) -> None:
        self.set_meta(key, json.dumps(value, sort_keys=True))

    # -- documents -----------------------------------------------------------------------
    def stamps(self) -> dict[str, tuple[int, int]]:
        with self._lock:
            rows = self._connection.execute("SELECT id, mtime_ns, size FROM docs").fetchall()
        return {str(id_): (int(mtime), int(size)) for id_, mtime, size in rows}

    def stamps_of(self, ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        """``stamps()`` for the given ids only (missing ids are left out)."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, tuple[int, int]] = {}
        with self._lock:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._connection.execute(
                    f"SELECT id, mtime_ns, size FROM docs WHERE id IN ({marks})", chunk
                ).fetchall()
                found.update({str(id_): (int(mtime), int(size)) for id_, mtime, size in rows})
        return found

    def count(self) -> int:
        with self._lock:
            return int(self._connection.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def apply(self, upserts: Iterable[StoredDoc], removals: Iterable[str]) -> None:
        """Record indexed articles and forget removed ones, in one transaction."""
        rows = [
            (doc.id, doc.mtime_ns, doc.size, doc.lang, zlib.compress(doc.text.encode(), 6))
            for doc in upserts
        ]
        gone = [(article_id,) for article_id in removals]
        with self._lock:
            connection = self._connection
            connection.execute("BEGIN")
            try:
                connection.executemany("DELETE FROM docs WHERE id = ?", gone)
                connection.executemany(
                    "INSERT OR REPLACE INTO docs (id, mtime_ns, size, lang, text) "
                    "VALUES (?, ?, ?, ?, ?)",
                    rows,
                )
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def texts(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """id -> (lang, plain text) for the given ids (missing ids are left out)."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, tuple[str, str]] = {}
        with self._lock:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._connection.execute(
                    f"SELECT id, lang, text FROM docs WHERE id IN ({marks})", chunk
                ).fetchall()
                for id_, lang, blob in rows:
                    found[str(id_)] = (str(lang), zlib.decompress(blob).decode())
        return found

    def close(self) -> None:
        with self._lock:
            self._connection.close()
