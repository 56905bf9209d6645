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

from whoosh.fields import BOOLEAN, ID, NUMERIC, STORED, TEXT, Schema

from reader.search.analysis import STEMMED_LANGUAGES, exact_analyzer, stemmed_analyzer

SCHEMA_VERSION = 1
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


def build_schema() -> Schema:
    exact = exact_analyzer()
    fields: dict[str, object] = {
        "id": ID(stored=True, unique=True),
        "title": TEXT(analyzer=exact, stored=True),
        "body": TEXT(analyzer=exact),
        "author": TEXT(analyzer=exact),
        "category": TEXT(analyzer=exact),
        "tags": TEXT(analyzer=exact),
        "related": TEXT(analyzer=exact),
        "lang": ID(),
        "published": NUMERIC(numtype=int, bits=32, signed=False, stored=True, sortable=True),
        "read": BOOLEAN(),
        "starred": BOOLEAN(),
        "category_label": STORED(),
    }
    for lang in STEMMED_LANGUAGES:
        stemmed = stemmed_analyzer(lang)
        fields[f"title_{lang}"] = TEXT(analyzer=stemmed, phrase=False)
        fields[f"body_{lang}"] = TEXT(analyzer=stemmed, phrase=False)
    return Schema(**fields)
