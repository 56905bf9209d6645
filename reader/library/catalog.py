"""A derived cache of the library, so a large library lists without parsing every file.

It lives in the cache dir (SQLite) and is keyed by each file's name, size and mtime: a file
changed by hand or by a sync tool is re-read, a deleted one dropped. Losing it loses nothing.

Only what the list shows is loaded into memory (``summaries()``); what is needed one
article at a time — duplicate fingerprints, title keys for related items, "linked from" —
stays in indexed SQL tables and is looked up. At 100k articles that is the difference
between a few hundred MB of Python objects and a few dozen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reader.library.model import ArticleSummary

_T = TypeVar("_T")

log = logging.getLogger(__name__)

SCHEMA_VERSION = 7  # 5: links, locations (body links); 6: words; 7: problems
_SEPARATOR = "\x1f"  # unit separator: never in a tag, and split() beats json.loads

_LIST_COLUMNS = (
    "id, title, author, published, category, tags, lang, starred, read, title_key, words"
)


@dataclass(frozen=True)
class CatalogEntry:
    """One file's row: its stamp, its list fields and its lookup keys."""

    filename: str
    mtime_ns: int
    size: int
    summary: ArticleSummary


@dataclass(frozen=True)
class ProblemEntry:
    """A file that could not be read, remembered with its stamp so it is not re-read."""

    filename: str
    mtime_ns: int
    size: int
    reason: str


@dataclass(frozen=True)
class DuplicateOf:
    article_id: str
    why: str


class Catalog:
    """SQLite-backed cache; ``path=None`` keeps it in memory (tests, read-only use).

    It repairs itself: any database error (garbage, truncation, a folder where the file
    was, a full or read-only disk) replaces it with an empty catalog — on disk when that
    works, else in memory for this run — and bumps ``generation``, which tells the store
    to read the folder again. Only the cache is lost, never an article.
    """

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.Lock()
        self._path = path
        self.generation = 0
        """Bumped each time the catalog was found unusable and started over empty."""
        self._connection = self._open(path)

    def _open(self, path: Path | None) -> sqlite3.Connection:
        if path is None:
            return self._memory()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return self._initialise(self._connect(path))
        except (sqlite3.DatabaseError, OSError) as error:
            log.warning("catalog %s is unusable (%s); starting it over", path, error)
            return self._fresh(path)

    def _fresh(self, path: Path) -> sqlite3.Connection:
        """An empty catalog at ``path`` (its damaged remains removed), else in memory."""
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            for leftover in path.parent.glob(path.name + "*"):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover)
                else:
                    leftover.unlink(missing_ok=True)
            return self._initialise(self._connect(path))
        except (sqlite3.DatabaseError, OSError) as error:
            log.warning("catalog %s cannot be written (%s); keeping it in memory", path, error)
            return self._memory()

    def _memory(self) -> sqlite3.Connection:
        return self._initialise(sqlite3.connect(":memory:", check_same_thread=False))

    def _guarded(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``work`` (with the lock held); on a database error start over and retry."""
        try:
            return work(self._connection)
        except sqlite3.DatabaseError as error:
            self._start_over(error)
            return work(self._connection)

    def _start_over(self, error: Exception) -> None:
        log.warning("catalog error (%s); starting the catalog over", error)
        with contextlib.suppress(Exception):
            self._connection.close()
        in_memory = self._path is None or _is_disk_problem(error)
        self._connection = self._memory() if in_memory else self._fresh(self._path)
        self.generation += 1

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        # Two Reader processes may share a library (and so this cache): wait, don't fail.
        return sqlite3.connect(path, timeout=30, check_same_thread=False)

    @staticmethod
    def _initialise(connection: sqlite3.Connection) -> sqlite3.Connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            connection.execute("DROP TABLE IF EXISTS articles")
            connection.execute("DROP TABLE IF EXISTS related")
            connection.execute("DROP TABLE IF EXISTS locations")
            connection.execute("DROP TABLE IF EXISTS links")
            connection.execute("DROP TABLE IF EXISTS problems")
        connection.executescript(
            """
            CREATE TABLE IF NOT EXISTS articles (
                filename TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER,
                id TEXT, title TEXT, author TEXT, published TEXT, category TEXT, tags TEXT,
                lang TEXT, starred INTEGER, read INTEGER,
                source_sha256 TEXT, content_key TEXT, title_key TEXT, url_key TEXT,
                words INTEGER);
            CREATE INDEX IF NOT EXISTS articles_content ON articles(content_key);
            CREATE INDEX IF NOT EXISTS articles_source ON articles(source_sha256);
            CREATE INDEX IF NOT EXISTS articles_title ON articles(title_key);
            CREATE INDEX IF NOT EXISTS articles_url ON articles(url_key);
            CREATE INDEX IF NOT EXISTS articles_id ON articles(id);
            CREATE TABLE IF NOT EXISTS related (filename TEXT, key TEXT);
            CREATE INDEX IF NOT EXISTS related_key ON related(key);
            CREATE INDEX IF NOT EXISTS related_file ON related(filename);
            CREATE TABLE IF NOT EXISTS locations (filename TEXT, key TEXT);
            CREATE INDEX IF NOT EXISTS locations_key ON locations(key);
            CREATE INDEX IF NOT EXISTS locations_file ON locations(filename);
            CREATE TABLE IF NOT EXISTS links (filename TEXT, key TEXT);
            CREATE INDEX IF NOT EXISTS links_key ON links(key);
            CREATE INDEX IF NOT EXISTS links_file ON links(filename);
            CREATE TABLE IF NOT EXISTS problems (
                filename TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, reason TEXT);
            """
        )
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.commit()
        return connection

    def stamps(self) -> dict[str, tuple[int, int]]:
        """filename -> (mtime_ns, size) of every catalogued file."""

        def work(connection: sqlite3.Connection) -> dict[str, tuple[int, int]]:
            rows = connection.execute("SELECT filename, mtime_ns, size FROM articles")
            return {name: (mtime, size) for name, mtime, size in rows}

        with self._lock:
            return self._guarded(work)

    def problems(self) -> dict[str, ProblemEntry]:
        """filename -> the problem recorded for it (with the stamp it had then)."""

        def work(connection: sqlite3.Connection) -> dict[str, ProblemEntry]:
            rows = connection.execute("SELECT filename, mtime_ns, size, reason FROM problems")
            return {row[0]: ProblemEntry(*row) for row in rows}

        with self._lock:
            return self._guarded(work)

    def summaries(self) -> list[ArticleSummary]:
        """The list fields of every article (lookup keys are left out: see the module doc)."""
        with self._lock:
            rows = self._guarded(
                lambda connection: connection.execute(
                    f"SELECT {_LIST_COLUMNS} FROM articles"
                ).fetchall()
            )
        try:
            return _SummaryBuilder().build(rows)
        except (ValueError, TypeError) as error:  # a row that is not what we wrote
            with self._lock:
                self._start_over(error)
            return []

    def apply(
        self,
        upserts: Iterable[CatalogEntry],
        removals: Iterable[str],
        problems: Iterable[ProblemEntry] = (),
    ) -> None:
        """Record changed files, bad files and forget removed ones, in one transaction."""
        upserts = list(upserts)
        problems = list(problems)
        gone = (
            [(name,) for name in removals]
            + [(entry.filename,) for entry in upserts]
            + [(entry.filename,) for entry in problems]
        )

        def work(connection: sqlite3.Connection) -> None:
            with connection:
                connection.executemany("DELETE FROM articles WHERE filename = ?", gone)
                connection.executemany("DELETE FROM related WHERE filename = ?", gone)
                connection.executemany("DELETE FROM problems WHERE filename = ?", gone)
                connection.executemany("DELETE FROM locations WHERE filename = ?", gone)
                connection.executemany("DELETE FROM links WHERE filename = ?", gone)
                connection.executemany(
                    f"INSERT INTO articles VALUES ({', '.join('?' * 17)})",
                    [_row_from_entry(entry) for entry in upserts],
                )
                connection.executemany(
                    "INSERT INTO related VALUES (?, ?)",
                    [
                        (entry.filename, key)
                        for entry in upserts
                        for key in dict.fromkeys(entry.summary.related_keys)
                    ],
                )
                for table, field in (("locations", "location_keys"), ("links", "link_keys")):
                    connection.executemany(
                        f"INSERT INTO {table} VALUES (?, ?)",
                        [
                            (entry.filename, key)
                            for entry in upserts
                            for key in dict.fromkeys(getattr(entry.summary, field))
                        ],
                    )
                connection.executemany(
                    "INSERT INTO problems VALUES (?, ?, ?, ?)",
                    [(p.filename, p.mtime_ns, p.size, p.reason) for p in problems],
                )

        with self._lock:
            self._guarded(work)

    def find_duplicate(
        self, content_key: str, source_sha256: str, url_key: str
    ) -> DuplicateOf | None:
        """An article with the same text, the same source bytes or the same canonical URL."""
        checks = (
            ("content_key", content_key, "same text"),
            ("source_sha256", source_sha256, "same source file"),
            ("url_key", url_key, "same URL"),
        )

        def work(connection: sqlite3.Connection) -> DuplicateOf | None:
            for column, value, why in checks:
                if not value:
                    continue
                row = connection.execute(
                    f"SELECT id FROM articles WHERE {column} = ? ORDER BY id LIMIT 1", (value,)
                ).fetchone()
                if row:
                    return DuplicateOf(row[0], why)
            return None

        with self._lock:
            return self._guarded(work)

    def find_title(self, title_key: str) -> str | None:
        with self._lock:
            row = self._guarded(
                lambda connection: connection.execute(
                    "SELECT id FROM articles WHERE title_key = ? ORDER BY id LIMIT 1", (title_key,)
                ).fetchone()
            )
        return row[0] if row else None

    def title_key_of(self, article_id: str) -> str | None:
        with self._lock:
            row = self._guarded(
                lambda connection: connection.execute(
                    "SELECT title_key FROM articles WHERE id = ?", (article_id,)
                ).fetchone()
            )
        return row[0] if row else None

    def linking_to(self, title_key: str) -> list[str]:
        """Ids of the articles whose related lists name this title key."""
        with self._lock:
            rows = self._guarded(
                lambda connection: connection.execute(
                    "SELECT DISTINCT a.id FROM related r JOIN articles a "
                    "ON a.filename = r.filename WHERE r.key = ? ORDER BY a.id",
                    (title_key,),
                ).fetchall()
            )
        return [row[0] for row in rows]

    def find_locations(self, keys: list[str]) -> dict[str, str]:
        """Location key -> id of the article found there (body links resolve by these)."""

        def work(connection: sqlite3.Connection) -> dict[str, str]:
            found: dict[str, str] = {}
            for start in range(0, len(keys), 500):  # SQLite's limit on bound parameters
                chunk = keys[start : start + 500]
                rows = connection.execute(
                    "SELECT l.key, a.id FROM locations l "
                    "JOIN articles a ON a.filename = l.filename "
                    f"WHERE l.key IN ({', '.join('?' * len(chunk))}) ORDER BY a.id DESC",
                    chunk,
                )
                found.update(rows)  # descending: the smallest id wins, as for titles
            return found

        with self._lock:
            return self._guarded(work)

    def locations_of(self, article_id: str) -> list[str]:
        """The location keys of one article (its URL, its original file)."""
        with self._lock:
            rows = self._guarded(
                lambda connection: connection.execute(
                    "SELECT l.key FROM locations l JOIN articles a ON a.filename = l.filename "
                    "WHERE a.id = ?",
                    (article_id,),
                ).fetchall()
            )
        return [row[0] for row in rows]

    def linking_body(self, article_id: str) -> list[str]:
        """Ids of the articles whose body links to one of this article's locations."""
        with self._lock:
            rows = self._guarded(
                lambda connection: connection.execute(
                    "SELECT DISTINCT a.id FROM links k JOIN articles a "
                    "ON a.filename = k.filename "
                    "WHERE k.key IN (SELECT l.key FROM locations l JOIN articles t "
                    "ON t.filename = l.filename WHERE t.id = ?) ORDER BY a.id",
                    (article_id,),
                ).fetchall()
            )
        return [row[0] for row in rows]

    def close(self) -> None:
        with self._lock:
            self._connection.close()


def _is_disk_problem(error: Exception) -> bool:
    """Errors a fresh file on the same disk would hit again: keep the catalog in memory."""
    text = str(error).lower()
    return any(word in text for word in ("full", "readonly", "read-only", "i/o", "locked"))


def _join(values: tuple[str, ...]) -> str:
    return _SEPARATOR.join(value.replace(_SEPARATOR, " ") for value in values)


def _row_from_entry(entry: CatalogEntry) -> tuple[object, ...]:
    summary = entry.summary
    return (
        entry.filename,
        entry.mtime_ns,
        entry.size,
        summary.id,
        summary.title,
        summary.author,
        summary.published.isoformat() if summary.published else None,
        summary.category,
        _join(summary.tags),
        summary.lang,
        int(summary.starred),
        int(summary.read),
        summary.source_sha256,
        summary.content_key,
        summary.title_key,
        summary.url_key,
        summary.words,
    )


class _SummaryBuilder:
    """Turns catalog rows into summaries as fast as Python allows: this runs over every
    article each time the window opens. Dates and tag lists repeat across a library (a few
    thousand distinct days, a few dozen tag sets), so each distinct one is parsed once."""

    def __init__(self) -> None:
        self._dates: dict[str, dt.date] = {}
        self._tags: dict[str, tuple[str, ...]] = {"": ()}

    def _date(self, text: str) -> dt.date:
        date = self._dates[text] = dt.date.fromisoformat(text)
        return date

    def _tag_tuple(self, text: str) -> tuple[str, ...]:
        tags = self._tags[text] = tuple(text.split(_SEPARATOR))
        return tags

    def build(self, rows: Iterable[tuple]) -> list[ArticleSummary]:  # type: ignore[type-arg]
        make = ArticleSummary._make
        dates, tag_sets = self._dates, self._tags
        summaries = []
        append = summaries.append
        for id_, title, author, published, category, tags, lang, starred, read, key, words in rows:
            date = (dates.get(published) or self._date(published)) if published else None
            tag_tuple = tag_sets.get(tags or "")
            if tag_tuple is None:
                tag_tuple = self._tag_tuple(tags)
            # Field order of ArticleSummary; the lookup fields stay empty (see module doc).
            append(
                make(
                    (id_, title, author, date, category, tag_tuple, lang, starred == 1,
                     read == 1, (), "", "", key, (), "", (), (), words or 0)
                )
            )  # fmt: skip
        return summaries
