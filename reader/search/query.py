"""The query language a person types, parsed by hand into Whoosh query objects.

Why not Whoosh's ``QueryParser``: every word must be looked up in several fields with a
different analyser each (unstemmed, Italian stems, English stems), phrases only in the
unstemmed fields, and ``published:2024-03`` / ``is:unread`` need meanings of their own.
Bending the parser's plugins to all that is harder to follow than this small recursive
free lexer, and here malformed input has one obvious fate: it becomes plain words.

Grammar (informal)::

    query   := item*                       items are ANDed
    item    := clause ("OR" clause)*       "OR" or "|" between two clauses
    clause  := ["-" | "NOT "] [field ":"] (word | word* | "phrase" | [a TO b])
    field   := title author category tag note lang published is has  (+ a few aliases)

Parsing never raises: an unknown field, an unparsable date or a stray quote degrades to
the words it contains.
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.matching import AndNotMatcher, UnionMatcher

from reader.library.text import straighten_quotes
from reader.search import schema
from reader.search.analysis import STEMMED_LANGUAGES, fold_words, query_stopwords, stem

MAX_QUERY_CHARS = 1000
"""Longer input is cut: nobody types more, and it bounds the work a pasted blob causes."""
MAX_CLAUSES = 64
MIN_PREFIX = 2

_FIELD_ALIASES = {
    "title": "title",
    "titolo": "title",
    "author": "author",
    "autore": "author",
    "by": "author",
    "category": "category",
    "categoria": "category",
    "cat": "category",
    "tag": "tag",
    "tags": "tag",
    "lang": "lang",
    "language": "lang",
    "lingua": "lang",
    "published": "published",
    "date": "published",
    "data": "published",
    "is": "is",
    "has": "has",
    "note": "note",
    "notes": "note",
}

_FLAGS = {
    "unread": ("read", False),
    "new": ("read", False),
    "read": ("read", True),
    "starred": ("starred", True),
    "star": ("starred", True),
    "unstarred": ("starred", False),
}

_HAS = {
    "highlights": ("highlighted", True),
    "highlight": ("highlighted", True),
    "evidenziazioni": ("highlighted", True),
}
"""``has:`` values: what an article has (the flags above are what it is)."""

# (logical field) -> (unstemmed field, stemmed field or None, weight name).
_FIELDS: dict[str | None, tuple[str, str | None, str]] = {
    None: ("text", "stems", "text"),
    "title": ("title", "title_stems", "title"),
    "author": ("author", None, "text"),
    "category": ("category", None, "text"),
    "tag": ("tags", None, "text"),
    "note": ("notes", None, "text"),
}

_TOKEN = re.compile(
    r"""
    (?P<neg>[-!+]?)
    (?:(?P<field>[^\W\d_]+):(?=\S))?
    (?:
        "(?P<phrase>[^"]*)(?:"|$)
      | (?P<range>[\[{][^\]}]*(?:[\]}]|$))
      | (?P<word>[^\s"]+)
    )
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Clause:
    """One searchable piece of the query."""

    kind: str
    """"word", "prefix", "phrase", "date", "flag" or "lang"."""
    field: str | None = None
    """Logical field ("title", "author", "category", "tag", "note") or None for everywhere."""
    words: tuple[str, ...] = ()
    """Folded words (for "prefix", the last one is the prefix)."""
    span: tuple[int, int] = (0, 0)
    """Where the value sits in the query string (did-you-mean rewrites it)."""
    low: int | None = None
    high: int | None = None
    flag: tuple[str, bool] | None = None
    lang: str = ""


@dataclass
class ParsedQuery:
    """Groups are ANDed; the clauses inside a group are ORed; excluded ones are NOT-ed."""

    text: str
    groups: list[list[Clause]] = field(default_factory=list)
    excluded: list[Clause] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded

    def positive_clauses(self) -> Iterator[Clause]:
        for group in self.groups:
            yield from group

    @property
    def has_text(self) -> bool:
        """True when something is ranked by relevance (not only filters)."""
        return any(c.kind in ("word", "prefix", "phrase") for c in self.positive_clauses())

    def highlight_terms(self) -> list[str]:
        """Folded words, phrases and prefixes to mark in text, without duplicates.

        Stopwords of plain words are left out (marking every "e" and "la" of an article
        hides the words that matched) unless nothing else would be left.
        """
        terms: list[str] = []
        for clause in self.positive_clauses():
            if clause.field not in (None, "title"):
                continue
            if clause.kind in ("word", "prefix"):
                terms.extend(clause.words)
            elif clause.kind == "phrase":
                terms.append(" ".join(clause.words))
        terms = [term for term in dict.fromkeys(terms) if term]
        common = query_stopwords()
        content = [term for term in terms if term not in common]
        return content or terms

    def free_words(self) -> list[Clause]:
        """The plain words of the query (no field, no syntax), stopwords left out.

        These are what a partial match may miss: a question typed as-is is mostly plain
        words, while quotes, fields, OR and -x are asked for on purpose and stay required.
        """
        common = query_stopwords()
        return [
            group[0]
            for group in self.groups
            if len(group) == 1
            and group[0].kind == "word"
            and group[0].field is None
            and not set(group[0].words) <= common
        ]


# -- parsing ------------------------------------------------------------------------------
def parse(text: str) -> ParsedQuery:
    """Parse what a person typed; never raises."""
    text = straighten_quotes(text[:MAX_QUERY_CHARS].replace("\x00", " "))
    parsed = ParsedQuery(text)
    pending_or = False
    negate_next = False
    count = 0
    for match in _TOKEN.finditer(text):
        if count >= MAX_CLAUSES:
            break
        raw = match.group(0)
        if raw in ("OR", "|", "||") and parsed.groups:
            pending_or = True
            continue
        if raw in ("AND", "&&", "&", "+"):
            continue
        if raw == "NOT":
            negate_next = True
            continue
        negate = negate_next or match.group("neg") in ("-", "!")
        negate_next = False
        clauses = _clauses_for(match)
        if not clauses:
            continue
        count += len(clauses)
        if negate:
            parsed.excluded.extend(clauses)
            pending_or = False
        elif pending_or and len(clauses) == 1:
            parsed.groups[-1].append(clauses[0])
            pending_or = False
        else:
            parsed.groups.extend([clause] for clause in clauses)
            pending_or = False
    return parsed


def _clauses_for(match: re.Match[str]) -> list[Clause]:
    field_name = match.group("field")
    logical = _FIELD_ALIASES.get(field_name.lower()) if field_name else None
    value_group = next(g for g in ("phrase", "range", "word") if match.group(g) is not None)
    value = match.group(value_group)
    span = match.span(value_group)
    if field_name and logical is None:
        # "foo:bar" with an unknown field: plain words, the field name included.
        start = match.start("field")
        return _text_clauses(None, match.string[start : span[1]], (start, span[1]), value_group)
    if logical == "published":
        clause = _date_clause(value.strip("[]{}"), value)
        if clause is not None:
            return [clause]
        return _text_clauses(None, value, span, value_group)
    if logical in ("is", "has"):
        flag = (_FLAGS if logical == "is" else _HAS).get(value.lower())
        if flag is not None:
            return [Clause("flag", flag=flag)]
        return _text_clauses(None, value, span, value_group)
    if logical == "lang":
        code = value.strip().lower()[:2]
        if code.isalpha() and len(code) == 2:
            return [Clause("lang", lang=code)]
        return _text_clauses(None, value, span, value_group)
    return _text_clauses(logical, value, span, value_group)


def _text_clauses(
    logical: str | None, value: str, span: tuple[int, int], group: str
) -> list[Clause]:
    if group == "phrase":
        words = tuple(fold_words(value))
        return [Clause("phrase", logical, words, span)] if words else []
    if group == "range":
        value = value.strip("[]{}")
    if group == "word" and value.endswith("*") and value.strip("*"):
        words = tuple(fold_words(value.rstrip("*")))
        stripped = value.rstrip("*")
        if words and len(words[-1]) >= MIN_PREFIX and stripped[-1:].isalnum():
            return [Clause("prefix", logical, words, span)]
        return [Clause("word", logical, words, span)] if words else []
    words = tuple(fold_words(value))
    return [Clause("word", logical, words, span)] if words else []


_DAY = re.compile(r"(\d{4})(?:[-/.]?(\d{1,2})(?:[-/.]?(\d{1,2}))?)?")
_RANGE_TO = re.compile(r"\s+to\s+|\s*\.\.\s*", re.IGNORECASE)


def _date_clause(value: str, raw: str) -> Clause | None:
    value = value.strip()
    comparison = re.match(r"(>=|<=|>|<)\s*(.*)", value)
    if comparison:
        operator, rest = comparison.groups()
        bounds = _date_bounds(rest)
        if bounds is None:
            return None
        if operator == ">=":
            return Clause("date", low=bounds[0])
        if operator == ">":
            return Clause("date", low=_next_day(bounds[1]))
        if operator == "<=":
            return Clause("date", high=bounds[1])
        return Clause("date", high=_previous_day(bounds[0]))
    parts = _RANGE_TO.split(value, maxsplit=1)
    if len(parts) == 2:
        start_text, end_text = (part.strip() for part in parts)
        start = _date_bounds(start_text) if start_text and start_text != "*" else None
        end = _date_bounds(end_text) if end_text and end_text != "*" else None
        if (start_text and start_text != "*" and start is None) or (
            end_text and end_text != "*" and end is None
        ):
            return None
        low = start[0] if start else None
        high = end[1] if end else None
        if raw.startswith("{") and start:
            low = _next_day(start[1])
        if raw.endswith("}") and end:
            high = _previous_day(end[0])
        if low is None and high is None:
            return None
        return Clause("date", low=low, high=high)
    bounds = _date_bounds(value)
    if bounds is None:
        return None
    return Clause("date", low=bounds[0], high=bounds[1])


def _date_bounds(text: str) -> tuple[int, int] | None:
    """First and last day (as yyyymmdd ints) covered by 2024 / 2024-03 / 2024-03-25."""
    match = _DAY.fullmatch(text.strip())
    if not match:
        return None
    year = int(match.group(1))
    if not 1 <= year <= 9999:
        return None
    month_text, day_text = match.group(2), match.group(3)
    try:
        if month_text is None:
            return date_key(dt.date(year, 1, 1)), date_key(dt.date(year, 12, 31))
        month = int(month_text)
        if day_text is None:
            last = calendar.monthrange(year, month)[1]
            return date_key(dt.date(year, month, 1)), date_key(dt.date(year, month, last))
        day = dt.date(year, month, int(day_text))
    except (ValueError, calendar.IllegalMonthError):
        return None
    return date_key(day), date_key(day)


def date_key(day: dt.date) -> int:
    """The integer the index stores for a date: 2024-03-25 -> 20240325."""
    return day.year * 10000 + day.month * 100 + day.day


def date_from_key(key: int | None) -> dt.date | None:
    if not key:
        return None
    try:
        return dt.date(key // 10000, key // 100 % 100, key % 100)
    except ValueError:
        return None


def _next_day(key: int) -> int:
    day = date_from_key(key)
    return key + 1 if day is None or day == dt.date.max else date_key(day + dt.timedelta(1))


def _previous_day(key: int) -> int:
    day = date_from_key(key)
    return key - 1 if day is None or day == dt.date.min else date_key(day - dt.timedelta(1))


# -- compiling ----------------------------------------------------------------------------
MAX_PREFIX_WORDS = 64
"""A prefix* query looks for at most this many of its words, the most frequent ones."""


class FrequentPrefix(wq.Prefix):
    """``Prefix`` expanded to its ``MAX_PREFIX_WORDS`` most frequent words in each segment.

    Why: Whoosh ORs every word that starts with the prefix, and its pure-Python union of
    hundreds of posting lists made a four-letter prefix take 1.6 s at 100k articles. The
    words left out are the rarest ones (what a person typing "ener*" rarely means), as
    Lucene's top-terms rewrite does.
    """

    def _btexts(self, ixreader):  # type: ignore[no-untyped-def]  # Whoosh's signature
        words = list(super()._btexts(ixreader))
        if len(words) <= MAX_PREFIX_WORDS:
            return words
        frequency = ixreader.doc_frequency
        return heapq.nlargest(
            MAX_PREFIX_WORDS, words, key=lambda word: frequency(self.fieldname, word)
        )

    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]  # Whoosh's
        """The words' postings preloaded into one array (Whoosh does this only on
        segments of up to 5,000 articles; on larger ones a tree of 64 unions took
        4x longer). The score is constant, as ``Prefix``'s."""
        terms = [wq.Term(self.fieldname, word) for word in self._btexts(searcher.reader())]
        if len(terms) < 2 or context is None:
            return super().matcher(searcher, context)
        context = context.set(weighting=None)
        return wq.PreloadedOr(terms, boost=self.boost).matcher(searcher, context)


class Union(wq.DefaultOr):
    """The OR of a word's terms and of OR'ed words: a tree of union matchers, always.

    Search ranks through :mod:`reader.search.arrayscore`, which evaluates this node
    itself (summing in the same tree order); the matcher below is what Whoosh's own
    paths use (its collector, ``docs_for_query``, the tests' reference), and why it is a
    tree:

    Why not ``wq.Or``: on a segment of up to 5,000 articles (every segment a rebuild
    writes) it preloads every posting of three or more terms into arrays, which reads the
    whole posting lists and stops Whoosh from skipping blocks that cannot reach the top
    hits; the union tree keeps that pruning (measured on 10k articles: p95 -10 %, three
    words -30 %). The tree is balanced in query order: ``DefaultOr`` first looks every
    term up once more to weigh it, for a handful of terms a cost without a gain.
    Prefixes preload on purpose (``FrequentPrefix``): for dozens of terms it is faster.

    It also keeps pruning exact: the preloaded ``ArrayUnionMatcher`` reports as its
    ``max_quality()`` the *largest* of its parts' bounds although its score is their sum,
    so the top-k collector dropped articles whose word is in both title and body — the
    best ones ("disattivare correzione automatica" lost the page of that title, score
    54.6, behind a first page scoring 36-45). The union tree's bound is the sum.
    """

    def _matcher(self, subs, searcher, context):  # type: ignore[no-untyped-def]  # Whoosh's
        return self._tree_matcher(subs, UnionMatcher, searcher, context, None)


def to_whoosh(parsed: ParsedQuery) -> wq.Query | None:
    """The Whoosh query for a parsed query, or None when nothing is left to search."""
    groups = _drop_stopword_groups(parsed.groups)
    positive = [_or([_compile(c) for c in group]) for group in groups]
    return _combine([q for q in positive if q is not None], parsed)


@dataclass
class RelaxedQuery:
    """A query that matches articles with *some* of the free words (see ``relax``)."""

    query: wq.Query
    words: list[tuple[str, wq.Query]]
    """Each free word (as typed, folded) with the query that finds it alone."""
    explicit: list[wq.Query] = field(default_factory=list)
    """The parts asked for explicitly (phrases, fields, dates ...), always required."""
    parsed: ParsedQuery | None = None

    def requiring(self, required: set[int]) -> wq.Query:
        """``query`` restricted to articles having the words at these indexes.

        Same scores (the sum over the words an article has), and only candidates that can
        still reach the page when it is full of full matches (see
        ``service._blend_partial_matches``): the best ``PARTIAL_CANDIDATES`` of the union
        could otherwise all be articles lacking a heavy word.
        """
        if not required or self.parsed is None:
            return self.query
        must = self.explicit + [self.words[i][1] for i in sorted(required)]
        optional = [query for i, (_, query) in enumerate(self.words) if i not in required]
        base: wq.Query = must[0] if len(must) == 1 else wq.And(must)
        if optional:
            base = wq.AndMaybe(base, optional[0] if len(optional) == 1 else Union(optional))
        return _combine([base], self.parsed) or self.query


def relax(parsed: ParsedQuery) -> RelaxedQuery | None:
    """The "most of the words" form of a query with two or more free words, else None.

    The free words are ORed; everything asked for explicitly (phrases, fields, dates,
    flags, OR groups, exclusions) stays required with its exact meaning.
    """
    free = parsed.free_words()
    if len(free) < 2:
        return None
    free_ids = {id(clause) for clause in free}
    words: list[tuple[str, wq.Query]] = []
    for clause in free:
        compiled = _compile(clause)
        if compiled is not None:
            words.append((" ".join(clause.words), compiled))
    if len(words) < 2:
        return None
    required = [
        _or([_compile(c) for c in group])
        for group in _drop_stopword_groups(parsed.groups)
        if not (len(group) == 1 and id(group[0]) in free_ids)
    ]
    positive = [q for q in required if q is not None]
    explicit = list(positive)
    positive.append(Union([query for _, query in words]))
    query = _combine(positive, parsed)
    return RelaxedQuery(query, words, explicit, parsed) if query is not None else None


class _ExhaustibleAndNotMatcher(AndNotMatcher):
    """Whoosh's "a but not b" matcher, safe when skipping exhausts ``a``.

    Whoosh's ``AndNotMatcher.skip_to_quality`` lets ``a`` skip every block that cannot
    reach the page, then asks ``a`` for its current id even when that skip ran it out:
    ``IndexError`` on "word -other" once the remaining blocks of ``word`` score too low
    (found on 10k articles when the union tree made block skipping effective).
    """

    def _find_next(self):  # type: ignore[no-untyped-def]  # Whoosh's signature
        if not self.a.is_active():
            return False
        return super()._find_next()


class Excluding(wq.AndNot):
    """``a -b``: ``wq.AndNot`` with the matcher above."""

    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]  # Whoosh's
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return _ExhaustibleAndNotMatcher(scored, excluded)


def _combine(positive: list[wq.Query], parsed: ParsedQuery) -> wq.Query | None:
    negative = [q for q in (_compile(c) for c in parsed.excluded) if q is not None]
    if not positive and not negative:
        return None
    base: wq.Query = wq.And(positive) if len(positive) > 1 else (positive or [wq.Every()])[0]
    if negative:
        excluded = negative[0] if len(negative) == 1 else wq.Or(negative)
        return Excluding(base, excluded)
    return base


def _drop_stopword_groups(groups: list[list[Clause]]) -> list[list[Clause]]:
    """Bare stopwords ("the", "di", "quando") would only demand a language or a question;
    drop them if others remain."""
    common = query_stopwords()

    def only_stopwords(group: list[Clause]) -> bool:
        return len(group) == 1 and group[0].kind == "word" and set(group[0].words) <= common

    kept = [group for group in groups if not only_stopwords(group)]
    return kept or groups


def _or(queries: list[wq.Query | None]) -> wq.Query | None:
    present = [q for q in queries if q is not None]
    if not present:
        return None
    return present[0] if len(present) == 1 else Union(present)


def _compile(clause: Clause) -> wq.Query | None:
    kind = clause.kind
    if kind == "date":
        return wq.NumericRange("published", clause.low, clause.high)
    if kind == "flag" and clause.flag is not None:
        return wq.Term(clause.flag[0], clause.flag[1])
    if kind == "lang":
        return wq.Term("lang", clause.lang)
    if kind == "word":
        return _and([_word(clause.field, word) for word in clause.words])
    exact_fields = _exact_fields(clause.field)
    if kind == "prefix":
        *words, prefix = clause.words
        prefixed = _or([FrequentPrefix(name, prefix, boost=w) for name, w in exact_fields])
        return _and([*(_word(clause.field, word) for word in words), prefixed])
    if kind == "phrase":
        if len(clause.words) == 1:
            return _or([wq.Term(name, clause.words[0], boost=w) for name, w in exact_fields])
        return _or([wq.Phrase(name, list(clause.words), boost=w) for name, w in exact_fields])
    return None


def _exact_fields(logical: str | None) -> list[tuple[str, float]]:
    """Unstemmed fields for phrases and prefixes: everywhere, plus the title for its weight."""
    weights = schema.WEIGHTS
    if logical is None:
        return [("text", weights.text), ("title", weights.title)]
    exact, _, weight = _FIELDS.get(logical, _FIELDS[None])
    return [(exact, getattr(weights, weight))]


def word_terms(word: str) -> tuple[list[str], bool]:
    """The terms a folded word has in the stemmed fields (its stems and, for articles in
    other languages, itself), and whether some language drops it as a stopword: the
    articles of that language then have it only in the unstemmed field."""
    stems = [stem(lang, word) for lang in STEMMED_LANGUAGES]
    present = [term for term in stems if term]
    if not present:
        return [], True
    return list(dict.fromkeys([*present, word])), len(present) < len(stems)


def _word(logical: str | None, word: str) -> wq.Query | None:
    """One typed word: its stems in the stemmed catch-all (and title, for the weight), plus
    the word itself in the unstemmed field where a language does not stem it (stopwords)."""
    weights = schema.WEIGHTS
    exact, stemmed, weight_name = _FIELDS.get(logical, _FIELDS[None])
    weight = getattr(weights, weight_name)
    terms, stopword = word_terms(word) if stemmed else ([], True)
    queries: list[wq.Query | None] = [wq.Term(stemmed, term, boost=weight) for term in terms]
    if logical is None:
        queries += [wq.Term("title_stems", term, boost=weights.title) for term in terms]
    if stopword:
        queries.append(wq.Term(exact, word, boost=weight))
        if logical is None:
            queries.append(wq.Term("title", word, boost=weights.title))
    return _or(queries)


def _and(queries: list[wq.Query | None]) -> wq.Query | None:
    present = [q for q in queries if q is not None]
    if not present:
        return None
    return present[0] if len(present) == 1 else wq.And(present)
