"""SearchService answers: ranking, every query form, stemming, folding, snippets, similar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.library import Article
from reader.search import SearchHit, SearchResults, SearchService
from tests.search.conftest import build_store

IA, SORA, PASTA, GARDEN, PIANTE = range(5)


def found(service: SearchService, query: str, **kwargs: int) -> list[str]:
    """The articles that match the whole query (partial matches follow them; see below)."""
    return [hit.id for hit in service.search(query, **kwargs).hits if not hit.partial]


def test_result_shape(service: SearchService, ids: list[str]) -> None:
    results = service.search("hollywood")
    assert isinstance(results, SearchResults)
    assert results.query == "hollywood" and results.total == 1 and results.suggestion is None
    [hit] = results.hits
    assert isinstance(hit, SearchHit)
    assert (hit.id, hit.title, hit.published, hit.category) == (
        ids[SORA],
        "Sora e Hollywood",
        dt.date(2024, 1, 10),
        "IA",
    )
    assert hit.score > 0
    assert "<b>Hollywood</b>" in hit.snippet


def test_title_hit_ranks_above_body_hits(tmp_path: Path) -> None:
    body_heavy = Article(title="Notes", body="tomato " * 40 + "and more tomato talk", lang="en")
    titled = Article(title="Tomato", body="A short note about the garden.", lang="en")
    store, (heavy_id, title_id) = build_store(tmp_path / "lib", [body_heavy, titled])
    with_service = SearchService(tmp_path / "ix", store)
    try:
        with_service.update()
        assert found(with_service, "tomato") == [title_id, heavy_id]
    finally:
        with_service.close()


def test_words_are_anded_and_ranked(service: SearchService, ids: list[str]) -> None:
    assert found(service, "neural tomatoes") == [ids[GARDEN]]
    assert found(service, "neural pasta") == []


def test_phrase(service: SearchService, ids: list[str]) -> None:
    assert found(service, '"machine learning"') == [ids[PASTA]]
    assert found(service, '"learning machine"') == []
    assert found(service, '"reti neurali"') == [ids[IA]]


def test_or_and_exclusion(service: SearchService, ids: list[str]) -> None:
    assert set(found(service, "pasta OR hollywood")) == {ids[PASTA], ids[SORA]}
    assert found(service, "ia -hollywood") == [ids[IA]]
    assert set(found(service, "-ia")) == {ids[PASTA], ids[GARDEN], ids[PIANTE]}


def test_prefix(service: SearchService, ids: list[str]) -> None:
    assert set(found(service, "hollyw*")) == {ids[SORA]}
    assert set(found(service, "intellig*")) == {ids[IA], ids[PIANTE]}


def test_field_queries(service: SearchService, ids: list[str]) -> None:
    assert found(service, "title:pasta") == [ids[PASTA]]
    assert found(service, "title:water") == []  # only in the body
    assert found(service, "author:rossi") == [ids[IA]]
    assert set(found(service, "category:ia")) == {ids[IA], ids[SORA]}
    assert found(service, 'tag:"futuro del lavoro"') == [ids[IA]]
    assert found(service, "tag:lavoro") == [ids[IA]]
    assert set(found(service, "lang:en")) == {ids[PASTA], ids[GARDEN]}
    assert set(found(service, "lang:it")) == {ids[IA], ids[SORA], ids[PIANTE]}  # Sora detected


def test_related_titles_are_indexed(service: SearchService, ids: list[str]) -> None:
    assert found(service, "broadcom") == [ids[SORA]]


def test_dates(service: SearchService, ids: list[str]) -> None:
    assert found(service, "published:2024") == [ids[PIANTE], ids[IA], ids[SORA]]  # newest first
    assert found(service, "published:2024-03") == [ids[IA]]
    assert found(service, "published:2024-01..2024-03") == [ids[IA], ids[SORA]]
    assert found(service, "published:[2022 TO 2023]") == [ids[PASTA], ids[GARDEN]]
    assert found(service, "ia published:2024-01") == [ids[SORA]]


def test_flags(service: SearchService, ids: list[str]) -> None:
    assert found(service, "is:starred") == [ids[SORA]]
    assert ids[PASTA] not in found(service, "is:unread")
    assert found(service, "is:read") == [ids[PASTA]]


def test_italian_stemming(service: SearchService, ids: list[str]) -> None:
    assert ids[IA] in found(service, "intelligenze")
    assert set(found(service, "intelligenza")) == {ids[IA], ids[PIANTE]}
    assert found(service, "comunicare piante") == [ids[PIANTE]]


def test_english_stemming(service: SearchService, ids: list[str]) -> None:
    assert found(service, "cooked") == [ids[PASTA]]
    assert found(service, "gardener") == [ids[GARDEN]]


@pytest.mark.parametrize("query", ["IA", "ia", "l'IA", "l’IA", "dell’IA", "DELL'ia"])
def test_apostrophes_and_case_fold(service: SearchService, ids: list[str], query: str) -> None:
    assert set(found(service, query)) == {ids[IA], ids[SORA]}


def test_accents_fold(service: SearchService, ids: list[str]) -> None:
    assert found(service, "perche") == [ids[IA]]
    assert found(service, "PERCHÉ") == [ids[IA]]
    assert found(service, "novita") == [ids[IA]]


def test_did_you_mean(service: SearchService) -> None:
    results = service.search("hollywod")
    assert results.total == 0
    assert results.suggestion == "hollywood"
    results = service.search("title:intelligenca artificiale")
    assert results.suggestion == "title:intelligenza artificiale"
    assert service.search("hollywood").suggestion is None
    assert service.search("zzzzqqqq").suggestion is None


def test_snippets_are_escaped_and_marked(tmp_path: Path) -> None:
    body = "Before <script>alert(1)</script> & after: the quick brown fox " + "filler " * 80
    store, _ = build_store(tmp_path / "lib", [Article(title="T", body=body)])
    search = SearchService(tmp_path / "ix", store)
    try:
        search.update()
        [hit] = search.search("fox").hits
        assert "<b>fox</b>" in hit.snippet
        assert "<script" not in hit.snippet
        assert hit.snippet.replace("<b>", "").replace("</b>", "").count("<") == 0
        assert len(hit.snippet) < 400
    finally:
        search.close()


def test_snippet_marks_stems_phrases_and_prefixes(service: SearchService) -> None:
    [hit] = service.search("comunicare").hits
    assert "<b>comunicano</b>" in hit.snippet
    [hit] = service.search('"machine learning"').hits
    assert "<b>machine</b> <b>learning</b>" in hit.snippet
    [hit] = service.search("hollyw*").hits
    assert "<b>Hollywood</b>" in hit.snippet
    [hit] = [hit for hit in service.search("dell'IA sora").hits if not hit.partial]
    assert "dell’<b>IA</b>" in hit.snippet


def test_terms_for_the_reading_view(service: SearchService) -> None:
    assert service.search('L’IA "Reti Neurali" intell* -pasta').terms == [
        "ia",
        "reti neurali",
        "intell",
    ]


def test_limit(service: SearchService) -> None:
    results = service.search("is:unread", limit=2)
    assert len(results.hits) == 2 and results.total == 4


def test_similar(tmp_path: Path) -> None:
    articles = [
        Article(title="Rust memory safety", body="Rust borrow checker ownership lifetimes " * 5),
        Article(title="Ownership in Rust", body="The borrow checker enforces ownership " * 5),
        Article(title="Baking bread", body="Flour water yeast salt oven crust " * 5),
        Article(title="Sourdough", body="Yeast starter flour oven crust baking " * 5),
    ]
    store, ids = build_store(tmp_path / "lib", articles)
    search = SearchService(tmp_path / "ix", store)
    try:
        search.update()
        similar = search.similar(ids[0])
        assert similar and similar[0].id == ids[1]
        assert ids[0] not in [hit.id for hit in similar]
        assert search.similar(ids[2])[0].id == ids[3]
        assert search.similar("no-such-article") == []
    finally:
        search.close()


def test_empty_library_and_empty_query(tmp_path: Path) -> None:
    store, _ = build_store(tmp_path / "lib", [])
    search = SearchService(tmp_path / "ix", store)
    try:
        assert search.search("anything").hits == []  # before any update
        stats = search.update()
        assert (stats.added, stats.rebuilt) == (0, True)
        assert search.search("anything").total == 0
        assert search.search("").hits == []
    finally:
        search.close()


def test_snippets_do_not_mark_stopwords(empty_services) -> None:
    from reader.library.model import Article

    store = empty_services.store
    store.add(
        Article(
            title="Nota",
            body="La collaborazione tra Roma e Milano è una storia lunga e bella.",
            lang="it",
        )
    )
    service = empty_services.search
    service.update()
    (hit,) = service.search("una collaborazione e Milano").hits
    assert "<b>collaborazione</b>" in hit.snippet and "<b>Milano</b>" in hit.snippet
    assert "<b>e</b>" not in hit.snippet and "<b>una</b>" not in hit.snippet
    (only_stopwords,) = service.search('"una storia"').hits
    assert "<b>una</b> <b>storia</b>" in only_stopwords.snippet  # a phrase keeps every word


def test_highlights_and_their_notes_are_searchable(tmp_path: Path) -> None:
    from reader.library.model import Highlight

    marked = Article(
        title="Bees",
        body="Bees dance to tell the hive where the flowers are.",
        lang="en",
        highlights=[Highlight("Bees dance", note="Compare with ants' pheromone trails")],
    )
    plain = Article(title="Ants", body="Ants follow pheromone trails to food.", lang="en")
    later = Article(title="Wasps", body="Wasps build paper nests.", lang="en")
    store, (marked_id, plain_id, later_id) = build_store(
        tmp_path / "library", [marked, plain, later]
    )
    service = SearchService(tmp_path / "index", store)
    try:
        service.update()
        assert found(service, "has:highlights") == [marked_id]
        assert found(service, "note:pheromone") == [marked_id]
        assert found(service, "notes:trails") == [marked_id]  # alias, folded words
        assert found(service, "note:nests") == []  # body text is not a note
        # A note's words are not body words: a plain search finds the article with them
        # in its body only.
        assert found(service, "pheromone") == [plain_id]
        assert set(found(service, "-has:highlights")) == {plain_id, later_id}

        # A highlight added later is found after the next sync.
        article = store.get(later_id)
        article.highlights = [Highlight("paper nests", colour="green", note="origami")]
        store.update(article)
        service.update()
        assert set(found(service, "has:highlights")) == {marked_id, later_id}
        assert found(service, "note:origami") == [later_id]
    finally:
        service.close()
