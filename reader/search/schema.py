"""The Whoosh schema: which fields exist, how each is analysed, and how much it weighs.

Why this shape:

* Every text field has an **unstemmed** (folded) variant with positions: it backs exact
  words, "phrases", prefix* queries and did-you-mean suggestions.
* Title and body also have one **stemmed** field per language (``title_it``/``body_en``
  ...). An article fills only the fields of its own language, and a query word is looked
  up in all of them, each analysed with its own stemmer, so ``intelligenze`` finds
  ``intelligenza`` in Italian articles without English stemming rules mangling it.
  Stemmed fields have no positions (phrases use the unstemmed field), which keeps the
  index small.
* Field weights are applied at query time (a Term's boost multiplies its score), not as
  Whoosh field boosts: those scale term frequency, which BM25 then saturates, so a title
  hit would not reliably outrank a body that repeats the word.
* Display data (title, category, date) is stored in Whoosh; the body text snippets need
  is kept compressed in the side store (see :mod:`reader.search.docstore`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from whoosh.fields import BOOLEAN, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Positions
from whoosh.system import pack_uint

from reader.search.analysis import (
    STEMMED_LANGUAGES,
    exact_analyzer,
    fold_words,
    stem_words,
    stemmed_analyzer,
)

SCHEMA_VERSION = 2
"""Bump when the schema or the analysis changes: an older index is then rebuilt."""

# Query-time weights per logical field.
TITLE_BOOST = 4.0
AUTHOR_BOOST = 2.0
CATEGORY_BOOST = 2.0
TAGS_BOOST = 2.0
RELATED_BOOST = 1.2
BODY_BOOST = 1.0


def title_fields() -> list[str]:
    return ["title", *(f"title_{lang}" for lang in STEMMED_LANGUAGES)]


def body_fields() -> list[str]:
    return ["body", *(f"body_{lang}" for lang in STEMMED_LANGUAGES)]


class FoldedText(TEXT):
    """A TEXT field whose indexing skips Whoosh's per-token pipeline.

    Why: Whoosh analyses a document by pushing one Token object per word through a chain
    of generators, which was a third of the indexing time. ``index()`` here produces the
    same terms from a list of folded words (one regex ``findall``, cached fold and stem
    per distinct word). The analyzer stays attached and is still what queries, the
    highlighter and more-like-this use; a test checks both paths give the same terms.
    """

    def __init__(self, lang: str = "", **kwargs: object) -> None:
        analyzer = stemmed_analyzer(lang) if lang else exact_analyzer()
        super().__init__(analyzer=analyzer, **kwargs)  # type: ignore[arg-type]
        self.stem_lang = lang

    def terms(self, value: str) -> list[str]:
        words = fold_words(value)
        return stem_words(self.stem_lang, words) if self.stem_lang else words

    def index(self, value: str, **kwargs: object) -> Iterator[tuple[bytes, int, float, bytes]]:
        words = self.terms(value)
        field_boost = self.format.field_boost
        if isinstance(self.format, Positions):
            positions: dict[str, list[int]] = defaultdict(list)
            for position, word in enumerate(words):
                positions[word].append(position)
            encode = self.format.encode
            for word, where in positions.items():
                count = len(where)
                yield word.encode("utf-8"), count, count * field_boost, encode(where)
        else:
            for word, count in Counter(words).items():
                yield word.encode("utf-8"), count, count * field_boost, pack_uint(count)


def build_schema() -> Schema:
    fields: dict[str, object] = {
        "id": ID(stored=True, unique=True),
        "title": FoldedText(stored=True),
        "body": FoldedText(),
        "author": FoldedText(),
        "category": FoldedText(),
        "tags": FoldedText(),
        "related": FoldedText(),
        "lang": ID(),
        "published": NUMERIC(numtype=int, bits=32, signed=False, stored=True, sortable=True),
        "read": BOOLEAN(),
        "starred": BOOLEAN(),
        "category_label": STORED(),
    }
    for lang in STEMMED_LANGUAGES:
        fields[f"title_{lang}"] = FoldedText(lang, phrase=False)
        fields[f"body_{lang}"] = FoldedText(lang, phrase=False)
    return Schema(**fields)
