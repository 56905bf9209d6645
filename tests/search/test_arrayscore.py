"""The array scorer gives exactly what Whoosh's own collector gives: the same hits, in the
same order, with the same scores, and the exact number of matches."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.collectors import TopCollector

from reader.library import Article
from reader.search import SearchService
from reader.search.arrayscore import ArrayIndex, _read_postings, segment_postings
from reader.search.query import parse, relax, to_whoosh
from tests.search.conftest import build_store

WORDS_IT = "gatto cane casa sole mare vento pietra fiume bosco strada treno notte".split()
WORDS_EN = "river stone forest train night window garden letter music market".split()


def _articles(count: int) -> list[Article]:
    """Enough articles that common words span several posting blocks (Whoosh writes 128
    postings a block) while rare ones are inlined in the term table."""
    rng = random.Random(5)
    articles = []
    for number in range(count):
        italian = number % 3 != 0
        words = WORDS_IT if italian else WORDS_EN
        body = " ".join(rng.choice(words) for _ in range(rng.randint(5, 60)))
        if number % 17 == 0:
            body += ' "rete neurale" unico' if italian else " neural network unique"
        articles.append(
            Article(
                title=" ".join(rng.sample(words, 3)).capitalize(),
                body=body + " comune common",
                lang="it" if italian else "en",
                category=rng.choice(["Casa", "Viaggi", "Scienza"]),
                published=None
                if number % 29 == 0
                else dt.date(2020, 1, 1) + dt.timedelta(days=number * 3),
                read=number % 4 == 0,
            )
        )
    return articles


@pytest.fixture(scope="module")
def several_segments(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchService]:
    root = tmp_path_factory.mktemp("arrays")
    store, saved = build_store(root / "lib", _articles(330))
    service = SearchService(root / "index", store)
    service.update()
    # Changed and deleted articles: a second segment, and deletions in the first.
    for article_id in saved[:12]:
        store.set_flags(article_id, starred=True)
    store.path_for(saved[20]).unlink()
    service.update()
    yield service
    service.close()


QUERIES = [
    "gatto",
    "comune",
    "gatto cane",
    "gatto cane mare",
    "river stone forest",
    "il gatto e il cane del fiume",
    "what is the river near the forest?",
    '"rete neurale"',
    '"neural network" river',
    '"gatto cane"',
    '"comune common"',
    '"gatto gatto"',
    "fiu*",
    "gatto OR river",
    "gatto -cane",
    "comune -gatto -river",
    "title:gatto",
    "category:viaggi sole",
    "is:unread treno",
    "lang:en music",
    "unico",
    "parolainesistente",
]


def _whoosh(searcher, query, limit):  # type: ignore[no-untyped-def]
    collector = TopCollector(limit)
    searcher.search_with_collector(query, collector)
    ranked = [(hit.docnum, hit.score) for hit in collector.results()]
    return ranked, sum(1 for _ in searcher.docs_for_query(query))


@pytest.mark.parametrize("text", QUERIES)
def test_same_hits_scores_and_count_as_whoosh(several_segments: SearchService, text: str) -> None:
    searcher = several_segments._get_searcher()
    assert searcher is not None and len(searcher.leaf_searchers()) >= 2
    index = ArrayIndex(searcher)
    assert not index.live.all()  # the deleted article is there, and must not be found
    parsed = parse(text)
    compiled = to_whoosh(parsed)
    assert compiled is not None
    relaxed = relax(parsed)
    queries = [compiled] + ([relaxed.query] if relaxed is not None else [])
    for query in queries:
        for limit in (1, 7, 400):
            expected, expected_total = _whoosh(searcher, query, limit)
            got, total = index.evaluation().ranked(query, limit)
            assert total == expected_total, (text, limit)
            assert [docnum for docnum, _ in got] == [docnum for docnum, _ in expected]
            assert [score for _, score in got] == pytest.approx(
                [score for _, score in expected], rel=1e-12
            )


def test_every_posting_list_decodes_as_whoosh_reads_it(several_segments: SearchService) -> None:
    """Single- and multi-block lists, positional fields, segment by segment."""
    searcher = several_segments._get_searcher()
    assert searcher is not None
    index = ArrayIndex(searcher)
    several_blocks = 0
    for segment in index.segments:
        reader = segment.reader
        for fieldname in ("stems", "text", "title_stems", "category"):
            for btext in reader.lexicon(fieldname):
                found = segment_postings(segment, fieldname, btext)
                assert found is not None
                numbers, weights = found
                fieldformat = reader.schema[fieldname].format
                matcher = reader._terms.matcher(fieldname, btext, fieldformat)
                expected_ids, expected_weights = [], []
                while matcher.is_active():
                    expected_ids.append(matcher.id())
                    expected_weights.append(matcher.weight())
                    matcher.next()
                assert (numbers - segment.offset).tolist() == expected_ids, (fieldname, btext)
                assert weights.tolist() == expected_weights
                several_blocks += len(expected_ids) > 128
    assert several_blocks


def test_postings_inlined_in_the_term_table() -> None:
    """Whoosh may keep a rare term's postings in its term info instead of the postings
    file (its ``inlinelimit``)."""
    info = W3TermInfo()
    info.set_inlined([3, 9], [1.0, 2.0], [b"", b""])
    numbers, weights = _read_postings(None, info)
    assert (numbers.tolist(), weights.tolist()) == ([3, 9], [1.0, 2.0])


def test_which_articles_have_a_word(several_segments: SearchService) -> None:
    searcher = several_segments._get_searcher()
    assert searcher is not None
    index = ArrayIndex(searcher)
    query = to_whoosh(parse("fiume"))
    having = index.evaluation().having(query)
    assert set(np.flatnonzero(having).tolist()) == set(searcher.docs_for_query(query))


def test_search_reports_the_exact_count(tmp_path: Path) -> None:
    store, _ = build_store(tmp_path / "lib", _articles(150))
    service = SearchService(tmp_path / "index", store)
    try:
        service.update()
        page = service.search("comune", limit=5)
        assert (len(page.hits), page.total) == (5, 150)
        assert page.hits[0].score >= page.hits[-1].score
    finally:
        service.close()


@pytest.mark.parametrize(
    ("text", "words", "low", "high"),
    [
        ("published:2020-03 comune", "comune", 20200301, 20200331),
        ("published:>=2021-06 treno", "treno", 20210601, None),
        # Whoosh's own NumericRange with an open start matched every dated article.
        ("published:<2020-02 comune -gatto", "comune -gatto", None, 20200131),
        ("published:2020-01..2020-04 river OR gatto", "river OR gatto", 20200101, 20200430),
    ],
)
def test_a_date_clause_filters_without_scoring(
    several_segments: SearchService, text: str, words: str, low: int | None, high: int | None
) -> None:
    """The articles dated in the range (none of those without a date), ranked as the
    words alone rank them: a date filters, it adds nothing to a score."""
    searcher = several_segments._get_searcher()
    assert searcher is not None

    def dated_in_range(docnum: int) -> bool:
        day = searcher.stored_fields(docnum).get("published")
        return day is not None and (low is None or day >= low) and (high is None or day <= high)

    ranked_words, _ = _whoosh(searcher, to_whoosh(parse(words)), 1000)
    expected = [(docnum, score) for docnum, score in ranked_words if dated_in_range(docnum)]
    got, total = ArrayIndex(searcher).evaluation().ranked(to_whoosh(parse(text)), 1000)
    assert total == len(expected) > 0
    assert [docnum for docnum, _ in got] == [docnum for docnum, _ in expected]
    assert [score for _, score in got] == pytest.approx([s for _, s in expected], rel=1e-12)


def test_filters_alone_list_the_newest_first_and_the_undated_last(
    several_segments: SearchService,
) -> None:
    searcher = several_segments._get_searcher()
    assert searcher is not None
    early = several_segments.search("published:<2020-02", limit=100)
    days = [hit.published for hit in early.hits]
    assert early.total == len(days) == 10  # days 3..30 of January 2020, newest first
    assert days == sorted(days, reverse=True) and days[0] == dt.date(2020, 1, 31)
    unread = several_segments.search("is:unread", limit=1000)
    dated = [hit.published for hit in unread.hits if hit.published is not None]
    assert dated == sorted(dated, reverse=True)
    undated = [hit for hit in unread.hits if hit.published is None]
    assert undated and unread.hits[-len(undated) :] == undated


def test_a_phrase_minus_a_word_drops_every_article_with_the_word(
    several_segments: SearchService,
) -> None:
    """Whoosh's own matchers kept an article having "music" for this query (a span
    matcher under its and-not, on an index of two segments); the arrays do not."""
    searcher = several_segments._get_searcher()
    assert searcher is not None
    phrase = set(searcher.docs_for_query(to_whoosh(parse('"river stone forest"'))))
    music = set(searcher.docs_for_query(to_whoosh(parse("music"))))
    assert phrase and phrase & music
    evaluation = ArrayIndex(searcher).evaluation()
    got = set(np.flatnonzero(evaluation.having(to_whoosh(parse('"river stone forest" -music')))))
    assert got == phrase - music
