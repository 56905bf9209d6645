"""Keeping the index in step with the library folder.

An index folder holds the Whoosh files and the side table (:mod:`~reader.search.docstore`).
:class:`IndexFolder` opens, validates and writes one such folder; :func:`sync` brings it
up to date with the library by comparing file stamps (mtime, size) with the ones
recorded at the last run, so only added, changed and removed articles cost anything.

Crash safety, in order of writes: Whoosh commits first (its table of contents is
replaced atomically, so a crash leaves the previous generation intact), then the side
table records the new stamps. A crash in between leaves old stamps behind, and the next
sync simply re-indexes those articles (``update_document`` replaces by id).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as windex
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

from reader.library.model import Article
from reader.library.store import LibraryError, LibraryStore
from reader.search.analysis import fold_word, index_language, stem
from reader.search.bulkwriter import BulkSegmentWriter
from reader.search.docstore import FILENAME as DOCSTORE_FILENAME
from reader.search.docstore import DocStore, StoredDoc
from reader.search.plaintext import markdown_to_text
from reader.search.query import date_key
from reader.search.schema import SCHEMA_VERSION, build_schema
from reader.search.storage import PositionalReadStorage

Progress = Callable[[int, int], None]

WRITER_MARK = "writer.pid"
"""Written while this process writes, removed after: one left behind names a crashed writer."""
DAMAGED_MARK = "damaged"
"""Written when a search found the index's files changed since they were written: the next
open (in any process) refuses the folder, so the next update rebuilds it."""
FORMAT_VERSION = "2"
"""The layout of an index folder as this module writes and checks it (with the schema's
version): a folder written by another Reader is rebuilt rather than trusted."""
_NOT_WHOOSH = (DOCSTORE_FILENAME, WRITER_MARK, DAMAGED_MARK, "MAIN_WRITELOCK")
BATCH = 2000
"""Changes committed together on a live index: bounds memory and lost work after a crash."""
WRITER_LIMIT_MB = 32
FRESH_SEGMENT_DOCS = 5000
"""A rebuild commits one segment per this many articles, without merging them. One writer
for a whole 100k library spilled ~10 GB of posting runs to temp files and merged them for
most of an hour; a segment this size is sorted in memory once and written."""
FRESH_LIMIT_MB = 128
BUILD_PROCESSES = min(2, os.cpu_count() or 1)
"""Processes a large rebuild writes its segments with (the machine this was measured on
has two cores; more processes only add segments to merge)."""
BUILD_BATCH = 100
"""Articles handed to a worker at a time."""
WORKER_FORGET_WORDS_EVERY = 500
"""A rebuild's worker empties the fold and stem caches after this many articles.

Why: the stem cache holds up to 262,144 (language, word) -> stem entries, ~280 bytes
each; a worker indexing 2,500 articles of the synthetic 100k library filled ~130,000
of them, 37 MB of its 178 MB peak. Emptied every 500 articles, a worker peaked at 141 MB
(``bench/scale.py``); Zipf's law keeps the hit rate high, so the extra stemming costs a
few percent of a worker's time at most (within the noise of the measure)."""
PARALLEL_MIN_DOCS = 1500
"""Below this many articles a rebuild stays in one process: starting the workers costs
about a second, more than indexing a few hundred articles."""
SMALL_SEGMENT_DOCS = 16
"""Incremental commits merge only segments of fewer articles than this, and at most this
many articles in all (see ``merge_small_segments``).

Why so few: Whoosh merges by walking every posting in Python, ~10 ms an article here. With
1,000 (the earlier value) a rebuild of 1,000-2,000 articles left segments under it, and
every eighth one-article update rewrote them: 15 s, measured at 2,000 articles."""
SMALL_SEGMENTS_TO_MERGE = 8
"""...and only once this many have piled up: merging even a few documents walks all their
terms in Python (~100 ms), too much to pay on every one-article update."""


def merge_small_segments(writer: object, segments: list[object]) -> list[object]:
    """Whoosh merge policy for incremental commits: fold the small segments that updates
    leave behind into the new one, and never touch the large ones a rebuild wrote.

    Why not Whoosh's ``MERGE_SMALL``: its Fibonacci rule merges *every* segment once the
    total is under fib(n + 5), which at 100k articles in 20 segments made updating one
    article rewrite the whole index (minutes of CPU). Here the smallest segments are
    merged once ``SMALL_SEGMENTS_TO_MERGE`` of them fit in ``SMALL_SEGMENT_DOCS``
    articles, so a commit copies at most that many; larger segments (a rebuild's, or a
    sync of many changes) are left to the background merge.
    """
    from whoosh.reading import SegmentReader

    chosen = small_segments_to_merge(segments)
    for seg in chosen:  # into the segment this commit writes
        reader = SegmentReader(writer.storage, writer.schema, seg)  # type: ignore[attr-defined]
        writer.add_reader(reader)  # type: ignore[attr-defined]
        reader.close()
    merged = {id(seg) for seg in chosen}
    return [seg for seg in segments if id(seg) not in merged]


def small_segments_to_merge(segments: list[object]) -> list[object]:
    """The smallest segments, up to ``SMALL_SEGMENT_DOCS`` articles in all, if at least
    ``SMALL_SEGMENTS_TO_MERGE`` of them fit; else none."""
    small = sorted(
        (seg for seg in segments if seg.doc_count_all() < SMALL_SEGMENT_DOCS),  # type: ignore[attr-defined]
        key=lambda seg: seg.doc_count_all(),  # type: ignore[attr-defined]
    )
    chosen: list[object] = []
    articles = 0
    for seg in small:
        articles += seg.doc_count_all()  # type: ignore[attr-defined]
        if articles > SMALL_SEGMENT_DOCS:
            break
        chosen.append(seg)
    return chosen if len(chosen) >= SMALL_SEGMENTS_TO_MERGE else []


def merge_two_smallest(writer: object, segments: list[object]) -> list[object]:
    """Whoosh merge policy for one background merge step: fold the two smallest segments
    into the one this commit writes.

    Why steps of two: merging a whole 100k index is one uninterruptible rewrite of
    minutes; a step is bounded by the two smallest segments, and between steps the
    person's next keystroke or update gets the index back (see
    ``SearchService.merge_in_background``).
    """
    from whoosh.reading import SegmentReader

    if len(segments) < 2:
        return segments
    chosen = sorted(segments, key=lambda seg: seg.doc_count_all())[:2]  # type: ignore[attr-defined]
    for seg in chosen:
        reader = SegmentReader(writer.storage, writer.schema, seg)  # type: ignore[attr-defined]
        writer.add_reader(reader)  # type: ignore[attr-defined]
        reader.close()
    merged = {id(seg) for seg in chosen}
    return [seg for seg in segments if id(seg) not in merged]


class SpawnedMpWriter(MpWriter):
    """Whoosh's multi-process writer with its workers *spawned*, not forked.

    Why: a rebuild indexes in two processes, each analysing its share of the articles
    and writing its own segment (measured: 600 articles 17.5 s in one process, 9.1 s in
    two). Whoosh forks its workers, and forking the window's process (Qt threads running)
    can deadlock; a spawned worker starts clean and reopens the index itself.
    """

    def __init__(self, ix: windex.Index, procs: int, **kwargs: object) -> None:
        super().__init__(ix, procs=procs, batchsize=BUILD_BATCH, multisegment=True, **kwargs)
        context = multiprocessing.get_context("spawn")
        self.jobqueue = context.Queue(self.procs * 4)
        self.resultqueue = context.Queue()

    def cancel(self) -> None:
        """Stop the workers too: Whoosh's cancel only flags them in this process, and a
        worker waiting for work would wait forever."""
        for task in self.tasks:
            with contextlib.suppress(Exception):
                task.terminate()
                task.join(5)
        self.tasks = []
        SegmentWriter.cancel(self)

    def _new_task(self) -> SubWriterTask:
        task = _SpawnedSubWriterTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task


class _SpawnedSubWriterTask(SubWriterTask):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.parent_pid = os.getpid()

    def run(self) -> None:
        # A worker waits on its job queue, which it holds both ends of: if the parent is
        # killed it would wait forever. Exit when the parent is gone.
        parent = self.parent_pid

        def watch_parent() -> None:
            while True:
                time.sleep(1.0)
                if os.getppid() != parent:
                    os._exit(1)

        threading.Thread(target=watch_parent, daemon=True).start()
        # SubWriterTask.run with the bulk writer (multisegment: each worker commits its
        # own segment, which the parent lists in the table of contents).
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        since_forgetting = 0
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            filename, doc_count = job
            self._process_file(filename, doc_count)
            since_forgetting += doc_count
            if since_forgetting >= WORKER_FORGET_WORDS_EVERY:
                forget_words()
                since_forgetting = 0
        if not self.running:
            writer.cancel()
            return
        forget_words()  # writing the segment reuses the memory
        segment = writer._finalize_segment()
        self.resultqueue.put((None, writer.pool.fieldnames, segment), timeout=5)

    @staticmethod
    def _Popen(process_obj: object) -> object:  # noqa: N802 - multiprocessing's name
        return multiprocessing.get_context("spawn").Process._Popen(process_obj)  # type: ignore[attr-defined]


def forget_words() -> None:
    """Empty the caches of folded and stemmed words (see ``WORKER_FORGET_WORDS_EVERY``)."""
    fold_word.cache_clear()
    stem.cache_clear()


class IndexInvalidError(Exception):
    """The index folder is missing, unreadable or inconsistent: it must be rebuilt."""


class IndexBusyError(Exception):
    """Another live process holds the index's write lock."""


class SyncCancelledError(Exception):
    """The service is closing: the sync stopped without committing."""


@dataclass
class SyncCounts:
    added: int = 0
    updated: int = 0
    removed: int = 0


def article_document(article: Article) -> tuple[dict[str, object], str, str]:
    """(Whoosh fields, stemming language, plain text) for one article."""
    text = markdown_to_text(article.body)
    lang = index_language(article.lang, f"{article.title}\n{text}")
    declared = article.lang.strip().lower()[:2]
    tags = "\n".join(article.tags)
    # The catch-all: everything a plain word may be found in, one field (see schema.py).
    everything = "\n".join(
        [
            article.title,
            text,
            article.author,
            article.category,
            tags,
            *(item.title for item in article.related),
        ]
    )
    fields: dict[str, object] = {
        "id": article.id,
        "title": article.title,
        "title_stems": (lang, article.title),
        "text": everything,
        "stems": (lang, everything),
        "author": article.author,
        "category": article.category,
        "category_label": article.category,
        "tags": tags,
        "lang": declared or lang or "und",
        "read": bool(article.read),
        "starred": bool(article.starred),
        "highlighted": bool(article.highlights),
        "notes": "\n".join(item.note for item in article.highlights if item.note),
    }
    if article.published is not None:
        fields["published"] = date_key(article.published)
    return fields, lang, text


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class IndexFolder:
    """One index folder: the Whoosh index plus its side table."""

    def __init__(self, path: Path, ix: windex.Index, docs: DocStore) -> None:
        self.path = path
        self.ix = ix
        self.docs = docs

    @classmethod
    def create(cls, path: Path) -> IndexFolder:
        path.mkdir(parents=True, exist_ok=True)
        ix = PositionalReadStorage(str(path)).create_index(build_schema())
        docs = DocStore(path / DOCSTORE_FILENAME)
        docs.set_meta("schema_version", str(SCHEMA_VERSION))
        docs.set_meta("format_version", FORMAT_VERSION)
        folder = cls(path, ix, docs)
        folder.record_files()
        return folder

    @classmethod
    def open(cls, path: Path) -> IndexFolder:
        """Open and check an existing folder; raises IndexInvalidError when unusable."""
        if not (path / DOCSTORE_FILENAME).is_file():
            raise IndexInvalidError(f"no index in {path}")
        if (path / DAMAGED_MARK).exists():
            raise IndexInvalidError("the index was found damaged by an earlier search")
        docs: DocStore | None = None
        try:
            docs = DocStore(path / DOCSTORE_FILENAME)
            if (
                docs.get_meta("schema_version") != str(SCHEMA_VERSION)
                or docs.get_meta("format_version") != FORMAT_VERSION
            ):
                raise IndexInvalidError("the index was built by another version of Reader")
            _check_files(path, docs.get_json("files"))
            ix = PositionalReadStorage(str(path)).open_index()
            # Counted from the table of contents: ix.doc_count() opens every segment's term
            # dictionary, which took most of a second at 100k articles, at every start.
            if sum(segment.doc_count() for segment in ix._segments()) != docs.count():
                raise IndexInvalidError("index and side table disagree")
        except IndexInvalidError:
            if docs is not None:
                docs.close()
            raise
        except Exception as error:  # any damage: unpickling, struct, sqlite, I/O ...
            if docs is not None:
                with contextlib.suppress(Exception):
                    docs.close()
            raise IndexInvalidError(f"the index is damaged: {error!r:.200}") from error
        return cls(path, ix, docs)

    def record_files(self) -> None:
        """Remember Whoosh's files with their sizes (checked at every open, to notice a
        truncated, deleted or replaced file) and checksums (checked when a search fails).

        Whoosh never rewrites a segment file, so only files new since the last record are
        read to checksum: an update costs its small new segment, not the whole index.
        """
        files = _whoosh_files(self.path)
        previous = self.docs.get_json("checksums")
        known = previous if isinstance(previous, dict) else {}
        recorded = self.docs.get_json("files")
        old_sizes = recorded if isinstance(recorded, dict) else {}
        checksums: dict[str, int] = {}
        for name, size in files.items():
            if name in known and old_sizes.get(name) == size and not name.endswith(".toc"):
                checksums[name] = known[name]
            else:
                with contextlib.suppress(OSError):
                    checksums[name] = _checksum(self.path / name)
        self.docs.set_json("files", files)
        self.docs.set_json("checksums", checksums)

    def contents_intact(self) -> bool:
        """Whether every index file still has the bytes it was written with.

        Called only when a search failed: garbage of the same size passes the cheap size
        check at open. A mismatch means damage (the folder is marked for a rebuild); a
        match means the failure was something else, and a large index is not rebuilt
        (20 minutes at 100k articles) for nothing.
        """
        try:
            recorded = self.docs.get_json("checksums")
        except Exception:
            return False
        if not isinstance(recorded, dict):
            return False
        for name, expected in recorded.items():
            try:
                if _checksum(self.path / name) != expected:
                    return False
            except OSError:
                return False
        return True

    def mark_damaged(self) -> None:
        """Make every later open of this folder fail, so the next update rebuilds it."""
        with contextlib.suppress(OSError):
            (self.path / DAMAGED_MARK).write_text("found damaged by a search\n")

    def stale_writer(self) -> int | None:
        """The pid of a writer that died mid-write here, if any."""
        try:
            pid = int((self.path / WRITER_MARK).read_text().strip() or 0)
        except (OSError, ValueError):
            return None
        return None if pid_alive(pid) else pid

    def writer(
        self,
        timeout: float,
        limitmb: int = WRITER_LIMIT_MB,
        processes: int = 1,
        *,
        bulk: bool = False,
    ) -> SegmentWriter:
        """A writer holding the index's lock; ``bulk`` for the fresh segments of a rebuild
        (see :mod:`~reader.search.bulkwriter`; not for updates, which merge)."""
        try:
            # compound=False: Whoosh reads a compound segment by copying each packed file
            # into memory (BytesIO over the mapped bytes) — 800 MB of postings at 100k
            # articles on the first search. Plain files are read in place.
            if processes > 1:
                writer: SegmentWriter = SpawnedMpWriter(
                    self.ix,
                    processes,
                    timeout=timeout,
                    limitmb=max(16, limitmb // processes),
                    compound=False,
                )
            elif bulk:
                writer = BulkSegmentWriter(self.ix, timeout=timeout, compound=False)
            else:
                writer = self.ix.writer(timeout=timeout, limitmb=limitmb, compound=False)
        except windex.LockError:
            raise IndexBusyError(str(self.path)) from None
        (self.path / WRITER_MARK).write_text(str(os.getpid()))
        return writer

    def writer_done(self) -> None:
        (self.path / WRITER_MARK).unlink(missing_ok=True)
        self.record_files()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.docs.close()
        with contextlib.suppress(Exception):
            self.ix.close()


def _whoosh_files(path: Path) -> dict[str, int]:
    """Every file of Whoosh's in the folder (tables of contents and all segment files:
    ``.seg``, ``.pst`` postings, ``.trm`` terms, ``.col`` columns ...) with its size."""
    files: dict[str, int] = {}
    for entry in os.scandir(path):
        name = entry.name
        if name in _NOT_WHOOSH or name.startswith(DOCSTORE_FILENAME):
            continue
        if name.startswith(("MAIN_", "_MAIN_")):
            with contextlib.suppress(OSError):
                files[name] = entry.stat().st_size
    return files


def _checksum(path: Path) -> int:
    value = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            value = zlib.crc32(chunk, value)
    return value


def _check_files(path: Path, recorded: object) -> None:
    if not isinstance(recorded, dict):
        raise IndexInvalidError("the index's file list is missing")
    present = _whoosh_files(path)
    for name, size in recorded.items():
        if present.get(name) != size:
            raise IndexInvalidError(f"index file {name} is missing or changed")
    extra_tocs = [name for name in present if name.endswith(".toc") and name not in recorded]
    if extra_tocs:
        raise IndexInvalidError(f"unexpected index files: {json.dumps(extra_tocs)}")


def sync(
    folder: IndexFolder,
    store: LibraryStore,
    progress: Progress | None = None,
    *,
    fresh: bool = False,
    lock_timeout: float = 2.0,
    cancelled: Callable[[], bool] | None = None,
    check_folder: bool = True,
) -> SyncCounts:
    """Bring ``folder`` up to date with the library; returns what changed.

    ``fresh`` means the folder is new and private (a rebuild): documents are added
    without looking for old versions and the side table is written as we go.
    ``check_folder=False`` trusts the store's last folder scan (the caller just made one).
    """
    summaries, stamps = store.summaries_with_stamps(check_folder=check_folder)
    current = {summary.id: stamps[summary.id] for summary in summaries if summary.id in stamps}
    known = {} if fresh else folder.docs.stamps()
    added = [article_id for article_id in current if article_id not in known]
    changed = [aid for aid, stamp in current.items() if aid in known and known[aid] != stamp]
    removed = [article_id for article_id in known if article_id not in current]
    counts = SyncCounts()
    work = [*added, *changed]
    total = len(work)
    if not work and not removed:
        if progress is not None:
            progress(0, 0)
        return counts

    limitmb = FRESH_LIMIT_MB if fresh else WRITER_LIMIT_MB
    processes = BUILD_PROCESSES if fresh and total >= PARALLEL_MIN_DOCS else 1
    writer = folder.writer(lock_timeout, limitmb, processes, bulk=fresh)
    pending: list[StoredDoc] = []
    pending_removals: list[str] = list(removed)
    is_new = set(added)
    try:
        for article_id in removed:
            writer.delete_by_term("id", article_id)
        counts.removed = len(removed)
        for done, article_id in enumerate(work, start=1):
            if cancelled is not None and done % 50 == 0 and cancelled():
                raise SyncCancelledError
            try:
                article = store.get(article_id)
            except LibraryError:
                # Unreadable now (broken by hand, or deleted meanwhile): not searchable.
                if article_id in known:
                    writer.delete_by_term("id", article_id)
                    pending_removals.append(article_id)
                    counts.removed += 1
                continue
            article.id = article_id
            fields, lang, text = article_document(article)
            if fresh:
                writer.add_document(**fields)
            else:
                writer.update_document(**fields)
            mtime, size = current[article_id]
            pending.append(StoredDoc(article_id, mtime, size, lang, text))
            if article_id in is_new:
                counts.added += 1
            else:
                counts.updated += 1
            if fresh and len(pending) >= 500:
                folder.docs.apply(pending, ())
                pending = []
            if fresh and done % FRESH_SEGMENT_DOCS == 0 and done < total:
                writer.commit(merge=False)
                writer = folder.writer(lock_timeout, limitmb, processes, bulk=True)
            elif not fresh and len(pending) >= BATCH:
                writer.commit(mergetype=merge_small_segments)
                folder.docs.apply(pending, pending_removals)
                pending, pending_removals = [], []
                writer = folder.writer(lock_timeout)
            if progress is not None and (done % 100 == 0 or done == total):
                progress(done, total)
        if fresh:
            writer.commit(merge=False)
        else:
            writer.commit(mergetype=merge_small_segments)
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        raise
    folder.docs.apply(pending, pending_removals)
    folder.writer_done()
    if progress is not None and total == 0:
        progress(0, 0)
    return counts


def sync_articles(
    folder: IndexFolder,
    store: LibraryStore,
    article_ids: Iterable[str],
    *,
    lock_timeout: float = 2.0,
) -> SyncCounts:
    """Bring just ``article_ids`` up to date: index each file that exists and differs from
    what the index saw, drop each that is gone or unreadable.

    Why: ``sync`` learns what changed by the stamps of every file in the library (the
    catalog's folder scan), which is most of a one-article update at 100k articles. A
    caller that already knows which files changed (the window's file watcher) names
    them; only those are stat-ed and read. Ids not in the index and not on disk are
    ignored.
    """
    wanted = list(dict.fromkeys(article_ids))
    known = folder.docs.stamps_of(wanted) if wanted else {}
    changed: list[tuple[Article, tuple[int, int]]] = []
    gone: list[str] = []
    for article_id in wanted:
        try:
            stat = store.path_for(article_id).stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            if known.get(article_id) == stamp:
                continue
            article = store.get(article_id)
        except (OSError, LibraryError):
            # Gone, or unreadable now (broken by hand): not searchable.
            if article_id in known:
                gone.append(article_id)
            continue
        article.id = article_id
        changed.append((article, stamp))
    counts = SyncCounts()
    if not changed and not gone:
        return counts
    writer = folder.writer(lock_timeout)
    pending: list[StoredDoc] = []
    try:
        # The small segments earlier updates left, once enough have piled up, are folded
        # into this commit by indexing their few articles again from their files, not by
        # Whoosh's merge: that walks each of their terms' postings in Python (~300 ms for
        # eight one-article segments at 100k articles, against ~40 ms for the articles).
        dropped = small_segments_to_merge(writer.segments)
        asked = {article.id for article, _ in changed} | set(gone)
        carried, lost = _articles_in(writer, dropped, store, asked)
        for article_id in gone:
            writer.delete_by_term("id", article_id)
        counts.removed = len(gone) + len(lost)
        for article, (mtime, size) in changed:
            fields, lang, text = article_document(article)
            writer.update_document(**fields)
            pending.append(StoredDoc(article.id, mtime, size, lang, text))
            if article.id in known:
                counts.updated += 1
            else:
                counts.added += 1
        for article, (mtime, size) in carried:
            fields, lang, text = article_document(article)
            writer.add_document(**fields)  # its old copy goes with the dropped segment
            pending.append(StoredDoc(article.id, mtime, size, lang, text))
        dropped_ids = {id(seg) for seg in dropped}
        writer.commit(
            mergetype=lambda _writer, segments: [
                seg for seg in segments if id(seg) not in dropped_ids
            ]
        )
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        raise
    folder.docs.apply(pending, [*gone, *lost])
    folder.writer_done()
    return counts


def _articles_in(
    writer: SegmentWriter,
    segments: list[object],
    store: LibraryStore,
    skip: set[str],
) -> tuple[list[tuple[Article, tuple[int, int]]], list[str]]:
    """The live articles of ``segments`` (except ``skip``) read again from their files,
    with their stamps; and the ids whose file is gone or unreadable now."""
    from whoosh.reading import SegmentReader

    found: list[tuple[Article, tuple[int, int]]] = []
    lost: list[str] = []
    for seg in segments:
        reader = SegmentReader(writer.storage, writer.schema, seg)  # type: ignore[arg-type]
        try:
            ids = [stored["id"] for stored in reader.all_stored_fields()]
        finally:
            reader.close()
        for article_id in ids:
            if article_id in skip:
                continue
            try:
                stat = store.path_for(article_id).stat()
                article = store.get(article_id)
            except (OSError, LibraryError):
                lost.append(article_id)
                continue
            article.id = article_id
            found.append((article, (stat.st_mtime_ns, stat.st_size)))
    return found, lost
