"""Ranked search over whole posting lists with NumPy: a query's hits, scores and exact count.

Why not Whoosh's collector: Whoosh scores one posting at a time in Python (the matcher
tree, BM25 and a field-length lookup: 15-25 us a posting). A common word's BM25 scores
are nearly flat, which defeats block-max pruning: at 10k articles a top 20 still visited
about 2,000 postings, and counting the matches visited every one of them again. Here each
term's posting list is decoded block by block (zlib and pickle, in C) straight from
Whoosh's W3 postings file, BM25F for the whole list is a few array operations, and AND /
OR / AND-MAYBE / NOT are mask and sum operations over the index's articles. The count
comes for free and is exact.

The scores are Whoosh's own: the same formula, idf, average field lengths and one-byte
field lengths, summed in the same tree order (``tests/search/test_arrayscore.py``
compares every hit with Whoosh's collector on every kind of query). Query nodes this
module does not know (phrases, prefixes, date ranges) are run by Whoosh's own matcher
inside the tree, so their meaning never changes.

Whoosh stays the engine: the index, its files, the analysis and the queries are
Whoosh's; only the loop that visits postings is replaced.
"""

from __future__ import annotations

import io
import pickle
import zlib
from array import array
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC
from whoosh.fields import NUMERIC
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from reader.search.query import Excluding, FrequentPrefix, Union

_LENGTH_OF_BYTE = np.array([byte_to_length(code) for code in range(256)], dtype=np.float64)
_LENGTH_OF_BYTE[0] = 1.0  # Whoosh's BM25 scorer asks for a missing length with default 1
_INT = 4


@dataclass
class Matches:
    """Which articles (of the whole index) a query matches, and their scores there."""

    mask: np.ndarray
    scores: np.ndarray


@dataclass
class _Segment:
    searcher: Searcher
    reader: Any
    offset: int
    size: int


@dataclass
class ArrayIndex:
    """What every query on one searcher shares: its segments, the articles still live,
    and each field's per-article lengths (read once, on first use)."""

    searcher: Searcher
    segments: list[_Segment] = field(init=False)
    size: int = field(init=False)
    live: np.ndarray = field(init=False)
    _lengths: dict[str, np.ndarray] = field(init=False, default_factory=dict)
    _numbers: dict[str, np.ndarray] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.segments = [
            _Segment(leaf, leaf.reader(), offset, leaf.doc_count_all())
            for leaf, offset in self.searcher.leaf_searchers()
        ]
        self.size = sum(segment.size for segment in self.segments)
        self.live = np.ones(self.size, dtype=bool)
        for segment in self.segments:
            deleted = segment.reader.deleted_docs_set
            if deleted:
                self.live[np.fromiter(deleted, dtype=np.int64) + segment.offset] = False

    def evaluation(self) -> Evaluation:
        return Evaluation(self)

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each article's length of ``fieldname`` as BM25 sees it (Whoosh's byte code)."""
        found = self._lengths.get(fieldname)
        if found is None:
            found = np.concatenate(
                [_length_bytes(segment, fieldname) for segment in self.segments]
                or [np.zeros(0, dtype=np.uint8)]
            )
            found = self._lengths[fieldname] = _LENGTH_OF_BYTE[found]
        return found

    def numbers(self, fieldname: str) -> np.ndarray:
        """Each article's value of an unsigned integer field (``published``: yyyymmdd)
        from its sortable column; the field's default where an article has none."""
        found = self._numbers.get(fieldname)
        if found is None:
            fieldobj = self.searcher.schema[fieldname]
            found = np.concatenate(
                [_column_numbers(segment, fieldname, fieldobj) for segment in self.segments]
                or [np.zeros(0, dtype=np.int64)]
            )
            self._numbers[fieldname] = found
        return found

    def postings(
        self, fieldname: str, btext: bytes, values: list[bytes] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(article numbers, weights) of a term over every segment, in order; with
        ``values``, its posting values (encoded positions) are appended there too."""
        numbers: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for segment in self.segments:
            found = segment_postings(segment, fieldname, btext, values)
            if found is not None:
                numbers.append(found[0])
                weights.append(found[1])
        if not numbers:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        if len(numbers) == 1:
            return numbers[0], weights[0]
        return np.concatenate(numbers), np.concatenate(weights)


def segment_postings(
    segment: _Segment, fieldname: str, btext: bytes, values: list[bytes] | None = None
) -> tuple[np.ndarray, np.ndarray] | None:
    """A term's (article numbers in the whole index, weights) in one segment, if it is there."""
    terms = segment.reader._terms
    try:
        info = terms.term_info(fieldname, btext)
    except TermNotFound:
        return None
    ids, weights = _read_postings(terms._postfile, info, values)
    return (ids + segment.offset if segment.offset else ids), weights


def _column_numbers(segment: _Segment, fieldname: str, fieldobj: Any) -> np.ndarray:
    values = np.full(segment.size, fieldobj.default, dtype=np.int64)
    column = segment.reader._perdoc._cached_reader(fieldname, fieldobj.column_type)
    if column is not None and column._count:
        raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
        values[: column._count] = np.frombuffer(raw, dtype=">" + column._typecode)
    return values


def _length_bytes(segment: _Segment, fieldname: str) -> np.ndarray:
    codes = np.zeros(segment.size, dtype=np.uint8)
    column = segment.reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if column is not None and column._count:
        raw = column._dbfile.get(column._basepos, column._count)
        codes[: column._count] = np.frombuffer(raw, dtype=np.uint8)
    return codes


def _read_postings(
    postfile: Any, info: Any, values: list[bytes] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """A term's postings in one segment, decoded from Whoosh's W3 block layout: each
    block is (length, pickled block info, pickled and maybe compressed (ids as deltas
    from the block's start, weights, values))."""
    if info.is_inlined():
        ids, weights, inlined_values = info.inlined_postings()
        if values is not None:
            values.extend(inlined_values)
        return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
    offset, length = info.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves the unpacked tuple
        length = length[0]
    raw = postfile.get(offset, length)
    if raw[:_INT] != WHOOSH3_HEADER_MAGIC:
        raise ValueError("posting list without its header")
    stream = io.BytesIO(raw)
    deltas: list[int] = []
    weights = array("f")
    starts: list[int] = []
    last_ids: list[int] = []
    position = _INT
    while True:
        size = int.from_bytes(raw[position : position + _INT], "big", signed=True)
        stream.seek(position + _INT)
        count, last_id, _, compressed, _, _ = pickle.load(stream)
        data = raw[stream.tell() : position + _INT + abs(size)]
        block_ids, block_weights, block_values = pickle.loads(
            zlib.decompress(data) if compressed else data
        )
        if values is not None:
            values.extend(block_values)
        starts.append(len(deltas))
        last_ids.append(last_id)
        deltas.extend(block_ids)
        if block_weights is None:
            weights.extend([1.0] * count)
        elif isinstance(block_weights, float):
            weights.extend([block_weights] * count)
        else:
            weights.extend(block_weights)
        if size < 0:
            break
        position += _INT + abs(size)
    ids = np.array(deltas, dtype=np.int64)
    if len(starts) > 1:
        # Each block's first id is absolute: make it a delta from the previous block's
        # last id so one cumulative sum decodes the whole list.
        ids[starts[1:]] -= np.array(last_ids[:-1], dtype=np.int64)
    np.cumsum(ids, out=ids)
    return ids, np.frombuffer(weights, dtype=np.float32).astype(np.float64)


class Evaluation:
    """One search's evaluation: each term's postings are read once, whether the full
    query, the partial step or the "which words does it have" step asks for them."""

    def __init__(self, index: ArrayIndex) -> None:
        self.index = index
        self.searcher = index.searcher
        weighting = self.searcher.weighting
        self._bm25 = weighting if isinstance(weighting, BM25F) else BM25F()
        self._postings: dict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]] = {}
        self._values_of: dict[tuple[str, bytes], list[bytes]] = {}
        self._context: Any = None

    # -- results ------------------------------------------------------------------------
    def ranked(self, query: wq.Query, limit: int) -> tuple[list[tuple[int, float]], int]:
        """The ``limit`` best (article number, score), best first (ties: lower number
        first, as Whoosh's collector), and how many articles match in all."""
        found = self.matches(query)
        numbers = np.flatnonzero(found.mask & self.index.live)
        total = len(numbers)
        scores = found.scores[numbers]
        if total > limit:
            # The limit-th best score; every article tying with it stays a candidate so
            # the lowest numbers among the ties win, as in Whoosh.
            threshold = -np.partition(-scores, limit - 1)[limit - 1]
            keep = scores >= threshold
            numbers, scores = numbers[keep], scores[keep]
        order = np.lexsort((numbers, -scores))[:limit]
        best = zip(numbers[order].tolist(), scores[order].tolist(), strict=True)
        return list(best), total

    def newest(
        self, query: wq.Query, limit: int, fieldname: str = "published"
    ) -> tuple[list[int], int]:
        """The ``limit`` matching articles with the latest ``fieldname`` first (those
        without one last; ties: lower number first), and how many match: filters alone
        ("is:unread", "published:2024") rank nothing, they list."""
        numbers = np.flatnonzero(self.having(query))
        values = self.index.numbers(fieldname)[numbers]
        undated = values == self.searcher.schema[fieldname].default
        order = np.lexsort((numbers, -np.where(undated, -1, values)))[:limit]
        return numbers[order].tolist(), len(numbers)

    def having(self, query: wq.Query) -> np.ndarray:
        """Which articles ``query`` matches (a mask over the index)."""
        return self._evaluate(query, scored=False).mask & self.index.live

    def matches(self, query: wq.Query) -> Matches:
        return self._evaluate(query, scored=True)

    # -- the query tree -----------------------------------------------------------------
    def _evaluate(self, query: wq.Query, *, scored: bool) -> Matches:
        kind = type(query)
        if kind is wq.Term:
            return self._term(query, scored=scored)
        if kind is Excluding or kind is wq.AndNot:
            kept = self._evaluate(query.a, scored=scored)
            dropped = self._evaluate(query.b, scored=False)
            mask = kept.mask & ~dropped.mask
            return Matches(mask, kept.scores * mask)
        if kind is wq.AndMaybe:
            required = self._evaluate(query.a, scored=scored)
            optional = self._evaluate(query.b, scored=scored)
            return Matches(required.mask, (required.scores + optional.scores) * required.mask)
        if kind is wq.And and query.subqueries:
            return self._boosted(query, self._tree(query.subqueries, _both, scored), scored)
        if kind in (Union, wq.Or) and query.subqueries and not getattr(query, "scale", None):
            return self._boosted(query, self._tree(query.subqueries, _either, scored), scored)
        if kind is wq.NumericRange and _unsigned_column(self.searcher.schema, query.fieldname):
            return self._number_range(query)
        if kind is wq.Phrase and query.slop == 1 and len(query.words) > 1:
            return self._phrase(query, scored=scored)
        if kind is FrequentPrefix:
            return self._prefix(query, scored=scored)
        if kind is wq.Every and query.fieldname in (None, "", "*"):
            mask = np.ones(self.index.size, dtype=bool)
            return Matches(mask, np.full(self.index.size, float(query.boost)))
        return self._by_whoosh(query, scored=scored)

    def _tree(self, parts: list[wq.Query], join: Any, scored: bool) -> Matches:
        """Parts joined in Whoosh's binary-tree order (``make_binary_tree``), so scores
        are summed in the same order to the last bit."""
        if len(parts) == 1:
            return self._evaluate(parts[0], scored=scored)
        half = len(parts) // 2
        return join(self._tree(parts[:half], join, scored), self._tree(parts[half:], join, scored))

    @staticmethod
    def _boosted(query: wq.Query, found: Matches, scored: bool) -> Matches:
        if scored and query.boost != 1.0:
            return Matches(found.mask, found.scores * query.boost)
        return found

    def _term(self, query: wq.Term, *, scored: bool) -> Matches:
        size = self.index.size
        mask = np.zeros(size, dtype=bool)
        scores = np.zeros(size, dtype=np.float64)
        schema = self.searcher.schema
        fieldname = query.fieldname
        if fieldname not in schema:
            return Matches(mask, scores)
        fieldobj = schema[fieldname]
        try:
            btext = fieldobj.to_bytes(query.text)
        except ValueError:
            return Matches(mask, scores)
        key = (fieldname, btext)
        found = self._postings.get(key)
        if found is None:
            found = self._postings[key] = self.index.postings(fieldname, btext)
        numbers, weights = found
        mask[numbers] = True
        if not scored or not len(numbers):
            return Matches(mask, scores)
        if fieldobj.scorable:
            bm25 = self._bm25
            k1 = bm25.K1
            b = bm25._field_B.get(fieldname, bm25.B)
            idf = self.searcher.idf(fieldname, btext)
            average = self.searcher.avg_field_length(fieldname) or 1
            lengths = self.index.lengths(fieldname)[numbers]
            saturation = weights + k1 * ((1 - b) + b * lengths / average)
            values = idf * ((weights * (k1 + 1)) / saturation)
        else:
            values = weights
        if query.boost != 1.0:
            values = values * query.boost
        scores[numbers] = values
        return Matches(mask, scores)

    def _number_range(self, query: wq.NumericRange) -> Matches:
        """``published:2024-03`` and other date clauses: a filter over the sortable column,
        scoring nothing.

        Why not Whoosh's way: it unions the trie terms of the range in every segment
        (a preloaded array per segment, then Python per article: 100 ms at 100k articles
        in 43 segments), and adds a constant to the score of every article it keeps,
        which changes no ranking; a date filters, it says nothing about relevance.
        """
        fieldobj = self.searcher.schema[query.fieldname]
        values = self.index.numbers(query.fieldname)
        mask = values != fieldobj.default
        if query.start is not None:
            mask &= values > query.start if query.startexcl else values >= query.start
        if query.end is not None:
            mask &= values < query.end if query.endexcl else values <= query.end
        return Matches(mask, np.zeros(self.index.size, dtype=np.float64))

    def _phrase(self, query: wq.Phrase, *, scored: bool) -> Matches:
        """``"a b c"``: the articles having every word, scored as Whoosh's phrase matcher
        scores them (the sum of the words' scores, summed in its tree order), kept where
        the words stand next to each other.

        Why not Whoosh's matcher: it walks the intersection posting by posting and
        decodes every candidate's positions through a chain of span matchers per segment
        (a phrase of common words: ~2,800 candidates and 50-130 ms at 100k articles).
        """
        schema = self.searcher.schema
        fieldname = query.fieldname
        if fieldname not in schema or not schema[fieldname].format.supports("positions"):
            return self._by_whoosh(query, scored=scored)
        fieldobj = schema[fieldname]
        try:
            btexts = [fieldobj.to_bytes(word) for word in query.words]
        except ValueError:
            return self._by_whoosh(query, scored=scored)
        # Read first with their positions, so the words' Term nodes find them read.
        positions = [self._with_values(fieldname, btext) for btext in btexts]
        words = [wq.Term(fieldname, word) for word in query.words]
        both = self._tree(words, _both, scored)
        candidates = np.flatnonzero(both.mask)
        if not len(candidates):
            return both
        decode = fieldobj.format.decoder("positions")
        wanted = candidates.tolist()
        at_candidates = []
        for btext, values in zip(btexts, positions, strict=True):
            where = np.searchsorted(self._postings[(fieldname, btext)][0], candidates).tolist()
            at_candidates.append(
                {docnum: values[i] for docnum, i in zip(wanted, where, strict=True)}
            )
        mask = np.zeros(self.index.size, dtype=bool)
        for docnum in wanted:
            starts = set(decode(at_candidates[0][docnum]))
            for offset, values in enumerate(at_candidates[1:], start=1):
                starts &= {position - offset for position in decode(values[docnum])}
                if not starts:
                    break
            if starts:
                mask[docnum] = True
        scores = both.scores * mask
        if scored and query.boost != 1.0:
            scores = scores * query.boost
        return Matches(mask, scores)

    def _with_values(self, fieldname: str, btext: bytes) -> list[bytes]:
        """A term's posting values (encoded positions), in the order of its postings,
        which are read with them once and kept for ``_term``."""
        key = (fieldname, btext)
        values = self._values_of.get(key)
        if values is None:
            values = self._values_of[key] = []
            self._postings[key] = self.index.postings(fieldname, btext, values)
        return values

    def _prefix(self, query: FrequentPrefix, *, scored: bool) -> Matches:
        """``word*``: the union of its most frequent words in each segment, every article
        scoring 1 (``FrequentPrefix`` preloads them unscored in Whoosh too)."""
        size = self.index.size
        mask = np.zeros(size, dtype=bool)
        by_whoosh: list[_Segment] = []
        for segment in self.index.segments:
            words = list(query._btexts(segment.reader))
            if len(words) < 2:  # Whoosh's plain Prefix matcher, as FrequentPrefix does
                by_whoosh.append(segment)
                continue
            for word in words:
                found = segment_postings(segment, query.fieldname, word)
                if found is not None:
                    mask[found[0]] = True
        scores = mask.astype(np.float64)
        if by_whoosh:
            rest = self._by_whoosh(query, scored=scored, segments=by_whoosh)
            mask |= rest.mask
            scores += rest.scores
        return Matches(mask, scores)

    def _by_whoosh(
        self, query: wq.Query, *, scored: bool, segments: list[_Segment] | None = None
    ) -> Matches:
        """A node this module does not model, run by Whoosh's own matcher per segment."""
        size = self.index.size
        mask = np.zeros(size, dtype=bool)
        scores = np.zeros(size, dtype=np.float64)
        if self._context is None:
            self._context = self.searcher.context()
        for segment in self.index.segments if segments is None else segments:
            context = self._context if scored else segment.searcher.boolean_context()
            matcher = query.matcher(segment.searcher, context)
            numbers: list[int] = []
            values: list[float] = []
            while matcher.is_active():
                numbers.append(matcher.id())
                if scored:
                    values.append(matcher.score())
                matcher.next()
            if numbers:
                where = np.array(numbers, dtype=np.int64) + segment.offset
                mask[where] = True
                if scored:
                    scores[where] = values
        return Matches(mask, scores)


def _unsigned_column(schema: Any, fieldname: str) -> bool:
    """Whether a field's sortable column holds its plain values (unsigned integers)."""
    if fieldname not in schema:
        return False
    fieldobj = schema[fieldname]
    return (
        isinstance(fieldobj, NUMERIC)
        and fieldobj.column_type is not None
        and fieldobj.numtype is int
        and not fieldobj.signed
        and not fieldobj.decimal_places
    )


def _both(a: Matches, b: Matches) -> Matches:
    mask = a.mask & b.mask
    return Matches(mask, (a.scores + b.scores) * mask)


def _either(a: Matches, b: Matches) -> Matches:
    return Matches(a.mask | b.mask, a.scores + b.scores)
