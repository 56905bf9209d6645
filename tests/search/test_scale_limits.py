"""What keeps queries fast on a large library: counting stops at a limit, and a prefix
looks for its most frequent words only. Both are visible to a person, so both are pinned."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import Article
from reader.search import SearchService, query, service
from tests.search.conftest import build_store


@pytest.fixture
def llamas(tmp_path: Path) -> Iterator[SearchService]:
    articles = [
        Article(title=f"Note {number}", body=f"A llama walks {number} miles.", lang="en")
        for number in range(12)
    ]
    articles += [
        Article(title="Energia solare", body="energia energia del sole", lang="it"),
        Article(title="Energia eolica", body="energia dal vento, energetico", lang="it"),
        Article(title="Impianti", body="un impianto energetico nuovo", lang="it"),
        Article(title="Parola rara", body="un energumeno alla porta", lang="it"),
    ]
    store, _ = build_store(tmp_path / "library", articles)
    search = SearchService(tmp_path / "index", store)
    search.update()
    yield search
    search.close()


def test_total_is_exact_below_the_count_limit(llamas: SearchService) -> None:
    results = llamas.search("llama", limit=2)
    assert len(results.hits) == 2
    assert results.total == 12
    assert results.total_text() == "12"


def test_prefix_looks_for_its_most_frequent_words(
    llamas: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = {hit.title for hit in llamas.search("energ*").hits}
    assert everything == {"Energia solare", "Energia eolica", "Impianti", "Parola rara"}
    monkeypatch.setattr(query, "MAX_PREFIX_WORDS", 2)  # energia (2 articles), energetico (2)
    frequent = {hit.title for hit in llamas.search("energ*").hits}
    assert frequent == {"Energia solare", "Energia eolica", "Impianti"}


def test_did_you_mean_looks_beyond_the_largest_segments_when_they_have_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _ = build_store(tmp_path / "lib")
    search = SearchService(tmp_path / "index", store)
    try:
        search.update()
        store.add(Article(title="Viaggio", body="Un viaggio a Zanzibar, isola delle spezie."))
        search.update()  # a second, smaller segment holds the only "zanzibar"
        assert search.segment_count() >= 2
        monkeypatch.setattr(service, "SUGGESTION_SAMPLE", 1)  # the largest segment only
        assert search.search("zanzibra").suggestion == "zanzibar"
        assert search.search("piantr").suggestion == "piante"  # found in the sample
    finally:
        search.close()
