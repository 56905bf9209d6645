"""``SearchService``: the one object the window and the CLI talk to.

Threading model (why two locks): the window calls ``update()`` in a worker thread while
the person keeps typing, so ``search()`` runs on the GUI thread at the same time.

* ``_write_lock`` serialises writers (update, rebuild) within this process; Whoosh's
  file lock does the same across processes.
* ``_read_lock`` guards the shared searcher and the swap of the index folder. Searches
  hold it only while they run (milliseconds); a writer takes it only to swap in a fresh
  searcher after committing. A rebuild is written into a new folder and swapped in at
  the end, so searching keeps working on the old index for the whole rebuild.

Nothing here raises on a damaged index: it is noticed (on open, on search, on update),
searches answer empty meanwhile, and the next ``update()`` rebuilds it from the library.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import math
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.searching import Searcher

from reader.library.store import LibraryStore
from reader.search.analysis import iter_words, query_stopwords, stopwords
from reader.search.background_merge import MERGE_TARGET, BackgroundMerge
from reader.search.highlight import TermMatcher, snippet
from reader.search.indexer import (
    FRESH_LIMIT_MB,
    IndexBusyError,
    IndexFolder,
    IndexInvalidError,
    SyncCancelledError,
    SyncCounts,
    pid_alive,
    sync,
    sync_articles,
)
from reader.search.query import (
    Excluding,
    ParsedQuery,
    RelaxedQuery,
    date_from_key,
    parse,
    relax,
    to_whoosh,
    word_terms,
)

if TYPE_CHECKING:  # NumPy (~70 ms to import) loads with the first search, not at start-up
    from reader.search.arrayscore import ArrayIndex, Evaluation

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

CURRENT = "current"
BUILDING_PREFIX = "building-"
RETIRED_PREFIX = "retired-"
PARTIAL_CANDIDATES = 100
"""How many best "some of the words" matches are re-ranked by the words they have."""
COORDINATION = 1.0
"""A partial match's score is its BM25 score times (weight of the words it has / weight of
all the words) ** this, a word weighing its inverse document frequency.

Tuned with ``bench/relevance.py --tune`` on half of each judged set (docs/search-quality.md):
0 is plain BM25 over the ORed words, large values rank by the words' weight first."""
COMMON_SHARE = 0.3
"""An article lacking words that make up at most this share of the query's weight ranks
*with* the articles that have every word, by score; one lacking more ranks after them.

Why: "all the words first" judged on every word put 14 pages having "passa foglio altro
calc" before the page about sheet tabs, which lacks only "calc" — a word in 13 % of
LibreOffice's help that says little. Weighing words by rarity, missing a rare word still
sends an article down; missing a common one costs only its (small) share. Tuned with the
coordination exponent (0 = strict tiers, 1 = no tiers)."""
BM25_B = 0.75
BM25_K1 = 1.6
"""BM25F's length normalisation and term-frequency saturation. Chosen with the title weight
on the tuning halves (``bench/relevance.py --tune bm25``): K1 1.6 and title x1.5 were best
there, by less than the sets' noise; B 0.5 or 0.9 was clearly worse than Whoosh's 0.75."""
MAX_LIMIT = 1000
SIMILAR_TERMS = 15


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    published: dt.date | None
    category: str
    score: float
    snippet: str
    """HTML-escaped body text around the matches, which are wrapped in ``<b>…</b>``."""
    missing: tuple[str, ...] = ()
    """Words of the query this article lacks: non-empty for a partial match. One lacking
    only common words (``COMMON_SHARE``) is listed among the articles that have all the
    words, by score; any other after all of them."""

    @property
    def partial(self) -> bool:
        return bool(self.missing)


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[SearchHit]
    total: int
    suggestion: str | None
    """A corrected query string ("did you mean") when there were few or no hits."""
    terms: list[str] = field(default_factory=list)
    """Folded (``reader.library.text.fold``) words, phrases and prefixes to highlight in
    the reading view; match them against folded text, prefixes as word starts."""
    partial: int = 0
    """How many of ``hits`` match only some of the words (mostly the last ones, see
    ``SearchHit.missing``); ``total`` counts only the articles that have them all."""

    def total_text(self) -> str:
        """The number of matches as a person reads it: "1,234"."""
        return f"{self.total:,}"


@dataclass(frozen=True)
class UpdateStats:
    added: int
    updated: int
    removed: int
    seconds: float
    rebuilt: bool


class SearchService:
    """Full-text search over one library, with an index kept in ``index_dir``."""

    def __init__(self, index_dir: Path, store: LibraryStore) -> None:
        self.index_dir = Path(index_dir)
        self.store = store
        self._write_lock = threading.Lock()
        self._read_lock = threading.RLock()
        self._folder: IndexFolder | None = None
        self._searcher: Searcher | None = None
        self._array_index: ArrayIndex | None = None
        self._needs_rebuild = False
        self._closed = False
        self._closing = threading.Event()
        self._counter = itertools.count()
        self._open_current()

    # -- opening -------------------------------------------------------------------------
    @property
    def _current_path(self) -> Path:
        return self.index_dir / CURRENT

    def _open_current(self) -> None:
        """Open the current folder if it is sound; otherwise remember to rebuild."""
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            self._remove_leftovers()
            folder = IndexFolder.open(self._current_path)
        except (IndexInvalidError, OSError) as error:
            if self._current_path.exists():
                log.warning("search index will be rebuilt: %s", error)
            self._needs_rebuild = True
            return
        if folder.stale_writer() is not None:
            # A writer died mid-write. Whoosh's generations keep the last commit intact and
            # the file check above passed, so an incremental sync repairs the rest.
            log.info("search index: a previous writer stopped mid-write; resyncing")
        self._folder = folder

    def _remove_leftovers(self) -> None:
        """Half-built folders of a crashed rebuild, and retired ones nobody reads anymore."""
        for entry in self.index_dir.iterdir():
            name = entry.name
            if name.startswith(RETIRED_PREFIX):
                shutil.rmtree(entry, ignore_errors=True)
            elif name.startswith(BUILDING_PREFIX):
                pid = name.removeprefix(BUILDING_PREFIX).split("-", 1)[0]
                if not pid.isdigit() or not pid_alive(int(pid)) or int(pid) == os.getpid():
                    shutil.rmtree(entry, ignore_errors=True)

    # -- writing -------------------------------------------------------------------------
    def update(self, progress: Progress | None = None, *, check_folder: bool = True) -> UpdateStats:
        """Index what was added, changed or removed since the last run (rebuild if needed).

        ``check_folder=False``: the caller has just brought the store up to date
        (``LibraryStore.refresh``), so the library folder is not stat-scanned a second time.
        """
        return self._incremental(
            progress,
            lambda folder: sync(
                folder,
                self.store,
                progress,
                cancelled=self._closing.is_set,
                check_folder=check_folder,
            ),
        )

    def update_articles(self, article_ids: Iterable[str]) -> UpdateStats:
        """Index just these articles: added, changed or deleted files the caller knows of.

        For the window's file watcher: no scan of the library folder, only the named
        files are stat-ed and read (a one-article update was mostly that scan at 100k
        articles). Ids whose file is gone are removed from the index; unchanged ones cost
        a stat. Falls back to ``update()`` when the index is missing or damaged; like it,
        never raises for a busy or damaged index (it logs and, if damaged, rebuilds).
        """
        return self._incremental(
            None, lambda folder: sync_articles(folder, self.store, article_ids)
        )

    def _incremental(
        self, progress: Progress | None, work: Callable[[Any], SyncCounts]
    ) -> UpdateStats:
        """Run ``work(folder)`` (an incremental sync) under the write lock, the way every
        update must: a missing, damaged or orphan-locked index is rebuilt instead, an index
        another process is writing is skipped with a log line, and nothing raises."""
        started = time.perf_counter()
        with self._write_lock:
            if self._closed:
                return UpdateStats(0, 0, 0, 0.0, False)
            folder = self._folder
            if folder is None or self._needs_rebuild:
                return self._rebuild_locked(progress, started)
            try:
                counts = work(folder)
            except SyncCancelledError:
                return UpdateStats(0, 0, 0, time.perf_counter() - started, False)
            except IndexBusyError:
                if folder.stale_writer() is not None:
                    # The lock is held but its owner is dead (a lock that outlived its
                    # process, e.g. on a network filesystem): start over in a new folder.
                    return self._rebuild_locked(progress, started)
                log.warning("search index is being updated by another process; skipped")
                return UpdateStats(0, 0, 0, time.perf_counter() - started, False)
            except Exception as error:
                log.warning("search index is damaged (%r); rebuilding", error)
                return self._rebuild_locked(progress, started)
            self._refresh_searcher()
            return _stats(counts, started, rebuilt=False)

    def rebuild(self, progress: Progress | None = None) -> UpdateStats:
        """Index the whole library again from scratch, then swap the new index in."""
        started = time.perf_counter()
        with self._write_lock:
            if self._closed:
                return UpdateStats(0, 0, 0, 0.0, False)
            return self._rebuild_locked(progress, started)

    def merge_segments(self) -> int:
        """Merge the whole index into one segment; returns how many segments it had.

        Why: a rebuild writes one segment per 5,000 articles and updates leave large
        segments alone (see ``merge_small_segments``), and every query runs on each
        segment: at 100k articles 22 segments answered ~1.5x slower than 2. Merging
        rewrites the index (~2 minutes per 10,000 articles here), so it is asked for
        (``reader index --merge``), never done behind the person's back. Searching goes on
        meanwhile; raises ``IndexBusyError`` if another process is writing.
        """
        with self._write_lock:
            if self._closed or self._folder is None or self._needs_rebuild:
                return 0
            folder = self._folder
            with folder.ix.reader() as reader:
                before = len(reader.leaf_readers())
            if before <= 1:
                return before
            self._commit_merge(folder, timeout=2.0, optimize=True)
            return before

    def segment_count(self) -> int:
        """How many segments the index has (each query runs once per segment)."""
        with self._read_lock:
            folder = self._folder
            if folder is None or self._needs_rebuild:
                return 0
            return len(folder.ix._segments())

    def start_background_merge(self, target: int = MERGE_TARGET) -> BackgroundMerge | None:
        """Start merging the segments down to ``target`` in a child process, if needed.

        For the window once the person is idle after a rebuild, which leaves one segment
        per ``FRESH_SEGMENT_DOCS`` articles (and every query runs once per segment). The
        index stays searchable meanwhile; stop the merge (``BackgroundMerge.stop``) before
        updating the index, since it holds the index's write lock; call
        ``merge_finished`` when it ends so the next search sees the merged segments.
        """
        with self._write_lock:
            if self._closed or self._folder is None or self._needs_rebuild:
                return None
            if len(self._folder.ix._segments()) <= target:
                return None
            return BackgroundMerge(self._current_path, target)

    def merge_finished(self) -> None:
        """A background merge ended: let the next search open the new segments."""
        self._refresh_searcher()

    def _commit_merge(self, folder: Any, *, timeout: float, **how: Any) -> None:
        """Commit a writer that adds nothing, only merges as ``how`` says (with the write
        lock held); the searcher then sees the merged segments."""
        writer = folder.writer(timeout=timeout, limitmb=FRESH_LIMIT_MB)
        try:
            writer.commit(**how)
        except BaseException:
            with contextlib.suppress(Exception):
                writer.cancel()
            raise
        finally:
            folder.writer_done()
        self._refresh_searcher()

    def _rebuild_locked(self, progress: Progress | None, started: float) -> UpdateStats:
        previous = 0
        if self._folder is not None:
            with contextlib.suppress(Exception):
                previous = self._folder.docs.count()
        name = f"{BUILDING_PREFIX}{os.getpid()}-{next(self._counter)}-{time.time_ns()}"
        building = self.index_dir / name
        shutil.rmtree(building, ignore_errors=True)
        self.index_dir.mkdir(parents=True, exist_ok=True)
        folder = IndexFolder.create(building)
        try:
            counts = sync(folder, self.store, progress, fresh=True, cancelled=self._closing.is_set)
        except BaseException as error:
            folder.close()
            shutil.rmtree(building, ignore_errors=True)
            if isinstance(error, SyncCancelledError):
                return UpdateStats(0, 0, 0, time.perf_counter() - started, False)
            raise
        folder.close()
        self._swap_in(building)
        added = max(0, counts.added - previous)
        return UpdateStats(
            added=added,
            updated=counts.added - added,
            removed=max(0, previous - counts.added),
            seconds=time.perf_counter() - started,
            rebuilt=True,
        )

    def _swap_in(self, building: Path) -> None:
        with self._read_lock:
            self._close_searcher()
            if self._folder is not None:
                self._folder.close()
                self._folder = None
            current = self._current_path
            if current.exists():
                retired = self.index_dir / f"{RETIRED_PREFIX}{time.time_ns()}"
                current.rename(retired)
                shutil.rmtree(retired, ignore_errors=True)
            building.rename(current)
            self._folder = IndexFolder.open(current)
            self._needs_rebuild = False

    # -- reading -------------------------------------------------------------------------
    def _get_searcher(self) -> Searcher | None:
        """The shared searcher (call with ``_read_lock`` held)."""
        if self._searcher is None and self._folder is not None and not self._needs_rebuild:
            try:
                self._searcher = self._folder.ix.searcher(
                    weighting=scoring.BM25F(B=BM25_B, K1=BM25_K1)
                )
            except Exception as error:
                self._damaged(error)
        return self._searcher

    def _refresh_searcher(self) -> None:
        """Drop the searcher so the next search opens the new generation.

        Not ``Searcher.refresh()``: it reuses the readers of unchanged segment names and so
        keeps seeing documents that an update deleted from an existing segment.
        """
        with self._read_lock:
            self._close_searcher()

    def _arrays(self, searcher: Searcher) -> ArrayIndex:
        """The array view of the shared searcher (its field lengths are read once)."""
        if self._array_index is None or self._array_index.searcher is not searcher:
            from reader.search.arrayscore import ArrayIndex

            self._array_index = ArrayIndex(searcher)
        return self._array_index

    def _close_searcher(self) -> None:
        self._array_index = None
        if self._searcher is not None:
            with contextlib.suppress(Exception):
                self._searcher.close()
            self._searcher = None

    def _damaged(self, error: BaseException) -> None:
        """A search failed: rebuild if the files are damaged, else only this query failed.

        Why the check: a failure that is not damage (a bug met by one query) used to
        switch search off until the next rebuild, every later query answering nothing.
        """
        self._close_searcher()
        if self._folder is not None and self._folder.contents_intact():
            log.error("a search failed on an intact index: %r", error, exc_info=error)
            return
        log.warning("search index is damaged (%r); it will be rebuilt on the next update", error)
        self._needs_rebuild = True
        if self._folder is not None:
            self._folder.mark_damaged()  # so the next run of any Reader rebuilds it too

    @property
    def needs_rebuild(self) -> bool:
        """True when the index is missing or damaged and the next update() rebuilds it."""
        return self._needs_rebuild or self._folder is None

    def search(self, query: str, limit: int = 20) -> SearchResults:
        """Ranked hits for what a person typed; never raises on odd input or a bad index.

        ``total`` is exact: the query is evaluated over whole posting lists
        (:mod:`reader.search.arrayscore`), so counting every match costs nothing more.
        """
        parsed = parse(query or "")
        terms = parsed.highlight_terms()
        empty = SearchResults(query=query, hits=[], total=0, suggestion=None, terms=terms)
        compiled = to_whoosh(parsed)
        if compiled is None:
            return empty
        limit = max(1, min(int(limit), MAX_LIMIT))
        with self._read_lock:
            searcher = self._get_searcher()
            if searcher is None or self._folder is None:
                return empty
            try:
                return self._search_locked(searcher, query, parsed, compiled, limit, terms)
            except Exception as error:
                self._damaged(error)
                return empty

    def _search_locked(
        self,
        searcher: Searcher,
        query: str,
        parsed: ParsedQuery,
        compiled: wq.Query,
        limit: int,
        terms: list[str],
    ) -> SearchResults:
        assert self._folder is not None
        found: list[tuple[int, float, tuple[str, ...]]]
        evaluation = self._arrays(searcher).evaluation()
        if parsed.has_text:
            ranked, total = evaluation.ranked(compiled, limit)
            found = [(docnum, score, ()) for docnum, score in ranked]
            relaxed = relax(parsed)
            if relaxed is not None:
                weights = _word_weights(searcher, relaxed)
                if len(found) < limit or min(weights) <= COMMON_SHARE * sum(weights):
                    found = _blend_partial_matches(evaluation, relaxed, weights, found, limit)
        else:
            newest, total = evaluation.newest(compiled, limit)
            found = [(docnum, 0.0, ()) for docnum in newest]  # listed, not ranked
        stored_fields = [searcher.stored_fields(docnum) for docnum, _, _ in found]
        texts = self._folder.docs.texts(stored["id"] for stored in stored_fields)
        matcher = TermMatcher.from_query(parsed)
        hits = []
        for stored, (_, score, missing) in zip(stored_fields, found, strict=True):
            article_id = stored["id"]
            lang, text = texts.get(article_id, ("", ""))
            hits.append(
                SearchHit(
                    id=article_id,
                    title=stored.get("title", ""),
                    published=date_from_key(stored.get("published")),
                    category=stored.get("category_label", ""),
                    score=float(score or 0.0),
                    snippet=snippet(text, matcher, lang),
                    missing=missing,
                )
            )
        return SearchResults(
            query=query,
            hits=hits,
            total=total,
            suggestion=self._suggest(searcher, parsed),
            terms=terms,
            partial=sum(1 for hit in hits if hit.missing),
        )

    def _suggest(self, searcher: Searcher, parsed: ParsedQuery) -> str | None:
        """Replace each word the index has never seen by the most frequent close word.

        Offered whenever a word has no hits, whatever the others find (a partial match
        hides a typo otherwise); words that have hits and stopwords are never changed, and
        only content words (not stopwords, three letters or more) are proposed.
        """
        reader = searcher.reader()
        common = query_stopwords()
        fixes: dict[str, str] = {}
        spans: list[tuple[int, int]] = []
        for clause in parsed.positive_clauses():
            # Only words looked up in titles and bodies: "category:x" is not a typo of a
            # body word, and checking it would walk the whole term list for nothing.
            if clause.kind != "word" or clause.field not in (None, "title"):
                continue
            for word in clause.words:
                unknown = len(word) >= 3 and word not in common and not word.isdigit()
                if unknown and word not in fixes and not _has_hits(reader, word):
                    better = _closest(reader, word, common)
                    if better is not None:
                        fixes[word] = better
                        spans.append(clause.span)
        if not fixes:
            return None
        # Rewrite only the misspelt words inside what was typed: punctuation, case and the
        # other words stay as they were.
        text = parsed.text
        for start, end in sorted(set(spans), reverse=True):
            typed = text[start:end]
            for word_start, word_end, folded in reversed(list(iter_words(typed))):
                if folded in fixes:
                    typed = typed[:word_start] + fixes[folded] + typed[word_end:]
            text = text[:start] + typed + text[end:]
        return text.strip()

    def similar(self, article_id: str, limit: int = 5) -> list[SearchHit]:
        """Articles whose content is closest to ``article_id`` (more-like-this)."""
        with self._read_lock:
            searcher = self._get_searcher()
            if searcher is None or self._folder is None:
                return []
            try:
                return self._similar_locked(searcher, article_id, max(1, min(limit, 100)))
            except Exception as error:
                self._damaged(error)
                return []

    def _similar_locked(self, searcher: Searcher, article_id: str, limit: int) -> list[SearchHit]:
        assert self._folder is not None
        docnum = searcher.document_number(id=article_id)
        if docnum is None:
            return []
        stored = searcher.stored_fields(docnum)
        lang, text = self._folder.docs.texts([article_id]).get(article_id, ("", ""))
        source = f"{stored.get('title', '')}\n{text}"
        common = stopwords("it") | stopwords("en")
        # The stems field takes (language, text): the terms come out as the index has them.
        key_terms = [
            (term, weight)
            for term, weight in searcher.key_terms_from_text(
                "stems", (lang, source), numterms=SIMILAR_TERMS * 2
            )
            if term not in common
        ][:SIMILAR_TERMS]
        if not key_terms:
            return []
        alternatives: list[wq.Query] = []
        for term, weight in key_terms:
            alternatives.append(wq.Term("stems", term, boost=weight))
            alternatives.append(wq.Term("title_stems", term, boost=weight * 2))
        query = Excluding(wq.Or(alternatives), wq.Term("id", article_id))
        ranked, _ = self._arrays(searcher).evaluation().ranked(query, limit)
        found = [(searcher.stored_fields(docnum), score) for docnum, score in ranked]
        texts = self._folder.docs.texts(fields["id"] for fields, _ in found)
        empty_matcher = TermMatcher()
        return [
            SearchHit(
                id=fields["id"],
                title=fields.get("title", ""),
                published=date_from_key(fields.get("published")),
                category=fields.get("category_label", ""),
                score=float(score or 0.0),
                snippet=snippet(texts.get(fields["id"], ("", ""))[1], empty_matcher, ""),
            )
            for fields, score in found
        ]

    def close(self) -> None:
        """Stop a running update (it commits nothing) and release the index."""
        self._closing.set()
        with self._write_lock, self._read_lock:
            self._closed = True
            self._close_searcher()
            if self._folder is not None:
                self._folder.close()
                self._folder = None


def _stats(counts: SyncCounts, started: float, *, rebuilt: bool) -> UpdateStats:
    return UpdateStats(
        added=counts.added,
        updated=counts.updated,
        removed=counts.removed,
        seconds=time.perf_counter() - started,
        rebuilt=rebuilt,
    )


def _word_weights(searcher: Searcher, relaxed: RelaxedQuery) -> list[float]:
    """Each free word's weight: its BM25 inverse document frequency, from the rarest of
    its forms (the word itself, its stems), so "calc" in most of a manual weighs little.

    A few dictionary look-ups per query word, no work per candidate."""
    reader = searcher.reader()
    count = max(1, reader.doc_count())
    weights = []
    for phrase, _ in relaxed.words:
        frequency = count
        for word in phrase.split():
            terms, _ = word_terms(word)
            found = max(
                [reader.doc_frequency("text", word)]
                + [reader.doc_frequency("stems", term) for term in terms]
            )
            frequency = min(frequency, found)
        weights.append(math.log(1 + (count - frequency + 0.5) / (frequency + 0.5)))
    return weights


def _blend_partial_matches(
    evaluation: Evaluation,
    relaxed: RelaxedQuery,
    weights: list[float],
    full: list[tuple[int, float, tuple[str, ...]]],
    wanted: int,
) -> list[tuple[int, float, tuple[str, ...]]]:
    """The first ``wanted`` of: the articles with all the words (``full``) and the best
    articles with some of them: (docnum, score, words missing).

    The ``PARTIAL_CANDIDATES`` best by BM25 over the ORed words are re-scored by the
    weight of the words they have (``COORDINATION``), so four words of five beat one
    rare word. Those lacking only common words (``COMMON_SHARE``) rank among the full
    matches by score, the others after every full match.
    """
    total_weight = sum(weights) or 1.0
    query = relaxed.query
    if len(full) >= wanted:
        # A full page admits only articles lacking at most COMMON_SHARE of the weight:
        # any word heavier than that must be there. Asking for it keeps the candidates
        # to those that can still join the page.
        heavy = {i for i, weight in enumerate(weights) if weight > COMMON_SHARE * total_weight}
        query = relaxed.requiring(heavy)
    best, _ = evaluation.ranked(query, max(PARTIAL_CANDIDATES, wanted))
    known = {docnum for docnum, _, _ in full}
    candidates = [(docnum, score) for docnum, score in best if docnum not in known]
    ranked = [(False, score, docnum, missing) for docnum, score, missing in full]
    if candidates:
        # Which words each candidate has: the words' postings were read for the query.
        having = [evaluation.having(query) for _, query in relaxed.words]
        for docnum, score in candidates:
            missing = []
            lacking = 0.0
            for (word, _), docs, weight in zip(relaxed.words, having, weights, strict=True):
                if not docs[docnum]:
                    missing.append(word)
                    lacking += weight
            share = 1.0 - lacking / total_weight
            after_full = lacking > COMMON_SHARE * total_weight
            ranked.append((after_full, score * share**COORDINATION, docnum, tuple(missing)))
    ranked.sort(key=lambda item: (item[0], -item[1], item[2]))
    return [(docnum, score, missing) for _, score, docnum, missing in ranked[:wanted]]


def _has_hits(reader: object, word: str) -> bool:
    """Whether a typed word finds anything, as itself or through its stems ("creo" finds
    "crea" and "creare"): such a word is never "corrected"."""
    if _frequency(reader, word):
        return True
    terms, _ = word_terms(word)
    return any(reader.doc_frequency("stems", term) for term in terms)  # type: ignore[attr-defined]


def _frequency(reader: object, word: str) -> int:
    """In how many articles the word occurs anywhere (the unstemmed catch-all)."""
    return reader.doc_frequency("text", word)  # type: ignore[attr-defined]


SUGGESTION_PREFIX = 2
"""Suggested words share this many first letters with the typed one.

Why: Whoosh measures the edit distance to every word that shares the prefix, in Python;
with one shared letter that was ~3,500 words per field at 100k articles and 0.4 s per
did-you-mean. Typos are rarely in the first two letters."""


SUGGESTION_SAMPLE = 20_000
"""Did-you-mean looks for close words in the largest segments first, up to this many
articles, and in the others only when those have none.

Why: each segment's word list is walked separately with a Levenshtein automaton (a
multi-segment reader would measure every word sharing the prefix in Python), so the
cost grows with the segments: 43 at 100k articles after a rebuild and a few updates,
78 ms median per typo. The suggestion is the most frequent close word (its frequency
counted over the whole index), and a word frequent enough to be that is in any 20,000
articles; only a typo whose every correction is rare elsewhere goes on to the rest."""


def _closest(reader: object, word: str, common: frozenset[str]) -> str | None:
    """The most frequent content word of the index within edit distance 1, else 2 (same
    first letters); never a stopword ("cos" is not to become "con")."""
    leaves = sorted(
        (leaf for leaf, _ in reader.leaf_readers()),  # type: ignore[attr-defined]
        key=lambda leaf: -leaf.doc_count_all(),
    )
    sample: list[Any] = []
    covered = 0
    for leaf in leaves:
        if covered >= SUGGESTION_SAMPLE:
            break
        sample.append(leaf)
        covered += leaf.doc_count_all()
    rest = leaves[len(sample) :]
    for distance in (1, 2):
        for group in (sample, rest):
            candidates = {
                term
                for leaf in group
                for term in leaf.terms_within("text", word, distance, prefix=SUGGESTION_PREFIX)
                if term != word and term not in common and len(term) >= 3 and not term.isdigit()
            }
            if candidates:
                return max(candidates, key=lambda term: (_frequency(reader, term), term))
    return None
