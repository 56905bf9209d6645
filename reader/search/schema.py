"""The Whoosh schema: which fields exist, how each is analysed, and how much it weighs.

Why this shape (format 3; format 2 had ten text fields):

* ``text`` is one **unstemmed** (folded) catch-all of title, body, author, category, tags
  and related titles, with positions: it backs "phrases", prefix* queries, did-you-mean
  and words that are stopwords.
* ``stems`` is one **stemmed** catch-all of the same text, each article stemmed with its
  own language's Snowball stemmer (folded words unstemmed for other languages), without
  stopwords or positions. A plain query word is looked up there as its Italian stem, its
  English stem and itself: usually one or two terms of one field, where format 2 looked
  every word up in ten fields (title/body x unstemmed/it/en, author, category, tags,
  related) and a three-word AND was an AND of three 10-way ORs.
* ``title`` (unstemmed, positions: ``title:`` and title phrases) and ``title_stems``
  (stemmed like ``stems``) are small; ``title_stems`` carries the title weight.
* ``author``, ``category`` and ``tags`` exist for ``author:``/``category:``/``tag:`` only;
  ``notes`` (the notes of the article's highlights) for ``note:`` and ``highlighted``
  for ``has:highlights`` (format 4). The highlighted passages themselves are body
  text, already in ``text``/``stems``; the notes are not, and stay out of the
  catch-all so a plain word does not match what the reader wrote about an article.
* Field weights are applied at query time (a Term's boost multiplies its score), not as
  Whoosh field boosts: those scale term frequency, which BM25 then saturates, so a title
  hit would not reliably outrank a body that repeats the word.
* Display data (title, category, date) is stored in Whoosh; the body text snippets need
  is kept compressed in the side store (see :mod:`reader.search.docstore`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from whoosh.fields import BOOLEAN, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Positions
from whoosh.system import pack_uint

from reader.search.analysis import (
    STEMMED_LANGUAGES,
    exact_analyzer,
    fold_words,
    folded_words,
    stem,
    stem_words,
    stemmed_analyzer,
)

SCHEMA_VERSION = 5
"""Bump when the schema or the analysis changes: an older index is then rebuilt."""


@dataclass(frozen=True)
class FieldWeights:
    """Query-time weights; tuned with ``bench/relevance.py --tune`` (docs/search-quality.md).

    Format 2 boosted titles x4 by hand; on the judged sets x1.5 to x2 ranked best (x1.5
    chosen on the tuning halves with BM25's K1, see ``service.BM25_K1``), and a high title
    weight hurts where many articles share title words (paragraphs of one long article,
    a series).
    """

    title: float = 1.5
    text: float = 1.0


WEIGHTS = FieldWeights()


class FoldedText(TEXT):
    """A TEXT field whose indexing skips Whoosh's per-token pipeline.

    Why: Whoosh analyses a document by pushing one Token object per word through a chain
    of generators, which was a third of the indexing time. ``index()`` here produces the
    same terms from the folded words (one regex ``findall``, cached fold and stem per
    distinct word). The analyzer stays attached and is still what the tests compare
    with; a test checks both paths give the same terms.
    """

    def __init__(self, lang: str = "", **kwargs: object) -> None:
        analyzer = stemmed_analyzer(lang) if lang else exact_analyzer()
        super().__init__(analyzer=analyzer, **kwargs)  # type: ignore[arg-type]
        self.stem_lang = lang

    def terms(self, value: object) -> list[str]:
        words = fold_words(str(value))
        return stem_words(self.stem_lang, words) if self.stem_lang else words

    def counts(self, value: object) -> dict[str, int]:
        """Each term of ``value`` with its frequency (fields without positions)."""
        words = Counter(folded_words(str(value)))
        if not self.stem_lang:
            return words
        return _stem_counts(self.stem_lang, words)

    def term_postings(self, value: object) -> Iterator[tuple[bytes, int, list[int] | None]]:
        """(term, frequency, positions) for each term of ``value``; positions are None for
        a field without them. What ``index`` encodes, and what the rebuild's bulk writer
        keeps as plain integers until it writes the segment (``posting_value`` encodes)."""
        if isinstance(self.format, Positions):
            positions: dict[str, list[int]] = defaultdict(list)
            for position, word in enumerate(self.terms(value)):
                positions[word].append(position)
            for word, where in positions.items():
                yield word.encode("utf-8"), len(where), where
        else:
            for word, count in self.counts(value).items():
                yield word.encode("utf-8"), count, None

    @staticmethod
    def posting_value(count: int, positions: list[int] | None) -> bytes:
        """A posting's value bytes, as this field's format encodes them."""
        return _packed_count(count) if positions is None else _encode_positions(positions)

    def index(self, value: object, **kwargs: object) -> Iterator[tuple[bytes, int, float, bytes]]:
        # The weight is the frequency: an int (Python shares the small ones), not a new
        # float per posting, which was a quarter of a rebuild's postings in memory.
        field_boost: float = self.format.field_boost
        if field_boost == 1.0:
            field_boost = 1
        encode = self.posting_value
        for tbytes, count, where in self.term_postings(value):
            yield tbytes, count, count * field_boost, encode(count, where)


class LanguageStems(FoldedText):
    """Stems of the article's own language in one field; the value is ``(lang, text)``.

    Why one field for every language: a query word is looked up as its Italian and its
    English stem (usually the same term) in one posting list per stem, instead of one
    field per language. Articles in other languages index their folded words unstemmed.
    The analyzer (queries never use it: they build terms with ``stem()``) is Italian's.
    """

    def __init__(self) -> None:
        super().__init__("it", phrase=False)

    def terms(self, value: object) -> list[str]:
        lang, text = value if isinstance(value, tuple) else ("", str(value))
        words = fold_words(text)
        return stem_words(lang, words) if lang in STEMMED_LANGUAGES else words

    def counts(self, value: object) -> dict[str, int]:
        lang, text = value if isinstance(value, tuple) else ("", str(value))
        words = Counter(folded_words(text))
        return _stem_counts(lang, words) if lang in STEMMED_LANGUAGES else words


def _stem_counts(lang: str, words: Counter[str]) -> dict[str, int]:
    """Stem frequencies from word frequencies: each distinct word is stemmed once."""
    stems: dict[str, int] = defaultdict(int)
    for word, count in words.items():
        term = stem(lang, word)
        if term:
            stems[term] += count
    return stems


@lru_cache(maxsize=4096)
def _packed_count(count: int) -> bytes:
    """The posting value of a frequency-only field (as ``whoosh.formats.Frequency``)."""
    return pack_uint(count)


_POSITIONS = Positions()
_ONE_POSITION = [_POSITIONS.encode([position]) for position in range(4096)]


def _encode_positions(where: list[int]) -> bytes:
    """``Positions.encode``, with the values of single early positions made once."""
    if len(where) == 1 and where[0] < 4096:
        return _ONE_POSITION[where[0]]
    return _POSITIONS.encode(where)  # type: ignore[no-any-return]


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        title=FoldedText(stored=True),
        title_stems=LanguageStems(),
        text=FoldedText(),
        stems=LanguageStems(),
        author=FoldedText(),
        category=FoldedText(),
        tags=FoldedText(),
        notes=FoldedText(),
        lang=ID(),
        published=NUMERIC(numtype=int, bits=32, signed=False, stored=True, sortable=True),
        read=BOOLEAN(),
        starred=BOOLEAN(),
        highlighted=BOOLEAN(),
        category_label=STORED(),
    )
